"""Every read of exemplars, already limited to what the user may see; and the public reads the portal takes.

- A unit's people (duty ``view``) see its proposals, drafts included; the standing office of the level above
  (duty ``standing_office`` there) sees what was sent to it, not the drafts.
- ``published_stories()`` is the portal's only way in: the public fields of the stories the office published,
  nothing about a person beyond a name (no birth date, identity number, phone, e-mail).
- ``board()``, ``missed_months()`` and ``year_compliance()``: each unit's months of a year (exemplars.compliance),
  per level, with the totals the year's report reads.
"""

import functools
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from core.text import fold, search_terms
from org.duties import Duty, duty_q, has_duty, paths_where
from org.models import Person, Unit

from . import compliance, rules
from .models import Event, Exemplar, Photo, Status, SubjectKind
from .workflow import steps_for  # noqa: F401  (the pages ask it here)


def _visible(user) -> Q:
    return duty_q(user, Duty.VIEW, prefix="unit__") | (duty_q(user, Duty.STANDING_OFFICE, prefix="authority__")
                                                        & ~Q(status=Status.DRAFT))


def exemplars_for(user, *, box: str = "", status: str = "", year: int | None = None, month: int | None = None,
                  unit: int | None = None, q: str = "", published: bool = False):
    """The exemplars ``user`` may see. ``box``: "sent" (from units where the user proposes), "received" (to levels
    whose office the user is), or "" (both); ``q``: a code (DH-2026-00012) or words of the deed, the name or the
    place, without diacritics."""
    qs = Exemplar.objects.filter(_visible(user))
    if box == "sent":
        qs = qs.filter(duty_q(user, Duty.SUBMIT, prefix="unit__"))
    elif box == "received":
        qs = qs.filter(duty_q(user, Duty.STANDING_OFFICE, prefix="authority__")).exclude(status=Status.DRAFT)
    if status in Status.values:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if month:
        qs = qs.filter(month=month)
    if unit:
        qs = qs.filter(unit_id=unit)
    if published:
        qs = qs.filter(published_at__isnull=False)
    text = (q or "").strip()
    if text.upper().startswith("DH-") and text[3:].replace("-", "").isdigit():
        pk = int(text.rsplit("-", 1)[-1])
        qs = qs.filter(pk=pk)
    else:
        for term in search_terms(text):
            qs = qs.filter(search_text__contains=term)
    return (qs.select_related("unit", "authority", "person", "collective")
            .annotate(n_photos=Count("photos")).order_by("-year", "-month", "-id"))


def filter_units(user) -> list[Unit]:
    """The units whose proposals the user sees (the list's unit filter), in tree order: one query."""
    return list(Unit.objects.filter(pk__in=Exemplar.objects.filter(_visible(user)).values("unit_id"))
                .only("id", "name", "path").order_by("path"))


def exemplar_get_for_user(user, pk) -> Exemplar:
    e = (Exemplar.objects.filter(_visible(user), pk=pk)
         .select_related("unit", "authority", "person__unit", "collective", "decided_by", "created_by",
                         "commended_line__dossier", "commended_line__award_type").first())
    if e is None:
        raise Http404("Không tìm thấy đề xuất điển hình")
    return e


def photos_of(exemplar):
    return list(exemplar.photos.order_by("position", "id"))


def photo_get_for_user(user, exemplar_pk, pk) -> Photo:
    """A photo of an exemplar the user may see, or of a published one (anyone may see it)."""
    photo = Photo.objects.filter(pk=pk, exemplar_id=exemplar_pk).select_related("exemplar").first()
    if photo is None:
        raise Http404
    if photo.exemplar.published_at is None:
        exemplar_get_for_user(user, exemplar_pk)
    return photo


def sent_late(exemplar):
    """The month's deadline when the proposal was first sent after it (recorded, but the month is not counted),
    else None."""
    rule = rules.rule_on(exemplar.year, exemplar.month)
    if rule is None or exemplar.first_sent_at is None:
        return None
    deadline = rule.deadline(exemplar.year, exemplar.month)
    return deadline if timezone.localtime(exemplar.first_sent_at).date() > deadline else None


def events_of(exemplar):
    return list(Event.objects.filter(exemplar=exemplar).select_related("actor").order_by("at", "id"))


