"""The year's results kept ready for the screens (see models.py), and brought up to date.

What changed is read from the audit log: every write leaves an event
(design.md), so the events after the last one a year's results reflect name
the people, units and initiatives touched; their units are marked stale and
recomputed by the worker, each as one engine run over that unit. A rulebook
edit, or rows written without an event (a bulk load, `tdkt import-history`,
seen as a table's highest id moving), recompute the whole year.
"""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from audit.models import Event
from org.models import Employment, Person, Unit

from .engine import Outcome, evaluate
from .facts import Filter
from .models import Result, ResultCount, ResultRun, StaleUnit

# Input tables whose rows the engine reads; their highest id is remembered with the results.
WATCHED = {
    "rating": ("records", "Rating"),
    "award": ("decisions", "Award"),
    "discipline": ("records", "Discipline"),
    "employment": ("org", "Employment"),
    "initiative": ("initiatives", "Initiative"),
    "person": ("org", "Person"),
    "unit": ("org", "Unit"),
}
# Past this many events since the last run, the year is computed again whole.
MANY_EVENTS = 5000
# Past this many stale units, one run over the whole population is cheaper.
FULL_OVER = 200
REQUEUE_AFTER = timedelta(minutes=15)


def _model(app, name):
    from django.apps import apps

    return apps.get_model(app, name)


def watermark():
    mark = {key: _model(*spec).objects.aggregate(m=Max("id"))["m"] or 0 for key, spec in WATCHED.items()}
    mark["award_types"] = _award_set_key()
    return mark


def award_bits():
    """{award type id: bit position} for the awards the engine decides.

    Results keep each subject's answers as bit masks in a 64-bit column. The
    bit is the award's place among the decidable awards (a handful), not its
    id: ids grow without bound as a rulebook is reloaded, and ``1 << id`` would
    overflow the column. A change in that set changes the watermark, and the
    year is computed again from scratch."""
    from rulebook.models import AwardType

    ids = list(AwardType.objects.filter(decidable=True).order_by("id").values_list("id", flat=True))
    if len(ids) > 62:
        raise ValueError("Quá 62 danh hiệu, hình thức xét tự động: không lưu được kết quả dưới dạng bit")
    return {a: i for i, a in enumerate(ids)}


def _award_set_key():
    # A number that changes whenever the set of decidable awards (or their order) changes.
    import zlib

    return zlib.crc32(",".join(map(str, award_bits())).encode())


def _last_event_id():
    return Event.objects.aggregate(m=Max("id"))["m"] or 0


# --- reading events into stale units ------------------------------------------------

def _units_of_people(person_ids):
    return set(Employment.objects.filter(person_id__in=person_ids).values_list("unit_id", flat=True)) | set(
        Person.objects.filter(pk__in=person_ids).exclude(unit_id=None).values_list("unit_id", flat=True))


def stale_units_since(event_id):
    """(unit ids touched by the events after ``event_id``, whether everything must be recomputed, last event id)."""
    since = Event.objects.filter(id__gt=event_id).aggregate(n=Count("id"), last=Max("id"))
    if since["n"] > MANY_EVENTS:
        # A big import: one run over everyone is cheaper than tracing each event to its units (and the
        # traced ids would pass the databases' limit on query parameters).
        return set(), True, since["last"]
    events = list(Event.objects.filter(id__gt=event_id).values_list("id", "verb", "target_type_id", "target_id"))
    if not events:
        return set(), False, event_id
    types = {ct.id: (ct.app_label, ct.model) for ct in ContentType.objects.filter(id__in={e[2] for e in events})}
    units, people, initiatives, full = set(), set(), set(), False
    for _id, verb, type_id, target_id in events:
        app, model = types.get(type_id, ("", ""))
        if app == "rulebook" or verb == "rulebook":
            full = True
        elif (app, model) == ("org", "unit"):
            units.add(target_id)
        elif (app, model) == ("org", "person"):
            people.add(target_id)
        elif (app, model) == ("initiatives", "initiative"):
            initiatives.add(target_id)
    if initiatives:
        from initiatives.models import Initiative

        people |= set(Initiative.authors.through.objects.filter(initiative_id__in=initiatives).values_list("person_id", flat=True))
    if people:
        units |= _units_of_people(people)
    return units, full, max(e[0] for e in events)


