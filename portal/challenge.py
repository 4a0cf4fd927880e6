"""The citizen form's check that a person, not a script, is sending — with no outside service.

Three parts, each cheap for a person and costly for a script that posts blindly:

- a small sum ("7 + 5 bằng bao nhiêu?") whose terms travel signed (``django.core.signing``) with the time the
  form was shown, so the answer cannot be forged or the form replayed after ``TDKT_PORTAL_CHALLENGE_MAX_SECONDS``;
- the time it took: a form sent sooner than ``TDKT_PORTAL_CHALLENGE_MIN_SECONDS`` after it was shown was not
  filled in by hand;
- a honeypot: a field a person never sees (hidden by the stylesheet, skipped by the keyboard) that scripts fill.

The per-address limit (throttle/) stops the rest.
"""

import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

SALT = "portal.challenge"
NUMBERS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def _min_seconds() -> int:
    return int(getattr(settings, "TDKT_PORTAL_CHALLENGE_MIN_SECONDS", 3))


def _max_seconds() -> int:
    return int(getattr(settings, "TDKT_PORTAL_CHALLENGE_MAX_SECONDS", 2 * 3600))


def issue() -> tuple[str, str]:
    """(signed token, question) for a new form."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "t": int(time.time()), "n": secrets.token_hex(4)}, salt=SALT, compress=True)
    return token, question(a, b)


def question(a: int, b: int) -> str:
    return f"{NUMBERS[a].capitalize()} cộng {NUMBERS[b]} bằng bao nhiêu? (ghi bằng chữ số)"


def question_of(token: str) -> str | None:
    """The question a token asks (to show the same form again), or None for a token that does not read."""
    try:
        data = signing.loads(token or "", salt=SALT)
        return question(int(data["a"]), int(data["b"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, IndexError):
        return None


def check(token: str, answer: str, honeypot: str, now: float | None = None) -> None:
    """ValidationError naming the field ``answer`` (or the form, for the honeypot) unless all three hold."""
    if (honeypot or "").strip():
        raise ValidationError("Không gửi được đề xuất. Hãy tải lại trang và gửi lại.", code="honeypot")
    try:
        data = signing.loads(token or "", salt=SALT)
        a, b, shown = int(data["a"]), int(data["b"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError({"answer": "Câu hỏi kiểm tra không hợp lệ: hãy trả lời câu hỏi mới bên dưới."}) from None
    age = (time.time() if now is None else now) - shown
    if age > _max_seconds():
        raise ValidationError({"answer": "Câu hỏi kiểm tra đã hết hạn: hãy trả lời câu hỏi mới bên dưới."})
    if age < _min_seconds():
        raise ValidationError({"answer": "Đề xuất được gửi quá nhanh sau khi mở trang. Hãy kiểm tra lại nội dung "
                                         "rồi gửi lại."})
    typed = (answer or "").strip()
    if not typed:
        raise ValidationError({"answer": "Trả lời câu hỏi kiểm tra."})
    if not typed.isdigit() or int(typed) != a + b:
        raise ValidationError({"answer": "Câu trả lời kiểm tra chưa đúng."})
