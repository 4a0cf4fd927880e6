from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from core.forms import apply_validation_error, carry_seen, seen_values
from org import duties
from org.duties import Duty

from . import actions, schema, selectors
from .bonus import BonusError, compute_bonus
from .forms import BaseSalaryForm, BonusForm, CoefficientForm, ParameterForm


ISSUERS = {"commune": "Chủ tịch UBND cấp xã ký", "agency": "thủ trưởng cơ quan, đơn vị ký"}


def index(request):
    tab = request.GET.get("tab", "catalogue")
    awards = selectors.award_types_with_money()
    rule_sets = list(selectors.rule_sets())
    table = []
    for a in awards:
        rows = {}
        for c in a.coefficients.all():
            c.shown = format(c.coefficient.normalize(), "f").replace(".", ",")
            kind = c.get_recipient_kind_display() + (f" ({ISSUERS.get(c.issuer, c.issuer)})" if c.issuer else "")
            rows.setdefault(kind, {})[c.rule_set_id] = c
        for kind, by_rs in sorted(rows.items()):
            table.append({"award": a, "kind": kind, "cells": [by_rs.get(rs.pk) for rs in rule_sets]})
    parameters = list(selectors.parameters())
    for p in parameters:
        p.problem = schema.value_or_default(p)[1]
        p.problem_detail = " ".join(schema.errors(p.key, p.value)) if p.problem else ""
    bonus_form = BonusForm(request.GET if "award" in request.GET else None)
    bonus = bonus_error = None
    if bonus_form.is_bound and bonus_form.is_valid():
        d = bonus_form.cleaned_data
        try:
            bonus = compute_bonus(d["award"].code, d["recipient_kind"], d["decision_date"])
        except BonusError as e:
            bonus_error = str(e)
    return render(request, "rulebook/index.html", {
        "tab": tab, "awards": awards, "rule_sets": rule_sets, "table": table,
        "salaries": selectors.base_salaries(), "parameters": parameters,
        "can_edit": duties.has_duty(request.user, None, Duty.EDIT_RULEBOOK), "bonus_form": bonus_form, "bonus": bonus, "bonus_error": bonus_error,
        "events": selectors.rulebook_events(),
        "bases": selectors.legal_bases() if tab == "bases" else [],
    })


def _require_admin(user):
    if not duties.has_duty(user, None, Duty.EDIT_RULEBOOK):
        raise Http404


def parameter_edit(request, pk):
    p = selectors.parameter_get_for_editor(request.user, pk)
    import json

    form = carry_seen(ParameterForm(request.POST or None, parameter=p,
                                    initial={"value": json.dumps(p.value, ensure_ascii=False), "status": p.status,
                                             "legal_basis": p.legal_basis}))
    if request.method == "POST" and form.is_valid():
        try:
            actions.parameter_update(acting_user=request.user, parameter=p, expected=seen_values(form), **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lưu tham số “{p.name}”.")
            return redirect("/quy-dinh/?tab=parameters")
    return render(request, "rulebook/edit.html", {"form": form, "title": p.name, "subtitle": p.description, "back": "parameters"})


def coefficient_edit(request, pk):
    c = selectors.coefficient_get_for_editor(request.user, pk)
    form = carry_seen(CoefficientForm(request.POST or None,
                                      initial={"value": c.coefficient, "status": c.status, "legal_basis": c.legal_basis}))
    if request.method == "POST" and form.is_valid():
        try:
            actions.coefficient_update(acting_user=request.user, coefficient=c, expected=seen_values(form), **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã lưu hệ số tiền thưởng.")
            return redirect("/quy-dinh/?tab=money")
    return render(request, "rulebook/edit.html", {"form": form, "title": f"Hệ số: {c.award_type.name} ({c.get_recipient_kind_display().lower()})",
                                                  "subtitle": c.rule_set.name, "back": "money"})


def base_salary_add(request):
    _require_admin(request.user)
    form = BaseSalaryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.base_salary_add(acting_user=request.user, **form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã thêm mức lương cơ sở.")
            return redirect("/quy-dinh/?tab=money")
    return render(request, "rulebook/edit.html", {"form": form, "title": "Thêm mức lương cơ sở mới",
                                                  "subtitle": "Mức đang áp dụng sẽ kết thúc vào ngày trước ngày áp dụng mức mới.", "back": "money"})
