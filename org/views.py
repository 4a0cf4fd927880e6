"""Thin views: parse the request, call a selector or an action, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, carry_seen, seen_values

from jobs import exports, tracking

from . import actions, duties, imports, people_excel, selectors
from .duties import Duty
from .forms import ImportForm, MergeForm, MoveForm, PersonCreateForm, PersonForm, UnitForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _count_upto(qs, limit=1000):
    """The count for a tab's label, stopping at ``limit`` (shown as "1.000+"): the tab
    that is open counts exactly, the others need not read 100,000 rows."""
    n = qs[: limit + 1].count()
    return f"{limit:,}+".replace(",", ".") if n > limit else n


def _show_all(request):
    return request.GET.get("all") == "1"


# --- units ---------------------------------------------------------------

def unit_tree(request):
    show_all = _show_all(request)
    roots = list(duties.units_where(request.user, Duty.VIEW).order_by("sort_key"))
    q = request.GET.get("q", "").strip()
    # Search finds dissolved units too: people look for the old names.
    results = selectors.units_search(request.user, q)[:100] if q else None
    # The roots come open one level: a ward officer sees their ward's units at once.
    children = {r.pk: selectors.unit_children(request.user, r, include_dissolved=show_all) for r in roots}
    return render(request, "org/unit_tree.html", {
        "roots": roots, "children": children, "show_all": show_all, "q": q, "results": results,
    })


def unit_tree_children(request, pk):
    unit = selectors.unit_get_for_user(request.user, pk)
    nodes = selectors.unit_children(request.user, unit, include_dissolved=_show_all(request))
    return render(request, "org/_tree_nodes.html", {"nodes": nodes, "show_all": _show_all(request)})


def unit_detail(request, pk):
    user = request.user
    unit = selectors.unit_get_for_user(user, pk)
    tab = request.GET.get("tab", "members")
    if tab not in ("members", "units", "former", "history"):
        tab = "members"
    predecessors = selectors.unit_predecessors_for(user, unit)
    successor_visible = selectors.unit_successor_visible(user, unit)
    # A unit may hold 100,000 people: every list is counted with one query and
    # only the open tab reads one page of rows.
    members = selectors.unit_current_members(unit)
    former = selectors.unit_former_members(unit)
    events = selectors.unit_events(unit)
    children = selectors.unit_children(user, unit, include_dissolved=True)
    listed = {"members": members, "former": former, "history": events}.get(tab)
    page = Paginator(listed, 50 if tab != "history" else 30).get_page(request.GET.get("page")) if listed is not None else None
    context = {
        "unit": unit, "tab": tab, "page": page,
        "ancestors": selectors.unit_ancestors_for(user, unit),
        "children": children if tab == "units" else None,
        "n_members": page.paginator.count if tab == "members" else _count_upto(members),
        "n_former": page.paginator.count if tab == "former" else _count_upto(former),
        "n_children": selectors.unit_children_count(user, unit),
        "n_people_subtree": selectors.unit_people_count(unit),
        "predecessors": predecessors, "successor_visible": successor_visible,
        "events": page.object_list if tab == "history" else events[:6],
        "can_edit_unit": duties.has_duty(user, unit, Duty.STANDING_OFFICE),
        "can_edit_people_here": duties.has_duty(user, unit, Duty.EDIT_PEOPLE) and unit.is_active_on(timezone.localdate()),
    }
    return render(request, "org/unit_detail.html", context)


def unit_create(request):
    parent = selectors.unit_get_for_user(request.user, request.GET.get("parent"))
    if not duties.has_duty(request.user, parent, Duty.STANDING_OFFICE):
        raise Http404
    form = UnitForm(request.POST or None, initial={"valid_from": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            unit = actions.unit_create(acting_user=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã thêm đơn vị “{unit.name}”.")
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "parent": parent, "unit": None})


def unit_edit(request, pk):
    unit = selectors.unit_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, unit, Duty.STANDING_OFFICE):
        raise Http404
    initial = {f: getattr(unit, f) for f in actions.UNIT_FIELDS}
    form = carry_seen(UnitForm(request.POST or None, initial=initial))
    if request.method == "POST" and form.is_valid():
        try:
            actions.unit_update(acting_user=request.user, unit=unit, expected=seen_values(form), **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã lưu thông tin đơn vị.")
            return redirect("org:unit_detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "unit": unit, "parent": None})


def unit_merge(request, pk):
    """Record that other units were merged into this one (this one is the successor)."""
    target = selectors.unit_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, target, Duty.STANDING_OFFICE):
        raise Http404
    candidates = selectors.unit_merge_candidates(request.user, target)
    form = MergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.units_merge(acting_user=request.user, units=list(data["units"]), successor=target, on=data["on"],
                                move_people=data["move_people"], move_children=data["move_children"], note=data["note"])
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã ghi nhận sáp nhập {len(data['units'])} đơn vị vào “{target.name}”.")
            return redirect("org:unit_detail", pk=target.pk)
    return render(request, "org/unit_merge.html", {"form": form, "unit": target})


# --- people ----------------------------------------------------------------

def _people_filter(request):
    unit = None
    if request.GET.get("unit"):
        unit = selectors.unit_get_for_user(request.user, request.GET["unit"])
    q = request.GET.get("q", "").strip()
    subunits = request.GET.get("sub") != "0"
    return q, unit, selectors.people_search(request.user, q, unit=unit, subunits=subunits)


# Up to this many units in scope the unit filter is a drop-down; beyond, a search.
UNIT_SELECT_MAX = 150


def people_list(request):
    q, unit, people = _people_filter(request)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    context = {"page": page, "q": q, "unit": unit, "sub": request.GET.get("sub") != "0"}
    if request.htmx and request.htmx.target == "people-results":
        return render(request, "org/_people_table.html", context)
    units = list(selectors.units_search(request.user, include_dissolved=False).only("pk", "name", "depth", "path")[: UNIT_SELECT_MAX + 1])
    if len(units) <= UNIT_SELECT_MAX:
        top = min((u.depth for u in units), default=0)
        units.sort(key=lambda u: u.path)
        for u in units:
            u.indent = "· " * (u.depth - top)
        context["unit_choices"] = units
    else:
        context["unit_choices"] = None
    return render(request, "org/people_list.html", context)


def people_unit_picker(request):
    """Units matching what was typed in the people list's unit filter (htmx)."""
    uq = request.GET.get("uq", "").strip()
    units = selectors.units_search(request.user, uq, include_dissolved=False)[:15] if uq else []
    return render(request, "org/_unit_picker.html", {"units": units, "uq": uq})


