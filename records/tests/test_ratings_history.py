"""A rating change is recorded as it happened (old → new) and shows in the person's own history."""

import pytest
from django.urls import reverse

from audit.models import Event
from records.models import Rating

pytestmark = pytest.mark.django_db


def test_a_rating_change_records_the_old_and_the_new_level(as_user, world):
    Rating.objects.create(person=world.thinh, year=2025, level="HTNV")
    client = as_user("officer_a")
    url = reverse("records:ratings") + f"?unit={world.office_a.pk}&year=2025"
    assert client.post(url, {f"p{world.thinh.pk}": "HTTNV"}).status_code == 302

    summary = Event.objects.filter(verb="ratings", target_id=world.office_a.pk).get()
    assert summary.changes == {"Nguyễn Thị Thịnh": ["HTNV", "HTTNV"]}  # not "HTTNV → HTTNV"
    own = Event.objects.filter(verb="ratings", target_id=world.thinh.pk, target_type__model="person").get()
    assert own.changes == {"Xếp loại năm 2025": ["HTNV", "HTTNV"]}


def test_the_persons_page_shows_the_rating_change(as_user, world):
    Rating.objects.create(person=world.thinh, year=2025, level="HTNV")
    client = as_user("officer_a")
    client.post(reverse("records:ratings") + f"?unit={world.office_a.pk}&year=2025", {f"p{world.thinh.pk}": "HTTNV"})

    page = client.get(reverse("org:person_detail", args=[world.thinh.pk])).content.decode()
    assert "Ghi xếp loại" in page and "Xếp loại năm 2025" in page
    assert '<span class="old">HTNV</span> → <span class="new">HTTNV</span>' in page

    achievements = client.get(reverse("eligibility:person", args=[world.thinh.pk]), {"year": 2025}).content.decode()
    assert "Lịch sử sửa xếp loại" in achievements
    assert '<span class="old">HTNV</span> → <span class="new">HTTNV</span>' in achievements


def test_clearing_a_rating_is_recorded_too(as_user, world):
    Rating.objects.create(person=world.thinh, year=2025, level="HTXSNV")
    client = as_user("officer_a")
    client.post(reverse("records:ratings") + f"?unit={world.office_a.pk}&year=2025", {f"p{world.thinh.pk}": ""})
    assert not Rating.objects.filter(person=world.thinh, year=2025).exists()
    own = Event.objects.get(verb="ratings", target_id=world.thinh.pk, target_type__model="person")
    assert own.changes == {"Xếp loại năm 2025": ["HTXSNV", ""]}
