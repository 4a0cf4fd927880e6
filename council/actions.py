"""Every write of the council: its establishing decisions, and the meeting's steps (convene, agenda, attendance, open
the ballot, recuse, cast, enter the paper count, close, cancel). Each is one transaction with its row locked, taken
through ``council.workflow`` and writing a timeline event and an audit row (a ballot excepted: workflow.py says
why). A ballot adds to counts and flips its member's receipt, nothing else, and leaves nothing of itself in the
database's files once committed (disk.py).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from audit.recording import record
from core.text import clean_text
from dossiers.models import Dossier, Line, Outcome, Status as DossierStatus
from org.duties import Duty, require
from rulebook.authorities import authority_level
from rulebook.selectors import parameter_on

from . import disk, rules as ballot_rules
from .models import (CouncilRole, Establishment, EstablishmentKind, Event, Meeting, MeetingStatus, Member,
                     PaperCount, Receipt, Recusal, RecusalKind, Seat, Tally, VOTING_ROLES)
from .rules import pct_text as _pct  # noqa: F401  (kept for callers of the old name)
from .selectors import in_force, seat_accounts
from .workflow import OPEN_STATUSES, STEPS, StepRefused, check, member_of

CHOICES = {"agree": "Đồng ý", "disagree": "Không đồng ý", "abstain": "Không có ý kiến"}

BallotRefused = StepRefused


def _lock(meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("authority").get(pk=meeting.pk)


def _office(user, unit):
    require(user, unit, Duty.STANDING_OFFICE, "Chỉ cơ quan thường trực của Hội đồng làm được việc này.")


def _today():
    return timezone.localdate()


def _event(meeting, actor, verb, before, note="", **data):
    """The step's timeline event and its audit row."""
    step = STEPS[verb]
    after = step.target or meeting.status
    Event.objects.create(meeting=meeting, actor=actor, verb=verb, from_status=before or "", to_status=after,
                         note=note, data=data)
    changes = {"Trạng thái": [MeetingStatus(before).label if before else "", MeetingStatus(after).label]} if before != after else {}
    record(actor=acting(actor), verb="create" if verb == "convene" else "update", target=meeting, changes=changes,
           note=f"{step.label}{f': {note}' if note else ''}")


def acting(user):
    return user if getattr(user, "pk", None) else None


# --- establishing decisions (quyết định thành lập, kiện toàn Hội đồng) ------------------------------------------

SEAT_FIELDS = ("full_name", "role", "job_title", "user", "person", "term_from", "term_to")


def _seat_text(seat: dict) -> str:
    role = CouncilRole(seat["role"]).label
    extra = []
    if seat.get("job_title"):
        extra.append(seat["job_title"])
    if seat.get("user"):
        extra.append(f"tài khoản {seat['user'].username}")
    if seat.get("term_from") or seat.get("term_to"):
        extra.append("nhiệm kỳ " + " – ".join(f"{d:%d/%m/%Y}" if d else "…" for d in (seat.get("term_from"), seat.get("term_to"))))
    return f"{seat['full_name']} ({role}{'; ' + '; '.join(extra) if extra else ''})"


def _seats_errors(authority, seats) -> list[str]:
    errors = []
    accounts = set(seat_accounts(authority).values_list("pk", flat=True))
    users, people = {}, {}
    for n, s in enumerate(seats, start=1):
        where = f"Dòng {n}"
        if not s["full_name"]:
            errors.append(f"{where}: nhập họ và tên thành viên.")
        if s["role"] not in CouncilRole.values:
            errors.append(f"{where}: chọn chức danh trong Hội đồng.")
        if s["term_from"] and s["term_to"] and s["term_from"] > s["term_to"]:
            errors.append(f"{where} ({s['full_name']}): nhiệm kỳ kết thúc trước khi bắt đầu.")
        u = s.get("user")
        if u is not None:
            if u.pk not in accounts:
                errors.append(f"{where} ({s['full_name']}): tài khoản {u.username} không có vai trò ở {authority.name} "
                              "hay đơn vị trực thuộc, cấp trên; chọn tài khoản khác hoặc để trống (thành viên bỏ phiếu giấy).")
            elif u.pk in users:
                errors.append(f"{where} ({s['full_name']}): tài khoản {u.username} đã gắn với dòng {users[u.pk]}.")
            users.setdefault(u.pk, n)
        p = s.get("person")
        if p is not None:
            if p.pk in people:
                errors.append(f"{where} ({s['full_name']}): cán bộ {p.code} đã gắn với dòng {people[p.pk]}.")
            people.setdefault(p.pk, n)
    if seats and not any(s["role"] in VOTING_ROLES for s in seats):
        errors.append("Quyết định phải có ít nhất một thành viên Hội đồng (Chủ tịch, Phó Chủ tịch, Ủy viên).")
    for role, most in ((CouncilRole.CHAIR, 1), (CouncilRole.STANDING_VICE, 1)):
        named = [s["full_name"] for s in seats if s["role"] == role]
        if len(named) > most:
            errors.append(f"Hội đồng chỉ có một {role.label}: {', '.join(named)}.")
    if not seats:
        errors.append("Nhập danh sách thành viên Hội đồng theo quyết định (ít nhất một dòng).")
    return errors


