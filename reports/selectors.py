"""Every read of the year-end report (báo cáo tổng kết) and the conference (hội nghị tổng kết), limited to what the
user may see: a level is a unit in the user's scope (``level_get_for_user`` raises 404 outside it).

``year_report(unit, year)`` is what the page, the Excel workbook and the Word report all show; the figures come
from ``reports.figures``, one grouped query each. ``honour_list`` and ``certificate_batches`` are the conference's.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.http import Http404

from org import duties
from org.duties import Duty
from org.models import ADMINISTRATIVE_KINDS, Unit
from rulebook.models import AwardType, Category

from . import figures

YEARS_COMPARED = 4  # the report's year and the three before it
# When a database lacks the rulebook's parameters (as seeded in rulebook/data/rulebook.toml).
_LEADER_WORDS = [
    "chu tich", "pho chu tich", "bi thu", "pho bi thu", "giam doc", "pho giam doc", "tong giam doc",
    "pho tong giam doc", "truong phong", "pho truong phong", "truong ban", "pho truong ban", "hieu truong",
    "pho hieu truong", "tram truong", "pho tram truong", "chanh van phong", "pho chanh van phong", "thu truong",
    "pho thu truong", "vien truong", "pho vien truong", "cuc truong", "pho cuc truong", "chi cuc truong",
    "pho chi cuc truong", "vu truong", "pho vu truong", "truong khoa", "pho truong khoa", "chanh an",
    "pho chanh an", "truong cong an", "pho truong cong an", "chi huy truong", "chi huy pho", "doi truong",
    "pho doi truong"]
_SMALL_COLLECTIVES = {"kinds": ["agency", "school", "enterprise", "residential_group", "other"], "leaf_only": True}


# --- the level --------------------------------------------------------------------------------

def levels_for(user, limit=500):
    """The levels (city, districts — closed ones too —, wards) the user may report on, in tree order."""
    return list(Unit.objects.filter(duties.duty_q(user, Duty.VIEW), kind__in=ADMINISTRATIVE_KINDS)
                .order_by("path")[:limit])


def default_level(user):
    """The user's own top level: the first unit where they have the view duty."""
    top = duties.units_where(user, Duty.VIEW).order_by("path").first()
    return top


def level_get_for_user(user, pk) -> Unit:
    """The unit, or 404 when it does not exist or the user may not see it."""
    try:
        unit = Unit.objects.get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy đơn vị") from None
    if not duties.has_duty(user, unit, Duty.VIEW):
        raise Http404("Không tìm thấy đơn vị")
    return unit


# --- the report -------------------------------------------------------------------------------

@dataclass
class Line:
    """One row of a table of the report: individuals, collectives, money."""

    label: str
    individuals: int = 0
    collectives: int = 0
    money: int = 0
    key: object = None
    extra: dict = field(default_factory=dict)

    @property
    def total(self):
        return self.individuals + self.collectives

    def add(self, collective, n, money):
        if collective:
            self.collectives += n
        else:
            self.individuals += n
        self.money += money


def _share(part, whole):
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1")) if whole else None


def _param(key, year, default):
    from rulebook.selectors import parameter_on

    return parameter_on(key, date(year, 12, 31), default)


