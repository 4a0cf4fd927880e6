"""Every write on a dossier: one function per step, keyword-only, ``acting_user=``
always, one transaction, the dossier row locked, the step checked against
``dossiers.workflow``, an ``Event`` written, notifications sent on commit.

Two people acting on one dossier at once: the second waits for the first's
lock, then finds the state changed and gets ``StepRefused`` with a message
saying so; nothing of the first is lost.
"""

import hashlib
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from core import steps
from core.dates import add_working_days
from core.stale import guard
from core.text import clean_text
from core.uploads import sniff_scan
from org.duties import Duty, has_duty, users_at
from org.models import Unit
from rulebook.selectors import parameter_on

from .appraisal import COLLECTIVE, HOUSEHOLD, INDIVIDUAL, Line as Nomination, appraise, authority_level
from .selectors import (authorities_for, checklist, council_reviews_upward, default_signer, forwardable, granted_above,
                        lines_to_forward)
from . import clock
from .models import (Attachment, CentralSubmission, Comment, DocumentKind, Dossier, Event, Kind, Line, Outcome, Pause,
                     PauseStage, Status)
from .workflow import STEPS, StepRefused, check, may

YEAR_MIN, YEAR_MAX = 1945, 2100


# --- helpers -------------------------------------------------------------------------

one_step = steps.one_step(StepRefused, "Hồ sơ đang được người khác xử lý; hãy thử lại sau giây lát.")


