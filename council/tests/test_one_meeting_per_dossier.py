"""A dossier sits on one open meeting at a time (issue 13, item 10): convening or adding dossiers refuses one
already on a planned or voting meeting, naming both; and a meeting holding a dossier that another meeting
has already decided (data from before) still closes, saying so, instead of failing for good."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from council import actions
from council.models import Meeting, MeetingStatus
from council.selectors import close_preview
from dossiers.models import Line, Outcome, Status
from org.models import Person
from tdkt.testing.dossiers import dossier_at_council

from .helpers import all_lines, convene, council_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(world):
    council_of(world)
    return dossier_at_council(world, [world.thinh])


def test_a_dossier_on_a_planned_meeting_is_not_put_on_another(world, dossier):
    first = convene(world, [dossier], title="Phiên họp thứ nhất", open_ballot=False)
    with pytest.raises(ValidationError) as refused:
        convene(world, [dossier], title="Phiên họp thứ hai", open_ballot=False)
    [message] = refused.value.message_dict["dossiers"]
    assert dossier.code in message and f"“{first}”" in message
    assert Meeting.objects.count() == 1


def test_the_convening_page_names_the_dossier_and_the_other_meeting(as_user, world, dossier):
    first = convene(world, [dossier], title="Phiên họp thứ nhất")  # its ballot open
    r = as_user("ward_specialist").post(reverse("council:create") + f"?authority={world.ward_a.pk}", {
        "authority": world.ward_a.pk, "title": "Phiên họp thứ hai", "date": "15/01/2026", "dossiers": [dossier.pk]})
    assert r.status_code == 200
    page = r.content.decode()
    assert f"Hồ sơ {dossier.code} đã được đưa vào phiên họp “{first}” chưa kết thúc" in page
    assert Meeting.objects.count() == 1


def test_adding_a_dossier_of_another_open_meeting_is_refused(world, dossier):
    first = convene(world, [dossier], title="Phiên họp thứ nhất", open_ballot=False)
    other = dossier_at_council(world, [Person.objects.get(code="CB0002")])
    second = convene(world, [other], title="Phiên họp thứ hai", open_ballot=False)
    with pytest.raises(ValidationError, match=re.escape(f"Hồ sơ {dossier.code} đã được đưa vào phiên họp “{first}”")):
        actions.meeting_agenda_set(acting_user=world.users["ward_specialist"], meeting=second, dossiers=[other, dossier])
    assert list(second.dossiers.all()) == [other]
    # Its own meeting may keep it.
    actions.meeting_agenda_set(acting_user=world.users["ward_specialist"], meeting=first, dossiers=[dossier])


def test_a_dossier_of_a_closed_meeting_is_not_held_against_a_new_one(world, dossier):
    office = world.users["ward_specialist"]
    first = convene(world, [dossier], title="Phiên họp thứ nhất")
    actions.ballot_close(acting_user=office, meeting=first)
    other = dossier_at_council(world, [Person.objects.get(code="CB0002")])
    convene(world, [other], title="Phiên họp thứ hai")  # only the closed meeting held a dossier before


def test_a_meeting_whose_dossier_another_meeting_decided_still_closes(as_user, world, dossier):
    """As data made before the rule: the same dossier on two meetings, both ballots open."""
    office = world.users["ward_specialist"]
    first = convene(world, [dossier], title="Phiên họp thứ nhất")
    other = dossier_at_council(world, [Person.objects.get(code="CB0002")])
    second = convene(world, [other], title="Phiên họp thứ hai", open_ballot=False)
    second.dossiers.add(dossier)
    actions.ballot_open(acting_user=office, meeting=second)
    for member in second.members.all():
        actions.ballot_cast(acting_user=member.user, meeting=first, choices=all_lines(first, "agree"))
        actions.ballot_cast(acting_user=member.user, meeting=second, choices=all_lines(second, "disagree"))
    actions.ballot_close(acting_user=office, meeting=first)
    assert Line.objects.get(person=world.thinh).outcome == Outcome.PASSED

    r = as_user("ward_specialist").post(reverse("council:step", args=[second.pk, "close"]),
                                        {"confirmed": "1", "seen": close_preview(second)["seen"]}, follow=True)
    messages = [str(m) for m in r.context["messages"]]
    assert "Đã kết thúc bỏ phiếu; kết quả đã chuyển sang các hồ sơ." in messages
    assert any(m.startswith(f"Hồ sơ {dossier.code} đã có kết quả của phiên họp “{first}”") for m in messages), messages
    second.refresh_from_db()
    assert second.status == MeetingStatus.CLOSED
    # The first meeting's result stands; the second moved its own dossier on.
    assert Line.objects.get(person=world.thinh).outcome == Outcome.PASSED
    dossier.refresh_from_db()
    assert dossier.status == Status.DECISION and dossier.events.filter(verb="council_result").count() == 1
    other.refresh_from_db()
    assert other.status == Status.DECISION and Line.objects.get(dossier=other).outcome == Outcome.FAILED
