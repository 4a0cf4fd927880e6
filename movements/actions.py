"""Every write of plans, milestones, movements, registration and reminders.

Keyword-only, ``acting_user`` first, one transaction, an event each.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.recording import record
from core.dates import VN_TZ, add_working_days
from org import duties
from org.duties import Duty
from org.models import ADMINISTRATIVE_KINDS, Unit

from .holidays import holiday_set

_ONE_DAY = timedelta(days=1)
from .models import (
    Completion, Milestone, MilestoneKind, Movement, MovementReview, MovementStatus, MovementTarget, Plan, PlanStatus,
    PlanTask, Registration, RegistrationLine, RegistrationStatus,
)


def _require(user, duty, unit, message="Bạn không có quyền thực hiện thao tác này tại đơn vị này."):
    if not duties.has_duty(user, unit, duty):
        raise PermissionDenied(message)


def _require_office(user, unit):
    _require(user, Duty.STANDING_OFFICE, unit, "Chỉ cơ quan thường trực của cấp này được thực hiện thao tác này.")


# --- plans --------------------------------------------------------------------

PLAN_FIELDS = ["year", "number", "issued_on", "issuer", "place", "title", "parent", "purposes", "requirements", "content",
               "recipients", "signer_title", "signer_name"]


def _check_plan(plan):
    errors = {}
    if plan.unit.kind not in ADMINISTRATIVE_KINDS and plan.unit.kind != "agency":
        errors["unit"] = "Kế hoạch thi đua được ban hành bởi một cấp hành chính hoặc một cơ quan."
    if plan.issued_on and not (plan.year - 1 <= plan.issued_on.year <= plan.year):
        errors["issued_on"] = f"Kế hoạch năm {plan.year} được ban hành trong năm {plan.year - 1} hoặc {plan.year}."
    if plan.parent_id:
        parent = plan.parent
        if parent.status != PlanStatus.PUBLISHED:
            errors["parent"] = "Chỉ thực hiện được kế hoạch đã ban hành của cấp trên."
        elif not plan.unit.path.startswith(parent.unit.path) or parent.unit_id == plan.unit_id:
            errors["parent"] = f"“{parent.title}” không phải kế hoạch của cấp trên của {plan.unit.name}."
        elif parent.year != plan.year:
            errors["parent"] = f"Kế hoạch cấp trên là của năm {parent.year}, không phải năm {plan.year}."
    if not plan.title.strip():
        errors["title"] = "Chưa nhập trích yếu."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_create(*, acting_user, unit: Unit, **fields) -> Plan:
    _require_office(acting_user, unit)
    fields.setdefault("title", f"Kế hoạch công tác thi đua, khen thưởng năm {fields.get('year')}")
    plan = Plan(unit=unit, **fields)
    _check_plan(plan)
    plan.save()
    record(actor=acting_user, verb="create", target=plan, changes={"Kế hoạch": ["", plan.title], "Số": ["", plan.number]})
    return plan


def _plan_changed(*, acting_user, plan: Plan, changes: dict, reason: str = ""):
    """Record a change of a plan. A published plan is a document the units below work
    from: changing it is a "sửa đổi, bổ sung" that needs a reason, is written in the
    plan's history as such and is sent to the units below with what changed."""
    if not changes:
        return
    if plan.status != PlanStatus.PUBLISHED:
        record(actor=acting_user, verb="update", target=plan, changes=changes)
        return
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Kế hoạch đã ban hành: nhập lý do sửa đổi, bổ sung (sẽ gửi tới các đơn vị trực thuộc)."})
    record(actor=acting_user, verb="amend", target=plan, changes=changes, note=reason)
    from .notify import notify_units_below

    lines = []
    for label, (old, new) in changes.items():
        if old and new:
            lines.append(f"- {label}: {old} → {new}")
        elif new:
            lines.append(f"- {label}: {new}")
        else:
            lines.append(f"- {label}: bỏ “{old}”")
    name = f"Kế hoạch số {plan.number}" if plan.number else plan.title
    body = f"Lý do: {reason}\nNội dung sửa đổi, bổ sung:\n" + "\n".join(lines)
    transaction.on_commit(lambda: notify_units_below(plan.unit, f"Sửa đổi, bổ sung {name}"[:300], body, f"/ke-hoach/{plan.pk}/"))


