"""The council's secret ballot: who may do what, thresholds of ALL members, recusal
weighing as a no, and secrecy by construction (no stored row ties a choice to a voter)."""

from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse

from council import actions
from council.models import Meeting, MeetingStatus, Receipt, Tally
from dossiers.models import Dossier, Line, Outcome, Status
from org.models import Person, Role
from tdkt.testing import person, user
from tdkt.testing.council import establish
from tdkt.testing.dossiers import dossier_at_council

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(world):
    """Ward A's council: the persona ``council`` and three more members (four in all)."""
    members = [world.users["council"]] + [user(f"hoidong{i}", Role.COUNCIL_MEMBER, world.ward_a, full_name=f"Thành viên {i}")
                                          for i in (2, 3, 4)]
    establish(world.ward_a, members)
    return members


@pytest.fixture
def two_lines(world):
    an = Person.objects.get(code="CB0002")
    return dossier_at_council(world, [world.thinh, an])


def convene(world, dossier, present=3):
    office = world.users["ward_specialist"]
    m = actions.meeting_create(acting_user=office, authority=world.ward_a, title="Phiên họp tổng kết năm 2025",
                               date=dossier.updated_at.date(), dossiers=[dossier])
    members = list(m.members.order_by("id"))
    actions.attendance_set(acting_user=office, meeting=m, present_user_ids=[mem.user_id for mem in members[:present]])
    return m


def ballot(meeting, *choices):
    lines = list(meeting.tallies.order_by("line__position").values_list("line_id", flat=True))
    return {str(line): choice for line, choice in zip(lines, choices) if choice}


def test_only_the_standing_office_convenes_and_opens(world, council, two_lines):
    for who in ("officer_a", "council", "chairman"):
        with pytest.raises(PermissionDenied):
            actions.meeting_create(acting_user=world.users[who], authority=world.ward_a, title="x", date=two_lines.updated_at.date(),
                                   dossiers=[two_lines])
    m = convene(world, two_lines)
    assert m.members_count == 4
    with pytest.raises(PermissionDenied):
        actions.ballot_open(acting_user=world.users["council"], meeting=m)


def test_no_ballot_without_quorum(world, council, two_lines):
    m = convene(world, two_lines, present=2)  # 2 of 4: under two thirds
    with pytest.raises(ValidationError, match="Chưa đủ số thành viên dự họp: 2/4"):
        actions.ballot_open(acting_user=world.users["ward_specialist"], meeting=m)
    assert Meeting.objects.get().status == MeetingStatus.PLANNED


def test_the_whole_ballot(world, council, two_lines):
    office = world.users["ward_specialist"]
    m = convene(world, two_lines)
    actions.ballot_open(acting_user=office, meeting=m)
    m1, m2, m3, m4 = council
    actions.ballot_cast(acting_user=m1, meeting=m, choices=ballot(m, "agree", "agree"))
    with pytest.raises(ValidationError, match="mỗi thành viên chỉ bỏ một phiếu"):
        actions.ballot_cast(acting_user=m1, meeting=m, choices=ballot(m, "agree", "agree"))
    with pytest.raises(ValidationError, match="còn thiếu 1 dòng"):
        actions.ballot_cast(acting_user=m2, meeting=m, choices=ballot(m, "agree", None))
    actions.ballot_cast(acting_user=m2, meeting=m, choices=ballot(m, "agree", "disagree"))
    line2 = m.tallies.order_by("line__position")[1].line
    with pytest.raises(ValidationError):
        actions.recuse(acting_user=m3, meeting=m, line=line2, reason=" ")
    actions.recuse(acting_user=m3, meeting=m, line=line2, reason="Là thủ trưởng đơn vị của người được đề nghị")
    actions.ballot_cast(acting_user=m3, meeting=m, choices=ballot(m, "agree", None))
    with pytest.raises(PermissionDenied):
        actions.ballot_cast(acting_user=world.users["chairman"], meeting=m, choices=ballot(m, "agree", "agree"))
    # m4 is absent and sends a written ballot; the counting group counts it and the secretary enters the totals.
    absent = m.members.get(user=m4)
    written = {"handed_out": 1, "received": 1, "member_ids": [absent.pk],
               "totals": {line: {"agree": 1} for line in ballot(m, "agree", "agree")}}
    with pytest.raises(PermissionDenied):
        actions.paper_count_enter(acting_user=m1, meeting=m, **written)
    actions.paper_count_enter(acting_user=office, meeting=m, **written)
    assert Receipt.objects.get(member=absent).channel == Receipt.Channel.WRITTEN
    actions.ballot_close(acting_user=office, meeting=m)
    # LĐTT is not a secret-ballot award here: it passes with more than half of ALL four members (3 votes).
    t1, t2 = m.tallies.order_by("line__position")
    assert (t1.agree, t1.disagree, t1.abstain, t1.recused, t1.passed) == (4, 0, 0, 0, True)
    assert (t2.agree, t2.disagree, t2.abstain, t2.recused, t2.passed) == (2, 1, 0, 1, False)
    assert [ln.outcome for ln in Line.objects.order_by("position")] == [Outcome.PASSED, Outcome.FAILED]
    d = Dossier.objects.get()
    assert d.status == Status.DECISION
    event = d.events.get(verb="council_result")
    assert (event.from_status, event.to_status, event.data["passed"]["code"], event.data["failed"]["code"]) == ("council", "decision", 1, 1)
    assert Receipt.objects.filter(meeting=m, voted=True).count() == 4


