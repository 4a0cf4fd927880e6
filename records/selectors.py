"""Reads behind the ratings screen: who is rated where, in which year.

A unit's ratings for a year cover the unit and everything under it (a ward,
its office, its schools and residential groups: one screen, not eleven). The
people rated are those who worked there at some time in that year, even if
they have moved since; a person who worked in two of its sub-units that year
appears once, under the last one.
"""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from core import bulk
from org import duties
from org.duties import Duty
from org.models import Employment, Person, Unit

from .models import Discipline, Rating

# For ordering periods whose start is unknown before every dated one.
_EARLIEST = date(1, 1, 1)


def year_employments(unit, year):
    """Periods of work in ``unit`` or under it that overlap ``year``."""
    # The units first (an IN list), then their periods through the (unit, start, end) index: a join
    # on the unit's path lets SQLite's planner scan every period of the city instead.
    units = Unit.objects.filter(path__startswith=unit.path).values("pk")
    return (Employment.objects.filter(unit_id__in=units)
            .exclude(start__gt=date(year, 12, 31)).exclude(end__lt=date(year, 1, 1)).order_by())


# Above this many people, a unit's screen lists only the people working in it directly and
# links to its sub-units (a city of 200,000 is rated ward by ward, not on one screen).
LARGE = 5000


def rated_rows(unit, year, within=None, *, direct=False):
    """One period per person (the last one of the year under ``unit``), in screen order:
    by sub-unit (tree order), then by name in Vietnamese order. ``within``: only the people
    under that sub-unit; ``direct``: only those working in ``within`` itself."""
    periods = year_employments(unit, year).annotate(_s=Coalesce("start", Value(_EARLIEST)))
    later = periods.filter(person_id=OuterRef("person_id")).filter(
        Q(_s__gt=OuterRef("_s")) | Q(_s=OuterRef("_s"), id__gt=OuterRef("id")))
    rows = periods.filter(~Exists(later))
    within = within or unit
    if direct:
        rows = rows.filter(unit_id=within.pk)
    elif within != unit:
        rows = rows.filter(unit__path__startswith=within.path)
    return rows.select_related("person", "person__unit", "unit").order_by("unit__path", "person__sort_key", "person_id")


def rated_people(unit, year, within=None, *, direct=False):
    """The ids (a values() query) of the people rated_rows lists. When the rows are all of ``unit``'s
    subtree (or ``unit`` has no sub-units), they are simply everyone who worked there that year,
    without the one-period-per-person step that ordering needs."""
    within = within or unit
    if within == unit and (not direct or unit.numchild == 0):
        return year_employments(unit, year).values("person_id")
    return rated_rows(unit, year, within, direct=direct).order_by().values("person_id")


def rated_count(unit, year, within=None, *, direct=False) -> int:
    return rated_people(unit, year, within, direct=direct).distinct().count()


def is_large(unit, year) -> bool:
    """More than LARGE periods of work under ``unit`` in ``year`` (counted no further than that)."""
    return year_employments(unit, year).values("pk")[:LARGE + 1].count() > LARGE


def member_ids(unit, year, person_ids) -> set[int]:
    """Which of ``person_ids`` may be rated under ``unit`` for ``year``: those who worked there
    that year, whether or not they have moved since. A year the person worked nowhere on record
    (before joining from outside) belongs to the unit they work in now."""
    allowed = set()
    ids = list(person_ids)
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    for i in range(0, len(ids), 5000):
        chunk = ids[i:i + 5000]
        allowed |= set(year_employments(unit, year).filter(person_id__in=chunk).values_list("person_id", flat=True))
        worked_elsewhere = Employment.objects.filter(person_id=OuterRef("pk")).exclude(start__gt=hi).exclude(end__lt=lo)
        allowed |= set(Person.objects.filter(pk__in=chunk, unit__path__startswith=unit.path)
                       .filter(~Exists(worked_elsewhere)).values_list("pk", flat=True))
    return allowed


def level_counts(people, year) -> dict[str, int]:
    """How many of ``people`` (rated_people) have each rating of ``year``."""
    counts = Rating.objects.filter(year=year, person_id__in=people).values("level").annotate(n=Count("id"))
    return {row["level"]: row["n"] for row in counts}


def sub_units(unit, year, levels=None):
    """The units under ``unit`` (``levels`` deep at most) working at some time in ``year``, in tree order."""
    qs = Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth)
    if levels is not None:
        qs = qs.filter(depth__lte=unit.depth + levels)
    return qs.exclude(valid_from__gt=date(year, 12, 31)).exclude(valid_to__lt=date(year, 1, 1)).order_by("path")


