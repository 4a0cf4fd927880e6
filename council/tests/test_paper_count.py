"""Paper ballots, and the written ballots of absent members, entered as anonymous totals per line by the counting
group (issue 14, item 5): a member without an account counts in the base and votes on paper; totals are refused,
naming the line, when they exceed the ballots received; a member handed a paper ballot does not vote on screen."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from council import actions
from council.models import PaperCount, Receipt, Tally
from org.models import Person
from tdkt.testing.dossiers import dossier_at_council

from .helpers import all_lines, convene, council_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    """Ward A's council of four: three accounts and Nguyễn Văn Giấy, who has none; all present; two lines (LĐTT)."""
    council_of(world, count=3, without_account=["Nguyễn Văn Giấy"])
    return convene(world, [dossier_at_council(world, [world.thinh, Person.objects.get(code="CB0002")])])


def _lines(m):
    return list(m.tallies.order_by("line__position").values_list("line_id", flat=True))


def test_a_member_without_an_account_counts_in_the_base_and_votes_on_paper(as_user, world, meeting):
    office = world.users["ward_specialist"]
    paper_member = meeting.members.get(user__isnull=True)
    assert (meeting.members_count, paper_member.name) == (4, "Nguyễn Văn Giấy")
    page = as_user("ward_specialist").get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert "phiếu giấy (không có tài khoản)" in page and "Ban kiểm phiếu nhập kết quả phiếu giấy" in page
    first, second = _lines(meeting)
    a, b, _c = [mem.user for mem in meeting.members.filter(user__isnull=False).order_by("position")]
    actions.ballot_cast(acting_user=a, meeting=meeting, choices={str(first): "agree", str(second): "agree"})
    actions.ballot_cast(acting_user=b, meeting=meeting, choices={str(first): "agree", str(second): "disagree"})
    # The counting group counts his paper ballot: the secretary enters totals, not his choices.
    actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=1, received=1, member_ids=[paper_member.pk],
                              totals={first: {"agree": 1}, second: {"agree": 1}})
    assert Receipt.objects.get(member=paper_member).channel == Receipt.Channel.PAPER
    actions.ballot_close(acting_user=office, meeting=meeting)
    t1, t2 = meeting.tallies.order_by("line__position")
    # More than half of ALL four members (3): the first line passes with his paper ballot, the second does not.
    assert (t1.agree, t1.base, t1.needed, t1.passed) == (3, 4, 3, True)
    assert (t2.agree, t2.disagree, t2.base, t2.passed) == (2, 1, 4, False)


def test_paper_totals_beyond_the_ballots_received_are_refused_naming_the_line(world, meeting):
    office = world.users["ward_specialist"]
    paper_member = meeting.members.get(user__isnull=True)
    first, second = _lines(meeting)
    with pytest.raises(ValidationError) as refused:
        actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=1, received=1, member_ids=[paper_member.pk],
                                  totals={first: {"agree": 1, "disagree": 1}, second: {"agree": 1}})
    assert refused.value.message_dict["totals"] == [
        "Dòng của Nguyễn Thị Thịnh (Lao động tiên tiến): 2 phiếu (đồng ý, không đồng ý, không có ý kiến) nhiều hơn 1 phiếu thu về."]
    # Fewer ballots came back than were handed out: the line's totals are held to those received.
    with pytest.raises(ValidationError, match="Dòng của Trần Văn An .*: 1 phiếu .* nhiều hơn 0 phiếu thu về"):
        actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=1, received=0, member_ids=[paper_member.pk],
                                  totals={second: {"agree": 1}})
    with pytest.raises(ValidationError) as refused:
        actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=2, received=3, member_ids=[paper_member.pk],
                                  totals={})
    assert refused.value.message_dict["handed_out"] == [
        "Số phiếu phát ra (2) phải bằng số thành viên được đánh dấu nhận phiếu giấy (1)."]
    assert refused.value.message_dict["received"] == ["Số phiếu thu về (3) nhiều hơn số phiếu phát ra (2)."]
    # Nothing of a refused count is kept.
    assert not PaperCount.objects.exists() and not Receipt.objects.filter(voted=True).exists()
    assert not Tally.objects.exclude(agree=0, disagree=0, abstain=0).exists()


