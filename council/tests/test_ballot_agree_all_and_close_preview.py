"""Fewer clicks on the ballot, and a preview before what cannot be undone (issue 15, items 7 and 8): "Đồng ý tất cả"
ticks agree on every line not yet chosen and the member changes lines after; declaring a recusal inside a ballot of
35 lines keeps every other tick; closing a ballot shows the counts that will stand and asks once."""

import re

import pytest
from django.urls import reverse

from council import actions
from council.models import MeetingStatus, Receipt, Recusal, Tally
from tdkt.testing import person
from tdkt.testing.dossiers import dossier_at_council

from .helpers import all_lines, convene, council_of

pytestmark = pytest.mark.django_db

CHOICES = ["agree", "disagree", "abstain"]


@pytest.fixture
def long_ballot(world):
    """A ballot of 35 lines (35 people of ward A's office proposed for LĐTT), three members, all present."""
    council_of(world, count=3)
    people = [person(f"B{i:03d}", f"Hoàng Văn Bình{i:03d}", world.office_a) for i in range(35)]
    return convene(world, [dossier_at_council(world, people)])


def _line_ids(meeting):
    return list(meeting.tallies.order_by("line__position").values_list("line_id", flat=True))


def _ticked(body):
    """{line id: the choice ticked} as the ballot shows it."""
    ballot = body[body.index('class="ballot"'):body.index("</form>", body.index('class="ballot"'))]
    return {int(line): value for line, value in
            re.findall(r'<input type="radio" name="line-(\d+)" value="(\w+)" checked>', ballot)}


def _nothing_counted():
    assert not Receipt.objects.filter(voted=True).exists()
    assert not Tally.objects.exclude(agree=0, disagree=0, abstain=0).exists()


def test_agree_all_ticks_every_line_not_yet_chosen_and_the_member_changes_one_after(as_user, long_ballot):
    member = as_user("council")
    ids = _line_ids(long_ballot)
    page = member.get(reverse("council:detail", args=[long_ballot.pk])).content.decode()
    assert "Đồng ý tất cả" in page and "35 dòng cần chọn ý kiến." in page
    # Two lines chosen first; "Đồng ý tất cả" (the form's own button, without JavaScript) fills the other 33.
    url = reverse("council:cast", args=[long_ballot.pk])
    r = member.post(url, {f"line-{ids[0]}": "disagree", f"line-{ids[1]}": "abstain", "fill": "agree"})
    assert r.status_code == 200
    body = r.content.decode()
    ticked = _ticked(body)
    assert ticked == {ids[0]: "disagree", ids[1]: "abstain", **{i: "agree" for i in ids[2:]}}
    assert "Đã chọn “Đồng ý” cho 33 dòng chưa chọn" in body
    _nothing_counted()
    # The member changes line 10 to "disagree", then casts.
    ballot = {f"line-{i}": v for i, v in ticked.items()}
    ballot[f"line-{ids[10]}"] = "disagree"
    member.post(url, ballot)
    counts = {t.line_id: (t.agree, t.disagree, t.abstain) for t in Tally.objects.filter(meeting=long_ballot)}
    assert counts[ids[0]] == (0, 1, 0) and counts[ids[1]] == (0, 0, 1) and counts[ids[10]] == (0, 1, 0)
    assert all(counts[i] == (1, 0, 0) for i in ids if i not in (ids[0], ids[1], ids[10]))


def test_a_recusal_declared_on_a_ballot_of_35_lines_keeps_every_other_tick(as_user, world, long_ballot):
    member = as_user("council")
    ids = _line_ids(long_ballot)
    choices = {i: CHOICES[n % 3] for n, i in enumerate(ids)}
    recused = ids[7]
    url = reverse("council:cast", args=[long_ballot.pk])
    # The member had ticked all 35, then asks not to vote on line 8 and forgets the reason: sent back, nothing lost.
    r = member.post(url, {**{f"line-{i}": v for i, v in choices.items()}, f"recuse-{recused}": "1", f"reason-{recused}": ""})
    body = r.content.decode()
    assert "cần ghi lý do không tham gia biểu quyết" in body
    assert _ticked(body) == choices  # the 34 others, and line 8's own tick should they change their mind
    assert f'name="recuse-{recused}" value="1" data-recuse checked' in body
    _nothing_counted()
    # With the reason: counted, line 8 left out, every other line as ticked.
    r = member.post(url, {**{f"line-{i}": v for i, v in choices.items()}, f"recuse-{recused}": "1",
                          f"reason-{recused}": "Là thủ trưởng đơn vị của người được đề nghị"})
    assert r.status_code == 302
    counts = {t.line_id: {"agree": t.agree, "disagree": t.disagree, "abstain": t.abstain} for t in Tally.objects.filter(meeting=long_ballot)}
    assert counts[recused] == {"agree": 0, "disagree": 0, "abstain": 0}
    for i in ids:
        if i != recused:
            assert counts[i] == {c: int(c == choices[i]) for c in CHOICES}, i
    assert Recusal.objects.get(meeting=long_ballot).line_id == recused


