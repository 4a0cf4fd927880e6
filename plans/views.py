"""Screens of plans: the list, the plan with its milestones and tasks, the compliance
board (who did each milestone, who is late), the calendar of the year's milestones and
the plan as a Word document.

Thin views: every read goes through ``selectors`` (already scoped), every write
through ``actions``; the checks here only decide what to offer and answer 404 for
what the user may not touch.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from audit.recording import events_for
from core.forms import apply_validation_error, carry_seen, form_submitted, seen_values
from core.params import get_year
from core.templatetags.vn import percent
from core.text import fold
from documents.nd30 import DOCX, document_place
from movements.selectors import movements_for
from org import duties
from org.duties import Duty
from org.models import Unit

from . import actions, documents, selectors
from .forms import MilestoneForm, PlanForm, TaskForm, UnitChoiceForm
from .models import MilestoneKind, PlanStatus


PLAN_TABS = {"content": "Nội dung", "milestones": "Tiến độ", "tasks": "Nhiệm vụ", "movements": "Phong trào", "history": "Lịch sử"}


STATUS_LABELS = {
    "done": "Đã hoàn thành",
    "late_done": "Hoàn thành muộn",
    "overdue": "Quá hạn, chưa thực hiện",
    "pending": "Chưa đến hạn",
}


def _label(milestone, status, completion):
    """The status as a unit's row says it: "Hoàn thành muộn 3 ngày" for a milestone done after its deadline."""
    if status == "late_done":
        return f"Hoàn thành muộn {actions.completion_days_late(milestone, completion)} ngày"
    return STATUS_LABELS[status]


def _pct(value):
    """A percentage as Vietnamese write it: 25%, 33,3% (core's one formatter)."""
    return None if value is None else percent(value)


def _status(milestone, completion, now):
    if completion is not None:
        return "late_done" if completion.done_at >= milestone.deadline else "done"
    return "overdue" if now >= milestone.deadline else "pending"


def _visible_units(user, qs):
    return qs.filter(duties.duty_q(user, Duty.VIEW))


def choose_unit(request, units, title, back, back_label):
    """No ?unit= given: let the user pick where (levels in their office's scope)."""
    if not units.exists():
        raise Http404
    extra = {k: v for k, v in request.GET.items() if k != "unit"}
    if units.count() == 1:
        return redirect(f"{request.path}?{urlencode({'unit': units.first().pk, **extra})}")
    form = UnitChoiceForm(units=units, initial={"unit": units.first()})
    return render(request, "plans/plan_unit_choice.html", {"form": form, "title": title, "back": back,
                                                                 "back_label": back_label, "extra": extra})


def unit_param(request, units):
    try:
        return units.get(pk=request.GET.get("unit"))
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị") from None


def _default_year():
    today = timezone.localdate()
    # The plan for year N is drafted from October of year N-1.
    return today.year + 1 if today.month >= 10 else today.year


# --- plans ----------------------------------------------------------------------

def plan_list(request):
    user = request.user
    year = get_year(request)
    below = request.GET.get("below") == "1"
    qs = selectors.plans_for(user)
    years = sorted(set(qs.values_list("year", flat=True)), reverse=True)
    if not below:
        qs = qs.filter(selectors.my_level_q(user))
    if year:
        qs = qs.filter(year=year)
    qs = qs.annotate(n_milestones=Count("milestones", distinct=True)).order_by("-year", "unit__path", "-issued_on", "-pk")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "plans/plan_list.html", {
        "page": page, "year": year, "years": years, "below": below,
        "can_create": selectors.issuing_units(user).exists(),
    })


def _plan_form(request, unit, plan=None):
    user = request.user
    visible = selectors.plans_for(user).filter(status=PlanStatus.PUBLISHED)
    offered = selectors.parent_plan_choices(unit).order_by("-year", "unit__path")
    if plan is not None:
        initial = {f: getattr(plan, f) for f in actions.PLAN_FIELDS}
        if not plan.signer_title:
            initial["signer_title"] = plan.signature_title
        visible = visible.exclude(pk=plan.pk)
    else:
        year = _default_year()
        lowered = unit.name[:1].lower() + unit.name[1:]
        initial = {"year": year, "title": f"Kế hoạch công tác thi đua, khen thưởng năm {year}",
                   "issuer": f"Hội đồng Thi đua - Khen thưởng {lowered}",
                   "signer_title": ""}
        parent = offered.filter(year=year).first()
        if parent is not None:
            initial["parent"] = parent
    return PlanForm(request.POST or None, initial=initial, parents_visible=visible, parents_offered=offered)


