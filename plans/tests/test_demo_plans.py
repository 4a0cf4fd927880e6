"""The demo's plans read as real ones: no milestone before its plan's date (Hà Đông 2022),
and a plan whose registration deadline has passed shows its silent units as having no
need ("không có nhu cầu thi đua, khen thưởng"), not as still "chưa đăng ký".

The demo is built once for the module inside a transaction rolled back at the end."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from plans.models import Milestone, Plan, PlanStatus
from plans.selectors import registration_deadline, registration_units
from registration.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


def test_no_milestone_falls_before_its_plan_was_issued(demo):
    early = [(m.plan.number, m.title, m.due_on, m.plan.issued_on)
             for m in Milestone.objects.select_related("plan") if m.plan.issued_on and m.due_on < m.plan.issued_on]
    assert early == []
    hd = Plan.objects.get(unit__code="HN-HD", year=2022)
    assert (hd.number, hd.issued_on) == ("01/KH-HĐTĐKT", date(2022, 1, 10))
    assert registration_deadline(hd).due_on == date(2022, 1, 21)
    assert "08/01/2022" in registration_deadline(hd).note


def test_past_deadlines_leave_no_unit_waiting(demo):
    now = timezone.now()
    checked = 0
    for plan in Plan.objects.filter(status=PlanStatus.PUBLISHED):
        m = registration_deadline(plan)
        if m is None or now < m.deadline:
            continue
        units = set(registration_units(plan).values_list("pk", flat=True))
        regs = dict(Registration.objects.filter(plan=plan, unit_id__in=units).values_list("unit_id", "status"))
        assert set(regs) == units, plan.number  # every unit has its registration or its "no need"
        assert set(regs.values()) <= {RegistrationStatus.SUBMITTED, RegistrationStatus.NO_NEED}, plan.number
        checked += 1
    assert checked >= 4  # the city's, Thanh Xuân's and Hà Đông's 2022 plans, and this year's


def test_the_city_2022_plan_reads_closed_on_the_registration_page(demo):
    city22 = Plan.objects.get(unit__code="HN", year=2022)
    client = Client()
    client.force_login(get_user_model().objects.get(username="sonoivu"))
    page = client.get(reverse("registration:index")).content.decode()
    at = page.index(city22.number)
    start = page.rindex('class="card regplan"', 0, at)
    end = page.find('class="card regplan"', at)
    block = page[start:end if end > 0 else len(page)]
    assert "Đã hết hạn" in block
    assert "<b>0</b><span>chưa đăng ký, đã quá hạn</span>" in block
    n_no_need = Registration.objects.filter(plan=city22, status=RegistrationStatus.NO_NEED).count()
    assert n_no_need > 0 and f"<b>{n_no_need}</b><span>không có nhu cầu thi đua, khen thưởng" in block
    overview = client.get(reverse("registration:overview", args=[city22.pk])).content.decode()
    assert "Không có nhu cầu thi đua, khen thưởng năm 2022" in overview
    assert ">Chưa đăng ký<" not in overview
