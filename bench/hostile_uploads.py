"""Hostile uploads against the people import: time and peak memory.

    .venv/bin/python bench/hostile_uploads.py [--dir var/bench/hostile] [--timeout 120] [--memory-gib 6]

Builds (once) three .xlsx files shaped like the people template:

- ``bomb.xlsx``: about 1 MB; one cell (Họ và tên) is an inline string that
  unpacks to 1 GiB;
- ``rows5m.xlsx``: 5,000,000 well-formed people rows (about 25 MB);
- ``gap.xlsx``: a few hundred bytes; a header row and a row numbered
  1,048,576, which a reader fills with a million empty rows;
- ``rows300k.xlsx``: 300,000 people rows, under the file size limit
  (tests the streaming row limit rather than the size check).

Then imports each as the demo administrator (a copy of the demo database at
$TDKT_DATA_DIR or /tmp/demo) in a child process whose address space is capped
(``--memory-gib``) and which is stopped after ``--timeout`` seconds, so that a
run before the upload guard does not take the machine down. One line per file:

    bomb.xlsx: 1.0 MB, 1.0 s, peak 95 MiB, refused: Tệp Excel giải nén ra …
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = ("Mã cán bộ", "Họ và tên", "Mã đơn vị")
from tdkt.testing.hostile_files import SHEET_HEAD, SHEET_TAIL, XLSX_PARTS, workbook_xml  # noqa: E402

FILES = {**XLSX_PARTS, "xl/workbook.xml": workbook_xml("people")}


def _cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(n, values):
    return f'<row r="{n}">' + "".join(_cell(f"{col}{n}", v) for col, v in zip("ABC", values)) + "</row>"


def build(path: Path, sheet_chunks, level=9):
    """An .xlsx at ``path`` whose only sheet's XML is the concatenation of ``sheet_chunks`` (str)."""
    tmp = path.with_suffix(".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, text in FILES.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            buf = []
            size = 0
            for chunk in sheet_chunks:
                buf.append(chunk)
                size += len(chunk)
                if size > 1 << 20:
                    out.write("".join(buf).encode())
                    buf, size = [], 0
            out.write("".join(buf).encode())
    tmp.rename(path)


def bomb_chunks(gib=1):
    yield SHEET_HEAD + _row(1, HEADER) + '<row r="2">' + _cell("A2", "CB900001")
    yield '<c r="B2" t="inlineStr"><is><t>'
    block = "Nguyễn Văn An " * (1 << 16)  # a name that passes "at least two words"
    for _ in range(gib * (1 << 30) // len(block.encode())):
        yield block
    yield "</t></is></c>" + _cell("C2", "HN") + "</row>" + SHEET_TAIL


def rows_chunks(n):
    yield SHEET_HEAD + _row(1, HEADER)
    for i in range(2, n + 2):
        yield _row(i, (f"CB{i:08d}", f"Nguyễn Văn {i}", "HN"))
    yield SHEET_TAIL


def gap_chunks():
    yield SHEET_HEAD + _row(1, HEADER) + _row(1048576, ("CB1", "Nguyễn Văn A", "HN")) + SHEET_TAIL


def ensure_files(where: Path):
    where.mkdir(parents=True, exist_ok=True)
    plan = {"bomb.xlsx": lambda: bomb_chunks(), "rows5m.xlsx": lambda: rows_chunks(5_000_000),
            "gap.xlsx": gap_chunks, "rows300k.xlsx": lambda: rows_chunks(300_000)}
    for name, chunks in plan.items():
        path = where / name
        if not path.exists():
            t = time.perf_counter()
            build(path, chunks())
            print(f"built {name}: {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t:.0f} s", flush=True)
    return [where / name for name in plan]


def child(path):
    """Run in the child: import ``path`` as admin, print one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()
    from accounts.models import User
    from org.people_excel import import_people

    admin = User.objects.get(username="admin")
    t = time.perf_counter()
    budget = float(os.environ.get("HOSTILE_BUDGET_S", "0"))
    if budget:
        import threading

        def give_up():
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"not finished after {time.perf_counter() - t:.0f} s, peak so far {peak:.0f} MiB", flush=True)
            os._exit(3)
        timer = threading.Timer(budget, give_up)
        timer.daemon = True
        timer.start()
    with open(path, "rb") as f:
        result = import_people(acting_user=admin, fileobj=f, filename=Path(path).name)
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    outcome = f"refused: {result.errors[0]}" if result.errors else f"imported {result.total} rows"
    print(f"{elapsed:.1f} s, peak {peak:.0f} MiB, {len(result.errors)} errors, {outcome[:160]}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dir", default=str(ROOT / "var" / "bench" / "hostile"))
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--memory-gib", type=float, default=6)
    p.add_argument("--only", nargs="*", help="file names to run (default: all)")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        return child(args.child)
    files = ensure_files(Path(args.dir))
    source = Path(os.environ.get("TDKT_DATA_DIR", "/tmp/demo"))
    limit = int(args.memory_gib * (1 << 30))

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    for path in files:
        if args.only and path.name not in args.only:
            continue
        with tempfile.TemporaryDirectory() as data:
            shutil.copy(source / "tdkt.sqlite3", Path(data) / "tdkt.sqlite3")
            env = {**os.environ, "TDKT_DATA_DIR": data, "HOSTILE_BUDGET_S": str(args.timeout)}
            t = time.perf_counter()
            try:
                run = subprocess.run([sys.executable, __file__, "--child", str(path)], env=env, preexec_fn=cap,
                                     capture_output=True, text=True, timeout=args.timeout + 30)
                line = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else (
                    f"failed (exit {run.returncode}): " + (run.stderr.strip().splitlines() or [""])[-1][:160])
            except subprocess.TimeoutExpired:
                line = f"stopped after {args.timeout:.0f} s (not finished)"
            wall = time.perf_counter() - t
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            size = path.stat().st_size / 1e6
            print(f"{path.name}: {size:.1f} MB file, wall {wall:.1f} s (children's peak so far {peak:.0f} MiB) — {line}", flush=True)


if __name__ == "__main__":
    main()