def year_report(unit, year) -> dict:
    """The figures a conference reads for ``unit``'s level and ``year`` (see the module's docstring)."""
    leader_words = _param("report_leader_positions", year, _LEADER_WORDS)
    leading = [p for p in figures.positions(unit, year) if p and figures.is_leader(p, leader_words)]
    rows = figures.award_groups(unit, year, leading)
    units = figures.units_of(unit)
    by_path = {path: (pk, name) for pk, (path, _k, _c, name) in units.items()}
    types = figures.award_types(r[0] for r in rows)
    levels_of_type = figures.type_levels(types, year)
    decided_at = figures.decision_levels([r[3] for r in rows if r[3]], year)
    small_rule = _param("report_small_collectives", year, _SMALL_COLLECTIVES)
    cut = len(unit.path) + Unit.steplen

    total = Line("Tổng số")
    by_award, by_category, by_level, by_source, per_unit = {}, {}, {}, {}, {}
    unpaid = direct = small = 0
    level_memo = {}
    for type_id, coll, source, decision_id, where_id, leads, n, money, paid in rows:
        where = units.get(where_id)
        if where is None:  # belongs to a unit outside the level
            continue
        t = types[type_id]
        total.add(coll, n, money)
        unpaid += n - paid
        by_award.setdefault(t.pk, Line(t.name, key=t)).add(coll, n, money)
        by_category.setdefault(t.category, Line(Category(t.category).label, key=t.category)).add(coll, n, money)
        key = (type_id, decision_id)
        if key not in level_memo:
            level_memo[key] = figures.level_of(levels_of_type.get(type_id, set()), decided_at.get(decision_id), unit)
        level = level_memo[key]
        by_level.setdefault(level, Line(figures.LEVEL_LABELS[level], key=level)).add(coll, n, money)
        by_source.setdefault(source, Line(figures.SOURCE_LABELS.get(source, source), key=source)).add(coll, n, money)
        branch = where[0][:cut]
        line = per_unit.get(branch)
        if line is None:
            line = per_unit[branch] = Line("", key=branch)
        line.add(coll, n, money)
        # Priority: people who work directly (no post of leadership or management) and small collectives.
        if not coll:
            if not leads:
                direct += n
        elif figures.is_small_collective(where[1], where[2], small_rule):
            small += n

    order_award = lambda line: (line.key.category != Category.TITLE, -(line.key.rank or 0), line.key.code)  # noqa: E731
    branch_units = {u.pk: u for u in Unit.objects.filter(pk__in=[by_path[p][0] for p in per_unit if p in by_path])}
    for path, line in per_unit.items():
        u = branch_units.get(by_path[path][0]) if path in by_path else None
        line.label = (f"{unit.name} (trực tiếp)" if path == unit.path else u.name) if u else "Không rõ đơn vị"
        line.extra["unit"] = u

    # The years before, read together; the report's own year is the total above.
    first = year - YEARS_COMPARED + 1
    years = {y: Line(str(y), key=y) for y in range(first, year)}
    for y, coll, where, n, money in figures.year_groups(unit, first, year - 1):
        if unit.is_root() or where in units:
            years[y].add(coll, n, money)
    years[year] = Line(str(year), total.individuals, total.collectives, total.money, key=year)
    previous = years.get(year - 1)

    return {
        "unit": unit, "year": year, "total": total, "unpaid": unpaid,
        "by_award": sorted(by_award.values(), key=order_award),
        "by_category": sorted(by_category.values(), key=lambda line: line.key != Category.TITLE),
        "by_level": sorted(by_level.values(), key=lambda line: figures.LEVELS.index(line.key)),
        "by_source": sorted(by_source.values(), key=lambda line: -line.money),
        "per_unit": sorted(per_unit.values(), key=lambda line: (line.key != unit.path, line.key or "")),
        "priority": {"individuals": total.individuals, "direct": direct, "direct_share": _share(direct, total.individuals),
                     "collectives": total.collectives, "small": small, "small_share": _share(small, total.collectives)},
        "years": list(years.values()),
        "change": _change(total, previous),
        "movements": movement_targets(unit, year),
        "milestones": milestone_compliance(unit, year),
        **extra_sections(unit, year),
    }


def _change(now, before):
    if before is None or not before.total:
        return None
    return {"awards": now.total - before.total, "awards_abs": abs(now.total - before.total),
            "money": now.money - before.money,
            "share": _share(now.total - before.total, before.total)}


def movement_targets(unit, year) -> list[dict]:
    """The level's movements running in ``year`` with each target's live value for the level (movements'
    own target_values: one grouped query per count, shared by the targets)."""
    from movements.models import Movement, MovementStatus
    from movements.selectors import target_values

    lo, hi = date(year, 1, 1), date(year, 12, 31)
    movements = list(Movement.objects.filter(unit=unit, status__in=[MovementStatus.LAUNCHED, MovementStatus.CLOSED],
                                             start__lte=hi).exclude(end__lt=lo)
                     .prefetch_related("targets").order_by("start", "pk"))
    cache, out = {}, []
    for m in movements:
        targets = []
        for t in m.targets.all():
            value = target_values(t, [unit], year, cache)[unit.pk]
            targets.append({"label": t.label or t.get_metric_display(), "threshold": t.threshold,
                            "value": value.quantize(Decimal("0.1")) if value is not None else None,
                            "met": value is not None and value >= t.threshold})
        out.append({"movement": m, "targets": targets})
    return out