def people_export(request):
    q, unit, people = _people_filter(request)
    if selectors.count_over(people, exports.inline_rows()):
        # A big list is written by the worker; its page shows how far it got (jobs.exports).
        job = exports.start(acting_user=request.user, kind="people",
                            params={"q": q, "unit": unit.pk if unit else None, "sub": request.GET.get("sub") != "0"},
                            title=f"danh sách cán bộ{' — ' + unit.name if unit else ''}{' — “' + q + '”' if q else ''}",
                            filename=f"danh-sach-can-bo-{timezone.localdate():%Y%m%d}.xlsx",
                            back_url=request.get_full_path().replace("/xuat-excel/", "/", 1), back_label="Cán bộ")
        return redirect("jobs:export", pk=job.pk)
    content = people_excel.export_people(people.select_related("unit"))
    name = f"danh-sach-can-bo-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def people_template(request):
    response = HttpResponse(people_excel.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-danh-sach-can-bo.xlsx"'
    return response


def people_import(request):
    if not duties.has_duty(request.user, None, Duty.EDIT_PEOPLE):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    job = None
    if request.method == "POST" and form.is_valid():
        job = people_excel.start_import(acting_user=request.user, upload=form.cleaned_data["file"])
        if job.queued:
            # A big file: the worker reads it; its page shows how far it got.
            return redirect("org:people_import_job", pk=job.pk)
    return render(request, "org/people_import.html", {
        "form": form, "job": job, "columns": people_excel.COLUMNS,
        "recent": selectors.people_imports_recent(request.user),
        **_import_units(request),
    })


def _import_units(request, limit=12):
    """The unit codes the user may import into: a short list, searchable, the whole list in Excel."""
    q = request.GET.get("uq", "").strip()
    units = selectors.units_with_duty(request.user, Duty.EDIT_PEOPLE, q)
    shown = list(units.order_by("depth", "sort_key")[: limit + 1])
    return {"units": shown[:limit], "units_more": len(shown) > limit, "uq": q}


def people_import_units(request):
    """The unit-code picker of the import page (htmx) — the same list, filtered."""
    if not duties.has_duty(request.user, None, Duty.EDIT_PEOPLE):
        raise Http404
    return render(request, "org/_import_units.html", _import_units(request, limit=30))


def people_import_units_export(request):
    if not duties.has_duty(request.user, None, Duty.EDIT_PEOPLE):
        raise Http404
    units = selectors.units_with_duty(request.user, Duty.EDIT_PEOPLE).order_by("path")
    response = HttpResponse(people_excel.export_unit_codes(units), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="ma-don-vi.xlsx"'
    return response


def _job(request, pk):
    """The import, brought up to date: failed with a message when the process running it died (jobs.tracking)."""
    return tracking.check(selectors.import_job_get_for_user(request.user, pk))


def _job_card(request, job):
    return render(request, "org/_import_job.html", {"job": job})


def import_job(request, pk):
    """Where an import of any kind has got to: the card the import pages poll (org.imports)."""
    job = _job(request, pk)
    if not request.htmx:
        return redirect(job.page_url)
    return _job_card(request, job)


@require_POST
def import_job_retry(request, pk):
    """Run again an import that failed without a verdict on its file (interrupted, or a system error)."""
    job = selectors.import_job_get_for_user(request.user, pk)
    try:
        imports.retry(acting_user=request.user, job=job)
    except (ValidationError, PermissionDenied) as e:
        messages.error(request, " ".join(getattr(e, "messages", [str(e)])))
    return redirect(job.page_url)


def people_import_job(request, pk):
    job = _job(request, pk)
    if request.htmx:
        return _job_card(request, job)
    return render(request, "org/people_import.html", {
        "form": ImportForm(), "job": job, "columns": people_excel.COLUMNS,
        "recent": selectors.people_imports_recent(request.user, besides=job),
        **_import_units(request),
    })


def person_detail(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    return render(request, "org/person_detail.html", {
        "person": person,
        "employments": selectors.person_employments(person),
        "events": selectors.person_events(person)[:100],
        "can_edit": duties.has_duty(request.user, person.unit, Duty.EDIT_PEOPLE),
        "ancestors": [*selectors.unit_ancestors_for(request.user, person.unit), person.unit],
    })


def person_create(request):
    unit = selectors.unit_get_for_user(request.user, request.GET.get("unit"))
    if not duties.has_duty(request.user, unit, Duty.EDIT_PEOPLE):
        raise Http404
    form = PersonCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.person_create(acting_user=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã thêm cán bộ {person.full_name}.")
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "unit": unit, "person": None})


def person_edit(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, person.unit, Duty.EDIT_PEOPLE):
        raise Http404
    # The form carries the values the editor saw (core.forms.carry_seen): what they did not change
    # keeps what someone else saved meanwhile, and a field both changed is refused (core.stale).
    form = carry_seen(PersonForm(request.POST or None, initial={f: getattr(person, f) for f in actions.PERSON_FIELDS}))
    if request.method == "POST" and form.is_valid():
        changed = {f: form.cleaned_data[f] for f in form.changed_data}
        try:
            actions.person_update(acting_user=request.user, person=person, expected=seen_values(form), **changed)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã lưu thông tin cán bộ." if changed else "Không có thông tin nào thay đổi.")
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "unit": person.unit, "person": person})


def person_move(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, person.unit, Duty.EDIT_PEOPLE):
        raise Http404
    units = selectors.person_move_targets(request.user, person)
    form = MoveForm(request.POST or None, units=units, initial={"on": timezone.localdate(), "position": person.position})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.person_move(acting_user=request.user, person=person, unit=data["unit"], on=data["on"],
                                position=data["position"], note=data["note"])
        except ValidationError as e:
            apply_validation_error(form, e)
        except PermissionDenied as e:
            form.add_error("unit", str(e))
        else:
            messages.success(request, f"Đã chuyển {person.full_name} sang {data['unit'].name}.")
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_move.html", {"form": form, "person": person})
