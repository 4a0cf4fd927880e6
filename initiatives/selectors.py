"""Reads of the initiative registry, limited to what the user may see."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Prefetch
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


def initiatives_search(user, query="", *, scope="", year=None, status="", unit=None):
    """The user's initiatives matching ``query``, of ``scope``, ``status`` and ``unit`` (its subtree), recognised
    (or, not yet recognised, submitted) in ``year``, newest first, with their authors (names only) and the awards
    they were used for."""
    from django.db.models import Q

    authors = Prefetch("authors", queryset=Person.objects.only("id", "full_name", "sort_key"))
    qs = initiatives_for(user).select_related("unit").prefetch_related(authors, "used_by__award_type")
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if scope:
        qs = qs.filter(scope=scope)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if year:
        qs = qs.filter(Q(recognized_on__year=year) | Q(recognized_on__isnull=True, submitted_at__year=year))
    return qs.order_by(F("recognized_on").desc(nulls_first=True), "code")


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
    """The initiative, if the user sees one of its authors' units or is one of its authors (an author without a role
    follows their own initiative); else 404."""
    try:
        return initiatives_for(user).get(pk=pk)
    except (Initiative.DoesNotExist, ValueError, TypeError):
        person_id = getattr(user, "person_id", None)
        if person_id:
            mine = Initiative.objects.filter(pk=pk, authors=person_id).first() if str(pk).isdigit() else None
            if mine is not None:
                return mine
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


# --- the path: submission, council, recognition, widening, application ----------------------------------

def filter_units(user):
    """The units the registry's list offers to filter by: those of the user's roles (duty ``view``) and the units
    right under them, the top first."""
    return _roots_and_children(duties.paths_where(user, Duty.VIEW))


def _roots_and_children(paths):
    from django.db.models import Q

    if paths == [""]:
        return Unit.objects.filter(depth__lte=2).order_by("path")
    if not paths:
        return Unit.objects.none()
    q = Q(path__in=paths)
    for p in paths:
        q |= Q(path__startswith=p, depth=len(p) // Unit.steplen + 1)
    return Unit.objects.filter(q).order_by("path")


def submit_units(user):
    """The units whose initiatives ``user`` may submit for their authors (duty ``rate``): the units of their roles
    and the units right under them, the top first."""
    from django.db.models import Q

    paths = duties.paths_where(user, Duty.RATE)
    if not paths:
        person = getattr(user, "person", None) if getattr(user, "person_id", None) else None
        return Unit.objects.filter(pk=person.unit_id) if person else Unit.objects.none()
    if paths == [""]:
        return Unit.objects.filter(depth__lte=2).order_by("path")
    q = Q(path__in=paths)
    for p in paths:
        q |= Q(path__startswith=p, depth=len(p) // Unit.steplen + 1)
    return Unit.objects.filter(q).order_by("path")


def unit_people(unit):
    """The people of ``unit`` and the units under it, for the authors' list."""
    return Person.objects.filter(unit__path__startswith=unit.path).select_related("unit")


def timeline(initiative):
    """The initiative's steps, oldest first, with who took them."""
    return list(initiative.events.select_related("actor").order_by("at", "id"))


def authorships(initiative):
    from .models import Authorship

    return list(Authorship.objects.filter(initiative=initiative).select_related("person__unit").order_by("-share", "id"))


def round_sheets(initiative):
    """The sheets of the current round, in the council's order."""
    from .models import Score

    return list(Score.objects.filter(initiative=initiative, round=initiative.round).select_related("member")
                .order_by("member__position", "member_id"))


def council_of(unit, year):
    from .models import Council

    return Council.objects.filter(unit=unit, year=year).prefetch_related("members__user").first()


def councils_for(user, year):
    """The initiative councils of ``year`` of the units the user sees."""
    from .models import Council

    return (Council.objects.filter(year=year).filter(duties.duty_q(user, Duty.VIEW, prefix="unit__"))
            .select_related("unit").prefetch_related("members").order_by("unit__path"))


def served_awards(initiative):
    """The awards the initiative has served (revoked ones too, said so), with their decision and nomination line."""
    return list(initiative.used_by.select_related("award_type", "person", "unit", "decision", "nomination__dossier")
                .order_by("year", "id"))


def my_seat(user, initiative):
    """The council member ``user`` sits as on the initiative's council, or None."""
    if not initiative.council_id or not user.is_authenticated:
        return None
    return initiative.council.members.filter(user=user).first()


# --- targets: the share of staff with a recognised initiative, the share applied ----------------------

TARGETS = "initiative_targets"
DEFAULT_TARGETS = {"author_share": Decimal("0.15"), "applied_share": Decimal("0.7")}