def test_a_secret_ballot_award_needs_ninety_percent_of_all_members(world, council):
    from rulebook.models import Parameter

    d = dossier_at_council(world, [world.thinh])
    rules = Parameter.objects.filter(key="council_ballot_rules", valid_from__lte=d.updated_at.date(), valid_to__isnull=True)
    rules.update(value=[{"awards": ["LDTT"], "levels": ["*"], "ballot": "secret", "threshold_pct": 90, "op": ">=",
                         "base": "all_members", "status": "unverified", "legal_basis": "Quy chế của Hội đồng"}])
    office = world.users["ward_specialist"]
    m = convene(world, d, present=4)
    actions.ballot_open(acting_user=office, meeting=m)
    for member in council[:3]:
        actions.ballot_cast(acting_user=member, meeting=m, choices=ballot(m, "agree"))
    actions.ballot_cast(acting_user=council[3], meeting=m, choices=ballot(m, "abstain"))
    actions.ballot_close(acting_user=office, meeting=m)
    t = Tally.objects.get()
    assert t.secret and t.threshold_pct == 90 and (t.agree, t.passed) == (3, False)  # 3/4 = 75% < 90%


def test_the_page_shows_counts_only_after_closing(as_user, world, council, two_lines):
    office = world.users["ward_specialist"]
    m = convene(world, two_lines)
    actions.ballot_open(acting_user=office, meeting=m)
    actions.ballot_cast(acting_user=council[0], meeting=m, choices=ballot(m, "agree", "disagree"))
    url = reverse("council:detail", args=[m.pk])
    page = as_user("ward_specialist").get(url).content.decode()
    assert "Số phiếu của từng dòng chỉ hiện khi kết thúc bỏ phiếu" in page and "Kết quả bỏ phiếu" not in page
    member_page = as_user("council").get(url).content.decode()
    assert "Bạn đã bỏ phiếu" in member_page
    assert as_user("officer_b").get(url).status_code == 404
    actions.ballot_close(acting_user=office, meeting=m)
    assert "Kết quả bỏ phiếu" in as_user("ward_specialist").get(url).content.decode()


def test_cast_from_the_member_screen(client, world, council, two_lines):
    office = world.users["ward_specialist"]
    m = convene(world, two_lines)
    actions.ballot_open(acting_user=office, meeting=m)
    client.force_login(council[1])
    page = client.get(reverse("council:detail", args=[m.pk])).content.decode()
    assert "Phiếu bầu của bạn" in page and "Xin không tham gia biểu quyết (xung đột lợi ích)…" in page
    form = {f"line-{line}": "agree" for line in m.tallies.values_list("line_id", flat=True)}
    r = client.post(reverse("council:cast", args=[m.pk]), form, follow=True)
    assert "Đã ghi nhận phiếu của bạn" in r.content.decode()
    assert list(Tally.objects.values_list("agree", flat=True)) == [1, 1]


