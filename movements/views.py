"""Screens of movements: the list, the inbox of the levels above, launching, targets
with their live values, interim and final reviews.

Thin views: every read goes through ``selectors`` (already scoped), every write
through ``actions``; the checks here only decide what to offer and answer 404 for
what the user may not touch.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.recording import events_for
from core.forms import apply_validation_error, carry_seen, form_submitted, seen_values
from core.params import get_id, get_year
from core.templatetags.vn import percent
from org import duties
from org.duties import Duty
from plans.selectors import child_units, issuing_units, my_level_q
from plans.views import act_and_return, choose_unit, unit_param

from . import actions, selectors
from .forms import MovementForm, ReviewForm, TargetForm
from .models import MovementKind, MovementStatus, TargetMetric


WHOLE_MOVEMENT_METRICS = (TargetMetric.REGISTRATION_SHARE, TargetMetric.MANUAL)


def _pct(value):
    """A percentage as Vietnamese write it: 25%, 33,3% (core's one formatter)."""
    return None if value is None else percent(value)


def _implement_units(user, movement):
    """Where the user may launch a movement implementing ``movement``: their own levels below it
    that have not done so yet."""
    if movement.status != MovementStatus.LAUNCHED:
        return []
    paths = duties.paths_where(user, Duty.STANDING_OFFICE)
    if paths == [""]:
        return []
    done = selectors.implementing_unit_ids(user, movement)
    return [u for u in issuing_units(user).filter(path__in=paths)
            if u.path.startswith(movement.unit.path) and u.pk != movement.unit_id and u.pk not in done]


def movement_list(request):
    user = request.user
    year = get_year(request)
    below = request.GET.get("below") == "1"
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    qs = selectors.movements_for(user)
    if not below:
        qs = qs.filter(my_level_q(user))
    if year:
        qs = qs.filter(start__year__lte=year).filter(Q(end__isnull=True) | Q(end__year__gte=year))
    if kind in MovementKind.values:
        qs = qs.filter(kind=kind)
    if status in MovementStatus.values:
        qs = qs.filter(status=status)
    qs = qs.annotate(n_targets=Count("targets", distinct=True)).order_by("-start", "unit__path", "name")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "movements/movement_list.html", {
        "page": page, "year": year, "below": below, "kind": kind, "status": status, "tab": "list",
        "kinds": MovementKind.choices, "statuses": MovementStatus.choices,
        "n_inbox": selectors.movement_inbox(user).count(), "can_create": issuing_units(user).exists(),
    })


