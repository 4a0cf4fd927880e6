"""The demo's clusters: two clusters of the year under review scored and ranked, the first proposed for the city's
Cờ thi đua with its lines in a city dossier, a block still scoring; the city's office and the head ward see them,
and the report's selector gives each cluster's ranking."""

import pytest

from core.years import review_year
from clusters.models import Cluster, Status
from clusters.selectors import cluster_rankings, clusters_for
from org.models import Unit

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_ranked_clusters_one_proposed(demo):
    from django.contrib.auth import get_user_model

    year = review_year()
    clusters = {c.name: c for c in Cluster.objects.filter(year=year)}
    first = clusters["Cụm thi đua số 5 (các phường phía Tây Nam)"]
    second = clusters["Cụm thi đua số 3 (các phường trung tâm)"]
    block = clusters["Khối các sở, cơ quan thuộc Thành phố"]
    assert (first.status, second.status, block.status) == (Status.OPENED, Status.CLOSED, Status.SCORING)
    leader = first.members.get(rank=1)
    assert leader.proposed_award.code == "CO_TINH" and leader.line.dossier == first.dossier
    assert first.dossier.authority.code == "HN" and first.dossier.lines.count() == 3
    assert sorted(first.members.values_list("rank", flat=True)) == [1, 2, 3, 4, 5]
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["sonoivu", "phuluong", "truong.thcs"])}
    assert set(clusters_for(users["sonoivu"], year)) == {first, second, block}
    assert set(clusters_for(users["phuluong"], year)) == {first}
    rankings = cluster_rankings(Unit.objects.get(code="HN"), year)
    by_name = {r["cluster"].name: r for r in rankings}
    assert [row["rank"] for row in by_name[second.name]["rows"]] == [1, 2, 3, 4, 5, 6]
    assert by_name[first.name]["rows"][0]["award"].code == "CO_TINH" and by_name[first.name]["closed"]
    assert not by_name[block.name]["closed"]
