"""The figures of a year-end report (báo cáo tổng kết) for a level — a unit and everything under it — and a year.

Where an award belongs: a collective's to the collective; a person's to the unit they worked in at the end of
their work in the year (their last period of work that overlaps it: a person who moved in July is counted once,
where they ended the year; one who moved away since, or whose district was closed since, is still counted where
the achievement was made). That unit is the person's current unit unless a period of theirs started after the
year; only then is their history read (few people, except for long-past years). Revoked awards are left out.

The report's figures come from few grouped queries over the awards (the database adds; Python only sorts,
labels and folds groups into the level's units), so the report costs the same number of queries for a ward or
a city: ``award_groups`` (awards by type, kind, source, decision, unit and the person's position) feeds the
counts by award, by level, by source, per unit and the priority shares; ``year_groups`` the years compared;
``milestone_rows`` the plan's deadlines.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate

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


def _bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def location(year, few=False):
    """The unit (id) an award of ``year`` belongs to (see the module's docstring), as an expression. ``few``: the
    awards are a level's few (a ward's), so whether each person moved since is asked per award, not by listing
    everyone in the city who moved since."""
    lo, hi = _bounds(year)
    if few:
        moved = Exists(Employment.objects.filter(person_id=OuterRef("person_id"), start__gt=hi))
    else:
        moved = Q(person_id__in=Employment.objects.filter(start__gt=hi).values("person_id"))
    last = (Employment.objects.filter(person_id=OuterRef("person_id")).exclude(start__gt=hi).exclude(end__lt=lo)
            .annotate(_s=Coalesce("start", Value(_EARLIEST))).order_by("-_s", "-id").values("unit_id")[:1])
    return Coalesce("unit_id", Case(When(moved, then=Subquery(last, output_field=IntegerField())),
                                    default=F("person__unit_id"), output_field=IntegerField()),
                    output_field=IntegerField())


def _units_under(unit):
    return Unit.objects.filter(path__startswith=unit.path).values("pk")


def _may_belong(qs, unit, first, last):
    """Awards that may belong under ``unit`` (a superset, cheap to test: the collectives under it, the people who
    worked under it in those years or work there now); the exact test is on ``location``. Everything belongs
    under a root."""
    if unit.is_root():
        return qs
    from org.models import Person

    units = _units_under(unit)
    worked = (Employment.objects.filter(unit_id__in=units).exclude(start__gt=_bounds(last)[1])
              .exclude(end__lt=_bounds(first)[0]).values("person_id"))
    # People on record without any period of work: where they are now.
    unplaced = (Person.objects.filter(unit_id__in=units)
                .filter(~Exists(Employment.objects.filter(person_id=OuterRef("pk")))).values("pk"))
    # Each term on an indexed column of the award, so that a ward reads its own awards, not the city's.
    return qs.filter(Q(unit_id__in=units) | Q(person_id__in=worked) | Q(person_id__in=unplaced))


def year_awards(unit, year, located=True):
    """The level's awards of ``year`` (not revoked), each annotated with ``where``: the id of the unit it belongs
    to (for lists: the honour list, the certificates to print). ``located=False``: without ``where`` when the level
    is a root (every award of the year is the root's; counting them then reads the year's index alone)."""
    qs = _may_belong(Award.objects.filter(year=year, revoked_on__isnull=True), unit, year, year)
    if unit.is_root() and not located:
        return qs.order_by()
    qs = qs.annotate(where=location(year, few=not unit.is_root()))
    if not unit.is_root():
        qs = qs.filter(where__in=_units_under(unit))
    return qs.order_by()


def _collective():
    return Case(When(person__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField())


def positions(unit, year) -> list[str]:
    """The positions (chức vụ) to sort into leading or not, once each: of everyone for a root (a few hundred
    words), of the people awarded in the year for a level below it."""
    from org.models import Person

    if unit.is_root():
        return list(Person.objects.order_by().values_list("position", flat=True).distinct())
    qs = _may_belong(Award.objects.filter(year=year, person__isnull=False), unit, year, year)
    return list(qs.order_by().values_list("person__position", flat=True).distinct())


def award_groups(unit, year, leading=()):
    """The one grouped query of the year: per award type, recipient kind, record source, decision, the unit the
    award belongs to and whether the person holds one of the ``leading`` positions: [(type id, collective 0/1,
    source, decision id, unit id, leads 0/1, n, money, n with money)]. Groups of units outside the level are the
    caller's to leave out."""
    qs = _may_belong(Award.objects.filter(year=year, revoked_on__isnull=True), unit, year, year)
    leads = Case(When(person__position__in=list(leading), then=Value(1)), default=Value(0), output_field=IntegerField())
    return list(qs.annotate(where=location(year, few=not unit.is_root()), collective=_collective(), leads=leads)
                .values_list("award_type_id", "collective", "source", "decision_id", "where", "leads")
                .annotate(n=Count("id"), money=Coalesce(Sum("amount"), 0), paid=Count("amount")).order_by())


def year_groups(unit, first, last):
    """Awards of each year ``first``..``last`` in the level, by recipient kind and unit: [(year, collective,
    unit id, n, money)]. One query (the years' parts joined by UNION ALL, each with its own year's location)."""
    parts = []
    for y in range(first, last + 1):
        qs = _may_belong(Award.objects.filter(year=y, revoked_on__isnull=True), unit, y, y)
        if unit.is_root():
            qs = qs.annotate(where=Value(0, output_field=IntegerField()))  # everything is under the root
        else:
            qs = qs.annotate(where=location(y, few=True))
        parts.append(qs.annotate(collective=_collective()).values_list("year", "collective", "where")
                     .annotate(n=Count("id"), money=Coalesce(Sum("amount"), 0)).order_by())
    if not parts:
        return []
    query = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
    return list(query)


def units_of(unit) -> dict[int, tuple]:
    """{id: (path, kind, has units under it, name)} of ``unit`` and everything under it (one query)."""
    return {pk: (path, kind, numchild > 0, name) for pk, path, kind, numchild, name in
            Unit.objects.filter(path__startswith=unit.path).values_list("pk", "path", "kind", "numchild", "name")}


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


def decision_levels(decision_ids, year) -> dict[int, str]:
    """The level of the authority of each decision issued here."""
    from decisions.models import Decision
    from rulebook.authorities import authority_level

    day = date(year, 12, 31)
    authorities, out = {}, {}
    for d in Decision.objects.filter(pk__in=set(decision_ids)).select_related("authority"):
        if d.authority_id not in authorities:
            authorities[d.authority_id] = authority_level(d.authority, day) or "agency"
        out[d.pk] = authorities[d.authority_id]
    return out


def level_of(type_levels_: set[str], decided_at: str | None, report_unit) -> str:
    """The level that gave an award: the issuing authority's when the decision was issued here; otherwise the
    award type's only level, or, when several levels may give it (Lao động tiên tiến: a ward, a district, an
    agency), the level of the report's own unit when it is one of them, else "cấp cơ sở"."""
    if decided_at:
        return decided_at
    if "national" in type_levels_:
        return "national"
    if len(type_levels_) == 1:
        return next(iter(type_levels_))
    own = {"district": "district", "commune": "commune"}.get(report_unit.kind)
    if own and own in type_levels_:
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
