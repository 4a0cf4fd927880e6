"""The people list: filter by a unit in scope (with or without its sub-units), a full pager."""

import pytest
from django.urls import reverse

from org import views
from org.models import Person

pytestmark = pytest.mark.django_db


def names(body):
    return {n for n in ["Nguyễn Thị Thịnh", "Trần Văn An", "Lê Thị Ánh", "Phạm Minh Đức"] if n in body}


def test_unit_filter_with_and_without_sub_units(as_user, world):
    client = as_user("officer_a")
    page = client.get(reverse("org:people")).content.decode()
    assert f'<option value="{world.school_a.pk}">' in page  # the drop-down lists the units in scope
    assert f'<option value="{world.ward_b.pk}"' not in page
    ward = client.get(reverse("org:people"), {"unit": world.ward_a.pk}).content.decode()
    assert names(ward) == {"Nguyễn Thị Thịnh", "Trần Văn An", "Lê Thị Ánh"}
    only_ward = client.get(reverse("org:people"), {"unit": world.ward_a.pk, "sub": "0"}).content.decode()
    assert names(only_ward) == set() and "Không có cán bộ nào" in only_ward
    school = client.get(reverse("org:people"), {"unit": world.school_a.pk}).content.decode()
    assert names(school) == {"Lê Thị Ánh"}


def test_unit_outside_scope_is_not_found(as_user, world):
    assert as_user("officer_a").get(reverse("org:people"), {"unit": world.ward_b.pk}).status_code == 404


def test_many_units_the_filter_is_a_search_limited_to_scope(as_user, world, monkeypatch):
    monkeypatch.setattr(views, "UNIT_SELECT_MAX", 2)
    page = as_user("specialist").get(reverse("org:people")).content.decode()
    assert 'id="unit-picker"' in page and '<select name="unit"' not in page
    found = as_user("officer_b").get(reverse("org:people_unit_picker"), {"uq": "phu luong", "q": "an"}).content.decode()
    assert "Phú Lương" not in found and "Không có đơn vị nào khớp" in found
    found = as_user("specialist").get(reverse("org:people_unit_picker"), {"uq": "thcs phu luong", "q": "an"}).content.decode()
    assert "Trường THCS Phú Lương" in found and f"unit={world.school_a.pk}" in found and "q=an" in found


def test_pager_has_first_numbered_next_last_and_the_total(as_user, world):
    Person.objects.bulk_create([Person(code=f"CBP{i:04d}", full_name=f"Vũ Văn P{i:04d}", unit=world.school_a, sort_key=f"p{i:04d}")
                                for i in range(260)])
    body = as_user("officer_a").get(reverse("org:people"), {"page": 3}).content.decode()
    assert "Trang 3 / 6 · 263 kết quả" in body
    for label in ["« Đầu", "‹ Trước", "Sau ›", "Cuối »"]:
        assert label in body
    assert 'href="?page=1"' in body and 'href="?page=6"' in body and 'aria-current="page">3<' in body
