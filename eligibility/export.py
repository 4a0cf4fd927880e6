"""The eligibility export: one workbook row per subject and award, with the reasons, however it is run
(in the request for a small unit, by the worker for a big one)."""

from openpyxl import Workbook

from core.excel import Column, write_sheet

from . import selectors
from .engine import evaluate

EXPORT_COLUMNS = [
    Column("recipient", "Mã", width=14), Column("name", "Cá nhân / tập thể", width=32), Column("kind", "Loại", width=10),
    Column("unit", "Đơn vị", width=36), Column("position", "Chức vụ", width=24),
    Column("award", "Danh hiệu, hình thức", width=34), Column("eligible", "Đủ điều kiện", width=12),
    Column("met", "Điều kiện đã đạt", width=60), Column("unmet", "Điều kiện còn thiếu", width=60),
    Column("legal_basis", "Căn cứ", width=34),
]

EXCEL_MAX_ROWS = 1_048_575  # one row is the header


def registration_filter(reg, eligible, registered):
    """Whether a subject stays under the list's registration filter ``reg`` (đăng ký thi đua)."""
    if reg == "registered":
        return registered
    if reg == "registered_not_eligible":
        return registered and not eligible
    if reg == "eligible_unregistered":
        return eligible and not registered
    if reg == "neither":
        return not registered and not eligible
    return True


def _filtered(outcomes, status, unit=None, year=None, award=None, q="", reg=""):
    """The outcomes the list's filters keep: the result (``status``), the name or code searched (``q``), and for one
    award the registration (``reg``)."""
    if status == "eligible":
        outcomes = [o for o in outcomes if o.eligible]
    elif status == "not":
        outcomes = [o for o in outcomes if not o.eligible]
    found = {kind: selectors.matching_ids(kind, q) for kind in ("p", "u")}
    if found["p"] is not None:
        outcomes = [o for o in outcomes if o.subject.id in found["p" if o.kind == "person" else "u"]]
    if reg and award:
        from registration.selectors import registered_subjects

        registered = registered_subjects(unit, year, award)
        if registered is not None:
            people, units = registered
            outcomes = [o for o in outcomes if registration_filter(reg, o.eligible,
                                                                   o.subject.id in (people if o.kind == "person" else units))]
    return outcomes


def export_workbook(unit, year, award, status, progress=None, *, q="", reg=""):
    """The eligibility export as a workbook: the same rows, in the same order, however it is run; the list's
    filters (award, result, name searched, registration) keep the same subjects as on the page."""
    result = evaluate(year, unit=unit, award_code=award)
    outcomes = sorted(_filtered(result.outcomes, status, unit, year, award, q, reg),
                      key=lambda o: (o.kind != "person", o.subject.name, o.award.rank))
    if len(outcomes) > EXCEL_MAX_ROWS:
        raise ValueError(f"Có {len(outcomes):,} dòng, quá số dòng tối đa của một tệp Excel ({EXCEL_MAX_ROWS:,}): "
                         "hãy chọn một danh hiệu, kết quả “đủ điều kiện” hoặc một đơn vị nhỏ hơn.".replace(",", "."))
    wb = Workbook()
    ws = wb.active
    ws.title = f"Xét khen thưởng {year}"
    where = selectors.export_places(result)

    def rows():
        for i, o in enumerate(outcomes):
            if progress is not None and i % 2000 == 0:
                progress(i, len(outcomes))
            yield {
                "recipient": o.subject.code, "name": o.subject.name, "kind": "Cá nhân" if o.kind == "person" else "Tập thể",
                "unit": where.get((o.kind, o.subject.id), ("", ""))[0], "position": where.get((o.kind, o.subject.id), ("", ""))[1],
                "award": o.award.name, "eligible": "Đủ" if o.eligible else "Chưa đủ",
                "met": "\n".join(o.met()), "unmet": "\n".join(o.unmet()), "legal_basis": o.legal_basis,
            }
    write_sheet(ws, EXPORT_COLUMNS, rows())
    return wb


def write_for_job(job, progress) -> bytes:
    """The export as jobs.exports runs it (a unit too big for a request)."""
    from core.excel import to_bytes
    from org.selectors import unit_get_for_user

    params = job.params
    unit = unit_get_for_user(job.user, params["unit"])
    return to_bytes(export_workbook(unit, int(params["year"]), params.get("award") or None, params.get("status") or "",
                                   progress, q=params.get("q") or "", reg=params.get("reg") or ""))