def _clean_seat(s: dict) -> dict:
    out = {k: s.get(k) for k in SEAT_FIELDS}
    out["id"] = s.get("id")
    out["full_name"] = clean_text(s.get("full_name") or "").strip()
    out["job_title"] = clean_text(s.get("job_title") or "").strip()
    out["role"] = s.get("role") or CouncilRole.MEMBER
    if out["person"] is None and out["user"] is not None:
        out["person"] = out["user"].person
    if not out["full_name"] and out["user"] is not None:
        out["full_name"] = out["user"].display_name
    if not out["full_name"] and out["person"] is not None:
        out["full_name"] = out["person"].full_name
    return out


ESTABLISHMENT_LABELS = {"kind": "Loại quyết định", "number": "Số, ký hiệu", "signed_on": "Ngày ký", "issuer": "Cơ quan, người ban hành",
                        "valid_from": "Hiệu lực từ ngày", "valid_to": "Hiệu lực đến ngày", "note": "Ghi chú"}


def _establishment_snapshot(est, seats) -> dict:
    from audit.recording import display_value

    out = {label: display_value(EstablishmentKind(est.kind).label if name == "kind" else getattr(est, name))
           for name, label in ESTABLISHMENT_LABELS.items()}
    out["Thành viên"] = "; ".join(_seat_text(s) for s in seats)
    return out


def _seat_dicts(est) -> list[dict]:
    return [{"id": s.pk, **{k: getattr(s, k) for k in SEAT_FIELDS}} for s in est.seats.select_related("user", "person").order_by("position", "id")]


@transaction.atomic
def establishment_save(*, acting_user, authority, establishment=None, kind=EstablishmentKind.REORGANISE, number="",
                       signed_on=None, issuer="", valid_from=None, valid_to=None, note="", seats=()) -> Establishment:
    """Create or edit an establishing decision with its whole member list (``seats``: dicts of full_name, role,
    job_title, user, person, term_from, term_to, and ``id`` for a seat kept). Seats left out are removed. The planned
    meetings that called this decision's members call them again as it now reads (attendance kept)."""
    from audit.recording import changes_between

    if establishment is not None:
        establishment = Establishment.objects.select_for_update().select_related("authority").get(pk=establishment.pk)
        authority = establishment.authority
    _office(acting_user, authority)
    seats = [_clean_seat(s) for s in seats]
    errors = {}
    if valid_from and valid_to and valid_from > valid_to:
        errors["valid_to"] = "Ngày hết hiệu lực phải sau ngày có hiệu lực."
    if signed_on and valid_from and valid_from < signed_on:
        errors["valid_from"] = "Quyết định không có hiệu lực trước ngày ký."
    if kind not in EstablishmentKind.values:
        errors["kind"] = "Chọn thành lập hoặc kiện toàn."
    problems = _seats_errors(authority, seats)
    if problems:
        errors["seats"] = problems
    if errors:
        raise ValidationError(errors)
    before = None
    if establishment is None:
        est = Establishment(authority=authority, created_by=acting_user)
    else:
        est = establishment
        before = _establishment_snapshot(est, _seat_dicts(est))
    est.kind, est.number, est.signed_on = kind, clean_text(number or "").strip(), signed_on
    est.issuer, est.valid_from, est.valid_to = clean_text(issuer or "").strip(), valid_from, valid_to
    est.note = clean_text(note or "", multiline=True).strip()
    est.save()
    kept = {s["id"] for s in seats if s.get("id")}
    est.seats.exclude(pk__in=kept).delete()
    existing = {s.pk: s for s in est.seats.all()}
    for position, s in enumerate(seats, start=1):
        row = existing.get(s.get("id")) or Seat(establishment=est)
        for k in SEAT_FIELDS:
            setattr(row, k, s[k])
        row.position = position
        row.save()
    after = _establishment_snapshot(est, seats)
    if before is None:
        record(actor=acting_user, verb="create", target=est, changes={k: ["", v] for k, v in after.items() if v},
               note=f"Nhập quyết định thành lập, kiện toàn Hội đồng Thi đua - Khen thưởng {authority.name}")
    else:
        changes = changes_between(before, after)
        if changes:
            record(actor=acting_user, verb="update", target=est, changes=changes,
                   note=f"Sửa quyết định thành lập, kiện toàn Hội đồng Thi đua - Khen thưởng {authority.name}")
    for m in Meeting.objects.select_for_update().filter(establishment=est, status=MeetingStatus.PLANNED):
        _call_members(m, est)
    return est


