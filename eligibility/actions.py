"""Writes of the eligibility screens."""

from django.urls import reverse

from jobs import exports


def export_job_start(*, acting_user, unit, year, award="", status=""):
    """An export of ``unit``'s results for ``year`` handed to the worker; its page shows how far it got."""
    back = f"{reverse('eligibility:unit')}?unit={unit.pk}&year={year}"
    return exports.start(acting_user=acting_user, kind="eligibility",
                         params={"unit": unit.pk, "year": year, "award": award or "", "status": status or ""},
                         title=f"xét điều kiện khen thưởng {unit.name}, năm {year}",
                         filename=f"xet-khen-thuong-{unit.code}-{year}.xlsx", back_url=back, back_label="Xét điều kiện khen thưởng")
