"""Search without diacritics or case; Vietnamese order by given name."""

import pytest
from django.urls import reverse

from tdkt.testing import person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["nguyen thi thinh", "NGUYEN THI THINH", "Nguyễn Thị Thịnh", "thi thinh", "thinh cb0001"])
def test_people_found_without_diacritics_or_case(as_user, world, query):
    body = as_user("officer_a").get(reverse("search"), {"q": query}).content.decode()
    assert "Nguyễn Thị Thịnh" in body


def test_units_found_without_diacritics(as_user, world):
    body = as_user("specialist").get(reverse("search"), {"q": "phu lam"}).content.decode()
    assert "Phường Phú Lãm" in body
    body = as_user("specialist").get(reverse("org:unit_tree"), {"q": "PHU LAM"}).content.decode()
    assert "Phường Phú Lãm" in body


def test_search_respects_scope(as_user, world):
    body = as_user("officer_b").get(reverse("search"), {"q": "nguyen thi thinh"}).content.decode()
    assert "Nguyễn Thị Thịnh" not in body
    body = as_user("officer_b").get(reverse("search"), {"q": "phu luong"}).content.decode()
    assert "Phường Phú Lương" not in body


def test_dd_and_d_match(as_user, world):
    body = as_user("specialist").get(reverse("search"), {"q": "duc"}).content.decode()
    assert "Phạm Minh Đức" in body


def test_people_sorted_by_given_name_in_vietnamese_order(as_user, world):
    for i, name in enumerate(["Bùi Văn Ánh", "Trần Thị Ân", "Đỗ Văn Bình", "Vũ Thị Ăn", "Ngô Văn Dũng", "Hoàng Văn Đức", "Lý Văn Ư", "Lý Văn Uy"]):
        person(f"S{i}", name, world.school_a)
    body = as_user("officer_a").get(reverse("org:people"), {"unit": world.school_a.pk}).content.decode()
    names = ["Bùi Văn Ánh", "Lê Thị Ánh", "Vũ Thị Ăn", "Trần Thị Ân", "Đỗ Văn Bình", "Ngô Văn Dũng", "Hoàng Văn Đức", "Lý Văn Uy", "Lý Văn Ư"]
    positions = [body.index(f">{n}<") for n in names]
    assert positions == sorted(positions), [n for _, n in sorted(zip(positions, names))]


def test_live_search_returns_only_the_table(as_user, world):
    response = as_user("officer_a").get(reverse("org:people"), {"q": "anh"}, headers={"HX-Request": "true", "HX-Target": "people-results"})
    body = response.content.decode()
    assert "<html" not in body and "Lê Thị Ánh" in body and "Nguyễn Thị Thịnh" not in body