# --- secrecy by construction ------------------------------------------------------------------

def _user_relations():
    User = get_user_model()
    return [(model, f) for model in apps.get_models() for f in model._meta.get_fields()
            if isinstance(f, models.ForeignKey) and f.related_model is User]


def test_no_table_ties_a_choice_to_a_voter():
    """Structure: the counts know no voter, the receipts know no line and no choice."""
    User = get_user_model()
    tally_fields = {f.name: f for f in Tally._meta.get_fields()}
    assert not any(getattr(f, "related_model", None) is User for f in tally_fields.values())
    assert not any(isinstance(f, models.DateTimeField) for f in tally_fields.values())
    receipt_fields = {f.name for f in Receipt._meta.get_fields()}
    assert receipt_fields == {"id", "meeting", "member", "voted", "channel"}
    # The paper count knows no member and no line: its totals went into the counts.
    from council.models import Member, PaperCount

    paper_fields = {f.name: f for f in PaperCount._meta.get_fields()}
    assert not any(getattr(f, "related_model", None) in (Member, Line) for f in paper_fields.values())
    assert set(paper_fields) == {"id", "meeting", "handed_out", "received", "written", "note", "entered_by"}
    # No model anywhere points at a tally or a receipt (a "vote" row hanging off either would link them).
    pointing = [m for m in apps.get_models() for f in m._meta.get_fields()
                if isinstance(f, models.ForeignKey) and f.related_model in (Tally, Receipt)]
    assert pointing == []


def _identity(obj, field) -> bool:
    """Who the member is, not how they voted: their seat on the establishing decision and its copy on the
    meeting (name, title, order, person), and any pointer at those rows."""
    from council.models import Member, Seat

    if isinstance(obj, Seat):
        return True
    if isinstance(obj, Member) and field.name in ("name", "position", "seat", "person", "title", "job_title"):
        return True
    return getattr(field, "related_model", None) in (Member, Seat)


def _rows_of(user_obj):
    """Every stored row that points at ``user_obj``, and every row pointing at those, with ids, times,
    the user itself and who the member is (``_identity``) blanked: what the database holds about that user."""
    out = Counter()
    frontier = []
    for model, f in _user_relations():
        for obj in model.objects.filter(**{f.name: user_obj}):
            frontier.append(obj)
    seen = set()
    for depth in range(2):
        nxt = []
        for obj in frontier:
            key = (type(obj), obj.pk)
            if key in seen:
                continue
            seen.add(key)
            values = []
            for f in type(obj)._meta.concrete_fields:
                if f.primary_key or isinstance(f, (models.DateTimeField,)) or getattr(f, "related_model", None) is get_user_model() \
                        or _identity(obj, f):
                    continue
                values.append((f.name, str(getattr(obj, f.attname))))
            out[(type(obj).__name__, tuple(values))] += 1
            for rel in type(obj)._meta.related_objects:
                if rel.one_to_many or rel.one_to_one:
                    nxt += list(rel.related_model.objects.filter(**{rel.field.name: obj}))
        frontier = nxt
    return out


def test_what_is_stored_about_two_voters_is_the_same_whatever_they_chose(world, council, two_lines):
    """Two members vote opposite ways on every line: everything the database holds about each is identical."""
    office = world.users["ward_specialist"]
    m = convene(world, two_lines)
    actions.ballot_open(acting_user=office, meeting=m)
    a, b = council[0], council[1]
    actions.ballot_cast(acting_user=a, meeting=m, choices=ballot(m, "agree", "agree"))
    actions.ballot_cast(acting_user=b, meeting=m, choices=ballot(m, "disagree", "abstain"))
    held = _rows_of(a)
    assert {"Receipt", "Member"} <= {name for name, _ in held}  # the walk does reach the ballot's rows
    assert held == _rows_of(b)
    actions.ballot_close(acting_user=office, meeting=m)
    assert _rows_of(a) == _rows_of(b)
    # …while the counts are right.
    assert sorted(Tally.objects.values_list("agree", "disagree", "abstain")) == [(1, 0, 1), (1, 1, 0)]


