"""Who may save which ratings: the unit rated and the year decide, and a field left out is left alone."""

from datetime import date

import pytest
from django.urls import reverse

from org.actions import person_move
from org.models import Employment, Person
from records.models import Rating
from tdkt.testing.records import ratings_url

pytestmark = pytest.mark.django_db


def test_the_ward_rates_a_person_who_worked_there_that_year_and_has_moved_since(as_user, world):
    # Thịnh worked in Phú Lương all of 2025 and moved to Yên Nghĩa on 01/03/2026.
    person_move(acting_user=world.users["specialist"], person=world.thinh, unit=world.ward_b, on=date(2026, 3, 1))
    client = as_user("officer_a")
    url = ratings_url(world.ward_a, 2025)

    page = client.get(url).content.decode()
    assert "Nguyễn Thị Thịnh" in page and "đã chuyển công tác" in page
    assert f'/can-bo/{world.thinh.pk}/thanh-tich/' not in page  # no link into another ward

    an = Person.objects.get(code="CB0002")
    response = client.post(url, {f"p{world.thinh.pk}": "HTXSNV", f"p{an.pk}": "HTTNV"})
    assert response.status_code == 302
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTXSNV"
    assert Rating.objects.get(person=an, year=2025).level == "HTTNV"


def test_the_new_ward_cannot_rate_the_year_before_the_move(as_user, world):
    person_move(acting_user=world.users["specialist"], person=world.thinh, unit=world.ward_b, on=date(2026, 3, 1))
    client = as_user("officer_b")
    assert client.get(ratings_url(world.ward_a, 2025)).status_code == 404
    response = client.post(ratings_url(world.ward_b, 2024), {f"p{world.thinh.pk}": "KHTNV"}, follow=True)
    assert "không công tác tại Phường Yên Nghĩa" in response.content.decode()
    assert not Rating.objects.filter(person=world.thinh).exists()


def test_an_outsider_smuggled_into_the_form_is_refused_and_nothing_is_saved(as_user, world):
    an = Person.objects.get(code="CB0002")
    response = as_user("officer_a").post(ratings_url(world.ward_a, 2025),
                                         {f"p{an.pk}": "HTTNV", f"p{world.person_b.pk}": "KHTNV"}, follow=True)
    page = response.content.decode()
    assert "1 người ngoài phạm vi của bạn không công tác tại Phường Phú Lương" in page and "Phạm Minh Đức" not in page
    assert not Rating.objects.exists()
    response = as_user("officer_a").post(ratings_url(world.ward_a, 2025), {f"u{world.ward_b.pk}": "KHTNV"}, follow=True)
    assert "Chỉ ghi được xếp loại của Phường Phú Lương và các đơn vị trực thuộc" in response.content.decode()
    assert not Rating.objects.exists()


def test_a_post_without_the_personal_fields_keeps_every_rating(as_user, world):
    people = [Person.objects.create(code=f"VP{i:03}", full_name=f"Cán bộ Số {i}", unit=world.office_a) for i in range(47)]
    for p in people:
        Employment.objects.create(person=p, unit=world.office_a, start=date(2020, 1, 1))
        Rating.objects.create(person=p, year=2025, level="HTTNV")
    client = as_user("officer_a")

    response = client.post(ratings_url(world.office_a, 2025), {"unit_level": "HTXSNV"})

    assert response.status_code == 302
    assert Rating.objects.filter(person__in=people, year=2025, level="HTTNV").count() == 47
    assert Rating.objects.get(unit=world.office_a, year=2025).level == "HTXSNV"
    # An empty choice, sent on purpose, still clears that one rating.
    client.post(ratings_url(world.office_a, 2025), {f"p{people[0].pk}": ""})
    assert Rating.objects.filter(person__in=people, year=2025).count() == 46


def test_a_year_worked_in_another_unit_is_said_at_the_year_on_the_persons_page(as_user, world):
    """Rating a year the person spent in another ward, from their own page, answers at the field."""
    Employment.objects.filter(person=world.thinh).update(start=date(2025, 1, 1))
    Employment.objects.create(person=world.thinh, unit=world.ward_b, position="Chuyên viên",
                              start=date(2020, 1, 1), end=date(2024, 12, 31))
    response = as_user("officer_a").post(reverse("records:person_record", args=[world.thinh.pk]),
                                         {"form": "rating", "r-year": 2023, "r-level": "HTTNV"})
    assert response.status_code == 200
    assert "không công tác tại" in response.content.decode()
    assert not Rating.objects.filter(person=world.thinh, year=2023).exists()
