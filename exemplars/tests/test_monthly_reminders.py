"""The units that have not sent the month's exemplar are reminded N working days before the month's last day, and
once it has passed, each unit that missed it is told and the level's standing office gets one digest naming them;
nothing is sent twice."""

from datetime import date, timedelta

import pytest

from exemplars.models import Reminder
from exemplars.reminders import send_exemplar_reminders
from notifications.models import Notification

from .helpers import sent

MONTH = 10


@pytest.fixture
def year():
    from django.utils import timezone

    return timezone.localdate().year


@pytest.fixture
def days(settings, year):
    """(5 working days before October's last day, the day after it)."""
    from core.dates import add_working_days
    from exemplars.rules import rule_on
    from notifications.holidays import holiday_set

    settings.TDKT_REMINDER_WORKING_DAYS = [5]
    deadline = rule_on(year, MONTH).deadline(year, MONTH)
    return add_working_days(deadline, -5, holiday_set()), deadline + timedelta(days=1)


@pytest.fixture
def office_sent(world, media, time_machine, year):
    """The ward's office sent October's exemplar on 05/10; the school sent nothing."""
    return sent(time_machine, world.users["officer_a"], world.office_a, year, MONTH, date(year, MONTH, 5))


def _bodies(user):
    return list(Notification.objects.filter(user=user).values_list("title", "body"))


def test_five_working_days_before_the_month_ends_the_school_is_reminded(world, office_sent, days, year):
    before, _after = days
    send_exemplar_reminders(before - timedelta(days=1))
    assert not Reminder.objects.filter(kind="before-5").exists()
    send_exemplar_reminders(before)
    assert set(Reminder.objects.filter(kind="before-5", year=year, month=MONTH).values_list("unit_id", flat=True)) \
        >= {world.school_a.pk}
    assert not Reminder.objects.filter(unit=world.office_a, kind="before-5").exists()
    told = _bodies(world.users["officer_a"])
    assert (f"Còn 5 ngày làm việc: đề xuất điển hình tiên tiến tháng {MONTH}/{year}",
            f"Trường THCS Phú Lương chưa gửi điển hình tiên tiến, người tốt việc tốt tháng {MONTH}/{year} lên Phường "
            f"Phú Lương. Hạn: hết ngày {days[1] - timedelta(days=1):%d/%m/%Y}.") in told
    assert not any("Văn phòng HĐND và UBND phường Phú Lương chưa gửi" in b for _t, b in told)
    n = Notification.objects.count()
    send_exemplar_reminders(before)
    assert Notification.objects.count() == n


def test_after_the_month_the_unit_that_missed_it_and_the_office_are_told_once(world, office_sent, days, year):
    _before, after = days
    send_exemplar_reminders(after)
    send_exemplar_reminders(after + timedelta(days=1))
    assert list(Reminder.objects.filter(kind="missed", unit__in=[world.school_a, world.office_a])
                .values_list("unit_id", flat=True)) == [world.school_a.pk]
    digest = [(t, b) for t, b in _bodies(world.users["ward_specialist"]) if t.startswith("1 đơn vị không có")]
    assert digest == [(f"1 đơn vị không có điển hình tiên tiến tháng {MONTH}/{year}", "Trường THCS Phú Lương")]
    told = _bodies(world.users["officer_a"])
    assert (f"Tháng {MONTH}/{year}: Trường THCS Phú Lương không có điển hình tiên tiến",) in [(t,) for t, _b in told]


def test_the_daily_task_sends_them(world, office_sent, days, time_machine):
    from exemplars.tasks import exemplar_reminders

    before, _after = days
    time_machine.move_to(f"{before.isoformat()} 07:05 +0700", tick=False)
    exemplar_reminders.call_local()
    assert Reminder.objects.filter(unit=world.school_a, kind="before-5").count() == 1
