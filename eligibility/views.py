from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from openpyxl import Workbook

from core.excel import Column, to_bytes, write_sheet
from core.params import get_year
from movements import selectors as movement_selectors
from org import duties, selectors as org_selectors
from org.duties import Duty
from records.selectors import rating_events
from rulebook.models import AwardType

from . import results, selectors
from .engine import evaluate
from .facts import Filter

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


def _filtered(outcomes, status):
    if status == "eligible":
        return [o for o in outcomes if o.eligible]
    if status == "not":
        return [o for o in outcomes if not o.eligible]
    return outcomes


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


class _Stored:
    """A collective's answer as kept with the results (its reasons need every member's answers)."""

    kind = "unit"

    def __init__(self, subject, award, eligible, met, unmet):
        self.subject, self.award, self.eligible, self.met, self.unmet = subject, award, eligible, met, unmet


def _explained(year, kind, ids, awards=()):
    """Answers with their reasons for the subjects shown: {subject id: {award code: answer}}.

    People are evaluated afresh (a page of them takes milliseconds); collectives are read as kept."""
    if not ids:
        return {}
    out = {}
    if kind == "u":
        by_code = {a.code: a for a in awards}
        for subject, eligible, reasons in selectors.kept_collectives(year, ids, awards):
            for code, (met, unmet) in reasons.items():
                out.setdefault(subject.pk, {})[code] = _Stored(subject, by_code[code], eligible[code], met, unmet)
        return out
    flt = Filter(person_ids=ids, unit_ids=[])
    for o in evaluate(year, flt=flt).outcomes:
        if (o.kind == "person") == (kind == "p") and o.subject.id in ids:
            out.setdefault(o.subject.id, {})[o.award.code] = o
    return out


def _linkable(user, person_ids):
    """The people of a page whose own page the user may open: someone who worked in the unit during the
    year and has since moved out of the user's scope is listed (the year is the unit's), but not linked."""
    return set(org_selectors.people_for(user).filter(pk__in=person_ids).values_list("id", flat=True)) if person_ids else set()


def unit_eligibility(request):
    unit, year, award, status = _params(request)
    awards = list(AwardType.objects.filter(decidable=True).order_by("rank", "code"))
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
        e, v = f"e{position}", f"v{position}"
        eligible_q = (f" AND (r.eligible & {bit}) <> 0", [], lambda c: c.get(e, 0))
        not_q = (f" AND (r.evaluated & {bit}) <> 0 AND (r.eligible & {bit}) = 0", [], lambda c: c.get(v, 0) - c.get(e, 0))
        segments = {"eligible": [eligible_q], "not": [not_q]}.get(status, [eligible_q, not_q])
        listing = selectors.ResultList(year, unit, kind, segments)
        stored = listing.stored_counts()
        n_eligible, n_total = stored.get(e, 0), stored.get(v, 0)
        # Registration (đăng ký thi đua) of the year, when a plan of that year concerns the unit.
        registered = movement_selectors.registered_subjects(unit, year, award)
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
        explained = _explained(year, kind, shown_ids, awards)
        page.object_list = [(explained[sid][award], sid in reg_ids) for sid in shown_ids if award in explained.get(sid, {})]
        context["linkable"] = _linkable(request.user, shown_ids if kind == "p" else [])
        context.update(page=page, has_registration=registered is not None, reg=reg, reg_choices=REG_FILTERS,
                       n_eligible=n_eligible, n_total=n_total, award_obj=a)
    else:
        # A matrix: one row per person or collective, one column per award, reasons in the cells.
        only = [(" AND r.eligible <> 0", [], lambda c: c.get("any", 0))] if status == "eligible" else None
        people = selectors.ResultList(year, unit, "p", only)
        units = selectors.ResultList(year, unit, "u", only)
        page = Paginator(people, PAGE).get_page(request.GET.get("page"))
        unit_page = Paginator(units, UNIT_PAGE).get_page(request.GET.get("upage"))
        for p, kind, subject_awards in ((page, "p", people_awards), (unit_page, "u", unit_awards)):
            ids = [r[0] for r in p.object_list]
            explained = _explained(year, kind, ids, awards)
            p.object_list = [{"subject": next(iter(explained[sid].values())).subject,
                              "cells": [explained[sid].get(a.code) for a in subject_awards]}
                             for sid in ids if explained.get(sid)]
        context["linkable"] = _linkable(request.user, [row["subject"].id for row in page.object_list])
        bits = results.award_bits()
        counts = selectors.ResultList(year, unit, "p").award_counts({a.id: bits[a.id] for a in people_awards})
        counts.update(selectors.ResultList(year, unit, "u").award_counts({a.id: bits[a.id] for a in unit_awards}))
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


