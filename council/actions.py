"""Every write of the council: convene, attendance, open the ballot, recuse, cast
(or enter a paper or written ballot), close. Each is one transaction with the
meeting row locked; a ballot adds to counts and flips its member's receipt, nothing
else, and leaves nothing of itself in the database's files once committed (disk.py).
"""

import math
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from core.text import clean_text
from dossiers.models import Dossier, Line, Outcome, Status as DossierStatus
from org.duties import Duty, has_duty, users_at
from rulebook.selectors import parameter_on

from . import disk
from .models import Meeting, MeetingStatus, Member, Receipt, Recusal, Tally

CHOICES = {"agree": "Đồng ý", "disagree": "Không đồng ý", "abstain": "Không có ý kiến"}


def _pct(value) -> str:
    """50 → "50", 66.67 → "66,67" (Vietnamese decimal comma)."""
    value = Decimal(value).quantize(Decimal("0.01"))
    return str(int(value)) if value == int(value) else f"{value}".rstrip("0").replace(".", ",")


class BallotRefused(ValidationError):
    pass


def _lock(meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("authority").get(pk=meeting.pk)


def _office(user, meeting_or_unit):
    unit = getattr(meeting_or_unit, "authority", meeting_or_unit)
    if not has_duty(user, unit, Duty.STANDING_OFFICE):
        raise PermissionDenied("Chỉ cơ quan thường trực của Hội đồng làm được việc này.")


def council_members(authority):
    """Every member of the authority's council: the accounts holding the vote there."""
    return users_at(authority, Duty.VOTE)


def _today():
    return timezone.localdate()


# --- convening -------------------------------------------------------------------------------

OPEN_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.VOTING)


