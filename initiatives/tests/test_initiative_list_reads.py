"""The registry's list reads a page with a fixed number of queries, whatever the size of the registry."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def make(world, n, start=0):
    for k in range(start, start + n):
        i = Initiative.objects.create(code=f"SK-{k:04}", title=f"Sáng kiến {k}", recognized_on=date(2025, 1, 1) + timedelta(days=k),
                                      scope="co_so")
        i.authors.set([world.thinh, world.person_b])


@pytest.mark.parametrize("persona", ["specialist", "officer_a"])
def test_a_page_costs_the_same_for_ten_or_a_hundred_and_twenty_initiatives(as_user, world, persona):
    client = as_user(persona)
    make(world, 10)
    client.get(reverse("initiatives:list"))
    with CaptureQueriesContext(connection) as small:
        body = client.get(reverse("initiatives:list")).content.decode()
    assert body.count("<tr>") - 1 == 10
    make(world, 110, start=10)
    with CaptureQueriesContext(connection) as large:
        body = client.get(reverse("initiatives:list")).content.decode()
    assert body.count('href="/sang-kien/') >= 50
    assert len(large) == len(small)


def test_the_ward_sees_only_initiatives_of_its_people(as_user, world):
    make(world, 3)
    lone = Initiative.objects.create(code="SK-YN", title="Chỉ của Yên Nghĩa", recognized_on=date(2025, 5, 1), scope="co_so")
    lone.authors.set([world.person_b])
    body = as_user("officer_a").get(reverse("initiatives:list")).content.decode()
    assert "SK-0000" in body and "SK-YN" not in body
    assert "SK-YN" in as_user("officer_b").get(reverse("initiatives:list")).content.decode()
    assert "SK-YN" in as_user("specialist").get(reverse("initiatives:list")).content.decode()
    assert as_user("officer_a").get(reverse("initiatives:detail", args=[lone.pk])).status_code == 404