def test_screen_ballots_and_paper_ballots_together_never_exceed_the_members(world, meeting):
    office = world.users["ward_specialist"]
    first, _second = _lines(meeting)
    voter = world.users["council"]
    actions.ballot_cast(acting_user=voter, meeting=meeting, choices=all_lines(meeting, "agree"))
    everyone = list(meeting.members.order_by("position").values_list("pk", flat=True))
    # The member who voted on screen cannot be handed a paper ballot too…
    with pytest.raises(ValidationError, match="Đã bỏ phiếu, không nhận thêm phiếu giấy: council."):
        actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=4, received=4, member_ids=everyone, totals={})
    # …and the three others' paper ballots are all there is: 1 on screen + 3 on paper = the 4 members.
    others = everyone[1:]
    actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=3, received=3, member_ids=others,
                              totals={first: {"agree": 3}})
    with pytest.raises(ValidationError):
        actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=0, received=1, member_ids=[], totals={})


def test_a_member_handed_a_paper_ballot_does_not_vote_on_screen_too(world, meeting):
    office = world.users["ward_specialist"]
    on_paper = meeting.members.get(user=world.users["council"])
    actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=1, received=1, member_ids=[on_paper.pk],
                              totals={line: {"agree": 1} for line in _lines(meeting)})
    with pytest.raises(ValidationError, match="mỗi thành viên chỉ bỏ một phiếu"):
        actions.ballot_cast(acting_user=world.users["council"], meeting=meeting, choices=all_lines(meeting, "disagree"))
    assert sorted(Tally.objects.values_list("agree", "disagree")) == [(1, 0), (1, 0)]


def test_only_the_standing_office_enters_the_count(world, meeting):
    from django.core.exceptions import PermissionDenied

    paper_member = meeting.members.get(user__isnull=True)
    for who in ("council", "chairman", "officer_a"):
        with pytest.raises(PermissionDenied):
            actions.paper_count_enter(acting_user=world.users[who], meeting=meeting, handed_out=1, received=1,
                                      member_ids=[paper_member.pk], totals={})


def test_the_paper_form_refuses_naming_the_line_and_keeps_what_was_typed(as_user, world, meeting):
    first, second = _lines(meeting)
    paper_member = meeting.members.get(user__isnull=True)
    client = as_user("ward_specialist")
    form = {"paper_member": [paper_member.pk], "handed_out": "1", "received": "1", f"agree-{first}": "1",
            f"disagree-{first}": "1", f"agree-{second}": "một"}
    r = client.post(reverse("council:paper", args=[meeting.pk]), form)
    page = r.content.decode()
    assert r.status_code == 400
    assert "Dòng của Trần Văn An (Lao động tiên tiến): số phiếu “Đồng ý” phải là số nguyên không âm, không phải “một”." in page
    assert f'name="disagree-{first}" aria-label="Nguyễn Thị Thịnh: Không đồng ý" value="1"' in page
    assert re.search(rf'name="paper_member" value="{paper_member.pk}" checked', page)
    form[f"agree-{second}"] = "1"
    page = client.post(reverse("council:paper", args=[meeting.pk]), form).content.decode()
    assert "Dòng của Nguyễn Thị Thịnh (Lao động tiên tiến): 2 phiếu (đồng ý, không đồng ý, không có ý kiến) nhiều hơn 1 phiếu thu về." in page
    form[f"disagree-{first}"] = ""
    r = client.post(reverse("council:paper", args=[meeting.pk]), form, follow=True)
    assert "Đã nhập kết quả kiểm phiếu giấy: 1 phiếu thu về." in [str(m) for m in r.context["messages"]]
    assert "Lần kiểm 1: 1 phiếu phát ra, 1 phiếu thu về" in r.content.decode()
    assert sorted(Tally.objects.values_list("agree", flat=True)) == [1, 1]


def test_an_absent_members_written_ballot_is_counted_as_written(world):
    council_of(world, count=3, without_account=["Nguyễn Văn Vắng"])
    d = dossier_at_council(world, [world.thinh])
    m = convene(world, [d], open_ballot=False)
    office = world.users["ward_specialist"]
    absent = m.members.get(user__isnull=True)
    actions.attendance_set(acting_user=office, meeting=m, present_member_ids=[mem.pk for mem in m.members.exclude(pk=absent.pk)])
    actions.ballot_open(acting_user=office, meeting=m)
    count = actions.paper_count_enter(acting_user=office, meeting=m, handed_out=1, received=1, member_ids=[absent.pk],
                                      totals={line: {"abstain": 1} for line in _lines(m)})
    assert count.written == 1 and Receipt.objects.get(member=absent).channel == Receipt.Channel.WRITTEN
    assert "phiếu gửi của thành viên vắng mặt: Nguyễn Văn Vắng" in m.events.get(verb="paper").note
