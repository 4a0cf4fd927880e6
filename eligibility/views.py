from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook

from core.excel import Column, to_bytes, write_sheet
from movements import selectors as movement_selectors
from org import scope, selectors as org_selectors
from rulebook.models import AwardType

from . import selectors
from .engine import evaluate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _params(request):
    user = request.user
    if request.GET.get("unit"):
        unit = org_selectors.unit_get_for_user(user, request.GET["unit"])
    else:
        unit = scope.scope_roots(user).order_by("path").first()
        if unit is None:
            raise Http404
    try:
        year = int(request.GET.get("year") or selectors.default_year(unit=unit))
    except ValueError:
        year = timezone.localdate().year - 1
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


def _registration_filter(reg, outcome, registered):
    if reg == "registered":
        return registered
    if reg == "registered_not_eligible":
        return registered and not outcome.eligible
    if reg == "eligible_unregistered":
        return outcome.eligible and not registered
    if reg == "neither":
        return not registered and not outcome.eligible
    return True


PAGE = 100


def unit_eligibility(request):
    unit, year, award, status = _params(request)
    result = evaluate(year, unit=unit, award_code=award)
    awards = list(AwardType.objects.filter(decidable=True).order_by("rank"))
    people_awards = [a for a in awards if "individual" in a.recipient_kinds]
    unit_awards = [a for a in awards if "individual" not in a.recipient_kinds]
    outcomes = _filtered(result.outcomes, status)
    context = {"unit": unit, "year": year, "award": award, "status": status, "awards": awards,
               "years": range(timezone.localdate().year, timezone.localdate().year - 12, -1)}
    if award:
        outcomes.sort(key=lambda o: (not o.eligible, o.kind != "person", o.subject.name))
        # Registration (đăng ký thi đua) of the year, when a plan of that year concerns the unit.
        registered = movement_selectors.registered_subjects(unit, year, award)
        reg = request.GET.get("reg") or ""
        if registered is not None:
            people_ids, unit_ids = registered
            rows = [(o, o.subject.id in (people_ids if o.kind == "person" else unit_ids)) for o in outcomes]
            rows = [(o, r) for o, r in rows if _registration_filter(reg, o, r)]
        else:
            rows, reg = [(o, None) for o in outcomes], ""
        # A city has 200,000 people: the list is read a page at a time (the export has them all).
        context.update(page=Paginator(rows, PAGE).get_page(request.GET.get("page")),
                       has_registration=registered is not None, reg=reg, reg_choices=REG_FILTERS)
        context["n_eligible"] = sum(1 for o in result.outcomes if o.eligible)
        context["n_total"] = len(result.outcomes)
    else:
        # A matrix: one row per person or collective, one column per award.
        people, units = {}, {}
        for o in result.outcomes:
            target = people if o.kind == "person" else units
            target.setdefault(o.subject.id, {"subject": o.subject, "cells": {}})["cells"][o.award.code] = o
        def keep(row):
            cells = row["cells"].values()
            return status != "eligible" or any(c.eligible for c in cells)
        from core.text import person_sort_key
        people_rows = sorted((r for r in people.values() if keep(r)), key=lambda r: person_sort_key(r["subject"].name))
        unit_rows = sorted((r for r in units.values() if keep(r)), key=lambda r: r["subject"].name)
        context["page"] = Paginator(people_rows, PAGE).get_page(request.GET.get("page"))
        context["unit_page"] = Paginator(unit_rows, PAGE).get_page(request.GET.get("upage"))
        context["people_awards"], context["unit_awards"] = people_awards, unit_awards
        context["counts"] = {a.code: sum(1 for o in result.outcomes if o.award.code == a.code and o.eligible) for a in awards}
    return render(request, "eligibility/unit.html", context)


EXPORT_COLUMNS = [
    Column("recipient", "Mã", width=14), Column("name", "Cá nhân / tập thể", width=32), Column("kind", "Loại", width=10),
    Column("award", "Danh hiệu, hình thức", width=34), Column("eligible", "Đủ điều kiện", width=12),
    Column("met", "Điều kiện đã đạt", width=60), Column("unmet", "Điều kiện còn thiếu", width=60),
    Column("legal_basis", "Căn cứ", width=34),
]


def unit_eligibility_export(request):
    unit, year, award, status = _params(request)
    result = evaluate(year, unit=unit, award_code=award)
    outcomes = sorted(_filtered(result.outcomes, status), key=lambda o: (o.kind != "person", o.subject.name, o.award.rank))
    wb = Workbook()
    ws = wb.active
    ws.title = f"Xét khen thưởng {year}"
    write_sheet(ws, EXPORT_COLUMNS, ({
        "recipient": o.subject.code, "name": o.subject.name, "kind": "Cá nhân" if o.kind == "person" else "Tập thể",
        "award": o.award.name, "eligible": "Đủ" if o.eligible else "Chưa đủ",
        "met": "\n".join(o.met()), "unmet": "\n".join(o.unmet()), "legal_basis": o.award.legal_basis,
    } for o in outcomes))
    response = HttpResponse(to_bytes(wb), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xet-khen-thuong-{unit.code}-{year}.xlsx"'
    return response


def person_achievements(request, pk):
    person = org_selectors.person_get_for_user(request.user, pk)
    try:
        year = int(request.GET.get("year") or selectors.default_year(person=person))
    except ValueError:
        raise Http404 from None
    result = evaluate(year, person=person)
    outcomes = sorted(result.outcomes, key=lambda o: o.award.rank)
    return render(request, "eligibility/person.html", {
        "person": person, "year": year, "outcomes": outcomes, "history": selectors.person_history(person),
        "years": range(timezone.localdate().year, timezone.localdate().year - 12, -1),
        "can_edit": scope.can(request.user, "edit_people", person.unit),
    })
