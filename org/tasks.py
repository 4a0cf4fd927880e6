"""Work of the task worker for units and people: big Excel imports (of every kind, org.imports)."""

from django.tasks import task


@task
def import_job(job_id):
    from .imports import run_job
    from .models import ImportJob

    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportJob.Status.PENDING:
        return  # already run (a retried delivery)
    run_job(job)
