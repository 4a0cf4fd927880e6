"""The year-end report of a big level, computed by the worker once and kept.

A level with more than TDKT_REPORT_INLINE_PEOPLE people under it (default 20,000: a ward, a district of 2017 stay
inline; the city-scale demo's city is 200,000 and its report takes about a second) is not computed during a
request. Its report is a jobs.exports job of kind "year_report": the worker computes ``selectors.year_report`` for
the level, keeps it as JSON beside the job's workbook (``kept_path``) with the time and the awards' version key, and
writes the workbook. The page, the Excel and the Word files of the level read what was kept (``read``); the page
says when it was computed and, when the awards of the year changed since (``version``: how many, the last id, the
revocations), that the figures are out of date, with a button to compute them again. The worker also writes the
Word report of the kept figures (``word``), the slowest of the files to write.

The figures are kept for the level, not for the person who asked: anybody who may see the level (the views check
that first) reads the same report.
"""

import dataclasses
import json
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, Max
from django.utils import timezone

KIND = "year_report"
FORMAT = 1


def inline_people() -> int:
    """Up to this many people under a level, its report is computed during the request; above it, by the worker."""
    return int(getattr(settings, "TDKT_REPORT_INLINE_PEOPLE", 20000))


def is_big(unit) -> bool:
    from org.selectors import unit_people_count

    return unit_people_count(unit) > inline_people()


def version(year) -> list:
    """A cheap key of the awards of ``year`` as they are now: their number and last id, and the revoked ones' number
    and last day of revocation (two indexed aggregates; about 15 ms for the city's 170,000 awards of a year)."""
    from decisions.models import Award

    a = Award.objects.filter(year=year).aggregate(n=Count("id"), last=Max("id"))
    r = Award.objects.filter(year=year, revoked_on__isnull=False).aggregate(n=Count("id"), last=Max("revoked_on"))
    return [a["n"], a["last"], r["n"], r["last"].isoformat() if r["last"] else None]


# --- the report as JSON ------------------------------------------------------------------------------------
#
# The report is a dict of Lines, dicts, lists, Decimals, dates and model instances (units, award types,
# movements, milestones, clusters). A value JSON cannot hold is a tagged object {"$": tag, ...}; a model instance
# keeps its loaded fields and the related objects cached on it, and is rebuilt without a query.

