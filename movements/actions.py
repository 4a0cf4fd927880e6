"""Every write of movements: launching, targets, interim and final reviews.

Keyword-only, ``acting_user`` first, one transaction, an event each.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.recording import last_change, record
from core.stale import guard
from core.templatetags.vn import percent
from notifications.notify import notify_units_below
from org.duties import Duty, require
from org.models import Unit
from plans.models import Plan

from .models import Movement, MovementReview, MovementStatus, MovementTarget


@transaction.atomic
def movement_create(*, acting_user, unit: Unit, name, kind, start, end=None, content="", criteria="", occasions="",
                    launcher="", plan: Plan | None = None, parent: Movement | None = None, scope_units=()) -> Movement:
    require(acting_user, unit, Duty.STANDING_OFFICE)
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
    require(acting_user, movement.unit, Duty.STANDING_OFFICE)
    if movement.status != MovementStatus.DRAFT:
        raise ValidationError("Phong trào đã được phát động.")
    movement.status = MovementStatus.LAUNCHED
    movement.launched_at = timezone.now()
    movement.save(update_fields=["status", "launched_at"])
    record(actor=acting_user, verb="launch", target=movement, changes={"Trạng thái": ["Dự thảo", "Đã phát động"]})
    units = list(movement.scope_units.all()) or [movement.unit]
    transaction.on_commit(lambda: [notify_units_below(u, f"Phong trào thi đua mới: “{movement.name}”",
                                                      f"{movement.launcher} phát động, {movement.start:%d/%m/%Y}"
                                                      + (f" – {movement.end:%d/%m/%Y}" if movement.end else ""),
                                                      f"/phong-trao/{movement.pk}/", include_self=u.pk != movement.unit_id) for u in units])
    return movement


@transaction.atomic
def movement_target_add(*, acting_user, movement: Movement, metric, label, threshold, manual_value=None) -> MovementTarget:
    require(acting_user, movement.unit, Duty.STANDING_OFFICE)
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
    value = f" (số liệu {percent(t.manual_value)})" if t.manual_value is not None else ""
    return f"{t.label} [{t.get_metric_display()}]: ≥ {percent(t.threshold)}{value}"


@transaction.atomic
def movement_target_update(*, acting_user, target: MovementTarget, metric, label, threshold, manual_value=None,
                           expected: dict | None = None) -> MovementTarget:
    """``expected`` ({field: value the editor saw}): what someone else changed meanwhile is kept unless
    this edit changes it too, which is refused (core.stale)."""
    t = MovementTarget.objects.select_for_update(of=("self",)).select_related("movement__unit").get(pk=target.pk)
    require(acting_user, t.movement.unit, Duty.STANDING_OFFICE)
    merged = guard(t, {"metric": metric, "label": label, "threshold": threshold, "manual_value": manual_value}, expected,
                   what="Chỉ tiêu này", changed_by=lambda labels: last_change(t.movement, verbs=("update",)))
    metric, label, threshold, manual_value = merged["metric"], merged["label"], merged["threshold"], merged["manual_value"]
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
    require(acting_user, t.movement.unit, Duty.STANDING_OFFICE)
    if t.movement.status == MovementStatus.CLOSED:
        raise ValidationError("Phong trào đã tổng kết: không xóa chỉ tiêu được.")
    record(actor=acting_user, verb="update", target=t.movement, changes={"Bỏ chỉ tiêu": ["", _target_text(t)]})
    t.delete()


@transaction.atomic
def movement_review(*, acting_user, movement: Movement, kind, held_on: date, report: str) -> MovementReview:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require(acting_user, movement.unit, Duty.STANDING_OFFICE)
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