# --- convening -------------------------------------------------------------------------------

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


def seats_called(establishment, day) -> list[Seat]:
    """The members of the decision called to a meeting on ``day``: those who vote, their term covering the day."""
    return [s for s in establishment.seats.select_related("user", "person").order_by("position", "id")
            if s.votes and s.sits_on(day)]


def _call_members(meeting, establishment):
    """(Re)write the meeting's members from the decision, keeping the attendance of those who stay."""
    present = set(meeting.members.filter(present=True).values_list("seat_id", flat=True))
    meeting.members.all().delete()
    seats = seats_called(establishment, meeting.date)
    Member.objects.bulk_create([
        Member(meeting=meeting, seat=s, position=i, name=s.full_name, title=s.get_role_display(), job_title=s.job_title,
               user=s.user if s.user and s.user.is_active else None, person=s.person or getattr(s.user, "person", None),
               present=s.pk in present)
        for i, s in enumerate(seats, start=1)])
    meeting.members_count = len(seats)
    meeting.present_count = sum(1 for s in seats if s.pk in present)
    meeting.save(update_fields=["members_count", "present_count"])


def no_council_message(authority, day) -> str:
    return (f"{authority.name} chưa có quyết định thành lập, kiện toàn Hội đồng Thi đua - Khen thưởng có hiệu lực ngày "
            f"{day:%d/%m/%Y}: hãy nhập quyết định (số, ngày, danh sách thành viên) tại “Hội đồng Thi đua - Khen thưởng → "
            "Quyết định thành lập, kiện toàn Hội đồng” rồi triệu tập lại.")


@transaction.atomic
def meeting_create(*, acting_user, authority, title: str, date, place: str = "", dossiers=()) -> Meeting:
    """Convene a meeting: its members are those of the establishing decision in force on its date."""
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
    est = in_force(authority, date) if date else None
    if date and est is None:
        errors["date"] = no_council_message(authority, date)
    elif est is not None and not seats_called(est, date):
        errors["date"] = (f"{est} của {authority.name} không có thành viên Hội đồng nào trong nhiệm kỳ ngày {date:%d/%m/%Y}: "
                          "hãy sửa danh sách thành viên của quyết định.")
    if errors:
        raise ValidationError(errors)
    m = Meeting.objects.create(authority=authority, establishment=est, title=title, date=date,
                               place=clean_text(place or "").strip(), created_by=acting_user)
    m.dossiers.set(dossiers)
    _call_members(m, est)
    _event(m, acting_user, "convene", "", note=f"{m.members_count} thành viên theo {est}; {len(dossiers)} hồ sơ",
           establishment={"code": est.pk, "label": str(est)})
    _tell_members(m, f"Triệu tập họp Hội đồng: {m.title}",
                  f"Họp ngày {m.date:%d/%m/%Y}" + (f" tại {m.place}" if m.place else "") + f"; {len(dossiers)} hồ sơ.", "")
    return m


def _tell_members(meeting, title, body, place):
    """The members with an account are told on commit; the notification opens the meeting's page at ``place``."""
    from django.urls import reverse

    from notifications.notify import notify_users

    users = [mem.user for mem in meeting.members.select_related("user") if mem.user_id and mem.user.is_active]
    url = reverse("council:detail", args=[meeting.pk]) + place
    transaction.on_commit(lambda: notify_users(users, title, body, url))