def _shown(value):
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


@transaction.atomic
def plan_update(*, acting_user, plan: Plan, reason: str = "", **fields) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_office(acting_user, plan.unit)
    changes = {}
    for k, v in fields.items():
        old = getattr(plan, k)
        if old != v:
            changes[str(Plan._meta.get_field(k).verbose_name).capitalize()] = [_shown(old), _shown(v)]
            setattr(plan, k, v)
    _check_plan(plan)
    for m in plan.milestones.all():
        if m.due_on.year not in (plan.year - 1, plan.year, plan.year + 1):
            raise ValidationError({"year": f"Mốc “{m.title}” ({m.due_on:%d/%m/%Y}) nằm ngoài năm của kế hoạch."})
        if plan.issued_on and m.due_on < plan.issued_on:
            raise ValidationError({"issued_on": f"Mốc “{m.title}” có hạn {m.due_on:%d/%m/%Y}, trước ngày ban hành "
                                                f"{plan.issued_on:%d/%m/%Y}: sửa hạn của mốc trước."})
    if changes:
        _plan_changed(acting_user=acting_user, plan=plan, changes=changes, reason=reason)
        plan.save()
    return plan


@transaction.atomic
def plan_publish(*, acting_user, plan: Plan) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_office(acting_user, plan.unit)
    errors = []
    if plan.status == PlanStatus.PUBLISHED:
        errors.append("Kế hoạch đã được ban hành.")
    if not plan.number:
        errors.append("Chưa có số, ký hiệu của kế hoạch.")
    if not plan.issued_on:
        errors.append("Chưa có ngày ban hành.")
    if not plan.milestones.exists():
        errors.append("Kế hoạch chưa có mốc tiến độ nào.")
    if plan.issued_on:
        for m in plan.milestones.filter(due_on__lt=plan.issued_on):
            errors.append(f"Mốc “{m.title}” có hạn {m.due_on:%d/%m/%Y}, trước ngày ban hành {plan.issued_on:%d/%m/%Y}.")
    if errors:
        raise ValidationError(errors)
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "published_at"])
    record(actor=acting_user, verb="publish", target=plan, changes={"Trạng thái": ["Dự thảo", "Đã ban hành"]})
    from .notify import notify_units_below

    transaction.on_commit(lambda: notify_units_below(plan.unit, f"Kế hoạch mới: {plan.title}",
                                                     f"{plan.citation}. Hạn các mốc tiến độ xem trong kế hoạch.",
                                                     f"/ke-hoach/{plan.pk}/"))
    return plan


def _task_text(task):
    """The task as its history shows it: every field an edit can change."""
    unit = f" [{task.unit.name}]" if task.unit_id and task.unit.name != task.responsible else ""
    return f"{task.responsible}{unit}: {task.content[:120]}"


@transaction.atomic
def plan_task_add(*, acting_user, plan: Plan, responsible: str, content: str, unit: Unit | None = None, reason="") -> PlanTask:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_office(acting_user, plan.unit)
    if not responsible.strip() or not content.strip():
        raise ValidationError({"content": "Nhập đơn vị thực hiện và nhiệm vụ."})
    task = PlanTask.objects.create(plan=plan, responsible=responsible.strip(), content=content.strip(), unit=unit,
                                   position=plan.tasks.count())
    _plan_changed(acting_user=acting_user, plan=plan, changes={"Nhiệm vụ": ["", _task_text(task)]}, reason=reason)
    return task


