"""The registration deadline: the end of 30/01/2022 in Hà Nội; after it a unit that has not
registered is recorded as having no need that year; the standing office may reopen one unit
with a written reason."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.recording import events_for
from plans.models import Completion
from registration import actions
from registration.models import Registration, RegistrationStatus
from tdkt.testing.plans import travel
from tdkt.testing.registration import form_url, post_registration

pytestmark = pytest.mark.django_db


def test_registering_at_23h_on_the_last_day_works_and_one_minute_past_midnight_is_refused(as_user, world, plan):
    client = as_user("officer_a")
    with travel(2022, 1, 30, 23, 0):
        page = client.get(form_url(plan, world.ward_a)).content.decode()
        assert "hết ngày <strong>30/01/2022</strong>" in page and "hôm nay là ngày cuối" in page
        response = post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT", f"{world.thinh.pk}:CSTDCS"],
                                     col=[f"{world.office_a.pk}:TTLDXS"])
        body = response.content.decode()
        assert "Đã gửi đăng ký thi đua năm 2022 của Phường Phú Lương: 2 lượt cá nhân, 1 lượt tập thể." in body
        assert "Đã đăng ký lúc 23:00 30/01/2022" in body
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    assert reg.status == RegistrationStatus.SUBMITTED
    assert {(line.award_type.code, line.person_id, line.unit_id) for line in reg.lines.all()} == {
        ("LDTT", world.thinh.pk, None), ("CSTDCS", world.thinh.pk, None), ("TTLDXS", None, world.office_a.pk)}
    # The registration milestone is done for the ward.
    assert Completion.objects.filter(milestone__plan=plan, unit=world.ward_a).exists()

    with travel(2022, 1, 31, 0, 1):
        page = client.get(form_url(plan, world.ward_a)).content.decode()
        assert "Đã hết hạn đăng ký" in page and "Gửi đăng ký" not in page and "disabled" in page
        response = post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"])
        assert "Đã hết hạn đăng ký thi đua (30/01/2022)." in response.content.decode()
    # Nothing changed: the three lines sent before midnight stand.
    assert reg.lines.count() == 3


def test_officer_of_ward_b_registers_at_the_start_of_the_day_after_is_refused(as_user, world, plan):
    with travel(2022, 1, 31, 0, 0):
        response = post_registration(as_user("officer_b"), plan, world.ward_b, ind=[f"{world.person_b.pk}:LDTT"])
        assert "Đã hết hạn đăng ký thi đua (30/01/2022)." in response.content.decode()
    assert not Registration.objects.filter(plan=plan, unit=world.ward_b, lines__isnull=False).exists()


def test_a_draft_is_not_a_registration_and_the_unit_may_edit_after_sending(as_user, world, plan):
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        body = post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"], action="draft").content.decode()
        assert "Đã lưu bản nháp" in body and "Chưa đăng ký (bản nháp 1 dòng chưa gửi)" in body
        assert Registration.objects.get(plan=plan, unit=world.ward_a).status == RegistrationStatus.DRAFT
        post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"])
    with travel(2022, 1, 28, 15, 30):
        body = client.get(form_url(plan, world.ward_a)).content.decode()
        assert "Cập nhật đăng ký đã gửi" in body
        body = post_registration(client, plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT", f"{world.thinh.pk}:CSTDCS"]).content.decode()
        assert "Đã đăng ký lúc 15:30 28/01/2022" in body
    assert Registration.objects.get(plan=plan, unit=world.ward_a).lines.count() == 2


def test_after_the_deadline_units_that_did_not_register_have_no_need_and_the_registered_stay(as_user, world, plan):
    with travel(2022, 1, 25, 10, 0):
        post_registration(as_user("officer_a"), plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"])
        # Before the deadline closing does nothing.
        assert actions.registrations_close(plan=plan) == 0
        # Ward B saved a draft but never sent it.
        post_registration(as_user("officer_b"), plan, world.ward_b, ind=[f"{world.person_b.pk}:LDTT"], action="draft")

    with travel(2022, 2, 1, 7, 0):
        out = StringIO()
        call_command("close_registrations", stdout=out)
        assert "319/KH-HĐTĐKT" in out.getvalue() and "2 đơn vị" in out.getvalue()
        # Running it again changes nothing.
        out = StringIO()
        call_command("close_registrations", stdout=out)
        assert "Đã đóng đăng ký: 0 đơn vị." in out.getvalue()

    a = Registration.objects.get(plan=plan, unit=world.ward_a)
    b = Registration.objects.get(plan=plan, unit=world.ward_b)
    district = Registration.objects.get(plan=plan, unit__code="HN-HD")
    assert a.status == RegistrationStatus.SUBMITTED and a.closed_on is None
    assert (b.status, b.closed_on) == (RegistrationStatus.NO_NEED, date(2022, 1, 31))
    assert district.status == RegistrationStatus.NO_NEED

    body = as_user("specialist").get(reverse("registration:overview", args=[plan.pk])).content.decode()
    assert "Không có nhu cầu thi đua, khen thưởng năm 2022 (từ ngày 31/01/2022)" in body
    assert "Đã đăng ký lúc 10:00 25/01/2022" in body
    page = as_user("officer_b").get(form_url(plan, world.ward_b)).content.decode()
    assert "Không có nhu cầu thi đua, khen thưởng năm 2022 (từ ngày 31/01/2022)" in page
    assert "Nhập từ Excel" not in page


def test_close_button_of_the_standing_office(as_user, world, plan):
    client = as_user("specialist")
    url = reverse("registration:close", args=[plan.pk])
    with travel(2022, 1, 30, 12, 0):
        body = client.post(url, follow=True).content.decode()
        assert "Chưa hết hạn đăng ký (hết ngày 30/01/2022): chưa thể đóng đăng ký." in body
        assert not Registration.objects.filter(status=RegistrationStatus.NO_NEED).exists()
    with travel(2022, 1, 31, 8, 0):
        assert as_user("officer_a").post(url).status_code == 404
        body = client.post(url, follow=True).content.decode()
        assert "Đã đóng đăng ký: 3 đơn vị chưa đăng ký được ghi nhận không có nhu cầu thi đua, khen thưởng năm 2022." in body
    assert Registration.objects.filter(plan=plan, status=RegistrationStatus.NO_NEED).count() == 3


def test_reopening_needs_a_reason_lets_the_unit_register_until_the_date_and_keeps_the_reason(as_user, world, plan):
    office = as_user("specialist")
    with travel(2022, 2, 2, 9, 0):
        actions.registrations_close(plan=plan)
        reopen = reverse("registration:reopen", args=[plan.pk, world.ward_b.pk])
        assert as_user("officer_b").get(reopen).status_code == 404
        body = office.post(reopen, {"reason": "  ", "until": "05/02/2022"}).content.decode()
        assert "Mở lại đăng ký phải có lý do bằng văn bản: hãy nhập lý do." in body
        assert Registration.objects.get(plan=plan, unit=world.ward_b).status == RegistrationStatus.NO_NEED
        body = office.post(reopen, {"reason": "Văn bản 12/UBND ngày 01/02/2022 của phường Yên Nghĩa", "until": "01/02/2022"}).content.decode()
        assert "Hạn đăng ký bổ sung phải từ hôm nay trở đi." in body
        response = office.post(reopen, {"reason": "Văn bản 12/UBND ngày 01/02/2022 của phường Yên Nghĩa", "until": "05/02/2022"}, follow=True)
        assert "Đã mở lại đăng ký thi đua cho Phường Yên Nghĩa đến hết ngày 05/02/2022." in response.content.decode()
        assert "Mở lại đến hết 05/02/2022" in response.content.decode()

    officer = as_user("officer_b")
    with travel(2022, 2, 5, 23, 0):
        body = post_registration(officer, plan, world.ward_b, ind=[f"{world.person_b.pk}:LDTT"]).content.decode()
        assert "Đã gửi đăng ký thi đua năm 2022 của Phường Yên Nghĩa" in body
        # Still open after sending, until the end of the day given.
        body = post_registration(officer, plan, world.ward_b, ind=[f"{world.person_b.pk}:LDTT", f"{world.person_b.pk}:CSTDCS"]).content.decode()
        assert "2 lượt cá nhân" in body
        # The history shows the reason.
        assert "Mở lại đăng ký" in body and "Văn bản 12/UBND ngày 01/02/2022 của phường Yên Nghĩa" in body
    with travel(2022, 2, 6, 0, 1):
        body = post_registration(officer, plan, world.ward_b, ind=[f"{world.person_b.pk}:LDTT"]).content.decode()
        assert "Đã hết hạn đăng ký thi đua (30/01/2022)." in body
        assert actions.registrations_close(plan=plan) == 0  # registered during the reopening: stays registered
    reg = Registration.objects.get(plan=plan, unit=world.ward_b)
    assert reg.status == RegistrationStatus.SUBMITTED and reg.lines.count() == 2
    reopen_event = events_for(reg).get(verb="reopen")
    assert reopen_event.note == "Văn bản 12/UBND ngày 01/02/2022 của phường Yên Nghĩa"
    assert reopen_event.actor == world.users["specialist"]


def test_a_reopened_unit_that_still_does_not_register_has_no_need_from_the_day_after_the_new_date(as_user, world, plan):
    with travel(2022, 2, 2, 9, 0):
        actions.registrations_close(plan=plan)
        as_user("specialist").post(reverse("registration:reopen", args=[plan.pk, world.ward_b.pk]),
                                   {"reason": "Đơn vị đề nghị", "until": "04/02/2022"})
        assert Registration.objects.get(plan=plan, unit=world.ward_b).status == RegistrationStatus.REOPENED
    with travel(2022, 2, 5, 7, 0):
        assert actions.registrations_close(plan=plan) == 1
    reg = Registration.objects.get(plan=plan, unit=world.ward_b)
    assert (reg.status, reg.closed_on) == (RegistrationStatus.NO_NEED, date(2022, 2, 5))


def test_the_workers_morning_task_closes_what_the_deadline_left_open(as_user, world, plan):
    from registration.tasks import daily_close_registrations

    with travel(2022, 1, 25, 10, 0):
        post_registration(as_user("officer_a"), plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"])
        daily_close_registrations.call_local()
    assert not Registration.objects.filter(plan=plan, status=RegistrationStatus.NO_NEED).exists()
    with travel(2022, 1, 31, 7, 0):
        daily_close_registrations.call_local()
    b = Registration.objects.get(plan=plan, unit=world.ward_b)
    assert (b.status, b.closed_on) == (RegistrationStatus.NO_NEED, date(2022, 1, 31))
    assert Registration.objects.get(plan=plan, unit=world.ward_a).status == RegistrationStatus.SUBMITTED