def _preview_rows(body):
    """[(recipient, agree, disagree, abstain, recused, needed/base, passed)] from the preview's table."""
    table = body[body.index('class="list close-preview'):body.index("</table>", body.index('class="list close-preview'))]
    out = []
    for row in re.findall(r"<tr><td data-label=\"Hồ sơ\">(.*?)</tr>", table, re.S):
        cells = dict(re.findall(r'data-label="([^"]+)">(.*?)</td>', row, re.S))
        out.append((re.sub(r"<[^>]+>", "", cells["Cá nhân, tập thể"]), int(cells["Đồng ý"]), int(cells["Không đồng ý"]),
                    int(cells["Không có ý kiến"]), int(cells["Không tham gia"]), cells["Cần"].split(" ")[0],
                    "không thông qua" not in cells["Kết quả"]))
    return out


def test_the_close_preview_shows_the_counts_that_the_closing_then_writes(as_user, world):
    office = world.users["ward_specialist"]
    members = council_of(world, count=3, without_account=["Nguyễn Văn Giấy"])
    people = [world.thinh, person("B001", "Lê Văn Một", world.office_a), person("B002", "Trần Thị Hai", world.office_a)]
    m = convene(world, [dossier_at_council(world, people)])
    ids = _line_ids(m)
    paper = m.members.get(user__isnull=True)
    actions.recuse(acting_user=office, meeting=m, line=m.tallies.get(line_id=ids[2]).line, reason="Là thủ trưởng đơn vị",
                   member=paper)
    actions.ballot_cast(acting_user=members[0], meeting=m, choices={ids[0]: "agree", ids[1]: "agree", ids[2]: "disagree"})
    actions.ballot_cast(acting_user=members[1], meeting=m, choices={ids[0]: "agree", ids[1]: "abstain", ids[2]: "agree"},
                        recusals={})
    client = as_user("ward_specialist")
    preview_url = reverse("council:close_preview", args=[m.pk])
    # A member on screen and the one on paper have not voted: the counts wait, both are named.
    body = client.get(preview_url).content.decode()
    assert "2 thành viên chưa bỏ phiếu:" in body and members[2].display_name in body
    assert "Nguyễn Văn Giấy" in body and "Đồng ý</th>" not in body
    actions.ballot_cast(acting_user=members[2], meeting=m, choices={ids[0]: "agree", ids[1]: "disagree", ids[2]: "agree"})
    actions.paper_count_enter(acting_user=office, meeting=m, handed_out=1, received=1, member_ids=[paper.pk],
                              totals={ids[0]: {"agree": 1}, ids[1]: {"agree": 1}})
    body = client.get(preview_url).content.decode()
    assert "chưa bỏ phiếu" not in body
    shown = _preview_rows(body)
    assert [r[0] for r in shown] == ["Nguyễn Thị Thịnh", "Lê Văn Một", "Trần Thị Hai"]
    seen = re.search(r'name="seen" value="([^"]+)"', body).group(1)
    r = client.post(reverse("council:step", args=[m.pk, "close"]), {"confirmed": "1", "seen": seen})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.status == MeetingStatus.CLOSED
    closed = [(t.line.recipient_name, t.agree, t.disagree, t.abstain, t.recused, f"{t.needed}/{t.base}", t.passed)
              for t in Tally.objects.filter(meeting=m).select_related("line__person").order_by("line__position")]
    assert shown == closed
    assert shown[0][1:] == (4, 0, 0, 0, "3/4", True)   # more than half of four members
    assert shown[2][4] == 1                             # the paper member's recusal is counted on its line
    assert f"{sum(r[6] for r in shown)}/3 dòng được thông qua" in body


def test_closing_asks_once_and_again_when_a_ballot_came_in_since(as_user, world):
    members = council_of(world, count=2)
    m = convene(world, [dossier_at_council(world, [world.thinh])])
    client = as_user("ward_specialist")
    step = reverse("council:step", args=[m.pk, "close"])
    # The old one-click form (or a page kept open) only leads to the preview.
    r = client.post(step)
    assert r["Location"] == reverse("council:close_preview", args=[m.pk])
    body = client.get(r["Location"]).content.decode()
    seen = re.search(r'name="seen" value="([^"]+)"', body).group(1)
    actions.ballot_cast(acting_user=members[0], meeting=m, choices=all_lines(m, "agree"))
    r = client.post(step, {"confirmed": "1", "seen": seen}, follow=True)
    assert any("Có thêm phiếu" in str(msg) for msg in r.context["messages"])
    m.refresh_from_db()
    assert m.status == MeetingStatus.VOTING
    # Confirmed on what stands now: closed.
    seen = re.search(r'name="seen" value="([^"]+)"', r.content.decode()).group(1)
    client.post(step, {"confirmed": "1", "seen": seen})
    m.refresh_from_db()
    assert m.status == MeetingStatus.CLOSED


def test_only_the_office_sees_the_preview(as_user, world):
    council_of(world, count=2)
    m = convene(world, [dossier_at_council(world, [world.thinh])])
    assert as_user("council").get(reverse("council:close_preview", args=[m.pk])).status_code == 404
    assert as_user("chairman").get(reverse("council:close_preview", args=[m.pk])).status_code == 404
    assert as_user("ward_specialist").get(reverse("council:close_preview", args=[m.pk])).status_code == 200
