"""Writes on the initiative registry.

``initiative_save``: the registry's own form (a recognised initiative recorded after the fact, its authors in the
editor's scope).

Every write on an initiative's path from submission to recognition: one function per step of
``initiatives.workflow``, keyword-only, ``acting_user=`` always, one transaction, the initiative row locked, the
step checked against the table, an ``Event`` on its timeline (and an audit event where eligibility must hear of it:
a recognition, a widening).

The council's rule (vote or score, quorum, pass mark) is the rulebook's ``initiative_review_rules`` on the day the
initiative was put before the council, kept on the initiative as the minutes cite it.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.recording import changes_between, last_change, record, snapshot
from core.forms import DATE_MAX, DATE_MIN
from core.stale import guard
from core.text import clean_text
from core.uploads import UploadRefused, sniff_scan
from org import duties
from org.duties import Duty, has_duty
from org.models import Person, Unit

from .models import (SCOPE_RANK, Application, Attachment, Authorship, Council, CouncilMember, CouncilRole, Event,
                     Initiative, Scope, Score, Status, Widening)
from .workflow import STEPS, StepRefused, check, levels_above

FIELDS = ["code", "title", "recognized_on", "scope", "recognized_by", "decision_number", "effect_confirmed"]


def _check(initiative, authors, acting_user, *, before_authors=(), changed_fields=()):
    """Authors outside the editor's scope are another unit's business: they are neither added nor
    removed here, and an initiative that counts for one of them keeps its title, scope and the rest
    (the standing office above both units edits it)."""
    errors = {}
    if not authors:
        errors["authors"] = "Sáng kiến phải có ít nhất một tác giả."
    outside_before = {p for p in before_authors if not duties.has_duty(acting_user, p.unit, Duty.RATE)}
    outside_after = {p for p in authors if not duties.has_duty(acting_user, p.unit, Duty.RATE)}
    added, removed = outside_after - outside_before, outside_before - outside_after
    if added:
        errors["authors"] = (f"{', '.join(sorted(p.full_name for p in added))} thuộc đơn vị ngoài phạm vi bạn quản lý: "
                             "không thêm làm tác giả được.")
    elif removed:
        errors["authors"] = (f"Không bỏ được tác giả {', '.join(sorted(p.full_name for p in removed))} "
                             "(thuộc đơn vị ngoài phạm vi bạn quản lý).")
    if outside_before and changed_fields:
        errors["__all__"] = (f"Sáng kiến có tác giả thuộc đơn vị ngoài phạm vi bạn quản lý: không sửa được "
                             f"{', '.join(changed_fields).lower()} (sáng kiến là căn cứ khen thưởng của cả đơn vị đó). "
                             "Bạn chỉ thêm, bớt được tác giả thuộc đơn vị mình; các thông tin khác do cơ quan thường trực sửa.")
    if Initiative.objects.filter(code=initiative.code).exclude(pk=initiative.pk).exists():
        errors["code"] = f"Mã sáng kiến “{initiative.code}” đã có."
    if errors:
        raise ValidationError(errors)


def _in_scope(acting_user, people):
    return frozenset(p for p in people if duties.has_duty(acting_user, p.unit, Duty.RATE))


@transaction.atomic
def initiative_save(*, acting_user, initiative: Initiative | None, authors, expected: dict | None = None,
                    **fields) -> Initiative:
    """Create (``initiative`` None) or change an initiative. ``expected`` ({field: value the editor saw;
    "authors": the authors in the editor's scope}): what someone else changed meanwhile is kept unless
    this edit changes it too, which is refused (core.stale)."""
    if not duties.has_duty(acting_user, None, Duty.RATE):
        raise PermissionDenied("Bạn không có quyền ghi nhận sáng kiến.")
    creating = initiative is None
    if creating:
        initiative = Initiative(**fields)
        before = {}
    else:
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if expected:
            now_authors = list(initiative.authors.select_related("unit"))
            # The authors are compared as the editor sees them: those in their own scope.
            seen = dict(expected)
            if "authors" in seen:
                seen["authors"] = _in_scope(acting_user, seen["authors"])
            typed = _in_scope(acting_user, authors)
            fields = guard(initiative, {**fields, "authors": typed}, seen, what="Sáng kiến này",
                           changed_by=lambda labels: last_change(initiative, labels),
                           current={"authors": _in_scope(acting_user, now_authors)}, labels={"authors": "Tác giả"})
            fields.pop("authors")
            if "authors" in seen and typed == seen["authors"]:
                authors = now_authors  # the editor did not change the authors: keep them as they are now
        if initiative.used_by.exists() and fields.get("scope") != initiative.scope:
            raise ValidationError({"scope": "Sáng kiến đã được dùng làm căn cứ khen thưởng: không sửa phạm vi được."})
        before = snapshot(initiative, FIELDS)
        for k, v in fields.items():
            setattr(initiative, k, v)
    before_authors = list(initiative.authors.select_related("unit")) if not creating else []
    changed = list(changes_between(before, snapshot(initiative, FIELDS))) if not creating else []
    _check(initiative, authors, acting_user, before_authors=before_authors, changed_fields=changed)
    initiative.save()
    old_authors = {p.full_name for p in before_authors}
    initiative.authors.set(authors)
    changes = changes_between(before, snapshot(initiative, FIELDS))
    new_authors = {p.full_name for p in authors}
    if new_authors != old_authors:
        changes["Tác giả"] = [", ".join(sorted(old_authors)), ", ".join(sorted(new_authors))]
    if changes:
        record(actor=acting_user, verb="create" if creating else "update", target=initiative, changes=changes)
    return initiative


REVIEW_RULES = "initiative_review_rules"
DEFAULT_RULES = {"mode": "vote", "quorum": 0.6667, "pass_share": 0.5, "scale": 100, "pass_mark": 50}
MAX_ATTACHMENTS = 20
TEXT_FIELDS = ["title", "problem", "solution", "applied_where", "effect_expected", "effect_measured"]
PATH_FIELDS = [*TEXT_FIELDS, "applied_since"]


def today():
    return timezone.localdate()


def _user(u):
    return u if getattr(u, "pk", None) else None


def _lock(initiative) -> Initiative:
    return Initiative.objects.select_for_update(of=("self",)).select_related("unit", "council").get(pk=initiative.pk)


def _event(i, actor, verb, from_status, to_status, reason="", **data):
    return Event.objects.create(initiative=i, actor=_user(actor), verb=verb, from_status=from_status or "",
                                to_status=to_status or "", round=i.round, reason=reason, data=data)


def _move(i, actor, verb, to_status, reason="", **data):
    step = STEPS[verb]
    if not step.reaches(i.status, to_status):
        raise AssertionError(f"step {verb} may not lead from {i.status} to {to_status}")
    before = i.status
    i.status = to_status
    i.save()
    return _event(i, actor, verb, before, to_status, reason, **data)


def _tell(users, title, body, i):
    from django.urls import reverse

    from notifications.notify import notify_users

    users = [u for u in users if u is not None]
    if not users:
        return
    url = reverse("initiatives:detail", args=[i.pk])
    transaction.on_commit(lambda: notify_users(users, title, body, url))


# --- the fields ------------------------------------------------------------------------------------------

def _date(value, field, what, errors, *, required=False, not_after=None):
    if value in (None, ""):
        if required:
            errors[field] = f"Cần ghi {what}."
        return None
    if not isinstance(value, date):
        errors[field] = f"{what[:1].upper() + what[1:]} không đúng dạng ngày (dd/mm/yyyy)."
        return None
    if not DATE_MIN <= value <= DATE_MAX:
        errors[field] = f"{what[:1].upper() + what[1:]} phải trong khoảng {DATE_MIN:%d/%m/%Y} – {DATE_MAX:%d/%m/%Y}."
        return None
    if not_after and value > not_after:
        errors[field] = f"{what[:1].upper() + what[1:]} ({value:%d/%m/%Y}) chưa đến."
        return None
    return value


def _fields(data: dict) -> tuple[dict, dict]:
    errors, out = {}, {}
    for name in TEXT_FIELDS:
        out[name] = clean_text(data.get(name) or "", multiline=name != "title" and name != "applied_where").strip()
    if not out["title"]:
        errors["title"] = "Cần ghi tên sáng kiến."
    elif len(out["title"]) > 500:
        errors["title"] = "Tên sáng kiến dài quá 500 ký tự."
    if len(out["applied_where"]) > 500:
        errors["applied_where"] = "Nơi áp dụng dài quá 500 ký tự."
    if not out["problem"]:
        errors["problem"] = "Cần ghi thực trạng, vấn đề sáng kiến giải quyết."
    if not out["solution"]:
        errors["solution"] = "Cần ghi nội dung giải pháp."
    if not out["effect_expected"] and not out["effect_measured"]:
        errors["effect_expected"] = "Cần ghi hiệu quả dự kiến hoặc hiệu quả đã đạt được."
    out["applied_since"] = _date(data.get("applied_since"), "applied_since", "ngày áp dụng lần đầu", errors, not_after=today())
    return out, errors


def _authors(unit: Unit, authors, errors) -> list[tuple[Person, Decimal]]:
    """[(person, share)] checked: at least one, each of ``unit`` (or under it), once, shares from 0 to 100 adding up
    to 100."""
    rows = [(p, s) for p, s in (authors or []) if p is not None]
    if not rows:
        errors["authors"] = "Sáng kiến phải có ít nhất một tác giả."
        return []
    seen, out, problems = set(), [], []
    for n, (person, share) in enumerate(rows, 1):
        if person.pk in seen:
            problems.append(f"Dòng {n}: {person.full_name} đã có ở dòng trên.")
            continue
        seen.add(person.pk)
        if unit is not None and not person.unit.path.startswith(unit.path):
            problems.append(f"Dòng {n}: {person.full_name} không thuộc {unit.name}.")
        try:
            value = Decimal(str(share).replace(",", ".").strip().rstrip("%")) if share not in (None, "") else None
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or not Decimal(0) < value <= Decimal(100):
            problems.append(f"Dòng {n}: tỷ lệ đóng góp của {person.full_name} phải là số lớn hơn 0 và không quá 100 (%).")
            continue
        out.append((person, value.quantize(Decimal("0.01"))))
    if not problems and sum(s for _p, s in out) != Decimal(100):
        total = sum(s for _p, s in out)
        problems.append(f"Tổng tỷ lệ đóng góp của các tác giả phải là 100% (đang là {total.normalize():f}%).")
    if problems:
        errors["authors"] = problems
    return out


def _set_authors(i, rows):
    Authorship.objects.filter(initiative=i).exclude(person__in=[p for p, _s in rows]).delete()
    have = {a.person_id: a for a in Authorship.objects.filter(initiative=i)}
    for person, share in rows:
        a = have.get(person.pk)
        if a is None:
            Authorship.objects.create(initiative=i, person=person, share=share)
        elif a.share != share:
            a.share = share
            a.save(update_fields=["share"])


def _files(uploads, have=0):
    """Each upload checked by its content (PDF, JPEG, PNG) before anything is kept: all or nothing."""
    uploads = [u for u in uploads or [] if u]
    if have + len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": f"Mỗi sáng kiến có tối đa {MAX_ATTACHMENTS} tệp đính kèm (đã có {have})."})
    out, errors = [], []
    for u in uploads:
        name = clean_text(getattr(u, "name", "") or "").rsplit("/", 1)[-1][:150] or "tệp"
        try:
            content_type, ext = sniff_scan(u)
        except UploadRefused as e:
            errors += [f"Tệp “{name}”: {m}" for m in e.messages]
            continue
        u.seek(0)
        data = u.read()
        out.append((name, content_type, ext, data))
    if errors:
        raise ValidationError({"attachments": errors})
    return out


def _keep_files(i, files, actor):
    for name, content_type, ext, data in files:
        a = Attachment(initiative=i, name=name, content_type=content_type, size=len(data),
                       sha256=hashlib.sha256(data).hexdigest(), uploaded_by=_user(actor))
        a.file.save(f"{uuid.uuid4().hex}{ext}", ContentFile(data), save=False)
        a.save()


def next_code(unit: Unit, year: int) -> str:
    """The next free code of the unit's initiatives of ``year``: "SK2026-HN-PLU-003"."""
    stem = f"SK{year}-{unit.code}-"
    n = Initiative.objects.filter(code__startswith=stem).count() + 1
    while Initiative.objects.filter(code=f"{stem}{n:03d}").exists():
        n += 1
    return f"{stem}{n:03d}"


# --- submit, edit, attach, resubmit ----------------------------------------------------------------------

def may_submit(user, unit: Unit) -> bool:
    """Whoever records for the unit (the officer, for its authors) or a person of the unit for themself."""
    if has_duty(user, unit, Duty.RATE):
        return True
    person = getattr(user, "person", None) if getattr(user, "person_id", None) else None
    return person is not None and person.unit.path.startswith(unit.path)


@transaction.atomic
def initiative_submit(*, acting_user, unit: Unit, data: dict, authors, uploads=()) -> Initiative:
    """An author (or the unit's officer for them) submits an initiative to ``unit``'s initiative council.
    ``authors``: [(person, share in %)]. All or nothing; errors name the field (and the author's row)."""
    if not may_submit(acting_user, unit):
        raise PermissionDenied(f"Bạn không có quyền nộp sáng kiến của {unit.name}.")
    fields, errors = _fields(data)
    rows = _authors(unit, authors, errors)
    person_id = getattr(acting_user, "person_id", None)
    if rows and not has_duty(acting_user, unit, Duty.RATE) and person_id not in {p.pk for p, _s in rows}:
        errors["authors"] = "Bạn nộp sáng kiến của chính mình: hãy ghi mình là một tác giả (hoặc nhờ cán bộ của đơn vị nộp)."
    try:
        files = _files(uploads)
    except ValidationError as e:
        errors.update(e.message_dict)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    i = Initiative(code=next_code(unit, today().year), unit=unit, status=Status.SUBMITTED, scope=Scope.CO_SO,
                   submitted_at=now, submitted_by=_user(acting_user), **fields)
    i.save()
    _set_authors(i, rows)
    _keep_files(i, files, acting_user)
    _event(i, acting_user, "submit", "", Status.SUBMITTED, authors=[f"{p.full_name} ({s.normalize():f}%)" for p, s in rows])
    from org.duties import users_at

    _tell(users_at(unit, Duty.STANDING_OFFICE), f"Sáng kiến mới: {i.title}", f"{unit.name} — chờ đưa ra Hội đồng sáng kiến.", i)
    return i


@transaction.atomic
def initiative_edit(*, acting_user, initiative: Initiative, data: dict, authors) -> Initiative:
    """The author or the officer changes what was submitted (while it waits or was returned)."""
    i = _lock(initiative)
    check(acting_user, i, "edit")
    fields, errors = _fields(data)
    rows = _authors(i.unit, authors, errors)
    if errors:
        raise ValidationError(errors)
    changed = [n for n in PATH_FIELDS if getattr(i, n) != fields[n]]
    for n, v in fields.items():
        setattr(i, n, v)
    i.save()
    before = {a.person_id: a.share for a in Authorship.objects.filter(initiative=i)}
    _set_authors(i, rows)
    if before != {p.pk: s for p, s in rows}:
        changed.append("authors")
    _event(i, acting_user, "edit", i.status, i.status, fields=changed)
    return i


@transaction.atomic
def attachments_add(*, acting_user, initiative: Initiative, uploads) -> list[Attachment]:
    i = _lock(initiative)
    check(acting_user, i, "attach")
    files = _files(uploads, have=i.attachments.count())
    if not files:
        raise ValidationError({"attachments": "Chưa chọn tệp."})
    _keep_files(i, files, acting_user)
    _event(i, acting_user, "attach", i.status, i.status, files=[f[0] for f in files])
    return list(i.attachments.order_by("-id")[:len(files)])


@transaction.atomic
def initiative_resubmit(*, acting_user, initiative: Initiative, note: str = "") -> Initiative:
    i = _lock(initiative)
    check(acting_user, i, "resubmit")
    i.submitted_at = timezone.now()
    _move(i, acting_user, "resubmit", Status.SUBMITTED, clean_text(note or "", multiline=True).strip())
    return i


# --- the council -----------------------------------------------------------------------------------------

@transaction.atomic
def council_save(*, acting_user, unit: Unit, year: int, number: str = "", signed_on=None, issuer: str = "",
                 members=()) -> Council:
    """The unit's initiative council of ``year`` as its establishing decision names it: members
    [{full_name, role, job_title, user}] in order; one chair. Replaces the list (members who scored stay)."""
    if not has_duty(acting_user, unit, Duty.STANDING_OFFICE):
        raise PermissionDenied(f"Bạn không có quyền lập Hội đồng sáng kiến của {unit.name}.")
    errors = {}
    rows = []
    for n, m in enumerate(members or [], 1):
        name = clean_text(m.get("full_name") or "").strip()
        if not name:
            continue
        role = m.get("role") or CouncilRole.MEMBER
        if role not in CouncilRole.values:
            errors.setdefault("members", []).append(f"Dòng {n}: chức danh trong Hội đồng không hợp lệ.")
            continue
        rows.append({"full_name": name[:200], "role": role, "job_title": clean_text(m.get("job_title") or "").strip()[:300],
                     "user": m.get("user")})
    if len(rows) < 3:
        errors.setdefault("members", []).append("Hội đồng sáng kiến cần ít nhất 3 thành viên.")
    if sum(1 for r in rows if r["role"] == CouncilRole.CHAIR) != 1:
        errors.setdefault("members", []).append("Hội đồng sáng kiến có đúng một Chủ tịch Hội đồng.")
    signed_on = _date(signed_on, "signed_on", "ngày ký quyết định thành lập", errors, not_after=today())
    if errors:
        raise ValidationError(errors)
    council, _created = Council.objects.get_or_create(unit=unit, year=year, defaults={"created_by": _user(acting_user)})
    council.number, council.signed_on, council.issuer = clean_text(number or "").strip()[:60], signed_on, clean_text(issuer or "").strip()[:200]
    council.save()
    kept = {m.full_name: m for m in council.members.all()}
    wanted = set()
    for pos, r in enumerate(rows, 1):
        m = kept.get(r["full_name"]) or CouncilMember(council=council, full_name=r["full_name"])
        m.position, m.role, m.job_title, m.user = pos, r["role"], r["job_title"], r["user"]
        m.save()
        wanted.add(m.pk)
    council.members.exclude(pk__in=wanted).filter(scores__isnull=True).delete()
    record(actor=acting_user, verb="update", target=council, changes={"Thành viên": ["", ", ".join(r["full_name"] for r in rows)]})
    return council


def rules_on(day: date) -> dict:
    from rulebook.selectors import parameter_row_on
    from rulebook.schema import value_or_default

    row = parameter_row_on(REVIEW_RULES, day)
    if row is None:
        return {**DEFAULT_RULES, "status": "unverified", "legal_basis": ""}
    value, _problem = value_or_default(row)
    return {**DEFAULT_RULES, **value, "status": row.status, "legal_basis": row.legal_basis}


@transaction.atomic
def review_open(*, acting_user, initiative: Initiative) -> Initiative:
    """The standing office puts the initiative before the unit's initiative council of the year."""
    i = _lock(initiative)
    check(acting_user, i, "review")
    day = today()
    council = Council.objects.filter(unit=i.unit, year=day.year).first()
    if council is None or not council.members.exists():
        raise StepRefused(f"{i.unit.name} chưa có Hội đồng sáng kiến năm {day.year}: hãy ghi quyết định thành lập Hội đồng trước.")
    i.council, i.round, i.review_opened_on, i.review_rules = council, i.round + 1, day, rules_on(day)
    _move(i, acting_user, "review", Status.REVIEWING, council=str(council))
    _tell([m.user for m in council.members.select_related("user")], f"Sáng kiến chờ chấm điểm: {i.title}",
          f"Hội đồng sáng kiến {i.unit.name}.", i)
    return i


def _number(value, what, lo, hi):
    try:
        v = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"total": f"{what} phải là một số."}) from None
    if not v.is_finite() or not lo <= v <= hi:
        raise ValidationError({"total": f"{what} phải từ {lo} đến {hi}."})
    return v.quantize(Decimal("0.01"))


