"""Helpers for documents in the layout of Nghị định 30/2020/NĐ-CP (công tác văn thư):
the place and date line, the issuing block, the recipients, the signer block, and
rendering a Word template of ``documents/templates`` with docxtpl.

Nothing here knows about plans or registration: the modules that prepare a
document's values (``plans/documents.py``, ``registration/documents.py``) use these.
"""

import io

from docxtpl import DocxTemplate

from core.text import fold
from org.models import ADMINISTRATIVE_KINDS

from . import template_path

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_date(day, place="Hà Nội") -> str:
    """"Hà Nội, ngày 24 tháng 12 năm 2021" (NĐ 30/2020, Phụ lục I, mục II.4: days under 10
    and the months 1 and 2 take a leading zero); blanks to fill by hand when there is no date."""
    if day is None:
        return f"{place}, ngày      tháng      năm"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def paragraphs(text) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def upper(text):
    return (text or "").upper()


def lower_first(text):
    return text[:1].lower() + text[1:]


def issuing_lines(issuer, unit):
    """(superior, body) of the top-left block: "UBND QUẬN THANH XUÂN" above "HỘI ĐỒNG THI ĐUA -
    KHEN THƯỞNG" for a council of an administrative level; the issuer alone otherwise."""
    issuer = (issuer or "").strip() or unit.name
    if unit.kind in ADMINISTRATIVE_KINDS and fold(issuer).startswith("hoi dong"):
        body = issuer
        if fold(body).endswith(fold(unit.name)):
            body = body[: len(body) - len(unit.name)].rstrip(" -,")
        return f"UBND {upper(unit.name)}", upper(body)
    return "", upper(issuer)


def recipient_lines(text):
    """One line per recipient ending in ";", the filing line last ("Lưu: VT, SNV.") as the
    user wrote it; "Lưu: VT." only when they wrote none (NĐ 30/2020, Phụ lục I, mục II.9)."""
    lines = [line.strip().lstrip("-–• ").rstrip(" ;.") for line in (text or "").splitlines() if line.strip()]
    lines = [line for line in lines if line]
    archive = [line for line in lines if fold(line).startswith("luu")]
    others = [line for line in lines if not fold(line).startswith("luu")]
    return [f"{line};" for line in others] + [f"{archive[-1] if archive else 'Lưu: VT'}."]


def signer_lines(title):
    """The signer's authority and title, one upper-case line each."""
    return [upper(line.strip()) for line in (title or "").splitlines() if line.strip()]


def balanced_lines(text, limit=24):
    """A long issuing body on two lines split near the middle (after " - " when there is
    one), so that Word does not leave its last word alone: "HỘI ĐỒNG THI ĐUA -" /
    "KHEN THƯỞNG"."""
    if len(text) <= limit or " " not in text:
        return [text]
    words = text.split(" ")
    best, best_score = None, None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        score = abs(len(first) - len(second)) - (6 if first.endswith("-") else 0)
        if fold(words[i - 1]) in ("va", "cua", "ve", "thuoc"):  # never end a line on a joining word
            score += 6
        if second.startswith("-"):
            continue
        if best_score is None or score < best_score:
            best, best_score = [first, second], score
    return best or [text]


def render(name, context) -> bytes:
    """``documents/templates/<name>`` filled with ``context`` (values escaped)."""
    doc = DocxTemplate(template_path(name))
    doc.render(context, autoescape=True)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def name_in_sentence(unit) -> str:
    """A unit's name inside a sentence: "phường Phú Lương", "quận Hà Đông"; a city or province keeps its
    capital ("Thành phố Hà Nội", "Tỉnh Bắc Ninh"), as do agencies and schools ("Sở Nội vụ")."""
    if unit.kind in ADMINISTRATIVE_KINDS and not unit.name.startswith(("Thành phố", "Tỉnh")):
        return unit.name[:1].lower() + unit.name[1:]
    return unit.name