def sub_unit_choices(unit, year, limit=300):
    """The sub-units to filter by: two levels down, or one when two would be too many to choose from."""
    two = list(sub_units(unit, year, levels=2)[:limit + 1])
    return two if len(two) <= limit else list(sub_units(unit, year, levels=1)[:limit])


def rating_events(person, limit=20):
    """The changes of a person's ratings (their own history), newest first."""
    from audit.recording import events_for

    return events_for(person).filter(verb="ratings")[:limit]


# --- the screens' reads, user first ------------------------------------------------------

def picker_units(user, year, unit=None, limit=600):
    """The units to choose from on the ratings screen: the user's own (where they may rate) and the ones just
    under them, working at some time in ``year`` (deeper ones are reached through the sub-unit filter)."""
    paths = duties.paths_where(user, Duty.RATE)
    if not paths:
        return [unit] if unit is not None else []
    top = 1 if paths == [""] else min(len(p) for p in paths) // Unit.steplen  # the roots are at depth 1
    units = (Unit.objects.filter(duties.duty_q(user, Duty.RATE)).filter(depth__lte=top + 1)
             .exclude(valid_from__gt=date(year, 12, 31)).exclude(valid_to__lt=date(year, 1, 1)).order_by("path"))
    units = list(units[:limit])
    if unit is not None and unit not in units:
        units.append(unit)
    return units


def first_unit_to_rate(user):
    """The highest unit where ``user`` may rate (the screen's default), or None."""
    return Unit.objects.filter(duties.duty_q(user, Duty.RATE)).order_by("depth", "path").first()


def sub_unit_get(unit, pk):
    """The unit ``pk`` under ``unit``, or None."""
    return Unit.objects.filter(pk=pk, path__startswith=unit.path).first()


def person_levels(year, person_ids) -> dict:
    """{person id: level} of ``year`` for these people (one page of the screen)."""
    out = {}
    for chunk in bulk.chunks(person_ids, 900):
        out.update(Rating.objects.filter(year=year, person_id__in=chunk).values_list("person_id", "level"))
    return out


def unit_levels(year, unit_ids) -> dict:
    out = {}
    for chunk in bulk.chunks(unit_ids, 900):
        out.update(Rating.objects.filter(year=year, unit_id__in=chunk).values_list("unit_id", "level"))
    return out


def levels_under(unit, year):
    """({person id: level} of everyone who worked under ``unit`` in ``year``, {unit id: level} of its units)."""
    people = dict(Rating.objects.filter(year=year, person_id__in=year_employments(unit, year).values("person_id"))
                  .values_list("person_id", "level"))
    units = dict(Rating.objects.filter(year=year, unit__path__startswith=unit.path).values_list("unit_id", "level"))
    return people, units


def ratings_of_person(user, person):
    """A person's ratings, newest year first (none when the user may not see the person)."""
    if not duties.has_duty(user, person.unit, Duty.VIEW):
        return Rating.objects.none()
    return Rating.objects.filter(person=person).order_by("-year")


def ratings_of_unit(user, unit):
    if not duties.has_duty(user, unit, Duty.VIEW):
        return Rating.objects.none()
    return Rating.objects.filter(unit=unit).order_by("-year")


def disciplines_of_person(user, person):
    if not duties.has_duty(user, person.unit, Duty.VIEW):
        return Discipline.objects.none()
    return Discipline.objects.filter(person=person)


def initiatives_of_person(user, person=None):
    """The initiatives ``person`` authored (an award recorded for them may count them); none without a person."""
    from initiatives.models import Initiative

    if person is None or not duties.has_duty(user, person.unit, Duty.VIEW):
        return Initiative.objects.none()
    return Initiative.objects.filter(authors=person)


def ratings_import_job(user, unit, year, job_id=None):
    """The ratings import of ``unit`` and ``year`` to show: the one asked for (``job_id``), else the user's
    own still running."""
    from org.models import ImportJob
    from org.selectors import import_jobs_for

    jobs = import_jobs_for(user).filter(kind=ImportJob.Kind.RATINGS, params__unit=unit.pk, params__year=year)
    if job_id is not None:
        return jobs.filter(pk=job_id).first()
    return jobs.filter(user=user, finished_at__isnull=True).first()


def unrated_count(people, year: int) -> int:
    """How many of ``people`` (a queryset) have no rating for ``year`` (one query)."""
    return people.exclude(Exists(Rating.objects.filter(person=OuterRef("pk"), year=year))).count()
