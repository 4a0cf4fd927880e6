"""A unit with many people: its page shows one page of each list, with a pager and the totals."""

from datetime import date

import pytest
from django.urls import reverse

from org.models import Employment, Person

pytestmark = pytest.mark.django_db


def _crowd(unit, n, prefix="CBX"):
    people = Person.objects.bulk_create([
        Person(code=f"{prefix}{i:05d}", full_name=f"Nguyễn Văn Số{i:05d}", unit=unit, search_text="", sort_key=f"so{i:05d}")
        for i in range(n)])
    return people


def test_members_tab_lists_fifty_with_a_pager_and_the_total(as_user, world):
    _crowd(world.school_a, 130)
    url = reverse("org:unit_detail", args=[world.school_a.pk])
    body = as_user("officer_a").get(url).content.decode()
    assert body.count("Nguyễn Văn Số") + body.count("Lê Thị Ánh</a>") == 50
    assert "Cán bộ (131)" in body  # 130 + Lê Thị Ánh
    assert "Trang 1 / 3 · 131 kết quả" in body
    assert "Cuối »" in body and 'href="?page=3"' in body

    last = as_user("officer_a").get(url, {"tab": "members", "page": 3}).content.decode()
    assert last.count("Nguyễn Văn Số") + last.count("Lê Thị Ánh</a>") == 31
    assert "Trang 3 / 3" in last and "« Đầu" in last


def test_former_members_tab_is_paged(as_user, world):
    people = _crowd(world.ward_b, 70, prefix="CBF")
    Employment.objects.bulk_create([
        Employment(person=p, unit=world.school_a, start=date(2010, 1, 1), end=date(2019, 12, 31)) for p in people])
    body = as_user("specialist").get(reverse("org:unit_detail", args=[world.school_a.pk]), {"tab": "former"}).content.decode()
    assert "Đã chuyển đi (70)" in body
    assert body.count("Nguyễn Văn Số") == 50
    assert "Trang 1 / 2 · 70 kết quả" in body


def test_unknown_tab_shows_members(as_user, world):
    body = as_user("officer_a").get(reverse("org:unit_detail", args=[world.school_a.pk]), {"tab": "<x>"}).content.decode()
    assert "Lê Thị Ánh" in body