@transaction.atomic
def score_enter(*, acting_user, initiative: Initiative, agree=None, total=None, comment: str = "",
                member: CouncilMember | None = None) -> Score:
    """A member's sheet (their own; the office enters a paper sheet for ``member``): a vote (agree or not) or a
    total score, as the rule kept at the review's opening says. A second sheet of the same member replaces the first."""
    i = _lock(initiative)
    check(acting_user, i, "score")
    own = i.council.members.filter(user=acting_user).first() if acting_user.is_authenticated else None
    if member is None:
        member = own
    elif member != own and not has_duty(acting_user, i.unit, Duty.STANDING_OFFICE):
        raise PermissionDenied("Bạn chỉ chấm phiếu của chính mình.")
    if member is None or member.council_id != i.council_id:
        raise ValidationError({"member": "Chọn thành viên Hội đồng có phiếu được nhập."})
    rules = i.review_rules or DEFAULT_RULES
    if rules.get("mode") == "score":
        if total in (None, ""):
            raise ValidationError({"total": f"Cần ghi tổng điểm (thang {rules['scale']} điểm)."})
        total = _number(total, "Tổng điểm", 0, int(rules["scale"]))
        agree = total >= Decimal(str(rules["pass_mark"]))
    else:
        if agree not in (True, False):
            raise ValidationError({"agree": "Chọn đồng ý hoặc không đồng ý công nhận."})
        total = None
    sheet, _ = Score.objects.update_or_create(
        initiative=i, round=i.round, member=member,
        defaults={"agree": agree, "total": total, "comment": clean_text(comment or "", multiline=True).strip(),
                  "entered_by": _user(acting_user)})
    _event(i, acting_user, "score", i.status, i.status, member=member.full_name,
           agree=agree, total=str(total) if total is not None else None)
    return sheet


