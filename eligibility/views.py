from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from core.excel import to_bytes
from jobs import selectors as jobs_selectors, tracking as jobs_tracking
from core.params import get_int, get_year, parse_int
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


_registration_filter = export.registration_filter


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


def _search(request):
    """What was typed to find a name or code (kept short: a search, not a document)."""
    return (request.GET.get("q") or "").strip()[:100]


def unit_eligibility(request):
    unit, year, award, status = _params(request)
    q = _search(request)
    awards = list(rulebook_selectors.decidable_award_types())
    people_awards = [a for a in awards if "individual" in a.recipient_kinds]
    unit_awards = [a for a in awards if "individual" not in a.recipient_kinds]
    run, stale = results.status(year, unit)
    context = {"unit": unit, "year": year, "award": award, "status": status, "awards": awards, "q": q,
               "search_cap": selectors.SEARCH_CAP,
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
        listing, ids, reg_ids, reg, registered = _award_listing(request, unit, year, a, kind, status, q)
        n_eligible, n_total = listing.award_totals(position)
        page = Paginator(ids if ids is not None else listing, PAGE).get_page(request.GET.get("page"))
        shown_ids = [r if ids is not None else r[0] for r in page.object_list]
        explained = selectors.explained(year, kind, shown_ids, awards)
        page.object_list = [(explained[sid][award], sid in reg_ids) for sid in shown_ids if award in explained.get(sid, {})]
        context["linkable"] = _linkable(request.user, shown_ids if kind == "p" else [])
        context.update(page=page, has_registration=registered is not None, reg=reg, reg_choices=REG_FILTERS,
                       n_eligible=n_eligible, n_total=n_total, award_obj=a, capped=listing.capped,
                       propose=_proposal_context(request, unit, year, a, kind, shown_ids))
    else:
        # A matrix: one row per person or collective, one column per award, reasons in the cells.
        people = selectors.results_under(year, unit, "p", eligible_only=status == "eligible", search=q)
        units = selectors.results_under(year, unit, "u", eligible_only=status == "eligible", search=q)
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
                       capped=people.capped or units.capped,
                       counts=[(a, counts.get(a.id, 0)) for a in awards])
    return render(request, "eligibility/unit.html", context)


def _award_listing(request, unit, year, a, kind, status, q):
    """One award's list with the page's filters: (listing, the ids kept by the registration filter or None,
    the registered ids, the registration filter, whether the year has a registration)."""
    position = results.award_bits()[a.id]
    listing = selectors.award_results_under(year, unit, kind, position, status, search=q)
    # Registration (đăng ký thi đua) of the year, when a plan of that year concerns the unit.
    registered = registration_selectors.registered_subjects(unit, year, a.code)
    reg = request.GET.get("reg") or ""
    if reg not in dict(REG_FILTERS):
        reg = ""
    ids = None
    if registered is not None:
        reg_ids = registered[0] if kind == "p" else registered[1]
        if reg:
            ids = [sid for sid, ok in listing.ids_and_flags(1 << position) if _registration_filter(reg, ok, sid in reg_ids)]
    else:
        reg_ids, reg = set(), ""
    return listing, ids, reg_ids, reg, registered


def _dossiers_to_propose_into(user, unit, year):
    """The dossiers of ``year`` still being drawn up (draft, or returned to be mended) that ``user`` may add lines to,
    of ``unit`` or a unit above it: every person and collective listed under ``unit`` is then the dossier's."""
    from dossiers import selectors as dossier_selectors, workflow as dossier_workflow
    from dossiers.models import Status

    found = []
    for status in (Status.DRAFT, Status.RETURNED):
        found += [d for d in dossier_selectors.dossiers_for(user, box="sent", status=status, year=year)[:200]
                  if unit.path.startswith(d.unit.path)]
    found.sort(key=lambda d: d.updated_at, reverse=True)
    found.sort(key=lambda d: -len(d.unit.path))  # the unit's own dossiers first, the latest first
    return [d for d in found if dossier_workflow.allowed(user, d, "edit")][:50]


