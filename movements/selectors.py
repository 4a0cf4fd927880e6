"""Reads of movements, scoped to the user, and the live values of their targets.

A movement is visible to the people of its level and of every level under it
(once launched); drafts only to those who may edit at the issuing level.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from org import duties
from org.duties import Duty
from org.models import Person, Unit
from plans.selectors import path_prefixes, plans_for, visible_issuers_q

from .models import Movement, MovementStatus


def movements_for(user):
    below, above = visible_issuers_q(user, "unit")
    drafts_ok = duties.duty_q(user, Duty.STANDING_OFFICE, prefix="unit__")
    published = ~Q(status=MovementStatus.DRAFT)
    return (Movement.objects.filter((below & (published | drafts_ok)) | (above & published))
            .select_related("unit", "plan", "parent").distinct())


def movement_get_for_user(user, pk) -> Movement:
    try:
        return movements_for(user).get(pk=pk)
    except (Movement.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy phong trào") from None


def movement_inbox(user):
    """Launched movements of the levels above the user's units: what they should implement."""
    _, above = visible_issuers_q(user, "unit")
    return Movement.objects.filter(above, status=MovementStatus.LAUNCHED).select_related("unit").order_by("-launched_at")


def implementing_unit_ids(user, movement) -> set[int]:
    """The units (ids) whose movement implementing ``movement`` the user sees."""
    return set(movements_for(user).filter(parent=movement).values_list("unit_id", flat=True))


def movement_plan_choices(user, unit: Unit):
    """The plans of ``unit`` a movement launched there may carry out, newest first."""
    return plans_for(user).filter(unit=unit).order_by("-year", "-pk")


def parent_movement_choices(unit: Unit):
    return Movement.objects.filter(unit__path__in=path_prefixes(unit.path)[:-1], status=MovementStatus.LAUNCHED).select_related("unit")


# --- targets: live values from the data ---------------------------------------

def target_values(target, units, year: int, cache: dict | None = None) -> dict:
    """The live value (%) of a movement target for each unit's subtree in ``year``
    ({unit id: value or None}). One grouped query per count, however many units:
    rows are grouped by the unit people work in, then added up under each unit.
    ``cache``: a dict shared by the targets of one page (the head counts are read once)."""
    cache = {} if cache is None else cache
    from decisions.models import Award
    from initiatives.models import Initiative
    from registration.models import Registration

    units = list(units)
    if target.metric == "manual":
        return {u.pk: target.manual_value for u in units}
    if target.metric == "registration_share":
        regs = Registration.objects.filter(plan__year=year, plan__unit=target.movement.unit)
        n = regs.count()
        value = Decimal(regs.filter(status="submitted").count() * 100) / n if n else None
        return {u.pk: value for u in units}
    if not units:
        return {}
    # The fewest path prefixes covering every unit (a city movement's own unit covers all
    # the others): one LIKE each instead of one per unit.
    prefixes = sorted({u.path for u in units})
    roots = [p for i, p in enumerate(prefixes) if not any(p.startswith(q) for q in prefixes[:i])]

    def under(field):
        q = Q()
        for path in roots:
            q |= Q(**{f"{field}__path__startswith": path})
        return q

    by_path = {}
    for u in units:
        by_path.setdefault(u.path, []).append(u.pk)

    def owners(path):
        """The units (ids) ``path`` lies under: its prefixes looked up, not every unit tried."""
        for i in range(Unit.steplen, len(path) + 1, Unit.steplen):
            yield from by_path.get(path[:i], ())

    def per_unit(rows):
        """{path: n} summed under each unit: {unit id: n}."""
        out = {u.pk: 0 for u in units}
        for path, n in rows:
            for pk in owners(path):
                out[pk] += n
        return out

    def share(part, whole):
        return {pk: (Decimal(part[pk] * 100) / whole[pk] if whole[pk] else None) for pk in whole}

    key = ("total", tuple(roots))
    if key not in cache:
        # Head counts by unit id (read from the person.unit index, no join), then by path.
        in_scope = Unit.objects.filter(Q(*[Q(path__startswith=r) for r in roots], _connector=Q.OR))
        paths = dict(in_scope.values_list("pk", "path"))
        counts = Person.objects.filter(unit_id__in=in_scope.values("pk")).values_list("unit_id").annotate(n=Count("id")).order_by()
        cache[key] = per_unit([(paths[uid], n) for uid, n in counts if uid in paths])
    total = cache[key]
    # Initiatives of the year by their authors, read from the year's initiatives (thousands),
    # not from everyone's (hundreds of thousands).
    authorship = Initiative.authors.through.objects.filter(
        initiative__recognized_on__gte=date(year, 1, 1), initiative__recognized_on__lte=date(year, 12, 31)).filter(under("person__unit"))
    if target.metric == "initiative_share":
        rows = authorship.values_list("person__unit__path").annotate(n=Count("person_id", distinct=True)).order_by()
        return share(per_unit(list(rows)), total)
    if target.metric == "ldtt_share":
        ldtt = Award.objects.filter(year=year, award_type__code="LDTT").filter(under("person__unit"))
        return share(per_unit(list(ldtt.values_list("person__unit__path").annotate(n=Count("id")).order_by())), total)
    if target.metric == "initiative_applied":
        # The share of the year's initiatives whose effect in application was confirmed;
        # an initiative counts once under a unit however many of its authors work there.
        rows = set(authorship.values_list("initiative_id", "initiative__effect_confirmed", "person__unit__path"))
        mine = {u.pk: set() for u in units}
        for i, confirmed, path in rows:
            for pk in owners(path):
                mine[pk].add((i, confirmed))
        return {pk: Decimal(sum(1 for _, c in found if c) * 100) / len(found) if found else None for pk, found in mine.items()}
    return {u.pk: None for u in units}


def target_value(target, unit: Unit, year: int):
    """The live value (%) of a movement target for ``unit``'s subtree in ``year``, or None."""
    return target_values(target, [unit], year)[unit.pk]


def default_year():
    return timezone.localdate().year