def mark_changes(run):
    """Bring the stale marks of ``run``'s year up to date with the events since. Returns True when stale."""
    units, full, last = stale_units_since(run.last_event_id)
    mark = watermark()
    if any(mark.get(k, 0) > run.watermark.get(k, 0) for k in ("rating", "award", "discipline", "employment", "initiative")):
        # Rows written without an event (a bulk load): which units, the log cannot say.
        seen = _rows_written_by_events(run)
        if not seen:
            full = True
    if mark.get("award_types") != run.watermark.get("award_types"):
        full = True  # the bit of each award may have moved
    if not units and not full and last == run.last_event_id and mark == run.watermark:
        return run.pending or run.full or StaleUnit.objects.filter(year=run.year).exists()
    with transaction.atomic():
        run = ResultRun.objects.select_for_update().get(pk=run.pk)
        if units:
            existing = set(StaleUnit.objects.filter(year=run.year, unit_id__in=units).values_list("unit_id", flat=True))
            StaleUnit.objects.bulk_create([StaleUnit(year=run.year, unit_id=u) for u in units - existing])
        run.full = run.full or full
        run.last_event_id = max(run.last_event_id, last)
        run.watermark = {k: (v if k == "award_types" else max(v, run.watermark.get(k, 0))) for k, v in mark.items()}
        run.save(update_fields=["full", "last_event_id", "watermark"])
    return run.full or units or StaleUnit.objects.filter(year=run.year).exists()


def _rows_written_by_events(run):
    """Whether the events since the last run explain the new rows (writes through actions always leave one)."""
    return Event.objects.filter(id__gt=run.last_event_id).exists()


# --- recomputing --------------------------------------------------------------------

def _placements(year, person_ids):
    """person id -> [(unit id, path)] of the units the person worked in during ``year``, first first."""
    first_day, last_day = date(year, 1, 1), date(year, 12, 31)
    out = {}
    ids = sorted(person_ids)
    for i in range(0, len(ids), 20000):
        chunk = ids[i:i + 20000]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.person_id, e.unit_id, u.path FROM org_employment e JOIN org_unit u ON u.id = e.unit_id"
                " WHERE (e.start IS NULL OR e.start <= %s) AND (e.\"end\" IS NULL OR e.\"end\" >= %s)"
                f" AND e.person_id IN ({', '.join(['%s'] * len(chunk))}) ORDER BY e.person_id, e.start, e.id",
                [last_day, first_day, *chunk])
            for pid, uid, path in cursor.fetchall():
                places = out.setdefault(pid, [])
                if all(uid != u for u, _ in places):
                    places.append((uid, path))
    return out


def _rows(year, result):
    """Result rows for an engine run."""
    people = result.people
    sort_keys = dict(Person.objects.filter(pk__in=list(people)).values_list("id", "sort_key")) if len(people) < 50000 else \
        dict(Person.objects.values_list("id", "sort_key"))
    places = _placements(year, people)
    units = {u.id: (u.path, u.sort_key) for u in Unit.objects.filter(pk__in=list(result.units)).only("id", "path", "sort_key")}
    bits = award_bits()
    for s, _ctx, kind, awards, flags in result._decided:
        evaluated = eligible = 0
        for award, flag in zip(awards, flags):
            bit = 1 << bits[award.id]
            evaluated |= bit
            if flag:
                eligible |= bit
        if kind == "person":
            for rank, (uid, path) in enumerate(places.get(s.id, [])):
                yield Result(year=year, kind="p", subject_id=s.id, unit_id=uid, path=path, rank=rank,
                             sort_key=sort_keys.get(s.id, ""), evaluated=evaluated, eligible=eligible)
        else:
            path, key = units[s.id]
            reasons = {}
            for award, flag in zip(awards, flags):
                o = Outcome(s, award, year, flag, _ctx, "unit")
                reasons[award.code] = [o.met(), o.unmet()]
            yield Result(year=year, kind="u", subject_id=s.id, unit_id=s.id, path=path, rank=0, sort_key=key,
                         evaluated=evaluated, eligible=eligible, reasons=reasons)


