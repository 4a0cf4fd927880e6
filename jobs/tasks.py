"""Work of the task worker for jobs: big exports, and every minute a look for jobs whose process died."""

from django.tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@task
def export_task(job_id):
    from .exports import run

    return run(job_id)


@db_periodic_task(crontab(minute="*"))
def reap_jobs():
    """Jobs whose process died (kill -9, a crash, a restart) failed with a message or run again; jobs waiting
    too long handed to the worker again; old export files removed."""
    from .exports import clean_old
    from .tracking import reap

    seen = reap()
    clean_old()
    return seen
