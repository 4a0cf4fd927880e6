"""Reads of the initiative registry, limited to what the user may see."""

from django.db.models import Prefetch
from django.http import Http404

from core.text import search_terms

from org import duties
from org.duties import Duty
from org.models import Person, Unit

from .models import Initiative


def _sees_everything(user) -> bool:
    """Does the user's view scope cover every root of the unit tree (a city's standing office)?"""
    paths = duties.paths_where(user, Duty.VIEW)
    if paths == [""]:
        return True
    if not paths:
        return False
    roots = Unit.objects.filter(depth=1).values_list("path", flat=True)
    return all(any(root.startswith(p) for p in paths) for root in roots)


def initiatives_for(user):
    """Initiatives with at least one author the user may see.

    Read through the author table (an indexed IN subquery) rather than a join
    with DISTINCT, and not filtered at all for a user who sees the whole tree:
    the city's list is then a plain, indexed page of the registry.
    """
    if _sees_everything(user):
        return Initiative.objects.all()
    # Nested IN lists (units → their people → their initiatives), each read through an index;
    # a join on the author table would scan all of it.
    units = Unit.objects.filter(duties.duty_q(user, Duty.VIEW)).values("pk")
    people = Person.objects.filter(unit_id__in=units).values("pk")
    authors = Initiative.authors.through.objects.filter(person_id__in=people).values("initiative_id")
    return Initiative.objects.filter(pk__in=authors)


def initiatives_search(user, query="", *, scope="", year=None):
    """The user's initiatives matching ``query``, of ``scope`` and recognised in ``year``, newest first,
    with their authors (names only) and the awards they were used for."""
    authors = Prefetch("authors", queryset=Person.objects.only("id", "full_name", "sort_key"))
    qs = initiatives_for(user).prefetch_related(authors, "used_by__award_type")
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if scope:
        qs = qs.filter(scope=scope)
    if year:
        qs = qs.filter(recognized_on__year=year)
    return qs.order_by("-recognized_on", "code")


def initiative_events(initiative):
    """An initiative's history (the initiative as got through ``initiative_get_for_user``)."""
    from audit.recording import events_for

    return events_for(initiative)


def editable_people(user):
    """The people the user may name as authors: those of the units where they record (duty ``rate``)."""
    return Person.objects.filter(duties.duty_q(user, Duty.RATE, prefix="unit__"))


def initiative_authors(initiative):
    return initiative.authors.select_related("unit")


def initiative_get_for_user(user, pk) -> Initiative:
    try:
        return initiatives_for(user).get(pk=pk)
    except (Initiative.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy sáng kiến") from None


def authors_for_display(user, initiative):
    """[(person, visible)]: an author outside the user's scope is shown by name only (no code, no link)."""
    return [(p, duties.has_duty(user, p.unit, Duty.VIEW)) for p in initiative.authors.select_related("unit")]


def split_authors(user, authors):
    """(the authors the user may edit, the others)."""
    mine, others = [], []
    for p in authors:
        (mine if duties.has_duty(user, p.unit, Duty.RATE) else others).append(p)
    return mine, others
