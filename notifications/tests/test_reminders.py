"""Reminders: N working days before a milestone and on the day, never twice,
over weekends and public holidays; the standing office's digest of who is late."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from notifications.models import Notification, ReminderLog
from notifications.reminders import send_reminders
from org.models import Role
from plans.models import Completion, Milestone, Plan, PlanStatus
from tdkt.testing import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world, settings):
    settings.TDKT_REMINDER_WORKING_DAYS = [5, 1]
    for name, u in (("officer_a", world.users["officer_a"]), ("officer_b", world.users["officer_b"])):
        u.email = f"{name}@example.vn"
        u.save()
    p = Plan.objects.create(unit=world.city, year=2026, number="412/KH-UBND", issued_on=date(2025, 12, 18), issuer="UBND Thành phố",
                            title="Kế hoạch công tác thi đua, khen thưởng năm 2026", status=PlanStatus.PUBLISHED)
    # 04/05/2026 is a Monday right after the 30/4–1/5 holidays (Thursday, Friday) and the weekend.
    m = Milestone.objects.create(plan=p, kind="year_end", title="Hồ sơ khen thưởng đợt 1", due_on=date(2026, 5, 4))
    return p, m


def titles(u):
    return list(Notification.objects.filter(user=u).values_list("title", flat=True))


def test_five_working_days_before_skips_the_holidays(world, plan):
    p, m = plan
    # 5 working days before Mon 04/05: Wed 29/04, Tue 28/04, Fri 24/04, Thu 23/04, Wed 22/04 — 30/4 and 1/5 are
    # holidays, and Mon 27/04 is the day off for Giỗ Tổ Hùng Vương (10/3 lunar), which falls on Sunday 26/04.
    send_reminders(date(2026, 4, 21))
    send_reminders(date(2026, 4, 23))
    assert titles(world.users["officer_a"]) == []
    send_reminders(date(2026, 4, 22))
    assert titles(world.users["officer_a"]) == ["Còn 5 ngày làm việc: Hồ sơ khen thưởng đợt 1"]
    assert titles(world.users["officer_b"]) == ["Còn 5 ngày làm việc: Hồ sơ khen thưởng đợt 1"]
    assert {m_.to[0] for m_ in mail.outbox} == {"officer_a@example.vn", "officer_b@example.vn"}
    # One working day before Monday 04/05 is Wednesday 29/04.
    send_reminders(date(2026, 4, 29))
    assert titles(world.users["officer_a"])[0] == "Còn 1 ngày làm việc: Hồ sơ khen thưởng đợt 1"
    send_reminders(date(2026, 5, 4))
    assert titles(world.users["officer_a"])[0] == "Hôm nay là hạn: Hồ sơ khen thưởng đợt 1"


def test_never_twice_for_the_same_milestone_and_unit(world, plan):
    p, m = plan
    send_reminders(date(2026, 4, 22))
    send_reminders(date(2026, 4, 22))
    send_reminders(date(2026, 4, 22))
    assert titles(world.users["officer_a"]).count("Còn 5 ngày làm việc: Hồ sơ khen thưởng đợt 1") == 1
    assert ReminderLog.objects.filter(milestone=m, unit=world.ward_a, kind="before-5").count() == 1


def test_units_that_have_done_it_are_not_reminded(world, plan):
    p, m = plan
    Completion.objects.create(milestone=m, unit=world.ward_a, done_at="2026-04-20T10:00:00+07:00")
    send_reminders(date(2026, 4, 22))
    assert titles(world.users["officer_a"]) == []
    assert titles(world.users["officer_b"]) == ["Còn 5 ngày làm việc: Hồ sơ khen thưởng đợt 1"]


def test_the_standing_office_gets_one_digest_of_who_is_late(world, plan):
    p, m = plan
    office = user("vp_city", Role.SPECIALIST, world.city)
    Completion.objects.create(milestone=m, unit=world.ward_a, done_at="2026-05-04T16:00:00+07:00")
    send_reminders(date(2026, 5, 5))
    send_reminders(date(2026, 5, 6))
    digest = Notification.objects.filter(user=office)
    assert digest.count() == 1
    n = digest.get()
    assert n.title == "1 đơn vị chưa thực hiện: Hồ sơ khen thưởng đợt 1 (hạn 04/05/2026)"
    assert "Phường Yên Nghĩa" in n.body and "Phú Lương" not in n.body


def test_the_daily_task_runs_the_reminders(world, plan):
    from notifications.tasks import daily_reminders

    with time_machine.travel("2026-04-22 07:00 +0700", tick=False):
        daily_reminders.call_local()
    assert titles(world.users["officer_a"]) == ["Còn 5 ngày làm việc: Hồ sơ khen thưởng đợt 1"]
