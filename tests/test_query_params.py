"""Query parameters typed or edited by hand never give a 500 (issue 7, item 16).

Every page that reads a number from its query string — a year, a plan, a unit, a page — is
requested with each bad value by a ward officer and by the city specialist: the answer is the
page with the default (200), a redirect, or a 404, never a server error.
"""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from core.params import parse_id, parse_int, parse_year
from initiatives.actions import initiative_save
from movements import actions as movement_actions
from records.models import Rating
from tdkt.testing.plans import make_city_plan

pytestmark = pytest.mark.django_db

BAD = ["²", "0", "-1", "99999999999999999999", "٣", "abc"]


@pytest.fixture
def things(world):
    plan = make_city_plan(world)
    sp = world.users["specialist"]
    movement = movement_actions.movement_create(acting_user=sp, unit=world.city, name="Phong trào thi đua đổi mới sáng tạo",
                                                kind="thuong_xuyen", start=date(2021, 1, 1), end=date(2026, 12, 31))
    movement_actions.movement_launch(acting_user=sp, movement=movement)
    initiative = initiative_save(acting_user=sp, initiative=None, authors=[world.thinh], code="SK-01",
                                 title="Số hóa hồ sơ", unit=world.office_a, recognized_on=date(2024, 5, 1), scope="co_so")
    Rating.objects.create(person=world.thinh, year=2024, level="HTTNV")
    return {"plan": plan, "movement": movement, "initiative": initiative}


def pages(world, things):
    """(url, names of the query parameters it reads)."""
    plan, movement = things["plan"], things["movement"]
    return [
        (reverse("home"), ["year"]),
        (reverse("plans:list"), ["year", "page"]),
        (reverse("plans:calendar"), ["year"]),
        (reverse("plans:create"), ["unit", "year", "parent"]),
        (reverse("plans:detail", args=[plan.pk]), ["year"]),
        (reverse("plans:compliance", args=[plan.pk]), ["unit", "m", "year"]),
        (reverse("movements:list"), ["year", "page", "unit"]),
        (reverse("movements:inbox"), ["year", "page"]),
        (reverse("movements:create"), ["unit", "parent", "plan"]),
        (reverse("movements:detail", args=[movement.pk]), ["year", "unit"]),
        (reverse("notifications:list"), ["page"]),
        (reverse("registration:index"), ["plan", "year"]),
        (reverse("registration:form", args=[plan.pk]), ["unit"]),
        (reverse("registration:template", args=[plan.pk]), ["unit"]),
        (reverse("registration:overview", args=[plan.pk]), ["unit", "year"]),
        (reverse("registration:overview_excel", args=[plan.pk]), ["unit"]),
        (reverse("initiatives:list"), ["year", "page"]),
        (reverse("records:ratings"), ["year", "unit"]),
        (reverse("records:ratings_template"), ["year", "unit"]),
        (reverse("eligibility:unit"), ["year", "unit", "page", "upage"]),
        (reverse("eligibility:unit_export"), ["year", "unit"]),
        (reverse("eligibility:person", args=[world.thinh.pk]), ["year"]),
        (reverse("org:people"), ["unit", "page"]),
        (reverse("org:unit_detail", args=[world.ward_a.pk]), ["page", "year"]),
        (reverse("org:unit_create"), ["parent"]),
        (reverse("org:person_create"), ["unit"]),
        (reverse("org:person_detail", args=[world.thinh.pk]), ["year"]),
        (reverse("accounts:users"), ["page"]),
        (reverse("rulebook:index"), ["year"]),
    ]


@pytest.mark.parametrize("persona", ["officer_a", "specialist"])
def test_no_page_answers_a_bad_number_with_a_server_error(world, things, persona):
    client = Client(raise_request_exception=False)
    client.force_login(world.users[persona])
    failures = []
    for url, names in pages(world, things):
        for name in names:
            for value in BAD:
                response = client.get(url, {name: value})
                if response.status_code >= 500:
                    failures.append(f"{url}?{name}={value!r}: {response.status_code}")
    assert not failures, "\n".join(failures)


def test_a_bad_year_falls_back_to_the_default_page(as_user, world, things):
    body = as_user("specialist").get(reverse("plans:calendar"), {"year": "99999999999999999999"}).content.decode()
    assert "Tháng 1" in body
    response = as_user("officer_a").get(reverse("records:ratings"), {"year": "²"})
    assert response.status_code == 200


def test_the_parser():
    assert parse_int("12") == 12 and parse_int(" 7 ") == 7 and parse_int("-3") == -3
    for bad in ["²", "٣", "1_000", "1e3", "", None, "99999999999999999999999", "12a"]:
        assert parse_int(bad, "d") == "d"
    assert parse_int("5", min_value=1, max_value=4, default=None) is None
    assert parse_year("2025") == 2025
    for bad in ["0", "-1", "1944", "2101", "99999999999999999999", "²"]:
        assert parse_year(bad, 2024) == 2024
    assert parse_id("") is None and parse_id("42") == 42
    from django.http import Http404

    for bad in ["²", "0", "-1", "99999999999999999999", "x"]:
        with pytest.raises(Http404):
            parse_id(bad)
