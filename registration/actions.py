"""Every write of registration: a unit's lines and their sending, the closing after the
deadline, the reopening by the standing office.

Keyword-only, ``acting_user`` first, one transaction, an event each.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.recording import last_change, record
from core.dates import VN_TZ
from core.stale import guard
from notifications.notify import notify_unit
from org.duties import Duty, require
from org.models import Unit
from plans.models import Completion, Plan, PlanStatus
from plans.selectors import registration_deadline, registration_units

from .models import Registration, RegistrationEvent, RegistrationLine, RegistrationStatus

_ONE_DAY = timedelta(days=1)


def _day(value: date) -> dict:
    return {"code": value.isoformat(), "label": f"{value:%d/%m/%Y}"}


def registration_event(*, acting_user, registration: Registration, verb: str, from_status: str, reason="",
                       data=None, at=None) -> RegistrationEvent:
    """One step of the registration's timeline, written by the action that takes it (in its transaction)."""
    return RegistrationEvent.objects.create(
        registration=registration, actor=acting_user if getattr(acting_user, "pk", None) else None, verb=verb,
        from_status=from_status, to_status=registration.status, reason=reason, data=data or {},
        **({"at": at} if at is not None else {}))


def registration_is_open(registration: Registration, now=None) -> bool:
    """Before the plan's registration deadline (the end of its day, Hà Nội time), or
    until the end of the day the standing office reopened it to."""
    now = now or timezone.now()
    if registration.status == RegistrationStatus.NO_NEED:
        return False
    if registration.reopened_until:
        # Reopened: open to the end of that day, also after the unit has sent it again.
        # Compared as days (no "day after" arithmetic: a far date stored earlier cannot overflow).
        if timezone.localtime(now, VN_TZ).date() <= registration.reopened_until:
            return True
        if registration.status == RegistrationStatus.REOPENED:
            return False
    m = registration_deadline(registration.plan)
    return m is None or now < m.deadline


def registration_for(plan: Plan, unit: Unit) -> Registration:
    reg, _ = Registration.objects.get_or_create(plan=plan, unit=unit)
    return reg


def _check_line(unit, award_type, person, subject_unit):
    if person is not None:
        if "individual" not in award_type.recipient_kinds:
            return f"{award_type.name} không tặng cho cá nhân."
        if not person.unit.path.startswith(unit.path):
            return f"{person.full_name} không thuộc {unit.name}."
    else:
        if "collective" not in award_type.recipient_kinds:
            return f"{award_type.name} không tặng cho tập thể."
        if not subject_unit.path.startswith(unit.path):
            return f"{subject_unit.name} không thuộc {unit.name}."
    return None


def _line_label(award, person, subject_unit):
    """"Nguyễn Văn An (Giáo viên) — Lao động tiên tiến": who and what, as the history shows it."""
    title = award.local_name or award.name
    if person is not None:
        who = f"{person.full_name} ({person.position})" if person.position else person.full_name
    else:
        who = subject_unit.name
    return f"{who} — {title}"


def _listed(labels, limit=40):
    labels = sorted(labels)
    text = "; ".join(labels[:limit])
    if len(labels) > limit:
        text += f"; … và {len(labels) - limit} lượt khác"
    return text