# --- counts per unit (every ancestor of a subject's units counts it once) ---------------

def _tally(rows, sign=1, into=None):
    """{(path, kind): Counter of "all", "any", "e<id>", "v<id>"} for rows (kind, subject id, path, evaluated, eligible)."""
    from collections import Counter, defaultdict

    steplen = Unit.steplen
    by_subject = defaultdict(list)
    masks = {}
    for kind, sid, path, evaluated, eligible in rows:
        by_subject[kind, sid].append(path)
        masks[kind, sid] = (evaluated, eligible)
    combos = Counter((kind, tuple(sorted(paths)), *masks[kind, sid]) for (kind, sid), paths in by_subject.items())
    out = into if into is not None else defaultdict(Counter)
    for (kind, paths, evaluated, eligible), n in combos.items():
        keys = {"all": n}
        if eligible:
            keys["any"] = n
        for prefix, mask in (("e", eligible), ("v", evaluated)):
            bit = 0
            while mask:
                if mask & 1:
                    keys[f"{prefix}{bit}"] = n
                mask >>= 1
                bit += 1
        ancestors = {p[:i] for p in paths for i in range(steplen, len(p) + 1, steplen)}
        for a in ancestors:
            c = out[a, kind]
            for k, v in keys.items():
                c[k] += sign * v
    return out


def _store_counts(year, tally, replace=False):
    ids = dict(Unit.objects.filter(path__in={p for p, _ in tally}).values_list("path", "id"))
    if replace:
        ResultCount.objects.filter(year=year).delete()
        ResultCount.objects.bulk_create([ResultCount(year=year, unit_id=ids[p], kind=k, counts={x: v for x, v in c.items() if v})
                                         for (p, k), c in tally.items() if p in ids], batch_size=5000)
        return
    existing = {(r.unit_id, r.kind): r for r in ResultCount.objects.filter(year=year, unit_id__in=list(ids.values()))}
    new, changed = [], []
    for (p, k), c in tally.items():
        if p not in ids or not any(c.values()):
            continue
        row = existing.get((ids[p], k))
        if row is None:
            new.append(ResultCount(year=year, unit_id=ids[p], kind=k, counts={x: v for x, v in c.items() if v}))
        else:
            merged = dict(row.counts)
            for x, v in c.items():
                merged[x] = merged.get(x, 0) + v
            row.counts = {x: v for x, v in merged.items() if v}
            changed.append(row)
    ResultCount.objects.bulk_create(new, batch_size=5000)
    ResultCount.objects.bulk_update(changed, ["counts"], batch_size=2000)


def _row_tuples(rows):
    return [(r.kind, r.subject_id, r.path, r.evaluated, r.eligible) for r in rows]


def _path_range(path):
    # Tree paths are made of 0-9A-Z: every path under ``path`` lies between these two, in any collation.
    return path, path + "Z" * (255 - len(path))


def compute_year(year):
    """Every result of the year, from scratch (the worker's job; tens of seconds for a city)."""
    run, _ = ResultRun.objects.get_or_create(year=year)
    last, mark = _last_event_id(), watermark()
    result = evaluate(year)
    rows = list(_rows(year, result))
    del result
    tally = _tally(_row_tuples(rows))
    with transaction.atomic():
        Result.objects.filter(year=year).delete()
        Result.objects.bulk_create(rows, batch_size=5000)
        _store_counts(year, tally, replace=True)
        StaleUnit.objects.filter(year=year).delete()
        ResultRun.objects.filter(pk=run.pk).update(computed_at=timezone.now(), last_event_id=last, watermark=mark,
                                                  pending=False, full=False)
    return len(rows)