def returned_reason(exemplar) -> Event | None:
    return exemplar.events.filter(verb="return").select_related("actor").order_by("-at", "-id").first()


# --- the unit's form ------------------------------------------------------------------------------

def units_proposing(user):
    from .actions import units_proposing as units

    return units(user)


def unit_for_proposal(user, pk) -> Unit:
    unit = units_proposing(user).filter(pk=pk).first()
    if unit is None:
        raise Http404("Không tìm thấy đơn vị")
    return unit


def authority_for(unit, day=None):
    """The level ``unit`` sends its proposals to today (the form's button names it), or None."""
    return rules.authority_above(unit, day or timezone.localdate())


def people_of(unit, limit=500):
    """The people of ``unit`` and of the units right under it (a ward's office, its schools), nearest first, in
    Vietnamese order (the form's list): at most ``limit`` of them. Deeper units propose for their own people."""
    return (Person.objects.filter(unit__path__startswith=unit.path, unit__depth__lte=unit.depth + 1)
            .select_related("unit")
            .order_by("unit__depth", "sort_key", "id")[:limit])


def collectives_of(unit):
    """The collectives the form offers: ``unit`` and the units right under it that are in force (not households)."""
    from org.selectors import active_q

    return (Unit.objects.filter(path__startswith=unit.path, depth__lte=unit.depth + 1).filter(active_q())
            .exclude(kind="household").order_by("depth", "sort_key"))


def month_rule(year: int, month: int):
    return rules.rule_on(year, month)


# --- the portal ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PublicPhoto:
    id: int
    caption: str
    width: int
    height: int


@dataclass(frozen=True)
class PublicStory:
    """What the portal may show of a published story: a name, the deed and its photos; never a birth date, an
    identity number, a phone number or an e-mail address (a person's record is not read beyond the name)."""

    id: int
    code: str
    title: str
    who: str                 # a person's or collective's name, or the outsider's name
    who_kind: str            # SubjectKind label
    about: str               # the outsider's short introduction, or the person's unit
    unit: str                # the proposing unit
    authority: str           # the level that accepted it
    year: int
    month: int
    deed_on: date
    place: str
    story: str
    published_at: object
    photos: tuple
    commended: str           # "Giấy khen" when the office commended it, else ""


PUBLIC_FIELDS = tuple(PublicStory.__dataclass_fields__)


def published_stories(*, unit=None, year: int | None = None, q: str = "", limit: int | None = None, pk: int | None = None):
    """The published stories, newest first, as ``PublicStory`` (public fields only). ``unit``: those proposed in
    its subtree; ``q``: words of the deed, name or place."""
    qs = Exemplar.objects.filter(published_at__isnull=False, status=Status.ACCEPTED)
    if pk is not None:
        qs = qs.filter(pk=pk)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if year:
        qs = qs.filter(year=year)
    for term in search_terms(q or ""):
        qs = qs.filter(search_text__contains=fold(term))
    qs = qs.order_by("-published_at", "-id").values(
        "id", "year", "month", "title", "subject_kind", "outsider_name", "outsider_about", "deed_on", "place", "story",
        "published_at", "unit__name", "authority__name", "person__full_name", "person__unit__name", "collective__name",
        "commended_line__award_type__name")
    rows = list(qs[:limit] if limit else qs)
    photos = {}
    for p in Photo.objects.filter(exemplar_id__in=[r["id"] for r in rows]).order_by("position", "id") \
            .values("id", "exemplar_id", "caption", "width", "height"):
        photos.setdefault(p["exemplar_id"], []).append(PublicPhoto(p["id"], p["caption"], p["width"], p["height"]))
    out = []
    for r in rows:
        kind = r["subject_kind"]
        who = {SubjectKind.PERSON: r["person__full_name"], SubjectKind.COLLECTIVE: r["collective__name"]}.get(kind) \
            or r["outsider_name"]
        about = r["outsider_about"] if kind == SubjectKind.OUTSIDER else (r["person__unit__name"] or "") \
            if kind == SubjectKind.PERSON else ""
        out.append(PublicStory(id=r["id"], code=f"DH-{r['year']}-{r['id']:05d}", title=r["title"], who=who or "",
                               who_kind=SubjectKind(kind).label, about=about, unit=r["unit__name"],
                               authority=r["authority__name"], year=r["year"], month=r["month"], deed_on=r["deed_on"],
                               place=r["place"], story=r["story"], published_at=r["published_at"],
                               photos=tuple(photos.get(r["id"], ())), commended=r["commended_line__award_type__name"] or ""))
    return out