def milestone_compliance(unit, year) -> list[dict]:
    """The year's plan milestones of the level: how many of the units below did each on time, late, or not yet
    (of the units that register under the plan)."""
    from django.utils import timezone

    from plans.selectors import registration_units

    rows = figures.milestone_rows(unit, year)
    expected_by_plan, now, out = {}, timezone.now(), []
    for m, on_time, late in rows:
        if m.plan_id not in expected_by_plan:
            expected_by_plan[m.plan_id] = registration_units(m.plan).count()
        expected = expected_by_plan[m.plan_id]
        past = now >= m.deadline
        missing = max(expected - on_time - late, 0)
        out.append({"milestone": m, "expected": expected, "on_time": on_time, "late": late,
                    "missing": missing if past else 0, "pending": 0 if past else missing, "past": past,
                    "share": _share(on_time, expected)})
    return out


def extra_sections(unit, year) -> dict:
    """Initiatives, exemplars and clusters against their targets, from those apps' own selectors when they
    offer them (each section is left out otherwise, never shown empty)."""
    out = {}
    for key, loader in (("initiatives", _initiatives), ("exemplars", _exemplars), ("clusters", _clusters)):
        try:
            section = loader(unit, year)
        except ImportError:
            section = None
        if section:
            out[key] = section
    return out


def _initiatives(unit, year):
    """Initiatives against the targets (share of staff with an initiative recognised in the year, share of those
    initiatives applied), per unit under the level and overall: initiatives.selectors.target_rows and targets_of."""
    from initiatives.selectors import target_rows, targets_of

    rows, total = target_rows(unit, year)
    if not total.staff and not total.recognized:
        return None
    targets = targets_of(unit, year)
    author_target, author_source = targets["author_share"]
    applied_target, applied_source = targets["applied_share"]

    def met(value, target):
        return value is not None and value >= target

    lines = [{"unit": r.unit, "staff": r.staff, "authors": r.authors, "author_share": r.author_share,
              "recognized": r.recognized, "applied": r.applied, "applied_share": r.applied_share,
              "author_met": met(r.author_share, author_target), "applied_met": met(r.applied_share, applied_target)}
             for r in rows]
    overall = {"staff": total.staff, "authors": total.authors, "author_share": total.author_share,
               "recognized": total.recognized, "applied": total.applied, "applied_share": total.applied_share,
               "author_met": met(total.author_share, author_target), "applied_met": met(total.applied_share, applied_target)}
    from .templatetags.report_format import pct

    table = {"title": "Sáng kiến", "columns": ["Đơn vị", "Số cán bộ", "Có sáng kiến", "Tỷ lệ (%)", "Sáng kiến",
                                              "Được áp dụng", "Tỷ lệ áp dụng (%)"],
             "numbers": {1, 2, 4, 5}, "money": set(),
             "rows": [[line["unit"].name, line["staff"], line["authors"], pct(line["author_share"]), line["recognized"],
                       line["applied"], pct(line["applied_share"])] for line in lines],
             "total": ["Tổng cộng", total.staff, total.authors, pct(total.author_share), total.recognized, total.applied,
                       pct(total.applied_share)]}
    return {"rows": lines, "total": overall, "author_target": author_target, "author_source": author_source,
            "applied_target": applied_target, "applied_source": applied_source,
            "units_short": sum(1 for line in lines if line["staff"] and not line["author_met"]), "table": table}


def _exemplars(unit, year):
    """Each unit that proposes to the level and its months of the year against the monthly rule (at least one
    exemplary person or deed a month): months accepted, proposed, missed; the units that missed a month listed
    (exemplars.compliance, one grouped query)."""
    from exemplars import compliance
    from exemplars.rules import rules_of_year

    year_rules = rules_of_year(year)
    if not any(r is not None and r.per_month > 0 for r in year_rules.values()):
        return None
    units = compliance.owing_units(unit, year, year_rules)
    if not units:
        return None
    rows = compliance.rows_for(units, year, None, year_rules)
    lines = [{"unit": r.unit, "owed": sum(1 for c in r.cells if c.state not in (compliance.State.NOT_OWED, compliance.State.FUTURE)),
              "accepted": r.n_accepted, "proposed": r.n_proposed, "missed": r.n_missed, "missed_months": r.missed_months}
             for r in rows]
    missed = [line for line in lines if line["missed"]]
    table = {"title": "Điển hình tiên tiến", "columns": ["Đơn vị", "Tháng phải có", "Đã công nhận", "Đã đề xuất",
                                                         "Không có điển hình", "Các tháng thiếu"],
             "numbers": {1, 2, 3, 4}, "money": set(),
             "rows": [[line["unit"].name, line["owed"], line["accepted"], line["proposed"], line["missed"],
                       ", ".join(str(m) for m in line["missed_months"])] for line in lines]}
    return {"rows": lines, "missed": missed, "units": len(lines), "complete": len(lines) - len(missed), "table": table}