@dataclass
class Result:
    members: int
    sheets: int
    agree: int
    average: Decimal | None
    quorum_met: bool
    passed: bool
    rules: dict

    @property
    def text(self):
        r = self.rules
        quorum = f"{self.sheets}/{self.members} thành viên đã {'chấm điểm' if r.get('mode') == 'score' else 'biểu quyết'}"
        if not self.quorum_met:
            return f"{quorum}: chưa đủ số thành viên tối thiểu ({_pct(r['quorum'])})."
        if r.get("mode") == "score":
            verdict = "đạt" if self.passed else "chưa đạt"
            return f"{quorum}; điểm trung bình {self.average:.2f}/{r['scale']}, {verdict} (mức thông qua {r['pass_mark']} điểm)."
        verdict = "thông qua" if self.passed else "không thông qua"
        return f"{quorum}; {self.agree}/{self.sheets} đồng ý: {verdict} (cần trên {_pct(r['pass_share'])} số phiếu)."


def _pct(x):
    v = Decimal(str(x)) * 100
    return f"{v.quantize(Decimal('0.01')).normalize():f}%".replace(".", ",")


def review_result(initiative: Initiative) -> Result:
    """The council's result in the current round, by the rule kept at the review's opening."""
    rules = {**DEFAULT_RULES, **(initiative.review_rules or {})}
    members = initiative.council.members.count() if initiative.council_id else 0
    sheets = list(Score.objects.filter(initiative=initiative, round=initiative.round))
    n = len(sheets)
    agree = sum(1 for s in sheets if s.agree)
    quorum_met = members > 0 and n > 0 and Decimal(n) >= Decimal(str(rules["quorum"])) * members - Decimal("0.0001")
    average = None
    if rules.get("mode") == "score":
        totals = [s.total for s in sheets if s.total is not None]
        average = (sum(totals) / len(totals)).quantize(Decimal("0.01")) if totals else Decimal(0)
        passed = quorum_met and average >= Decimal(str(rules["pass_mark"]))
    else:
        passed = quorum_met and Decimal(agree) > Decimal(str(rules["pass_share"])) * n
    return Result(members, n, agree, average, quorum_met, passed, rules)