@transaction.atomic
def meeting_agenda_set(*, acting_user, meeting: Meeting, dossiers) -> Meeting:
    m = _lock(meeting)
    check(acting_user, m, "agenda")
    wrong = [d for d in dossiers if d.authority_id != m.authority_id or d.status != DossierStatus.COUNCIL]
    if wrong:
        raise ValidationError({"dossiers": "Hồ sơ không chờ trình Hội đồng cấp này: " + ", ".join(d.code for d in wrong)})
    elsewhere = _on_other_meetings(dossiers, meeting=m)
    if elsewhere:
        raise ValidationError({"dossiers": elsewhere})
    m.dossiers.set(dossiers)
    _event(m, acting_user, "agenda", m.status, note=", ".join(d.code for d in dossiers) or "không còn hồ sơ nào")
    return m


@transaction.atomic
def attendance_set(*, acting_user, meeting: Meeting, present_member_ids=None, present_user_ids=None) -> Meeting:
    """Who is present: by the meeting's members (``present_member_ids``), or by their accounts (``present_user_ids``)."""
    m = _lock(meeting)
    check(acting_user, m, "attendance")
    members = list(m.members.order_by("position", "id"))
    if present_member_ids is not None:
        present = {mem.pk for mem in members if mem.pk in set(present_member_ids)}
    else:
        present = {mem.pk for mem in members if mem.user_id is not None and mem.user_id in set(present_user_ids or ())}
    for member in members:
        if member.present != (member.pk in present):
            member.present = member.pk in present
            member.save(update_fields=["present"])
    m.present_count = len(present)
    m.save(update_fields=["present_count"])
    absent = [mem.name for mem in members if mem.pk not in present]
    _event(m, acting_user, "attendance", m.status,
           note=f"{m.present_count}/{m.members_count} thành viên có mặt" + (f"; vắng: {', '.join(absent)}" if absent else ""))
    return m


def quorum(meeting) -> tuple[bool, str]:
    rule = parameter_on("council_quorum_share", meeting.date, {"op": ">=", "share": 2 / 3})
    need = rule["share"] * meeting.members_count
    ok = meeting.present_count > need if rule["op"] == ">" else meeting.present_count >= need - 1e-9
    return ok, f"{meeting.present_count}/{meeting.members_count} thành viên có mặt; cần {'trên' if rule['op'] == '>' else 'từ'} {round(rule['share'] * 100)}%"


def _agenda_lines(meeting):
    """The lines the council votes on, each with the level it is proposed to when it is beyond this council's power
    (``line.upward``): the dossiers' open lines, those proposed upward included — a line that needs no vote here
    (``council_reviews_upward``) was marked so when the dossier came to the council."""
    from dossiers.selectors import forwardable, granted_above

    lines = list(Line.objects.filter(dossier__in=meeting.dossiers.all(), outcome=Outcome.PROPOSED)
                 .select_related("award_type").order_by("dossier_id", "position", "id"))
    above = granted_above(meeting.authority, meeting.date)  # every dossier of the meeting is addressed to its authority
    for ln in lines:
        ln.upward = above[ln.award_type_id] if forwardable(ln, above) else None
    return lines


def _level(meeting):
    return authority_level(meeting.authority, meeting.date)


def _fix_rule(tally, level, day):
    """Write onto ``tally`` the rule of its line's award on ``day`` (not saved)."""
    rule = ballot_rules.rule_for(tally.line.award_type.code, level, day)
    tally.secret, tally.threshold_pct, tally.op = rule.secret, rule.threshold_pct, rule.op
    tally.base_rule, tally.recusal_base = rule.base, rule.recusal_base
    tally.rule_status, tally.legal_basis = rule.status, rule.legal_basis[:500]
    return tally


NOMINEE_REASON = "Là người được đề nghị."