@transaction.atomic
def plan_task_update(*, acting_user, task: PlanTask, responsible: str, content: str, unit: Unit | None = None,
                     reason="") -> PlanTask:
    task = PlanTask.objects.select_for_update(of=("self",)).select_related("plan__unit").get(pk=task.pk)
    plan = task.plan
    _require_office(acting_user, plan.unit)
    if not responsible.strip() or not content.strip():
        raise ValidationError({"content": "Nhập đơn vị thực hiện và nhiệm vụ."})
    before = _task_text(task)
    task.responsible, task.content, task.unit = responsible.strip(), content.strip(), unit
    after = _task_text(task)
    if before != after:
        _plan_changed(acting_user=acting_user, plan=plan, changes={"Nhiệm vụ": [before, after]}, reason=reason)
    task.save()
    return task


@transaction.atomic
def plan_task_remove(*, acting_user, task: PlanTask, reason="") -> None:
    task = PlanTask.objects.select_for_update(of=("self",)).select_related("plan__unit").get(pk=task.pk)
    _require_office(acting_user, task.plan.unit)
    _plan_changed(acting_user=acting_user, plan=task.plan, changes={"Bỏ nhiệm vụ": ["", _task_text(task)]}, reason=reason)
    task.delete()


def _resolve_due(plan, due_on, relative_to, working_days_before):
    if relative_to is not None:
        if relative_to.plan_id != plan.pk:
            raise ValidationError({"relative_to": "Mốc tính từ phải thuộc cùng kế hoạch."})
        if not working_days_before:
            raise ValidationError({"working_days_before": "Nhập số ngày làm việc trước mốc đó."})
        return add_working_days(relative_to.due_on, -working_days_before, holiday_set())
    if due_on is None:
        raise ValidationError({"due_on": "Chưa nhập hạn."})
    return due_on


def _check_due(plan, due):
    if due.year not in (plan.year - 1, plan.year, plan.year + 1):
        raise ValidationError({"due_on": f"Hạn {due:%d/%m/%Y} nằm ngoài năm của kế hoạch ({plan.year})."})
    if plan.issued_on and due < plan.issued_on:
        raise ValidationError({"due_on": f"Hạn {due:%d/%m/%Y} trước ngày ban hành kế hoạch ({plan.issued_on:%d/%m/%Y}): "
                                         "các đơn vị không thể thực hiện một mốc đã qua khi nhận kế hoạch."})


def _milestone_text(m):
    """The milestone as its history shows it: every field an edit can change."""
    rel = f" ({m.working_days_before} ngày làm việc trước “{m.relative_to.title}”)" if m.relative_to_id else ""
    extra = "" if m.tracked else "; không theo dõi"
    note = f"; ghi chú: {m.note[:120]}" if m.note else ""
    return f"{m.title} ({m.get_kind_display().lower()}): hạn {m.due_on:%d/%m/%Y}{rel}{extra}{note}"


@transaction.atomic
def milestone_add(*, acting_user, plan: Plan, title: str, kind=MilestoneKind.OTHER, due_on: date | None = None,
                  relative_to: Milestone | None = None, working_days_before: int | None = None, tracked=True, note="",
                  reason="") -> Milestone:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _require_office(acting_user, plan.unit)
    due = _resolve_due(plan, due_on, relative_to, working_days_before)
    _check_due(plan, due)
    if kind == MilestoneKind.REGISTRATION and plan.milestones.filter(kind=MilestoneKind.REGISTRATION).exists():
        raise ValidationError({"kind": "Kế hoạch đã có hạn đăng ký thi đua."})
    m = Milestone.objects.create(plan=plan, title=title, kind=kind, due_on=due, relative_to=relative_to,
                                 working_days_before=working_days_before, tracked=tracked, note=note,
                                 position=plan.milestones.count())
    _plan_changed(acting_user=acting_user, plan=plan, changes={"Mốc tiến độ": ["", _milestone_text(m)]}, reason=reason)
    return m


