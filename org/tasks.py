"""Work of the task worker for units and people: big Excel imports (of every kind, org.imports)."""

from django.tasks import task


@task
def import_job(job_id):
    from .imports import run_queued

    run_queued(job_id)
