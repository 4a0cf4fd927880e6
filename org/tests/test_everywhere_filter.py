"""A duty held everywhere (the administrator, a superuser) stays "everywhere" when combined with another filter:
Q() | Q(x) is Q(x) in Django, so the administrator saw only the council meetings they sat on and got a 404 on a
draft plan's pages (its filter was "published, or a draft of an office I hold")."""

import pytest
from django.urls import reverse

from org.duties import Duty, duty_q
from org.models import Person
from tdkt.testing.plans import make_plan

pytestmark = pytest.mark.django_db


def test_everywhere_or_anything_is_everything(world):
    admin = world.users["admin"]
    everyone = Person.objects.count()
    assert everyone and Person.objects.filter(duty_q(admin, Duty.VIEW, prefix="unit__") | duty_q(
        world.users["officer_b"], Duty.VIEW, prefix="unit__")).count() == everyone
    assert Person.objects.filter(duty_q(world.users["officer_b"], Duty.VIEW, prefix="unit__")).count() < everyone


def test_the_administrator_opens_a_draft_plan(as_user, world):
    plan = make_plan(world, publish=False)
    assert as_user("admin").get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    assert as_user("admin").get(reverse("plans:edit", args=[plan.pk])).status_code == 200
    assert as_user("officer_a").get(reverse("plans:detail", args=[plan.pk])).status_code == 404