def _lock(dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("unit", "authority").get(pk=dossier.pk)


def _event(dossier, actor, verb, from_status, to_status, reason="", **data):
    return Event.objects.create(dossier=dossier, actor=actor, verb=verb, from_status=from_status or "",
                                to_status=to_status or "", round=dossier.round, reason=reason, data=data)


def _move(dossier, actor, verb, to_status, reason="", **data):
    """The dossier reaches ``to_status`` by step ``verb``: one the table names for it (dossiers.workflow)."""
    step = STEPS.get(verb.removesuffix("_all"))
    if step is not None and not step.reaches(dossier.status, to_status):
        raise AssertionError(f"step {verb} may not lead from {dossier.status} to {to_status}")
    before = dossier.status
    dossier.status = to_status
    dossier.save()
    _event(dossier, actor, verb, before, to_status, reason, **data)


def _reason(reason, what="lý do"):
    text = clean_text(reason or "", multiline=True).strip()
    if not text:
        raise ValidationError({"reason": f"Cần ghi {what}."})
    return text


def _notify_later(users, title, body, dossier, place="", url=None):
    """Tell ``users`` on commit; the notification opens the dossier's page at ``place`` (an anchor of
    dossiers/detail.html: "#assign", "#return-reason" …), or ``url``."""
    from notifications.notify import notify_users

    url = url or reverse("dossiers:detail", args=[dossier.pk]) + place
    users = [u for u in users]
    transaction.on_commit(lambda: notify_users(users, title, body, url))


def _holidays():
    from notifications.holidays import holiday_set

    return holiday_set()


def today():
    return timezone.localdate()


def _ref(obj):
    return {"code": getattr(obj, "code", None) or obj.pk, "label": str(getattr(obj, "full_name", None) or getattr(obj, "name", obj))}


# --- the clock (dossiers.clock) -------------------------------------------------------------

def _pause_begin(d, stage, start, end=None) -> Pause | None:
    """A stage that stops the clock begins (when the rule of its first day says it does)."""
    rule = clock.stops(stage, start)
    if rule is None:
        return None
    return Pause.objects.create(dossier=d, round=d.round, stage=stage, effect=rule.effect, start=start, end=end,
                                legal_basis=rule.legal_basis, rule_status=rule.status)


def _pause_end(d, stage) -> Pause | None:
    """The running pause of ``stage`` ends today; returns it (None when there was none)."""
    p = d.pauses.filter(stage=stage, end__isnull=True).order_by("-start", "-id").first()
    if p is not None:
        p.end = max(today(), p.start)
        p.save(update_fields=["end"])
    return p


def _due_again(d):
    """The due date from the day the complete dossier was received, plus the working days paused since."""
    days = clock.processing_days(d.authority, d.received_on) if d.received_on else None
    if days is None:
        d.paused_days, d.due_on = 0, None
        return
    holidays = _holidays()
    d.paused_days = clock.paused_days(d.received_on, list(d.pauses.all()), holidays)
    d.due_on = clock.due_date(d.received_on, days, d.paused_days, holidays)


def _comments_wait(d):
    """Disclosure is closed after its last day: the days spent waiting for the answers to comments made during it
    stop the clock too (dossier_clock_pauses "comments"), up to the last answer."""
    if not d.disclosure_until or today() <= d.disclosure_until:
        return
    start = d.disclosure_until + timedelta(days=1)
    answers = [at for at in Comment.objects.filter(line__dossier=d, spam_at__isnull=True, answered_at__isnull=False)
               .values_list("answered_at", flat=True)]
    last = max((timezone.localtime(at).date() for at in answers), default=None)
    if last is None or last < start:
        return
    if _pause_begin(d, PauseStage.COMMENTS, start, end=min(last, today())):
        _due_again(d)


# --- creating and editing --------------------------------------------------------------

@one_step
def dossier_create(*, acting_user, unit: Unit, authority: Unit, year: int, title: str, kind: str = Kind.REGULAR,
                   simplified: bool = False) -> Dossier:
    if not has_duty(acting_user, unit, Duty.SUBMIT):
        raise PermissionDenied("Bạn không có quyền lập hồ sơ đề nghị khen thưởng cho đơn vị này.")
    errors = {}
    if authority not in authorities_for(unit):
        errors["authority"] = f"{authority.name} không phải cấp có thẩm quyền khen thưởng cho {unit.name}."
    if not isinstance(year, int) or not YEAR_MIN <= year <= today().year:
        errors["year"] = f"Năm thành tích phải từ {YEAR_MIN} đến {today().year}."
    title = clean_text(title or "").strip()
    if not title:
        errors["title"] = "Cần ghi trích yếu hồ sơ."
    if kind not in Kind.values:
        errors["kind"] = "Loại hình khen thưởng không hợp lệ."
    if errors:
        raise ValidationError(errors)
    if kind in (parameter_on("simplified_procedure_kinds", today(), []) or []):
        simplified = True
    d = Dossier.objects.create(unit=unit, authority=authority, year=year, title=title, kind=kind, simplified=simplified,
                               created_by=acting_user)
    _event(d, acting_user, "create", "", Status.DRAFT, kind={"code": kind, "label": Kind(kind).label},
           authority=_ref(authority))
    return d


def _editable(acting_user, dossier):
    d = _lock(dossier)
    check(acting_user, d, "edit")
    return d


def _recipient_errors(dossier, person, unit, award_type, recipient_kind):
    errors = {}
    if (person is None) == (unit is None):
        errors["recipient"] = "Chọn một cá nhân hoặc một tập thể."
        return errors
    where = person.unit if person else unit
    if not where.path.startswith(dossier.unit.path):
        errors["recipient"] = f"{(person.full_name if person else unit.name)} không thuộc {dossier.unit.name}."
    if recipient_kind not in award_type.recipient_kinds:
        words = {INDIVIDUAL: "cá nhân", COLLECTIVE: "tập thể", "household": "hộ gia đình"}
        errors["award_type"] = f"{award_type.name} không tặng cho {words.get(recipient_kind, recipient_kind)}."
    return errors


@one_step
def lines_add(*, acting_user, dossier: Dossier, items: list[dict], source: str = "typed") -> list[Line]:
    """Add nomination lines: each item {"person" or "unit", "award_type", "recipient_kind"?, "summary"?, "justification"?}.
    All or nothing: an error names the item (1-based) and the field. The dossier is appraised again afterwards."""
    d = _editable(acting_user, dossier)
    start = (d.lines.aggregate(n=Max("position"))["n"] or 0) + 1
    rows, errors = [], {}
    for i, item in enumerate(items, start=1):
        person, unit, award_type = item.get("person"), item.get("unit"), item.get("award_type")
        kind = item.get("recipient_kind") or (INDIVIDUAL if person else HOUSEHOLD if unit is not None and unit.kind == "household"
                                              else COLLECTIVE)
        if award_type is None:
            found = {"award_type": "Chọn danh hiệu, hình thức khen thưởng."}
        else:
            found = _recipient_errors(d, person, unit, award_type, kind)
        for field, message in found.items():
            errors.setdefault(field, []).append(f"Dòng {i}: {message}" if len(items) > 1 else message)
        summary = clean_text(item.get("summary") or "", multiline=True).strip()
        achievement = ""
        if d.occasion != "year_end":
            # One form per achievement (Luật TĐKT 2022, Điều 5.2): an ad hoc line names what it rewards — as typed,
            # or the first line of its summary, or the dossier's subject.
            achievement = clean_text(item.get("achievement") or "").strip() or (summary.splitlines() or [d.title])[0]
            achievement = achievement[:300]
        rows.append(Line(dossier=d, position=start + i - 1, person=person, unit=unit, award_type=award_type, recipient_kind=kind,
                         summary=summary, achievement=achievement,
                         justification=clean_text(item.get("justification") or "", multiline=True).strip(), source=source,
                         origin=item.get("origin")))
    if errors:
        raise ValidationError(errors)
    created = Line.objects.bulk_create(rows)
    _event(d, acting_user, "lines_add", d.status, d.status, count=len(created),
           lines=[{"code": ln.recipient.code, "award": ln.award_type.code,
                   "label": f"{ln.award_type.name} — {ln.recipient_name}"} for ln in created[:50]])
    appraise_dossier(d)
    return created


def _line_changed_by(dossier, line):
    """(who, when) of the last edit of ``line`` on the dossier's timeline: what a refused stale edit names."""
    last = (Event.objects.filter(dossier=dossier, verb="line_update", data__line__id=line.pk)
            .select_related("actor").order_by("-at", "-id").first())
    if last is None:
        return None
    return (last.actor.display_name if last.actor else None), last.at


@one_step
def line_update(*, acting_user, line: Line, summary: str | None = None, justification: str | None = None,
                expected: dict | None = None) -> Line:
    """Change the line's summary and justification (None: unchanged). ``expected`` ({field: value the
    editor saw}): what someone else changed meanwhile is kept unless this edit changes it too, which is
    refused (core.stale)."""
    d = _editable(acting_user, line.dossier)
    line = Line.objects.select_for_update().get(pk=line.pk, dossier=d)
    typed = {name: clean_text(value, multiline=True).strip()
             for name, value in (("summary", summary), ("justification", justification)) if value is not None}
    fields = guard(line, typed, expected, what="Dòng đề nghị này", changed_by=lambda labels: _line_changed_by(d, line))
    changed = [name for name, value in fields.items() if getattr(line, name) != value]
    if not changed:
        return line
    for name in changed:
        setattr(line, name, fields[name])
    line.save()
    _event(d, acting_user, "line_update", d.status, d.status, line={"id": line.pk, "code": line.recipient.code,
                                                                      "award": line.award_type.code,
                                                                      "label": f"{line.award_type.name} — {line.recipient_name}"},
           fields=[str(Line._meta.get_field(name).verbose_name) for name in changed])
    return line


@one_step
def line_remove(*, acting_user, line: Line) -> None:
    d = _editable(acting_user, line.dossier)
    label = f"{line.award_type.name} — {line.recipient_name}"
    Line.objects.filter(pk=line.pk, dossier=d).delete()
    _event(d, acting_user, "line_remove", d.status, d.status, line={"code": line.recipient.code, "award": line.award_type.code,
                                                                      "label": label})
    appraise_dossier(d)


def _line_ref(line):
    return {"id": line.pk, "code": line.recipient.code, "award": line.award_type.code,
            "label": f"{line.award_type.name} — {line.recipient_name}"}


@one_step
def line_set_aside(*, acting_user, line: Line, reason: str) -> Line:
    """The appraiser leaves one line out ("không đề nghị") with a reason, without returning the dossier: the line
    stays on the dossier, struck through with the reason for the unit to read; the checklist, the disclosure, the
    council and forwarding no longer count it. Undone by ``line_restore`` while the dossier is appraised."""
    d = _lock(line.dossier)
    check(acting_user, d, "set_aside")
    line = Line.objects.select_for_update(of=("self",)).select_related("person", "unit", "award_type").get(pk=line.pk, dossier=d)
    if line.outcome != Outcome.PROPOSED:
        raise ValidationError(f"Dòng {line.recipient_name} — {line.award_type.name} đang ở kết quả "
                              f"“{Outcome(line.outcome).label}”, không đánh dấu “không đề nghị” được (hãy tải lại trang).")
    text = _reason(reason, "lý do không đề nghị")
    line.outcome, line.aside_reason = Outcome.SET_ASIDE, text
    line.save(update_fields=["outcome", "aside_reason"])
    _event(d, acting_user, "set_aside", d.status, d.status, text, line=_line_ref(line))
    return line


@one_step
def line_restore(*, acting_user, line: Line) -> Line:
    """A line set aside is proposed again (while the dossier is appraised), and appraised again."""
    d = _lock(line.dossier)
    check(acting_user, d, "set_aside")
    line = Line.objects.select_for_update(of=("self",)).select_related("person", "unit", "award_type").get(pk=line.pk, dossier=d)
    if line.outcome != Outcome.SET_ASIDE:
        raise ValidationError(f"Dòng {line.recipient_name} — {line.award_type.name} không ở trạng thái “không đề nghị” "
                              "(có thể người khác vừa đề nghị lại; hãy tải lại trang).")
    line.outcome, line.aside_reason = Outcome.PROPOSED, ""
    line.save(update_fields=["outcome", "aside_reason"])
    _event(d, acting_user, "set_aside_undo", d.status, d.status, line=_line_ref(line))
    appraise_dossier(d)
    return line


def appraise_dossier(dossier: Dossier, day: date | None = None) -> list[Line]:
    """Run the appraisal (dossiers.appraisal, the same as `tdkt appraise`) over the dossier's open lines and keep the result on them."""
    lines = list(dossier.lines.filter(outcome=Outcome.PROPOSED).select_related("person__unit", "unit", "award_type"))
    if not lines:
        return lines
    nominations = [Nomination(i, ln.person or ln.unit, ln.award_type, ln.recipient_kind, ln.justification,
                              dossier.occasion, ln.achievement)
                   for i, ln in enumerate(lines, start=1)]
    # Who will sign: the authority's chairman (a line naming them is signed by a deputy, or goes up).
    result = appraise(authority=dossier.authority, decision_date=day or today(), year=dossier.year, lines=nominations,
                      signer=default_signer(dossier.authority))
    now = timezone.now()
    for ln, r in zip(lines, result.lines):
        ln.problems = [p.as_json() for p in r.problems]
        ln.amount, ln.notes, ln.checked_at = r.amount, list(r.notes), now
    Line.objects.bulk_update(lines, ["problems", "amount", "notes", "checked_at"], batch_size=500)
    return lines


# --- documents ----------------------------------------------------------------------------

def attachment_add(*, acting_user, dossier: Dossier, kind: str, upload, line: Line | None = None) -> Attachment:
    return attachments_add(acting_user=acting_user, dossier=dossier, kind=kind, uploads=[upload], line=line)[0]


def _upload_name(upload, ext=""):
    return clean_text(getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:150] or f"tai-lieu{ext}"


@one_step
def attachments_add(*, acting_user, dossier: Dossier, kind: str, uploads, line: Line | None = None) -> list[Attachment]:
    """Several signed scans of one kind at once, all or nothing: every file is checked (core.uploads.sniff_scan)
    before any is kept, and a refusal names each file that failed."""
    d = _editable(acting_user, dossier)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "Loại tài liệu không hợp lệ."})
    if line is not None and line.dossier_id != d.pk:
        raise ValidationError({"line": "Dòng đề nghị không thuộc hồ sơ này."})
    uploads = list(uploads)
    if not uploads:
        raise ValidationError({"file": "Chưa chọn tệp."})
    checked, errors = [], []
    for upload in uploads:
        try:
            content_type, ext = sniff_scan(upload)
        except ValidationError as e:
            errors += [f"Tệp “{_upload_name(upload)}”: {m}" for m in e.messages]
            continue
        digest = hashlib.sha256()
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            digest.update(chunk)
        upload.seek(0)
        checked.append((upload, content_type, ext, digest.hexdigest()))
    if errors:
        raise ValidationError({"file": errors})
    made, stored = [], []
    try:
        for upload, content_type, ext, digest in checked:
            name = _upload_name(upload, ext)
            att = Attachment(dossier=d, line=line, kind=kind, name=name, content_type=content_type, size=upload.size,
                             sha256=digest, uploaded_by=acting_user)
            # Stored under a name of our own making: the uploader's name is kept for display only.
            att.file.save(f"{d.pk}-{digest[:16]}{ext}", upload, save=False)
            stored.append(att.file.name)
            att.save()
            made.append(att)
        names = ", ".join(a.name for a in made)
        _event(d, acting_user, "attachment_add", d.status, d.status,
               document={"code": kind, "label": f"{DocumentKind(kind).label}: {names}"},
               **({"files": len(made)} if len(made) > 1 else {}))
    except Exception:
        # Nothing of the batch stays: the rows roll back with the transaction, the files written go here.
        for name in stored:
            Attachment._meta.get_field("file").storage.delete(name)
        raise
    return made


