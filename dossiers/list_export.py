"""The dossier list as filtered on its page, in Excel (through core.excel): at once for a short list, by the worker
for a long one (jobs.exports kind "dossiers", in the scope of the person who asked)."""

from django.db.models import Q, Sum
from openpyxl import Workbook

from core.excel import Column, append_row, to_bytes, write_sheet

from .models import Kind, Outcome, Status

SHEET = "Hồ sơ đề nghị"
MONEY = "#,##0"
DATE = "DD/MM/YYYY"

COLUMNS = [
    Column("code", "Số hồ sơ", width=16),
    Column("title", "Trích yếu", width=50),
    Column("unit", "Đơn vị trình", width=34),
    Column("authority", "Cấp quyết định", width=30),
    Column("year", "Năm thành tích", kind="int", width=10),
    Column("kind", "Loại hình khen thưởng", width=24),
    Column("status", "Trạng thái", width=24),
    Column("round", "Lần gửi", kind="int", width=8),
    Column("lines", "Số dòng đề nghị", kind="int", width=10),
    Column("problems", "Dòng cần xem", kind="int", width=10),
    Column("amount", "Tiền thưởng dự kiến (đồng)", width=18),
    Column("submitted", "Ngày gửi", kind="date", width=12),
    Column("received", "Ngày tiếp nhận", kind="date", width=12),
    Column("due", "Hạn giải quyết", kind="date", width=12),
    Column("late", "Quá hạn (ngày làm việc)", kind="int", width=12),
    Column("assignee", "Chuyên viên thẩm định", width=26),
]


def dossiers_workbook(qs, progress=None, total=None) -> bytes:
    """One row per dossier of ``qs`` (dossiers.selectors.dossiers_for), in its order; ``progress(done, total)``
    every 500 rows (the worker's export)."""
    from django.utils import timezone

    from notifications.holidays import holiday_set

    from .selectors import days_left

    holidays = holiday_set()
    qs = qs.annotate(money=Sum("lines__amount", filter=Q(lines__outcome=Outcome.PROPOSED)))
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    write_sheet(ws, COLUMNS, [])
    formats = {i: (MONEY if c.field == "amount" else DATE) for i, c in enumerate(COLUMNS)
               if c.field == "amount" or c.kind == "date"}
    for i, d in enumerate(qs.iterator(chunk_size=500)):
        if progress is not None and i % 500 == 0:
            progress(i, total or 0)
        left = days_left(d, holidays=holidays)
        row = {"code": d.code, "title": d.title, "unit": d.unit.name, "authority": d.authority.name, "year": d.year,
               "kind": Kind(d.kind).label if d.kind in Kind.values else d.kind, "status": Status(d.status).label,
               "round": d.round or None, "lines": d.n_lines, "problems": d.n_problems or None, "amount": d.money or 0,
               "submitted": timezone.localtime(d.submitted_at).date() if d.submitted_at else None,
               "received": d.received_on, "due": d.due_on, "late": -left if left is not None and left < 0 else None,
               "assignee": d.assignee.display_name if d.assignee else None}
        append_row(ws, [row[c.field] for c in COLUMNS], formats)
    return to_bytes(wb)


def write_for_job(job, progress) -> bytes:
    """The export as jobs.exports runs it: the list the person filtered, in their scope."""
    from .selectors import dossiers_for

    params = {k: job.params.get(k) for k in ("box", "status", "year", "q", "unit", "authority", "kind")}
    qs = dossiers_for(job.user, **{k: v for k, v in params.items() if v not in (None, "")})
    total = qs.count()
    if total > 1_000_000:
        raise ValueError("Danh sách quá dài cho một tệp Excel: hãy lọc bớt (theo năm, đơn vị, trạng thái).")
    return dossiers_workbook(qs, progress, total)