def plan_create(request):
    units = selectors.issuing_units(request.user)
    if not request.GET.get("unit"):
        return choose_unit(request, units, "Lập kế hoạch thi đua, khen thưởng", reverse("plans:list"), "Kế hoạch")
    unit = unit_param(request, units)
    form = _plan_form(request, unit)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data.pop("reason", None)
            plan = actions.plan_create(acting_user=request.user, unit=unit, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã lưu dự thảo kế hoạch. Thêm các mốc tiến độ rồi ban hành.")
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "unit": unit, "plan": None, "place": document_place(unit)})


def plan_edit(request, pk):
    plan = selectors.plan_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, plan.unit, Duty.STANDING_OFFICE):
        raise Http404
    form = carry_seen(_plan_form(request, plan.unit, plan), exclude=("reason",))
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            if data["signer_title"].strip() == plan.signature_title and not plan.signer_title:
                data["signer_title"] = ""  # still the issuer's default: keep following the issuer
            actions.plan_update(acting_user=request.user, plan=plan, expected=seen_values(form), **data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã lưu kế hoạch." if plan.status != PlanStatus.PUBLISHED else
                             "Đã lưu sửa đổi, bổ sung kế hoạch; các đơn vị trực thuộc đã được thông báo.")
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "unit": plan.unit, "plan": plan, "place": plan.document_place})


def _milestone_rows(user, plan, now, *, for_units=None):
    """Milestones with their progress over the units the user sees (and the status of ``for_units``)."""
    milestones = list(plan.milestones.select_related("relative_to"))
    units = list(_visible_units(user, selectors.registration_units(plan)))
    unit_ids = {u.pk for u in units}
    done = {}
    for c in selectors.completions_for(user, plan=plan, units=unit_ids):
        done[(c.milestone_id, c.unit_id)] = c
    rows = []
    for m in milestones:
        statuses = [_status(m, done.get((m.pk, u.pk)), now) for u in units]
        mine = [(u, _status(m, done.get((m.pk, u.pk)), now), done.get((m.pk, u.pk))) for u in (for_units or [])]
        rows.append({
            "m": m, "n_units": len(units),
            "n_done": sum(s in ("done", "late_done") for s in statuses),
            "n_late": sum(s in ("late_done", "overdue") for s in statuses),
            "n_overdue": statuses.count("overdue"),
            "past": now >= m.deadline,
            "mine": [{"unit": u, "status": s, "label": _label(m, s, c), "c": c} for u, s, c in mine],
        })
    return rows


def _markable_units(user, plan):
    """Units under the plan for which the user reports progress (a unit officer's own unit)."""
    if plan.status != PlanStatus.PUBLISHED or duties.has_duty(user, plan.unit, Duty.STANDING_OFFICE):
        return []
    return list(selectors.registration_units(plan).filter(duties.duty_q(user, Duty.REGISTER)))


def plan_detail(request, pk):
    user = request.user
    plan = selectors.plan_get_for_user(user, pk)
    tab = request.GET.get("tab", "content")
    if tab not in PLAN_TABS:
        tab = "content"
    can_edit = duties.has_duty(user, plan.unit, Duty.STANDING_OFFICE)
    now = timezone.now()
    context = {
        "plan": plan, "tab": tab, "tabs": PLAN_TABS, "can_edit": can_edit,
        "docx_url": reverse("plans:docx", args=[plan.pk]),
        "children": selectors.plans_for(user).filter(parent=plan).order_by("unit__path"),
        "n_milestones": plan.milestones.count(), "n_tasks": plan.tasks.count(),
        "movements": movements_for(user).filter(plan=plan).order_by("-start", "name"),
    }
    if tab == "milestones":
        mine = _markable_units(user, plan)
        context.update(rows=_milestone_rows(user, plan, now, for_units=mine), mine=mine)
    elif tab == "tasks":
        context["tasks"] = plan.tasks.select_related("unit")
        if can_edit:
            context["task_form"] = TaskForm(units=selectors.child_units(plan.unit))
    elif tab == "history":
        context["events"] = events_for(plan)[:200]
    return render(request, "plans/plan_detail.html", context)