@one_step
def attachment_remove(*, acting_user, attachment: Attachment) -> None:
    d = _editable(acting_user, attachment.dossier)
    label = f"{attachment.get_kind_display()}: {attachment.name}"
    stored = attachment.file.name
    Attachment.objects.filter(pk=attachment.pk, dossier=d).delete()
    _event(d, acting_user, "attachment_remove", d.status, d.status, document={"code": attachment.kind, "label": label})
    storage = attachment.file.storage
    transaction.on_commit(lambda: storage.delete(stored))


# --- the checklist ---------------------------------------------------------------------------

def _require_checklist(dossier, lines=None):
    missing = [i for i in checklist(dossier, lines) if not i.ok]
    if missing:
        raise ValidationError([f"{i.label}" + (f" — {i.detail}" if i.detail else "") for i in missing], code="checklist")


# --- the steps ----------------------------------------------------------------------------------

@one_step
def dossier_submit(*, acting_user, dossier: Dossier) -> Dossier:
    d = _lock(dossier)
    check(acting_user, d, "submit")
    lines = appraise_dossier(d)
    _require_checklist(d, lines)
    if d.status == Status.RETURNED:
        _pause_end(d, PauseStage.RETURNED)
    d.round += 1
    d.submitted_at = timezone.now()
    verb = "resubmit" if d.status == Status.RETURNED else "submit"
    _move(d, acting_user, verb, Status.SUBMITTED, lines=len(lines))
    if d.kind == Kind.REGULAR:
        # The authority's plan of that year asks for the year-end dossiers: its milestone is done for the unit.
        from plans.actions import dossier_sent

        dossier_sent(acting_user=acting_user, unit=d.unit, authority=d.authority, year=d.year, at=d.submitted_at,
                     note=f"Gửi hồ sơ {d.code}: {d.title}")
    _notify_later(users_at(d.authority, Duty.RECEIVE), f"Hồ sơ mới: {d.title}",
                  f"{d.unit.name} gửi hồ sơ đề nghị khen thưởng ({len(lines)} dòng) — lần {d.round}.", d, "#assign")
    return d


