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

from org.models import Employment, Person, Unit

from .models import Rating

# For ordering periods whose start is unknown before every dated one.
_EARLIEST = date(1, 1, 1)


def year_employments(unit, year):
    """Periods of work in ``unit`` or under it that overlap ``year``."""
    return (Employment.objects.filter(unit__path__startswith=unit.path)
            .exclude(start__gt=date(year, 12, 31)).exclude(end__lt=date(year, 1, 1)))


def rated_rows(unit, year, sub=None):
    """One period per person (the last one of the year under ``unit``), in screen order:
    by sub-unit (tree order), then by name in Vietnamese order."""
    periods = year_employments(unit, year).annotate(_s=Coalesce("start", Value(_EARLIEST)))
    later = periods.filter(person_id=OuterRef("person_id")).filter(
        Q(_s__gt=OuterRef("_s")) | Q(_s=OuterRef("_s"), id__gt=OuterRef("id")))
    rows = periods.filter(~Exists(later))
    if sub is not None:
        rows = rows.filter(unit__path__startswith=sub.path)
    return rows.select_related("person", "person__unit", "unit").order_by("unit__path", "person__sort_key", "person_id")


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


def member_count(unit, year) -> int:
    return year_employments(unit, year).values("person_id").distinct().count()


def level_counts(unit, year) -> dict[str, int]:
    """How many of the unit's people of ``year`` have each rating."""
    people = year_employments(unit, year).values("person_id")
    counts = Rating.objects.filter(year=year, person_id__in=people).values("level").annotate(n=Count("id"))
    return {row["level"]: row["n"] for row in counts}


def sub_units(unit, year):
    """The units under ``unit`` working at some time in ``year``, in tree order."""
    return (Unit.objects.filter(path__startswith=unit.path, depth__gt=unit.depth)
            .exclude(valid_from__gt=date(year, 12, 31)).exclude(valid_to__lt=date(year, 1, 1))
            .order_by("path"))


def rating_events(person, limit=20):
    """The changes of a person's ratings (their own history), newest first."""
    from audit.recording import events_for

    return events_for(person).filter(verb="ratings")[:limit]
