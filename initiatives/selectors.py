"""Reads of the initiative registry, limited to what the user may see."""

from django.http import Http404

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
