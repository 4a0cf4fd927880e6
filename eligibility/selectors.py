"""Reads for the eligibility screens, scoped to the user."""

from django.db.models import Max
from django.utils import timezone

from decisions.selectors import person_awards
from core.text import search_terms
from initiatives.models import Initiative
from records.models import Discipline, Rating

from .facts import Filter



def default_year(unit=None, person=None):
    """The latest year with ratings (where the review stands), else last year.

    For a unit, the latest year with any rating up to next year (one seek on the (year, …) index;
    the maximum over a city's ratings under a path would read them all)."""
    if person is not None:
        latest = Rating.objects.filter(person=person).aggregate(y=Max("year"))["y"]
        return latest or timezone.localdate().year - 1
    this = timezone.localdate().year
    return Rating.objects.filter(year__lte=this + 1).aggregate(y=Max("year"))["y"] or this - 1


def person_history(person):
    """Year by year: rating, awards, initiatives recognised, discipline."""
    years = {}

    def row(y):
        return years.setdefault(y, {"year": y, "rating": None, "awards": [], "initiatives": [], "disciplines": []})

    for r in Rating.objects.filter(person=person):
        row(r.year)["rating"] = r
    for a in person_awards(person):
        row(a.year)["awards"].append(a)
    # Recognised ones: an initiative on its way through the initiative council has no year of recognition yet.
    for i in Initiative.objects.filter(authors=person, recognized_on__isnull=False).prefetch_related("used_by__award_type"):
        row(i.recognized_on.year)["initiatives"].append(i)
    for d in Discipline.objects.filter(person=person):
        row(d.date.year)["disciplines"].append(d)
    return [years[y] for y in sorted(years, reverse=True)]


# --- the year's results kept ready (eligibility/results.py) ------------------------------

# A search (a name or code typed on the list) reads the rows it finds into memory: under a unit of at most this many
# subjects, every row of the unit joined to its name; above it, the subjects whose name matches, when there are at
# most SEARCH_MANY of them (a name); else (a common word over a city: "nguyen") only the first SEARCH_CAP by name,
# and the page says so.
SEARCH_SMALL_UNIT = 20000
SEARCH_MANY = 5000
SEARCH_CAP = 2000


