"""A nominee member does not vote on their own line, and that line's base is the rulebook's council_recusal_base
(issue 14, item 5): with "entitled_members" the base shrinks by the nominee and their line can pass; with
"all_members" their recusal weighs as a no. Recusing on the ballot screen keeps the member's other ticks."""

import re

import pytest
from django.urls import reverse

from council import actions
from council.models import Recusal, RecusalKind
from org.models import Person
from rulebook.models import Parameter
from tdkt.testing.dossiers import dossier_at_council

from .helpers import convene, council_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominee_meeting(world):
    """Ward A's council of four; its second member (hoidong2) is Nguyễn Thị Thịnh, proposed for LĐTT."""
    members = council_of(world, count=4)
    members[1].person = world.thinh
    members[1].save()
    return members, dossier_at_council(world, [world.thinh])


def _vote_and_close(world, members, d):
    m = convene(world, [d])
    first, nominee, third, fourth = members
    [line] = [str(t.line_id) for t in m.tallies.all()]
    actions.ballot_cast(acting_user=first, meeting=m, choices={line: "agree"})
    actions.ballot_cast(acting_user=third, meeting=m, choices={line: "agree"})
    actions.ballot_cast(acting_user=fourth, meeting=m, choices={line: "disagree"})
    actions.ballot_close(acting_user=world.users["ward_specialist"], meeting=m)
    return m, m.tallies.get()


def test_the_nominee_is_recorded_as_not_voting_on_their_own_line_when_the_ballot_opens(world, nominee_meeting):
    members, d = nominee_meeting
    m = convene(world, [d])
    r = Recusal.objects.get(meeting=m)
    assert (r.member.user, r.kind, r.reason) == (members[1], RecusalKind.NOMINEE, "Là người được đề nghị.")
    assert "không biểu quyết dòng của chính mình: Thành viên 2" in m.events.get(verb="open").note


def test_a_nominee_members_line_passes_when_the_base_shrinks_by_them(world, nominee_meeting):
    assert Parameter.objects.get(key="council_recusal_base").value == "entitled_members"  # the default
    _m, t = _vote_and_close(world, *nominee_meeting)
    # 2 agree of the 3 members who may vote: more than half.
    assert (t.agree, t.disagree, t.recused, t.base, t.needed, t.passed) == (2, 1, 1, 3, 2, True)


def test_the_same_line_fails_when_the_rulebook_counts_all_members(world, nominee_meeting):
    Parameter.objects.filter(key="council_recusal_base").update(value="all_members")
    _m, t = _vote_and_close(world, *nominee_meeting)
    # 2 agree of all 4 members: not more than half; the nominee's recusal weighed as a no.
    assert (t.agree, t.recused, t.base, t.needed, t.passed) == (2, 1, 4, 3, False)


def test_the_ballot_shows_the_base_of_the_nominees_line(client, world, nominee_meeting):
    members, d = nominee_meeting
    m = convene(world, [d])
    client.force_login(members[1])
    page = client.get(reverse("council:detail", args=[m.pk])).content.decode()
    assert "Bạn là người được đề nghị: không biểu quyết dòng này." in page
    assert "cần 2/3 phiếu đồng ý" in page and "1 thành viên là người được đề nghị, không tính vào cơ sở" in page
    assert "không tính vào cơ sở tính tỷ lệ của dòng đó" in page


def test_a_declared_recusal_weighs_as_a_no_under_a_base_of_all_members(world):
    members = council_of(world, count=4)
    m = convene(world, [dossier_at_council(world, [world.thinh])])
    [line] = [str(t.line_id) for t in m.tallies.all()]
    actions.ballot_cast(acting_user=members[0], meeting=m, choices={line: "agree"})
    actions.ballot_cast(acting_user=members[1], meeting=m, choices={line: "agree"},
                        recusals={})
    actions.ballot_cast(acting_user=members[2], meeting=m, choices={}, recusals={line: "Là thủ trưởng đơn vị của người được đề nghị"})
    actions.ballot_cast(acting_user=members[3], meeting=m, choices={line: "disagree"})
    actions.ballot_close(acting_user=world.users["ward_specialist"], meeting=m)
    t = m.tallies.get()
    assert (t.agree, t.recused, t.base, t.needed, t.passed) == (2, 1, 4, 3, False)
    assert Recusal.objects.get().kind == RecusalKind.DECLARED


def _checked(page, name, value=None):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*{f"value=\"{value}\"" if value else ""}[^>]*>', page)
    return tag is not None and " checked" in tag.group(0)


def test_recusing_on_the_ballot_screen_keeps_the_members_other_ticks(client, world):
    members = council_of(world, count=3)
    m = convene(world, [dossier_at_council(world, [world.thinh, Person.objects.get(code="CB0002")])])
    first, second = [t.line_id for t in m.tallies.order_by("line__position")]
    client.force_login(members[2])
    url = reverse("council:cast", args=[m.pk])
    # The second line: "not voting", but the reason forgotten. The ballot comes back with the first line still ticked.
    r = client.post(url, {f"line-{first}": "disagree", f"recuse-{second}": "1", f"reason-{second}": " "})
    page = r.content.decode()
    assert r.status_code == 200
    assert "Dòng của Trần Văn An (Lao động tiên tiến): cần ghi lý do không tham gia biểu quyết." in page
    assert _checked(page, f"line-{first}", "disagree") and _checked(page, f"recuse-{second}")
    assert "Phiếu chưa được tính" in page
    r = client.post(url, {f"line-{first}": "disagree", f"recuse-{second}": "1",
                          f"reason-{second}": "Là thủ trưởng đơn vị của người được đề nghị"}, follow=True)
    assert "Đã ghi nhận phiếu của bạn." in " ".join(str(x) for x in r.context["messages"])
    assert Recusal.objects.get().line_id == second
    assert sorted(m.tallies.values_list("line_id", "disagree")) == sorted([(first, 1), (second, 0)])
    # A recusal made on the ballot writes no event of its own (its time would be the ballot's).
    assert not m.events.filter(verb="recuse").exists()