@one_step
def dossier_withdraw(*, acting_user, dossier: Dossier, reason: str) -> Dossier:
    d = _lock(dossier)
    check(acting_user, d, "withdraw")
    _move(d, acting_user, "withdraw", Status.DRAFT, _reason(reason))
    return d


@one_step
def dossier_abandon(*, acting_user, dossier: Dossier, reason: str) -> Dossier:
    """The unit gives up a dossier it has not sent (or that came back to it): it stays on record, read-only, with
    the reason, and its nominations are free to be proposed again in another dossier."""
    d = _lock(dossier)
    check(acting_user, d, "abandon")
    _move(d, acting_user, "abandon", Status.WITHDRAWN, _reason(reason))
    return d


@one_step
def dossier_receive(*, acting_user, dossier: Dossier, assignee=None) -> Dossier:
    d = _lock(dossier)
    check(acting_user, d, "receive")
    assignee = assignee or acting_user
    if not has_duty(assignee, d.authority, Duty.APPRAISE):
        raise ValidationError({"assignee": f"{assignee.get_full_name() or assignee.username} không có nhiệm vụ thẩm định tại {d.authority.name}."})
    d.assignee = assignee
    _pause_end(d, PauseStage.RETURNED)
    returned = (d.pauses.filter(stage=PauseStage.RETURNED, start__gte=d.received_on).order_by("-start", "-id").first()
                if d.received_on else None)
    # The clock starts from the complete dossier; after a return it starts again, unless the rule of the day of the
    # return only paused it (dossier_clock_pauses "returned": restart or pause).
    if not (returned is not None and returned.effect == "pause"):
        d.received_on = today()
    _due_again(d)
    _move(d, acting_user, "receive", Status.APPRAISING, assignee=_ref_user(assignee),
          due_on={"code": d.due_on.isoformat() if d.due_on else None, "label": f"{d.due_on:%d/%m/%Y}" if d.due_on else ""})
    _notify_later(users_at(d.unit, Duty.SUBMIT), f"Hồ sơ đã được tiếp nhận: {d.title}",
                  f"{d.authority.name} đã tiếp nhận hồ sơ" + (f"; hạn giải quyết {d.due_on:%d/%m/%Y}." if d.due_on else "."), d, "#stepper")
    return d


def _ref_user(user):
    return {"code": user.username, "label": user.get_full_name() or user.username}


@one_step
def dossier_assign(*, acting_user, dossier: Dossier, assignee) -> Dossier:
    d = _lock(dossier)
    check(acting_user, d, "assign")
    if not has_duty(assignee, d.authority, Duty.APPRAISE):
        raise ValidationError({"assignee": f"{assignee.get_full_name() or assignee.username} không có nhiệm vụ thẩm định tại {d.authority.name}."})
    before = d.assignee
    d.assignee = assignee
    d.save()
    _event(d, acting_user, "assign", d.status, d.status, assignee=_ref_user(assignee),
           previous=_ref_user(before) if before else None)
    _notify_later([assignee], f"Được giao thẩm định: {d.title}", f"Hồ sơ của {d.unit.name}.", d, "#check-h")
    return d


