"""The report's cluster section: a cluster of the city scored by hand, closed, its ranking read in the city's
report of the year (clusters.selectors.cluster_rankings), on the page and in the workbook."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from clusters import actions
from core.years import review_year
from reports import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(world):
    year = review_year()
    office, a, b = world.users["specialist"], world.users["officer_a"], world.users["officer_b"]
    c = actions.cluster_create(acting_user=office, level=world.city, year=year, name="Cụm thi đua số 9",
                               members=[world.ward_a, world.ward_b], head=world.ward_a)
    (k,) = actions.criteria_save(acting_user=office, cluster=c, rows=[
        {"name": "Thực hiện nhiệm vụ", "kind": "regular", "max_points": "100"}])
    actions.criteria_lock(acting_user=a, cluster=c)
    # Each ward scores itself and the other: A gives B 70, B gives A 90 (the others' average decides).
    actions.scores_save(acting_user=a, cluster=c, scorer=world.ward_a,
                        points={(world.ward_a.pk, k.pk): "95", (world.ward_b.pk, k.pk): "70"})
    actions.scores_save(acting_user=b, cluster=c, scorer=world.ward_b,
                        points={(world.ward_a.pk, k.pk): "90", (world.ward_b.pk, k.pk): "80"})
    actions.scoring_close(acting_user=a, cluster=c)
    return year


def test_the_city_report_reads_the_clusters_ranking(world, ranked, as_user):
    section = selectors.year_report(world.city, ranked)["clusters"]
    (cluster,) = section["clusters"]
    assert cluster["closed"] and cluster["cluster"].name == "Cụm thi đua số 9"
    assert [(r["rank"], r["unit"].name, Decimal(r["score"])) for r in cluster["rows"]] == [
        (1, "Phường Phú Lương", Decimal("90")), (2, "Phường Yên Nghĩa", Decimal("70"))]
    page = as_user("specialist").get(reverse("reports:report"), {"don-vi": world.city.pk, "nam": ranked})
    html = page.content.decode()
    assert 'id="cum-khoi"' in html and "Cụm thi đua số 9" in html
    wb = load_workbook(io.BytesIO(as_user("specialist").get(reverse("reports:excel"),
                                                            {"don-vi": world.city.pk, "nam": ranked}).content))
    rows = [[c.value for c in row] for row in wb["Cụm, khối thi đua"].iter_rows(min_row=5)]
    assert rows[0][:3] == ["Cụm thi đua số 9", 1, "Phường Phú Lương"]
