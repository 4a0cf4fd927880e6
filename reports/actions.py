"""Writes of the year-end report: handing a big level's report to the worker (reports.kept)."""

from django.urls import reverse

from jobs import exports


def report_job_start(*, acting_user, unit, year):
    """The report of ``unit`` for ``year``, too big for a request, handed to the worker: it computes the figures
    once, keeps them for the page and the files, and writes the workbook. (Called outside a transaction, as
    jobs.exports.start asks.)"""
    from .kept import KIND

    back = f"{reverse('reports:report')}?don-vi={unit.pk}&nam={year}"
    return exports.start(acting_user=acting_user, kind=KIND, params={"unit": unit.pk, "year": year},
                         title=f"báo cáo tổng kết năm {year}: {unit.name}",
                         filename=f"bao-cao-tong-ket-thi-dua-khen-thuong-{year}-{unit.code.lower()}.xlsx",
                         back_url=back, back_label="Báo cáo tổng kết")
