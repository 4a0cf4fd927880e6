"""Benchmark of the Excel ratings import on a copy of the city demo, with another user editing meanwhile.

    .venv/bin/python bench/ratings_import.py --source /tmp/city [--unit HN-SGD] [--year 2025] [--rows N] [--old DIR]

    (for DIR: mkdir /tmp/old && git show REV:records/actions.py > /tmp/old/actions.py, the same for ratings_excel.py)

Copies the city demo's database into a temporary TDKT_DATA_DIR (the source is
never written), downloads the ratings template of a big unit as the city
specialist would (Sở Giáo dục: 12,837 people), changes every rating in it,
then imports it (with a reason, as ratings behind awards change) while a
second thread — a ward officer — saves a person's phone number every 0.3 s.
It prints the import time, the longest write transaction, the peak memory of
the import (run in a process of its own) and the second user's slowest save
and failures. ``--old DIR`` runs the import as it was (read, then
``actions.ratings_save`` in one transaction, whose whole length is then the
write transaction: SQLite transactions here are IMMEDIATE).

The last line is machine-readable:

    ratings_import: rows=N total_s=X write_s=W peak_mb=M edits=E edit_failures=F slowest_edit_s=S
"""

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from second_user import SecondUser  # noqa: E402

ROTATE = {"HTXSNV": "HTTNV", "HTTNV": "HTNV", "HTNV": "HTXSNV", "KHTNV": "HTNV", None: "HTTNV", "": "HTTNV"}


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--source", default="/tmp/city", help="data directory of the city demo (only read)")
    p.add_argument("--unit", default="HN-SGD")
    p.add_argument("--year", type=int, default=2025)
    p.add_argument("--old", metavar="DIR", help="run the import as it was, from DIR/actions.py and DIR/ratings_excel.py "
                   "(e.g. from git show): read, then ratings_save in one transaction")
    p.add_argument("--rows", type=int, help="keep only the first N people of the template (the upload guard takes 200,000 rows)")
    p.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    p.add_argument("--import-file", help=argparse.SUPPRESS)  # the import itself, run in a fresh process
    return p.parse_args()


def rss_mb():
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not carried over from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    args = parse()
    if args.import_file:
        return run_import(args)
    data_dir = tempfile.mkdtemp(prefix="tdkt-ratings-bench-")
    for name in ("tdkt.sqlite3", "secret_key"):
        shutil.copy(Path(args.source) / name, Path(data_dir) / name)
    os.environ["TDKT_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ["HUEY_IMMEDIATE"] = "1"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from openpyxl import load_workbook

    from org import actions as org_actions
    from org.models import Person, Unit
    from records import actions, ratings_excel, selectors
    from records.models import Rating, RatingLevel

    call_command("migrate", verbosity=0)
    User = get_user_model()
    user = User.objects.get(username="sonoivu")
    other = User.objects.get(username="yennghia")
    victim = Person.objects.filter(unit__path__startswith=Unit.objects.get(code="HN-YN").path).first()
    unit, year = Unit.objects.get(code=args.unit), args.year

    # The template, as ratings_template writes it, with every rating changed.
    t = time.perf_counter()
    rows = selectors.rated_rows(unit, year)
    subunits = list(selectors.sub_units(unit, year))
    current_people = dict(Rating.objects.filter(year=year, person_id__in=selectors.year_employments(unit, year).values("person_id"))
                          .values_list("person_id", "level"))
    current_units = dict(Rating.objects.filter(year=year, unit__path__startswith=unit.path).values_list("unit_id", "level"))
    lines = rows.values_list("person__code", "person__full_name", "unit__name", "person_id").iterator(chunk_size=5000)
    if args.rows:
        import itertools

        lines = itertools.islice(lines, args.rows)
    content = ratings_excel.template(unit, year, subunits, lines, current_people, current_units)
    wb = load_workbook(io.BytesIO(content))
    ws = wb[ratings_excel.SHEET]
    label, code_of = dict(RatingLevel.choices), {lab: c for c, lab in RatingLevel.choices}
    n = 0
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        cell = row[0]
        cell.value = label[ROTATE[code_of.get(cell.value)]]
        n += 1
    buf = io.BytesIO()
    wb.save(buf)
    del wb, ws, content
    print(f"file: {n} rows of {unit.name} {year}, {len(buf.getvalue()) / 1e6:.2f} MB, made in {time.perf_counter() - t:.1f} s")
    path = Path(data_dir) / "bench.xlsx"
    path.write_bytes(buf.getvalue())
    connection.close()
    import subprocess

    # The import in a process of its own, so that its peak memory is its own.
    subprocess.run([sys.executable, __file__, "--import-file", str(path), "--unit", args.unit, "--year", str(year),
                    *(["--old", args.old] if args.old else [])], check=False, env={**os.environ, "TDKT_DATA_DIR": data_dir})
    if not args.keep:
        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        print(f"data kept in {data_dir}")


def run_import(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ["HUEY_IMMEDIATE"] = "1"
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from org.models import Person, Unit
    from records import actions, ratings_excel

    if args.old:
        import importlib.util

        def load(name):
            spec = importlib.util.spec_from_file_location(f"records.old_{name}", Path(args.old) / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module

        actions, ratings_excel = load("actions"), load("ratings_excel")
    User = get_user_model()
    user = User.objects.get(username="sonoivu")
    other = User.objects.get(username="yennghia")
    victim = Person.objects.filter(unit__path__startswith=Unit.objects.get(code="HN-YN").path).first()
    unit, year = Unit.objects.get(code=args.unit), args.year
    buf = io.BytesIO(Path(args.import_file).read_bytes())
    from org.imports import count_rows

    n = count_rows(buf)

    before_mb = rss_mb()
    second = SecondUser(acting_user=other, person=victim).__enter__()
    buf.seek(0)
    t = time.perf_counter()
    write_s, summary, errors = None, "", []
    if args.old:
        people, units, errors = ratings_excel.read(buf, unit, year)
        if not errors:
            w = time.perf_counter()
            changed = actions.ratings_save(acting_user=user, unit=unit, year=year, people=people, units=units,
                                           reason="Đánh giá lại cuối năm")
            write_s = time.perf_counter() - w
            summary = f"{changed} xếp loại thay đổi"
    else:
        result = ratings_excel.import_ratings(acting_user=user, fileobj=buf, unit=unit, year=year,
                                              reason="Đánh giá lại cuối năm", filename="bench.xlsx")
        errors, write_s, summary = result.errors, result.write_seconds, result.summary
    total = time.perf_counter() - t
    peak = rss_mb()
    time.sleep(1)
    second.__exit__()
    print(f"import: {'ok' if not errors else f'{len(errors)} errors, first: {errors[0]}'}; {summary}")
    print(f"import total {total:.1f} s; longest write transaction {write_s if write_s is None else round(write_s, 2)} s; "
          f"peak memory {peak:.0f} MB (before the import {before_mb:.0f} MB)")
    print(second.summary())
    print(f"ratings_import: rows={n} total_s={total:.1f} write_s={write_s if write_s is None else round(write_s, 2)} "
          f"peak_mb={peak:.0f} edits={second.edits} edit_failures={len(second.failures)} slowest_edit_s={second.slowest:.2f}")


if __name__ == "__main__":
    main()
