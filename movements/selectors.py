"""Reads of plans, movements and registrations, scoped to the user.

A plan or movement is visible to the people of its level and of every level
under it (units under a plan see it once it is published); drafts only to
those who may edit at the issuing level.
"""

from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from org import scope
from org.models import Person, Unit

from .models import Movement, MovementStatus, Plan, PlanStatus, Registration


def _prefixes(path):
    return [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]


def _visible_issuers_q(user, field):
    """Issued at a unit in scope, or at an ancestor of a unit in scope (published only)."""
    paths = scope.scope_paths(user, "view")
    if paths == [""]:
        return Q(), Q()
    below = Q(pk__in=[])
    above_paths = set()
    for p in paths:
        below |= Q(**{f"{field}__path__startswith": p})
        above_paths.update(_prefixes(p)[:-1])
    return below, Q(**{f"{field}__path__in": above_paths})


def plans_for(user):
    below, above = _visible_issuers_q(user, "unit")
    drafts_ok = scope.scope_q(user, "edit_units", prefix="unit__")
    return (Plan.objects.filter((below & (Q(status=PlanStatus.PUBLISHED) | drafts_ok)) | (above & Q(status=PlanStatus.PUBLISHED)))
            .select_related("unit", "parent").distinct())


def plan_get_for_user(user, pk) -> Plan:
    try:
        return plans_for(user).get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy kế hoạch") from None


def movements_for(user):
    below, above = _visible_issuers_q(user, "unit")
    drafts_ok = scope.scope_q(user, "edit_units", prefix="unit__")
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
    _, above = _visible_issuers_q(user, "unit")
    return Movement.objects.filter(above, status=MovementStatus.LAUNCHED).select_related("unit").order_by("-launched_at")


def parent_plan_choices(unit: Unit, year=None):
    qs = Plan.objects.filter(unit__path__in=_prefixes(unit.path)[:-1], status=PlanStatus.PUBLISHED).select_related("unit")
    return qs.filter(year=year) if year else qs


def parent_movement_choices(unit: Unit):
    return Movement.objects.filter(unit__path__in=_prefixes(unit.path)[:-1], status=MovementStatus.LAUNCHED).select_related("unit")


# --- targets: live values from the data ---------------------------------------

def target_value(target, unit: Unit, year: int):
    """The live value (%) of a movement target for ``unit``'s subtree in ``year``, or None."""
    from decisions.models import Award
    from initiatives.models import Initiative

    people = Person.objects.filter(unit__path__startswith=unit.path)
    total = people.count()
    if target.metric == "manual":
        return target.manual_value
    if target.metric == "initiative_share":
        if not total:
            return None
        with_initiative = people.filter(initiatives__recognized_on__year=year).distinct().count()
        return Decimal(with_initiative * 100) / total
    if target.metric == "initiative_applied":
        qs = Initiative.objects.filter(authors__unit__path__startswith=unit.path, recognized_on__year=year).distinct()
        n = qs.count()
        if not n:
            return None
        # The share of the year's initiatives whose effect in application was confirmed.
        return Decimal(qs.filter(effect_confirmed=True).count() * 100) / n
    if target.metric == "ldtt_share":
        if not total:
            return None
        n = Award.objects.filter(person__in=people, year=year, award_type__code="LDTT").count()
        return Decimal(n * 100) / total
    if target.metric == "registration_share":
        regs = Registration.objects.filter(plan__year=year, plan__unit=target.movement.unit)
        n = regs.count()
        if not n:
            return None
        ok = regs.filter(status__in=["submitted"]).count()
        return Decimal(ok * 100) / n
    return None


def default_year():
    return timezone.localdate().year
