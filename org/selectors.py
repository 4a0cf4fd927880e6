"""Every read of units and people, already limited to what the user may see."""

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404
from django.utils import timezone

from core.text import fold, search_terms

from . import duties
from .duties import Duty, duty_q
from .models import Employment, ImportJob, Membership, Person, Unit, UnitKind


def units_for(user):
    return Unit.objects.filter(duty_q(user, Duty.VIEW))


def unit_get_for_user(user, pk) -> Unit:
    """The unit, or 404 when it does not exist or lies outside the user's scope."""
    try:
        return units_for(user).select_related("successor").get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị") from None


def units_under_duty(user, duty: Duty):
    """Every unit (active or not) where ``user`` has ``duty``."""
    return Unit.objects.filter(duty_q(user, duty))


def people_under_duty(user, duty: Duty):
    """The people of the units where ``user`` has ``duty``."""
    return Person.objects.filter(duty_q(user, duty, prefix="unit__"))


def unit_ancestors_for(user, unit):
    """The units above ``unit`` that the user may see, the top first."""
    paths = [unit.path[: i * Unit.steplen] for i in range(1, unit.depth)]
    return units_for(user).filter(path__in=paths).order_by("depth")


def unit_predecessors_for(user, unit):
    """The units in the user's scope that were merged into ``unit``."""
    return units_for(user).filter(successor=unit).order_by("sort_key")


def unit_successor_visible(user, unit) -> bool:
    return bool(unit.successor_id) and units_for(user).filter(pk=unit.successor_id).exists()


def unit_merge_candidates(user, target):
    """Units that may be recorded as merged into ``target``: active, of its kind, not yet merged, where the
    user is the standing office, neither ``target`` nor anything above or under it."""
    return (
        Unit.objects.filter(duty_q(user, Duty.STANDING_OFFICE))
        .filter(kind=target.kind, successor__isnull=True)
        .filter(active_q())
        .exclude(pk=target.pk)
        .exclude(path__startswith=target.path)
        .exclude(pk__in=[a.pk for a in unit_ancestors_for(user, target)])
        .order_by("sort_key")
    )


def person_move_targets(user, person):
    """Active units the user may move ``person`` to (where they edit people), other than the person's own."""
    return Unit.objects.filter(duty_q(user, Duty.EDIT_PEOPLE)).filter(active_q()).exclude(pk=person.unit_id).order_by("path")


def memberships_of(user):
    """The user's own roles, with their units."""
    return Membership.objects.filter(user=user).select_related("unit").order_by("unit__path")


# A scope of at most this many units is given to the database as their ids: SQLite otherwise walks every
# person of the city in name order to keep a school's 83 (150 ms on 200,000 people; 1 ms by the unit index).
SMALL_SCOPE_UNITS = 1000


def people_for(user):
    paths = duties.paths_where(user, Duty.VIEW)
    if paths and paths != [""]:
        ids = list(Unit.objects.filter(duty_q(user, Duty.VIEW)).values_list("id", flat=True)[:SMALL_SCOPE_UNITS + 1])
        if len(ids) <= SMALL_SCOPE_UNITS:
            return Person.objects.filter(unit_id__in=ids).select_related("unit")
    return Person.objects.filter(duty_q(user, Duty.VIEW, prefix="unit__")).select_related("unit")


def person_ids_visible(user, person_ids) -> set:
    """Which of ``person_ids`` the user may open."""
    return set(people_for(user).filter(pk__in=person_ids).values_list("id", flat=True)) if person_ids else set()


def person_get_for_user(user, pk) -> Person:
    try:
        return people_for(user).get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy cán bộ") from None


def _match(qs, query):
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs


def people_search(user, query="", *, unit=None, subunits=True):
    qs = people_for(user)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path) if subunits else qs.filter(unit=unit)
    qs = _match(qs, query)
    phrase = fold(query)
    if " " in phrase:
        # Every word matches as a prefix anywhere ("thi" is in "thinh"), so the
        # people whose name holds the whole phrase come first.
        qs = qs.annotate(_exact=Case(When(search_text__contains=phrase, then=Value(0)), default=Value(1), output_field=IntegerField()))
        return qs.order_by("_exact", "sort_key", "id")
    return qs.order_by("sort_key", "id")


