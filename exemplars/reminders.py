"""Reminders of the monthly exemplars, sent by the worker every morning (exemplars.tasks), each once (a
``Reminder`` row per unit, month and kind, unique):

- N working days before a month's deadline (``TDKT_REMINDER_WORKING_DAYS``, as the plans' milestones), to each
  unit that has not yet sent enough for the month: "Còn N ngày làm việc: đề xuất điển hình tháng 12/2026";
- once the deadline has passed, to each unit that missed the month, and one digest to the standing office of the
  level it proposes to, naming those units.

Which units owe which months is ``exemplars.compliance`` (the rulebook's ``exemplar_monthly``): the same counts as
the board and the year's report.
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from org.duties import Duty, users_at
from org.models import Unit

from . import compliance, rules
from .models import Reminder

DIGEST_NAMES = 30


def _once(unit, year, month, kind, send) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(unit=unit, year=year, month=month, kind=kind)
            send()
        return True
    except IntegrityError:
        return False


def unit_people(unit):
    """Who hears about a unit's months: its own officers, else those who propose for it from above."""
    from notifications.notify import unit_users

    return unit_users(unit, (Duty.SUBMIT,)) or list(users_at(unit, Duty.SUBMIT))


def levels_on(day: date) -> list[Unit]:
    """The units that receive proposals on ``day``: in force, and counted by the rulebook as deciding awards. Two
    queries whatever the size of the tree."""
    from org.selectors import active_q

    rows = rules._authority_kinds(day)
    kinds = {k for k, _ in rows}
    units = list(Unit.objects.filter(kind__in=kinds).filter(active_q(day)).order_by("path"))
    parents = {u.path: u.kind for u in Unit.objects.filter(
        path__in={u.path[:-Unit.steplen] for u in units if u.depth > 1}).only("path", "kind")}
    return [u for u in units if rules.is_authority_kind(u, parents.get(u.path[:-Unit.steplen], ""), rows)]


def _previous(year, month):
    return (year - 1, 12) if month == 1 else (year, month - 1)


def send_exemplar_reminders(today: date | None = None, holidays=None) -> dict:
    from django.conf import settings

    from core.dates import add_working_days
    from notifications.holidays import holiday_set
    from notifications.notify import notify_users

    today = today or timezone.localdate()
    holidays = holiday_set() if holidays is None else holidays
    sent = {"exemplar_before": 0, "exemplar_missed": 0, "exemplar_digest": 0}
    days = list(getattr(settings, "TDKT_REMINDER_WORKING_DAYS", [5, 1]))
    this = (today.year, today.month)
    last = _previous(*this)
    rules_by_year = {y: rules.rules_of_year(y) for y in {this[0], last[0]}}
    rule_now, rule_last = rules_by_year[this[0]][this[1]], rules_by_year[last[0]][last[1]]
    before = []
    if rule_now is not None and rule_now.per_month > 0:
        deadline = rule_now.deadline(*this)
        before = [n for n in days if add_working_days(deadline, -n, holidays) == today]
    # A month's missed reminders go out from the day after its deadline (grace days may reach into the month after).
    missed_months = [(y, m) for (y, m) in (last, this) if (r := rules_by_year[y][m]) is not None and r.per_month > 0
                     and r.deadline(y, m) < today <= r.deadline(y, m) + timedelta(days=31)]
    if not before and not missed_months:
        return sent
    for level in levels_on(today):
        rows_of = {}
        for y in {this[0], *(y for y, _ in missed_months)}:
            units = compliance.owing_units(level, y, rules_by_year[y])
            rows_of[y] = compliance.rows_for(units, y, today, rules_by_year[y]) if units else []
        for n in before:
            for row in rows_of[this[0]]:
                cell = row.cells[this[1] - 1]
                if cell.state != compliance.State.OPEN:
                    continue
                title = f"Còn {n} ngày làm việc: đề xuất điển hình tiên tiến tháng {this[1]:02d}/{this[0]}"
                body = (f"{row.unit.name} chưa gửi điển hình tiên tiến, người tốt việc tốt tháng {this[1]:02d}/{this[0]} "
                        f"lên {level.name}. Hạn: hết ngày {cell.deadline:%d/%m/%Y}.")
                url = reverse("exemplars:create") + f"?unit={row.unit.pk}"
                if _once(row.unit, *this, f"before-{n}",
                         lambda u=row.unit, t=title, b=body, url=url: notify_users(unit_people(u), t, b, url)):
                    sent["exemplar_before"] += 1
        for y, m in missed_months:
            late = [row for row in rows_of[y] if row.cells[m - 1].state == compliance.State.MISSED]
            for row in late:
                title = f"Tháng {m:02d}/{y}: {row.unit.name} không có điển hình tiên tiến"
                body = (f"Hạn gửi điển hình tiên tiến, người tốt việc tốt tháng {m:02d}/{y} lên {level.name} đã qua "
                        f"(hết ngày {row.cells[m - 1].deadline:%d/%m/%Y}); tháng này được ghi là thiếu.")
                url = reverse("exemplars:board") + f"?level={level.pk}&year={y}"
                if _once(row.unit, y, m, "missed",
                         lambda u=row.unit, t=title, b=body, url=url: notify_users(unit_people(u), t, b, url)):
                    sent["exemplar_missed"] += 1
            if late:
                names = ", ".join(r.unit.name for r in late[:DIGEST_NAMES])
                if len(late) > DIGEST_NAMES:
                    names += f" và {len(late) - DIGEST_NAMES} đơn vị khác"
                title = f"{len(late)} đơn vị không có điển hình tiên tiến tháng {m:02d}/{y}"
                url = reverse("exemplars:board") + f"?level={level.pk}&year={y}&thieu=1"
                office = list(users_at(level, Duty.STANDING_OFFICE))
                if _once(level, y, m, "digest", lambda t=title, b=names, url=url, o=office: notify_users(o, t, b, url)):
                    sent["exemplar_digest"] += 1
    return sent