@transaction.atomic
def ballot_open(*, acting_user, meeting: Meeting) -> Meeting:
    """Open the ballot: each line's rule fixed from the rulebook on the meeting's date, every member's receipt
    written in member order, and each member who is a line's nominee recorded as not voting on it."""
    m = _lock(meeting)
    check(acting_user, m, "open")
    ok, text = quorum(m)
    if not ok:
        raise BallotRefused(f"Chưa đủ số thành viên dự họp: {text}.")
    lines = _agenda_lines(m)
    if not lines:
        raise BallotRefused("Phiên họp chưa có dòng đề nghị nào để bỏ phiếu.")
    level = _level(m)
    tallies = [_fix_rule(Tally(meeting=m, line=ln, upward=ln.upward), level, m.date) for ln in lines]
    Tally.objects.bulk_create(tallies)
    # Every member's receipt now, in member order: a ballot flips its own (``_count``), so neither the ids
    # nor the rows' places follow the order of voting.
    members = list(m.members.order_by("position", "id"))
    Receipt.objects.bulk_create([Receipt(meeting=m, member=mem) for mem in members])
    nominees = [Recusal(meeting=m, line=ln, member=mem, kind=RecusalKind.NOMINEE, reason=NOMINEE_REASON)
                for ln in lines for mem in members if mem.person_id and ln.person_id == mem.person_id]
    Recusal.objects.bulk_create(nominees)
    before = m.status
    m.status, m.opened_at = MeetingStatus.VOTING, timezone.now()
    m.save(update_fields=["status", "opened_at"])
    secret = sum(1 for t in tallies if t.secret)
    note = f"{len(lines)} dòng, {secret} dòng bỏ phiếu kín"
    upward = sum(1 for t in tallies if t.upward_id)
    if upward:
        note += f", {upward} dòng đề nghị cấp trên khen thưởng"
    if nominees:
        note += "; không biểu quyết dòng của chính mình: " + ", ".join(dict.fromkeys(r.member.name for r in nominees))
    _event(m, acting_user, "open", before, note=note)
    _tell_members(m, f"Phiếu biểu quyết đã mở: {m.title}", f"{len(lines)} dòng đề nghị; bỏ phiếu trên hệ thống.", "#ballot-h")
    return m


# --- recusals and ballots -----------------------------------------------------------------------

def _member(meeting, user) -> Member:
    member = member_of(user, meeting)
    if member is None:
        raise PermissionDenied("Bạn không phải thành viên Hội đồng của phiên họp này.")
    return member


def _recusal_kind(member, line):
    return RecusalKind.NOMINEE if member.person_id and line.person_id == member.person_id else RecusalKind.DECLARED


def _reason(reason):
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do không tham gia biểu quyết (ví dụ: là người được đề nghị, hoặc thủ "
                                         "trưởng đơn vị của người được đề nghị)."})
    return reason[:500]


def _voted(meeting, member) -> bool:
    return Receipt.objects.filter(meeting=meeting, member=member, voted=True).exists()


@transaction.atomic
def recuse(*, acting_user, meeting: Meeting, line: Line, reason: str, member: Member | None = None) -> Recusal:
    """A member says they do not vote on ``line`` (their own, as a member; or, as the standing office, a member's who
    votes on paper: ``member``)."""
    m = _lock(meeting)
    if member is None:
        check(acting_user, m, "recuse")
        member, verb = _member(m, acting_user), "recuse"
    else:
        check(acting_user, m, "recuse_record")
        member = m.members.filter(pk=member.pk).first()
        if member is None:
            raise ValidationError({"member": "Người này không phải thành viên của phiên họp."})
        verb = "recuse_record"
    if _voted(m, member):
        raise BallotRefused(f"{member.name} đã bỏ phiếu: không còn ghi không tham gia biểu quyết được.")
    if not m.tallies.filter(line=line).exists():
        raise ValidationError({"line": "Dòng này không có trong phiếu của phiên họp."})
    reason = _reason(reason)
    recusal, created = Recusal.objects.get_or_create(meeting=m, line=line, member=member,
                                                     defaults={"reason": reason, "kind": _recusal_kind(member, line)})
    if created:
        _event(m, acting_user, verb, m.status, note=f"{member.name} — {line.recipient_name} ({line.award_type.name}): {reason}")
    return recusal


def _line_id(key):
    """A ballot's key as a line id (``12`` or ``"12"``), or None."""
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    key = str(key).strip()
    return int(key) if key.isascii() and key.isdigit() else None


def _line_name(line) -> str:
    return f"{line.recipient_name} ({line.award_type.name})"