@transaction.atomic
def initiative_return(*, acting_user, initiative: Initiative, reason: str) -> Initiative:
    i = _lock(initiative)
    check(acting_user, i, "return")
    text = clean_text(reason or "", multiline=True).strip()
    if not text:
        raise ValidationError({"reason": "Cần ghi lý do trả lại để tác giả bổ sung."})
    _move(i, acting_user, "return", Status.RETURNED, text)
    _tell([i.submitted_by], f"Sáng kiến bị trả lại: {i.title}", text[:200], i)
    return i


def _decision(number, day, signer, errors, *, what="quyết định"):
    number = clean_text(number or "").strip()
    if not number:
        errors["decision_number"] = f"Cần ghi số {what}."
    elif len(number) > 60:
        errors["decision_number"] = f"Số {what} dài quá 60 ký tự."
    day = _date(day, "decided_on", f"ngày {what}", errors, required=True, not_after=today())
    signer = clean_text(signer or "").strip()
    if len(signer) > 255:
        errors["recognized_by"] = "Người ký, cơ quan công nhận dài quá 255 ký tự."
    return number, day, signer


@transaction.atomic
def initiative_recognize(*, acting_user, initiative: Initiative, decision_number: str, decided_on, recognized_by: str = "") -> Initiative:
    """The office records the head's decision recognising the initiative at its unit (phạm vi cơ sở), once the
    council passed it by the rule kept at the review's opening."""
    i = _lock(initiative)
    check(acting_user, i, "recognize")
    result = review_result(i)
    if not result.passed:
        raise StepRefused(f"Hội đồng sáng kiến chưa thông qua: {result.text}")
    errors = {}
    number, day, signer = _decision(decision_number, decided_on, recognized_by, errors, what="quyết định công nhận")
    if day and i.review_opened_on and day < i.review_opened_on:
        errors["decided_on"] = f"Ngày quyết định không được trước ngày đưa ra Hội đồng ({i.review_opened_on:%d/%m/%Y})."
    if errors:
        raise ValidationError(errors)
    i.decision_number, i.recognized_on, i.recognized_by, i.scope = number, day, signer or i.unit.name, Scope.CO_SO
    _move(i, acting_user, "recognize", Status.RECOGNIZED, decision=number, day=day.isoformat(), result=result.text)
    record(actor=acting_user, verb="update", target=i,
           changes={"Trạng thái": [Status.REVIEWING.label, Status.RECOGNIZED.label], "Số quyết định công nhận": ["", number]})
    _tell([i.submitted_by], f"Sáng kiến được công nhận: {i.title}", f"Quyết định số {number} ngày {day:%d/%m/%Y}.", i)
    return i