def published_story(pk) -> PublicStory:
    found = published_stories(pk=pk)
    if not found:
        raise Http404("Không tìm thấy câu chuyện")
    return found[0]


def published_photo(pk) -> Photo:
    """A photo of a published story (the portal serves it), or 404."""
    photo = Photo.objects.filter(pk=pk, exemplar__published_at__isnull=False,
                                 exemplar__status=Status.ACCEPTED).first()
    if photo is None:
        raise Http404
    return photo


# --- the board ------------------------------------------------------------------------------------

@dataclass
class Board:
    level: Unit
    year: int
    rows: list
    rules: dict           # {month: MonthRule | None}
    today: date

    @property
    def months(self):
        return list(range(1, 13))

    @property
    def n_missed(self):
        return sum(r.n_missed for r in self.rows)

    @property
    def totals(self):
        """Per month: (owed, proposed or accepted, missed)."""
        out = []
        for m in range(12):
            cells = [r.cells[m] for r in self.rows]
            owed = [c for c in cells if c.state not in (compliance.State.NOT_OWED, compliance.State.FUTURE)]
            done = sum(1 for c in owed if c.state in (compliance.State.PROPOSED, compliance.State.ACCEPTED))
            missed = sum(1 for c in owed if c.state == compliance.State.MISSED)
            out.append((len(owed), done, missed))
        return out

    @property
    def rule(self):
        """The rule of the year's last month with one (its basis and status are shown under the board)."""
        return next((r for r in reversed(list(self.rules.values())) if r is not None), None)


def is_level(unit, day=None) -> bool:
    from rulebook.authorities import authority_level

    return authority_level(unit, day) is not None


def board_levels(user) -> list[Unit]:
    """The levels whose board the user may open: the levels in their scope that decide awards (the top of their
    scope, and those right under it), and the level each top unit proposes to (a school's officer opens their
    ward's board, limited to the school)."""
    paths = paths_where(user, Duty.VIEW)
    if not paths:
        return []
    tops = list(Unit.objects.get_root_nodes()) if paths == [""] else list(Unit.objects.filter(path__in=paths))
    out, seen = [], set()

    def add(u):
        if u is not None and u.pk not in seen:
            seen.add(u.pk)
            out.append(u)

    day = timezone.localdate()
    kinds_on = functools.cache(rules._authority_kinds)  # the rulebook's rows, once per day asked
    for top in sorted(tops, key=lambda u: u.path):
        above = rules.authority_above(top, day)
        add(above)
        if is_level(top):
            add(top)
        for child in Unit.objects.filter(path__startswith=top.path, depth=top.depth + 1).order_by("valid_to", "sort_key"):
            if rules.is_authority_kind(child, top.kind, kinds_on(child.valid_to or day)):
                add(child)
    return out


def level_for(user, pk) -> Unit:
    level = next((u for u in board_levels(user) if u.pk == pk), None)
    if level is None:
        unit = Unit.objects.filter(duty_q(user, Duty.VIEW), pk=pk).first()
        if unit is None or not is_level(unit, unit.valid_to or timezone.localdate()):
            raise Http404("Không tìm thấy cấp")
        level = unit
    return level


def board(user, level: Unit, year: int, *, unit: int | None = None, today: date | None = None) -> Board:
    """Each unit that proposes to ``level`` in ``year`` (and that the user may see), its twelve months."""
    year_rules = rules.rules_of_year(year)
    units = compliance.owing_units(level, year, year_rules)
    if not has_duty(user, level, Duty.VIEW):
        units = [u for u in units if has_duty(user, u, Duty.VIEW)]
    if unit:
        units = [u for u in units if u.pk == unit]
    return Board(level, year, compliance.rows_for(units, year, today, year_rules), year_rules,
                 today or timezone.localdate())


@dataclass(frozen=True)
class Missed:
    unit: Unit
    months: list  # the months missed, 1–12