@sensitive_variables()
def _count(meeting, member, choices, declared=None):
    """A member's screen ballot: recusals declared with it first (``declared``: {line id: reason}), then one added
    to the counts of each line they vote on."""
    if _voted(meeting, member):
        raise BallotRefused("Phiếu của thành viên này đã được tính; mỗi thành viên chỉ bỏ một phiếu.")
    tallies = {t.line_id: t for t in meeting.tallies.select_related("line__person", "line__unit", "line__award_type")}
    recused = set(Recusal.objects.filter(meeting=meeting, member=member).values_list("line_id", flat=True))
    problems, new_recusals = [], []
    for key, why in (declared or {}).items():
        line_id = _line_id(key)
        if line_id is None or line_id not in tallies:
            problems.append(f"Dòng “{key}” không có trong phiếu của phiên họp này.")
        elif line_id not in recused:
            why = clean_text(why or "").strip()
            if not why:
                problems.append(f"Dòng của {_line_name(tallies[line_id].line)}: cần ghi lý do không tham gia biểu quyết.")
            else:
                new_recusals.append(Recusal(meeting=meeting, line_id=line_id, member=member, reason=why[:500],
                                            kind=_recusal_kind(member, tallies[line_id].line)))
    own = [t.line for line_id, t in tallies.items() if member.person_id and t.line.person_id == member.person_id
           and line_id not in recused and line_id not in {r.line_id for r in new_recusals}]
    if own:
        raise ValidationError({"choices": f"{own[0].recipient_name} là người được đề nghị ({own[0].award_type.name}): thành viên này "
                                          "không biểu quyết dòng của chính mình — hãy ghi “không tham gia biểu quyết” trước."})
    recused |= {r.line_id for r in new_recusals}
    given = {}
    for key, value in choices.items():
        line_id = _line_id(key)
        if line_id is None or line_id not in tallies:
            problems.append(f"Dòng “{key}” không có trong phiếu của phiên họp này.")
        elif line_id in recused:
            line = tallies[line_id].line
            if value and member.person_id and line.person_id == member.person_id:
                problems.append(f"{line.recipient_name} là người được đề nghị ({line.award_type.name}): thành viên này không "
                                "biểu quyết dòng của chính mình.")
            elif value:
                problems.append(f"Dòng của {line.recipient_name} đã được ghi “không tham gia biểu quyết”: "
                                "không ghi ý kiến cho dòng này.")
        elif value not in CHOICES:
            problems.append(f"Ý kiến “{value}” ở dòng của {tallies[line_id].line.recipient_name} không hợp lệ: chọn "
                            + ", ".join(f"“{label}”" for label in CHOICES.values()) + ".")
        else:
            given[line_id] = value
    wanted = set(tallies) - recused
    missing = wanted - set(given)
    if missing and not problems:
        problems.append(f"Phiếu phải có ý kiến cho mỗi dòng ({len(wanted)} dòng); còn thiếu {len(missing)} dòng: "
                        + ", ".join(_line_name(tallies[i].line) for i in sorted(missing)[:5]) + ("…" if len(missing) > 5 else "") + ".")
    if problems:
        raise ValidationError({"choices": problems})
    Recusal.objects.bulk_create(new_recusals)
    # The member's own receipt, written when the ballot opened, flipped in place: no new row, no id or time
    # that would order the ballots; and "once only" holds however two requests meet.
    if Receipt.objects.filter(meeting=meeting, member=member, voted=False).update(voted=True, channel=Receipt.Channel.SCREEN) != 1:
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
def ballot_cast(*, acting_user, meeting: Meeting, choices: dict, recusals: dict | None = None) -> None:
    """A member's own ballot, from their screen: {line id: "agree" | "disagree" | "abstain"} for every line they
    vote on; ``recusals``: {line id: reason} for the lines they declare, on the same ballot, not to vote on."""
    m = _lock(meeting)
    check(acting_user, m, "cast")
    _count(m, _member(m, acting_user), choices, recusals)


def _count_int(value, what):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError({"totals": f"{what} phải là số nguyên không âm."})
    return value