@transaction.atomic
def initiative_widen(*, acting_user, initiative: Initiative, scope: str, decision_number: str, decided_on,
                     recognized_by: str = "", authority: Unit | None = None) -> Widening:
    """A level above records its own decision recognising a wider scope (cấp tỉnh, toàn quốc)."""
    i = _lock(initiative)
    check(acting_user, i, "widen")
    errors = {}
    if scope not in Scope.values:
        errors["scope"] = "Chọn phạm vi ảnh hưởng."
    elif SCOPE_RANK[scope] <= SCOPE_RANK[i.scope]:
        errors["scope"] = f"Sáng kiến đã được công nhận {Scope(i.scope).label.lower()}: chọn phạm vi rộng hơn."
    number, day, signer = _decision(decision_number, decided_on, recognized_by, errors)
    if day and i.recognized_on and day < i.recognized_on:
        errors["decided_on"] = f"Ngày quyết định không được trước ngày công nhận ở cơ sở ({i.recognized_on:%d/%m/%Y})."
    above = [u for u in levels_above(i.unit) if has_duty(acting_user, u, Duty.STANDING_OFFICE)]
    if authority is None:
        authority = above[-1] if above else None
    elif authority not in above:
        errors["authority"] = f"Bạn không thuộc cơ quan thường trực của {authority.name}."
    if errors:
        raise ValidationError(errors)
    w = Widening.objects.create(initiative=i, scope=scope, previous_scope=i.scope, authority=authority, decision_number=number,
                                decided_on=day, recognized_by=signer or authority.name, created_by=_user(acting_user))
    before = i.scope
    i.scope = scope
    i.save()
    _event(i, acting_user, "widen", i.status, i.status, scope=scope, previous=before, decision=number, day=day.isoformat(),
           authority=authority.name)
    record(actor=acting_user, verb="update", target=i,
           changes={"Phạm vi ảnh hưởng": [Scope(before).label, Scope(scope).label]}, note=f"Quyết định số {number}")
    return w