@transaction.atomic
def registration_save(*, acting_user, plan: Plan, unit: Unit, lines: list[tuple], note="", submit=False, now=None,
                      only_people=None, only_units=None, expected: dict | None = None) -> Registration:
    """Replace the unit's registration lines: [(AwardType, Person|None, Unit|None)]; optionally send it.

    ``only_people`` (a set of person ids): the lines given are those of these people and of
    the collectives; other people's lines are kept as they are (a screen that shows the
    people a page at a time saves one page without dropping the others). ``only_units``
    does the same for the collectives (with ``only_people``).

    ``expected`` (the screen: {"lines": the (award id, person id, unit id) ticked when the page was loaded,
    "note": the note then}): only what this editor ticked or unticked changes, so lines someone else added
    or removed meanwhile stay as they are; a note both changed is refused (core.stale)."""
    require(acting_user, unit, Duty.REGISTER, "Bạn chỉ đăng ký thi đua cho đơn vị của mình.")
    if plan.status != PlanStatus.PUBLISHED:
        raise ValidationError("Kế hoạch chưa ban hành.")
    if not unit.path.startswith(plan.unit.path) or unit.pk == plan.unit_id:
        raise ValidationError(f"{unit.name} không thuộc phạm vi kế hoạch của {plan.unit.name}.")
    reg = registration_for(plan, unit)
    reg = Registration.objects.select_for_update().get(pk=reg.pk)
    if not registration_is_open(reg, now):
        m = registration_deadline(plan)
        raise ValidationError(f"Đã hết hạn đăng ký thi đua ({m.due_on:%d/%m/%Y})." if m else "Đăng ký đã đóng.")
    expected = expected or {}
    note = guard(reg, {"note": note}, {"note": expected["note"]} if "note" in expected else None,
                 what="Bản đăng ký này", changed_by=lambda labels: last_change(reg, labels))["note"]
    errors = [e for e in (_check_line(unit, a, p, u) for a, p, u in lines) if e]
    seen = set()
    for a, p, u in lines:
        key = (a.pk, p.pk if p else None, u.pk if u else None)
        if key in seen:
            errors.append(f"Đăng ký trùng: {a.name} — {(p or u)}.")
        if only_people is not None and p is not None and p.pk not in only_people:
            errors.append(f"{p.full_name} không có trong trang đang lưu.")
        if only_units is not None and u is not None and u.pk not in only_units:
            errors.append(f"{u.name} không có trong trang đang lưu.")
        seen.add(key)
    if errors:
        raise ValidationError(errors)
    replaced = reg.lines.all()
    if only_people is not None:
        units_q = Q(unit_id__in=only_units) if only_units is not None else Q(person__isnull=True)
        replaced = replaced.filter(units_q | Q(person_id__in=only_people))
    before = {(x.award_type_id, x.person_id, x.unit_id): x
              for x in replaced.select_related("award_type", "person", "unit")}
    after = {(a.pk, p.pk if p else None, u.pk if u else None): (a, p, u) for a, p, u in lines}
    n_before = reg.lines.count()
    wanted = set(after)
    if "lines" in expected:
        # What this editor ticked and unticked since the page was loaded, over the lines as they are now.
        seen = set(expected["lines"])
        wanted = (set(before) - (seen - set(after))) | (set(after) - seen)
    removed = [k for k in before if k not in wanted]
    added = [k for k in after if k in wanted and k not in before]
    if removed:
        RegistrationLine.objects.filter(pk__in=[before[k].pk for k in removed]).delete()
    RegistrationLine.objects.bulk_create([RegistrationLine(registration=reg, award_type=a, person=p, unit=u)
                                          for a, p, u in (after[k] for k in added)])
    n_after = n_before - len(removed) + len(added)
    changes = {}
    if added:
        changes["Đăng ký thêm"] = ["", _listed(_line_label(*after[k]) for k in added)]
    if removed:
        changes["Bỏ đăng ký"] = ["", _listed(_line_label(before[k].award_type, before[k].person, before[k].unit) for k in removed)]
    if n_before != n_after:
        changes["Số lượt đăng ký"] = [str(n_before), str(n_after)]
    if reg.note != note:
        changes["Ghi chú"] = [reg.note, note]
    reg.note = note
    from_status = reg.status
    if submit:
        if not n_after:
            raise ValidationError("Chưa đăng ký danh hiệu, hình thức nào.")
        reg.submitted_at = now or timezone.now()
        changes["Trạng thái"] = [reg.get_status_display(), RegistrationStatus.SUBMITTED.label]
        reg.status = RegistrationStatus.SUBMITTED
        m = registration_deadline(plan)
        if m is not None:
            Completion.objects.get_or_create(milestone=m, unit=unit, defaults={"done_at": reg.submitted_at, "by": acting_user})
    reg.save()
    record(actor=acting_user, verb="registration", target=reg, changes=changes,
           note="" if changes else "Lưu lại, không thay đổi")
    if submit or changes:
        registration_event(acting_user=acting_user, registration=reg, verb="submit" if submit else "save",
                           from_status=from_status, at=now,
                           data={"lines": {"code": n_after, "label": f"{n_after} lượt đăng ký"}})
    return reg


