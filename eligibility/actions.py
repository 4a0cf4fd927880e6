"""Writes of the eligibility screens."""

from django.urls import reverse

from jobs import exports


def export_job_start(*, acting_user, unit, year, award="", status="", q="", reg=""):
    """An export of ``unit``'s results for ``year`` handed to the worker (with the list's filters: the award, the
    result, the name searched, the registration); its page shows how far it got."""
    back = f"{reverse('eligibility:unit')}?unit={unit.pk}&year={year}"
    return exports.start(acting_user=acting_user, kind="eligibility",
                         params={"unit": unit.pk, "year": year, "award": award or "", "status": status or "",
                                 "q": q or "", "reg": reg or ""},
                         title=f"xét điều kiện khen thưởng {unit.name}, năm {year}",
                         filename=f"xet-khen-thuong-{unit.code}-{year}.xlsx", back_url=back, back_label="Xét điều kiện khen thưởng")


def preview_job_start(*, acting_user, draft, unit, year, award=""):
    """A draft preview of ``unit`` too big for a request, handed to the worker: it keeps the comparison for the
    preview page and writes the workbook (of ``award`` alone when named)."""
    from .preview_export import KIND, filename

    back = f"{reverse('eligibility:preview')}?unit={unit.pk}&year={year}&rules={draft.code}"
    return exports.start(acting_user=acting_user, kind=KIND,
                         params={"draft": draft.code, "unit": unit.pk, "year": year, "award": award or ""},
                         title=f"xem trước theo dự thảo {draft.code}: {unit.name}, năm {year}"
                               + (f", {award}" if award else ""),
                         filename=filename(draft, unit, year), back_url=back, back_label="Xem trước theo dự thảo")