def _recompute_dependents(milestone, holidays, seen=None):
    """Milestones computed from ``milestone`` ("N ngày làm việc trước …"), recomputed in
    turn: [(milestone, old due, new due)] of those whose date moved."""
    seen = seen or {milestone.pk}
    moved = []
    for d in Milestone.objects.filter(relative_to=milestone).select_for_update():
        if d.pk in seen:
            continue
        seen.add(d.pk)
        new = add_working_days(milestone.due_on, -(d.working_days_before or 0), holidays)
        if new != d.due_on:
            _check_due(milestone.plan, new)
            moved.append((d, d.due_on, new))
            d.due_on = new
            d.save(update_fields=["due_on"])
        moved += _recompute_dependents(d, holidays, seen)
    return moved


@transaction.atomic
def milestone_update(*, acting_user, milestone: Milestone, title: str, kind, due_on: date | None = None,
                     relative_to: Milestone | None = None, working_days_before: int | None = None, tracked=True, note="",
                     reason="") -> tuple[Milestone, list]:
    """Edit a milestone; the milestones computed from it are recomputed. Returns the
    milestone and [(dependent, old due, new due)] for those whose date moved."""
    m = Milestone.objects.select_for_update(of=("self",)).select_related("plan__unit", "relative_to").get(pk=milestone.pk)
    plan = m.plan
    _require_office(acting_user, plan.unit)
    if relative_to is not None:
        # Not from itself nor from a milestone computed from it.
        node, seen = relative_to, set()
        while node is not None and node.pk not in seen:
            if node.pk == m.pk:
                raise ValidationError({"relative_to": "Không thể tính mốc từ chính nó hoặc từ một mốc được tính từ nó."})
            seen.add(node.pk)
            node = node.relative_to
    due = _resolve_due(plan, due_on, relative_to, working_days_before)
    _check_due(plan, due)
    if kind == MilestoneKind.REGISTRATION and plan.milestones.filter(kind=MilestoneKind.REGISTRATION).exclude(pk=m.pk).exists():
        raise ValidationError({"kind": "Kế hoạch đã có hạn đăng ký thi đua."})
    if m.kind == MilestoneKind.REGISTRATION and kind != MilestoneKind.REGISTRATION and plan.registrations.exists():
        raise ValidationError({"kind": "Các đơn vị đã đăng ký theo hạn này: không đổi được loại mốc."})
    before = _milestone_text(m)
    old_due = m.due_on
    m.title, m.kind, m.due_on, m.relative_to = title, kind, due, relative_to
    m.working_days_before = working_days_before if relative_to else None
    m.tracked, m.note = tracked, note
    m.save()
    moved = _recompute_dependents(m, holiday_set())
    if kind == MilestoneKind.REGISTRATION and due > old_due and timezone.now() < m.deadline:
        # The registration deadline is extended: units recorded as having no need because
        # they missed the old one may register again until the new one.
        for reg in plan.registrations.filter(status=RegistrationStatus.NO_NEED).select_for_update():
            reg.status, reg.closed_on = RegistrationStatus.DRAFT, None
            reg.save(update_fields=["status", "closed_on"])
            record(actor=acting_user, verb="registration", target=reg,
                   changes={"Trạng thái": [f"Không có nhu cầu thi đua, khen thưởng năm {plan.year}", "Chưa đăng ký"]},
                   note=f"Gia hạn đăng ký đến hết {due:%d/%m/%Y}")
    changes = {}
    if _milestone_text(m) != before:
        changes["Mốc tiến độ"] = [before, _milestone_text(m)]
    for d, old, new in moved:
        changes[f"Mốc “{d.title}” (tính lại)"] = [f"hạn {old:%d/%m/%Y}", f"hạn {new:%d/%m/%Y}"]
    _plan_changed(acting_user=acting_user, plan=plan, changes=changes, reason=reason)
    return m, moved


