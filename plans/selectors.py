"""Reads of plans, scoped to the user, and what the other rooms ask of a plan (its
registering units, its registration deadline).

A plan is visible to the people of its level and of every level under it (units
under a plan see it once it is published); drafts only to those who may edit at
the issuing level.
"""

from datetime import date

from django.db.models import Q
from django.http import Http404

from org import duties
from org.duties import Duty
from org.models import ADMINISTRATIVE_KINDS, Unit, UnitKind
from org.selectors import active_q

from .models import Completion, Milestone, MilestoneKind, Plan, PlanStatus


def path_prefixes(path):
    return [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]


def visible_issuers_q(user, field):
    """Issued at a unit in scope, or at an ancestor of a unit in scope (published only)."""
    paths = duties.paths_where(user, Duty.VIEW)
    if paths == [""]:
        return Q(), Q()
    below = Q(pk__in=[])
    above_paths = set()
    for p in paths:
        below |= Q(**{f"{field}__path__startswith": p})
        above_paths.update(path_prefixes(p)[:-1])
    return below, Q(**{f"{field}__path__in": above_paths})


def plans_for(user):
    below, above = visible_issuers_q(user, "unit")
    drafts_ok = duties.duty_q(user, Duty.STANDING_OFFICE, prefix="unit__")
    return (Plan.objects.filter((below & (Q(status=PlanStatus.PUBLISHED) | drafts_ok)) | (above & Q(status=PlanStatus.PUBLISHED)))
            .select_related("unit", "parent").distinct())


def plan_get_for_user(user, pk) -> Plan:
    try:
        return plans_for(user).get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy kế hoạch") from None


def parent_plan_choices(unit: Unit, year=None):
    qs = Plan.objects.filter(unit__path__in=path_prefixes(unit.path)[:-1], status=PlanStatus.PUBLISHED).select_related("unit")
    return qs.filter(year=year) if year else qs


def registration_deadline(plan: Plan):
    """The plan's registration milestone (or None), read once per plan object: lists of
    units ask it for every row."""
    if "_registration_deadline" not in plan.__dict__:
        plan._registration_deadline = plan.milestones.filter(kind=MilestoneKind.REGISTRATION).order_by("due_on").first()
    return plan._registration_deadline


def registration_units(plan: Plan):
    """The units that register under a plan: the direct sub-units of the issuing level that are active."""
    day = date(plan.year, 1, 1)
    return Unit.objects.filter(path__startswith=plan.unit.path, depth=plan.unit.depth + 1).filter(active_q(day)).order_by("sort_key")


def issuing_units(user):
    """Units where the user may issue plans and launch movements: levels and agencies in their office's scope."""
    return (Unit.objects.filter(duties.duty_q(user, Duty.STANDING_OFFICE))
            .filter(Q(kind__in=ADMINISTRATIVE_KINDS) | Q(kind=UnitKind.AGENCY))
            .filter(active_q()).order_by("path"))


def my_level_q(user, prefix="unit__"):
    """Issued at the user's own level(s) or above them (not by the units below)."""
    paths = duties.paths_where(user, Duty.VIEW)
    if paths == [""]:
        return Q(**{f"{prefix}depth": 1})
    wanted = set()
    for p in paths:
        wanted.update(p[:i] for i in range(Unit.steplen, len(p) + 1, Unit.steplen))
    return Q(**{f"{prefix}path__in": wanted})


def child_units(unit):
    return Unit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).filter(active_q()).order_by("sort_key")


def completions_for(user, *, plan=None, milestones=None, units=None):
    """Milestones done (Completion) by the units the user sees: of ``plan``'s milestones or of
    ``milestones``, by ``units`` when given."""
    qs = Completion.objects.filter(duties.duty_q(user, Duty.VIEW, prefix="unit__"))
    if plan is not None:
        qs = qs.filter(milestone__plan=plan)
    if milestones is not None:
        qs = qs.filter(milestone__in=milestones)
    if units is not None:
        qs = qs.filter(unit__in=units)
    return qs


def calendar_milestones(user, year: int, *, below=False):
    """The milestones due in ``year`` of the plans the user sees (of their own levels and the
    levels above, or also of the levels below with ``below``), in calendar order."""
    plans = plans_for(user)
    if not below:
        plans = plans.filter(my_level_q(user))
    return (Milestone.objects.filter(plan__in=plans, due_on__year=year)
            .select_related("plan", "plan__unit").order_by("due_on", "plan__unit__path", "position"))


# --- what the home page's desk reads (tdkt/desk.py) ---------------------------------------------------

def tracked_milestones(plan_ids, start: date, end: date) -> list:
    """The tracked milestones of the plans ``plan_ids`` due between ``start`` and ``end``, in date order."""
    return list(Milestone.objects.filter(plan_id__in=plan_ids, tracked=True, due_on__gte=start, due_on__lte=end)
                .order_by("due_on", "id"))


def units_done(milestones) -> dict:
    """{milestone id: the ids of the units that have done it} (one query for all)."""
    done = {}
    for mid, uid in Completion.objects.filter(milestone__in=milestones).values_list("milestone_id", "unit_id"):
        done.setdefault(mid, set()).add(uid)
    return done