def _clusters(unit, year):
    """The clusters and blocks formed by the level (or under it) for the year, with their rankings
    (clusters.selectors.cluster_rankings)."""
    from clusters.selectors import cluster_rankings

    found = cluster_rankings(unit, year)
    if not found:
        return None
    rows = []
    for c in found:
        for r in c["rows"]:
            rows.append([c["cluster"].name, r["rank"] or "", r["unit"].name,
                         str(r["score"]).replace(".", ",") if r["score"] is not None else "",
                         r["award"].name if r["award"] else ""])
    table = {"title": "Cụm, khối thi đua", "columns": ["Cụm, khối", "Xếp hạng", "Đơn vị", "Điểm", "Đề nghị khen thưởng"],
             "numbers": set(), "money": set(), "rows": rows}
    return {"clusters": found, "table": table}


# --- the conference ----------------------------------------------------------------------------

def honour_list(unit, year, *, min_rank=0, per_turn=10) -> list[dict]:
    """Who comes on stage at the level's conference: the level's awards of ``year`` of rank ``min_rank`` and
    above — collectives first, the higher award first, then individuals the same way; within one award by
    unit and name — in turns of at most ``per_turn`` recipients of one award (lượt lên nhận)."""
    from documents.certificates import certificate_kind

    # The award types of those ranks named by id: the year's index on (year, award type) finds their awards.
    types = list(AwardType.objects.filter(rank__gte=min_rank).values_list("pk", flat=True))
    qs = (figures.year_awards(unit, year).filter(award_type_id__in=types)
          .select_related("award_type", "person", "unit", "decision")
          .only("id", "year", "register_number", "decision_number", "decision_date", "award_type__name",
                "award_type__rank", "award_type__category", "award_type__code", "person__full_name",
                "person__sort_key", "unit__name", "unit__sort_key", "decision__number", "decision__symbol",
                "decision__date"))
    awards = list(qs)
    names = dict(Unit.objects.filter(pk__in={a.where for a in awards if a.person_id}).values_list("pk", "name"))
    paths = dict(Unit.objects.filter(pk__in={a.where for a in awards if a.person_id}).values_list("pk", "path"))

    def order(a):
        t = a.award_type
        return (a.person_id is not None, t.category != Category.TITLE, -(t.rank or 0), t.code,
                paths.get(a.where, "") if a.person_id else "", (a.person.sort_key if a.person_id else a.unit.sort_key), a.pk)

    awards.sort(key=order)
    out, turn, last_key, in_turn = [], 0, None, 0
    for i, a in enumerate(awards, start=1):
        key = (a.person_id is not None, a.award_type_id)
        if key != last_key or in_turn >= per_turn:
            turn, in_turn, last_key = turn + 1, 0, key
        in_turn += 1
        name, _sub, _ = certificate_kind(a.award_type)
        certificate = (f"Giấy chứng nhận danh hiệu “{a.award_type.name}”" if a.award_type.category == Category.TITLE
                       else name.capitalize())
        decision = (f"{a.decision.reference} ngày {a.decision.date:%d/%m/%Y}" if a.decision_id else
                    (f"{a.decision_number}" + (f" ngày {a.decision_date:%d/%m/%Y}" if a.decision_date else "")))
        out.append({"n": i, "turn": turn, "collective": a.person_id is None,
                    "name": a.unit.name if a.person_id is None else a.person.full_name,
                    "unit": "" if a.person_id is None else names.get(a.where, ""),
                    "award": a.award_type.name, "certificate": certificate,
                    "decision": decision.strip(), "register": a.register_number or ""})
    return out


STAGE_DEFAULT = 300   # recipients on the default honour list: the highest awards, as many as fit
STAGE_MAX = 3000      # more than this is not a list anyone reads out


