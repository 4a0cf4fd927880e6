"""Periodic work of the task worker (huey): every morning, the registrations past their
deadline are closed (units that did not register are recorded as having no need)."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from plans.models import Plan, PlanStatus

from .actions import registrations_close


def close_past_registrations(now=None) -> int:
    """Close every published plan's registration whose deadline has passed (the current
    and neighbouring years' plans, as the reminders look at)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED, year__in=[today.year - 1, today.year, today.year + 1]).select_related("unit")
    return sum(registrations_close(plan=plan, now=now) for plan in plans)


@db_periodic_task(crontab(hour="7", minute="0"))
def daily_close_registrations():
    return close_past_registrations()
