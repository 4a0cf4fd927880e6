"""Registration screens (đăng ký thi đua): the plans that concern the user, a unit's
registration (on screen or from Excel), the standing office's consolidated view with
reopening and closing, and the Word document of the registrations.

Who: a unit officer registers their own unit (duty ``register`` over it); the
standing office of the plan's level (duty ``standing_office`` over the plan's unit) sees
every registering unit, reopens and closes. Anything else is a 404.
"""

import re
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.recording import events_for
from core.forms import apply_validation_error
from core.params import get_int, parse_int
from core.text import clean_text, fold
from documents.nd30 import DOCX
from jobs import exports
from org import duties, selectors as org_selectors
from org.duties import Duty
from org.models import Unit
from plans.models import PlanStatus
from plans.selectors import plan_get_for_user, plans_for, registration_deadline, registration_units

from . import actions, documents, excel, selectors
from .forms import ReopenForm, UploadForm, award_label, parse_lines, registration_awards, short_label
from .models import Registration, RegistrationStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- helpers ------------------------------------------------------------------------

def _published_plan(user, pk):
    plan = plan_get_for_user(user, pk)
    if plan.status != PlanStatus.PUBLISHED:
        raise Http404("Kế hoạch chưa ban hành")
    return plan


def _is_office(user, plan):
    return duties.has_duty(user, plan.unit, Duty.STANDING_OFFICE)


def _deadline_info(plan, registration=None, now=None):
    """The milestone, the end of registration for this unit, and whether it is open now."""
    now = now or timezone.now()
    milestone = registration_deadline(plan)
    reg = registration or Registration(plan=plan, unit=plan.unit)
    is_open = actions.registration_is_open(reg, now)
    last_day = milestone.due_on if milestone else None
    if reg.reopened_until and (reg.status == RegistrationStatus.REOPENED or is_open):
        last_day = reg.reopened_until
    days_left = (last_day - timezone.localdate(now)).days if last_day else None
    return {"milestone": milestone, "last_day": last_day, "open": is_open, "days_left": days_left,
            "past": bool(milestone) and now >= milestone.deadline}


def _unit_for(request, plan):
    """The registering unit named by ?unit= (404 outside the user's scope or the plan)."""
    candidates = registration_units(plan)
    value = request.GET.get("unit") or request.POST.get("unit")
    visible = candidates.filter(duties.duty_q(request.user, Duty.VIEW))
    if value:
        try:
            return visible.get(pk=value)
        except (ValueError, TypeError, visible.model.DoesNotExist):
            raise Http404("Không tìm thấy đơn vị") from None
    unit = candidates.filter(duties.duty_q(request.user, Duty.REGISTER)).first() or visible.first()
    if unit is None:
        raise Http404("Không có đơn vị nào của bạn đăng ký theo kế hoạch này")
    return unit


def _form_url(plan, unit):
    return f"{reverse('registration:form', args=[plan.pk])}?unit={unit.pk}"


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "van-ban"


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- index --------------------------------------------------------------------------

def index(request):
    user = request.user
    now = timezone.now()
    plans = []
    for plan in plans_for(user).filter(status=PlanStatus.PUBLISHED).order_by("-year", "unit__path")[:30]:
        office = _is_office(user, plan)
        units = [] if office else list(registration_units(plan).filter(duties.duty_q(user, Duty.VIEW)))
        if not office and not units:
            continue
        entry = {"plan": plan, "office": office, "deadline": _deadline_info(plan, now=now), "units": []}
        if office:
            entry["summary"] = selectors.registration_summary(plan, now)
        else:
            regs = {r.unit_id: r for r in selectors.registrations_for(user, plan, units).annotate(n_lines=Count("lines"))}
            for r in regs.values():
                r.plan = plan
            for u in units:
                reg = regs.get(u.pk)
                entry["units"].append({
                    "unit": u, "registration": reg,
                    "status_text": selectors.registration_status_text(reg, plan, now),
                    "counted": selectors.registration_counts(reg),
                    "deadline": _deadline_info(plan, reg, now),
                    "n_lines": reg.n_lines if reg else 0,
                    "can_edit": duties.has_duty(user, u, Duty.REGISTER),
                })
        plans.append(entry)
    return render(request, "registration/index.html", {"plans": plans})


# --- a unit's registration ------------------------------------------------------------

PAGE_SIZE = 100