@transaction.atomic
def registrations_close(*, plan: Plan, now=None, acting_user=None) -> int:
    """After the deadline, units that did not register are recorded as having no need
    ("không có nhu cầu thi đua, khen thưởng năm N"), with the date."""
    m = registration_deadline(plan)
    now = now or timezone.now()
    if m is None or now < m.deadline or plan.status != PlanStatus.PUBLISHED:
        return 0
    n = 0
    for unit in registration_units(plan):
        reg = registration_for(plan, unit)
        if reg.status in (RegistrationStatus.DRAFT,) or (reg.status == RegistrationStatus.REOPENED and not registration_is_open(reg, now)):
            if reg.status == RegistrationStatus.REOPENED and reg.submitted_at:
                continue
            from_status = reg.status
            reg.status = RegistrationStatus.NO_NEED
            reg.closed_on = (reg.reopened_until or m.due_on) + _ONE_DAY
            reg.save(update_fields=["status", "closed_on"])
            record(actor=acting_user, verb="registration", target=reg,
                   changes={"Trạng thái": ["Chưa đăng ký", f"Không có nhu cầu thi đua, khen thưởng năm {plan.year}"]},
                   note=f"Hết hạn đăng ký {m.due_on:%d/%m/%Y}")
            last_day = reg.reopened_until if from_status == RegistrationStatus.REOPENED and reg.reopened_until else m.due_on
            registration_event(acting_user=acting_user, registration=reg, verb="close", from_status=from_status, at=now,
                               reason=f"Hết hạn đăng ký {last_day:%d/%m/%Y}",
                               data={"deadline": _day(last_day), "closed_on": _day(reg.closed_on)})
            n += 1
    return n


@transaction.atomic
def registration_reopen(*, acting_user, registration: Registration | None = None, plan: Plan | None = None,
                        unit: Unit | None = None, reason: str, until: date) -> Registration:
    """Reopen ``registration`` (or ``unit``'s under ``plan``, made here if it has none yet) until a day."""
    if registration is None:
        registration = registration_for(plan, unit)
    reg = Registration.objects.select_for_update().get(pk=registration.pk)
    require(acting_user, reg.plan.unit, Duty.STANDING_OFFICE)
    if not reason.strip():
        raise ValidationError({"reason": "Mở lại đăng ký phải có lý do bằng văn bản."})
    if until < timezone.localdate():
        raise ValidationError({"until": "Hạn đăng ký bổ sung phải từ hôm nay trở đi."})
    old, from_status = reg.get_status_display(), reg.status
    reg.status = RegistrationStatus.REOPENED
    reg.reopened_until = until
    reg.save(update_fields=["status", "reopened_until"])
    record(actor=acting_user, verb="reopen", target=reg, changes={"Trạng thái": [old, f"Mở lại đến hết {until:%d/%m/%Y}"]}, note=reason.strip())
    registration_event(acting_user=acting_user, registration=reg, verb="reopen", from_status=from_status,
                       reason=reason.strip(), data={"until": _day(until)})
    transaction.on_commit(lambda: notify_unit(reg.unit, f"Đăng ký thi đua năm {reg.plan.year} được mở lại",
                                              f"Được đăng ký bổ sung đến hết ngày {until:%d/%m/%Y}. Lý do: {reason.strip()}",
                                              f"/dang-ky/{reg.plan_id}/?unit={reg.unit_id}"))
    return reg
