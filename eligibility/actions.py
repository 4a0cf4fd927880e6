"""Writes of the eligibility screens."""

from .models import ExportJob


def export_job_start(*, acting_user, unit, year, award="", status="") -> ExportJob:
    """An export of ``unit``'s results for ``year`` handed to the worker; its page shows how far it got."""
    from .tasks import export_eligibility

    job = ExportJob.objects.create(user=acting_user, unit=unit, year=year, award=award or "", status_filter=status)
    export_eligibility.enqueue(job.pk)
    return job
