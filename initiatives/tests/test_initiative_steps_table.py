"""The steps table (initiatives/workflow.py): who may take which step in which state — the ward's officer, the other
ward's officer, the ward's standing office, the city's, a council member, the chairman."""

import pytest

from initiatives import actions, workflow
from initiatives.models import Status

from tdkt.testing.initiatives import recognised, submitted

pytestmark = pytest.mark.django_db

WHO = ["officer_a", "officer_b", "ward_specialist", "specialist", "council", "chairman"]
MATRIX = {
    # state: {verb: the people who may take it}
    Status.SUBMITTED: {"edit": {"officer_a", "ward_specialist", "specialist"},
                       "attach": {"officer_a", "ward_specialist", "specialist"},
                       "review": {"ward_specialist", "specialist"},
                       "return": {"ward_specialist", "specialist"},
                       "score": set(), "recognize": set(), "widen": set(), "report": set(), "resubmit": set()},
    Status.REVIEWING: {"edit": set(), "review": set(),
                       "score": {"council", "ward_specialist", "specialist"},
                       "recognize": {"ward_specialist", "specialist"},
                       "return": {"ward_specialist", "specialist"}, "widen": set(), "report": set()},
    Status.RETURNED: {"edit": {"officer_a", "ward_specialist", "specialist"},
                      "resubmit": {"officer_a", "ward_specialist", "specialist"}, "review": set(), "score": set()},
    Status.RECOGNIZED: {"edit": set(), "score": set(), "recognize": set(), "return": set(),
                        "widen": {"specialist"},   # a level above the ward: the city's office, not the ward's own
                        "report": {"officer_a", "ward_specialist", "specialist"}},
}


def at(world, status):
    if status == Status.RECOGNIZED:
        return recognised(world, world.council_)
    i = submitted(world)
    if status == Status.REVIEWING:
        actions.review_open(acting_user=world.users["ward_specialist"], initiative=i)
    elif status == Status.RETURNED:
        actions.initiative_return(acting_user=world.users["ward_specialist"], initiative=i, reason="Bổ sung.")
    i.refresh_from_db()
    return i


@pytest.mark.parametrize("status", list(MATRIX))
def test_who_may_take_which_step(world, council, status):
    world.council_ = council
    i = at(world, status)
    assert i.status == status
    got = {verb: {who for who in WHO if workflow.allowed(world.users[who], i, verb)} for verb in MATRIX[status]}
    assert got == MATRIX[status]
