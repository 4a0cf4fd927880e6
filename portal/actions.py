"""Every write of the portal: a citizen's proposal and the office's answers. One function per step, keyword-only,
one transaction, the row locked, the step checked against ``portal.workflow``, a ``ProposalEvent`` written,
notifications sent on commit.

Making an accepted deed the ward's exemplar goes through the exemplars' own action (``exemplar_create``): nothing
here writes the exemplars' tables.
"""

import secrets
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core import steps
from core.forms import DATE_MIN
from core.images import read_picture
from core.text import clean_text
from org.duties import Duty, users_at
from org.models import Unit

from . import selectors
from .models import CitizenProposal, ProposalEvent, ProposalPhoto, Status
from .workflow import STEPS, StepRefused, check

MAX_PHOTOS = 5
# The tracking code's letters: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, which people misread from a screen or a phone call.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_GROUPS = 3  # ×4 letters: 25^12 ≈ 6 × 10^16 codes, drawn at random (secrets)

LIMITS = {
    # setting, scope, default: the key is the sender's address, or the unit for the second
    "address": ("TDKT_THROTTLE_PROPOSALS_PER_ADDRESS", "proposal-address", "5/h"),
    "unit": ("TDKT_THROTTLE_PROPOSALS_PER_UNIT", "proposal-unit", "100/d"),
    # Tracking codes that name nothing, from one address (a guess at codes is slowed down, as at /xac-minh/).
    "track": ("TDKT_THROTTLE_TRACK_PER_ADDRESS", "track-address", "20/min"),
}
REFUSALS = {
    "proposal-address": "Bạn đã gửi nhiều đề xuất trong thời gian ngắn. Hãy thử lại sau {wait}.",
    "proposal-unit": "{unit} đang nhận quá nhiều đề xuất cùng lúc. Hãy thử lại sau {wait}.",
}
LENGTHS = {"nominee_name": 200, "nominee_about": 300, "title": 300, "place": 300, "story": 5000,
           "proposer_name": 200, "proposer_contact": 200}
REQUIRED = {
    "nominee_name": "Cần ghi họ và tên người được đề xuất.",
    "title": "Cần ghi việc tốt (nêu ngắn gọn việc làm).",
    "place": "Cần ghi địa điểm.",
    "story": "Cần ghi câu chuyện: việc làm, hoàn cảnh, kết quả.",
    "proposer_name": "Cần ghi họ và tên của bạn.",
    "proposer_contact": "Cần ghi số điện thoại hoặc thư điện tử để cơ quan liên hệ khi cần xác minh.",
}
LABELS = {"nominee_name": "Người được đề xuất", "nominee_about": "Giới thiệu ngắn", "title": "Việc tốt",
          "place": "Địa điểm", "story": "Câu chuyện", "proposer_name": "Họ và tên của bạn",
          "proposer_contact": "Số điện thoại hoặc thư điện tử"}


one_step = steps.one_step(StepRefused, "Hệ thống đang bận; hãy thử lại sau giây lát.")


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(4 * CODE_GROUPS))
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def _limit(name, key):
    from django.conf import settings

    from throttle.limits import Limit, parse_rate

    setting, scope, default = LIMITS[name]
    rate = parse_rate(getattr(settings, setting, default))
    return Limit(scope, str(key), *rate) if rate else None


def track_limit(client_address):
    """The limit on tracking codes looked up in vain from ``client_address``."""
    return _limit("track", client_address or "unknown")


def _event(p, actor, verb, from_status, to_status, reason="", **data):
    ProposalEvent.objects.create(proposal=p, actor=actor if getattr(actor, "pk", None) else None, verb=verb,
                                 from_status=from_status, to_status=to_status, reason=reason, data=data)


def _tell(users, title, body, p):
    from notifications.notify import notify_users

    users, url = list(users), reverse("portal:office_detail", args=[p.pk])
    transaction.on_commit(lambda: notify_users(users, title, body, url))


