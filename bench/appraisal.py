"""Appraisal of a 1,000-line nomination list on the city-scale demo.

    .venv/bin/python bench/appraisal.py [DATA_DIR] [--lines 1000] [--repeat 3]

DATA_DIR is the TDKT_DATA_DIR of `tdkt demo --scale city` (default /tmp/city).
Nothing is written: the appraisal only reads.

The list is what a city's standing office receives at year end: people from
every ward and agency nominated for LĐTT, CSTĐCS, CSTĐ Thành phố and Bằng khen,
collectives for TTLĐTT and TTLĐXS, with a few repeats. The authority is the
city. The baseline, measured in the same run, is the eligibility engine alone
for the same recipients (the floor the appraisal cannot go under). The last
line is machine-readable:

    appraisal: lines=<n> seconds=<median> engine_s=<median> over_engine=<ratio>
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dir", nargs="?", default="/tmp/city")
    p.add_argument("--lines", type=int, default=1000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    if not os.environ.get("DATABASE_URL") and not (Path(args.data_dir) / "tdkt.sqlite3").exists():
        sys.exit(f"Không có cơ sở dữ liệu trong {args.data_dir}: chạy `TDKT_DATA_DIR={args.data_dir} tdkt demo --scale city` trước.")
    os.environ.setdefault("TDKT_DATA_DIR", args.data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()
    from django.db import connection

    from dossiers.appraisal import COLLECTIVE, INDIVIDUAL, Line, appraise
    from eligibility.engine import evaluate
    from eligibility.facts import Filter
    from org.models import Person, Unit, UnitKind
    from rulebook.models import AwardType

    year = date.today().year - 1
    city = Unit.objects.filter(kind=UnitKind.PROVINCE, depth=1).first()
    awards = {a.code: a for a in AwardType.objects.all()}
    n_people = args.lines * 4 // 5
    step = max(1, Person.objects.count() // n_people)
    people = list(Person.objects.order_by("id")[::step][:n_people])
    units = list(Unit.objects.filter(valid_to__isnull=True, kind__in=[UnitKind.AGENCY, UnitKind.SCHOOL, UnitKind.COMMUNE])
                 .order_by("id")[: args.lines - len(people)])
    individual = ["LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH"]
    lines = [Line(i + 1, p, awards[individual[i % 4]], INDIVIDUAL) for i, p in enumerate(people)]
    lines += [Line(len(lines) + i + 1, u, awards["TTLDXS" if i % 2 else "TTLDTT"], COLLECTIVE) for i, u in enumerate(units)]
    for k in range(0, len(lines), 97):  # a few repeats, as lists merged by hand have
        lines[k] = Line(lines[k].number, lines[max(0, k - 1)].recipient, lines[max(0, k - 1)].award, lines[max(0, k - 1)].recipient_kind)
    lines = lines[: args.lines]
    decision_day = date(year + 1, 1, 20)

    def run_appraisal():
        return appraise(authority=city, decision_date=decision_day, year=year, lines=lines)

    def run_engine():
        evaluate(year, flt=Filter(person_ids={p.pk for p in people})).outcomes
        evaluate(year, flt=Filter(unit_ids={u.pk for u in units})).outcomes

    run_appraisal()  # warm-up (imports, caches)
    a_times, e_times = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        result = run_appraisal()
        a_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        run_engine()
        e_times.append(time.perf_counter() - t)
    problems = {}
    for r in result.lines:
        for pr in r.problems:
            problems[pr.code] = problems.get(pr.code, 0) + 1
    print(f"database: {connection.vendor}; city {city.code}: {Person.objects.count()} people; year {year}; "
          f"decision {decision_day:%d/%m/%Y}")
    print(f"lines ok: {result.count_ok}/{len(result.lines)}; problems: "
          + ", ".join(f"{k}={v}" for k, v in sorted(problems.items())) + f"; total {result.total:,} đ")
    a, e = statistics.median(a_times), statistics.median(e_times)
    print(f"appraisal: lines={len(result.lines)} seconds={a:.2f} engine_s={e:.2f} over_engine={a / e:.2f}")


if __name__ == "__main__":
    main()
