"""Helpers for documents in the layout of Nghị định 30/2020/NĐ-CP (công tác văn thư):
the issuing body's lines, the place and date line, the number and symbol, the recipients,
the signer block, and rendering a Word template of ``documents/templates`` with docxtpl.

Every document the application makes (plan, registration summary, tờ trình, báo cáo thành
tích, biên bản, decision, revocation decision, certificate) takes these from here, so that
they read the same way:

- ``heading(unit, day=…, issuer=…, number=…)``: the values of the top block — ``superior``,
  ``body_lines``, ``number``, ``place_date`` — for a template built by ``build_templates``;
- ``issuing_block(unit, issuer)``: "ỦY BAN NHÂN DÂN" over "PHƯỜNG PHÚ LƯƠNG"; "UBND PHƯỜNG
  PHÚ LƯƠNG" over "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"; "UBND THÀNH PHỐ HÀ NỘI" over "SỞ NỘI VỤ";
- ``document_place(unit)``: "Phú Lương", "Tây Hồ", "Hà Nội", "Phường 12";
- ``document_number`` / ``document_symbol`` / ``document_reference``: "05/QĐ-UBND";
- ``signer_block(who, on_behalf=…, head=…)``: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH";
- ``head_title(unit)``, ``deciding_title(unit)``, ``deciding_person(unit)``: "CHỦ TỊCH",
  "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG", "Chủ tịch Ủy ban nhân dân phường Phú Lương".

The căn cứ of a decision are rulebook data: ``documents.bases``.
"""

import io
import re

from core.text import clean_text, fold
from org.models import ADMINISTRATIVE_KINDS

from . import template_path

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The type words an administrative unit's name starts with, as units are stored ("Phường Phú Lương",
# "Quận Tây Hồ", "Thành phố Hà Nội"); the longest first.
TYPE_WORDS = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Quận", "Huyện", "Phường", "Xã")

COMMITTEE = "ỦY BAN NHÂN DÂN"
COUNCIL = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"


# --- text ---------------------------------------------------------------------------------

def paragraphs(text) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def clause(text) -> str:
    """``text`` without the punctuation it ends with (". ; , :" and spaces), to be set inside a sentence that adds
    its own: a reason typed "Khai sai số liệu;" read in "Lý do: …; thuộc trường hợp …" would end ";;"."""
    return (text or "").strip().rstrip(" .;,:…").strip()


def upper(text):
    return (text or "").upper()


def lower_first(text):
    return text[:1].lower() + text[1:]


def name_in_sentence(unit) -> str:
    """A unit's name inside a sentence: "phường Phú Lương", "quận Hà Đông"; a city or province keeps its
    capital ("Thành phố Hà Nội", "Tỉnh Bắc Ninh"), as do agencies and schools ("Sở Nội vụ")."""
    if unit.kind in ADMINISTRATIVE_KINDS and not unit.name.startswith(("Thành phố", "Tỉnh")):
        return unit.name[:1].lower() + unit.name[1:]
    return unit.name


# --- the administrative unit, the place -----------------------------------------------------

def split_unit_name(name) -> tuple[str, str]:
    """("Phường", "Phú Lương") of "Phường Phú Lương"; ("", name) when it starts with no type word."""
    name = (name or "").strip()
    for word in TYPE_WORDS:
        if fold(name).startswith(fold(word) + " "):
            return name[: len(word)], name[len(word):].strip()
    return "", name


# Ordinals and numbers a unit may be named by ("Phường 12", "Phường Một", "Quận I").
_ORDINALS = {"mot", "hai", "ba", "bon", "tu", "nam", "sau", "bay", "tam", "chin", "muoi", "nhat", "nhi"}
_ROMAN = re.compile(r"^[ivxlc]+$")
# Family names that, followed by two words or more, name a person ("Phường Trần Hưng Đạo", "Xã Hoàng Văn Thụ").
_SURNAMES = {"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
             "duong", "ly", "dinh", "doan", "truong", "luong", "mai", "cao", "lam", "to", "chu", "trinh", "ha", "ta",
             "quach", "dao", "kim", "tong", "thai", "luu", "nong", "giap", "khuc", "mac", "cu"}