@sensitive_variables()
@transaction.atomic
def paper_count_enter(*, acting_user, meeting: Meeting, handed_out: int, received: int, member_ids, totals: dict,
                      note: str = "") -> PaperCount:
    """The counting group's count of paper ballots (present members) and written ballots (absent members), entered
    by the secretary: how many ballots were handed out and received, which members they were handed to (their
    receipts then say "on paper": they cannot also vote on screen) and, per line, the totals of "agree", "disagree"
    and "abstain" — added to the line's counts, never under anyone's name."""
    m = _lock(meeting)
    check(acting_user, m, "paper")
    handed_out, received = _count_int(handed_out, "Số phiếu phát ra"), _count_int(received, "Số phiếu thu về")
    members = {mem.pk: mem for mem in m.members.order_by("position", "id")}
    chosen = [members[i] for i in dict.fromkeys(member_ids) if i in members]
    errors = {}
    unknown = [i for i in member_ids if i not in members]
    if unknown:
        errors["members"] = ["Người được đánh dấu nhận phiếu giấy không phải thành viên của phiên họp."]
    voted = set(Receipt.objects.filter(meeting=m, voted=True).values_list("member_id", flat=True))
    already = [mem.name for mem in chosen if mem.pk in voted]
    if already:
        errors.setdefault("members", []).append(f"Đã bỏ phiếu, không nhận thêm phiếu giấy: {', '.join(already)}.")
    if not chosen and not unknown:
        errors.setdefault("members", []).append("Đánh dấu các thành viên đã nhận phiếu giấy (có mặt) hoặc gửi phiếu (vắng mặt).")
    if handed_out != len(chosen):
        errors["handed_out"] = (f"Số phiếu phát ra ({handed_out}) phải bằng số thành viên được đánh dấu nhận phiếu giấy "
                                f"({len(chosen)}).")
    if received > handed_out:
        errors["received"] = f"Số phiếu thu về ({received}) nhiều hơn số phiếu phát ra ({handed_out})."
    on_screen = Receipt.objects.filter(meeting=m, voted=True, channel=Receipt.Channel.SCREEN).count()
    paper_before = sum(m.paper_counts.values_list("received", flat=True))
    if on_screen + paper_before + received > m.members_count:
        errors.setdefault("received", f"Số phiếu trên hệ thống ({on_screen}) cộng số phiếu giấy thu về "
                                      f"({paper_before + received}) là {on_screen + paper_before + received}, nhiều hơn "
                                      f"tổng số {m.members_count} thành viên Hội đồng.")
    tallies = {t.line_id: t for t in m.tallies.select_related("line__person", "line__unit", "line__award_type")}
    recused = {}
    for line_id, member_id in Recusal.objects.filter(meeting=m, member_id__in=[mem.pk for mem in chosen]).values_list("line_id", "member_id"):
        recused[line_id] = recused.get(line_id, 0) + 1
    given, problems = {}, []
    for key, counts in totals.items():
        line_id = _line_id(key)
        if line_id is None or line_id not in tallies:
            problems.append(f"Dòng “{key}” không có trong phiếu của phiên họp này.")
            continue
        line = tallies[line_id].line
        row = {}
        for c, label in CHOICES.items():
            value = (counts or {}).get(c, 0)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                problems.append(f"Dòng của {_line_name(line)}: số phiếu “{label}” phải là số nguyên không âm.")
                value = 0
            row[c] = value
        total, may_vote = sum(row.values()), received - recused.get(line_id, 0)
        if total > may_vote:
            problems.append(f"Dòng của {_line_name(line)}: {total} phiếu (đồng ý, không đồng ý, không có ý kiến) nhiều hơn "
                            f"{may_vote} phiếu thu về" + (f" của thành viên được biểu quyết dòng này (trừ {recused[line_id]} "
                                                         "người không tham gia biểu quyết)" if recused.get(line_id) else "") + ".")
        given[line_id] = row
    if problems:
        errors["totals"] = problems
    if errors:
        raise ValidationError(errors)
    note = clean_text(note or "").strip()[:300]
    written = [mem for mem in chosen if not mem.present]
    count = PaperCount.objects.create(meeting=m, handed_out=handed_out, received=received, written=len(written), note=note,
                                      entered_by=acting(acting_user))
    for mem in sorted(chosen, key=lambda x: (x.position, x.pk)):
        Receipt.objects.filter(meeting=m, member=mem, voted=False).update(
            voted=True, channel=Receipt.Channel.PAPER if mem.present else Receipt.Channel.WRITTEN)
    for line_id in sorted(tallies):
        row = given.get(line_id, {})
        Tally.objects.filter(pk=tallies[line_id].pk).update(**{c: F(c) + row.get(c, 0) for c in CHOICES})
    paper = [mem.name for mem in chosen if mem.present]
    text = f"{handed_out} phiếu phát ra, {received} phiếu thu về"
    if paper:
        text += f"; phiếu giấy: {', '.join(paper)}"
    if written:
        text += f"; phiếu gửi của thành viên vắng mặt: {', '.join(mem.name for mem in written)}"
    if note:
        text += f"; {note}"
    _event(m, acting_user, "paper", m.status, note=text, handed_out=handed_out, received=received)
    disk.after_ballot()
    return count


# --- results ------------------------------------------------------------------------------------

def line_base(meeting, tally, recused: int, recused_nominee: int) -> int:
    return ballot_rules.base_of(meeting.members_count, base_rule=tally.base_rule, recusal_base=tally.recusal_base,
                                recused=recused, recused_nominee=recused_nominee)