def units_with_duty(user, duty: Duty, query=""):
    """Active units where ``user`` has ``duty`` (e.g. may import people), matching ``query``."""
    return _match(units_for(user).filter(duty_q(user, duty)).filter(active_q()), query)


def units_search(user, query="", *, include_dissolved=True):
    qs = _match(units_for(user), query)
    if not include_dissolved:
        qs = qs.filter(active_q())
    return qs.order_by("depth", "sort_key")


def active_q(day=None, prefix=""):
    day = day or timezone.localdate()
    return Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})


def unit_children(user, unit, *, include_dissolved=False):
    qs = units_for(user).filter(path__startswith=unit.path, depth=unit.depth + 1)
    if not include_dissolved:
        qs = qs.filter(active_q())
    return qs.select_related("successor").order_by("valid_to", "sort_key").annotate(
        n_people=Count("people", distinct=True)
    )


def unit_children_count(user, unit) -> int:
    return units_for(user).filter(path__startswith=unit.path, depth=unit.depth + 1).count()


def unit_current_members(unit):
    return Person.objects.filter(unit=unit).order_by("sort_key", "id")


def unit_former_members(unit):
    """People who worked here and have left (their Employment here is closed)."""
    return (
        Employment.objects.filter(unit=unit, end__isnull=False)
        .exclude(person__unit=unit)
        .select_related("person", "person__unit")
        .order_by("-end", "person__sort_key")
    )


def unit_people_count(unit) -> int:
    return Person.objects.filter(unit__path__startswith=unit.path).count()


def person_employments(person):
    return person.employments.select_related("unit").order_by("-start", "-id")


def import_jobs_for(user):
    """Imports are seen by the one who started them (and the administrator)."""
    return (ImportJob.objects.all() if user.is_superuser else ImportJob.objects.filter(user=user)).select_related("user")


def people_imports_recent(user, besides=None, n=5):
    """The user's last people imports (other than ``besides``, the one on screen)."""
    qs = import_jobs_for(user).filter(kind=ImportJob.Kind.PEOPLE)
    if besides is not None:
        qs = qs.exclude(pk=besides.pk)
    return qs[:n]


def unit_events(unit):
    """A unit's history (the unit as got through ``unit_get_for_user``)."""
    from audit.recording import events_for

    return events_for(unit)


def person_events(person):
    """A person's history (the person as got through ``person_get_for_user``)."""
    from audit.recording import events_for

    return events_for(person)


def import_job_get_for_user(user, pk) -> ImportJob:
    qs = import_jobs_for(user)
    try:
        return qs.get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy lần nhập") from None


def recipients_under(user, unit, text, limit=20) -> list:
    """People and collectives under ``unit`` (and the unit itself) whom ``text`` names: an exact code first,
    else every person or unit whose name holds the words (without diacritics)."""
    text = (text or "").strip()
    if not text:
        return []
    people = people_for(user).filter(unit__path__startswith=unit.path)
    units = units_for(user).filter(path__startswith=unit.path).filter(active_q())
    exact = list(people.filter(code__iexact=text)[:1]) or list(units.filter(code__iexact=text)[:1])
    if exact:
        return exact
    return [*_match(people, text).select_related("unit").order_by("sort_key", "id")[:limit],
            *_match(units, text).order_by("depth", "sort_key")[:limit]]


def authorities_with_duty(user, duty: Duty):
    """The units whose council or chairman's work the user does under ``duty`` (the units the roles were given in;
    for a superuser every level in force: the city, districts, communes)."""
    paths = duties.paths_where(user, duty)
    if not paths:
        return Unit.objects.none()
    if paths == [""]:
        return Unit.objects.filter(kind__in=[UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE], valid_to__isnull=True) \
            .order_by("depth", "name")
    return Unit.objects.filter(path__in=paths).order_by("depth", "name")


def count_over(qs, limit) -> bool:
    """Has ``qs`` more than ``limit`` rows (counted no further than that)?"""
    return qs.order_by()[limit:limit + 1].exists()
