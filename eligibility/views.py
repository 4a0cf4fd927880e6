from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from core.excel import to_bytes
from jobs import selectors as jobs_selectors, tracking as jobs_tracking
from core.params import get_year
from core.years import review_year
from registration import selectors as registration_selectors
from org import duties, selectors as org_selectors
from org.duties import Duty
from records.selectors import rating_events
from rulebook import selectors as rulebook_selectors

from . import actions, export, preview, preview_export, results, selectors
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
    year = get_year(request) or review_year()  # in December and January: the year just ending
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
               "years": _years(year), "run": run, "stale": stale, "drafts": preview.drafts()}
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


# --- preview under a draft of the rulebook (eligibility/preview.py) ------------------------------------------

PREVIEW_PAGE = 25
PREVIEW_UNIT_PAGE = 20


def preview_inline_people():
    """Up to this many people under the unit (TDKT_PREVIEW_INLINE_PEOPLE, default 800), a draft preview is
    compared during the request (on the city-scale demo, shared 2-core machine: a page of 50 people 75 ms, of
    1,233 people 220 ms); above it by the worker, once, and the page reads what it kept (65–160 ms)."""
    from django.conf import settings

    return int(getattr(settings, "TDKT_PREVIEW_INLINE_PEOPLE", 800))
def _preview_params(request):
    unit, year, award, _status = _params(request)
    drafts = preview.drafts()
    if not drafts:
        raise Http404("Chưa có dự thảo quy định nào")
    try:
        draft = preview.get_draft(request.GET.get("rules") or drafts[0].code)
    except preview.UnknownDraft:
        raise Http404("Không có dự thảo này") from None
    return unit, year, award, draft, drafts


def _preview_big(unit):
    return org_selectors.unit_people_count(unit) > preview_inline_people()


def _preview_row(change, user_linkable):
    """What a line of the list shows, from a Change (its reasons from both sides)."""
    return {"label": change.label, "direction": change.direction, "kind": change.kind, "code": change.subject.code,
            "name": change.subject.name, "subject_id": change.subject.id, "place": change.place, "award": change.award,
            "linked": change.kind == "person" and change.subject.id in user_linkable,
            "met": change.met(), "unmet": change.unmet(),
            "in_force_met": change.in_force_met(), "in_force_unmet": change.in_force_unmet(), "gone": False}


def _kept_row(kept_change, subject, user_linkable):
    """A line the worker kept that is no longer a change in the data as it is now."""
    return {"label": kept_change.label, "direction": kept_change.direction, "kind": kept_change.kind,
            "code": subject.code if subject else "", "name": subject.name if subject else "",
            "subject_id": kept_change.subject_id, "place": kept_change.place, "award": kept_change.award,
            "linked": kept_change.kind == "person" and kept_change.subject_id in user_linkable,
            "met": [], "unmet": [], "in_force_met": [], "in_force_unmet": [], "gone": True}


def unit_preview(request):
    """Who would gain and who would lose which title in the unit and year shown, under a draft (never decides)."""
    unit, year, award, draft, drafts = _preview_params(request)
    awards = list(rulebook_selectors.decidable_award_types())
    context = {"unit": unit, "year": year, "award": award, "awards": awards, "years": _years(year),
               "draft": draft, "drafts": drafts, "notes": preview.notes(draft), "big": _preview_big(unit),
               "limit": preview_inline_people()}
    if award and award not in {a.code for a in awards}:
        raise Http404
    if context["big"]:
        job = selectors.preview_job(request.user, draft, year, unit)
        comparison = preview_export.kept(job, unit, {a.code: a for a in awards}) if job is not None else None
        if job is None or (comparison is None and job.state == job.State.DONE
                           and not preview_export.kept_path(job).exists()):
            # Never compared, or what was kept is gone (kept as long as the export beside it).
            job = actions.preview_job_start(acting_user=request.user, draft=draft, unit=unit, year=year)
        context["job"] = job = jobs_tracking.check(job)
        if comparison is None:
            return render(request, "eligibility/preview.html", {**context, "computing": True})
    else:
        comparison = preview.compare(year, draft=draft, unit=unit)
    changes = comparison.filtered(award)
    totals, by_unit = comparison.tally(award)
    all_totals, _ = comparison.tally() if award else (totals, None)
    page = Paginator(changes, PREVIEW_PAGE).get_page(request.GET.get("page"))
    unit_page = Paginator(by_unit, PREVIEW_UNIT_PAGE).get_page(request.GET.get("upage"))
    shown = list(page.object_list)
    linkable = _linkable(request.user, [c.subject.id if hasattr(c, "subject") else c.subject_id
                                        for c in shown if c.kind == "person"])
    if context["big"]:
        explained = preview.explain(year, draft, [c.key for c in shown])
        page.object_list = [_preview_row(explained[c.key], linkable) if isinstance(explained[c.key], preview.Change)
                            else _kept_row(c, explained[c.key], linkable) for c in shown]
    else:
        page.object_list = [_preview_row(c, linkable) for c in shown]
    by_award = [(a, all_totals["by_award"][a.code]) for a in awards if a.code in all_totals["by_award"]]
    context.update(comparison=comparison, page=page, unit_page=unit_page, totals=totals, all_totals=all_totals,
                   by_award=by_award, award_obj=next((a for a in awards if a.code == award), None))
    return render(request, "eligibility/preview.html", context)


def unit_preview_job(request, pk):
    """The worker's progress on a big unit's comparison (polled); once the comparison is kept, the page reloads."""
    job = jobs_tracking.check(jobs_selectors.export_get_for_user(request.user, pk))
    if job.kind != preview_export.KIND:
        raise Http404
    if preview_export.kept_path(job).exists() or job.state in (job.State.DONE, job.State.FAILED):
        return HttpResponseClientRefresh()
    return render(request, "eligibility/_preview_job.html", {"job": job})


@require_POST
def unit_preview_recompute(request):
    """Compare a big unit again (the data changed since the worker kept its comparison)."""
    unit, year, _award, draft, _drafts = _preview_params(request)
    actions.preview_job_start(acting_user=request.user, draft=draft, unit=unit, year=year)
    return redirect(f"{reverse('eligibility:preview')}?unit={unit.pk}&year={year}&rules={draft.code}")


def unit_preview_export(request):
    """The preview as Excel: written now for a small unit, by the worker for a big one (its page offers the file)."""
    unit, year, award, draft, _drafts = _preview_params(request)
    if _preview_big(unit):
        job = selectors.preview_job(request.user, draft, year, unit, award or "")
        if job is None or job.state == job.State.FAILED:
            job = actions.preview_job_start(acting_user=request.user, draft=draft, unit=unit, year=year, award=award or "")
        return redirect("jobs:export", pk=job.pk)
    data = to_bytes(preview_export.workbook(preview.compare(year, draft=draft, unit=unit), award))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{preview_export.filename(draft, unit, year)}"'
    return response
