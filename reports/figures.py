"""The figures of a year-end report (báo cáo tổng kết) for a level — a unit and everything under it — and a year.

Who belongs to the level: a collective by where it sits in the tree; a person by where they worked during the
year (their last period of work under the level that year, so a person who moved away since is still counted
where the achievement was made, and a district closed since still has its people). Revoked awards are left out.

Each figure is one grouped query over the awards (the database adds; Python only sorts and labels what comes
back), so the report costs the same number of queries for a ward or a city.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Substr, TruncDate

from core.text import fold
from decisions.models import Award
from org.models import ADMINISTRATIVE_KINDS, Employment, Unit
from rulebook.models import Authority, AwardType

# The levels a conference reads awards by, highest first.
LEVELS = ("national", "province", "district", "commune", "agency", "grassroots")
LEVEL_LABELS = {
    "national": "Cấp Nhà nước (Chủ tịch nước, Thủ tướng Chính phủ)",
    "province": "Cấp tỉnh, thành phố",
    "district": "Cấp huyện, quận",
    "commune": "Cấp xã, phường",
    "agency": "Thủ trưởng cơ quan, đơn vị",
    "grassroots": "Cấp cơ sở (huyện, xã, thủ trưởng cơ quan, đơn vị)",
}
SOURCE_LABELS = dict(Award._meta.get_field("source").choices)

_EARLIEST = date(1, 1, 1)


def _period_path(unit, year):
    """The path of the unit a person (OuterRef person_id) last worked in under ``unit`` during ``year``."""
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    return (Employment.objects.filter(person_id=OuterRef("person_id"), unit__path__startswith=unit.path)
            .exclude(start__gt=hi).exclude(end__lt=lo)
            .annotate(_s=Coalesce("start", Value(_EARLIEST)))
            .order_by("-_s", "-id").values("unit__path")[:1])


def year_awards(unit, year):
    """The level's awards of ``year`` (not revoked), each with ``where``: the path of the recipient's unit
    (a collective's own, a person's unit of work that year)."""
    qs = (Award.objects.filter(year=year, revoked_on__isnull=True)
          .annotate(where=Coalesce("unit__path", Subquery(_period_path(unit, year))))
          .filter(Q(unit__path__startswith=unit.path) | Q(unit__isnull=True, where__isnull=False)))
    return qs.order_by()


def _collective():
    return Case(When(person__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField())


def award_rows(unit, year):
    """The one grouped query most figures come from: per award, recipient kind, record source, deciding
    authority and branch (the sub-unit one level under ``unit`` the recipient belongs to)."""
    cut = len(unit.path) + Unit.steplen
    return list(year_awards(unit, year)
                .annotate(branch=Substr("where", 1, cut), collective=_collective())
                .values("award_type_id", "collective", "source", "decision__authority_id", "branch")
                .annotate(n=Count("id"), money=Coalesce(Sum("amount"), 0), paid=Count("amount")))


def position_rows(unit, year):
    """Individual awards by the recipient's position (chức vụ): [(position, n)]."""
    return list(year_awards(unit, year).filter(person__isnull=False)
                .values_list("person__position").annotate(n=Count("id")))


