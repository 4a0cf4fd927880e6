"""Reading the history the engine needs, set-based.

One grouped query per input table turns the whole population's history into
bit masks (bit k = year N−k), so evaluation is a pass over one row per
person, never a query per person. The same queries, with a filter, serve one
person's explanation or one unit's list.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from django.db import connection

from initiatives.models import SCOPE_RANK
from records.models import DISCIPLINE_SEVERITY, RATING_SCORE

LOOKBACK = 24  # years of history read into masks (bit 0 = the year evaluated)

# The level map: a rating level a criterion names -> the Subject mask of the
# years rated at that level or better (the order of levels is records.models.RATING_SCORE).
YEARS_AT_LEAST = {"HTXSNV": "excellent_years", "HTTNV": "good_years", "HTNV": "done_years"}


def levels_at_least(level):
    """The rating levels that count as ``level`` or better, best first."""
    return [code for code, score in RATING_SCORE.items() if score >= RATING_SCORE[level]]


class InitiativeFact(NamedTuple):
    """An initiative a person authored, as the criteria read it."""

    code: str
    scope_rank: int        # initiatives.models.SCOPE_RANK: 1 cơ sở … 3 toàn quốc
    recognized_on: date
    used_for: str | None   # the award it was already used for ("Chiến sĩ thi đua cơ sở năm 2024"), or None
    uses: tuple = ()       # every award it was used for: ((year, award_type_id, "Chiến sĩ thi đua cơ sở năm 2024"), …)
    # Each scope it was recognised at by the end of the year evaluated, with the day: ((rank, day), …) oldest first —
    # its recognition, then each higher level's widening (initiatives.Widening). Empty: ((scope_rank, recognized_on),).
    levels: tuple = ()


@dataclass(slots=True)
class Subject:
    """One person or collective with the history the criteria read.

    Year masks: bit k set = year N−k (N the year evaluated), over LOOKBACK years."""

    id: int
    code: str
    name: str
    rated_years: int = 0       # years with a rating (any level)
    done_years: int = 0        # years rated HTNV or better
    good_years: int = 0        # years rated HTTNV or better
    excellent_years: int = 0   # years rated HTXSNV
    award_years: dict = field(default_factory=dict)       # award_type_id -> mask of the years it was given
    # award_type_ids given for the year evaluated that a year-end proposal would give again: its titles (once a
    # year), its forms given at the year's end (an ad hoc Giấy khen is another achievement)
    given_now: set = field(default_factory=set)
    first_award_year: dict = field(default_factory=dict)  # award_type_id -> earliest year given (any age)
    first_start: date | None = None
    discipline: int = 0  # worst severity in the year (records.models.DISCIPLINE_SEVERITY; 0 = none)
    initiatives: list = field(default_factory=list)  # [InitiativeFact]
    members: list = field(default_factory=list)      # collectives: person ids


class Filter:
    """Which subjects to read: everyone, the people and units under a unit, some people (and no collective),
    or some collectives (and their members)."""

    def __init__(self, *, unit_path=None, person_ids=None, unit_id=None, unit_ids=None):
        self.unit_path, self.person_ids, self.unit_id = unit_path, person_ids, unit_id
        self.unit_ids = sorted(unit_ids) if unit_ids is not None else None

    def person_sql(self, column, year):
        if self.unit_ids is not None and self.person_ids is None and self.unit_path is None:
            return " AND 1=0", []  # collectives only: their members are read apart
        if self.person_ids is not None:
            ids = sorted(self.person_ids) or [0]
            return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", ids
        if self.unit_path is not None:
            # People who worked under the unit at some time in the year.
            return (f" AND {column} IN (SELECT e.person_id FROM org_employment e JOIN org_unit u ON u.id = e.unit_id"
                    f" WHERE u.path LIKE %s AND (e.start IS NULL OR e.start <= %s) AND (e.\"end\" IS NULL OR e.\"end\" >= %s))",
                    [self.unit_path + "%", date(year, 12, 31), date(year, 1, 1)])
        return "", []

    def unit_sql(self, column):
        if self.unit_ids is not None:
            ids = self.unit_ids or [0]
            return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", ids
        if self.unit_id is not None:
            return f" AND {column} = %s", [self.unit_id]
        if self.unit_path is not None:
            return f" AND {column} IN (SELECT id FROM org_unit WHERE path LIKE %s)", [self.unit_path + "%"]
        if self.person_ids is not None:
            return " AND 1=0", []  # these people only: no collective is read
        return "", []


def _bit(year):
    # 1 << (N − year) in SQL both SQLite and PostgreSQL understand.
    return f"(CAST(1 AS BIGINT) << ({year} - year))"


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def read_people(year: int, flt: Filter) -> dict[int, Subject]:
    lo = year - LOOKBACK + 1
    first_day, last_day = date(year, 1, 1), date(year, 12, 31)
    where, params = flt.person_sql("id", year)
    people = {pid: Subject(pid, code, name) for pid, code, name in _rows(
        "SELECT id, code, full_name FROM org_person WHERE 1=1" + where, params)}
    if not people:
        return people
    where, params = flt.person_sql("person_id", year)
    for pid, first_start, n, active in _rows(
        # A period with no start date means "since before the records": not recruited recently.
        "SELECT person_id, CASE WHEN COUNT(*) > COUNT(start) THEN NULL ELSE MIN(start) END, COUNT(*),"
        " MAX(CASE WHEN (start IS NULL OR start <= %s) AND (\"end\" IS NULL OR \"end\" >= %s) THEN 1 ELSE 0 END)"
        " FROM org_employment WHERE 1=1" + where + " GROUP BY person_id", [last_day, first_day, *params]
    ):
        s = people.get(pid)
        if s is None:
            continue
        if not active:
            # Did not work in the year evaluated (joined later or left before): not evaluated.
            del people[pid]
            continue
        s.first_start = _as_date(first_start)
    _read_ratings(people, "person_id", year, lo, where, params)
    _read_awards(people, "person_id", year, lo, where, params)
    severity = " ".join(f"WHEN '{code}' THEN {n}" for code, n in DISCIPLINE_SEVERITY.items())
    for pid, worst in _rows(
        f"SELECT person_id, MAX(CASE level {severity} ELSE 0 END) FROM records_discipline"
        " WHERE date >= %s AND date <= %s" + where + " GROUP BY person_id",
        [first_day, last_day, *params],
    ):
        if pid in people:
            people[pid].discipline = int(worst or 0)
    _read_initiatives(people, year, flt)
    return people


# The order in which _read_ratings reads the level map's masks (one tuple assignment per row: a
# setattr loop over the map costs more than the rest of the row on 200,000 people).
_RATING_MASKS = ("excellent_years", "good_years", "done_years")
_LEVEL_OF = {attr: level for level, attr in YEARS_AT_LEAST.items()}
assert set(_RATING_MASKS) == set(_LEVEL_OF), "every mask of YEARS_AT_LEAST is read by _read_ratings"


def _level_sql(level):
    """SQL true for the rows rated ``level`` or better (an equality when that is one level)."""
    codes = levels_at_least(level)
    if len(codes) == 1:
        return f"level = '{codes[0]}'"
    return "level IN (" + ",".join(f"'{c}'" for c in codes) + ")"


def _read_ratings(subjects, column, year, lo, where, params):
    b = _bit(year)
    # The year window is inside the sums, not in WHERE: so the scan follows the
    # covering index (subject, year, level) in GROUP BY order, with no sort.
    w = f"year <= {int(year)} AND year >= {int(lo)}"
    sums = "".join(f" SUM(CASE WHEN {w} AND {_level_sql(_LEVEL_OF[attr])} THEN {b} ELSE 0 END)," for attr in _RATING_MASKS)
    for sid, excellent, good, done, rated in _rows(
        f"SELECT {column},{sums} SUM(CASE WHEN {w} THEN {b} ELSE 0 END)"
        f" FROM records_rating WHERE {column} IS NOT NULL" + where + f" GROUP BY {column}",
        params,
    ):
        s = subjects.get(sid)
        if s is not None:
            s.excellent_years, s.good_years, s.done_years, s.rated_years = int(excellent), int(good), int(done), int(rated)


def _read_awards(subjects, column, year, lo, where, params):
    b = _bit(year)
    # Revoked awards are rare: read them apart so that the big scan stays on the index.
    for sid, type_id, mask, first in _rows(
        f"SELECT {column}, award_type_id, SUM(CASE WHEN year >= %s THEN {b} ELSE 0 END), MIN(year)"
        f" FROM decisions_award WHERE {column} IS NOT NULL AND year <= %s" + where + f" GROUP BY {column}, award_type_id",
        [lo, year, *params],
    ):
        s = subjects.get(sid)
        if s is not None:
            s.award_years[type_id] = int(mask)
            s.first_award_year[type_id] = int(first)
    for sid, type_id in _rows(
        f"SELECT {column}, award_type_id FROM decisions_award WHERE {column} IS NOT NULL AND year = %s"
        " AND revoked_on IS NULL AND (occasion = 'year_end' OR award_type_id IN"
        " (SELECT id FROM rulebook_awardtype WHERE category = 'title'))" + where, [year, *params],
    ):
        s = subjects.get(sid)
        if s is not None:
            s.given_now.add(type_id)
    # Exactly the partial index's condition, so that the planner uses it.
    for sid, type_id, y in _rows(f"SELECT {column}, award_type_id, year FROM decisions_award WHERE revoked_on IS NOT NULL", []):
        s = subjects.get(sid)
        if s is None or y > year:
            continue
        if y >= lo:
            s.award_years[type_id] = s.award_years.get(type_id, 0) & ~(1 << (year - y))
        if s.first_award_year.get(type_id) == y:
            remaining = _mask_first(s.award_years.get(type_id, 0), year)
            if remaining is None:
                s.first_award_year.pop(type_id, None)
            else:
                s.first_award_year[type_id] = remaining


def _mask_first(mask, year):
    """The earliest year set in a mask (bit k = year − k), or None."""
    return year - (mask.bit_length() - 1) if mask else None


def _read_initiatives(people, year, flt):
    used, uses = {}, {}
    where, params = flt.person_sql("w.person_id", year)
    for initiative_id, person_id, name, y, type_id in _rows(
        # CROSS JOIN keeps SQLite's planner on the small link table first (PostgreSQL plans it itself).
        "SELECT wi.initiative_id, w.person_id, t.name, w.year, t.id FROM decisions_award_initiatives wi"
        " CROSS JOIN decisions_award w CROSS JOIN rulebook_awardtype t"
        " WHERE w.id = wi.award_id AND t.id = w.award_type_id AND w.revoked_on IS NULL AND w.person_id IS NOT NULL" + where, params,
    ):
        # An initiative counts once for each of its authors (Luật TĐKT 2022, Điều 5.2).
        text = f"{name} năm {y}"
        used.setdefault((initiative_id, person_id), text)
        uses.setdefault((initiative_id, person_id), []).append((int(y), type_id, text))
    last_day = date(year, 12, 31)
    # Widened scopes (a few rows in all): the narrower scope it was first recognised at, and each level's decision.
    widened = {}
    for iid, scope, previous, decided_on in _rows(
        "SELECT initiative_id, scope, previous_scope, decided_on FROM initiatives_widening ORDER BY decided_on, id", []):
        widened.setdefault(iid, []).append((scope, previous, _as_date(decided_on)))
    where, params = flt.person_sql("a.person_id", year)
    for pid, iid, code, scope, recognized_on in _rows(
        # Authors first (CROSS JOIN fixes SQLite's order): some people are found by their index, not by walking
        # every initiative by date and probing the authors of each (55 s for the 16,900 members of a city's units).
        # Only recognised initiatives count: one submitted, under review or returned is not yet an initiative.
        "SELECT a.person_id, i.id, i.code, i.scope, i.recognized_on FROM initiatives_initiative_authors a"
        " CROSS JOIN initiatives_initiative i WHERE i.id = a.initiative_id AND i.status = 'recognized'"
        " AND i.recognized_on <= %s" + where,
        [last_day, *params],
    ):
        s = people.get(pid)
        if s is None:
            continue
        day, levels = _as_date(recognized_on), ()
        rank = SCOPE_RANK.get(scope, 0)
        if iid in widened:
            steps = widened[iid]
            levels = ((SCOPE_RANK.get(steps[0][1], 0), day),
                      *((SCOPE_RANK.get(w, 0), d) for w, _prev, d in steps if d <= last_day))
            rank = max(r for r, _d in levels)
        s.initiatives.append(InitiativeFact(code, rank, day, used.get((iid, pid)), tuple(sorted(uses.get((iid, pid), ()))), levels))


def read_units(year: int, flt: Filter) -> dict[int, Subject]:
    lo = year - LOOKBACK + 1
    first_day, last_day = date(year, 1, 1), date(year, 12, 31)
    where, params = flt.unit_sql("u.id")
    units = {}
    for uid, code, name in _rows(
        "SELECT u.id, u.code, u.name FROM org_unit u WHERE (u.valid_from IS NULL OR u.valid_from <= %s)"
        " AND (u.valid_to IS NULL OR u.valid_to >= %s)" + where,
        [last_day, first_day, *params],
    ):
        units[uid] = Subject(uid, code, name)
    if not units:
        return units
    # Members: whoever worked there on the unit's last day of the year.
    seen = set()
    for uid, pid in _rows(
        "SELECT e.unit_id, e.person_id FROM org_employment e JOIN org_unit u ON u.id = e.unit_id"
        " WHERE (u.valid_from IS NULL OR u.valid_from <= %s) AND (u.valid_to IS NULL OR u.valid_to >= %s)"
        " AND (e.start IS NULL OR e.start <= (CASE WHEN u.valid_to IS NOT NULL AND u.valid_to < %s THEN u.valid_to ELSE %s END))"
        " AND (e.\"end\" IS NULL OR e.\"end\" >= (CASE WHEN u.valid_to IS NOT NULL AND u.valid_to < %s THEN u.valid_to ELSE %s END))"
        + where,
        [last_day, first_day, last_day, last_day, last_day, last_day, *params],
    ):
        s = units.get(uid)
        if s is not None and (uid, pid) not in seen:
            seen.add((uid, pid))
            s.members.append(pid)
    for s in units.values():
        s.members.sort()
    where, params = flt.unit_sql("unit_id")
    _read_ratings(units, "unit_id", year, lo, where, params)
    _read_awards(units, "unit_id", year, lo, where, params)
    return units


def _as_date(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
