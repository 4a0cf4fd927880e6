"""The worker's daily task for the monthly exemplars (huey finds it as it finds notifications.tasks)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .reminders import send_exemplar_reminders


@db_periodic_task(crontab(hour="7", minute="5"))
def exemplar_reminders():
    return send_exemplar_reminders()