class ResultList:
    """The subjects under a unit with their decisions, in list order, read a page at a time.

    ``segments`` are extra conditions listed one after the other (e.g. the eligible first);
    works with Django's Paginator (count() and slicing)."""

    def __init__(self, year, unit, kind, segments=None, search=""):
        """``segments``: [(extra SQL, params, how to read its size from the unit's counts, the same condition on
        (evaluated, eligible))]; ``search``: what was typed to find a name or code (accents and case aside, every
        word somewhere in the subject's core.text.fold of name and code)."""
        self.year, self.kind, self.unit = year, kind, unit
        self.segments = segments or [("", [], lambda c: c.get("all", 0), lambda evaluated, eligible: True)]
        self._where, self._params = _under(unit)
        self.words = search_terms(search)
        self.searching = bool(self.words)
        self.capped = False  # a search that found more than SEARCH_CAP in a big unit: only the first are listed
        self._counts = None
        self._found = None

    def stored_counts(self):
        """The unit's counts kept with the results (eligibility.models.ResultCount)."""
        from .models import ResultCount

        row = ResultCount.objects.filter(year=self.year, unit_id=self.unit.pk, kind=self.kind).first()
        return row.counts if row is not None else {}

    def _base(self):
        return ("FROM eligibility_result r WHERE r.year = %s AND r.kind = %s" + self._where,
                [self.year, self.kind, *self._params])

    # --- a search: the rows found, in memory, split into the segments ---------------------------------------

    def _searched(self):
        """[[(subject id, evaluated, eligible)] in list order] per segment, for a search."""
        if self._found is None:
            table = "org_person" if self.kind == "p" else "org_unit"
            like = " AND ".join(["s.search_text LIKE %s ESCAPE '\\'"] * len(self.words))
            like_params = [f"%{_like_escape(w)}%" for w in self.words]
            base, params = self._base()
            columns = "SELECT r.subject_id, r.evaluated, r.eligible, r.sort_key"
            exists = f" AND EXISTS (SELECT 1 FROM {table} s WHERE s.id = r.subject_id AND {like})"
            if self.stored_counts().get("all", 0) <= SEARCH_SMALL_UNIT:
                rows = _all(f"{columns} {base}{exists}", params + like_params)
            else:
                # A big unit: the names first (a scan of the names that stops once it has found more than a name's
                # worth), then their rows by subject.
                ids = [i for (i,) in _all(f"SELECT s.id FROM {table} s WHERE {like} LIMIT {SEARCH_MANY + 1}", like_params)]
                if len(ids) <= SEARCH_MANY:
                    rows = []
                    for i in range(0, len(ids), 500):
                        chunk = ids[i:i + 500]
                        rows += _all(f"{columns} {base} AND r.subject_id IN ({', '.join(['%s'] * len(chunk))})",
                                     params + chunk)
                else:
                    rows = _all(f"{columns} {base}{exists} ORDER BY r.sort_key, r.subject_id LIMIT {SEARCH_CAP + 1}",
                                params + like_params)
                    self.capped = len(rows) > SEARCH_CAP
                    rows = rows[:SEARCH_CAP]
            rows.sort(key=lambda r: (r[3], r[0]))
            self._found = [[(sid, ev, el) for sid, ev, el, _key in rows if keep(ev, el)]
                           for _extra, _params, _size, keep in self.segments]
        return self._found

    # --- what the Paginator and the views read ----------------------------------------------------------------

    def counts(self):
        if self._counts is None:
            if self.searching:
                self._counts = [len(rows) for rows in self._searched()]
            else:
                stored = self.stored_counts()
                self._counts = [max(segment[2](stored), 0) for segment in self.segments]
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item:item + 1][0]
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        if self.searching:
            return [row for rows in self._searched() for row in rows][start:stop]
        base, params = self._base()
        out, offset = [], 0
        for (extra, extra_params, *_rest), n in zip(self.segments, self.counts()):
            lo, hi = max(start - offset, 0), min(stop - offset, n)
            if hi > lo:
                out += _all(f"SELECT r.subject_id, r.evaluated, r.eligible {base}{extra} ORDER BY r.sort_key, r.subject_id"
                            f" LIMIT {int(hi - lo)} OFFSET {int(lo)}", params + extra_params)
            offset += n
        return out

    def _every(self):
        """Every (subject id, eligible mask) of the list, in list order."""
        if self.searching:
            return [(sid, el) for rows in self._searched() for sid, _ev, el in rows]
        base, params = self._base()
        out = []
        for extra, extra_params, *_rest in self.segments:
            out += _all(f"SELECT r.subject_id, r.eligible {base}{extra} ORDER BY r.sort_key, r.subject_id", params + extra_params)
        return out

    def ids_and_flags(self, bit):
        """Every (subject id, eligible for the award ``bit``) in list order: for filters the database cannot apply."""
        return [(sid, bool(el & bit)) for sid, el in self._every()]

    def ids(self):
        """Every subject id of the list, in list order: what "select all" takes."""
        return [sid for sid, _el in self._every()]

    def ids_among(self, ids):
        """Those of ``ids`` that the list holds (what a page's ticks may name), in list order."""
        wanted = {int(i) for i in ids}
        if not wanted:
            return []
        if self.searching:
            return [sid for sid, _el in self._every() if sid in wanted]
        base, params = self._base()
        found = set()
        ordered = sorted(wanted)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            for extra, extra_params, *_rest in self.segments:
                found |= {sid for (sid,) in _all(f"SELECT r.subject_id {base}{extra} AND r.subject_id IN "
                                                 f"({', '.join(['%s'] * len(chunk))})", params + extra_params + chunk)}
        return [i for i in ordered if i in found]

    def award_totals(self, position):
        """(eligible, evaluated) for the award kept at bit ``position``, from the unit's kept counts."""
        stored = self.stored_counts()
        return stored.get(f"e{position}", 0), stored.get(f"v{position}", 0)

    def award_counts(self, award_bits):
        """{award id: how many are eligible}, for {award id: its bit position} (results.award_bits)."""
        stored = self.stored_counts()
        return {a: stored.get(f"e{bit}", 0) for a, bit in award_bits.items()}


def results_under(year, unit, kind, *, eligible_only=False, search=""):
    """Every subject of ``kind`` ("p" people, "u" collectives) placed under ``unit``, in list order
    (``eligible_only``: those eligible for at least one award; ``search``: whose name or code holds what was typed)."""
    if eligible_only:
        return ResultList(year, unit, kind, [(" AND r.eligible <> 0", [], lambda c: c.get("any", 0),
                                              lambda evaluated, eligible: eligible != 0)], search=search)
    return ResultList(year, unit, kind, search=search)


def award_results_under(year, unit, kind, position, status="", search=""):
    """The subjects of ``kind`` under ``unit`` with an answer for the award kept at bit ``position``:
    the eligible first, then those not eligible (``status`` "eligible" or "not": only those; ``search``: whose
    name or code holds what was typed)."""
    bit = 1 << position
    e, v = f"e{position}", f"v{position}"
    eligible = (f" AND (r.eligible & {bit}) <> 0", [], lambda c: c.get(e, 0), lambda evaluated, el: bool(el & bit))
    not_eligible = (f" AND (r.evaluated & {bit}) <> 0 AND (r.eligible & {bit}) = 0", [], lambda c: c.get(v, 0) - c.get(e, 0),
                    lambda ev, el: bool(ev & bit) and not el & bit)
    return ResultList(year, unit, kind, {"eligible": [eligible], "not": [not_eligible]}.get(status, [eligible, not_eligible]),
                      search=search)


def _like_escape(word):
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matching_ids(kind, search):
    """The ids of the people ("p") or collectives ("u") whose name or code holds every word of ``search``
    (what the export keeps when the list was searched), or None when nothing was typed."""
    from org.models import Person, Unit

    words = search_terms(search)
    if not words:
        return None
    qs = Person.objects.all() if kind == "p" else Unit.objects.all()
    for w in words:
        qs = qs.filter(search_text__contains=w)
    return set(qs.values_list("id", flat=True))