@one_step
def dossier_return(*, acting_user, dossier: Dossier, reason: str) -> Dossier:
    d = _lock(dossier)
    check(acting_user, d, "return")
    text = _reason(reason, "lý do trả lại hồ sơ")
    d.due_on = None  # stopped while the unit completes it (dossier_clock_pauses "returned")
    _pause_begin(d, PauseStage.RETURNED, today())
    _move(d, acting_user, "return", Status.RETURNED, text)
    _notify_later(users_at(d.unit, Duty.SUBMIT), f"Hồ sơ bị trả lại: {d.title}", f"Lý do: {text}", d, "#return-reason")
    return d


def needs_disclosure(lines) -> bool:
    wanted = set(parameter_on("disclosure_awards", today(), []) or [])
    return any(ln.award_type.code in wanted for ln in lines)


@one_step
def dossier_appraise(*, acting_user, dossier: Dossier, note: str = "", disclose: bool = False) -> Dossier:
    """The appraisal passes: on to public disclosure (when a line's award needs it, or the office chooses),
    the council, or straight to the decision (simplified procedure)."""
    d = _lock(dossier)
    check(acting_user, d, "appraise")
    lines = appraise_dossier(d)
    _require_checklist(d, lines)
    above = granted_above(d.authority)
    here = [ln for ln in lines if not forwardable(ln, above)]
    if disclose or needs_disclosure(here):
        days = int(parameter_on("disclosure_days", today(), 10) or 0)
        d.disclosure_from = today()
        d.disclosure_until = add_working_days(d.disclosure_from, max(days - 1, 0), _holidays())
        # Public disclosure stops the clock (dossier_clock_pauses): its days are added to the due date now.
        if _pause_begin(d, PauseStage.DISCLOSURE, d.disclosure_from, end=d.disclosure_until):
            _due_again(d)
        target = Status.DISCLOSURE
    else:
        target = _after_disclosure(d, lines)
    _move(d, acting_user, "appraise", target, clean_text(note or "", multiline=True).strip(),
          disclosure_until={"code": d.disclosure_until.isoformat(), "label": f"{d.disclosure_until:%d/%m/%Y}"} if target == Status.DISCLOSURE else None)
    return d


def _after_disclosure(d, lines):
    """Where the appraised (and disclosed) dossier goes: to its council, or straight to the decision when the
    simplified procedure skips the council or nothing is left for it to vote. What goes up to the level above is
    voted by this level's council first where the rulebook says so (``council_reviews_upward``: the minutes list
    it); elsewhere, and under the simplified procedure, it needs no vote here (Outcome.NO_VOTE) and goes up as is."""
    if d.simplified:
        no_vote = list(lines)
    elif council_reviews_upward(d.authority, today()):
        no_vote = []
    else:
        above = granted_above(d.authority)
        no_vote = [ln for ln in lines if forwardable(ln, above)]
    Line.objects.filter(pk__in=[ln.pk for ln in no_vote]).update(outcome=Outcome.NO_VOTE)
    return Status.COUNCIL if len(no_vote) < len(lines) else Status.DECISION


@one_step
def disclosure_close(*, acting_user, dossier: Dossier) -> Dossier:
    d = _lock(dossier)
    check(acting_user, d, "close_disclosure")
    if d.disclosure_until and today() <= d.disclosure_until:
        raise ValidationError(f"Chưa hết thời gian công khai (đến hết ngày {d.disclosure_until:%d/%m/%Y}).")
    waiting = Comment.objects.filter(line__dossier=d, answer="", spam_at__isnull=True).count()
    if waiting:
        raise ValidationError(f"Còn {waiting} góp ý chưa được trả lời: cần trả lời trước khi trình Hội đồng.")
    _comments_wait(d)
    lines = list(d.lines.filter(outcome=Outcome.PROPOSED).select_related("award_type"))
    _move(d, acting_user, "close_disclosure", _after_disclosure(d, lines))
    return d


def _comment_limits(dossier, client_address):
    from throttle.limits import configured

    return [configured("TDKT_THROTTLE_COMMENTS_PER_ADDRESS", "comment-address", client_address) if client_address else None,
            configured("TDKT_THROTTLE_COMMENTS_PER_DISCLOSURE", "comment-disclosure", dossier.pk)]


COMMENT_REFUSALS = {
    "comment-address": "Bạn đã gửi nhiều góp ý trong thời gian ngắn. Hãy thử lại sau {wait}.",
    "comment-disclosure": "Danh sách này đang nhận quá nhiều góp ý cùng lúc. Hãy thử lại sau {wait}.",
}


@one_step
def comment_add(*, line: Line, name: str, contact: str, text: str, client_address: str | None = None) -> Comment:
    """Anyone (no account needed) comments on a line published for disclosure.

    Counted against the limits of the public forms (``TDKT_THROTTLE_COMMENTS_PER_ADDRESS`` for
    ``client_address``, ``TDKT_THROTTLE_COMMENTS_PER_DISCLOSURE`` for the list): past them
    ``throttle.actions.Throttled`` is raised and nothing is written. The office's officers are told
    by one notification per list that counts the comments while they have not read it."""
    from throttle import actions as throttle

    d = Dossier.objects.select_for_update().get(pk=line.dossier_id)
    if d.status != Status.DISCLOSURE or (d.disclosure_until and today() > d.disclosure_until):
        raise ValidationError("Danh sách này không còn trong thời gian công khai.")
    errors = {}
    values = {"name": clean_text(name or "").strip(), "contact": clean_text(contact or "").strip(),
              "text": clean_text(text or "", multiline=True).strip()}
    for field, label in (("name", "họ và tên"), ("contact", "số điện thoại hoặc thư điện tử"), ("text", "nội dung góp ý")):
        if not values[field]:
            errors[field] = f"Cần ghi {label}."
    if len(values["text"]) > 5000:
        errors["text"] = "Nội dung góp ý tối đa 5.000 ký tự."
    if errors:
        raise ValidationError(errors)
    verdict = throttle.hit_all(_comment_limits(d, client_address))
    if not verdict:
        raise throttle.Throttled(verdict, COMMENT_REFUSALS[verdict.scope].format(wait=verdict.wait))
    c = Comment.objects.create(line=line, **values)
    _event(d, None, "comment", d.status, d.status, line={"code": line.recipient.code, "award": line.award_type.code,
                                                           "label": f"{line.award_type.name} — {line.recipient_name}"})
    _digest_later(users_at(d.authority, Duty.APPRAISE), d, f"{{n}} ý kiến mới về danh sách công khai “{d.title}”",
                  f"Mới nhất: góp ý về {line.recipient_name} ({line.award_type.name}).")
    return c