def collective_rows(unit, year):
    """Collective awards by the kind of collective and whether it has units under it: [(kind, numchild > 0, n)]."""
    has_children = Case(When(unit__numchild__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField())
    return list(year_awards(unit, year).filter(person__isnull=True).annotate(parent=has_children)
                .values_list("unit__kind", "parent").annotate(n=Count("id")))


def years_rows(unit, first, last):
    """Awards of the years ``first``..``last`` in the level (a person counted under it in the year they worked
    there): [(year, collective 0/1, n, money)]."""
    worked = (Employment.objects.filter(person_id=OuterRef("person_id"), unit__path__startswith=unit.path)
              .filter(Q(start__isnull=True) | Q(start__year__lte=OuterRef("year")))
              .filter(Q(end__isnull=True) | Q(end__year__gte=OuterRef("year"))))
    qs = (Award.objects.filter(year__gte=first, year__lte=last, revoked_on__isnull=True)
          .filter(Q(unit__path__startswith=unit.path) | Q(person__isnull=False) & Exists(worked)))
    return list(qs.annotate(collective=_collective()).values_list("year", "collective")
                .annotate(n=Count("id"), money=Coalesce(Sum("amount"), 0)).order_by())


# --- labels and levels --------------------------------------------------------------------------

def award_types(ids):
    return {t.pk: t for t in AwardType.objects.filter(pk__in=set(ids))}


def type_levels(type_ids, year) -> dict[int, set[str]]:
    """The levels whose authorities give each award type in force on 31 December of ``year`` (rulebook data)."""
    day = date(year, 12, 31)
    out = defaultdict(set)
    for type_id, level in Authority.objects.in_force(day).filter(award_type_id__in=set(type_ids)).values_list(
            "award_type_id", "level"):
        out[type_id].add(level)
    return out


def authority_levels(authority_ids, year) -> dict[int, str]:
    """The level of each deciding authority (a unit) of an issued decision."""
    from rulebook.authorities import authority_level

    day = date(year, 12, 31)
    return {u.pk: authority_level(u, day) or "agency" for u in Unit.objects.filter(pk__in=set(authority_ids))}


def level_of(type_levels_: set[str], authority_level_: str | None, report_unit) -> str:
    """The level that gave an award: the issuing authority's when the decision was issued here; otherwise the
    award type's only level, or, when several levels may give it (Lao động tiên tiến: a ward, a district, an
    agency), the level of the report's own unit when it is one of them, else "cấp cơ sở"."""
    if authority_level_:
        return authority_level_
    if "national" in type_levels_:
        return "national"
    if type_levels_ == {"province"}:
        return "province"
    if len(type_levels_) == 1:
        return next(iter(type_levels_))
    own = {"district": "district", "commune": "commune", "province": "province"}.get(report_unit.kind)
    if own and own in type_levels_ and own != "province":
        return own
    return "grassroots"


def is_leader(position: str, words: list[str]) -> bool:
    """Does ``position`` (chức vụ) name a post of leadership or management (the rulebook's list, folded)?"""
    folded = fold(position or "")
    return any(folded == w or folded.startswith(w + " ") for w in words)


def is_small_collective(kind: str, has_children: bool, rule: dict) -> bool:
    if kind in ADMINISTRATIVE_KINDS:
        return False
    if rule.get("leaf_only", True) and has_children:
        return False
    return kind in rule.get("kinds", [])


def branches(unit, paths):
    """{path: unit} of the branches (sub-units one level under ``unit``, or ``unit`` itself)."""
    return {u.path: u for u in Unit.objects.filter(path__in=set(p for p in paths if p))}


def milestone_rows(unit, year):
    """The year's tracked milestones of the level's published plans with how many of the units that
    report to it did each on time and late: [(milestone, on_time, late)] (one grouped query)."""
    from core.dates import VN_TZ
    from plans.models import Completion, Milestone, PlanStatus

    milestones = list(Milestone.objects.filter(plan__unit=unit, plan__year=year, plan__status=PlanStatus.PUBLISHED,
                                               tracked=True).select_related("plan").order_by("due_on", "position", "id"))
    if not milestones:
        return []
    done = {mid: (on_time, late) for mid, on_time, late in
            Completion.objects.filter(milestone__in=milestones, unit__path__startswith=unit.path,
                                      unit__depth=unit.depth + 1)
            .annotate(day=TruncDate("done_at", tzinfo=VN_TZ))
            .values_list("milestone_id")
            .annotate(on_time=Count("id", filter=Q(day__lte=F("milestone__due_on"))),
                      late=Count("id", filter=Q(day__gt=F("milestone__due_on")))).order_by()}
    return [(m, *done.get(m.pk, (0, 0))) for m in milestones]
