"""The report's cost does not grow with the level: the same queries for a ward of two units as for one of twelve."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.models import Award
from reports import selectors
from rulebook.models import AwardType
from tdkt.testing import person, unit

pytestmark = pytest.mark.django_db

YEAR = 2025


def _grow(world, n_units, people_each=3):
    ldtt, ttldtt = AwardType.objects.get(code="LDTT"), AwardType.objects.get(code="TTLDTT")
    for i in range(n_units):
        u = unit(f"HN-PLU-T{i:02d}", f"Tổ dân phố số {i + 1}", "residential_group", world.ward_a)
        Award.objects.create(award_type=ttldtt, unit=u, year=YEAR, amount=1_404_000)
        for j in range(people_each):
            p = person(f"Q{i:02d}{j}", f"Người Số {i} {j}", u, start=date(2020, 1, 1))
            Award.objects.create(award_type=ldtt, person=p, year=YEAR, amount=702_000)
            Award.objects.create(award_type=ldtt, person=p, year=YEAR - 1, amount=670_000)


def _queries(unit_, year):
    with CaptureQueriesContext(connection) as ctx:
        report = selectors.year_report(unit_, year)
    return len(ctx.captured_queries), report


def test_the_report_costs_the_same_for_more_units(world):
    _grow(world, 2)
    world.ward_a.refresh_from_db()
    few, small = _queries(world.ward_a, YEAR)
    assert small["total"].total == 2 * 3 + 2
    _grow_more = [unit(f"HN-PLU-X{i:02d}", f"Tổ dân phố X{i}", "residential_group", world.ward_a) for i in range(10)]
    ldtt = AwardType.objects.get(code="LDTT")
    for i, u in enumerate(_grow_more):
        for j in range(3):
            Award.objects.create(award_type=ldtt, person=person(f"R{i:02d}{j}", f"Người Khác {i} {j}", u), year=YEAR,
                                 amount=702_000)
    world.ward_a.refresh_from_db()
    many, big = _queries(world.ward_a, YEAR)
    assert big["total"].total == small["total"].total + 30
    assert len(big["per_unit"]) == len(small["per_unit"]) + 10
    assert many == few
    assert many <= 25


def test_the_report_page_is_bounded(world, as_user, django_assert_max_num_queries):
    _grow(world, 5)
    client = as_user("specialist")
    with django_assert_max_num_queries(45):
        page = client.get("/bao-cao/", {"don-vi": world.ward_a.pk, "nam": YEAR})
    assert page.status_code == 200