def act_and_return(request, act, success, back, refused=""):
    """A button's POST: run the action, then go back with its success or its refusals as messages."""
    try:
        act()
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, refused + message)
    else:
        messages.success(request, success)
    return redirect(back)


@require_POST
def plan_publish(request, pk):
    plan = selectors.plan_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, plan.unit, Duty.STANDING_OFFICE):
        raise Http404
    return act_and_return(request, lambda: actions.plan_publish(acting_user=request.user, plan=plan),
                           "Đã ban hành kế hoạch. Các đơn vị trực thuộc đã được thông báo.",
                           reverse("plans:detail", args=[plan.pk]), refused="Chưa ban hành được: ")


def plan_milestone_add(request, pk):
    plan = selectors.plan_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, plan.unit, Duty.STANDING_OFFICE):
        raise Http404
    form = MilestoneForm(request.POST or None, milestones=plan.milestones.all())
    done = form_submitted(
        request, form, lambda data: actions.milestone_add(acting_user=request.user, plan=plan, **_milestone_fields(data)),
        lambda m: f"Đã thêm mốc “{m.title}”, hạn hết ngày {m.due_on:%d/%m/%Y}.",
        reverse("plans:detail", args=[plan.pk]) + "?tab=milestones")
    return done or render(request, "plans/plan_milestone_form.html", {"form": form, "plan": plan, "milestone": None})


def _milestone_fields(data):
    """The action's arguments from the milestone form: a date, or "N working days before" another milestone."""
    relative = data["relative_to"]
    return {"title": data["title"], "kind": data["kind"], "due_on": None if relative else data["due_on"],
            "relative_to": relative, "working_days_before": data["working_days_before"] if relative else None,
            "tracked": data["tracked"], "note": data["note"], "reason": data["reason"], "done_when": data["done_when"]}


def _editable_plan(request, pk):
    plan = selectors.plan_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, plan.unit, Duty.STANDING_OFFICE):
        raise Http404
    return plan


def plan_milestone_edit(request, pk, mid):
    """Edit a milestone; those computed from it ("N ngày làm việc trước …") are recomputed and said."""
    plan = _editable_plan(request, pk)
    milestone = get_object_or_404(plan.milestones.select_related("relative_to"), pk=mid)
    initial = {"title": milestone.title, "kind": milestone.kind, "due_on": None if milestone.relative_to_id else milestone.due_on,
               "relative_to": milestone.relative_to, "working_days_before": milestone.working_days_before,
               "tracked": milestone.tracked, "note": milestone.note, "done_when": milestone.done_when}
    form = carry_seen(MilestoneForm(request.POST or None, initial=initial, milestones=plan.milestones.exclude(pk=milestone.pk)),
                      exclude=("reason",))
    def saved(result):
        m, moved = result
        text = f"Đã lưu mốc “{m.title}”, hạn hết ngày {m.due_on:%d/%m/%Y}."
        if moved:
            text += " Tính lại theo mốc này: " + "; ".join(
                f"“{d.title}” {old:%d/%m/%Y} → {new:%d/%m/%Y}" for d, old, new in moved) + "."
        return text

    done = form_submitted(
        request, form, lambda data: actions.milestone_update(acting_user=request.user, milestone=milestone,
                                                             expected=seen_values(form), **_milestone_fields(data)),
        saved, reverse("plans:detail", args=[plan.pk]) + "?tab=milestones")
    return done or render(request, "plans/plan_milestone_form.html", {
        "form": form, "plan": plan, "milestone": milestone, "dependents": list(milestone.dependents.all()),
        "n_done": milestone.completions.count()})