def rank_counts(unit, year) -> list[dict]:
    """The level's awards of ``year`` by rank (higher first), with their names and counts (one grouped query by
    award type, then the types' names and ranks)."""
    rows = list(figures.year_awards(unit, year, located=False).values_list("award_type_id")
                .annotate(n=Count("id")).order_by())
    types = {t.pk: t for t in AwardType.objects.filter(pk__in=[r[0] for r in rows]).only("pk", "rank", "name")}
    by_rank = {}
    for type_id, n in rows:
        t = types[type_id]
        entry = by_rank.setdefault(t.rank or 0, {"rank": t.rank or 0, "names": [], "count": 0})
        if t.name not in entry["names"]:
            entry["names"].append(t.name)
        entry["count"] += n
    out = sorted(by_rank.values(), key=lambda e: -e["rank"])
    running = 0
    for e in out:
        e["names"].sort()
        running += e["count"]
        e["from_here"] = running  # recipients from this rank up
    return out


def stage_rank(counts, wanted=None) -> tuple[int, str]:
    """The rank the honour list starts from: ``wanted`` when its list is not too long, else the lowest rank whose
    list from the top holds at most STAGE_DEFAULT (or the top rank alone); with a note when ``wanted`` was cut."""
    if not counts:
        return 0, ""
    fits = [e for e in counts if e["from_here"] <= STAGE_DEFAULT]
    default = fits[-1]["rank"] if fits else counts[0]["rank"]
    if wanted is None:
        return default, ""
    chosen = [e for e in counts if e["rank"] >= wanted]
    total = chosen[-1]["from_here"] if chosen else 0
    if total > STAGE_MAX:
        def n(x):
            return f"{x:,}".replace(",", ".")

        return default, (f"Danh sách từ mức đã chọn có {n(total)} tập thể, cá nhân (quá {n(STAGE_MAX)}); "
                         "đang hiện từ mức cao nhất vừa đủ một danh sách đọc được.")
    return wanted, ""


def turns(honours) -> list[dict]:
    """The honour list's turns on stage: [{turn, award, collective, count}]."""
    out = []
    for h in honours:
        if not out or out[-1]["turn"] != h["turn"]:
            out.append({"turn": h["turn"], "award": h["award"], "collective": h["collective"], "count": 0})
        out[-1]["count"] += 1
    return out


def certificate_batches(unit, year) -> list[dict]:
    """The certificates to print, by unit (the sub-unit one level under the level): per unit, each decision
    issued here with how many of its certificates are that unit's (one grouped query), linking to the
    decision's certificates file."""
    from decisions.models import Decision

    rows = list(figures.year_awards(unit, year).filter(decision__isnull=False)
                .values_list("where", "decision_id").annotate(n=Count("id")).order_by())
    units = figures.units_of(unit)
    cut = len(unit.path) + Unit.steplen
    names = {path: name for path, _k, _c, name in units.values()}
    decisions = {d.pk: d for d in Decision.objects.filter(pk__in={d for _, d, _ in rows}).select_related("authority")}
    batches = {}
    for where, decision_id, n in rows:
        branch = units[where][0][:cut] if where in units else ""
        label = (f"{unit.name} (trực tiếp)" if branch == unit.path else names.get(branch)) or "Không rõ đơn vị"
        batch = batches.setdefault(branch, {"unit": label, "path": branch, "count": 0, "decisions": {}})
        batch["count"] += n
        entry = batch["decisions"].setdefault(decision_id, {"decision": decisions[decision_id], "count": 0})
        entry["count"] += n
    for b in batches.values():
        b["decisions"] = sorted(b["decisions"].values(), key=lambda d: (d["decision"].date, d["decision"].pk))
    return sorted(batches.values(), key=lambda b: (b["path"] != unit.path, b["path"]))


# --- the report of a big level, kept by the worker (reports.kept) -----------------------------------------

def report_jobs(unit, year, limit=5):
    """The latest computations of ``unit``'s report of ``year`` by the worker, newest first (whoever asked: the
    figures are the level's; the caller has checked the user may see the level)."""
    from jobs.models import ExportJob

    from .kept import KIND

    return list(ExportJob.objects.filter(kind=KIND, params__unit=unit.pk, params__year=year)
                .order_by("-created_at", "-id")[:limit])


def report_job_get(unit, year, pk):
    """One computation of ``unit``'s report of ``year`` (its progress), or 404."""
    from jobs.models import ExportJob

    from .kept import KIND

    try:
        return ExportJob.objects.get(pk=pk, kind=KIND, params__unit=unit.pk, params__year=year)
    except (ExportJob.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy lần tính báo cáo này") from None
