"""Every step of the transition table, tried by each persona: who may take it (the duty, where it applies).
Written out by hand: changing a grant or a step must change this table too."""

import pytest

from dossiers import actions
from dossiers.workflow import STEPS, may

pytestmark = pytest.mark.django_db

PERSONAS = ["officer_a", "officer_b", "ward_specialist", "specialist", "council", "chairman", "city_admin", "admin"]
UNIT = {"officer_a", "ward_specialist", "specialist", "city_admin", "admin"}           # submit at ward A
OFFICE = {"ward_specialist", "specialist", "city_admin", "admin"}                      # receive, appraise, standing office at ward A
EXPECTED = {
    "create": UNIT, "edit": UNIT, "submit": UNIT, "withdraw": UNIT, "abandon": UNIT,
    "receive": OFFICE, "assign": OFFICE, "return": OFFICE, "appraise": OFFICE, "set_aside": OFFICE, "close_disclosure": OFFICE,
    "council_result": OFFICE, "forward": OFFICE, "submit_central": OFFICE, "central_result": OFFICE,
    "decide": {"chairman", "admin"},
}


def test_the_table_names_every_step():
    assert set(EXPECTED) == set(STEPS)


def test_the_timeline_says_every_step_in_vietnamese():
    from dossiers.models import VERBS

    assert set(STEPS) - {"edit"} <= set(VERBS)


@pytest.mark.parametrize("verb", sorted(EXPECTED))
def test_who_may_take_each_step(world, verb):
    d = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=2025,
                               title="Đề nghị khen thưởng năm 2025")
    assert {p for p in PERSONAS if may(world.users[p], d, verb)} == EXPECTED[verb]
