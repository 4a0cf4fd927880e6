"""Periodic work of the task worker (huey): reminders every morning."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import send_reminders


@db_periodic_task(crontab(hour="7", minute="0"))
def daily_reminders():
    return send_reminders()
