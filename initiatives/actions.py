from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.recording import changes_between, record, snapshot
from org import scope

from .models import Initiative

FIELDS = ["code", "title", "recognized_on", "scope", "recognized_by", "decision_number", "effect_confirmed"]


def _check(initiative, authors, acting_user):
    errors = {}
    if not authors:
        errors["authors"] = "Sáng kiến phải có ít nhất một tác giả."
    for p in authors:
        if not scope.can(acting_user, "edit_people", p.unit):
            errors["authors"] = f"{p.full_name} ({p.code}) thuộc đơn vị ngoài phạm vi bạn được quản lý."
    if Initiative.objects.filter(code=initiative.code).exclude(pk=initiative.pk).exists():
        errors["code"] = f"Mã sáng kiến “{initiative.code}” đã có."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def initiative_save(*, acting_user, initiative: Initiative | None, authors, **fields) -> Initiative:
    if not scope.can(acting_user, "edit_people"):
        raise PermissionDenied("Bạn không có quyền ghi nhận sáng kiến.")
    creating = initiative is None
    if creating:
        initiative = Initiative(**fields)
        before = {}
    else:
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.used_by.exists() and fields.get("scope") != initiative.scope:
            raise ValidationError({"scope": "Sáng kiến đã được dùng làm căn cứ khen thưởng: không sửa phạm vi được."})
        before = snapshot(initiative, FIELDS)
        for k, v in fields.items():
            setattr(initiative, k, v)
    _check(initiative, authors, acting_user)
    initiative.save()
    old_authors = set(initiative.authors.values_list("full_name", flat=True)) if not creating else set()
    initiative.authors.set(authors)
    changes = changes_between(before, snapshot(initiative, FIELDS))
    new_authors = {p.full_name for p in authors}
    if new_authors != old_authors:
        changes["Tác giả"] = [", ".join(sorted(old_authors)), ", ".join(sorted(new_authors))]
    if changes:
        record(actor=acting_user, verb="create" if creating else "update", target=initiative, changes=changes)
    return initiative
