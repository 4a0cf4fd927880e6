"""Every write of plans: the plan itself, its tasks, its milestones and the units'
completions of them.

Keyword-only, ``acting_user`` first, one transaction, an event each.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.recording import last_change, record
from core.dates import VN_TZ, add_working_days
from core.stale import guard
from notifications.holidays import holiday_set
from notifications.notify import notify_units_below
from org.duties import Duty, require
from org.models import ADMINISTRATIVE_KINDS, Unit

from .models import Completion, DoneWhen, Milestone, MilestoneKind, Plan, PlanStatus, PlanTask
from .signals import registration_deadline_extended


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
    require(acting_user, unit, Duty.STANDING_OFFICE)
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


def _plan_changed_by(plan):
    """(who, when) of the plan's last change (of its text, its milestones or its tasks): what a refused stale edit names."""
    return lambda labels: last_change(plan, labels, verbs=("create", "update", "amend", "publish"))


@transaction.atomic
def plan_update(*, acting_user, plan: Plan, reason: str = "", expected: dict | None = None, **fields) -> Plan:
    """Change the plan's ``fields``. ``expected`` ({field: value the editor saw}): what someone else changed
    meanwhile is kept unless this edit changes it too, which is refused (core.stale)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require(acting_user, plan.unit, Duty.STANDING_OFFICE)
    # The form shows the signature block the plan is signed with (the issuer's own when none is entered).
    fields = guard(plan, fields, expected, what="Kế hoạch này", changed_by=_plan_changed_by(plan),
                   current={"signer_title": plan.signature_title})
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
    require(acting_user, plan.unit, Duty.STANDING_OFFICE)
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
    if plan.parent_id:
        # The unit's own plan implementing the plan above: its "ban hành kế hoạch" milestone is done.
        work_done(acting_user=acting_user, unit=plan.unit, work=DoneWhen.PLAN, at=plan.published_at, plans=[plan.parent],
                  note=f"Ban hành {plan.citation if plan.number else plan.title}")
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
    require(acting_user, plan.unit, Duty.STANDING_OFFICE)
    if not responsible.strip() or not content.strip():
        raise ValidationError({"content": "Nhập đơn vị thực hiện và nhiệm vụ."})
    task = PlanTask.objects.create(plan=plan, responsible=responsible.strip(), content=content.strip(), unit=unit,
                                   position=plan.tasks.count())
    _plan_changed(acting_user=acting_user, plan=plan, changes={"Nhiệm vụ": ["", _task_text(task)]}, reason=reason)
    return task


@transaction.atomic
def plan_task_update(*, acting_user, task: PlanTask, responsible: str, content: str, unit: Unit | None = None,
                     reason="", expected: dict | None = None) -> PlanTask:
    """``expected`` ({field: value the editor saw}): what someone else changed meanwhile is kept unless
    this edit changes it too, which is refused (core.stale)."""
    task = PlanTask.objects.select_for_update(of=("self",)).select_related("plan__unit").get(pk=task.pk)
    plan = task.plan
    require(acting_user, plan.unit, Duty.STANDING_OFFICE)
    merged = guard(task, {"responsible": responsible, "content": content, "unit": unit}, expected,
                   what="Nhiệm vụ này", changed_by=_plan_changed_by(plan))
    responsible, content, unit = merged["responsible"], merged["content"], merged["unit"]
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
    require(acting_user, task.plan.unit, Duty.STANDING_OFFICE)
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
    work = f"; hoàn thành {m.get_done_when_display()[0].lower()}{m.get_done_when_display()[1:]}" if m.automatic else ""
    note = f"; ghi chú: {m.note[:120]}" if m.note else ""
    return f"{m.title} ({m.get_kind_display().lower()}): hạn {m.due_on:%d/%m/%Y}{rel}{extra}{work}{note}"


def _done_when(kind, done_when, title):
    """What completes the milestone: the registration deadline by registering; else as chosen, or from the kind
    and wording (models.default_done_when)."""
    from .models import default_done_when

    if kind == MilestoneKind.REGISTRATION:
        return DoneWhen.REGISTRATION
    if done_when == DoneWhen.REGISTRATION:
        raise ValidationError({"done_when": "Chỉ mốc loại “Đăng ký thi đua” được ghi nhận khi đơn vị gửi đăng ký thi đua."})
    if done_when and done_when not in DoneWhen.values:
        raise ValidationError({"done_when": "Cách ghi nhận hoàn thành không hợp lệ."})
    return done_when or default_done_when(kind, title)


@transaction.atomic
def milestone_add(*, acting_user, plan: Plan, title: str, kind=MilestoneKind.OTHER, due_on: date | None = None,
                  relative_to: Milestone | None = None, working_days_before: int | None = None, tracked=True, note="",
                  reason="", done_when: str = "") -> Milestone:
    """``done_when`` (DoneWhen): what the units do in the application that completes it; empty: from the kind and
    the wording (a year-end dossier for "Hồ sơ khen thưởng tổng kết năm")."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require(acting_user, plan.unit, Duty.STANDING_OFFICE)
    due = _resolve_due(plan, due_on, relative_to, working_days_before)
    _check_due(plan, due)
    if kind == MilestoneKind.REGISTRATION and plan.milestones.filter(kind=MilestoneKind.REGISTRATION).exists():
        raise ValidationError({"kind": "Kế hoạch đã có hạn đăng ký thi đua."})
    m = Milestone.objects.create(plan=plan, title=title, kind=kind, due_on=due, relative_to=relative_to,
                                 working_days_before=working_days_before, tracked=tracked, note=note,
                                 done_when=_done_when(kind, done_when, title), position=plan.milestones.count())
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
                     reason="", expected: dict | None = None, done_when: str | None = None) -> tuple[Milestone, list]:
    """Edit a milestone; the milestones computed from it are recomputed. Returns the
    milestone and [(dependent, old due, new due)] for those whose date moved.

    ``expected`` ({field: value the editor saw}): what someone else changed meanwhile is kept unless
    this edit changes it too, which is refused (core.stale)."""
    m = Milestone.objects.select_for_update(of=("self",)).select_related("plan__unit", "relative_to").get(pk=milestone.pk)
    plan = m.plan
    require(acting_user, plan.unit, Duty.STANDING_OFFICE)
    wanted = {"title": title, "kind": kind, "due_on": due_on, "relative_to": relative_to,
              "working_days_before": working_days_before, "tracked": tracked, "note": note}
    if done_when is not None:
        wanted["done_when"] = done_when
    merged = guard(m, wanted, expected,
                   what="Mốc tiến độ này", changed_by=_plan_changed_by(plan),
                   # As the form shows it: a milestone computed from another shows no date of its own.
                   current={"due_on": None if m.relative_to_id else m.due_on})
    title, kind, due_on, relative_to = merged["title"], merged["kind"], merged["due_on"], merged["relative_to"]
    working_days_before, tracked, note = merged["working_days_before"], merged["tracked"], merged["note"]
    if relative_to is not None:
        due_on = None  # computed from the other milestone
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
    work = merged.get("done_when", m.done_when)
    if "done_when" not in merged and work == DoneWhen.REGISTRATION:
        work = ""  # no longer the registration deadline: from the new kind
    m.done_when = _done_when(kind, work, title)
    m.save()
    moved = _recompute_dependents(m, holiday_set())
    if kind == MilestoneKind.REGISTRATION and due > old_due and timezone.now() < m.deadline:
        # The registration deadline is extended: registration reopens, in this transaction,
        # what the old deadline closed (registration.receivers).
        registration_deadline_extended.send(sender=Milestone, milestone=m, acting_user=acting_user)
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
    require(acting_user, plan.unit, Duty.STANDING_OFFICE)
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
    """The unit records that it did a milestone the application cannot see (manual, a report)."""
    require(acting_user, unit, Duty.REGISTER)
    if milestone.automatic:
        raise ValidationError(f"Mốc “{milestone.title}” được ghi nhận tự động "
                              f"{milestone.get_done_when_display()[0].lower()}{milestone.get_done_when_display()[1:]} trên ứng dụng.")
    done, created = Completion.objects.get_or_create(milestone=milestone, unit=unit,
                                                     defaults={"done_at": at or timezone.now(), "by": acting_user, "note": note})
    if created:
        record(actor=acting_user, verb="milestone_done", target=milestone.plan,
               changes={unit.name: ["", f"Hoàn thành “{milestone.title}”"]})
    return done