def missed_months(level: Unit, year: int, *, user=None, today: date | None = None) -> list[Missed]:
    """The units that propose to ``level`` and missed at least one month of ``year`` (whose deadline passed by
    ``today`` without the minimum sent in time), in tree order, with those months: what the year's report lists.
    ``user``: only the units they may see."""
    year_rules = rules.rules_of_year(year)
    units = compliance.owing_units(level, year, year_rules)
    if user is not None and not has_duty(user, level, Duty.VIEW):
        units = [u for u in units if has_duty(user, u, Duty.VIEW)]
    return [Missed(r.unit, r.missed_months) for r in compliance.rows_for(units, year, today, year_rules) if r.n_missed]


@dataclass(frozen=True)
class UnitYear:
    """One unit's months of a year: owed (the months whose count has begun), accepted, proposed (sent, waiting),
    missed (their numbers in ``missed_months``)."""

    unit: Unit
    owed: int
    accepted: int
    proposed: int
    missed: int
    missed_months: tuple


@dataclass(frozen=True)
class YearCompliance:
    """Each unit that proposes to ``level`` in ``year`` and the totals: what the year's report reads."""

    level: Unit
    year: int
    rows: list            # UnitYear, in tree order
    units: int            # units that owe months
    units_complete: int   # of those, with no month missed
    owed: int             # unit-months owed so far
    accepted: int
    proposed: int
    missed: int

    @property
    def share_done(self):
        """Share of the unit-months owed that have an exemplar proposed in time (accepted or waiting), or None."""
        return None if not self.owed else (self.accepted + self.proposed) / self.owed


def year_compliance(level: Unit, year: int, *, today: date | None = None, user=None) -> YearCompliance:
    """Per level and year, each unit's months proposed, accepted and missed, and the totals (two queries for the
    units and one grouped query for their proposals, whatever their number). ``user``: only the units they may see
    (None: all, for the report of a level the caller has already checked)."""
    year_rules = rules.rules_of_year(year)
    units = compliance.owing_units(level, year, year_rules)
    if user is not None and not has_duty(user, level, Duty.VIEW):
        units = [u for u in units if has_duty(user, u, Duty.VIEW)]
    out = []
    for r in compliance.rows_for(units, year, today, year_rules):
        owed = sum(1 for c in r.cells if c.state not in (compliance.State.NOT_OWED, compliance.State.FUTURE,
                                                         compliance.State.OPEN))
        out.append(UnitYear(r.unit, owed, r.n_accepted, r.n_proposed, r.n_missed, tuple(r.missed_months)))
    return YearCompliance(level, year, out, len(out), sum(1 for r in out if not r.missed), sum(r.owed for r in out),
                          sum(r.accepted for r in out), sum(r.proposed for r in out), sum(r.missed for r in out))


# --- the desk -------------------------------------------------------------------------------------

def desk(user, today: date | None = None, limit: int = 8) -> dict:
    """For the home page: the units the user proposes for that have nothing sent for this month yet ("tháng này
    đơn vị chưa có điển hình"), and, for a standing office, the proposals waiting for it and how many of its units
    have none this month."""
    from .actions import units_proposing as proposing

    today = today or timezone.localdate()
    out = {"month": today.month, "year": today.year}
    rule = rules.rule_on(today.year, today.month)
    if rule is None or rule.per_month <= 0:
        return out
    if paths_where(user, Duty.SUBMIT):
        mine = [u for u in proposing(user).filter(kind__in=rule.unit_kinds)[:200]
                if rules.active_whole_month(u, today.year, today.month)]
        rows = compliance.rows_for(mine, today.year, today, {m: rule if m == today.month else None for m in range(1, 13)})
        waiting = [r.unit for r in rows if r.cells[today.month - 1].state == compliance.State.OPEN]
        out["units_without"] = waiting[:limit]
        out["n_units_without"] = len(waiting)
        out["n_more_without"] = max(0, len(waiting) - limit)
        out["deadline"] = rule.deadline(today.year, today.month)
    office = paths_where(user, Duty.STANDING_OFFICE)
    if office:
        received = Exemplar.objects.filter(status=Status.SUBMITTED)
        received = received.filter(authority__path__in=office) if office != [""] else received
        out["n_to_review"] = received.count()
        out["to_review"] = list(received.select_related("unit").order_by("sent_at", "id")[:limit])
    return out
