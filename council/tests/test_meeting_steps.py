"""The meeting's steps are one table (council/workflow.py): who may take each (persona × step, written out by hand:
changing a grant or a step must change this table too), the pages show a button only when it allows, and every
step but the ballot writes the meeting's timeline and an audit row."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.recording import events_for
from council import actions
from council.models import MeetingStatus
from council.workflow import STEPS, StepRefused, may
from tdkt.testing.dossiers import dossier_at_council

from .helpers import all_lines, convene, council_of

pytestmark = pytest.mark.django_db

PERSONAS = ["officer_a", "officer_b", "ward_specialist", "specialist", "council", "chairman", "city_admin", "admin"]
OFFICE = {"ward_specialist", "specialist", "city_admin", "admin"}   # the standing office of ward A's council
MEMBER = {"council"}                                               # called to the meeting, with an account
EXPECTED = {
    "convene": OFFICE, "agenda": OFFICE, "attendance": OFFICE, "open": OFFICE, "recuse_record": OFFICE, "paper": OFFICE,
    "close": OFFICE, "cancel": OFFICE,
    "recuse": MEMBER, "cast": MEMBER,
}


def test_the_table_names_every_step():
    assert set(EXPECTED) == set(STEPS)


@pytest.fixture
def meeting(world):
    council_of(world, count=1, without_account=["Nguyễn Văn Giấy"])
    return convene(world, [dossier_at_council(world, [world.thinh])], open_ballot=False)


@pytest.mark.parametrize("verb", sorted(EXPECTED))
def test_who_may_take_each_step(world, meeting, verb):
    assert {p for p in PERSONAS if may(world.users[p], meeting, verb)} == EXPECTED[verb]


def _buttons(client, m):
    page = client.get(reverse("council:detail", args=[m.pk])).content.decode()
    return {label for label in ("Mở phiếu", "Kết thúc bỏ phiếu", "Lưu điểm danh", "Nhập kết quả kiểm phiếu", "Bỏ phiếu")
            if f">{label}</button>" in page} | ({"Hủy phiên họp…"} if "<summary>Hủy phiên họp…</summary>" in page else set()) \
        | ({"Kết thúc bỏ phiếu…"} if ">Kết thúc bỏ phiếu…</a>" in page else set())  # asks once, on its own page


def test_each_page_shows_the_buttons_the_table_allows(as_user, world, meeting):
    office, member, chairman = as_user("ward_specialist"), as_user("council"), as_user("chairman")
    assert _buttons(office, meeting) == {"Mở phiếu", "Lưu điểm danh", "Hủy phiên họp…"}
    assert _buttons(member, meeting) == _buttons(chairman, meeting) == set()
    actions.ballot_open(acting_user=world.users["ward_specialist"], meeting=meeting)
    assert _buttons(office, meeting) == {"Kết thúc bỏ phiếu…", "Lưu điểm danh", "Hủy phiên họp…", "Nhập kết quả kiểm phiếu"}
    assert _buttons(member, meeting) == {"Bỏ phiếu"}
    assert _buttons(chairman, meeting) == set()
    actions.ballot_close(acting_user=world.users["ward_specialist"], meeting=meeting)
    assert _buttons(office, meeting) == _buttons(member, meeting) == set()


def test_a_step_the_state_does_not_allow_is_refused_in_vietnamese(world, meeting):
    office = world.users["ward_specialist"]
    with pytest.raises(StepRefused, match="Phiên họp đang ở trạng thái “Chuẩn bị họp”: không thể kết thúc bỏ phiếu"):
        actions.ballot_close(acting_user=office, meeting=meeting)
    with pytest.raises(StepRefused, match="không thể nhập kết quả kiểm phiếu giấy"):
        actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=0, received=0, member_ids=[], totals={})


def test_the_meeting_timeline_says_who_did_what_when_from_which_state_to_which(as_user, world, meeting):
    office = world.users["ward_specialist"]
    paper = meeting.members.get(user__isnull=True)
    actions.ballot_open(acting_user=office, meeting=meeting)  # convened and every member marked present (helpers.convene)
    line = meeting.tallies.get().line
    actions.recuse(acting_user=office, meeting=meeting, line=line, reason="Là thủ trưởng đơn vị của người được đề nghị",
                   member=paper)
    actions.paper_count_enter(acting_user=office, meeting=meeting, handed_out=1, received=1, member_ids=[paper.pk], totals={})
    actions.ballot_cast(acting_user=world.users["council"], meeting=meeting, choices=all_lines(meeting, "agree"))
    actions.ballot_close(acting_user=office, meeting=meeting)
    events = list(meeting.events.order_by("id"))
    assert [(e.verb, e.actor, e.from_status, e.to_status) for e in events] == [
        ("convene", office, "", MeetingStatus.PLANNED),
        ("attendance", office, MeetingStatus.PLANNED, MeetingStatus.PLANNED),
        ("open", office, MeetingStatus.PLANNED, MeetingStatus.VOTING),
        ("recuse_record", office, MeetingStatus.VOTING, MeetingStatus.VOTING),
        ("paper", office, MeetingStatus.VOTING, MeetingStatus.VOTING),
        ("close", office, MeetingStatus.VOTING, MeetingStatus.CLOSED),
    ]  # the ballot on screen left none
    notes = {e.verb: e.note for e in events}
    assert notes["convene"] == "2 thành viên theo Quyết định số 12/QĐ-UBND ngày 01/07/2025; 1 hồ sơ"
    assert notes["attendance"] == "2/2 thành viên có mặt"
    assert notes["recuse_record"] == ("Nguyễn Văn Giấy — Nguyễn Thị Thịnh (Lao động tiên tiến): "
                                      "Là thủ trưởng đơn vị của người được đề nghị")
    assert notes["paper"] == "1 phiếu phát ra, 1 phiếu thu về; phiếu giấy: Nguyễn Văn Giấy"
    assert notes["close"].startswith("0/1 dòng được thông qua; 2/2 thành viên đã bỏ phiếu; không tham gia biểu quyết: "
                                     "Nguyễn Văn Giấy — Nguyễn Thị Thịnh")
    page = as_user("ward_specialist").get(reverse("council:detail", args=[meeting.pk])).content.decode()
    timeline = " ".join(re.sub(r"<[^>]+>", " ", page[page.index("Diễn biến phiên họp"):]).split())
    for label in ("Triệu tập phiên họp", "Điểm danh", "Mở phiếu — Chuẩn bị họp → Đang bỏ phiếu",
                  "Nhập kết quả kiểm phiếu giấy", "Kết thúc bỏ phiếu — Đang bỏ phiếu → Đã kết thúc bỏ phiếu"):
        assert label in timeline, label
    # Each step also left an audit row on the meeting.
    audit = [e.note for e in events_for(meeting).order_by("id")]
    assert len(audit) == 6 and audit[2].startswith("Mở phiếu: 1 dòng")


def test_a_cancelled_meeting_needs_a_reason_voids_its_ballots_and_frees_its_dossiers(as_user, world, meeting):
    office = world.users["ward_specialist"]
    actions.ballot_open(acting_user=office, meeting=meeting)
    actions.ballot_cast(acting_user=world.users["council"], meeting=meeting, choices=all_lines(meeting, "agree"))
    with pytest.raises(ValidationError, match="Cần ghi lý do hủy phiên họp."):
        actions.meeting_cancel(acting_user=office, meeting=meeting, reason=" ")
    r = as_user("ward_specialist").post(reverse("council:step", args=[meeting.pk, "cancel"]),
                                        {"reason": "Chủ tịch Hội đồng đi công tác; họp lại tuần sau"}, follow=True)
    assert "Đã hủy phiên họp; các hồ sơ có thể đưa vào phiên họp khác." in [str(m) for m in r.context["messages"]]
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert not meeting.tallies.exists() and not meeting.receipts.exists()
    assert meeting.events.get(verb="cancel").note == "Chủ tịch Hội đồng đi công tác; họp lại tuần sau (1 phiếu đã bỏ không được tính)"
    convene(world, list(meeting.dossiers.all()), title="Phiên họp lại")  # the dossier may go on another meeting