def targets_of(level, year):
    """{"author_share": (%, where it comes from), "applied_share": (%, where from), "basis": the rulebook row's legal
    basis}: the targets of a launched movement of ``level`` or a level above it that carries them (the nearest, the
    latest), else the rulebook's ``initiative_targets``."""
    from movements.models import Movement, MovementStatus, MovementTarget

    paths = [level.path[:i] for i in range(Unit.steplen, len(level.path) + 1, Unit.steplen)]
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = (MovementTarget.objects.filter(metric__in=["initiative_share", "initiative_applied"],
                                          movement__unit__path__in=paths, movement__start__lte=last,
                                          movement__status__in=[MovementStatus.LAUNCHED, MovementStatus.CLOSED])
            .exclude(movement__end__lt=first).select_related("movement__unit")
            .order_by("-movement__unit__depth", "-movement__start", "id"))
    found = {}
    for t in rows:
        found.setdefault(t.metric, t)
    from rulebook.selectors import parameter_row_on
    from rulebook.schema import value_or_default

    row = parameter_row_on(TARGETS, last)
    value = {**DEFAULT_TARGETS, **(value_or_default(row)[0] if row else {})}
    out = {}
    for metric, key in (("initiative_share", "author_share"), ("initiative_applied", "applied_share")):
        t = found.get(metric)
        if t is not None:
            out[key] = (Decimal(t.threshold), f"Phong trào “{t.movement.name}” ({t.movement.unit.name})")
        else:
            out[key] = (Decimal(str(value[key])) * 100, "quy định chung (tham số initiative_targets)")
    out["basis"] = row.legal_basis if row is not None else ""
    return out


@dataclass
class TargetRow:
    unit: Unit
    staff: int = 0
    authors: int = 0          # people of the unit with an initiative recognised in the year
    recognized: int = 0       # initiatives recognised in the year with an author in the unit
    applied: int = 0          # of those, applied (an application report or a confirmed effect)

    @property
    def author_share(self):
        return (Decimal(self.authors * 100) / self.staff).quantize(Decimal("0.1")) if self.staff else None

    @property
    def applied_share(self):
        return (Decimal(self.applied * 100) / self.recognized).quantize(Decimal("0.1")) if self.recognized else None


def target_rows(level, year):
    """(rows, total): for each unit right under ``level`` (and ``level`` itself when it has staff of its own), the
    staff, the people with an initiative recognised in ``year``, those initiatives and how many are applied; an
    initiative counts once per unit however many of its authors work there, and once in the total. A few grouped
    queries whatever the number of units."""
    from django.db.models import Count

    from .models import Application, Authorship, Initiative, Status

    children = list(Unit.objects.filter(path__startswith=level.path, depth=level.depth + 1).order_by("sort_key", "path"))
    rows = {u.path: TargetRow(u) for u in children}
    own = TargetRow(level)
    plen = len(level.path) + Unit.steplen

    def row_of(path):
        return rows.get(path[:plen]) if len(path) >= plen else own

    # Paths by unit id (one read of the subtree's units), then counts by unit id: no join on the unit table.
    subtree = Unit.objects.filter(path__startswith=level.path)
    paths = dict(subtree.values_list("pk", "path"))
    staff = Person.objects.filter(unit_id__in=subtree.values("pk")).values_list("unit_id").annotate(n=Count("id")).order_by()
    for uid, n in staff:
        r = row_of(paths[uid])
        if r is not None:
            r.staff += n
    recognised = Initiative.objects.filter(status=Status.RECOGNIZED, recognized_on__gte=date(year, 1, 1),
                                           recognized_on__lte=date(year, 12, 31))
    applied_ids = set(Application.objects.filter(initiative__in=recognised).values_list("initiative_id", flat=True))
    links = [(pid, iid, paths[uid], confirmed or iid in applied_ids) for pid, iid, uid, confirmed in
             Authorship.objects.filter(initiative__in=recognised, person__unit_id__in=subtree.values("pk")).values_list("person_id", "initiative_id", "person__unit_id",
                                                                              "initiative__effect_confirmed")
             if uid in paths]
    people, initiatives = {}, {}
    all_people, all_initiatives = set(), {}
    for pid, iid, path, is_applied in links:
        r = row_of(path)
        if r is None:
            continue
        people.setdefault(r.unit.path, set()).add(pid)
        initiatives.setdefault(r.unit.path, {})[iid] = is_applied
        all_people.add(pid)
        all_initiatives[iid] = is_applied
    for r in [own, *rows.values()]:
        r.authors = len(people.get(r.unit.path, ()))
        mine = initiatives.get(r.unit.path, {})
        r.recognized, r.applied = len(mine), sum(1 for v in mine.values() if v)
    total = TargetRow(level, staff=own.staff + sum(r.staff for r in rows.values()), authors=len(all_people),
                      recognized=len(all_initiatives), applied=sum(1 for v in all_initiatives.values() if v))
    out = ([own] if own.staff or own.recognized else []) + list(rows.values())
    return out, total


def target_levels(user):
    """The units whose initiative targets the user may read (where they see), the top first."""
    paths = duties.paths_where(user, Duty.VIEW)
    if paths == [""]:
        return Unit.objects.filter(depth=1).order_by("path")
    return Unit.objects.filter(path__in=paths).order_by("path")


def council_candidates(unit):
    """The accounts a unit's initiative council may seat: active accounts of the unit's level (the unit, its
    parent's other units and those below), by login name."""
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(memberships__unit__path__startswith=unit.path[:max(len(unit.path) - 4, 4)],
                                            is_active=True).distinct().order_by("username"))