def _people_page(request, unit):
    """The page of people shown (100 a page), filtered by sub-unit (?sub=) and name or code (?q=),
    and the page of collectives (100 a page, ?cpage=) of that sub-unit."""
    collectives = excel.registration_collectives(unit)
    sub_id = get_int(request, "sub", min_value=1)
    sub = collectives.filter(pk=sub_id).first() if sub_id else None
    cpage = Paginator(excel.registration_collectives(sub or unit), PAGE_SIZE).get_page(request.GET.get("cpage"))
    q = request.GET.get("q", "").strip()[:100]
    people = org_selectors.people_search(request.user, q, unit=sub or unit).select_related("unit")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return page, {"q": q, "sub": sub, "cpage": cpage, "subunits": collectives}


def _grid(plan, unit, reg, page, cpage, selected):
    individual, collective = registration_awards(plan)
    people_rows = [{
        "person": p,
        "cells": [{"value": f"{p.pk}:{a.code}", "checked": f"{p.pk}:{a.code}" in selected,
                   "label": f"{p.full_name} — {award_label(a)}"} for a in individual],
    } for p in page]
    unit_rows = [{
        "unit": u, "indent": u.depth - unit.depth,
        "cells": [{"value": f"{u.pk}:{a.code}", "checked": f"{u.pk}:{a.code}" in selected,
                   "label": f"{u.name} — {award_label(a)}"} for a in collective],
    } for u in cpage]
    # What is saved, over every page: one grouped count.
    counts = selectors.registration_person_counts(reg)
    return {
        "individual": [{"award": a, "label": award_label(a), "short": short_label(a), "count": counts.get(a.code, 0)}
                       for a in individual],
        "collective": [{"award": a, "label": award_label(a), "short": short_label(a)} for a in collective],
        "people_rows": people_rows, "unit_rows": unit_rows,
    }


def _selected(reg, page, cpage):
    """The saved choices shown: the lines of the collectives and people of these pages."""
    return selectors.registration_choices(reg, page, cpage)


def _shown(request, name):
    """The ids of the rows the posted page showed (hidden "shown", "shown_units"), or None for a full replace."""
    if name not in request.POST:
        return None
    ids = (parse_int(v.strip(), min_value=1) for v in request.POST.get(name, "").split(","))
    return {i for i in ids if i is not None}


def _seen(request):
    """What the page showed when it was loaded (hidden seen_ind, seen_col, seen_note), as posted; None without them."""
    if "seen_ind" not in request.POST:
        return None
    return {name: request.POST.get(name, "") for name in ("seen_ind", "seen_col", "seen_note")}


def _expected(user, unit, seen):
    """The ``expected`` of registration_save from what the page showed (core.stale): the lines then ticked, the note."""
    if seen is None:
        return None
    values = [[v for v in seen[name].split(",") if v] for name in ("seen_ind", "seen_col")]
    lines = parse_lines(user, unit, *values)[0]
    return {"lines": {(a.pk, p.pk if p else None, u.pk if u else None) for a, p, u in lines},
            "note": clean_text(seen["seen_note"], multiline=True).strip()[:2000]}


