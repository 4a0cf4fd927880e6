"""One ratings screen for a ward and everything under it, a page at a time."""

from datetime import date

import pytest

from org.models import Employment, Person
from records.models import Rating
from tdkt.testing.records import ratings_url

pytestmark = pytest.mark.django_db


def test_the_ward_screen_lists_every_sub_unit_under_its_heading(as_user, world):
    body = as_user("officer_a").get(ratings_url(world.ward_a, 2025)).content.decode()
    office = body.index('scope="rowgroup">Văn phòng HĐND và UBND phường Phú Lương')
    school = body.index('scope="rowgroup">Trường THCS Phú Lương')
    assert office < body.index("Nguyễn Thị Thịnh") < school < body.index("Lê Thị Ánh")
    assert "3 người" in body
    assert f'name="u{world.ward_a.pk}"' in body and f'name="u{world.school_a.pk}"' in body


def test_the_officer_saves_people_and_collectives_of_several_sub_units_in_one_go(as_user, world):
    anh = Person.objects.get(code="CB0003")
    client = as_user("officer_a")
    response = client.post(ratings_url(world.ward_a, 2025), {
        f"p{world.thinh.pk}": "HTXSNV", f"p{anh.pk}": "HTTNV",
        f"u{world.ward_a.pk}": "HTTNV", f"u{world.school_a.pk}": "HTXSNV",
    })
    assert response.status_code == 302
    assert dict(Rating.objects.filter(person__isnull=False).values_list("person__code", "level")) == {"CB0001": "HTXSNV", "CB0003": "HTTNV"}
    assert dict(Rating.objects.filter(unit__isnull=False).values_list("unit__code", "level")) == {"HN-PLU": "HTTNV", "HN-PLU-THCS": "HTXSNV"}
    assert "Đã lưu xếp loại năm 2025: 4 thay đổi." in client.get(response.url).content.decode()


def test_the_sub_unit_filter_shows_one_sub_unit(as_user, world):
    body = as_user("officer_a").get(ratings_url(world.ward_a, 2025, sub=world.school_a.pk)).content.decode()
    assert "Lê Thị Ánh" in body and "Nguyễn Thị Thịnh" not in body
    assert f'name="u{world.school_a.pk}"' in body
    assert as_user("officer_a").get(ratings_url(world.ward_a, 2025, sub=world.ward_b.pk)).status_code == 404


@pytest.fixture
def big_school(world):
    """250 teachers in the school."""
    people = Person.objects.bulk_create(
        [Person(code=f"GV{i:04}", full_name=f"Giáo viên Số {i:04}", unit=world.school_a, sort_key=f"gv{i:04}") for i in range(250)])
    Employment.objects.bulk_create([Employment(person=p, unit=world.school_a, start=date(2020, 1, 1)) for p in people])
    return people


def test_a_large_ward_is_shown_a_hundred_people_a_page(as_user, world, big_school):
    client = as_user("officer_a")
    first = client.get(ratings_url(world.ward_a, 2025)).content.decode()
    assert first.count('name="p') == 100
    assert "253 người" in first and "Trang 1 / 3" in first
    last = client.get(ratings_url(world.ward_a, 2025, page=3)).content.decode()
    assert last.count('name="p') == 53
    # Saving page 3 leaves the people of the other pages alone.
    Rating.objects.create(person=big_school[0], year=2025, level="HTXSNV")
    response = client.post(ratings_url(world.ward_a, 2025, page=3), {f"p{big_school[-1].pk}": "HTTNV"})
    assert response.status_code == 302 and "page=3" in response.url
    assert dict(Rating.objects.values_list("person__code", "level")) == {"GV0000": "HTXSNV", "GV0249": "HTTNV"}


def test_a_person_who_moved_between_sub_units_in_the_year_is_listed_once(as_user, world):
    Employment.objects.filter(person=world.thinh).update(end=date(2025, 5, 31))
    Employment.objects.create(person=world.thinh, unit=world.school_a, start=date(2025, 6, 1))
    world.thinh.unit = world.school_a
    world.thinh.save()
    body = as_user("officer_a").get(ratings_url(world.ward_a, 2025)).content.decode()
    assert body.count(f'name="p{world.thinh.pk}"') == 1
    assert body.index("Trường THCS Phú Lương") < body.index("Nguyễn Thị Thịnh")


def test_bad_page_and_year_parameters_are_not_errors(as_user, world):
    client = as_user("officer_a")
    # A bad page or year falls back to a page that exists; a malformed sub-unit id is a 404 (core.params).
    for query, expected in (("page=abc", 200), ("page=99999", 200), ("year=²", 200),
                            ("year=99999999999999999999", 200), ("sub=x", 404)):
        assert client.get(ratings_url(world.ward_a, 2025) + "&" + query).status_code == expected, query


def test_a_unit_too_large_for_one_screen_links_to_its_sub_units(as_user, world, monkeypatch):
    from records import selectors

    monkeypatch.setattr(selectors, "LARGE", 2)  # the ward has 3 people: "large" for this test
    body = as_user("officer_a").get(ratings_url(world.ward_a, 2025)).content.decode()
    assert "có hơn 2 người công tác trong năm 2025" in body
    assert f'href="?unit={world.ward_a.pk}&amp;sub={world.school_a.pk}&amp;year=2025">Trường THCS Phú Lương</a>' in body
    assert 'name="p' not in body  # nobody works in the ward unit itself
    body = as_user("officer_a").get(ratings_url(world.ward_a, 2025, sub=world.office_a.pk)).content.decode()
    assert "Nguyễn Thị Thịnh" in body and "Trần Văn An" in body and "Lê Thị Ánh" not in body


def test_the_unit_picker_offers_ones_own_units_and_the_ones_just_under_them(as_user, world):
    body = as_user("admin").get(ratings_url(world.city, 2025)).content.decode()
    picker = body[body.index('name="unit"'):body.index("</select>", body.index('name="unit"'))]
    assert "Thành phố Hà Nội" in picker and "Phường Phú Lương" in picker and "Phường Yên Nghĩa" in picker
    assert "Trường THCS Phú Lương" not in picker  # two levels down: through the “Trực thuộc” filter
    body = as_user("officer_a").get(ratings_url(world.ward_a, 2025)).content.decode()
    picker = body[body.index('name="unit"'):body.index("</select>", body.index('name="unit"'))]
    assert "Phường Phú Lương" in picker and "Trường THCS Phú Lương" in picker and "Yên Nghĩa" not in picker
