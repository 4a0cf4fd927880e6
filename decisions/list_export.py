"""The decision list as filtered on its page, in Excel (through core.excel): at once for a short list, by the worker
for a long one (jobs.exports kind "decisions", in the scope of the person who asked)."""

from django.db.models import Count, Q
from openpyxl import Workbook

from core.excel import Column, append_row, to_bytes, write_sheet

SHEET = "Quyết định khen thưởng"
MONEY = "#,##0"

COLUMNS = [
    Column("reference", "Số, ký hiệu", width=16),
    Column("date", "Ngày ký", kind="date", width=12),
    Column("subject", "Trích yếu", width=60),
    Column("authority", "Cấp quyết định", width=30),
    Column("year", "Năm thành tích", kind="int", width=10),
    Column("signer", "Người ký", width=26),
    Column("awards", "Số khen thưởng", kind="int", width=10),
    Column("revoked", "Đã hủy bỏ", kind="int", width=10),
    Column("total", "Tổng tiền thưởng (đồng)", width=18),
]


def decisions_workbook(qs, progress=None, total=None) -> bytes:
    """One row per decision of ``qs`` (decisions.selectors.decisions_for), in its order; ``progress(done, total)``
    every 500 rows (the worker's export)."""
    qs = qs.annotate(n_revoked=Count("awards", filter=Q(awards__revoked_on__isnull=False)))
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    write_sheet(ws, COLUMNS, [])
    formats = {i: (MONEY if c.field == "total" else "DD/MM/YYYY") for i, c in enumerate(COLUMNS)
               if c.field == "total" or c.kind == "date"}
    for i, d in enumerate(qs.iterator(chunk_size=500)):
        if progress is not None and i % 500 == 0:
            progress(i, total or 0)
        row = {"reference": d.reference, "date": d.date, "subject": d.subject, "authority": d.authority.name,
               "year": d.year, "signer": d.signer_name, "awards": d.n_awards, "revoked": d.n_revoked or None,
               "total": d.total or 0}
        append_row(ws, [row[c.field] for c in COLUMNS], formats)
    return to_bytes(wb)


def write_for_job(job, progress) -> bytes:
    """The export as jobs.exports runs it: the list the person filtered, in their scope."""
    from .selectors import decisions_for

    params = {k: job.params.get(k) for k in ("year", "q", "authority", "status", "occasion")}
    qs = decisions_for(job.user, **{k: v for k, v in params.items() if v not in (None, "")})
    return decisions_workbook(qs, progress, qs.count())