def _digest_later(users, dossier, title, body):
    from notifications.notify import notify_digest

    url = reverse("dossiers:detail", args=[dossier.pk]) + "#comments"
    users, key = list(users), f"dossier-comments:{dossier.pk}"
    transaction.on_commit(lambda: notify_digest(users, key, title, body, url))


@one_step
def comments_mark_spam(*, acting_user, dossier: Dossier, comment_ids, spam: bool = True) -> int:
    """The office marks comments of a list on disclosure as spam (thư rác) — hidden from the public page,
    no answer needed before the council — or, with ``spam=False``, puts them back. One event for the lot."""
    d = _lock(dossier)
    if not has_duty(acting_user, d.authority, Duty.APPRAISE):
        raise PermissionDenied("Bạn không có quyền đánh dấu thư rác cho góp ý của hồ sơ này.")
    if d.status != Status.DISCLOSURE:
        raise ValidationError("Chỉ đánh dấu thư rác khi danh sách đang công khai.")
    ids = {int(i) for i in comment_ids}
    if not ids:
        raise ValidationError("Chọn ít nhất một góp ý.")
    comments = list(Comment.objects.select_for_update().filter(line__dossier=d, pk__in=ids, spam_at__isnull=spam))
    if not comments:
        raise ValidationError("Các góp ý đã chọn đã được đánh dấu như vậy (có thể người khác vừa xử lý; hãy tải lại trang).")
    now = timezone.now()
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(spam_at=now if spam else None,
                                                                   spam_by=acting_user if spam else None)
    _event(d, acting_user, "comment_spam" if spam else "comment_unspam", d.status, d.status,
           comments={"code": sorted(c.pk for c in comments), "label": f"{len(comments)} góp ý"})
    return len(comments)


@one_step
def comment_answer(*, acting_user, comment: Comment, answer: str, expected: dict | None = None) -> Comment:
    """``expected`` ({"answer": the answer the page showed}): an answer someone else gave meanwhile is not
    overwritten; this one is refused, naming who answered and when (core.stale)."""
    d = _lock(comment.line.dossier)
    if not has_duty(acting_user, d.authority, Duty.APPRAISE):
        raise PermissionDenied("Bạn không có quyền trả lời góp ý của hồ sơ này.")
    c = Comment.objects.select_for_update().get(pk=comment.pk)
    answer = _reason(answer, "nội dung trả lời")
    guard(c, {"answer": answer}, expected, what="Góp ý này",
          changed_by=lambda labels: ((c.answered_by.display_name if c.answered_by else None), c.answered_at))
    c.answer = answer
    c.answered_by, c.answered_at = acting_user, timezone.now()
    c.save()
    _event(d, acting_user, "comment_answer", d.status, d.status)
    return c


# The documents of the dossier itself that go up with what it forwards (the level above's checklist asks for them):
# the proposal and the minutes it came with. Each forwarded line takes all of its own (its achievement report …).
FORWARDED_DOCUMENTS = (DocumentKind.PROPOSAL, DocumentKind.MINUTES)


def _forward_refusal(d) -> str:
    """Why the dossier may not go up yet (it has not reached the council's result), in the user's words."""
    if d.simplified:
        return ("Hồ sơ theo thủ tục đơn giản được chuyển cấp trên sau khi thẩm định xong: hãy thẩm định hồ sơ trước.")
    if council_reviews_upward(d.authority, today()):
        return (f"Các dòng đề nghị cấp trên khen thưởng phải được Hội đồng Thi đua - Khen thưởng {d.authority.name} xét "
                "trước (biên bản họp ghi các dòng này): hãy trình Hội đồng, rồi chuyển cấp trên khi đã có kết quả họp.")
    return (f"Hồ sơ được chuyển cấp trên sau khi có kết quả họp Hội đồng Thi đua - Khen thưởng {d.authority.name} về các "
            "dòng thuộc thẩm quyền của cấp này.")


def _copy_attachments(attachments, up, line_of, stored) -> list[Attachment]:
    """Copies of ``attachments`` in ``up`` (each on ``line_of[its line]``, or on none): files of their own, so that
    removing one dossier's file never breaks another's. ``stored`` collects the names written."""
    import os

    from django.core.files.base import ContentFile

    made = []
    for att in attachments:
        with att.file.open("rb") as f:
            content = f.read()
        ext = os.path.splitext(att.file.name)[1]
        copy = Attachment(dossier=up, line=line_of.get(att.line_id), kind=att.kind, name=att.name,
                          content_type=att.content_type, size=att.size, sha256=att.sha256, uploaded_by=att.uploaded_by)
        copy.file.save(f"{up.pk}-{att.sha256[:16]}{ext}", ContentFile(content), save=False)
        stored.append(copy.file.name)
        copy.save()
        made.append(copy)
    return made


