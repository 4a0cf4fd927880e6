"""Who may take each step of a school's exemplar (the school proposes to Phường Phú Lương), written out by hand and
tried through the actions: "yes" steps succeed, the others are refused and change nothing."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from exemplars import actions, workflow
from exemplars.models import Status

from .helpers import fields

# persona → the steps they may take (the unit's on a draft, the office's on a sent proposal).
MAY = {
    "officer_a": {"edit", "submit"},                                     # the ward's officer: proposes for its school
    "officer_b": set(),                                                  # the sibling ward's officer
    "ward_specialist": {"edit", "submit", "accept", "return", "commend"},  # the ward's standing office
    "specialist": {"edit", "submit", "accept", "return", "commend"},     # the city's office (the ward is in its scope)
    "council": set(),                                                    # a council member: votes, proposes nothing
    "chairman": set(),                                                   # the chairman: signs
}
UNIT_STEPS = {
    "edit": lambda u, e: actions.exemplar_update(acting_user=u, exemplar=e, place="Sân trường"),
    "submit": lambda u, e: actions.exemplar_submit(acting_user=u, exemplar=e),
}
OFFICE_STEPS = {
    "accept": lambda u, e: actions.exemplar_accept(acting_user=u, exemplar=e),
    "return": lambda u, e: actions.exemplar_return(acting_user=u, exemplar=e, reason="Bổ sung ảnh"),
    "commend": lambda u, e: actions.exemplar_commend(acting_user=u, exemplar=e),
}
AFTER = {"edit": Status.DRAFT, "submit": Status.SUBMITTED, "accept": Status.ACCEPTED, "return": Status.RETURNED,
         "commend": Status.ACCEPTED}


def _exemplar(world, sent):
    from org.models import Person

    today = timezone.localdate()
    e = actions.exemplar_create(acting_user=world.users["officer_a"], unit=world.school_a,
                                **fields(today.year, today.month, deed_on=today, subject_kind="person",
                                         person=Person.objects.get(code="CB0003")))
    return actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=e) if sent else e


@pytest.mark.parametrize("persona", sorted(MAY))
@pytest.mark.parametrize("verb", [*UNIT_STEPS, *OFFICE_STEPS])
def test_step_matrix(world, media, persona, verb):
    user = world.users[persona]
    e = _exemplar(world, sent=verb in OFFICE_STEPS)
    before = e.status
    act = {**UNIT_STEPS, **OFFICE_STEPS}[verb]
    assert workflow.allowed(user, e, verb) == (verb in MAY[persona])
    if verb in MAY[persona]:
        act(user, e)
        e.refresh_from_db()
        assert e.status == AFTER[verb]
    else:
        with pytest.raises(PermissionDenied):
            act(user, e)
        e.refresh_from_db()
        assert e.status == before and e.commended_line_id is None
