"""Every kind the rulebook names is registered, every registered kind has its table of cases,
and what the rulebook holds (the criterion's text, which title includes which) reaches the engine."""

import importlib

import pytest
from django.apps import apps

from eligibility.criteria import REGISTRY, criterion
from eligibility.engine import Rulebook, evaluate
from rulebook.loader import load_data
from rulebook.models import AwardType, Criterion
from tdkt.testing.history import eligibility, history, import_history, outcome

from .criteria_cases import N, awards, collective, composite, discipline, initiatives, ratings, tenure

pytestmark = pytest.mark.django_db

TABLES = [awards, collective, composite, discipline, initiatives, ratings, tenure]


def kinds_in(criteria):
    for c in criteria:
        yield c["kind"]
        for option in c.get("params", {}).get("options", []):
            yield from kinds_in(option)


def test_every_kind_in_the_rulebook_file_is_registered():
    named = {kind for award in load_data()["award"] for std in award.get("standard", [])
             for kind in kinds_in(std.get("criteria", []))}
    assert named and named <= set(REGISTRY)


def test_every_registered_kind_has_cases_met_and_not_met():
    seen = {(case.kind, case.ok) for table in TABLES for case in table.CASES}
    assert {(kind, ok) for kind in REGISTRY for ok in (True, False)} <= seen


def test_a_kind_is_registered_once_and_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        criterion("rating_at_least")(lambda book, **params: None)
    with pytest.raises(ValueError, match="Loại tiêu chuẩn không biết: no_such_kind"):
        Rulebook(N).compile("no_such_kind", {}, "")


def test_the_criterion_text_of_the_rulebook_reaches_the_reasons(tmp_path):
    import_history(tmp_path, history(ratings={"P": {N: "HTTNV"}}))
    Criterion.objects.filter(award_type__code="LDTT", kind="rating_at_least").update(text="Xếp loại từ hoàn thành tốt nhiệm vụ (quy chế tỉnh)")
    [o] = [o for o in evaluate(N, award_code="LDTT").outcomes if o.subject.code == "P"]
    assert o.met_lines() == [("Năm 2025 được xếp loại hoàn thành tốt nhiệm vụ", "Xếp loại từ hoàn thành tốt nhiệm vụ (quy chế tỉnh)")]
    # The command line's sentences stay as the contract fixes them (interchange.md).
    assert outcome(eligibility(N, award="LDTT"), "P", "LDTT")["met"] == ["Năm 2025 được xếp loại hoàn thành tốt nhiệm vụ"]


def test_cstdcs_includes_ldtt_as_rulebook_data():
    cstdcs = AwardType.objects.get(code="CSTDCS")
    assert cstdcs.includes == ["LDTT"]
    book = Rulebook(N)
    assert sorted(book.includes["LDTT"]) == sorted([book.award_id("LDTT"), cstdcs.id])
    # An administrator who removes the relation changes what a collective counts.
    AwardType.objects.filter(pk=cstdcs.pk).update(includes=[])
    assert Rulebook(N).includes["LDTT"] == [book.award_id("LDTT")]


def test_the_migration_fills_the_relation_for_a_rulebook_seeded_before_it():
    migration = importlib.import_module("rulebook.migrations.0003_award_type_includes")
    AwardType.objects.update(includes=[])
    migration.includes_from_the_seed_file(apps, None)
    assert dict(AwardType.objects.exclude(includes=[]).values_list("code", "includes")) == {"CSTDCS": ["LDTT"]}


def test_each_kind_declares_the_years_and_awards_it_reads():
    """records/basis.py, dossiers/appraisal.py and revocation ask the registry, not the kind names."""
    from eligibility.criteria import achievement_years, rating_spans, rests_on

    criteria = {a.code: [(c.kind, c.params) for c in a.criteria.filter(valid_from__gte="2024-01-01") or a.criteria.all()]
                for a in AwardType.objects.prefetch_related("criteria")}
    spans = rating_spans(criteria)
    assert (spans["LDTT"], spans["CSTDCS"], spans["CSTD_TINH"], spans["BK_TTG"]) == (1, 1, 3, 5)
    assert achievement_years(criteria["LDTT"]) == 1 and achievement_years(criteria["CSTD_TINH"]) == 3
    assert {(d.award, d.first, d.last, d.members) for d in rests_on(criteria["CSTDCS"])} == {("LDTT", 0, 0, False)}
    assert {(d.award, d.first, d.last) for d in rests_on(criteria["CSTD_TINH"])} == {("CSTDCS", 0, 2)}
    assert {(d.award, d.members) for d in rests_on(criteria["TTLDXS"])} == {("LDTT", True), ("CSTDCS", True)}