def movement_inbox(request):
    user = request.user
    qs = selectors.movement_inbox(user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    visible = selectors.movements_for(user)
    items = []
    for m in page:
        items.append({"m": m, "children": [c for c in visible.filter(parent=m)],
                      "implement": _implement_units(user, m)})
    return render(request, "movements/movement_list.html", {
        "page": page, "items": items, "tab": "inbox", "n_inbox": page.paginator.count,
        "can_create": issuing_units(user).exists(),
    })


def movement_create(request):
    user = request.user
    units = issuing_units(user)
    if not request.GET.get("unit"):
        return choose_unit(request, units, "Phát động phong trào thi đua", reverse("movements:list"),
                            "Phong trào thi đua")
    unit = unit_param(request, units)
    visible = selectors.movements_for(user).filter(status=MovementStatus.LAUNCHED)
    offered = selectors.parent_movement_choices(unit).order_by("unit__path", "-start", "name")
    plans = selectors.movement_plan_choices(user, unit)
    initial = {"start": timezone.localdate()}
    parent = None
    if request.GET.get("parent"):
        parent = selectors.movement_get_for_user(user, request.GET["parent"])
        # Implementing a movement of the level above starts from its name, period and content.
        today = timezone.localdate()
        running = parent.start <= today and (parent.end is None or today <= parent.end)
        initial.update(parent=parent, name=parent.name, kind=parent.kind, start=today if running else parent.start,
                       end=parent.end, content=parent.content, criteria=parent.criteria, occasions=parent.occasions)
    if request.GET.get("plan"):
        initial["plan"] = plans.filter(pk=get_id(request, "plan")).first()
    form = MovementForm(request.POST or None, initial=initial, plans=plans, parents_visible=visible,
                        parents_offered=offered, scope_units=child_units(unit))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["scope_units"] = list(data["scope_units"])
        try:
            m = actions.movement_create(acting_user=user, unit=unit, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã lưu phong trào (dự thảo). Thêm chỉ tiêu nếu có, rồi bấm “Phát động”.")
            return redirect("movements:detail", pk=m.pk)
    return render(request, "movements/movement_form.html", {"form": form, "unit": unit, "parent": parent,
                                                              "n_units": units.count()})


def _movement_year(request, movement):
    today = timezone.localdate()
    default = today.year
    if movement.end and movement.end < today:
        default = movement.end.year
    elif movement.start > today:
        default = movement.start.year
    return get_year(request, default=default)


def _target_rows(user, movement, year):
    """Each target with its live value overall and per unit (the units the user sees)."""
    targets = list(movement.targets.all())
    units = list(movement.scope_units.all().order_by("sort_key")) or list(child_units(movement.unit))
    units = [u for u in units if duties.has_duty(user, u, Duty.VIEW)][:60]
    rows = []
    cache = {}
    for t in targets:
        values = selectors.target_values(t, [movement.unit, *units], year, cache)
        overall = values[movement.unit.pk]
        per_unit = []
        for u in units:
            # A manual figure and the registration share are one figure for the whole movement:
            # shown once, overall, and "—" against each unit.
            v = None if t.metric in WHOLE_MOVEMENT_METRICS else values[u.pk]
            per_unit.append({"unit": u, "value": _pct(v), "reached": v is not None and v >= t.threshold, "none": v is None})
        rows.append({"t": t, "threshold": _pct(t.threshold), "value": _pct(overall),
                     "whole": t.metric in WHOLE_MOVEMENT_METRICS,
                     "reached": overall is not None and overall >= t.threshold, "none": overall is None, "per_unit": per_unit})
    return rows, units


def _movement_context(request, movement, **extra):
    user = request.user
    year = _movement_year(request, movement)
    can_edit = duties.has_duty(user, movement.unit, Duty.STANDING_OFFICE)
    rows, units = _target_rows(user, movement, year)
    first = movement.start.year
    last = (movement.end or timezone.localdate()).year
    unit_rows = [{"unit": u, "cells": [r["per_unit"][i] for r in rows]} for i, u in enumerate(units)]
    context = {
        "movement": movement, "can_edit": can_edit, "year": year,
        "years": list(range(first, max(first, last) + 1)),
        "targets": rows, "target_units": unit_rows if any(not r["whole"] for r in rows) else [],
        "reviews": movement.reviews.all(),
        "children": selectors.movements_for(user).filter(parent=movement).order_by("unit__path"),
        "scope_units": movement.scope_units.all().order_by("sort_key"),
        "events": events_for(movement)[:50],
        "implement": _implement_units(user, movement),
        "open": movement.status != MovementStatus.CLOSED,
    }
    if can_edit and context["open"]:
        context.setdefault("target_form", TargetForm())
        if movement.status == MovementStatus.LAUNCHED:
            context.setdefault("review_form", ReviewForm(initial={"held_on": timezone.localdate()}))
    context.update(extra)
    return context


def movement_detail(request, pk):
    movement = selectors.movement_get_for_user(request.user, pk)
    return render(request, "movements/movement_detail.html", _movement_context(request, movement))


@require_POST
def movement_launch(request, pk):
    movement = selectors.movement_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, movement.unit, Duty.STANDING_OFFICE):
        raise Http404
    return act_and_return(request, lambda: actions.movement_launch(acting_user=request.user, movement=movement),
                           f"Đã phát động phong trào “{movement.name}”. Các đơn vị trực thuộc đã được thông báo.",
                           reverse("movements:detail", args=[movement.pk]))


def movement_target_add(request, pk):
    movement = selectors.movement_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, movement.unit, Duty.STANDING_OFFICE):
        raise Http404
    form = TargetForm(request.POST or None)
    done = form_submitted(
        request, form, lambda data: actions.movement_target_add(acting_user=request.user, movement=movement, **data),
        lambda t: f"Đã thêm chỉ tiêu “{t.label}”.", reverse("movements:detail", args=[movement.pk]) + "#chi-tieu")
    return done or render(request, "movements/movement_target_form.html", {"form": form, "movement": movement, "target": None})


def _editable_target(request, pk, tid):
    movement = selectors.movement_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, movement.unit, Duty.STANDING_OFFICE):
        raise Http404
    return movement, get_object_or_404(movement.targets, pk=tid)


def movement_target_edit(request, pk, tid):
    movement, target = _editable_target(request, pk, tid)
    form = carry_seen(TargetForm(request.POST or None, initial={"metric": target.metric, "label": target.label,
                                                                 "threshold": target.threshold, "manual_value": target.manual_value}))
    done = form_submitted(
        request, form, lambda data: actions.movement_target_update(acting_user=request.user, target=target,
                                                                   expected=seen_values(form), **data),
        lambda t: f"Đã lưu chỉ tiêu “{t.label}”.", reverse("movements:detail", args=[movement.pk]) + "#chi-tieu")
    return done or render(request, "movements/movement_target_form.html", {"form": form, "movement": movement, "target": target})


@require_POST
def movement_target_remove(request, pk, tid):
    movement, target = _editable_target(request, pk, tid)
    return act_and_return(request, lambda: actions.movement_target_remove(acting_user=request.user, target=target),
                           f"Đã xóa chỉ tiêu “{target.label}”.",
                           reverse("movements:detail", args=[movement.pk]) + "#chi-tieu")


def movement_review_add(request, pk):
    movement = selectors.movement_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, movement.unit, Duty.STANDING_OFFICE):
        raise Http404
    form = ReviewForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = actions.movement_review(acting_user=request.user, movement=movement, kind=data["kind"],
                                             held_on=data["held_on"], report=data["report"].strip())
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã ghi nhận {review.get_kind_display().lower()} ngày {review.held_on:%d/%m/%Y}.")
            return redirect(reverse("movements:detail", args=[movement.pk]) + "#so-ket")
    return render(request, "movements/movement_review_form.html", {"form": form, "movement": movement})
