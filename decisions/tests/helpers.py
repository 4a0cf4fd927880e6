"""Builders of the decisions' tests: a dossier the ward's council passed, and the chairman's decision on it."""

from datetime import date

from council import actions as council_actions
from dossiers import decide
from dossiers.models import Dossier
from org.models import Role
from tdkt.testing import user
from tdkt.testing.council import establish
from tdkt.testing.dossiers import dossier_at_council


def passed(world, people, award="LDTT", year=2025):
    """A dossier whose lines the ward's council has passed, waiting for the chairman."""
    members = [world.users["council"]] + [user(f"hd{i}", Role.COUNCIL_MEMBER, world.ward_a) for i in (2, 3)]
    establish(world.ward_a, members)
    d = dossier_at_council(world, people, award=award, year=year)
    office = world.users["ward_specialist"]
    m = council_actions.meeting_create(acting_user=office, authority=world.ward_a, title="Phiên họp", date=date(2026, 1, 10),
                                       dossiers=[d])
    council_actions.attendance_set(acting_user=office, meeting=m, present_user_ids=[u.pk for u in members])
    council_actions.ballot_open(acting_user=office, meeting=m)
    for u in members:
        council_actions.ballot_cast(acting_user=u, meeting=m, choices={str(t.line_id): "agree" for t in m.tallies.all()})
    council_actions.ballot_close(acting_user=office, meeting=m)
    return Dossier.objects.get(pk=d.pk)


def issue(world, dossier, day=date(2026, 1, 20), number="15", who="chairman", **kw):
    return decide.decision_issue(acting_user=world.users[who], authority=world.ward_a, dossiers=[dossier], number=number,
                                  date=day, signer_name="Nguyễn Văn Chủ", **kw)


def issued(world, **kw):
    """Ward A's decision for Nguyễn Thị Thịnh's LĐTT 2025, its council passed."""
    return issue(world, passed(world, [world.thinh]), **kw)