def _work_milestones(plan, unit, work):
    """The tracked milestones of ``plan`` done by ``work`` that ``unit`` has not done yet, when ``unit`` is one of
    the units the plan follows (plans.selectors.registration_units)."""
    if plan.status != PlanStatus.PUBLISHED:
        return []
    from .selectors import registration_units

    if not registration_units(plan).filter(pk=unit.pk).exists():
        return []
    return list(plan.milestones.filter(tracked=True, done_when=work).exclude(completions__unit=unit))


def work_done(*, acting_user, unit: Unit, work: str, at: datetime, plans, note: str = "") -> list[Completion]:
    """``unit`` did ``work`` (a DoneWhen) in the application at ``at``: every milestone of ``plans`` asking for it
    is done for the unit (late if ``at`` is past its deadline). Called inside the transaction of the action that
    did the work (dossier_submit, registration_save, plan_publish), which has checked the user's duty; a milestone
    already done keeps its first completion. Returns the completions written."""
    made = []
    for plan in plans:
        for m in _work_milestones(plan, unit, work):
            c, created = Completion.objects.get_or_create(milestone=m, unit=unit,
                                                          defaults={"done_at": at, "by": acting_user, "note": note[:500]})
            if created:
                made.append(c)
                late = f" (muộn {completion_days_late(m, c)} ngày)" if c.done_at >= m.deadline else ""
                record(actor=acting_user, verb="milestone_done", target=plan,
                       changes={unit.name: ["", f"Hoàn thành “{m.title}”{late}: {note}"[:500]]})
    return made


def dossier_sent(*, acting_user, unit: Unit, authority: Unit, year: int, at: datetime, note: str = "") -> list[Completion]:
    """A unit sent a year-end dossier of ``year`` to ``authority``: the milestones "hồ sơ khen thưởng tổng kết năm"
    of the authority's published plans of that year are done for the unit."""
    plans = Plan.objects.filter(unit=authority, year=year, status=PlanStatus.PUBLISHED)
    return work_done(acting_user=acting_user, unit=unit, work=DoneWhen.DOSSIER, at=at, plans=plans, note=note)


def completion_days_late(milestone, completion) -> int:
    """Whole days after the deadline (the end of ``due_on``, Hà Nội) that ``completion`` came: 0 when in time."""
    if completion.done_at < milestone.deadline:
        return 0
    return (completion.done_at.astimezone(VN_TZ).date() - milestone.due_on).days