def keeps_type_word(rest) -> bool:
    """NĐ 30/2020, Phụ lục I, mục II.4.a: a unit named after a person, by a number or a historical event is written
    with its full name ("Phường 12", "Phường Trần Hưng Đạo"). A number, an ordinal, a Roman numeral, or a family
    name followed by two more words is told from the name; a two-word person's name ("Lê Lợi") cannot be told
    from a place name ("Hoàng Liệt") and is written without its type word."""
    words = fold(rest).split()
    if not words:
        return True
    if words[0].isdigit() or (len(words) == 1 and (words[0] in _ORDINALS or _ROMAN.match(words[0]))):
        return True
    return words[0] in _SURNAMES and len(words) >= 3


def administrative_unit(unit):
    """The administrative unit (province, district, commune) of ``unit``: itself, or the nearest one above it
    (a ward's school is seated in the ward; a city's department in the city). None when there is none."""
    if unit is None or unit.kind in ADMINISTRATIVE_KINDS:
        return unit
    from org.models import Unit

    steplen = Unit.steplen
    prefixes = [unit.path[:i] for i in range(steplen, len(unit.path), steplen)]
    above = Unit.objects.filter(path__in=prefixes, kind__in=ADMINISTRATIVE_KINDS).order_by("-depth").first()
    return above


def place_of_name(name) -> str:
    """"Phú Lương" of "Phường Phú Lương"; "Phường 12" of "Phường 12"."""
    kind, rest = split_unit_name(name)
    if not kind or keeps_type_word(rest):
        return (name or "").strip()
    return rest


def document_place(unit) -> str:
    """The place of the place-and-date line (NĐ 30/2020, Phụ lục I, mục II.4.a): the official name of the
    administrative unit where the issuing body sits, without its type word — "Phú Lương" for a ward (and its school
    or office), "Tây Hồ" for a district, "Hà Nội" for the city and its departments — except a unit named by a
    number, an ordinal or a person ("Phường 12")."""
    admin = administrative_unit(unit)
    return place_of_name((admin or unit).name)


def document_date(day, place) -> str:
    """"Phú Lương, ngày 05 tháng 01 năm 2026" (NĐ 30/2020, Phụ lục I, mục II.4.b: days under 10 and the months
    1 and 2 take a leading zero); blanks to fill by hand when there is no date. ``place`` is the place's name or the
    issuing unit (then ``document_place``)."""
    if not isinstance(place, str):
        place = document_place(place)
    if day is None:
        return f"{place}, ngày      tháng      năm"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# --- the issuing body ------------------------------------------------------------------------

def committee_of(unit) -> str:
    """"UBND PHƯỜNG PHÚ LƯƠNG": the People's Committee of an administrative unit as the line above one of its
    bodies (cơ quan chủ quản trực tiếp, NĐ 30/2020, Phụ lục I, mục II.2)."""
    return f"UBND {upper(unit.name)}"


def _superior_of(unit) -> str:
    """The line above a body that is not an administrative level: its direct superior — the People's Committee of
    the ward or city it belongs to, or the agency above it ("SỞ GIÁO DỤC VÀ ĐÀO TẠO")."""
    from org.models import Unit

    if unit.depth <= 1:
        return ""
    parent = Unit.objects.filter(path=unit.path[:-Unit.steplen]).only("name", "kind").first()
    if parent is None:
        return ""
    return committee_of(parent) if parent.kind in ADMINISTRATIVE_KINDS else upper(parent.name)


