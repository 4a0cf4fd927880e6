"""The year-end report (reports.selectors.year_report) of the whole city on the city-scale demo.

    .venv/bin/python bench/report.py [DATA_DIR] [--year N] [--unit CODE] [--repeat 3] [--files]

DATA_DIR is a TDKT_DATA_DIR holding the city-scale demo (default /tmp/city). When it has no database, the demo is
built there first (`tdkt migrate` and `tdkt demo --scale city`, about five minutes). The source database is never
written: it is copied (SQLite's backup API) into var/bench/report/ — again when the source is newer — and migrated
there. The year defaults to the last year with awards. Each run is timed after one warm-up; the median is shown,
with the number of queries; ``--files`` also times the Excel and Word files. The last line is machine-readable:

    report: people=<people in the city> seconds=<median seconds of the report>
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages import copy_database  # noqa: E402  (bench/pages.py: the same copy of the same source)


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dir", nargs="?", default="/tmp/city", help="TDKT_DATA_DIR of the city demo (default /tmp/city)")
    p.add_argument("--work-dir", default=str(ROOT / "var" / "bench" / "report"), help="where the copy is kept")
    p.add_argument("--year", type=int, default=None, help="the report's year (default: the last year with awards)")
    p.add_argument("--unit", default="", help="code of the level (default: the root of the tree, the city)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--files", action="store_true", help="also time the Excel and Word files")
    return p.parse_args()


def build_city(data_dir: Path):
    """The city-scale demo into an empty TDKT_DATA_DIR."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "TDKT_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    tdkt = str(ROOT / ".venv" / "bin" / "tdkt")
    print(f"building the city-scale demo in {data_dir} …", flush=True)
    subprocess.run([tdkt, "migrate", "-v0"], env=env, check=True)
    subprocess.run([tdkt, "demo", "--scale", "city"], env=env, check=True)


def setup(args):
    if not os.environ.get("DATABASE_URL"):
        src = Path(args.data_dir)
        if not (src / "tdkt.sqlite3").exists():
            build_city(src)
        work = copy_database(src, Path(args.work_dir), False)
        os.environ["TDKT_DATA_DIR"] = str(work.parent)
    else:
        os.environ.setdefault("TDKT_DATA_DIR", args.data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(fn, repeat):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    fn()  # warm-up
    seconds, queries = [], 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            fn()
            seconds.append(time.perf_counter() - started)
        queries = len(ctx.captured_queries)
    return statistics.median(seconds), queries


def main():
    args = parse()
    setup(args)
    from django.db.models import Max

    from decisions.models import Award
    from org.models import Person, Unit
    from reports import exports, selectors

    unit = Unit.objects.get(code=args.unit) if args.unit else Unit.objects.get_root_nodes().order_by("path").first()
    year = args.year or Award.objects.aggregate(y=Max("year"))["y"]
    people = Person.objects.filter(unit__path__startswith=unit.path).count()
    report = selectors.year_report(unit, year)
    print(f"{unit.name}, {year}: {report['total'].total:,} awards, {len(report['per_unit'])} units, "
          f"{report['total'].money:,} đ", flush=True)
    seconds, queries = timed(lambda: selectors.year_report(unit, year), args.repeat)
    print(f"year_report: {seconds:.2f} s, {queries} queries", flush=True)
    if args.files:
        for name, fn in (("excel", lambda: exports.workbook(selectors.year_report(unit, year))),
                         ("word", lambda: exports.report_docx(selectors.year_report(unit, year)))):
            s, q = timed(fn, 1)
            print(f"{name}: {s:.2f} s, {q} queries", flush=True)
    print(f"report: people={people} seconds={seconds:.2f}")


if __name__ == "__main__":
    main()
