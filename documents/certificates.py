"""What a certificate says (Bằng khen, Giấy khen, Giấy chứng nhận danh hiệu) and how its file is named.

A ward and a district give "GIẤY KHEN", a city or province "BẰNG KHEN" (the form's own name, as the
catalogue names it: "Giấy khen", "Bằng khen của Chủ tịch UBND cấp tỉnh"); a title is certified by a
"GIẤY CHỨNG NHẬN" of "DANH HIỆU …". The achievement is said once: "Đã có thành tích …".
"""

import re

from core.text import fold

# (folded start of the award's name, the certificate's name, its file name)
_FORMS = (("bang khen", "BẰNG KHEN", "bang-khen"), ("giay khen", "GIẤY KHEN", "giay-khen"),
          ("co thi dua", "CỜ THI ĐUA", "co-thi-dua"), ("ky niem chuong", "KỶ NIỆM CHƯƠNG", "ky-niem-chuong"),
          ("huan chuong", "HUÂN CHƯƠNG", "huan-chuong"), ("huy chuong", "HUY CHƯƠNG", "huy-chuong"))
TITLE_CERTIFICATE = ("GIẤY CHỨNG NHẬN", "giay-chung-nhan")
# The words that open an achievement and that the certificate already says.
_OPENING = re.compile(r"^\s*(đã\s+)?(có\s+)?thành\s+tích\s*[:,]?\s*", re.IGNORECASE)


def certificate_kind(award_type) -> tuple[str, str, str]:
    """(the certificate's name, what it gives below it, its file name) of ``award_type``:
    ("GIẤY KHEN", "", "giay-khen"); ("GIẤY CHỨNG NHẬN", "DANH HIỆU LAO ĐỘNG TIÊN TIẾN", "giay-chung-nhan")."""
    if award_type.category == "form":
        folded = fold(award_type.name)
        for start, name, slug in _FORMS:
            if folded.startswith(start):
                return name, "", slug
        return award_type.name.upper(), "", "giay-khen"
    return TITLE_CERTIFICATE[0], f"DANH HIỆU {award_type.name.upper()}", TITLE_CERTIFICATE[1]


def achievement_sentence(summary, year) -> str:
    """"Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2025." from a nomination's summary, which may start
    with "Có thành tích …" or "Đã có thành tích …" itself (said once); the year's movement when there is none."""
    text = (summary or "").strip().rstrip(" .;")
    text = _OPENING.sub("", text, count=1).strip()
    if not text:
        return f"Đã có thành tích xuất sắc trong phong trào thi đua năm {year}."
    return f"Đã có thành tích {text[:1].lower() + text[1:]}."


def file_stem(award_types) -> str:
    """The name of a decision's certificates file by what it holds: "giay-khen", "bang-khen",
    "giay-chung-nhan", "giay-chung-nhan-va-giay-khen" (titles first)."""
    slugs = []
    for award_type in award_types:
        slug = certificate_kind(award_type)[2]
        if slug not in slugs:
            slugs.append(slug)
    slugs.sort(key=lambda s: (s != TITLE_CERTIFICATE[1], s))
    return "-va-".join(slugs) or "giay-khen"


def file_label(stem) -> str:
    """"Giấy chứng nhận, Giấy khen" of "giay-chung-nhan-va-giay-khen", for the link to the file."""
    names = {slug: name for _, name, slug in _FORMS}
    names[TITLE_CERTIFICATE[1]] = TITLE_CERTIFICATE[0]
    parts = [names.get(s, s) for s in stem.split("-va-")]
    return ", ".join(p.capitalize() for p in parts)