@one_step
def dossier_forward(*, acting_user, dossier: Dossier) -> list[Dossier]:
    """Send up, in one consolidated dossier per level above, the lines this level may not grant itself, once its
    council has voted them (or they need no vote here: ``lines_to_forward``).

    The new dossiers start as drafts of this level, with copies of what the level above's checklist asks for: each
    line's own documents (its achievement report …) and the proposal and minutes the dossier came with; the lines
    keep a link to the lines they came from, so the unit that asked sees where they went."""
    d = _lock(dossier)
    if d.status in (Status.APPRAISING, Status.DISCLOSURE, Status.COUNCIL) and may(acting_user, d, "forward"):
        raise StepRefused(_forward_refusal(d))
    check(acting_user, d, "forward")
    above = granted_above(d.authority)
    lines = lines_to_forward(d, above)
    if not lines:
        failed = [ln for ln in d.lines.filter(outcome=Outcome.FAILED).select_related("award_type") if forwardable(ln, above)]
        if failed:
            raise ValidationError(f"Hội đồng Thi đua - Khen thưởng {d.authority.name} không thông qua các dòng đề nghị cấp "
                                  "trên khen thưởng: không có dòng nào để chuyển lên cấp trên.")
        raise ValidationError("Không có dòng nào vượt thẩm quyền của cấp này để chuyển lên cấp trên.")
    by_target = {}
    for ln in lines:
        by_target.setdefault(above[ln.award_type_id], []).append(ln)
    own = list(d.attachments.filter(line__isnull=True, kind__in=FORWARDED_DOCUMENTS).order_by("kind", "id"))
    made, stored = [], []
    try:
        for target, group in by_target.items():
            up = Dossier.objects.create(unit=d.authority, authority=target, year=d.year, kind=d.kind, simplified=d.simplified,
                                        title=f"Đề nghị {target.name} khen thưởng năm {d.year} (tổng hợp từ {d.unit.name})",
                                        forwarded_from=d, created_by=acting_user)
            new_lines = Line.objects.bulk_create([
                Line(dossier=up, position=i, person=ln.person, unit=ln.unit, award_type=ln.award_type,
                     recipient_kind=ln.recipient_kind, summary=ln.summary, justification=ln.justification,
                     achievement=ln.achievement, source="forwarded", origin=ln)
                for i, ln in enumerate(group, start=1)])
            line_of = {ln.pk: new for ln, new in zip(group, new_lines)}
            theirs = Attachment.objects.filter(line_id__in=list(line_of)).order_by("line_id", "kind", "id")
            copies = _copy_attachments([*own, *theirs], up, line_of, stored)
            kinds = {}
            for c in copies:
                kinds[c.get_kind_display().lower()] = kinds.get(c.get_kind_display().lower(), 0) + 1
            _event(up, acting_user, "create", "", Status.DRAFT, forwarded_from={"code": d.code, "label": d.title},
                   count=len(group), document={"code": len(copies), "label": f"kèm {len(copies)} tài liệu của hồ sơ {d.code}"
                                               + (" (" + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")" if kinds else "")})
            appraise_dossier(up)
            made.append(up)
    except Exception:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    Line.objects.filter(pk__in=[ln.pk for ln in lines]).update(outcome=Outcome.FORWARDED)
    _event(d, acting_user, "forward", d.status, d.status, count=len(lines),
           to=[{"code": u.code, "label": u.authority.name} for u in made])
    waiting = d.lines.filter(outcome__in=[Outcome.PROPOSED, Outcome.PASSED, Outcome.NO_VOTE])
    if d.status == Status.DECISION and not waiting.exists():
        _move(d, acting_user, "forward_all", Status.FORWARDED)
    return made


@one_step
def dossier_council_result(*, acting_user, dossier: Dossier, meeting) -> Dossier:
    """The council's ballot on the dossier's lines is closed: the dossier waits for the decision."""
    d = _lock(dossier)
    check(acting_user, d, "council_result")
    lines = d.lines.filter(tallies__meeting=meeting)
    passed = lines.filter(outcome=Outcome.PASSED).count()
    failed = lines.filter(outcome=Outcome.FAILED).count()
    _move(d, acting_user, "council_result", Status.DECISION, meeting={"code": meeting.pk, "label": str(meeting)},
          passed={"code": passed, "label": f"{passed} dòng được thông qua"},
          failed={"code": failed, "label": f"{failed} dòng không được thông qua"})
    _notify_later(users_at(d.unit, Duty.SUBMIT), f"Kết quả họp Hội đồng: {d.title}",
                  f"{passed} dòng được thông qua, {failed} dòng không được thông qua.", d, "#lines")
    _notify_later(users_at(d.authority, Duty.SIGN), f"Chờ ký quyết định khen thưởng: {d.title}",
                  f"Hội đồng đã thông qua {passed} dòng.", d,
                  url=reverse("dossiers:decide") + f"?authority={d.authority_id}")
    return d


@one_step
def dossier_decide(*, acting_user, dossier: Dossier, decision) -> Dossier:
    """The decision is issued: the dossier is done. Lines not in it (failed at the council) stay as they are."""
    d = _lock(dossier)
    check(acting_user, d, "decide")
    awarded = d.lines.filter(outcome=Outcome.AWARDED).count()
    _move(d, acting_user, "decide", Status.DECIDED, decision={"code": decision.pk, "label": str(decision)},
          count=awarded)
    _notify_later(users_at(d.unit, Duty.SUBMIT), f"Đã có quyết định khen thưởng: {d.title}",
                  f"{decision} khen thưởng {awarded} cá nhân, tập thể của hồ sơ.", d,
                  url=reverse("decisions:detail", args=[decision.pk]) + "#files")
    return d


OVERDUE_REPEAT_DAYS = 7


