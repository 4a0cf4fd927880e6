from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.excel import to_bytes
from core.params import get_year
from registration import selectors as registration_selectors
from org import duties, selectors as org_selectors
from org.duties import Duty
from records.selectors import rating_events
from rulebook import selectors as rulebook_selectors

from . import actions, export, results, selectors
from .engine import evaluate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _params(request):
    user = request.user
    if request.GET.get("unit"):
        unit = org_selectors.unit_get_for_user(user, request.GET["unit"])
    else:
        unit = duties.units_where(user, Duty.VIEW).order_by("path").first()
        if unit is None:
            raise Http404
    year = get_year(request) or selectors.default_year(unit=unit)
    year = max(1990, min(year, timezone.localdate().year + 1))
    award = request.GET.get("award") or None
    status = request.GET.get("status") or ""
    return unit, year, award, status


REG_FILTERS = [
    ("registered", "đã đăng ký"),
    ("registered_not_eligible", "đã đăng ký nhưng chưa đủ điều kiện"),
    ("eligible_unregistered", "đủ điều kiện nhưng chưa đăng ký"),
    ("neither", "chưa đăng ký, chưa đủ điều kiện"),
]


def _registration_filter(reg, eligible, registered):
    if reg == "registered":
        return registered
    if reg == "registered_not_eligible":
        return registered and not eligible
    if reg == "eligible_unregistered":
        return eligible and not registered
    if reg == "neither":
        return not registered and not eligible
    return True


PAGE = 25        # people a page (each row shows its reasons)
UNIT_PAGE = 20   # collectives a page


def _years(year):
    """Years to choose from: next year (registration starts before the year) back to fifteen years ago."""
    this = timezone.localdate().year
    years = list(range(this + 1, this - 15, -1))
    if year not in years:
        years.append(year)
    return sorted(years, reverse=True)


def _linkable(user, person_ids):
    """The people of a page whose own page the user may open: someone who worked in the unit during the
    year and has since moved out of the user's scope is listed (the year is the unit's), but not linked."""
    return org_selectors.person_ids_visible(user, person_ids)


def unit_eligibility(request):
    unit, year, award, status = _params(request)
    awards = list(rulebook_selectors.decidable_award_types())
    people_awards = [a for a in awards if "individual" in a.recipient_kinds]
    unit_awards = [a for a in awards if "individual" not in a.recipient_kinds]
    run, stale = results.status(year, unit)
    context = {"unit": unit, "year": year, "award": award, "status": status, "awards": awards,
               "years": _years(year), "run": run, "stale": stale}
    if run.computed_at is None:
        # Never computed: the worker is on it; the page says so rather than making the user wait.
        return render(request, "eligibility/unit.html", {**context, "computing": True})
    by_code = {a.code: a for a in awards}
    if award:
        a = by_code.get(award)
        if a is None:
            raise Http404
        kind = "p" if a in people_awards else "u"
        position = results.award_bits()[a.id]
        bit = 1 << position
        listing = selectors.award_results_under(year, unit, kind, position, status)
        n_eligible, n_total = listing.award_totals(position)
        # Registration (đăng ký thi đua) of the year, when a plan of that year concerns the unit.
        registered = registration_selectors.registered_subjects(unit, year, award)
        reg = request.GET.get("reg") or ""
        ids = None
        if registered is not None:
            reg_ids = registered[0] if kind == "p" else registered[1]
            if reg:
                ids = [sid for sid, ok in listing.ids_and_flags(bit) if _registration_filter(reg, ok, sid in reg_ids)]
        else:
            reg_ids, reg = set(), ""
        page = Paginator(ids if ids is not None else listing, PAGE).get_page(request.GET.get("page"))
        shown_ids = [r if ids is not None else r[0] for r in page.object_list]
        explained = selectors.explained(year, kind, shown_ids, awards)
        page.object_list = [(explained[sid][award], sid in reg_ids) for sid in shown_ids if award in explained.get(sid, {})]
        context["linkable"] = _linkable(request.user, shown_ids if kind == "p" else [])
        context.update(page=page, has_registration=registered is not None, reg=reg, reg_choices=REG_FILTERS,
                       n_eligible=n_eligible, n_total=n_total, award_obj=a)
    else:
        # A matrix: one row per person or collective, one column per award, reasons in the cells.
        people = selectors.results_under(year, unit, "p", eligible_only=status == "eligible")
        units = selectors.results_under(year, unit, "u", eligible_only=status == "eligible")
        page = Paginator(people, PAGE).get_page(request.GET.get("page"))
        unit_page = Paginator(units, UNIT_PAGE).get_page(request.GET.get("upage"))
        for p, kind, subject_awards in ((page, "p", people_awards), (unit_page, "u", unit_awards)):
            ids = [r[0] for r in p.object_list]
            explained = selectors.explained(year, kind, ids, awards)
            p.object_list = [{"subject": next(iter(explained[sid].values())).subject,
                              "cells": [explained[sid].get(a.code) for a in subject_awards]}
                             for sid in ids if explained.get(sid)]
        context["linkable"] = _linkable(request.user, [row["subject"].id for row in page.object_list])
        bits = results.award_bits()
        counts = selectors.results_under(year, unit, "p").award_counts({a.id: bits[a.id] for a in people_awards})
        counts.update(selectors.results_under(year, unit, "u").award_counts({a.id: bits[a.id] for a in unit_awards}))
        context.update(page=page, unit_page=unit_page, people_awards=people_awards, unit_awards=unit_awards,
                       counts=[(a, counts.get(a.id, 0)) for a in awards])
    return render(request, "eligibility/unit.html", context)


def unit_picker(request):
    """Units in the user's scope matching what was typed, as links to their eligibility page."""
    q = (request.GET.get("q") or "").strip()
    units = list(org_selectors.units_search(request.user, q)[:20]) if q else []
    keep = {k: v for k, v in request.GET.items() if k in ("year", "award", "status")}
    template = "eligibility/_unit_choices.html" if request.htmx else "eligibility/unit_picker.html"
    return render(request, template, {"q": q, "units": units, "keep": keep})


# Past this many people under the unit, the export is written by the worker (a city: tens of seconds).
BIG_EXPORT_PEOPLE = 20000


def unit_eligibility_export(request):
    unit, year, award, status = _params(request)
    if org_selectors.unit_people_count(unit) > BIG_EXPORT_PEOPLE:
        job = actions.export_job_start(acting_user=request.user, unit=unit, year=year, award=award or "", status=status)
        return redirect("jobs:export", pk=job.pk)
    response = HttpResponse(to_bytes(export.export_workbook(unit, year, award, status)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xet-khen-thuong-{unit.code}-{year}.xlsx"'
    return response


def person_achievements(request, pk):
    person = org_selectors.person_get_for_user(request.user, pk)
    year = get_year(request) or selectors.default_year(person=person)
    result = evaluate(year, person=person)
    outcomes = sorted(result.outcomes, key=lambda o: o.award.rank)
    return render(request, "eligibility/person.html", {
        "person": person, "year": year, "outcomes": outcomes, "history": selectors.person_history(person),
        "years": _years(year),
        "can_edit": duties.has_duty(request.user, person.unit, Duty.RATE),
        "rating_events": rating_events(person),
    })