@require_POST
def plan_milestone_remove(request, pk, mid):
    plan = _editable_plan(request, pk)
    milestone = get_object_or_404(plan.milestones, pk=mid)
    return act_and_return(
        request, lambda: actions.milestone_remove(acting_user=request.user, milestone=milestone, reason=request.POST.get("reason", "")),
        f"Đã xóa mốc “{milestone.title}”.", reverse("plans:detail", args=[plan.pk]) + "?tab=milestones")


def plan_task_add(request, pk):
    plan = selectors.plan_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, plan.unit, Duty.STANDING_OFFICE):
        raise Http404
    form = TaskForm(request.POST or None, units=selectors.child_units(plan.unit))
    done = form_submitted(
        request, form, lambda data: actions.plan_task_add(acting_user=request.user, plan=plan, **data),
        lambda task: f"Đã thêm nhiệm vụ của {task.responsible}.", reverse("plans:detail", args=[plan.pk]) + "?tab=tasks")
    return done or render(request, "plans/plan_task_form.html", {"form": form, "plan": plan, "task": None})


def plan_task_edit(request, pk, tid):
    plan = _editable_plan(request, pk)
    task = get_object_or_404(plan.tasks, pk=tid)
    form = carry_seen(TaskForm(request.POST or None, units=selectors.child_units(plan.unit),
                               initial={"unit": task.unit, "responsible": task.responsible, "content": task.content}),
                      exclude=("reason",))
    done = form_submitted(
        request, form, lambda data: actions.plan_task_update(acting_user=request.user, task=task, expected=seen_values(form), **data),
        lambda task: f"Đã lưu nhiệm vụ của {task.responsible}.",
        reverse("plans:detail", args=[plan.pk]) + "?tab=tasks")
    return done or render(request, "plans/plan_task_form.html", {"form": form, "plan": plan, "task": task})


@require_POST
def plan_task_remove(request, pk, tid):
    plan = _editable_plan(request, pk)
    task = get_object_or_404(plan.tasks, pk=tid)
    return act_and_return(
        request, lambda: actions.plan_task_remove(acting_user=request.user, task=task, reason=request.POST.get("reason", "")),
        f"Đã xóa nhiệm vụ của {task.responsible}.", reverse("plans:detail", args=[plan.pk]) + "?tab=tasks")


# --- compliance board and calendar -------------------------------------------------

def plan_compliance(request, pk):
    """Tiến độ thực hiện: for each milestone, which units did it, when, and which are late."""
    user = request.user
    plan = selectors.plan_get_for_user(user, pk)
    now = timezone.now()
    units = list(_visible_units(user, selectors.registration_units(plan)))
    milestones = list(plan.milestones.filter(tracked=True))
    done = {(c.milestone_id, c.unit_id): c
            for c in selectors.completions_for(user, plan=plan, units=units).select_related("by")}
    markable = {u.pk for u in units if duties.has_duty(user, u, Duty.REGISTER)} if plan.status == PlanStatus.PUBLISHED else set()
    board = []
    for m in milestones:
        rows = []
        for u in units:
            c = done.get((m.pk, u.pk))
            s = _status(m, c, now)
            rows.append({"unit": u, "c": c, "status": s, "label": _label(m, s, c),
                         "can_mark": c is None and u.pk in markable and not m.automatic})
        # Late first, then not yet done, then done (by date), as the standing office chases them.
        order = {"overdue": 0, "late_done": 1, "pending": 2, "done": 3}
        rows.sort(key=lambda r: (order[r["status"]], r["c"].done_at if r["c"] else now, r["unit"].sort_key))
        late = [r for r in rows if r["status"] in ("overdue", "late_done")]
        board.append({"m": m, "rows": rows, "late": late, "n_late": len(late),
                      "n_overdue": sum(r["status"] == "overdue" for r in rows),
                      "n_done": sum(r["c"] is not None for r in rows), "past": now >= m.deadline})
    selected = None
    wanted = request.GET.get("m", "")
    for b in board:
        if str(b["m"].pk) == wanted:
            selected = b
    if selected is None and board:
        # Default: the latest milestone that is past with units still missing, else the next one due.
        overdue = [b for b in board if b["n_overdue"]]
        upcoming = [b for b in board if not b["past"]]
        selected = overdue[-1] if overdue else (upcoming[0] if upcoming else board[-1])
    return render(request, "plans/compliance.html", {
        "plan": plan, "board": board, "selected": selected, "units": units, "now": now,
        "can_edit": duties.has_duty(user, plan.unit, Duty.STANDING_OFFICE),
    })


