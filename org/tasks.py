"""Work of the task worker for units and people: big Excel imports."""

from django.tasks import task


@task
def people_import(job_id):
    from .models import ImportJob
    from .people_excel import run_job

    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportJob.Status.PENDING:
        return  # already run (a retried delivery)
    run_job(job)