def overdue_notify(day: date | None = None) -> int:
    """Tell the office and the head of each authority about the dossiers past their due date: on the first
    morning past it, then once a week while it stays open. Returns how many dossiers were flagged."""
    from notifications.notify import notify_users

    from .selectors import overdue_q

    day = day or today()
    # The law's clock (dossiers.clock): a dossier whose clock stands still is not late for it.
    due = (Dossier.objects.filter(overdue_q(day)).select_related("authority", "unit")
           .exclude(overdue_notified_on__gt=day - timedelta(days=OVERDUE_REPEAT_DAYS)))
    count = 0
    for d in due:
        with transaction.atomic():
            users = users_at(d.authority, Duty.RECEIVE) + users_at(d.authority, Duty.SIGN)
            notify_users(users, f"Hồ sơ quá hạn giải quyết: {d.title}",
                         f"{d.unit.name} — hạn {d.due_on:%d/%m/%Y}; trạng thái: {Status(d.status).label}.",
                         reverse("dossiers:detail", args=[d.pk]) + "#stepper")
            Dossier.objects.filter(pk=d.pk).update(overdue_notified_on=day)
        count += 1
    return count


# --- the central level: state awards and honorary titles ---------------------------------------

@one_step
def dossier_submit_central(*, acting_user, dossier: Dossier, number: str, date, addressee: str = "") -> CentralSubmission:
    """The province's office records that it submitted the state-award lines its council passed to the central
    level (outside the application): the tờ trình's number and date. This level's own lines must be decided first."""
    from .selectors import central_lines

    d = _lock(dossier)
    check(acting_user, d, "submit_central")
    lines = central_lines(d)
    errors = {}
    number = clean_text(number or "").strip()
    if not number:
        errors["number"] = "Nhập số tờ trình."
    if date is None:
        errors["date"] = "Nhập ngày tờ trình."
    elif date > today():
        errors["date"] = "Ngày tờ trình không được sau hôm nay."
    if not lines:
        errors["__all__"] = "Không có dòng khen thưởng cấp Nhà nước nào được Hội đồng thông qua để trình cấp Trung ương."
    own = d.lines.filter(outcome__in=[Outcome.PASSED, Outcome.NO_VOTE]).exclude(pk__in=[ln.pk for ln in lines])
    if d.status == Status.DECISION and own.exists():
        errors["__all__"] = (f"Còn {own.count()} dòng thuộc thẩm quyền của {d.authority.name} chờ quyết định: "
                             "hãy ban hành quyết định cho các dòng đó trước, rồi trình cấp Trung ương phần còn lại.")
    if errors:
        raise ValidationError(errors)
    submission = CentralSubmission.objects.create(
        dossier=d, number=number, date=date, submitted_by=acting_user,
        addressee=clean_text(addressee or "").strip() or "Thủ tướng Chính phủ (qua Ban Thi đua - Khen thưởng Trung ương, Bộ Nội vụ)")
    Line.objects.filter(pk__in=[ln.pk for ln in lines]).update(outcome=Outcome.SENT_CENTRAL, submission=submission)
    _move(d, acting_user, "submit_central", Status.CENTRAL, submission={"code": submission.number, "label": str(submission)},
          count=len(lines), lines=[{"code": ln.recipient.code, "award": ln.award_type.code,
                                    "label": f"{ln.award_type.name} — {ln.recipient_name}"} for ln in lines[:50]])
    return submission


@one_step
def dossier_central_result(*, acting_user, dossier: Dossier, submission, number: str, date, issuer: str,
                           awarded_line_ids) -> list:
    """The central level's decision on a submission: its number, date and who decided; the lines it awards enter
    the history at once (with that decision), the others are recorded as not awarded."""
    from decisions.actions import Wanted, awards_held, awards_write

    d = _lock(dossier)
    check(acting_user, d, "central_result")
    sub = d.central_submissions.select_for_update().get(pk=submission.pk)
    errors = {}
    number, issuer = clean_text(number or "").strip(), clean_text(issuer or "").strip()
    if not number:
        errors["number"] = "Nhập số quyết định của cấp Trung ương."
    if date is None:
        errors["date"] = "Nhập ngày quyết định."
    elif date < sub.date:
        errors["date"] = f"Ngày quyết định phải từ ngày tờ trình ({sub.date:%d/%m/%Y})."
    elif date > today():
        errors["date"] = "Ngày quyết định không được sau hôm nay."
    if not issuer:
        errors["issuer"] = "Ghi người quyết định (ví dụ: Chủ tịch nước, Thủ tướng Chính phủ)."
    if sub.outcome_at:
        errors["__all__"] = f"Kết quả của {sub} đã được ghi ngày {sub.outcome_date:%d/%m/%Y}."
    if errors:
        raise ValidationError(errors)
    lines = list(sub.lines.filter(outcome=Outcome.SENT_CENTRAL).select_related("person", "unit", "award_type"))
    chosen = {int(i) for i in awarded_line_ids}
    awarded = [ln for ln in lines if ln.pk in chosen]
    reference = f"{number} ngày {date:%d/%m/%Y} của {issuer}"
    wanted = [Wanted(award_type=ln.award_type, year=d.year, person=ln.person, unit=ln.unit, decision_number=number,
                     decision_date=date, occasion=d.occasion, achievement=ln.achievement, extra={"nomination": ln})
              for ln in awarded]
    held = awards_held(wanted)
    if held:
        raise ValidationError({"__all__": [f"{w.recipient} đã có {w.award_type.name} năm {d.year}" for w in wanted if w.key in held][:20]})
    awards_write(wanted, {}, acting_user=acting_user, source="central", note=f"Quyết định số {reference}")
    Line.objects.filter(pk__in=[ln.pk for ln in awarded]).update(outcome=Outcome.AWARDED)
    Line.objects.filter(pk__in=[ln.pk for ln in lines if ln.pk not in chosen]).update(outcome=Outcome.NOT_AWARDED)
    sub.outcome_number, sub.outcome_date, sub.outcome_issuer = number, date, issuer
    sub.outcome_by, sub.outcome_at = acting_user, timezone.now()
    sub.save()
    _move(d, acting_user, "central_result", Status.DECIDED, decision={"code": number, "label": reference},
          awarded=len(awarded), not_awarded=len(lines) - len(awarded))
    return awarded
