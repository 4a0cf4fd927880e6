"""One date field with a sensible range (issue 7, item 15).

Reopening a registration "until 31/12/9999" used to be accepted, after which /dang-ky/, the
registration pages and `tdkt close_registrations` crashed with OverflowError. Every date of
every form, and dates read from Excel and history files, are now within 01/01/1900–31/12/2100;
a date already stored outside it no longer takes a page down.
"""

from datetime import date
from io import StringIO

import pytest
from django import forms
from django.core.management import call_command
from django.urls import reverse

from core.excel import parse_date
from core.forms import DATE_MAX, DATE_MIN, VNDateField
from plans.models import Milestone
from registration import actions
from registration.models import Registration, RegistrationStatus
from tdkt.testing.plans import travel

from .helpers import form_classes

pytestmark = pytest.mark.django_db

RANGE = "Ngày phải trong khoảng 01/01/1900 – 31/12/2100"


@pytest.mark.parametrize("typed", ["31/12/9999", "01/01/0001", "31/12/1899", "01/01/2101"])
def test_reopening_a_registration_until_a_date_out_of_range_is_refused_at_the_field(as_user, world, plan, typed):
    with travel(2022, 2, 2, 9, 0):
        actions.registrations_close(plan=plan)
        response = as_user("specialist").post(reverse("registration:reopen", args=[plan.pk, world.ward_b.pk]),
                                              {"reason": "Văn bản 12/UBND của phường", "until": typed})
    assert response.status_code == 200
    assert RANGE in response.content.decode()
    assert Registration.objects.get(plan=plan, unit=world.ward_b).status == RegistrationStatus.NO_NEED


def test_the_last_day_of_the_range_is_accepted(as_user, world, plan):
    with travel(2022, 2, 2, 9, 0):
        actions.registrations_close(plan=plan)
        response = as_user("specialist").post(reverse("registration:reopen", args=[plan.pk, world.ward_b.pk]),
                                              {"reason": "Văn bản 12/UBND của phường", "until": "31/12/2100"}, follow=True)
    assert "đến hết ngày 31/12/2100" in response.content.decode()


def test_a_far_date_already_stored_does_not_take_the_registration_pages_down(as_user, world, plan):
    with travel(2022, 2, 2, 9, 0):
        actions.registrations_close(plan=plan)
    # Stored before the field was bounded (or by hand in the database).
    Registration.objects.filter(plan=plan, unit=world.ward_b).update(status=RegistrationStatus.REOPENED, reopened_until=date(9999, 12, 31))
    Milestone.objects.filter(plan=plan, kind="cstd").update(due_on=date(9999, 12, 31))
    with travel(2022, 2, 3, 9, 0):
        office, officer = as_user("specialist"), as_user("officer_b")
        for client, url in [
            (office, reverse("registration:index")),
            (officer, reverse("registration:index")),
            (officer, reverse("registration:form", args=[plan.pk]) + f"?unit={world.ward_b.pk}"),
            (office, reverse("registration:overview", args=[plan.pk])),
            (office, reverse("registration:overview_excel", args=[plan.pk])),
            (office, reverse("plans:detail", args=[plan.pk])),
            (office, reverse("plans:compliance", args=[plan.pk])),
            (office, reverse("plans:calendar") + "?year=2022"),
            (office, reverse("home")),
        ]:
            assert client.get(url).status_code == 200, url
        out = StringIO()
        call_command("close_registrations", stdout=out)
    assert Registration.objects.get(plan=plan, unit=world.ward_b).status == RegistrationStatus.REOPENED


def test_excel_dates_share_the_range():
    assert parse_date("31/12/2100") == DATE_MAX and parse_date(date(1900, 1, 1)) == DATE_MIN
    for bad in ["31/12/9999", "01/01/0001", date(1899, 12, 31)]:
        with pytest.raises(ValueError, match="ngày phải trong khoảng 01/01/1900 – 31/12/2100"):
            parse_date(bad)


def test_every_date_field_of_every_form_is_the_bounded_one():
    seen = 0
    for cls in form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.DateField):
                seen += 1
                assert isinstance(field, VNDateField), f"{cls.__module__}.{cls.__name__}.{name}"
    assert seen >= 15
