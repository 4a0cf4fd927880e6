"""Two people rating on the same screen at once: the second save does not put back what the first changed."""

import pytest

from org.models import Person
from records.models import Rating
from tdkt.testing.forms import form_fields, loaded_form
from tdkt.testing.records import ratings_url

pytestmark = pytest.mark.django_db


def _levels():
    return dict(Rating.objects.filter(year=2025, person__isnull=False).values_list("person__code", "level"))


def _two_grids(as_user, world):
    url = ratings_url(world.ward_a, 2025)
    first, second = as_user("officer_a"), as_user("ward_specialist")
    marker = f"p{world.thinh.pk}"
    return url, first, second, loaded_form(first, url, marker), loaded_form(second, url, marker)


def test_the_grid_carries_the_level_each_row_showed(as_user, world):
    Rating.objects.create(person=world.thinh, year=2025, level="HTTNV")
    url, _, _, grid, _ = _two_grids(as_user, world)
    assert grid[f"seen-p{world.thinh.pk}"] == "HTTNV" and grid[f"seen-u{world.school_a.pk}"] == ""


def test_ratings_of_different_people_from_two_screens_are_both_kept(as_user, world):
    anh = Person.objects.get(code="CB0003")
    url, first, second, grid_1, grid_2 = _two_grids(as_user, world)

    assert first.post(url, {**grid_1, f"p{world.thinh.pk}": "HTXSNV"}).status_code == 302
    assert second.post(url, {**grid_2, f"p{anh.pk}": "HTTNV"}).status_code == 302

    assert _levels() == {"CB0001": "HTXSNV", "CB0003": "HTTNV"}


def test_the_same_person_rated_differently_on_the_second_screen_is_refused_and_nothing_is_saved(as_user, world):
    anh = Person.objects.get(code="CB0003")
    url, first, second, grid_1, grid_2 = _two_grids(as_user, world)

    assert first.post(url, {**grid_1, f"p{world.thinh.pk}": "HTXSNV"}).status_code == 302
    response = second.post(url, {**grid_2, f"p{world.thinh.pk}": "HTNV", f"p{anh.pk}": "HTTNV"})

    assert response.status_code == 200
    body = response.content.decode()
    name = world.users["officer_a"].display_name
    assert (f"Xếp loại năm 2025 vừa được {name} sửa lúc" in body and "(ô “Nguyễn Thị Thịnh”)" in body
            and "hãy tải lại trang" in body)
    assert _levels() == {"CB0001": "HTXSNV"}
    # The grid shows again what the second person chose, with the levels they saw: saving again is refused again.
    grid = form_fields(body, f"p{world.thinh.pk}")
    assert (grid[f"p{world.thinh.pk}"], grid[f"p{anh.pk}"], grid[f"seen-p{world.thinh.pk}"]) == ("HTNV", "HTTNV", "")
    assert second.post(url, grid).status_code == 200
    assert _levels() == {"CB0001": "HTXSNV"}
