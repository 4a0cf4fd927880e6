"""What the rulebook says of the monthly exemplars (parameter ``exemplar_monthly``, dated): how many a unit proposes
each month, which units must, by when a month's proposal counts, which award an on-the-spot commendation opens;
and which level a unit proposes to (the nearest unit above whose chairman decides awards)."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from org.models import Unit

KEY = "exemplar_monthly"


@dataclass(frozen=True)
class MonthRule:
    per_month: int
    unit_kinds: frozenset
    grace_days: int
    commend_award: dict
    status: str
    legal_basis: str

    @property
    def status_label(self) -> str:
        from rulebook.models import Status

        return Status(self.status).label if self.status in Status.values else self.status

    def deadline(self, year: int, month: int) -> date:
        """The last day a month's proposal may be sent (first sent) and still count for that month."""
        return last_day(year, month) + timedelta(days=self.grace_days)


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _rule(row) -> MonthRule | None:
    from rulebook.schema import value_or_default

    if row is None:
        return None
    value, _problem = value_or_default(row)
    return MonthRule(per_month=int(value["per_month"]), unit_kinds=frozenset(value["unit_kinds"]),
                     grace_days=int(value["grace_days"]), commend_award=dict(value["commend_award"]),
                     status=row.status, legal_basis=row.legal_basis)


def rule_on(year: int, month: int) -> MonthRule | None:
    """The rule in force on the first day of the month, or None (no row: nothing is tracked that month)."""
    from rulebook.selectors import parameter_row_on

    return _rule(parameter_row_on(KEY, date(year, month, 1)))


def rules_of_year(year: int) -> dict[int, MonthRule | None]:
    """{month: rule} for the twelve months, from one query over the parameter's rows."""
    from rulebook.models import Parameter

    rows = list(Parameter.objects.filter(key=KEY))
    out, made = {}, {}
    for m in range(1, 13):
        first = date(year, m, 1)
        fits = [r for r in rows if r.in_force_on(first)]
        row = max(fits, key=lambda r: (r.valid_from is not None, r.valid_from or date.min), default=None)
        if row is not None and row.pk not in made:
            made[row.pk] = _rule(row)
        out[m] = made[row.pk] if row is not None else None
    return out


def active_whole_month(unit, year: int, month: int) -> bool:
    """A unit owes a month when it exists the whole month (a ward formed on 01/07 owes July; one closed on 30/06
    owes June, not July)."""
    first, last = date(year, month, 1), last_day(year, month)
    return (unit.valid_from is None or unit.valid_from <= first) and (unit.valid_to is None or unit.valid_to >= last)


def authority_above(unit: Unit, day: date | None = None) -> Unit | None:
    """The level ``unit`` proposes to: the nearest unit above it that decides awards on ``day`` (a school → its
    ward; a ward → the city, or its district before 01/07/2025), as the dossiers route them."""
    from dossiers.selectors import authorities_for

    return next((u for u in authorities_for(unit, day) if u.pk != unit.pk), None)


def _authority_kinds(day):
    """The rulebook's ``authority_units`` rows as (kind, kind of the unit above or "")."""
    from rulebook.authorities import _DEFAULT_AUTHORITY_UNITS
    from rulebook.selectors import parameter_on

    return [(r["kind"], r.get("under", "")) for r in parameter_on("authority_units", day, _DEFAULT_AUTHORITY_UNITS)]


def is_authority_kind(unit, parent_kind, rows) -> bool:
    return any(kind == unit.kind and (not under or under == parent_kind) for kind, under in rows)


def units_owing(level: Unit, year: int, kinds: set) -> list[Unit]:
    """The units of ``kinds`` that propose to ``level`` in ``year``: under it, in force some time that year, with no
    other unit that decides awards between them and ``level`` (a school under a ward proposes to the ward, not to
    the city). One query for the subtree."""
    if not kinds:
        return []
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = _authority_kinds(last)
    # Only the kinds that owe or that decide awards matter (not the households and residential groups, the bulk).
    units = list(Unit.objects.filter(path__startswith=level.path, depth__gt=level.depth,
                                     kind__in=set(kinds) | {k for k, _ in rows})
                 .exclude(valid_from__gt=last).exclude(valid_to__lt=first)
                 .only("id", "path", "depth", "kind", "name", "code", "valid_from", "valid_to", "sort_key")
                 .order_by("path"))
    by_path = {u.path: u for u in units}
    step = Unit.steplen
    # Units between ``level`` and another unit that decide awards themselves: what lies under them is theirs.
    inner = set()
    for u in units:
        parent = by_path.get(u.path[:-step])
        parent_kind = parent.kind if parent else level.kind
        if is_authority_kind(u, parent_kind, rows):
            inner.add(u.path)
    out = []
    for u in units:
        if u.kind not in kinds:
            continue
        between = (u.path[:i * step] for i in range(level.depth + 1, u.depth))
        if any(p in inner for p in between):
            continue
        out.append(u)
    return out