EXPORT_COLUMNS = [
    Column("recipient", "Mã", width=14), Column("name", "Cá nhân / tập thể", width=32), Column("kind", "Loại", width=10),
    Column("unit", "Đơn vị", width=36), Column("position", "Chức vụ", width=24),
    Column("award", "Danh hiệu, hình thức", width=34), Column("eligible", "Đủ điều kiện", width=12),
    Column("met", "Điều kiện đã đạt", width=60), Column("unmet", "Điều kiện còn thiếu", width=60),
    Column("legal_basis", "Căn cứ", width=34),
]


def _export_places(result):
    """(kind, id) -> (unit name, position): a person's unit and position, a collective's parent unit."""
    from org.models import Person, Unit

    out = {}
    ids = list(result.people)
    for i in range(0, len(ids), 20000):
        for pid, position, unit_name in Person.objects.filter(pk__in=ids[i:i + 20000]).values_list("id", "position", "unit__name"):
            out["person", pid] = (unit_name or "", position or "")
    units = {u.pk: u for u in Unit.objects.filter(pk__in=list(result.units)).only("id", "path", "depth", "name")}
    parents = {u.path: u.name for u in Unit.objects.filter(path__in={u.path[:-Unit.steplen] for u in units.values() if u.depth > 1}).only("path", "name")}
    for uid, u in units.items():
        out["unit", uid] = (parents.get(u.path[:-Unit.steplen], ""), "")
    return out


# Past this many people under the unit, the export is written by the worker (a city: tens of seconds).
BIG_EXPORT_PEOPLE = 20000
EXCEL_MAX_ROWS = 1_048_575  # one row is the header


def export_workbook(unit, year, award, status, progress=None):
    """The eligibility export as a workbook: the same rows, in the same order, however it is run."""
    result = evaluate(year, unit=unit, award_code=award)
    outcomes = sorted(_filtered(result.outcomes, status), key=lambda o: (o.kind != "person", o.subject.name, o.award.rank))
    if len(outcomes) > EXCEL_MAX_ROWS:
        raise ValueError(f"Có {len(outcomes):,} dòng, quá số dòng tối đa của một tệp Excel ({EXCEL_MAX_ROWS:,}): "
                         "hãy chọn một danh hiệu, kết quả “đủ điều kiện” hoặc một đơn vị nhỏ hơn.".replace(",", "."))
    wb = Workbook()
    ws = wb.active
    ws.title = f"Xét khen thưởng {year}"
    where = _export_places(result)

    def rows():
        for i, o in enumerate(outcomes):
            if progress is not None and i % 2000 == 0:
                progress(i, len(outcomes))
            yield {
                "recipient": o.subject.code, "name": o.subject.name, "kind": "Cá nhân" if o.kind == "person" else "Tập thể",
                "unit": where.get((o.kind, o.subject.id), ("", ""))[0], "position": where.get((o.kind, o.subject.id), ("", ""))[1],
                "award": o.award.name, "eligible": "Đủ" if o.eligible else "Chưa đủ",
                "met": "\n".join(o.met()), "unmet": "\n".join(o.unmet()), "legal_basis": o.award.legal_basis,
            }
    write_sheet(ws, EXPORT_COLUMNS, rows())
    return wb


def unit_eligibility_export(request):
    unit, year, award, status = _params(request)
    from org.models import Person

    if Person.objects.filter(unit__path__startswith=unit.path).count() > BIG_EXPORT_PEOPLE:
        from .models import ExportJob
        from .tasks import export_eligibility

        job = ExportJob.objects.create(user=request.user, unit=unit, year=year, award=award or "", status_filter=status)
        export_eligibility.enqueue(job.pk)
        return redirect("eligibility:export_job", pk=job.pk)
    response = HttpResponse(to_bytes(export_workbook(unit, year, award, status)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xet-khen-thuong-{unit.code}-{year}.xlsx"'
    return response


def _job_for_user(request, pk):
    from .models import ExportJob

    return get_object_or_404(ExportJob.objects.select_related("unit"), pk=pk, user=request.user)


def export_job(request, pk):
    """Progress of a big export, then its download link (the page polls while the worker writes)."""
    job = _job_for_user(request, pk)
    template = "eligibility/_export_job.html" if request.htmx else "eligibility/export_job.html"
    return render(request, template, {"job": job})


def export_job_download(request, pk):
    from django.conf import settings
    from django.http import FileResponse

    job = _job_for_user(request, pk)
    path = settings.DATA_DIR / "exports" / f"eligibility-{job.pk}.xlsx"
    if job.state != job.State.DONE or not path.exists():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.filename, content_type=XLSX)


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