def _on_other_meetings(dossiers, meeting=None) -> list[str]:
    """A dossier sits on one open meeting at a time (two would each pass or fail its lines and move it on):
    a message for each of ``dossiers`` already on another planned or voting meeting. The dossiers' rows are
    locked first, so that two meetings convened at once cannot both take the same dossier."""
    ids = [d.pk for d in dossiers]
    if not ids:
        return []
    list(Dossier.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    taken = (Meeting.dossiers.through.objects.filter(dossier_id__in=ids, meeting__status__in=OPEN_STATUSES)
             .select_related("meeting", "dossier").order_by("dossier_id", "meeting_id"))
    if meeting is not None:
        taken = taken.exclude(meeting_id=meeting.pk)
    return [f"Hồ sơ {t.dossier.code} đã được đưa vào phiên họp “{t.meeting}” chưa kết thúc; mỗi hồ sơ chỉ trình "
            "một phiên họp — bỏ hồ sơ khỏi phiên họp đó trước." for t in taken]


@transaction.atomic
def meeting_create(*, acting_user, authority, title: str, date, place: str = "", dossiers=()) -> Meeting:
    _office(acting_user, authority)
    errors = {}
    title = clean_text(title or "").strip()
    if not title:
        errors["title"] = "Nhập tên phiên họp."
    if date is None:
        errors["date"] = "Nhập ngày họp."
    wrong = [d for d in dossiers if d.authority_id != authority.pk or d.status != DossierStatus.COUNCIL]
    if wrong:
        errors["dossiers"] = ["Chỉ đưa vào phiên họp hồ sơ đã thẩm định, đang chờ trình Hội đồng của cấp này: " +
                              ", ".join(d.code for d in wrong)]
    elsewhere = _on_other_meetings(dossiers)
    if elsewhere:
        errors["dossiers"] = errors.get("dossiers", []) + elsewhere
    members = council_members(authority)
    if not members:
        errors["title"] = f"{authority.name} chưa có thành viên Hội đồng (tài khoản có vai trò thành viên Hội đồng)."
    if errors:
        raise ValidationError(errors)
    m = Meeting.objects.create(authority=authority, title=title, date=date, place=clean_text(place or "").strip(),
                               created_by=acting_user, members_count=len(members))
    m.dossiers.set(dossiers)
    Member.objects.bulk_create([Member(meeting=m, user=u) for u in members])
    return m


@transaction.atomic
def meeting_agenda_set(*, acting_user, meeting: Meeting, dossiers) -> Meeting:
    m = _lock(meeting)
    _office(acting_user, m)
    if m.status != MeetingStatus.PLANNED:
        raise BallotRefused("Phiếu đã mở: không đổi được các hồ sơ trình họp.")
    wrong = [d for d in dossiers if d.authority_id != m.authority_id or d.status != DossierStatus.COUNCIL]
    if wrong:
        raise ValidationError({"dossiers": "Hồ sơ không chờ trình Hội đồng cấp này: " + ", ".join(d.code for d in wrong)})
    elsewhere = _on_other_meetings(dossiers, meeting=m)
    if elsewhere:
        raise ValidationError({"dossiers": elsewhere})
    m.dossiers.set(dossiers)
    return m


@transaction.atomic
def attendance_set(*, acting_user, meeting: Meeting, present_user_ids) -> Meeting:
    m = _lock(meeting)
    _office(acting_user, m)
    if m.status == MeetingStatus.CLOSED:
        raise BallotRefused("Phiên họp đã kết thúc.")
    present = set(present_user_ids)
    for member in m.members.all():
        member.present = member.user_id in present
        member.save(update_fields=["present"])
    m.present_count = m.members.filter(present=True).count()
    m.save(update_fields=["present_count"])
    return m


def quorum(meeting) -> tuple[bool, str]:
    rule = parameter_on("council_quorum_share", meeting.date, {"op": ">=", "share": 2 / 3})
    need = rule["share"] * meeting.members_count
    ok = meeting.present_count > need if rule["op"] == ">" else meeting.present_count >= need - 1e-9
    return ok, f"{meeting.present_count}/{meeting.members_count} thành viên có mặt; cần {'trên' if rule['op'] == '>' else 'từ'} {round(rule['share'] * 100)}%"


def _agenda_lines(meeting):
    from dossiers.actions import forwardable
    from dossiers.selectors import granted_above

    lines = Line.objects.filter(dossier__in=meeting.dossiers.all(), outcome=Outcome.PROPOSED).select_related("award_type")
    above = granted_above(meeting.authority)  # every dossier of the meeting is addressed to its authority
    return [ln for ln in lines if not forwardable(ln, above)]


@transaction.atomic
def ballot_open(*, acting_user, meeting: Meeting) -> Meeting:
    m = _lock(meeting)
    _office(acting_user, m)
    if m.status != MeetingStatus.PLANNED:
        raise BallotRefused("Phiếu đã được mở.")
    ok, text = quorum(m)
    if not ok:
        raise BallotRefused(f"Chưa đủ số thành viên dự họp: {text}.")
    lines = _agenda_lines(m)
    if not lines:
        raise BallotRefused("Phiên họp chưa có dòng đề nghị nào để bỏ phiếu.")
    secret = set(parameter_on("council_vote_awards", m.date, []) or [])
    Tally.objects.bulk_create([Tally(meeting=m, line=ln, secret=ln.award_type.code in secret) for ln in lines])
    # Every member's receipt now, in member order: a ballot flips its own (``_count``), so neither the ids
    # nor the rows' places follow the order of voting.
    Receipt.objects.bulk_create([Receipt(meeting=m, user_id=user_id)
                                 for user_id in m.members.order_by("id").values_list("user_id", flat=True)])
    m.status, m.opened_at = MeetingStatus.VOTING, timezone.now()
    m.save(update_fields=["status", "opened_at"])
    return m


# --- voting ------------------------------------------------------------------------------------

def _member(meeting, user) -> Member:
    member = meeting.members.filter(user=user).first()
    if member is None or not has_duty(user, meeting.authority, Duty.VOTE):
        raise PermissionDenied("Bạn không phải thành viên Hội đồng của phiên họp này.")
    return member


@transaction.atomic
def recuse(*, acting_user, meeting: Meeting, line: Line, reason: str) -> Recusal:
    m = _lock(meeting)
    _member(m, acting_user)
    if m.status != MeetingStatus.VOTING:
        raise BallotRefused("Chỉ xin không biểu quyết khi phiếu đang mở.")
    if Receipt.objects.filter(meeting=m, user=acting_user, voted=True).exists():
        raise BallotRefused("Bạn đã bỏ phiếu: không còn xin không biểu quyết được.")
    if not m.tallies.filter(line=line).exists():
        raise ValidationError({"line": "Dòng này không có trong phiếu của phiên họp."})
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do không biểu quyết (ví dụ: là người được đề nghị, hoặc thủ trưởng đơn vị của người được đề nghị)."})
    recusal, _ = Recusal.objects.get_or_create(meeting=m, line=line, user=acting_user, defaults={"reason": reason})
    return recusal


def _line_id(key):
    """A ballot's key as a line id (``12`` or ``"12"``), or None."""
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    key = str(key).strip()
    return int(key) if key.isascii() and key.isdigit() else None


@sensitive_variables()
def _count(meeting, user, choices, channel):
    if Receipt.objects.filter(meeting=meeting, user=user, voted=True).exists():
        raise BallotRefused("Phiếu của thành viên này đã được tính; mỗi thành viên chỉ bỏ một phiếu.")
    recused = set(Recusal.objects.filter(meeting=meeting, user=user).values_list("line_id", flat=True))
    tallies = {t.line_id: t for t in meeting.tallies.select_related("line__person", "line__award_type")}
    own = [t.line for line_id, t in tallies.items() if user.person_id and t.line.person_id == user.person_id and line_id not in recused]
    if own:
        raise ValidationError({"choices": f"{own[0].recipient_name} là người được đề nghị ({own[0].award_type.name}): thành viên này "
                                          "không biểu quyết dòng của chính mình — hãy ghi “không tham gia biểu quyết” trước."})
    problems, given = [], {}
    for key, value in choices.items():
        line_id = _line_id(key)
        if line_id is None or line_id not in tallies:
            problems.append(f"Dòng “{key}” không có trong phiếu của phiên họp này.")
        elif line_id in recused:
            problems.append(f"Dòng của {tallies[line_id].line.recipient_name} đã được ghi “không tham gia biểu quyết”: "
                            "không ghi ý kiến cho dòng này.")
        elif value not in CHOICES:
            problems.append(f"Ý kiến “{value}” ở dòng của {tallies[line_id].line.recipient_name} không hợp lệ: chọn "
                            + ", ".join(f"“{label}”" for label in CHOICES.values()) + ".")
        else:
            given[line_id] = value
    wanted = set(tallies) - recused
    missing = wanted - set(given)
    if missing and not problems:
        problems.append(f"Phiếu phải có ý kiến cho mỗi dòng ({len(wanted)} dòng); còn thiếu {len(missing)} dòng.")
    if problems:
        raise ValidationError({"choices": problems})
    # The member's own receipt, written when the ballot opened, flipped in place: no new row, no id or time
    # that would order the ballots; and "once only" holds however two requests meet.
    if Receipt.objects.filter(meeting=meeting, user=user, voted=False).update(voted=True, channel=channel) != 1:
        raise BallotRefused("Phiếu của thành viên này đã được tính; mỗi thành viên chỉ bỏ một phiếu.")
    # Every line's counts rewritten once, in line order, whatever was chosen (0 where not): neither the order nor
    # the shape of the writes follows the ballot.
    for line_id in sorted(tallies):
        choice = given.get(line_id)
        Tally.objects.filter(pk=tallies[line_id].pk).update(
            **{c: F(c) + (1 if c == choice else 0) for c in CHOICES})
    disk.after_ballot()


@sensitive_variables()  # outermost: every frame under it, the transaction's wrapper too, hides its variables
@transaction.atomic
def ballot_cast(*, acting_user, meeting: Meeting, choices: dict) -> None:
    """A member's own ballot, from their screen: {line id: "agree" | "disagree" | "abstain"} for every line
    they have not recused from."""
    m = _lock(meeting)
    _member(m, acting_user)
    if m.status != MeetingStatus.VOTING:
        raise BallotRefused("Phiếu chưa mở hoặc đã kết thúc.")
    _count(m, acting_user, choices, Receipt.Channel.SCREEN)


@sensitive_variables()  # outermost, as for ballot_cast
@transaction.atomic
def ballot_enter(*, acting_user, meeting: Meeting, member_user, choices: dict, written: bool = False) -> None:
    """The secretary enters a paper ballot (present member) or the written ballot of an absent member."""
    m = _lock(meeting)
    _office(acting_user, m)
    if m.status != MeetingStatus.VOTING:
        raise BallotRefused("Phiếu chưa mở hoặc đã kết thúc.")
    member = m.members.filter(user=member_user).first()
    if member is None:
        raise ValidationError({"member": "Người này không phải thành viên của phiên họp."})
    if written and member.present:
        raise ValidationError({"member": "Thành viên có mặt bỏ phiếu tại phiên họp, không gửi phiếu bằng văn bản."})
    _count(m, member_user, choices, Receipt.Channel.WRITTEN if written else Receipt.Channel.PAPER)


class Rule(NamedTuple):
    pct: Decimal      # the threshold, in % of all members
    text: str         # how it reads on the ballot
    needed: int       # how many "agree" votes that is


def rules(meeting) -> dict[bool, Rule]:
    """{secret: Rule} on the meeting's date: the secret-ballot awards by the rulebook's threshold of all members
    (≥), the others by its majority of all members. Read once for a whole ballot."""
    def make(pct, strict, text):
        exact = pct * meeting.members_count / 100
        return Rule(pct, text, int(exact) + 1 if strict and exact == int(exact) else math.ceil(exact))

    secret = Decimal(str(parameter_on("council_vote_threshold_pct", meeting.date, 90)))
    rule = parameter_on("council_pass_share", meeting.date, {"op": ">", "share": 0.5})
    majority = Decimal(str(rule["share"] * 100)).quantize(Decimal("0.01"))
    strict = rule["op"] == ">"
    return {True: make(secret, False, f"từ {_pct(secret)}% tổng số thành viên trở lên"),
            False: make(majority, strict, f"{'trên' if strict else 'từ'} {_pct(majority)}% tổng số thành viên")}


@transaction.atomic
def ballot_close(*, acting_user, meeting: Meeting) -> Meeting:
    """Close the ballot: each line passes with enough "agree" of ALL members (a recusal, an absence
    or a missing ballot weighs as a no); the dossiers move on to the decision.

    A dossier that another meeting has already decided (data from before a dossier was kept to one open
    meeting) is left as that meeting decided it, and said so in ``meeting.notes`` (Vietnamese, one per dossier)."""
    from dossiers import actions as dossier_actions

    m = _lock(meeting)
    _office(acting_user, m)
    if m.status != MeetingStatus.VOTING:
        raise BallotRefused("Phiếu chưa mở hoặc đã kết thúc.")
    recused = {}
    for line_id in Recusal.objects.filter(meeting=m).values_list("line_id", flat=True):
        recused[line_id] = recused.get(line_id, 0) + 1
    passed_ids, failed_ids = [], []
    by_kind = rules(m)
    for t in m.tallies.select_related("line").order_by("line_id"):
        rule = by_kind[t.secret]
        t.recused = recused.get(t.line_id, 0)
        t.threshold_pct = rule.pct
        t.passed = t.agree >= rule.needed
        t.save(update_fields=["recused", "threshold_pct", "passed"])
        (passed_ids if t.passed else failed_ids).append(t.line_id)
    # Every receipt rewritten by this one transaction (each tally just was): on PostgreSQL no row keeps the
    # transaction id of the ballot that last wrote it (disk.py).
    Receipt.objects.filter(meeting=m).update(voted=F("voted"))
    # A line another meeting has already passed or failed keeps that result.
    Line.objects.filter(pk__in=passed_ids, outcome=Outcome.PROPOSED).update(outcome=Outcome.PASSED)
    Line.objects.filter(pk__in=failed_ids, outcome=Outcome.PROPOSED).update(outcome=Outcome.FAILED)
    m.status, m.closed_at = MeetingStatus.CLOSED, timezone.now()
    m.save(update_fields=["status", "closed_at"])
    m.notes = []
    for d in m.dossiers.order_by("id"):
        if d.status == DossierStatus.COUNCIL:
            dossier_actions.dossier_council_result(acting_user=acting_user, dossier=d, meeting=m)
            continue
        other = d.meetings.exclude(pk=m.pk).filter(status=MeetingStatus.CLOSED).order_by("closed_at").first()
        m.notes.append(f"Hồ sơ {d.code} đã có kết quả "
                       + (f"của phiên họp “{other}”" if other else f"({d.get_status_display().lower()})")
                       + ": phiên họp này không chuyển hồ sơ đi lần nữa, các dòng đã có kết quả giữ nguyên.")
    disk.after_close()
    return m
