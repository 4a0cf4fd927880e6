"""Initiative figures against the movement's targets (≥ 15% of staff with a recognised initiative, ≥ 70% of them
applied), per unit and overall, on hand-counted data; the targets come from a launched movement when it carries them,
else from the rulebook."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.years import review_year
from initiatives import selectors
from initiatives.models import Application, Authorship, Initiative, Status
from org.models import Person
from tdkt.testing import person
from tdkt.testing.movements import city_movement

pytestmark = pytest.mark.django_db


def make(code, authors, day, *, status=Status.RECOGNIZED, confirmed=False, applied=False):
    i = Initiative.objects.create(code=code, title=f"Sáng kiến {code}", unit=authors[0].unit, status=status, scope="co_so",
                                  recognized_on=day if status == Status.RECOGNIZED else None, effect_confirmed=confirmed)
    for p in authors:
        Authorship.objects.create(initiative=i, person=p, share=Decimal(100) / len(authors))
    if applied:
        Application.objects.create(initiative=i, where="Bộ phận một cửa", since=day, effect="Tốt", reported_on=day)
    return i


@pytest.fixture
def year():
    return review_year()


@pytest.fixture
def data(world, year):
    """Phú Lương: its office 10 people (Thịnh, An and 8 more), its school 10 (Ánh and 9 more); Yên Nghĩa 1 (Đức).
    Recognised in the year: I1 by Thịnh and An, applied (a report); I2 by Thịnh alone, not applied; I3 by Ánh and
    Đức, its effect confirmed. Not counted: I4 (recognised the year before), I5 (submitted, not recognised)."""
    for n in range(8):
        person(f"VP{n:02d}", f"Cán bộ văn phòng {n}", world.office_a)
    for n in range(9):
        person(f"GV{n:02d}", f"Giáo viên {n}", world.school_a, position="Giáo viên")
    p = {c: Person.objects.get(code=c) for c in ("CB0001", "CB0002", "CB0003", "CB0101", "GV00", "GV01")}
    mid = date(year, 6, 15)
    make("I1", [p["CB0001"], p["CB0002"]], mid, applied=True)
    make("I2", [p["CB0001"]], mid)
    make("I3", [p["CB0003"], p["CB0101"]], mid, confirmed=True)
    make("I4", [p["GV00"]], date(year - 1, 6, 15), applied=True)
    make("I5", [p["GV01"]], None, status=Status.SUBMITTED)
    return p


def by_unit(rows):
    return {r.unit.code: (r.staff, r.authors, r.author_share, r.recognized, r.applied, r.applied_share) for r in rows}


def test_the_ward_per_unit_and_overall(world, data, year):
    rows, total = selectors.target_rows(world.ward_a, year)
    assert by_unit(rows) == {
        "HN-PLU-VP": (10, 2, Decimal("20.0"), 2, 1, Decimal("50.0")),
        "HN-PLU-THCS": (10, 1, Decimal("10.0"), 1, 1, Decimal("100.0")),
    }
    # Three people of twenty; three initiatives, two applied (I3 counted once though two wards' people wrote it).
    assert (total.staff, total.authors, total.author_share, total.recognized, total.applied, total.applied_share) == \
        (20, 3, Decimal("15.0"), 3, 2, Decimal("66.7"))


def test_the_city_counts_each_initiative_once(world, data, year):
    rows, total = selectors.target_rows(world.city, year)
    got = by_unit(rows)
    assert got["HN-PLU"] == (20, 3, Decimal("15.0"), 3, 2, Decimal("66.7"))
    assert got["HN-YN"] == (1, 1, Decimal("100.0"), 1, 1, Decimal("100.0"))
    assert (total.staff, total.authors, total.recognized, total.applied) == (21, 4, 3, 2)


def test_targets_from_the_rulebook_then_from_the_movement(world, year):
    t = selectors.targets_of(world.ward_a, year)
    assert (t["author_share"][0], t["applied_share"][0]) == (Decimal("15.00"), Decimal("70.0"))
    assert "initiative_targets" in t["author_share"][1] and "Sáng kiến, sáng tạo Thủ đô" in t["basis"]
    from movements.actions import movement_target_add

    m = city_movement(world, start=date(year, 1, 1), end=date(year, 12, 31))
    movement_target_add(acting_user=world.users["specialist"], movement=m, metric="initiative_share",
                        label="Ít nhất 20% cán bộ có sáng kiến", threshold=Decimal("20"))
    t = selectors.targets_of(world.ward_a, year)
    assert t["author_share"][0] == Decimal("20") and "Sáng kiến, sáng tạo Thủ đô" in t["author_share"][1]
    assert t["applied_share"][0] == Decimal("70.0")  # the movement names no share applied: the rulebook's


def test_the_page_marks_who_meets_the_target(world, data, year, as_user, django_assert_max_num_queries):
    client = as_user("officer_a")
    with django_assert_max_num_queries(20):
        page = client.get(reverse("initiatives:targets"), {"unit": world.ward_a.pk, "year": year}).content.decode()
    assert "Chỉ tiêu sáng kiến — Phường Phú Lương, năm" in page
    assert '<span class="badge badge-ok">20,0%</span>' in page       # the office: 20% ≥ 15%
    assert '<span class="badge badge-late">10,0%</span>' in page     # the school: 10% < 15%
    assert '<span class="badge badge-late">66,7%</span>' in page     # overall applied: 66.7% < 70%
    # The other ward's officer does not read Phú Lương's figures.
    assert as_user("officer_b").get(reverse("initiatives:targets"), {"unit": world.ward_a.pk}).status_code == 404


def test_the_query_count_does_not_grow_with_units(world, data, year, as_user, django_assert_max_num_queries):
    from tdkt.testing import unit

    client = as_user("officer_a")
    for n in range(30):
        u = unit(f"HN-PLU-T{n:02d}", f"Tổ dân phố số {n}", "residential_group", world.ward_a)
        person(f"TDP{n:02d}", f"Tổ trưởng {n}", u)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("initiatives:targets"), {"unit": world.ward_a.pk, "year": year})
    assert page.status_code == 200 and "Tổ dân phố số 29" in page.content.decode()
