"""A registration's timeline is a table of its own (RegistrationEvent: who, when, from which
status to which, why), written by the action that moves it; the registration page and the
standing office's overview read the reopening reason from it. A database of before, whose
reopening reasons lived only in the audit log, gets them copied by a migration."""

import importlib
from datetime import date, datetime

import pytest
from django.apps import apps
from django.urls import reverse

from audit.models import Event
from audit.recording import record
from core.dates import VN_TZ
from plans import actions as plan_actions
from registration import actions, selectors
from registration.models import Registration, RegistrationEvent, RegistrationStatus
from tdkt.testing.plans import travel
from tdkt.testing.registration import form_url, post_registration

pytestmark = pytest.mark.django_db

REASON = "Văn bản 12/UBND ngày 01/02/2022 của phường Yên Nghĩa"


def steps(reg):
    return [(e.verb, e.from_status, e.to_status) for e in reg.events.order_by("at", "id")]


def test_sending_closing_and_reopening_each_leave_a_step_with_its_statuses_and_reason(as_user, world, plan):
    with travel(2022, 1, 25, 9, 0):
        post_registration(as_user("officer_a"), plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"], action="draft")
        post_registration(as_user("officer_a"), plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"])
    with travel(2022, 2, 1, 8, 0):
        assert actions.registrations_close(plan=plan) == 2
    with travel(2022, 2, 2, 9, 0):
        as_user("specialist").post(reverse("registration:reopen", args=[plan.pk, world.ward_b.pk]),
                                   {"reason": REASON, "until": "05/02/2022"})

    ward_a = Registration.objects.get(plan=plan, unit=world.ward_a)
    assert steps(ward_a) == [("save", "draft", "draft"), ("submit", "draft", "submitted")]
    sent = ward_a.events.get(verb="submit")
    assert sent.actor == world.users["officer_a"] and sent.data["lines"]["code"] == 1
    assert sent.at == datetime(2022, 1, 25, 9, 0, tzinfo=VN_TZ)

    ward_b = Registration.objects.get(plan=plan, unit=world.ward_b)
    assert steps(ward_b) == [("close", "draft", "no_need"), ("reopen", "no_need", "reopened")]
    closed, reopened = ward_b.events.order_by("at", "id")
    assert closed.actor is None and closed.reason == "Hết hạn đăng ký 30/01/2022"
    assert closed.data["closed_on"] == {"code": "2022-01-31", "label": "31/01/2022"}
    assert (reopened.actor, reopened.reason) == (world.users["specialist"], REASON)
    assert reopened.data["until"] == {"code": "2022-02-05", "label": "05/02/2022"}

    # The unit's page shows the steps with the reason; the reopening page too.
    with travel(2022, 2, 3, 9, 0):
        page = as_user("officer_b").get(form_url(plan, world.ward_b)).content.decode()
        reopen_page = as_user("specialist").get(reverse("registration:reopen", args=[plan.pk, world.ward_b.pk])).content.decode()
    timeline = page[page.index('id="reg-timeline"'):]
    assert "Ghi nhận không có nhu cầu thi đua, khen thưởng" in timeline
    assert "Mở lại đăng ký</strong> — Không có nhu cầu thi đua, khen thưởng → Được mở lại · đến hết ngày 05/02/2022" in timeline
    assert f"Lý do: {REASON}" in timeline
    assert f"Lý do: {REASON}" in reopen_page


def test_the_overview_reads_the_reopening_reason_from_the_timeline_not_the_audit_log(as_user, world, plan):
    with travel(2022, 2, 2, 9, 0):
        actions.registrations_close(plan=plan)
        as_user("specialist").post(reverse("registration:reopen", args=[plan.pk, world.ward_b.pk]),
                                   {"reason": "Lần đầu", "until": "03/02/2022"})
        as_user("specialist").post(reverse("registration:reopen", args=[plan.pk, world.ward_b.pk]),
                                   {"reason": REASON, "until": "05/02/2022"})
    # The edit history stays in the audit log; the overview no longer looks there.
    Event.objects.filter(verb="reopen").delete()
    with travel(2022, 2, 3, 9, 0):
        body = as_user("specialist").get(reverse("registration:overview", args=[plan.pk])).content.decode()
    assert f"Lý do mở lại: {REASON}" in body and "Lần đầu" not in body


def test_extending_the_deadline_puts_the_units_of_no_need_back_to_draft_on_their_timeline(world, plan):
    m = plan.milestones.get(kind="registration")
    with travel(2022, 2, 1, 8, 0):
        actions.registrations_close(plan=plan)
        plan_actions.milestone_update(acting_user=world.users["specialist"], milestone=m, title=m.title, kind="registration",
                                      due_on=date(2022, 2, 15), reason="Gia hạn do nghỉ Tết Nguyên đán")
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    assert steps(reg) == [("close", "draft", "no_need"), ("extend", "no_need", "draft")]
    assert reg.events.last().reason == "Gia hạn đăng ký đến hết 15/02/2022"


def test_the_timeline_is_read_only_by_those_who_see_the_unit(world, plan):
    with travel(2022, 2, 1, 8, 0):
        actions.registrations_close(plan=plan)
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    assert len(selectors.registration_timeline(world.users["officer_a"], reg)) == 1
    assert len(selectors.registration_timeline(world.users["specialist"], reg)) == 1
    assert list(selectors.registration_timeline(world.users["officer_b"], reg)) == []
    assert selectors.registration_of(world.users["officer_b"], plan, world.ward_a) is None
    assert selectors.registration_of(world.users["officer_a"], plan, world.ward_a) == reg


def test_the_migration_copies_the_reopening_reasons_kept_in_the_audit_log(as_user, world, plan):
    migration = importlib.import_module("registration.migrations.0003_reopen_events_from_audit")
    reg = actions.registration_for(plan, world.ward_b)
    reg.status, reg.reopened_until = RegistrationStatus.REOPENED, date(2022, 2, 5)
    reg.save()
    # As the reopening wrote it before there was a timeline: an audit event only.
    old = record(actor=world.users["specialist"], verb="reopen", target=reg, note=REASON,
                 changes={"Trạng thái": ["Không có nhu cầu thi đua, khen thưởng", "Mở lại đến hết 05/02/2022"]})
    Event.objects.filter(pk=old.pk).update(at=datetime(2022, 2, 2, 9, 0, tzinfo=VN_TZ))
    assert not reg.events.exists()

    migration.copy_reopen_events(apps, None)
    migration.copy_reopen_events(apps, None)  # run again: nothing doubled

    copied = reg.events.get()
    assert (copied.verb, copied.from_status, copied.to_status) == ("reopen", "no_need", "reopened")
    assert (copied.actor, copied.reason) == (world.users["specialist"], REASON)
    assert copied.at == datetime(2022, 2, 2, 9, 0, tzinfo=VN_TZ)
    assert copied.data["until"] == {"code": "2022-02-05", "label": "05/02/2022"}
    with travel(2022, 2, 3, 9, 0):
        body = as_user("specialist").get(reverse("registration:overview", args=[plan.pk])).content.decode()
    assert f"Lý do mở lại: {REASON}" in body
    assert RegistrationEvent.objects.count() == 1


def test_a_refused_reopening_of_a_unit_without_registration_leaves_nothing_behind(as_user, world, plan):
    with travel(2022, 2, 2, 9, 0):
        body = as_user("specialist").post(reverse("registration:reopen", args=[plan.pk, world.ward_b.pk]),
                                          {"reason": REASON, "until": "01/02/2022"}).content.decode()
    assert "Hạn đăng ký bổ sung phải từ hôm nay trở đi." in body
    assert not Registration.objects.filter(plan=plan, unit=world.ward_b).exists()
    assert not RegistrationEvent.objects.exists()