@require_POST
def plan_milestone_complete(request, pk, mid):
    user = request.user
    plan = selectors.plan_get_for_user(user, pk)
    milestone = get_object_or_404(plan.milestones.filter(tracked=True), pk=mid)
    try:
        unit = _visible_units(user, selectors.registration_units(plan)).get(pk=request.POST.get("unit"))
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not duties.has_duty(user, unit, Duty.REGISTER):
        raise Http404
    back = reverse("plans:compliance", args=[plan.pk]) + f"?m={milestone.pk}"
    if plan.status != PlanStatus.PUBLISHED:
        messages.error(request, "Kế hoạch chưa ban hành.")
    elif milestone.kind == MilestoneKind.REGISTRATION:
        messages.error(request, "Hạn đăng ký thi đua được ghi nhận khi đơn vị gửi đăng ký trên màn hình Đăng ký thi đua.")
    elif milestone.automatic:
        messages.error(request, f"Mốc “{milestone.title}” được ghi nhận tự động {milestone.done_when_text} trên ứng dụng.")
    else:
        try:
            c = actions.milestone_complete(acting_user=user, milestone=milestone, unit=unit,
                                           note=request.POST.get("note", "").strip()[:500])
        except PermissionDenied:
            raise Http404 from None
        late = " (trễ hạn)" if c.done_at >= milestone.deadline else ""
        messages.success(request, f"Đã ghi nhận {unit.name} thực hiện “{milestone.title}”{late}.")
    return redirect(back)


def plan_calendar(request):
    """The year's milestones of every plan the user sees, month by month."""
    user = request.user
    today = timezone.localdate()
    year = get_year(request, default=today.year)
    below = request.GET.get("below") == "1"
    milestones = list(selectors.calendar_milestones(user, year, below=below))
    now = timezone.now()
    plan_info = {}
    for plan in {m.plan for m in milestones}:
        editor = duties.has_duty(user, plan.unit, Duty.STANDING_OFFICE)
        units = [] if editor else _markable_units(user, plan)
        n_units = selectors.registration_units(plan).count() if editor else 0
        plan_info[plan.pk] = {"editor": editor, "units": units, "n_units": n_units}
    counts = dict(selectors.completions_for(user, milestones=milestones).values_list("milestone").annotate(n=Count("id")))
    mine = {}
    wanted_units = {u.pk for info in plan_info.values() for u in info["units"]}
    if wanted_units:
        for c in selectors.completions_for(user, milestones=milestones, units=wanted_units):
            mine[(c.milestone_id, c.unit_id)] = c
    months = [{"n": i, "name": f"Tháng {i}", "items": [], "current": year == today.year and i == today.month} for i in range(1, 13)]
    for m in milestones:
        info = plan_info[m.plan_id]
        item = {"m": m, "editor": info["editor"], "n_units": info["n_units"], "n_done": counts.get(m.pk, 0),
                "past": now >= m.deadline, "mine": []}
        if m.tracked:
            for u in info["units"]:
                c = mine.get((m.pk, u.pk))
                s = _status(m, c, now)
                item["mine"].append({"unit": u, "status": s, "label": _label(m, s, c)})
        months[m.due_on.month - 1]["items"].append(item)
    return render(request, "plans/calendar.html", {
        "year": year, "years": list(range(today.year - 3, today.year + 2)), "months": months, "below": below,
        "n": len(milestones), "today": today, "has_mine": any(i["mine"] for month in months for i in month["items"]),
    })


# --- the plan as a Word document -----------------------------------------------------

def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "van-ban"


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def plan_docx(request, pk):
    plan = selectors.plan_get_for_user(request.user, pk)
    content = documents.plan_docx(plan)
    name = f"ke-hoach-{_slug(plan.number)}" if plan.number else f"du-thao-ke-hoach-{plan.year}"
    return _attachment(content, DOCX, f"{name}.docx")