def _checked(data: dict, day: date) -> dict:
    errors = {}
    out = {}
    for name in LENGTHS:
        value = clean_text(data.get(name) or "", multiline=name == "story")
        out[name] = value.strip() if isinstance(value, str) else ""
        if len(out[name]) > LENGTHS[name]:
            errors[name] = f"{LABELS[name]} tối đa {LENGTHS[name]:,} ký tự (đã nhập {len(out[name]):,}).".replace(",", ".")
        elif name in REQUIRED and not out[name]:
            errors[name] = REQUIRED[name]
    deed_on = data.get("deed_on")
    if not isinstance(deed_on, date):
        errors["deed_on"] = "Cần ghi thời gian (ngày diễn ra việc làm), theo dạng dd/mm/yyyy."
    elif deed_on > day:
        errors["deed_on"] = f"Ngày {deed_on:%d/%m/%Y} chưa đến."
    elif deed_on < DATE_MIN:
        errors["deed_on"] = f"Ngày phải từ {DATE_MIN:%d/%m/%Y}."
    else:
        out["deed_on"] = deed_on
    if errors:
        raise ValidationError(errors)
    return out


def _pictures(uploads):
    uploads = [u for u in uploads or [] if u]
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError({"photos": f"Gửi tối đa {MAX_PHOTOS} ảnh (đã chọn {len(uploads)})."})
    pictures, errors = [], []
    for upload in uploads:
        name = clean_text(getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:150]
        try:
            pictures.append(read_picture(upload))
        except ValidationError as e:
            errors += [f"Tệp “{name}”: {m}" if name else m for m in e.messages]
    if errors:
        raise ValidationError({"photos": errors})
    return pictures


@one_step
def proposal_submit(*, unit: Unit, photos=(), client_address: str | None = None, **fields) -> CitizenProposal:
    """A citizen (no account) proposes a good person or deed to the ward or commune ``unit``. All or nothing: a field
    or a photo refused writes nothing. Counted against the per-address and per-unit limits; past them
    ``throttle.actions.Throttled`` is raised (HTTP 429 on the page) and nothing is written, not even a count. The
    ward's standing office is told."""
    from throttle import actions as throttle

    if unit is None or not selectors.receiving_units().filter(pk=unit.pk).exists():
        raise ValidationError({"unit": "Chọn phường, xã nơi có người tốt, việc tốt."})
    data = _checked(fields, timezone.localdate())
    pictures = _pictures(photos)
    verdict = throttle.hit_all([_limit("address", client_address) if client_address else None,
                                _limit("unit", unit.pk)])
    if not verdict:
        raise throttle.Throttled(verdict, REFUSALS[verdict.scope].format(wait=verdict.wait, unit=unit.name))
    # Keyed by the site's secret: a bare hash of an IPv4 address is undone by trying the 4 billion of them.
    digest = salted_hmac("portal.proposal-address", client_address, algorithm="sha256").hexdigest() \
        if client_address else ""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                p = CitizenProposal.objects.create(code=new_code(), unit=unit, address_digest=digest, **data)
            break
        except IntegrityError:  # the same random code twice: draw again
            continue
    else:
        raise StepRefused("Không tạo được mã theo dõi; hãy gửi lại.")
    for i, pic in enumerate(pictures, start=1):
        stem = uuid.uuid4().hex
        photo = ProposalPhoto(proposal=p, width=pic.width, height=pic.height, content_type=pic.content_type,
                              size=len(pic.data), sha256=pic.sha256, position=i)
        photo.image.save(f"{stem}{pic.ext}", ContentFile(pic.data), save=False)
        photo.thumb.save(f"{stem}-nho{pic.ext}", ContentFile(pic.thumb), save=False)
        photo.save()
    _event(p, None, "submit", "", Status.RECEIVED, photos=len(pictures))
    _tell(users_at(unit, Duty.STANDING_OFFICE), f"Người dân đề xuất người tốt, việc tốt: {p.title}"[:300],
          f"{p.nominee_name} — {p.place}. Mã {p.code}.", p)
    return p


