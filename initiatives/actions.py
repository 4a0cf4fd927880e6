from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.recording import changes_between, last_change, record, snapshot
from core.stale import guard
from org import duties
from org.duties import Duty

from .models import Initiative

FIELDS = ["code", "title", "recognized_on", "scope", "recognized_by", "decision_number", "effect_confirmed"]


def _check(initiative, authors, acting_user, *, before_authors=(), changed_fields=()):
    """Authors outside the editor's scope are another unit's business: they are neither added nor
    removed here, and an initiative that counts for one of them keeps its title, scope and the rest
    (the standing office above both units edits it)."""
    errors = {}
    if not authors:
        errors["authors"] = "Sáng kiến phải có ít nhất một tác giả."
    outside_before = {p for p in before_authors if not duties.has_duty(acting_user, p.unit, Duty.RATE)}
    outside_after = {p for p in authors if not duties.has_duty(acting_user, p.unit, Duty.RATE)}
    added, removed = outside_after - outside_before, outside_before - outside_after
    if added:
        errors["authors"] = (f"{', '.join(sorted(p.full_name for p in added))} thuộc đơn vị ngoài phạm vi bạn quản lý: "
                             "không thêm làm tác giả được.")
    elif removed:
        errors["authors"] = (f"Không bỏ được tác giả {', '.join(sorted(p.full_name for p in removed))} "
                             "(thuộc đơn vị ngoài phạm vi bạn quản lý).")
    if outside_before and changed_fields:
        errors["__all__"] = (f"Sáng kiến có tác giả thuộc đơn vị ngoài phạm vi bạn quản lý: không sửa được "
                             f"{', '.join(changed_fields).lower()} (sáng kiến là căn cứ khen thưởng của cả đơn vị đó). "
                             "Bạn chỉ thêm, bớt được tác giả thuộc đơn vị mình; các thông tin khác do cơ quan thường trực sửa.")
    if Initiative.objects.filter(code=initiative.code).exclude(pk=initiative.pk).exists():
        errors["code"] = f"Mã sáng kiến “{initiative.code}” đã có."
    if errors:
        raise ValidationError(errors)


def _in_scope(acting_user, people):
    return frozenset(p for p in people if duties.has_duty(acting_user, p.unit, Duty.RATE))


@transaction.atomic
def initiative_save(*, acting_user, initiative: Initiative | None, authors, expected: dict | None = None,
                    **fields) -> Initiative:
    """Create (``initiative`` None) or change an initiative. ``expected`` ({field: value the editor saw;
    "authors": the authors in the editor's scope}): what someone else changed meanwhile is kept unless
    this edit changes it too, which is refused (core.stale)."""
    if not duties.has_duty(acting_user, None, Duty.RATE):
        raise PermissionDenied("Bạn không có quyền ghi nhận sáng kiến.")
    creating = initiative is None
    if creating:
        initiative = Initiative(**fields)
        before = {}
    else:
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if expected:
            now_authors = list(initiative.authors.select_related("unit"))
            # The authors are compared as the editor sees them: those in their own scope.
            seen = dict(expected)
            if "authors" in seen:
                seen["authors"] = _in_scope(acting_user, seen["authors"])
            typed = _in_scope(acting_user, authors)
            fields = guard(initiative, {**fields, "authors": typed}, seen, what="Sáng kiến này",
                           changed_by=lambda labels: last_change(initiative, labels),
                           current={"authors": _in_scope(acting_user, now_authors)}, labels={"authors": "Tác giả"})
            fields.pop("authors")
            if "authors" in seen and typed == seen["authors"]:
                authors = now_authors  # the editor did not change the authors: keep them as they are now
        if initiative.used_by.exists() and fields.get("scope") != initiative.scope:
            raise ValidationError({"scope": "Sáng kiến đã được dùng làm căn cứ khen thưởng: không sửa phạm vi được."})
        before = snapshot(initiative, FIELDS)
        for k, v in fields.items():
            setattr(initiative, k, v)
    before_authors = list(initiative.authors.select_related("unit")) if not creating else []
    changed = list(changes_between(before, snapshot(initiative, FIELDS))) if not creating else []
    _check(initiative, authors, acting_user, before_authors=before_authors, changed_fields=changed)
    initiative.save()
    old_authors = {p.full_name for p in before_authors}
    initiative.authors.set(authors)
    changes = changes_between(before, snapshot(initiative, FIELDS))
    new_authors = {p.full_name for p in authors}
    if new_authors != old_authors:
        changes["Tác giả"] = [", ".join(sorted(old_authors)), ", ".join(sorted(new_authors))]
    if changes:
        record(actor=acting_user, verb="create" if creating else "update", target=initiative, changes=changes)
    return initiative