def _held(dossier, award, kind):
    """The ids of the people (or collectives) the dossier already proposes for ``award``."""
    from dossiers import selectors as dossier_selectors

    return {(ln.person_id if kind == "p" else ln.unit_id) for ln in dossier_selectors.lines_of(dossier)
            if ln.award_type_id == award.id}


def _proposal_context(request, unit, year, award, kind, shown_ids):
    """What the list needs to put the people ticked into a dossier: the dossiers offered, the one chosen (``dossier``
    in the address, or the only one), and which of the page's rows it already holds."""
    dossiers = _dossiers_to_propose_into(request.user, unit, year)
    if not dossiers and not duties.has_duty(request.user, unit, Duty.SUBMIT):
        return None
    wanted = get_int(request, "dossier")
    chosen = next((d for d in dossiers if d.pk == wanted), dossiers[0] if len(dossiers) == 1 else None)
    held = _held(chosen, award, kind) & set(shown_ids) if chosen else set()
    return {"dossiers": dossiers, "chosen": chosen, "held": held}


# At most this many lines are put into a dossier at once (a whole city ticked is a mistake, not a dossier).
PROPOSE_MAX = 1000


def _names(subjects, limit=5):
    names = [getattr(s, "full_name", None) or s.name for s in subjects[:limit]]
    return ", ".join(names) + (f" và {len(subjects) - limit} người khác" if len(subjects) > limit else "")


@require_POST
def propose(request):
    """Đưa vào hồ sơ đề nghị: the people (or collectives) ticked on one award's list — or every one the filters keep,
    across pages — become lines of a dossier being drawn up (dossiers.actions.lines_add, all or nothing). Those the
    dossier already proposes for the award, and those who now work outside the dossier's unit, are left out and
    named. The list is shown again with its filters."""
    from dossiers import actions as dossier_actions

    unit, year, award, status = _params(request)
    q = _search(request)
    a = next((x for x in rulebook_selectors.decidable_award_types() if x.code == award), None) if award else None
    back_params = [(k, v) for k, v in request.GET.items() if k != "dossier"]
    back = f"{reverse('eligibility:unit')}?{urlencode(back_params)}"
    if a is None:
        messages.error(request, "Chọn một danh hiệu, hình thức trước khi đưa vào hồ sơ đề nghị.")
        return redirect(back)
    run, _stale = results.status(year, unit)
    if run.computed_at is None:
        messages.error(request, f"Kết quả năm {year} đang được tính lần đầu: chờ ít phút rồi chọn lại.")
        return redirect(back)
    kind = "p" if "individual" in a.recipient_kinds else "u"
    listing, ids, _reg_ids, _reg, _registered = _award_listing(request, unit, year, a, kind, status, q)
    dossier = next((d for d in _dossiers_to_propose_into(request.user, unit, year)
                    if d.pk == parse_int(request.POST.get("dossier"))), None)
    if dossier is None:
        messages.error(request, f"Chọn hồ sơ đề nghị năm {year} đang lập để đưa vào.")
        return redirect(back)
    back = f"{reverse('eligibility:unit')}?{urlencode([*back_params, ('dossier', dossier.pk)])}"
    if request.POST.get("all"):
        chosen = ids if ids is not None else listing.ids()
        if listing.capped:
            messages.error(request, f"“{q}” khớp quá nhiều người để chọn tất cả: gõ thêm (họ và tên đầy đủ, hoặc mã) để thu hẹp.")
            return redirect(back)
    else:
        picked = [i for i in (parse_int(x, min_value=1) for x in request.POST.getlist("pick")) if i]
        chosen = listing.ids_among(picked)
        if ids is not None:
            kept = set(ids)
            chosen = [i for i in chosen if i in kept]
    if not chosen:
        messages.error(request, "Chưa chọn người hay tập thể nào: đánh dấu ở cột “Chọn”, hoặc chọn tất cả kết quả đang lọc.")
        return redirect(back)
    if len(chosen) > PROPOSE_MAX:
        messages.error(request, f"Đã chọn {len(chosen):,} dòng, quá {PROPOSE_MAX:,} dòng cho một lần đưa vào hồ sơ: hãy lọc "
                                "theo đơn vị, kết quả “đủ điều kiện” hoặc tìm theo tên.".replace(",", "."))
        return redirect(back)
    subjects = selectors.subjects_for_lines(kind, chosen)
    held = _held(dossier, a, kind)
    items, already, outside = [], [], []
    for sid in chosen:
        s = subjects.get(sid)
        if s is None:
            continue
        where = s.unit if kind == "p" else s
        if sid in held:
            already.append(s)
        elif where is None or not where.path.startswith(dossier.unit.path):
            outside.append(s)
        else:
            items.append({"person": s if kind == "p" else None, "unit": s if kind == "u" else None, "award_type": a})
    name = a.local_name or a.name
    if items:
        try:
            dossier_actions.lines_add(acting_user=request.user, dossier=dossier, items=items, source="eligibility")
        except (ValidationError, PermissionDenied) as e:
            for text in getattr(e, "messages", [str(e)]):
                messages.error(request, text)
            return redirect(back)
        messages.success(request, f"Đã đưa {len(items)} dòng “{name}” vào hồ sơ {dossier.code} ({dossier.title}).")
    if already:
        messages.info(request, f"Hồ sơ {dossier.code} đã có {len(already)} dòng “{name}” của {_names(already)}: không thêm lần nữa.")
    if outside:
        messages.warning(request, f"Không đưa vào hồ sơ {dossier.code}: {_names(outside)} — nay không công tác ở "
                                  f"{dossier.unit.name}.")
    return redirect(back)