def encode(value):
    from .selectors import Line

    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return {"$": "dec", "v": str(value)}
    if isinstance(value, datetime):
        return {"$": "dt", "v": value.isoformat()}
    if isinstance(value, date):
        return {"$": "date", "v": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {"$": "set", "v": [encode(v) for v in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and "$" not in value:
            return {k: encode(v) for k, v in value.items()}
        return {"$": "dict", "v": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, Line):
        return {"$": "line", "v": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, models.Model):
        deferred = value.get_deferred_fields()
        fields = {f.attname: encode(getattr(value, f.attname)) for f in value._meta.concrete_fields
                  if f.attname not in deferred}
        cached = {name: encode(obj) for name, obj in value._state.fields_cache.items()}
        return {"$": "model", "m": value._meta.label, "f": fields, "c": cached}
    raise TypeError(f"cannot keep {type(value).__name__} in a kept report")


def decode(value):
    from .selectors import Line

    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    tag = value.get("$")
    if tag is None:
        return {k: decode(v) for k, v in value.items()}
    if tag == "dec":
        return Decimal(value["v"])
    if tag == "dt":
        return datetime.fromisoformat(value["v"])
    if tag == "date":
        return date.fromisoformat(value["v"])
    if tag == "set":
        return {decode(v) for v in value["v"]}
    if tag == "dict":
        return {_hashable(decode(k)): decode(v) for k, v in value["v"]}
    if tag == "line":
        return Line(**{k: decode(v) for k, v in value["v"].items()})
    if tag == "model":
        return _model(value)
    raise ValueError(f"unknown tag {tag}")


def _hashable(key):
    return tuple(key) if isinstance(key, list) else key


def _model(value):
    model = apps.get_model(value["m"])
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    raw = {k: decode(v) for k, v in value["f"].items() if k in by_attname}
    names = [f.attname for f in model._meta.concrete_fields if f.attname in raw]
    obj = model.from_db("default", names, [raw[n] for n in names])
    for name, cached in value["c"].items():
        obj._state.fields_cache[name] = decode(cached)
    return obj


# --- the kept file -----------------------------------------------------------------------------------------

@dataclasses.dataclass
class Kept:
    report: dict
    computed_at: datetime
    version: list
    job_id: int

    def stale(self) -> bool:
        """The awards of the year changed since the report was computed."""
        return version(self.report["year"]) != self.version


def kept_path(job) -> Path:
    from jobs.exports import folder

    return folder() / f"{KIND}-{job.pk}.json"


def word_path_of(path: Path) -> Path:
    return path.with_suffix(".docx")


def word(found: "Kept") -> bytes | None:
    """The Word report the worker wrote with the kept figures, when it was written today (it is dated the day it
    was written), else None (the view writes it from the kept figures)."""
    from jobs.models import ExportJob

    if timezone.localdate(found.computed_at) != timezone.localdate():
        return None
    try:
        return word_path_of(kept_path(ExportJob(pk=found.job_id))).read_bytes()
    except OSError:
        return None


def keep(job, report, key, computed_at):
    """Write ``report`` beside ``job``'s workbook (whole, then renamed into place), and forget what older jobs kept
    of the same level and year and what is older than TDKT_EXPORT_KEEP_DAYS."""
    path = kept_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"format": FORMAT, "unit": report["unit"].pk, "year": report["year"], "version": key,
            "computed_at": computed_at.isoformat(), "report": encode(report)}
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(body, ensure_ascii=False, separators=(",", ":")))
    partial.replace(path)
    _forget_old(job)


def _forget_old(job):
    from jobs.models import ExportJob

    older = (ExportJob.objects.filter(kind=KIND, params__unit=job.params.get("unit"), params__year=job.params.get("year"),
                                      pk__lt=job.pk).values_list("pk", flat=True))
    paths = [kept_path(ExportJob(pk=pk)) for pk in older]
    cutoff = time.time() - int(getattr(settings, "TDKT_EXPORT_KEEP_DAYS", 7)) * 86400
    paths += [p for p in kept_path(job).parent.glob(f"{KIND}-*.json") if _mtime(p) < cutoff]
    for p in paths:
        for f in (p, word_path_of(p)):
            try:
                f.unlink()
            except OSError:
                pass


def _mtime(p):
    try:
        return p.stat().st_mtime
    except OSError:
        return time.time()


def read(job) -> Kept | None:
    """What ``job`` kept, or None while the worker has not written it (or no longer, or in an older format)."""
    try:
        body = json.loads(kept_path(job).read_text())
    except (OSError, ValueError):
        return None
    if body.get("format") != FORMAT or [body.get("unit"), body.get("year")] != [job.params.get("unit"),
                                                                                  job.params.get("year")]:
        return None
    return Kept(report=decode(body["report"]), computed_at=datetime.fromisoformat(body["computed_at"]),
                version=body["version"], job_id=job.pk)


def write_for_job(job, progress) -> bytes:
    """The report of a level too big for a request, as jobs.exports runs it: computed for the level the person who
    asked may see, kept for the page, then written as the workbook."""
    from . import exports, selectors

    unit = selectors.level_get_for_user(job.user, job.params["unit"])
    year = int(job.params["year"])
    progress(0, 4)
    key = version(year)  # before computing: a change made meanwhile marks the kept figures out of date
    computed_at = timezone.now()
    report = selectors.year_report(unit, year)
    progress(1, 4)
    # The Word report first (a city's takes about a second to write), then the figures the page looks for.
    docx = word_path_of(kept_path(job))
    docx.parent.mkdir(parents=True, exist_ok=True)
    docx.with_suffix(".docx-partial").write_bytes(exports.report_docx(report, day=timezone.localdate(computed_at)))
    docx.with_suffix(".docx-partial").replace(docx)
    progress(2, 4)
    keep(job, report, key, computed_at)
    progress(3, 4)
    return exports.workbook(report)


def bench_prepare(year=None):
    """For bench/pages.py: the reports the worker keeps, of the big levels near the top of the tree (the city and
    the units right under it) for the year the pages show, computed now when none is kept or it is out of date."""
    from django.contrib.auth import get_user_model

    from core.years import review_year
    from jobs.exports import run
    from org.models import ADMINISTRATIVE_KINDS, Unit

    from . import actions, selectors

    year = year or review_year()
    user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        return "no administrator to ask for the reports"
    done = []
    for unit in Unit.objects.filter(depth__lte=2, kind__in=ADMINISTRATIVE_KINDS).order_by("path"):
        if not is_big(unit):
            continue
        found = next((k for k in (read(j) for j in selectors.report_jobs(unit, year)) if k is not None), None)
        if found is None or found.stale():
            run(actions.report_job_start(acting_user=user, unit=unit, year=year).pk)
            done.append(unit.code)
    return f"{year}: reports of {', '.join(done) or 'no level'} computed"


__all__ = ["bench_prepare", "KIND", "Kept", "decode", "encode", "inline_people", "is_big", "keep", "kept_path", "read", "version",
           "write_for_job"]