@transaction.atomic
def milestone_remove(*, acting_user, milestone: Milestone, reason="") -> None:
    """Remove a milestone, unless units have already done it or other milestones are
    computed from it (those are said by name, to change first)."""
    m = Milestone.objects.select_for_update(of=("self",)).select_related("plan__unit").get(pk=milestone.pk)
    plan = m.plan
    _require_office(acting_user, plan.unit)
    dependents = list(m.dependents.all())
    if dependents:
        names = "; ".join(f"“{d.title}”" for d in dependents)
        raise ValidationError(f"Không xóa được mốc “{m.title}”: mốc {names} được tính từ mốc này. "
                              "Sửa các mốc đó sang hạn cụ thể hoặc xóa chúng trước.")
    n_done = m.completions.count()
    if n_done:
        raise ValidationError(f"Không xóa được mốc “{m.title}”: {n_done} đơn vị đã thực hiện mốc này. "
                              "Có thể sửa nội dung hoặc hạn của mốc.")
    if m.kind == MilestoneKind.REGISTRATION and plan.registrations.exists():
        raise ValidationError("Không xóa được hạn đăng ký thi đua: đã có đơn vị đăng ký theo kế hoạch.")
    _plan_changed(acting_user=acting_user, plan=plan, changes={"Bỏ mốc tiến độ": ["", _milestone_text(m)]}, reason=reason)
    m.delete()


@transaction.atomic
def milestone_complete(*, acting_user, milestone: Milestone, unit: Unit, note="", at: datetime | None = None) -> Completion:
    _require(acting_user, Duty.REGISTER, unit)
    done, created = Completion.objects.get_or_create(milestone=milestone, unit=unit,
                                                     defaults={"done_at": at or timezone.now(), "by": acting_user, "note": note})
    if created:
        record(actor=acting_user, verb="milestone_done", target=milestone.plan,
               changes={unit.name: ["", f"Hoàn thành “{milestone.title}”"]})
    return done


# --- movements ------------------------------------------------------------------

@transaction.atomic
def movement_create(*, acting_user, unit: Unit, name, kind, start, end=None, content="", criteria="", occasions="",
                    launcher="", plan: Plan | None = None, parent: Movement | None = None, scope_units=()) -> Movement:
    _require_office(acting_user, unit)
    errors = {}
    if end and end < start:
        errors["end"] = "Ngày kết thúc phải sau ngày bắt đầu."
    if plan is not None and plan.unit_id != unit.pk:
        errors["plan"] = "Phong trào thuộc kế hoạch của chính cấp phát động."
    if parent is not None:
        if parent.status != MovementStatus.LAUNCHED:
            errors["parent"] = "Chỉ thực hiện được phong trào cấp trên đã phát động."
        elif not unit.path.startswith(parent.unit.path) or parent.unit_id == unit.pk:
            errors["parent"] = f"“{parent.name}” không phải phong trào của cấp trên của {unit.name}."
    for u in scope_units:
        if not u.path.startswith(unit.path):
            errors["scope_units"] = f"{u.name} không thuộc {unit.name}."
    if errors:
        raise ValidationError(errors)
    m = Movement.objects.create(unit=unit, name=name.strip().strip("\"“”"), kind=kind, start=start, end=end, content=content,
                                criteria=criteria, occasions=occasions, launcher=launcher or unit.name, plan=plan, parent=parent)
    m.scope_units.set(scope_units)
    record(actor=acting_user, verb="create", target=m, changes={"Phong trào": ["", m.name]})
    return m


