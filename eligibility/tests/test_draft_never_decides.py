"""A draft of the rulebook never decides anything: the engine's normal path, the results kept for the pages, the
appraisal and the command line without --rules give the same answers whether drafts are loaded or not, and none
of them reads the drafts' table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eligibility.engine import evaluate
from eligibility.models import Result
from eligibility.results import compute_year
from rulebook.models import Draft
from tdkt.testing.dossiers import appraise_json, nominate
from tdkt.testing.history import eligibility, import_history
from tdkt.testing.previews import DRAFT, N, preview_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(tmp_path):
    import_history(tmp_path, preview_history())


def answers():
    return sorted((o.as_json() for o in evaluate(N).outcomes), key=lambda r: (r["recipient"], r["award"]))


def drafts_read(queries):
    return [q["sql"] for q in queries if "rulebook_draft" in q["sql"]]


def test_the_rules_in_force_answer_the_same_with_the_draft_loaded_or_not(loaded):
    assert Draft.objects.filter(code=DRAFT).exists()
    with_draft, cli_with_draft = answers(), eligibility(N)
    # The draft would change these answers (so the comparison below is not vacuous).
    assert any(o.as_json() != w for o, w in zip(
        sorted(evaluate(N, draft=DRAFT).outcomes, key=lambda o: (o.subject.code, o.award.code)), with_draft))
    Draft.objects.all().delete()
    assert answers() == with_draft
    assert eligibility(N) == cli_with_draft


def test_nothing_but_the_preview_reads_a_draft(loaded, tmp_path):
    with CaptureQueriesContext(connection) as q:
        evaluate(N)
        eligibility(N)
        compute_year(N)
        appraise_json(nominate(tmp_path, [{"recipient": "A", "award": "CSTDCS"}, {"recipient": "P", "award": "CSTDCS"}],
                               authority="U", decision_date="2026-01-15"))
    assert Result.objects.filter(year=N).exists()
    assert drafts_read(q.captured_queries) == []
    with CaptureQueriesContext(connection) as q:
        evaluate(N, draft=DRAFT)
    assert drafts_read(q.captured_queries)


def test_the_kept_results_are_those_of_the_rules_in_force(loaded):
    compute_year(N)
    kept = {(r.kind, r.subject_id): r.eligible for r in Result.objects.filter(year=N)}
    Draft.objects.all().delete()
    Result.objects.all().delete()
    compute_year(N)
    assert {(r.kind, r.subject_id): r.eligible for r in Result.objects.filter(year=N)} == kept
