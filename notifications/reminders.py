"""Reminders before and on each milestone, and the standing office's digest of who is late.

Run daily by the worker (notifications.tasks). Each (milestone, unit, kind) is
sent once: a ReminderLog row is written in the same transaction and its
uniqueness refuses a second one, even if two workers run at once.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.dates import add_working_days, is_working_day
from org.duties import Duty
from plans.models import Completion, Plan, PlanStatus
from plans.selectors import registration_units

from .holidays import holiday_set
from .models import ReminderLog
from .notify import notify_unit, notify_users, unit_users


def _send_once(milestone, unit, kind, send):
    try:
        with transaction.atomic():
            ReminderLog.objects.create(milestone=milestone, unit=unit, kind=kind)
            send()
        return True
    except IntegrityError:
        return False


def reminder_days():
    return list(getattr(settings, "TDKT_REMINDER_WORKING_DAYS", [5, 1]))


def send_reminders(today=None) -> dict:
    today = today or timezone.localdate()
    holidays = holiday_set()
    sent = {"before": 0, "due": 0, "digest": 0}
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED, year__in=[today.year - 1, today.year, today.year + 1]).select_related("unit")
    for plan in plans:
        units = list(registration_units(plan))
        for m in plan.milestones.filter(tracked=True, due_on__gte=today - timezone.timedelta(days=31)):
            done = set(Completion.objects.filter(milestone=m).values_list("unit_id", flat=True))
            waiting = [u for u in units if u.pk not in done]
            due_day = m.due_on if is_working_day(m.due_on, holidays) else add_working_days(m.due_on, -1, holidays)
            kinds = []
            if today == due_day:
                kinds.append(("due", f"Hôm nay là hạn: {m.title}"))
            for n in reminder_days():
                if today == add_working_days(m.due_on, -n, holidays) and today != due_day:
                    kinds.append((f"before-{n}", f"Còn {n} ngày làm việc: {m.title}"))
            for kind, title in kinds:
                for u in waiting:
                    body = f"{plan.citation}. Hạn: hết ngày {m.due_on:%d/%m/%Y}."
                    if _send_once(m, u, kind, lambda u=u, title=title, body=body: notify_unit(u, title, body, f"/ke-hoach/{plan.pk}/tien-do/?m={m.pk}#moc")):
                        sent["due" if kind == "due" else "before"] += 1
            if today > m.due_on and waiting:
                names = ", ".join(u.name for u in waiting[:30]) + (f" và {len(waiting) - 30} đơn vị khác" if len(waiting) > 30 else "")
                office = unit_users(plan.unit, (Duty.STANDING_OFFICE,))
                title = f"{len(waiting)} đơn vị chưa thực hiện: {m.title} (hạn {m.due_on:%d/%m/%Y})"
                if _send_once(m, plan.unit, "late-digest", lambda: notify_users(office, title, names, f"/ke-hoach/{plan.pk}/tien-do/?m={m.pk}#moc")):
                    sent["digest"] += 1
    return sent