def refresh_units(year, unit_ids):
    """Recompute the results of the people and collectives under each unit (one engine run per unit)."""
    units = list(Unit.objects.filter(pk__in=unit_ids).order_by("path"))
    roots = []
    for u in units:  # a unit under another stale unit is covered by it
        if not roots or not u.path.startswith(roots[-1].path):
            roots.append(u)
    n = 0
    for u in roots:
        result = evaluate(year, flt=Filter(unit_path=u.path))
        rows = list(_rows(year, result))
        lo, hi = _path_range(u.path)
        with transaction.atomic():
            # The people once placed under the unit, and those evaluated now, are rewritten in full.
            touched = set(Result.objects.filter(year=year, kind="p", path__gte=lo, path__lte=hi).values_list("subject_id", flat=True))
            touched |= set(result.people)
            touched = sorted(touched)
            old = []
            for i in range(0, len(touched), 20000):
                old += Result.objects.filter(year=year, kind="p", subject_id__in=touched[i:i + 20000]).values_list(
                    "kind", "subject_id", "path", "evaluated", "eligible")
            old += Result.objects.filter(year=year, kind="u", path__gte=lo, path__lte=hi).values_list(
                "kind", "subject_id", "path", "evaluated", "eligible")
            tally = _tally(old, sign=-1)
            _tally(_row_tuples(rows), into=tally)
            for i in range(0, len(touched), 20000):
                Result.objects.filter(year=year, kind="p", subject_id__in=touched[i:i + 20000]).delete()
            Result.objects.filter(year=year, kind="u", path__gte=lo, path__lte=hi).delete()
            Result.objects.bulk_create(rows, batch_size=5000)
            _store_counts(year, tally)
        n += len(rows)
    return n


def bring_up_to_date(year):
    """The worker's task: whatever is stale in ``year``, recomputed."""
    run, _ = ResultRun.objects.get_or_create(year=year)
    mark_changes(run)
    run.refresh_from_db()
    if run.full or run.computed_at is None:
        return compute_year(year)
    stale = list(StaleUnit.objects.filter(year=year).values_list("id", "unit_id"))
    if len(stale) > FULL_OVER:
        return compute_year(year)
    last, mark = run.last_event_id, run.watermark
    n = refresh_units(year, [u for _, u in stale])
    with transaction.atomic():
        StaleUnit.objects.filter(id__in=[i for i, _ in stale]).delete()
        still = StaleUnit.objects.filter(year=year).exists()
        ResultRun.objects.filter(pk=run.pk).update(computed_at=timezone.now(), pending=still,
                                                  last_event_id=last, watermark=mark)
    if still:  # marked while this ran
        return n + bring_up_to_date(year)
    return n


def status(year, unit):
    """(run, stale) for the page: the year's results, and whether they are being recomputed.

    Queues the recomputation when something changed. Cheap when nothing did (two indexed reads)."""
    run = ResultRun.objects.filter(year=year).first()
    if run is None:
        run = ResultRun.objects.get_or_create(year=year)[0]
        _queue(year, run)
        run.refresh_from_db()
        return run, run.computed_at is None or run.pending
    stale = bool(mark_changes(run))
    if stale and not ResultRun.objects.filter(pk=run.pk, pending=True).exists():
        _queue(year, run)
    elif stale and (run.queued_at is None or timezone.now() - run.queued_at > REQUEUE_AFTER):
        _queue(year, run)  # queued long ago and still not done: the worker may have lost it
    run.refresh_from_db()
    stale = run.pending or run.full or StaleUnit.objects.filter(year=year).exists()
    return run, stale


def _queue(year, run=None):
    from .tasks import refresh_results

    if run is not None:
        ResultRun.objects.filter(pk=run.pk).update(pending=True, queued_at=timezone.now())
    try:
        refresh_results.enqueue(year)
    except Exception:  # noqa: BLE001 — the queue being down must not take the page with it
        import logging

        logging.getLogger(__name__).exception("could not queue the eligibility results of %s", year)


def bench_prepare(year=None):
    """For bench/pages.py: the results the worker keeps, for the years the pages show."""
    from .selectors import default_year

    years = {year} if year else {default_year(unit=u) for u in Unit.objects.get_root_nodes()}
    out = []
    for y in sorted(years):
        run = ResultRun.objects.filter(year=y).first()
        if run is None or run.computed_at is None:
            out.append(f"{y}: {compute_year(y)} rows")
        else:
            out.append(f"{y}: {bring_up_to_date(y)} rows recomputed")
    return "; ".join(out)