def issuing_block(unit, issuer=None) -> dict:
    """The top-left block (NĐ 30/2020, Phụ lục I, mục II.2: the issuing body under the body that directly governs
    it), as ``superior`` (one line, not bold) and ``body_lines`` (bold), with ``body`` their text on one line.

    - an administrative unit's People's Committee (``issuer`` blank, the unit's name, or "Ủy ban nhân dân …"):
      "ỦY BAN NHÂN DÂN" over "PHƯỜNG PHÚ LƯƠNG", nothing above;
    - its council (``issuer`` "Hội đồng Thi đua - Khen thưởng …"): "UBND PHƯỜNG PHÚ LƯƠNG" over
      "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG";
    - a department, office or school: "UBND THÀNH PHỐ HÀ NỘI" over "SỞ NỘI VỤ"; under an agency, that agency.
    Never a bare name of an administrative unit."""
    issuer = (issuer or "").strip()
    folded = fold(issuer)
    if unit.kind in ADMINISTRATIVE_KINDS:
        if folded.startswith("hoi dong"):
            body = issuer
            if fold(body).endswith(fold(unit.name)):
                body = body[: len(body) - len(unit.name)].rstrip(" -,")
            lines = balanced_lines(upper(body))
            return {"superior": committee_of(unit), "body": " ".join(lines), "body_lines": lines}
        if not issuer or folded.startswith(("uy ban nhan dan", "ubnd")) or folded == fold(unit.name):
            lines = [COMMITTEE, upper(unit.name)]
            return {"superior": "", "body": " ".join(lines), "body_lines": lines}
        lines = balanced_lines(upper(issuer))
        return {"superior": committee_of(unit), "body": " ".join(lines), "body_lines": lines}
    lines = balanced_lines(upper(issuer or unit.name))
    return {"superior": _superior_of(unit), "body": " ".join(lines), "body_lines": lines}


def issuing_lines(issuer, unit):
    """(superior, body) of ``issuing_block`` (the body on one line)."""
    block = issuing_block(unit, issuer)
    return block["superior"], block["body"]


def heading(unit, *, issuer=None, day=None, number="") -> dict:
    """The values of the heading of ``build_templates.heading_block``: the issuing block, the number and the
    place-and-date line of ``unit`` (blank date to fill by hand when ``day`` is None)."""
    return {**issuing_block(unit, issuer), "number": number, "place_date": document_date(day, document_place(unit))}


# --- number and symbol -------------------------------------------------------------------------

def document_number(number) -> str:
    """A document's number as Nghị định 30/2020 writes it (Phụ lục I, mục II.3): Arabic digits, "05" for 5.
    The decree says numbering "bắt đầu từ số 01 vào ngày 01 tháng 01" each year (Điều 15) and writes days under 10
    with a leading zero; the leading zero of numbers under 10 follows "số 01" (the rule is written for dates, not
    verified for numbers). "5" and "005" are "05"; a number with letters is kept as typed, trimmed."""
    text = clean_text(str(number or "")).strip()
    return f"{int(text):02d}" if text.isascii() and text.isdigit() else text


def document_symbol(symbol) -> str:
    """The symbol (ký hiệu) in capitals without spaces: "qđ-ubnd " and "QĐ - UBND" are "QĐ-UBND"."""
    return "".join(clean_text(symbol or "").split()).upper()


def document_reference(number, symbol) -> str:
    """"05/QĐ-UBND"."""
    return f"{document_number(number)}/{document_symbol(symbol)}"


def symbol_for(kind, unit, issuer=None) -> str:
    """The symbol of a document of ``kind`` (QĐ, TTr, KH, BB, TB…) by ``unit``'s People's Committee ("QĐ-UBND"),
    its council ("KH-HĐTĐKT"), or another body (``kind`` alone: its own abbreviation is the staff's to add)."""
    folded = fold(issuer or "")
    if unit.kind in ADMINISTRATIVE_KINDS:
        return f"{kind}-HĐTĐKT" if folded.startswith("hoi dong") else f"{kind}-UBND"
    return kind


# --- who signs ------------------------------------------------------------------------------------

SIGNERS = {"chairman": "Người đứng đầu ký", "deputy": "Cấp phó ký thay (KT.)", "acting": "Quyền người đứng đầu ký (Q.)"}
ON_BEHALF = {"committee": f"TM. {COMMITTEE}", "council": f"TM. {COUNCIL}"}

# The head of a body by the first words of its name: (folded prefix, title of the head, title before the name).
_HEADS = (("so ", "GIÁM ĐỐC", "GIÁM ĐỐC "), ("truong ", "HIỆU TRƯỞNG", "HIỆU TRƯỞNG "),
          ("van phong ", "CHÁNH VĂN PHÒNG", "CHÁNH "), ("phong ", "TRƯỞNG PHÒNG", "TRƯỞNG "),
          ("ban ", "TRƯỞNG BAN", "TRƯỞNG "), ("tram ", "TRƯỞNG TRẠM", "TRƯỞNG "),
          ("cong ty", "GIÁM ĐỐC", "GIÁM ĐỐC "), ("hop tac xa", "GIÁM ĐỐC", "GIÁM ĐỐC "),
          ("hoi dong", "CHỦ TỊCH", "CHỦ TỊCH "))