def registration_form(request, plan_pk):
    user = request.user
    plan = _published_plan(user, plan_pk)
    if "unit" not in request.GET and request.method == "GET" and _is_office(user, plan):
        return redirect("registration:overview", plan_pk=plan.pk)
    unit = _unit_for(request, plan)
    reg = selectors.registration_of(request.user, plan, unit)
    can_edit = duties.has_duty(user, unit, Duty.REGISTER)
    errors = []
    note = reg.note if reg else ""
    page, filters = _people_page(request, unit)
    selected = _selected(reg, page, filters["cpage"])
    seen = None
    if request.method == "POST":
        if not can_edit:
            raise Http404
        note = clean_text(request.POST.get("note", ""), multiline=True).strip()[:2000]
        submit = request.POST.get("action") == "submit"
        lines, errors, posted = parse_lines(user, unit, request.POST.getlist("ind"), request.POST.getlist("col"))
        selected = posted
        seen = _seen(request)
        if not errors:
            try:
                reg = actions.registration_save(acting_user=user, plan=plan, unit=unit, lines=lines, note=note, submit=submit,
                                                only_people=_shown(request, "shown"),
                                                only_units=_shown(request, "shown_units"),
                                                expected=_expected(user, unit, seen))
            except ValidationError as e:
                errors = e.messages
            except PermissionDenied as e:
                errors = [str(e)]
            else:
                n_ind, n_col = selectors.registration_line_totals(reg)
                info = _deadline_info(plan, reg)
                until = f" Đơn vị vẫn sửa được đến hết ngày {info['last_day']:%d/%m/%Y}." if info["last_day"] else ""
                if reg.status == RegistrationStatus.SUBMITTED or submit:
                    messages.success(request, f"Đã gửi đăng ký thi đua năm {plan.year} của {unit.name}: "
                                              f"{n_ind} lượt cá nhân, {n_col} lượt tập thể.{until}")
                else:
                    messages.success(request, f"Đã lưu bản nháp ({n_ind} lượt cá nhân, {n_col} lượt tập thể). "
                                              "Bản nháp chưa phải là đăng ký: hãy bấm “Gửi đăng ký” trước hạn.")
                back = request.GET.copy()
                back["unit"] = unit.pk
                return redirect(f"{reverse('registration:form', args=[plan.pk])}?{back.urlencode()}")
    info = _deadline_info(plan, reg)
    grid = _grid(plan, unit, reg, page, filters["cpage"], selected)
    if seen is None:  # the page as loaded: what the editor sees ticked, and the note, go back with the save
        seen = {"seen_ind": ",".join(c["value"] for r in grid["people_rows"] for c in r["cells"] if c["checked"]),
                "seen_col": ",".join(c["value"] for r in grid["unit_rows"] for c in r["cells"] if c["checked"]),
                "seen_note": note}
    context = {
        "plan": plan, "unit": unit, "registration": reg, "deadline": info, **seen,
        "status_text": selectors.registration_status_text(reg, plan),
        "submitted": reg is not None and reg.submitted_at is not None and reg.status != RegistrationStatus.NO_NEED,
        "editable": can_edit and info["open"], "can_edit": can_edit, "errors": errors, "note": note,
        "timeline": selectors.registration_timeline(user, reg),
        "events": events_for(reg)[:50] if reg else [],
        "office": _is_office(user, plan),
        "other_units": registration_units(plan).filter(duties.duty_q(user, Duty.REGISTER)).exclude(pk=unit.pk)[:50],
        "page": page, "shown": ",".join(str(p.pk) for p in page),
        "shown_units": ",".join(str(u.pk) for u in filters["cpage"]), **filters, **grid,
    }
    return render(request, "registration/form.html", context)


def registration_template(request, plan_pk):
    plan = _published_plan(request.user, plan_pk)
    unit = _unit_for(request, plan)
    filename = f"dang-ky-thi-dua-{plan.year}-{_slug(unit.code)}.xlsx"
    if excel.people_over(unit, exports.inline_rows()):
        # A unit of many people: the worker writes it; its page shows how far it got (jobs.exports).
        job = exports.start(acting_user=request.user, kind="registration_template",
                            params={"plan": plan.pk, "unit": unit.pk},
                            title=f"mẫu đăng ký thi đua năm {plan.year} — {unit.name}", filename=filename,
                            back_url=f"{reverse('registration:form', args=[plan.pk])}?unit={unit.pk}", back_label="Đăng ký thi đua")
        return redirect("jobs:export", pk=job.pk)
    reg = selectors.registration_of(request.user, plan, unit)
    content = excel.template_workbook(plan, unit, reg)
    return _attachment(content, XLSX, filename)


def registration_upload(request, plan_pk):
    user = request.user
    plan = _published_plan(user, plan_pk)
    unit = _unit_for(request, plan)
    if not duties.has_duty(user, unit, Duty.REGISTER):
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = excel.import_registration(acting_user=user, plan=plan, unit=unit, fileobj=upload,
                                                        filename=upload.name, submit=form.cleaned_data["submit"])
        if result.ok:
            state = "và gửi đăng ký" if form.cleaned_data["submit"] else "thành bản nháp (chưa gửi)"
            messages.success(request, f"Đã nhập tệp {upload.name} {state}. {result.summary}")
            return redirect(_form_url(plan, unit))
    individual, collective = registration_awards(plan)
    return render(request, "registration/upload.html", {
        "plan": plan, "unit": unit, "form": form, "result": result, "deadline": _deadline_info(plan, selectors.registration_of(user, plan, unit)),
        "individual": [(a.code, award_label(a)) for a in individual], "collective": [(a.code, award_label(a)) for a in collective],
    })


# --- the standing office ------------------------------------------------------------