@transaction.atomic
def application_report(*, acting_user, initiative: Initiative, where: str, since, effect: str, reported_on=None) -> Application:
    """Where the recognised initiative is applied, since when, with what effect."""
    i = _lock(initiative)
    check(acting_user, i, "report")
    errors = {}
    where = clean_text(where or "").strip()
    effect = clean_text(effect or "", multiline=True).strip()
    if not where:
        errors["where"] = "Cần ghi nơi áp dụng."
    elif len(where) > 500:
        errors["where"] = "Nơi áp dụng dài quá 500 ký tự."
    if not effect:
        errors["effect"] = "Cần ghi hiệu quả đạt được."
    since = _date(since, "since", "ngày bắt đầu áp dụng", errors, required=True, not_after=today())
    reported_on = _date(reported_on or today(), "reported_on", "ngày báo cáo", errors, not_after=today())
    if errors:
        raise ValidationError(errors)
    a = Application.objects.create(initiative=i, where=where, since=since, effect=effect, reported_on=reported_on,
                                   reported_by=_user(acting_user))
    if not i.effect_confirmed:
        i.effect_confirmed = True
        i.save(update_fields=["effect_confirmed"])
    _event(i, acting_user, "report", i.status, i.status, where=where, since=since.isoformat())
    record(actor=acting_user, verb="update", target=i, changes={"Báo cáo áp dụng": ["", where]})
    return a


def max_position(council):
    return council.members.aggregate(n=Max("position"))["n"] or 0