# The filters a link to another unit keeps (the page number is the old unit's, and goes).
KEPT_FILTERS = ("year", "award", "status", "reg", "q")


def unit_picker(request):
    """Units in the user's scope matching what was typed (``uq``), as links to their eligibility page that keep the
    other filters (the year, the award, the result, the registration, the name searched)."""
    legacy = "uq" not in request.GET  # a link of before: ``q`` was the unit's name
    uq = ((request.GET.get("q") if legacy else request.GET.get("uq")) or "").strip()[:100]
    units = list(org_selectors.units_search(request.user, uq)[:20]) if uq else []
    kept = [(k, request.GET[k]) for k in KEPT_FILTERS if request.GET.get(k) and not (legacy and k == "q")]
    template = "eligibility/_unit_choices.html" if request.htmx else "eligibility/unit_picker.html"
    return render(request, template, {"uq": uq, "units": units, "keep": urlencode(kept), "kept": kept})


# Past this many people under the unit, the export is written by the worker (a city: tens of seconds).
BIG_EXPORT_PEOPLE = 20000


def unit_eligibility_export(request):
    """The list as Excel, with the filters of the page (award, result, registration, the name searched)."""
    unit, year, award, status = _params(request)
    q = _search(request)
    reg = (request.GET.get("reg") or "") if award and request.GET.get("reg") in dict(REG_FILTERS) else ""
    if org_selectors.unit_people_count(unit) > BIG_EXPORT_PEOPLE:
        job = actions.export_job_start(acting_user=request.user, unit=unit, year=year, award=award or "", status=status,
                                       q=q, reg=reg)
        return redirect("jobs:export", pk=job.pk)
    response = HttpResponse(to_bytes(export.export_workbook(unit, year, award, status, q=q, reg=reg)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xet-khen-thuong-{unit.code}-{year}.xlsx"'
    return response


def person_achievements(request, pk):
    person = org_selectors.person_get_for_user(request.user, pk)
    year = get_year(request) or selectors.default_year(person=person)
    result = evaluate(year, person=person)
    outcomes = sorted(result.outcomes, key=lambda o: o.award.rank)
    history = selectors.person_history(person)
    # A revoked award says what is still to be recovered (the recovery ledger of decisions).
    from decisions.selectors import attach_recoveries

    attach_recoveries([a for h in history for a in h["awards"]], request.user)
    return render(request, "eligibility/person.html", {
        "person": person, "year": year, "outcomes": outcomes, "history": history,
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