def recusal_counts(meeting) -> dict:
    """{line id: (recusals, of which the nominee's)}."""
    out = {}
    for line_id, kind in Recusal.objects.filter(meeting=meeting).values_list("line_id", "kind"):
        total, nominee = out.get(line_id, (0, 0))
        out[line_id] = (total + 1, nominee + (kind == RecusalKind.NOMINEE))
    return out


def judge(meeting, tally, counts=None):
    """(base, needed) of the line now, with the recusals recorded so far."""
    counts = recusal_counts(meeting) if counts is None else counts
    recused, nominee = counts.get(tally.line_id, (0, 0))
    base = line_base(meeting, tally, recused, nominee)
    return base, ballot_rules.needed(tally.threshold_pct, tally.op, base)


@transaction.atomic
def ballot_close(*, acting_user, meeting: Meeting) -> Meeting:
    """Close the ballot: each line passes with enough "agree" on its base (all members, absent ones included; the
    nominee's own recusal as ``council_recusal_base`` says; other recusals as the line's rule says); the dossiers
    move on to the decision.

    A dossier that another meeting has already decided (data from before a dossier was kept to one open
    meeting) is left as that meeting decided it, and said so in ``meeting.notes`` (Vietnamese, one per dossier)."""
    from dossiers import actions as dossier_actions

    m = _lock(meeting)
    check(acting_user, m, "close")
    counts = recusal_counts(m)
    level = None
    passed_ids, failed_ids = [], []
    for t in m.tallies.select_related("line__award_type").order_by("line_id"):
        if t.threshold_pct is None:  # a ballot opened before the rule was fixed at the opening
            level = level or _level(m)
            _fix_rule(t, level, m.date)
        t.recused = counts.get(t.line_id, (0, 0))[0]
        t.base, t.needed = judge(m, t, counts)
        t.passed = t.base > 0 and t.agree >= t.needed
        t.save(update_fields=["recused", "base", "needed", "passed", "secret", "threshold_pct", "op", "base_rule",
                              "recusal_base", "rule_status", "legal_basis"])
        (passed_ids if t.passed else failed_ids).append(t.line_id)
    # Every receipt rewritten by this one transaction (each tally just was): on PostgreSQL no row keeps the
    # transaction id of the ballot that last wrote it (disk.py).
    Receipt.objects.filter(meeting=m).update(voted=F("voted"))
    # A line another meeting has already passed or failed keeps that result.
    Line.objects.filter(pk__in=passed_ids, outcome=Outcome.PROPOSED).update(outcome=Outcome.PASSED)
    Line.objects.filter(pk__in=failed_ids, outcome=Outcome.PROPOSED).update(outcome=Outcome.FAILED)
    before = m.status
    m.status, m.closed_at = MeetingStatus.CLOSED, timezone.now()
    m.save(update_fields=["status", "closed_at"])
    recusals = [f"{r.member.name} — {r.line.recipient_name}" for r in
                Recusal.objects.filter(meeting=m).select_related("member", "line__person", "line__unit").order_by("line_id", "member__position")]
    ballots = Receipt.objects.filter(meeting=m, voted=True).count()
    _event(m, acting_user, "close", before,
           note=f"{len(passed_ids)}/{len(passed_ids) + len(failed_ids)} dòng được thông qua; {ballots}/{m.members_count} "
                "thành viên đã bỏ phiếu" + (f"; không tham gia biểu quyết: {'; '.join(recusals)}" if recusals else ""),
           passed=len(passed_ids), failed=len(failed_ids))
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


@transaction.atomic
def meeting_cancel(*, acting_user, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a meeting not yet closed, with a reason: ballots already cast are void (their counts and receipts
    are deleted); its dossiers may go on another meeting."""
    m = _lock(meeting)
    check(acting_user, m, "cancel")
    reason = clean_text(reason or "", multiline=True).strip()
    if not reason:
        raise ValidationError({"reason": "Cần ghi lý do hủy phiên họp."})
    before = m.status
    voided = Receipt.objects.filter(meeting=m, voted=True).count()
    Tally.objects.filter(meeting=m).delete()
    Receipt.objects.filter(meeting=m).delete()
    m.status = MeetingStatus.CANCELLED
    m.save(update_fields=["status"])
    _event(m, acting_user, "cancel", before, note=reason + (f" ({voided} phiếu đã bỏ không được tính)" if voided else ""))
    disk.after_close()
    return m