def test_what_is_stored_about_two_paper_voters_is_the_same_whatever_they_chose(world, council, two_lines):
    """Two members vote opposite ways on paper; the counting group's totals are entered: nothing stored about either
    tells their choice (no field takes a member's choice any more), and the counts are right."""
    office = world.users["ward_specialist"]
    m = convene(world, two_lines)
    actions.ballot_open(acting_user=office, meeting=m)
    a, b = council[0], council[1]
    paper = [m.members.get(user=u).pk for u in (a, b)]
    actions.paper_count_enter(acting_user=office, meeting=m, handed_out=2, received=2, member_ids=paper,
                              totals={line: {"agree": 1, "disagree": 1} for line in m.tallies.values_list("line_id", flat=True)})
    held = _rows_of(a)
    assert {"Receipt", "Member"} <= {name for name, _ in held}
    assert held == _rows_of(b)
    assert set(Receipt.objects.filter(member__user__in=[a, b]).values_list("channel", flat=True)) == {Receipt.Channel.PAPER}
    # The paper count keeps how many ballots, not whose: the timeline names who was handed one, never a choice.
    note = m.events.get(verb="paper").note
    assert note == "2 phiếu phát ra, 2 phiếu thu về; phiếu giấy: council, Thành viên 2"
    assert sorted(Tally.objects.values_list("agree", "disagree", "abstain")) == [(1, 1, 0), (1, 1, 0)]


def test_the_minutes_carry_the_counts(as_user, world, council, two_lines):
    import io

    from docx import Document

    office = world.users["ward_specialist"]
    m = convene(world, two_lines)
    actions.ballot_open(acting_user=office, meeting=m)
    url = reverse("council:minutes", args=[m.pk])
    assert as_user("ward_specialist").get(url).status_code == 404  # not before the ballot is closed
    for member in council[:3]:
        actions.ballot_cast(acting_user=member, meeting=m, choices=ballot(m, "agree", "disagree"))
    actions.ballot_close(acting_user=office, meeting=m)
    doc = Document(io.BytesIO(as_user("ward_specialist").get(url).content))
    cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert ["1", "Nguyễn Thị Thịnh", "Lao động tiên tiến", "Biểu quyết công khai",
            "trên 50% tổng số thành viên Hội đồng; cần 3/4 phiếu", "3", "0", "0", "0", "Thông qua"] in cells
    assert ["2", "Trần Văn An", "Lao động tiên tiến", "Biểu quyết công khai",
            "trên 50% tổng số thành viên Hội đồng; cần 3/4 phiếu", "0", "3", "0", "0", "Không thông qua"] in cells
    assert "3/4 thành viên Hội đồng có mặt; 3 phiếu được tính" in text and "Kết quả: 1/2 trường hợp được thông qua" in text


def test_a_member_does_not_vote_on_their_own_nomination(world, council, two_lines):
    member = council[1]
    member.person = world.thinh
    member.save()
    office = world.users["ward_specialist"]
    m = convene(world, two_lines)
    actions.ballot_open(acting_user=office, meeting=m)
    with pytest.raises(ValidationError, match="Nguyễn Thị Thịnh là người được đề nghị"):
        actions.ballot_cast(acting_user=member, meeting=m, choices=ballot(m, "agree", "agree"))
    assert not Receipt.objects.filter(voted=True).exists() and not Tally.objects.filter(agree__gt=0).exists()
    own = m.tallies.get(line__person=world.thinh).line
    actions.recuse(acting_user=member, meeting=m, line=own, reason="Là người được đề nghị")
    other = m.tallies.exclude(line=own).get().line_id
    actions.ballot_cast(acting_user=member, meeting=m, choices={str(other): "agree"})
    assert Receipt.objects.filter(member__user=member, voted=True).exists()