@transaction.atomic
def movement_launch(*, acting_user, movement: Movement) -> Movement:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    _require_office(acting_user, movement.unit)
    if movement.status != MovementStatus.DRAFT:
        raise ValidationError("Phong trào đã được phát động.")
    movement.status = MovementStatus.LAUNCHED
    movement.launched_at = timezone.now()
    movement.save(update_fields=["status", "launched_at"])
    record(actor=acting_user, verb="launch", target=movement, changes={"Trạng thái": ["Dự thảo", "Đã phát động"]})
    from .notify import notify_units_below

    units = list(movement.scope_units.all()) or [movement.unit]
    transaction.on_commit(lambda: [notify_units_below(u, f"Phong trào thi đua mới: “{movement.name}”",
                                                      f"{movement.launcher} phát động, {movement.start:%d/%m/%Y}"
                                                      + (f" – {movement.end:%d/%m/%Y}" if movement.end else ""),
                                                      f"/phong-trao/{movement.pk}/", include_self=u.pk != movement.unit_id) for u in units])
    return movement


@transaction.atomic
def movement_target_add(*, acting_user, movement: Movement, metric, label, threshold, manual_value=None) -> MovementTarget:
    _require_office(acting_user, movement.unit)
    _check_target(movement, threshold)
    t = MovementTarget.objects.create(movement=movement, metric=metric, label=label, threshold=threshold, manual_value=manual_value)
    record(actor=acting_user, verb="update", target=movement, changes={"Chỉ tiêu": ["", _target_text(t)]})
    return t


def _check_target(movement, threshold):
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError("Phong trào đã tổng kết: không sửa chỉ tiêu được.")
    if not (0 <= threshold <= 100):
        raise ValidationError({"threshold": "Chỉ tiêu là một tỷ lệ từ 0 đến 100%."})


def _target_text(t):
    """The target as its history shows it: every field an edit can change."""
    from core.templatetags.vn import percent

    value = f" (số liệu {percent(t.manual_value)})" if t.manual_value is not None else ""
    return f"{t.label} [{t.get_metric_display()}]: ≥ {percent(t.threshold)}{value}"


@transaction.atomic
def movement_target_update(*, acting_user, target: MovementTarget, metric, label, threshold, manual_value=None) -> MovementTarget:
    t = MovementTarget.objects.select_for_update(of=("self",)).select_related("movement__unit").get(pk=target.pk)
    _require_office(acting_user, t.movement.unit)
    _check_target(t.movement, threshold)
    before = _target_text(t)
    t.metric, t.label, t.threshold, t.manual_value = metric, label, threshold, manual_value
    t.save()
    t.refresh_from_db()
    if _target_text(t) != before:
        record(actor=acting_user, verb="update", target=t.movement, changes={"Chỉ tiêu": [before, _target_text(t)]})
    return t


@transaction.atomic
def movement_target_remove(*, acting_user, target: MovementTarget) -> None:
    t = MovementTarget.objects.select_for_update(of=("self",)).select_related("movement__unit").get(pk=target.pk)
    _require_office(acting_user, t.movement.unit)
    if t.movement.status == MovementStatus.CLOSED:
        raise ValidationError("Phong trào đã tổng kết: không xóa chỉ tiêu được.")
    record(actor=acting_user, verb="update", target=t.movement, changes={"Bỏ chỉ tiêu": ["", _target_text(t)]})
    t.delete()


@transaction.atomic
def movement_review(*, acting_user, movement: Movement, kind, held_on: date, report: str) -> MovementReview:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    _require_office(acting_user, movement.unit)
    if movement.status == MovementStatus.DRAFT:
        raise ValidationError("Phong trào chưa được phát động.")
    if held_on < movement.start:
        raise ValidationError({"held_on": "Ngày sơ kết, tổng kết phải sau ngày bắt đầu phong trào."})
    review = MovementReview.objects.create(movement=movement, kind=kind, held_on=held_on, report=report)
    if kind == "tong_ket":
        movement.status = MovementStatus.CLOSED
        movement.save(update_fields=["status"])
    changes = {review.get_kind_display(): ["", f"{held_on:%d/%m/%Y}"], "Báo cáo, kết quả": ["", report]}
    if kind == "tong_ket":
        changes["Trạng thái"] = ["Đã phát động", "Đã tổng kết"]
    record(actor=acting_user, verb="review", target=movement, changes=changes)
    return review


