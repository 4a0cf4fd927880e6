"""An administrator's edits of the rulebook, each with an event (the old and new values)."""

import json

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.recording import last_change, record
from core.stale import guard
from org.duties import Duty, require

from . import schema
from .models import BaseSalary, Coefficient, Parameter

# The edit forms' fields as the history (and a refused stale edit) names them.
LABELS = {"value": "Giá trị", "status": "Mức xác minh", "legal_basis": "Căn cứ"}
BASE_SALARY_MAX = 1_000_000_000  # đồng/tháng: more is a typing mistake (2.340.000 đ in 2024)


@transaction.atomic
def parameter_update(*, acting_user, parameter: Parameter, value, status, legal_basis,
                     expected: dict | None = None) -> Parameter:
    """``expected`` ({field: value the editor saw}): what someone else changed meanwhile is kept unless
    this edit changes it too, which is refused (core.stale)."""
    require(acting_user, None, Duty.EDIT_RULEBOOK)
    p = Parameter.objects.select_for_update().get(pk=parameter.pk)
    merged = guard(p, {"value": value, "status": status, "legal_basis": legal_basis}, expected, what="Tham số này",
                   changed_by=lambda labels: last_change(p, labels), labels=LABELS)
    value, status, legal_basis = merged["value"], merged["status"], merged["legal_basis"]
    try:
        schema.check(p.key, value)
    except ValidationError as e:
        raise ValidationError({"value": e.messages}) from None
    before = {"Giá trị": json.dumps(p.value, ensure_ascii=False), "Mức xác minh": p.get_status_display(), "Căn cứ": p.legal_basis}
    p.value, p.status, p.legal_basis = value, status, legal_basis
    p.save()
    after = {"Giá trị": json.dumps(p.value, ensure_ascii=False), "Mức xác minh": p.get_status_display(), "Căn cứ": p.legal_basis}
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        record(actor=acting_user, verb="rulebook", target=p, changes=changes, note=p.name)
    return p


@transaction.atomic
def coefficient_update(*, acting_user, coefficient: Coefficient, value, status, legal_basis,
                       expected: dict | None = None) -> Coefficient:
    """``expected`` ({field: value the editor saw}): what someone else changed meanwhile is kept unless
    this edit changes it too, which is refused (core.stale)."""
    require(acting_user, None, Duty.EDIT_RULEBOOK)
    c = Coefficient.objects.select_for_update().get(pk=coefficient.pk)
    merged = guard(c, {"value": value, "status": status, "legal_basis": legal_basis}, expected, what="Hệ số này",
                   changed_by=lambda labels: last_change(c, labels), current={"value": c.coefficient},
                   labels={**LABELS, "value": "Hệ số"})
    value, status, legal_basis = merged["value"], merged["status"], merged["legal_basis"]
    before = {"Hệ số": str(c.coefficient.normalize()), "Mức xác minh": c.get_status_display(), "Căn cứ": c.legal_basis}
    c.coefficient, c.status, c.legal_basis = value, status, legal_basis
    c.save()
    c.refresh_from_db()
    after = {"Hệ số": str(c.coefficient.normalize()), "Mức xác minh": c.get_status_display(), "Căn cứ": c.legal_basis}
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        record(actor=acting_user, verb="rulebook", target=c, changes=changes,
               note=f"{c.award_type.name} — {c.rule_set.name}")
    return c


@transaction.atomic
def base_salary_add(*, acting_user, amount, valid_from, legal_basis, status) -> BaseSalary:
    """A new base salary from ``valid_from``: the one in force before it now ends the day before."""
    require(acting_user, None, Duty.EDIT_RULEBOOK)
    from datetime import timedelta

    if not 0 < amount <= BASE_SALARY_MAX:
        raise ValidationError({"amount": f"Mức lương cơ sở phải từ 1 đến {BASE_SALARY_MAX:,} đồng/tháng.".replace(",", ".")})
    if BaseSalary.objects.filter(valid_from=valid_from).exists():
        raise ValidationError({"valid_from": "Đã có mức lương cơ sở bắt đầu từ ngày này."})
    later = BaseSalary.objects.filter(valid_from__gt=valid_from).order_by("valid_from").first()
    previous = BaseSalary.objects.select_for_update().filter(valid_from__lt=valid_from).order_by("-valid_from").first()
    if previous and (previous.valid_to is None or previous.valid_to >= valid_from):
        old_to = previous.valid_to
        previous.valid_to = valid_from - timedelta(days=1)
        previous.save(update_fields=["valid_to"])
        record(actor=acting_user, verb="rulebook", target=previous,
               changes={"Hiệu lực đến": [old_to.strftime("%d/%m/%Y") if old_to else "", previous.valid_to.strftime("%d/%m/%Y")]})
    row = BaseSalary.objects.create(amount=amount, valid_from=valid_from, legal_basis=legal_basis, status=status,
                                    valid_to=later.valid_from - timedelta(days=1) if later else None)
    record(actor=acting_user, verb="rulebook", target=row,
           changes={"Mức lương cơ sở": ["", f"{amount:,}".replace(",", ".") + " đ"], "Hiệu lực từ": ["", valid_from.strftime("%d/%m/%Y")]})
    return row
