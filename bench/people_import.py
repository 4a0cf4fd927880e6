"""Benchmark of the Excel people import, with another user editing meanwhile.

    .venv/bin/python bench/people_import.py [--rows 100000] [--code-module PATH]

Builds the ordinary demo city in a fresh file-based SQLite database (a
temporary TDKT_DATA_DIR), writes an .xlsx of N valid new people spread over
the city's active units, then imports it as the administrator while a second
thread — another user — saves a person's phone number every 0.3 s. It prints
the import time, the longest write transaction of the import (the job's own
measure), the second user's slowest save and how many of its saves failed
(e.g. "database is locked"). ``--code-module`` runs another version of
org/people_excel.py (e.g. the old one from git) for a before/after figure;
its longest transaction is then the whole write phase.

The last line is machine-readable:

    people_import: rows=N total_s=X write_s=W edits=E edit_failures=F slowest_edit_s=S
"""

import argparse
import importlib.util
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from second_user import SecondUser  # noqa: E402


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--code-module", help="path of another people_excel.py to run instead")
    p.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    return p.parse_args()


def make_file(units, n):
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("people")
    ws.append(["Mã cán bộ", "Họ và tên", "Mã đơn vị", "Ngày sinh", "Giới tính", "Chức vụ", "Điện thoại", "Thư điện tử"])
    given = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Minh", "Nga", "Phúc", "Thảo"]
    for i in range(n):
        ws.append([f"BX{i:07d}", f"Nguyễn Văn {given[i % len(given)]}", units[i % len(units)],
                   f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1970 + i % 30}", "Nam" if i % 2 else "Nữ",
                   "Chuyên viên", f"09{i:08d}", f"bx{i}@example.vn"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def main():
    args = parse()
    data_dir = tempfile.mkdtemp(prefix="tdkt-import-bench-")
    os.environ["TDKT_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    os.environ["HUEY_IMMEDIATE"] = "1"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from org.models import Person, Unit
    from org.selectors import active_q

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    User = get_user_model()
    admin = User.objects.get(username="admin")
    other = User.objects.get(username="yennghia")
    victim = Person.objects.filter(unit__in=Unit.objects.filter(memberships__user=other).values("pk")).first() or \
        Person.objects.filter(unit__path__startswith=Unit.objects.filter(memberships__user=other).first().path).first()
    units = list(Unit.objects.filter(active_q()).exclude(kind__in=["province"]).values_list("code", flat=True))
    t = time.perf_counter()
    fileobj = make_file(units, args.rows)
    print(f"file: {args.rows} rows, {len(fileobj.getvalue()) / 1e6:.1f} MB, written in {time.perf_counter() - t:.1f} s")
    connection.close()

    if args.code_module:
        spec = importlib.util.spec_from_file_location("org.people_excel_other", args.code_module)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    else:
        from org import people_excel as module

    with SecondUser(acting_user=other, person=victim) as second:
        t = time.perf_counter()
        result = module.import_people(acting_user=admin, fileobj=fileobj, filename="bench.xlsx")
        total = time.perf_counter() - t
        time.sleep(1)
    errors = getattr(result, "errors", [])
    write_s = getattr(result, "write_seconds", None)
    print(f"import: {'ok' if not errors else f'{len(errors)} errors, first: {errors[0]}'}; {getattr(result, 'summary', '')}")
    print(f"import total {total:.1f} s; longest write transaction {write_s if write_s is None else round(write_s, 2)} s")
    if getattr(result, "write_steps", None):
        print("write transaction steps (s): " + ", ".join(f"{k} {v}" for k, v in result.write_steps.items()))
    print(second.summary())
    print(f"people_import: rows={args.rows} total_s={total:.1f} write_s={write_s if write_s is None else round(write_s, 2)} "
          f"edits={second.edits} edit_failures={len(second.failures)} slowest_edit_s={second.slowest:.2f}")
    if not args.keep:
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        print(f"data kept in {data_dir}")


if __name__ == "__main__":
    main()
