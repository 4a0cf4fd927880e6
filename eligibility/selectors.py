"""Reads for the eligibility screens, scoped to the user."""

from django.db.models import Max
from django.utils import timezone

from decisions.selectors import person_awards
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
    for i in Initiative.objects.filter(authors=person).prefetch_related("used_by__award_type"):
        row(i.recognized_on.year)["initiatives"].append(i)
    for d in Discipline.objects.filter(person=person):
        row(d.date.year)["disciplines"].append(d)
    return [years[y] for y in sorted(years, reverse=True)]


# --- the year's results kept ready (eligibility/results.py) ------------------------------

class ResultList:
    """The subjects under a unit with their decisions, in list order, read a page at a time.

    ``segments`` are extra conditions listed one after the other (e.g. the eligible first);
    works with Django's Paginator (count() and slicing)."""

    def __init__(self, year, unit, kind, segments=None):
        """``segments``: [(extra SQL, params, how to read its size from the unit's counts)]."""
        self.year, self.kind, self.unit = year, kind, unit
        self.segments = segments or [("", [], lambda c: c.get("all", 0))]
        self._where, self._params = _under(unit)
        self._counts = None

    def stored_counts(self):
        """The unit's counts kept with the results (eligibility.models.ResultCount)."""
        from .models import ResultCount

        row = ResultCount.objects.filter(year=self.year, unit_id=self.unit.pk, kind=self.kind).first()
        return row.counts if row is not None else {}

    def _base(self):
        return ("FROM eligibility_result r WHERE r.year = %s AND r.kind = %s" + self._where,
                [self.year, self.kind, *self._params])

    def counts(self):
        if self._counts is None:
            stored = self.stored_counts()
            self._counts = [max(size(stored), 0) for _extra, _params, size in self.segments]
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item:item + 1][0]
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        base, params = self._base()
        out, offset = [], 0
        for (extra, extra_params, _size), n in zip(self.segments, self.counts()):
            lo, hi = max(start - offset, 0), min(stop - offset, n)
            if hi > lo:
                out += _all(f"SELECT r.subject_id, r.evaluated, r.eligible {base}{extra} ORDER BY r.sort_key, r.subject_id"
                            f" LIMIT {int(hi - lo)} OFFSET {int(lo)}", params + extra_params)
            offset += n
        return out

    def ids_and_flags(self, bit):
        """Every (subject id, eligible for the award ``bit``) in list order: for filters the database cannot apply."""
        base, params = self._base()
        out = []
        for extra, extra_params, _size in self.segments:
            out += [(sid, bool(el & bit)) for sid, el in _all(
                f"SELECT r.subject_id, r.eligible {base}{extra} ORDER BY r.sort_key, r.subject_id", params + extra_params)]
        return out

    def award_totals(self, position):
        """(eligible, evaluated) for the award kept at bit ``position``, from the unit's kept counts."""
        stored = self.stored_counts()
        return stored.get(f"e{position}", 0), stored.get(f"v{position}", 0)

    def award_counts(self, award_bits):
        """{award id: how many are eligible}, for {award id: its bit position} (results.award_bits)."""
        stored = self.stored_counts()
        return {a: stored.get(f"e{bit}", 0) for a, bit in award_bits.items()}


def results_under(year, unit, kind, *, eligible_only=False):
    """Every subject of ``kind`` ("p" people, "u" collectives) placed under ``unit``, in list order
    (``eligible_only``: those eligible for at least one award)."""
    if eligible_only:
        return ResultList(year, unit, kind, [(" AND r.eligible <> 0", [], lambda c: c.get("any", 0))])
    return ResultList(year, unit, kind)


def award_results_under(year, unit, kind, position, status=""):
    """The subjects of ``kind`` under ``unit`` with an answer for the award kept at bit ``position``:
    the eligible first, then those not eligible (``status`` "eligible" or "not": only those)."""
    bit = 1 << position
    e, v = f"e{position}", f"v{position}"
    eligible = (f" AND (r.eligible & {bit}) <> 0", [], lambda c: c.get(e, 0))
    not_eligible = (f" AND (r.evaluated & {bit}) <> 0 AND (r.eligible & {bit}) = 0", [], lambda c: c.get(v, 0) - c.get(e, 0))
    return ResultList(year, unit, kind, {"eligible": [eligible], "not": [not_eligible]}.get(status, [eligible, not_eligible]))


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
