"""Periodic work of the task worker for dossiers: overdue dossiers flagged every morning."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="7", minute="5"))
def daily_overdue():
    from .actions import overdue_notify

    return overdue_notify()