def _lock(p) -> CitizenProposal:
    return CitizenProposal.objects.select_for_update(of=("self",)).select_related("unit").get(pk=p.pk)


def _move(p, actor, verb, reason=""):
    step = check(actor, p, verb)
    to = step.target
    if not step.reaches(p.status, to):
        raise StepRefused(f"Bước “{step.label}” không dẫn tới trạng thái này.")
    before = p.status
    p.status = to
    return before


def _reason(reason, required, what="lý do"):
    text = clean_text(reason or "", multiline=True).strip()
    if required and not text:
        raise ValidationError({"answer": f"Cần ghi {what} để người đề xuất được biết."})
    if len(text) > 2000:
        raise ValidationError({"answer": f"Trả lời tối đa 2.000 ký tự (đã nhập {len(text):,}).".replace(",", ".")})
    return text


@one_step
def proposal_verify(*, acting_user, proposal: CitizenProposal) -> CitizenProposal:
    """The office starts verifying: the citizen's tracking page says so."""
    p = _lock(proposal)
    before = _move(p, acting_user, "verify")
    p.save(update_fields=["status", "updated_at"])
    _event(p, acting_user, "verify", before, p.status)
    return p


@one_step
def proposal_accept(*, acting_user, proposal: CitizenProposal, answer: str = "") -> CitizenProposal:
    """The office recognises the deed; ``answer`` is what the citizen reads (a word of thanks by default)."""
    p = _lock(proposal)
    before = _move(p, acting_user, "accept")
    p.answer = _reason(answer, False) or (f"{p.unit.name} ghi nhận và biểu dương việc làm của {p.nominee_name}. "
                                          "Cảm ơn bạn đã đề xuất.")
    p.answered_at, p.answered_by = timezone.now(), acting_user
    p.save(update_fields=["status", "answer", "answered_at", "answered_by", "updated_at"])
    _event(p, acting_user, "accept", before, p.status, reason=p.answer)
    return p


@one_step
def proposal_decline(*, acting_user, proposal: CitizenProposal, answer: str) -> CitizenProposal:
    """The office does not recognise it, with the reason the citizen reads."""
    p = _lock(proposal)
    text = _reason(answer, True)
    before = _move(p, acting_user, "decline")
    p.answer, p.answered_at, p.answered_by = text, timezone.now(), acting_user
    p.save(update_fields=["status", "answer", "answered_at", "answered_by", "updated_at"])
    _event(p, acting_user, "decline", before, p.status, reason=text)
    return p


@one_step
def proposal_make_exemplar(*, acting_user, proposal: CitizenProposal):
    """The ward makes the accepted deed its own exemplar proposal of this month (a draft, with the citizen's photos,
    sent to the level above by the exemplars' steps). The proposer's name and contact are not carried over."""
    from django.core.files.base import File

    from exemplars.actions import exemplar_create
    from exemplars.models import SubjectKind

    p = _lock(proposal)
    check(acting_user, p, "exemplar")
    day = timezone.localdate()
    uploads = []
    for photo in p.photos.order_by("position", "id"):
        f = photo.image.open("rb")
        uploads.append(File(f, name=photo.image.name.rsplit("/", 1)[-1]))
    try:
        e = exemplar_create(acting_user=acting_user, unit=p.unit, photos=uploads, year=day.year, month=day.month,
                            subject_kind=SubjectKind.OUTSIDER, outsider_name=p.nominee_name,
                            outsider_about=p.nominee_about, title=p.title, deed_on=p.deed_on, place=p.place,
                            story=f"{p.story}\n\n(Người dân đề xuất qua cổng thông tin.)")
    finally:
        for f in uploads:
            f.close()
    p.exemplar = e
    p.save(update_fields=["exemplar", "updated_at"])
    _event(p, acting_user, "exemplar", p.status, p.status, exemplar=e.code)
    return e


STEP_ACTIONS = {"verify": proposal_verify, "accept": proposal_accept, "decline": proposal_decline}
assert set(STEP_ACTIONS) | {"submit", "exemplar"} == set(STEPS)