def _head(unit_or_name):
    """(title of the head, the words before the body's name when naming the head: "GIÁM ĐỐC ")."""
    name = unit_or_name if isinstance(unit_or_name, str) else unit_or_name.name
    if not isinstance(unit_or_name, str) and unit_or_name.kind in ADMINISTRATIVE_KINDS:
        return "CHỦ TỊCH", f"CHỦ TỊCH {COMMITTEE} "
    folded = fold(name)
    for prefix, head, before in _HEADS:
        if folded.startswith(prefix):
            return head, before
    return "THỦ TRƯỞNG", "THỦ TRƯỞNG "


def head_title(unit_or_name) -> str:
    """The title of the head of a body: "CHỦ TỊCH" (a People's Committee, a council), "GIÁM ĐỐC" (a department),
    "HIỆU TRƯỞNG" (a school), "CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG"; "THỦ TRƯỞNG" otherwise."""
    return _head(unit_or_name)[0]


def deciding_title(unit) -> str:
    """Who decides, above the căn cứ of a decision: "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG",
    "GIÁM ĐỐC SỞ NỘI VỤ"."""
    return _head(unit)[1] + upper(unit.name)


def deciding_person(unit) -> str:
    """The same in a sentence ("Kèm theo Quyết định số … của …"): "Chủ tịch Ủy ban nhân dân phường Phú Lương",
    "Giám đốc Sở Nội vụ"."""
    if unit.kind in ADMINISTRATIVE_KINDS:
        return f"Chủ tịch Ủy ban nhân dân {name_in_sentence(unit)}"
    return f"{_head(unit)[1].strip().capitalize()} {unit.name}"


def signer_block(who="chairman", *, on_behalf=None, head="CHỦ TỊCH") -> list[str]:
    """The signer's authority and title (NĐ 30/2020, Phụ lục I, mục II.8.a–b), one line each:

    - on behalf of a collective body (``on_behalf`` "committee" or "council", or the body's name):
      "TM. ỦY BAN NHÂN DÂN" then "CHỦ TỊCH" (the head), "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" (a deputy signing for
      the head), or "Q. CHỦ TỊCH" (an acting head);
    - in the head's own name (a chairman's award decision, a director's): "CHỦ TỊCH", "KT. CHỦ TỊCH" /
      "PHÓ CHỦ TỊCH", "Q. CHỦ TỊCH" — ``head`` is "GIÁM ĐỐC", "HIỆU TRƯỞNG"… for other bodies (``head_title``)."""
    lines = []
    if on_behalf:
        lines.append(ON_BEHALF.get(on_behalf) or f"TM. {upper(on_behalf)}")
    if who == "deputy":
        lines += [f"KT. {head}", f"PHÓ {head}"]
    elif who == "acting":
        lines.append(f"Q. {head}")
    else:
        lines.append(head)
    return lines


def signer_lines(title):
    """The signer's authority and title as typed, one upper-case line each."""
    return [upper(line.strip()) for line in (title or "").splitlines() if line.strip()]


# --- recipients, layout -----------------------------------------------------------------------------

def recipient_lines(text):
    """One line per recipient ending in ";", the filing line last ("Lưu: VT, SNV.") as the
    user wrote it; "Lưu: VT." only when they wrote none (NĐ 30/2020, Phụ lục I, mục II.9)."""
    lines = [line.strip().lstrip("-–• ").rstrip(" ;.") for line in (text or "").splitlines() if line.strip()]
    lines = [line for line in lines if line]
    archive = [line for line in lines if fold(line).startswith("luu")]
    others = [line for line in lines if not fold(line).startswith("luu")]
    return [f"{line};" for line in others] + [f"{archive[-1] if archive else 'Lưu: VT'}."]


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
    from docxtpl import DocxTemplate

    doc = DocxTemplate(template_path(name))
    doc.render(context, autoescape=True)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