def subjects_for_lines(kind, ids):
    """{id: Person (with its unit) or Unit} for the subjects a clerk picked on the list, to propose them."""
    from org.models import Person, Unit

    qs = Person.objects.select_related("unit") if kind == "p" else Unit.objects.all()
    out = {}
    ids = list(ids)
    for i in range(0, len(ids), 5000):
        out.update({s.pk: s for s in qs.filter(pk__in=ids[i:i + 5000])})
    return out


def _under(unit):
    """SQL for "placed under ``unit``", each subject once (a person who moved counts at the first unit under it)."""
    # Tree paths are made of 0-9A-Z: every path under the unit's lies between these two, in any collation.
    lo, hi = unit.path, unit.path + "Z" * (255 - len(unit.path))
    # Under a root lies (nearly) everything: there the path index would only slow the scan in name order
    # down, so the condition is written so that it is not used ("|| ''"). The same in the subquery, which
    # must look a subject's few rows up by subject, not scan the subtree once per row.
    col = "(r.path || '')" if unit.depth == 1 else "r.path"
    return (f" AND {col} >= %s AND {col} <= %s AND (r.rank = 0 OR NOT EXISTS (SELECT 1 FROM eligibility_result r2"
            " WHERE r2.year = r.year AND r2.kind = r.kind AND r2.subject_id = r.subject_id AND r2.rank < r.rank"
            " AND (r2.path || '') >= %s AND (r2.path || '') <= %s))", [lo, hi, lo, hi])


def _all(sql, params):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _one(sql, params):
    rows = _all(sql, params)
    return rows[0]


def kept_collectives(year, unit_ids, awards):
    """[(unit, {award code: eligible}, {award code: (met, unmet)})] for collectives as the worker kept them
    (their reasons need every member's answers, so they are not worked out on a page view)."""
    from org.models import Unit

    from .models import Result
    from .results import award_bits

    bits = award_bits()
    wanted = {a.code: bits[a.id] for a in awards if a.id in bits}
    names = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).only("id", "code", "name")}
    out = []
    for r in Result.objects.filter(year=year, kind="u", subject_id__in=unit_ids):
        subject = names.get(r.subject_id)
        if subject is None:
            continue
        reasons = {code: tuple(v) for code, v in (r.reasons or {}).items() if code in wanted}
        out.append((subject, {code: bool(r.eligible >> wanted[code] & 1) for code in reasons}, reasons))
    return out



class StoredAnswer:
    """A collective's answer as kept with the results (its reasons need every member's answers)."""

    kind = "unit"

    def __init__(self, subject, award, eligible, met, unmet):
        self.subject, self.award, self.eligible, self.met, self.unmet = subject, award, eligible, met, unmet


def explained(year, kind, ids, awards=()):
    """Answers with their reasons for the subjects shown ("p" people, "u" collectives):
    {subject id: {award code: answer}}.

    People are evaluated afresh (a page of them takes milliseconds); collectives are read as kept."""
    if not ids:
        return {}
    out = {}
    if kind == "u":
        by_code = {a.code: a for a in awards}
        for subject, eligible, reasons in kept_collectives(year, ids, awards):
            for code, (met, unmet) in reasons.items():
                out.setdefault(subject.pk, {})[code] = StoredAnswer(subject, by_code[code], eligible[code], met, unmet)
        return out
    from .engine import evaluate

    for o in evaluate(year, flt=Filter(person_ids=ids)).outcomes:
        if o.kind == "person" and o.subject.id in ids:
            out.setdefault(o.subject.id, {})[o.award.code] = o
    return out


def export_places(result):
    """(kind, id) -> (unit name, position) for an evaluation's subjects: a person's unit and position,
    a collective's parent unit."""
    from org.models import Person, Unit

    out = {}
    ids = list(result.people)
    for i in range(0, len(ids), 20000):
        for pid, position, unit_name in Person.objects.filter(pk__in=ids[i:i + 20000]).values_list("id", "position", "unit__name"):
            out["person", pid] = (unit_name or "", position or "")
    units = {u.pk: u for u in Unit.objects.filter(pk__in=list(result.units)).only("id", "path", "depth", "name")}
    parents = {u.path: u.name for u in Unit.objects.filter(path__in={u.path[:-Unit.steplen] for u in units.values() if u.depth > 1}).only("path", "name")}
    for uid, u in units.items():
        out["unit", uid] = (parents.get(u.path[:-Unit.steplen], ""), "")
    return out




def preview_job(user, draft, year, unit, award=""):
    """The latest comparison of ``unit`` under ``draft`` the worker made (or is making) for ``user``, or None."""
    from jobs.models import ExportJob

    from .preview_export import KIND

    return (ExportJob.objects.filter(user=user, kind=KIND, params__draft=draft.code, params__year=year,
                                     params__unit=unit.pk, params__award=award or "")
            .order_by("-created_at", "-id").first())