def _overview_plan(request, plan_pk):
    plan = _published_plan(request.user, plan_pk)
    if not duties.has_duty(request.user, plan.unit, Duty.VIEW):
        raise Http404
    return plan


def overview(request, plan_pk):
    user = request.user
    plan = _overview_plan(request, plan_pk)
    office = _is_office(user, plan)
    now = timezone.now()
    info = _deadline_info(plan, now=now)
    rows = selectors.registration_overview(plan, now, with_lines=False)
    columns = excel.award_columns(plan)
    for row in rows:
        row["cells"] = [row["counts"].get(key, 0) for key, _, _ in columns]
        reg = row["registration"]
        row["open"] = actions.registration_is_open(reg or Registration(plan=plan, unit=row["unit"]), now)
        row["can_reopen"] = office and info["past"]
    totals = [sum(r["cells"][i] for r in rows) for i in range(len(columns))]
    return render(request, "registration/overview.html", {
        "plan": plan, "office": office, "deadline": info, "rows": rows, "columns": columns, "totals": totals,
        "n_individual_cols": sum(1 for key, _, _ in columns if key.startswith("i:")),
        "n_collective_cols": sum(1 for key, _, _ in columns if key.startswith("c:")),
        "n_registered": sum(1 for r in rows if r["counted"]),
        "n_no_need": sum(1 for r in rows if r["status"] == RegistrationStatus.NO_NEED),
        "n_individuals": sum(r["n_individuals"] for r in rows), "n_collectives": sum(r["n_collectives"] for r in rows),
    })


def overview_excel(request, plan_pk):
    plan = _overview_plan(request, plan_pk)
    content = excel.export_overview(plan, selectors.registration_overview(plan))
    return _attachment(content, XLSX, f"tong-hop-dang-ky-thi-dua-{plan.year}-{_slug(plan.unit.code)}.xlsx")


def overview_docx(request, plan_pk):
    plan = _overview_plan(request, plan_pk)
    content = documents.registrations_docx(plan, selectors.registration_overview(plan))
    return _attachment(content, DOCX, f"danh-sach-dang-ky-thi-dua-{plan.year}-{_slug(plan.unit.code)}.docx")


def reopen(request, plan_pk, unit_pk):
    user = request.user
    plan = _published_plan(user, plan_pk)
    if not _is_office(user, plan):
        raise Http404
    try:
        unit = registration_units(plan).get(pk=unit_pk)
    except (Unit.DoesNotExist, ValueError):
        raise Http404 from None
    reg = selectors.registration_of(request.user, plan, unit)
    form = ReopenForm(request.POST or None, initial={"until": timezone.localdate() + timedelta(days=7)})
    if request.method == "POST" and form.is_valid():
        try:
            reg = actions.registration_reopen(acting_user=user, registration=reg, plan=plan, unit=unit,
                                              reason=form.cleaned_data["reason"], until=form.cleaned_data["until"])
        except ValidationError as e:
            apply_validation_error(form, e)
        except PermissionDenied as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"Đã mở lại đăng ký thi đua cho {unit.name} đến hết ngày {reg.reopened_until:%d/%m/%Y}. "
                                      "Lý do được ghi vào diễn biến đăng ký của đơn vị.")
            return redirect("registration:overview", plan_pk=plan.pk)
    return render(request, "registration/reopen.html", {
        "plan": plan, "unit": unit, "registration": reg, "form": form,
        "status_text": selectors.registration_status_text(reg, plan),
        "timeline": selectors.registration_timeline(user, reg),
    })


@require_POST
def close(request, plan_pk):
    user = request.user
    plan = _published_plan(user, plan_pk)
    if not _is_office(user, plan):
        raise Http404
    info = _deadline_info(plan)
    if info["milestone"] is None:
        messages.error(request, "Kế hoạch không có hạn đăng ký thi đua: không có gì để đóng.")
    elif not info["past"]:
        messages.error(request, f"Chưa hết hạn đăng ký (hết ngày {info['milestone'].due_on:%d/%m/%Y}): chưa thể đóng đăng ký.")
    else:
        n = actions.registrations_close(plan=plan, acting_user=user)
        if n:
            messages.success(request, f"Đã đóng đăng ký: {n} đơn vị chưa đăng ký được ghi nhận không có nhu cầu thi đua, "
                                      f"khen thưởng năm {plan.year}.")
        else:
            messages.info(request, "Đăng ký đã đóng; không còn đơn vị nào chưa đăng ký.")
    return redirect("registration:overview", plan_pk=plan.pk)
