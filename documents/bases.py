"""The căn cứ ban hành of a decision, from the rulebook (rulebook.LegalBasis, seeded from the
``[[legal_basis]]`` section of rulebook/data/rulebook.toml): the lines in force on the decision's
date for its authority's level — the law on local government first (the authority's competence),
then the TĐKT law and its decrees of that date, then the province's regulation when the rulebook
has one — and the closing "Xét đề nghị của …". Every line ends with ";", the last with ".".

A decision of 2026 by a ward cites Luật Tổ chức chính quyền địa phương ngày 16/6/2025, Luật Thi đua,
khen thưởng ngày 15/6/2022 and Nghị định 152/2025/NĐ-CP; one of 2017 by a district, Luật Tổ chức
chính quyền địa phương 2015, Luật Thi đua, Khen thưởng 2003 with its amendments of 2005 and 2013
and Nghị định 91/2017/NĐ-CP.
"""

from core.text import clean_text, fold
from org.models import ADMINISTRATIVE_KINDS

from .nd30 import name_in_sentence

_CLOSINGS = ("xet de nghi", "theo de nghi")


def authority_level(unit) -> str:
    """The level whose căn cứ a decision of ``unit`` cites: commune, district, province, or agency (a department,
    an office, a school, an enterprise)."""
    return str(unit.kind) if unit.kind in ADMINISTRATIVE_KINDS else "agency"


def province_of(unit) -> str:
    """The name of the province or city ``unit`` belongs to (its root unit): "Thành phố Hà Nội"."""
    from org.models import Unit

    if unit.depth <= 1:
        return unit.name
    root = Unit.objects.filter(path=unit.path[:Unit.steplen]).only("name").first()
    return root.name if root else ""


def rulebook_bases(authority, day) -> list[str]:
    """The rulebook's căn cứ lines in force on ``day`` for ``authority``, in the order a decision cites them,
    without their final punctuation."""
    from rulebook.selectors import legal_bases_on

    return [b.text for b in legal_bases_on(day, authority_level(authority), province_of(authority))]


def proposal_line(authority, proposer=None) -> str:
    """"Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Phú Lương": the closing line of the căn cứ;
    ``proposer`` names another ("Trưởng phòng Nội vụ")."""
    return f"Xét đề nghị của {proposer or 'Hội đồng Thi đua - Khen thưởng ' + name_in_sentence(authority)}"


def punctuated(lines) -> list[str]:
    """Each line ending with ";", the last with "." (whatever they ended with)."""
    lines = [line.strip().rstrip(" ;.,") for line in lines if line and line.strip().rstrip(" ;.,")]
    return [f"{line};" for line in lines[:-1]] + [f"{line}." for line in lines[-1:]]


def typed_lines(text) -> list[str]:
    return [line for line in (clean_text(text or "", multiline=True).splitlines()) if line.strip()]


def decision_bases(authority, day, *, typed="", proposer=None) -> list[str]:
    """The căn cứ of a decision of ``authority`` dated ``day``: those typed on the decision's form when there are
    any (one a line), else the rulebook's in force on ``day``; then "Xét đề nghị của …" unless the typed lines
    end with their own. Each line ends with ";", the last with "."."""
    lines = typed_lines(typed) or rulebook_bases(authority, day)
    if not any(fold(line).startswith(_CLOSINGS) for line in lines):
        lines = lines + [proposal_line(authority, proposer)]
    return punctuated(lines)


def tdkt_law(authority, day) -> str:
    """The TĐKT law in force on ``day`` as a decision cites it ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6
    năm 2022"), for documents that cite the law only (a tờ trình); "" when the rulebook has none."""
    from rulebook.models import BasisKind
    from rulebook.selectors import legal_bases_on

    rows = [b for b in legal_bases_on(day, authority_level(authority), province_of(authority)) if b.kind == BasisKind.TDKT]
    return rows[0].text if rows else ""