# --- registration ---------------------------------------------------------------

def registration_deadline(plan: Plan):
    """The plan's registration milestone (or None), read once per plan object: lists of
    units ask it for every row."""
    if "_registration_deadline" not in plan.__dict__:
        plan._registration_deadline = plan.milestones.filter(kind=MilestoneKind.REGISTRATION).order_by("due_on").first()
    return plan._registration_deadline


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
                      only_people=None, only_units=None) -> Registration:
    """Replace the unit's registration lines: [(AwardType, Person|None, Unit|None)]; optionally send it.

    ``only_people`` (a set of person ids): the lines given are those of these people and of
    the collectives; other people's lines are kept as they are (a screen that shows the
    people a page at a time saves one page without dropping the others). ``only_units``
    does the same for the collectives (with ``only_people``)."""
    _require(acting_user, Duty.REGISTER, unit, "Bạn chỉ đăng ký thi đua cho đơn vị của mình.")
    if plan.status != PlanStatus.PUBLISHED:
        raise ValidationError("Kế hoạch chưa ban hành.")
    if not unit.path.startswith(plan.unit.path) or unit.pk == plan.unit_id:
        raise ValidationError(f"{unit.name} không thuộc phạm vi kế hoạch của {plan.unit.name}.")
    reg = registration_for(plan, unit)
    reg = Registration.objects.select_for_update().get(pk=reg.pk)
    if not registration_is_open(reg, now):
        m = registration_deadline(plan)
        raise ValidationError(f"Đã hết hạn đăng ký thi đua ({m.due_on:%d/%m/%Y})." if m else "Đăng ký đã đóng.")
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
    removed = [k for k in before if k not in after]
    added = [k for k in after if k not in before]
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
            reg.status = RegistrationStatus.NO_NEED
            reg.closed_on = (reg.reopened_until or m.due_on) + _ONE_DAY
            reg.save(update_fields=["status", "closed_on"])
            record(actor=acting_user, verb="registration", target=reg,
                   changes={"Trạng thái": ["Chưa đăng ký", f"Không có nhu cầu thi đua, khen thưởng năm {plan.year}"]},
                   note=f"Hết hạn đăng ký {m.due_on:%d/%m/%Y}")
            n += 1
    return n


@transaction.atomic
def registration_reopen(*, acting_user, registration: Registration, reason: str, until: date) -> Registration:
    reg = Registration.objects.select_for_update().get(pk=registration.pk)
    _require_office(acting_user, reg.plan.unit)
    if not reason.strip():
        raise ValidationError({"reason": "Mở lại đăng ký phải có lý do bằng văn bản."})
    if until < timezone.localdate():
        raise ValidationError({"until": "Hạn đăng ký bổ sung phải từ hôm nay trở đi."})
    old = reg.get_status_display()
    reg.status = RegistrationStatus.REOPENED
    reg.reopened_until = until
    reg.save(update_fields=["status", "reopened_until"])
    record(actor=acting_user, verb="reopen", target=reg, changes={"Trạng thái": [old, f"Mở lại đến hết {until:%d/%m/%Y}"]}, note=reason.strip())
    from .notify import notify_unit

    transaction.on_commit(lambda: notify_unit(reg.unit, f"Đăng ký thi đua năm {reg.plan.year} được mở lại",
                                              f"Được đăng ký bổ sung đến hết ngày {until:%d/%m/%Y}. Lý do: {reason.strip()}",
                                              f"/dang-ky/{reg.plan_id}/"))
    return reg


def registration_units(plan: Plan):
    """The units that register under a plan: the direct sub-units of the issuing level that are active."""
    from org.selectors import active_q

    day = date(plan.year, 1, 1)
    return Unit.objects.filter(path__startswith=plan.unit.path, depth=plan.unit.depth + 1).filter(active_q(day)).order_by("sort_key")
