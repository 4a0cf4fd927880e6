"""kill -9 in the middle of each long job, then what the pages say and whether the job can be finished.

    .venv/bin/python bench/crash.py DATA_DIR [--rows 50000]

DATA_DIR is a TDKT_DATA_DIR holding the `make run` demo (`tdkt demo`); it is copied to a scratch folder first,
nothing is changed in it. Three cases, each printed as it goes:

1. the worker (`tdkt run_huey`) killed while importing a file of N people → the import page; a new worker and the
   page's retry button → the import done;
2. the web process killed while importing a file in the request (the inline limit raised above N) → the same;
3. the worker killed while making the files of the demo's decision → the decision page after a new worker starts.

Last line: ``crash: import_worker=<page says> import_web=<…> decision=<…>`` (ok when the job was noticed and
finished afterwards).
"""

import argparse
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dir")
    p.add_argument("--rows", type=int, default=50_000)
    return p.parse_args()


args = parse()
scratch = Path(tempfile.mkdtemp(prefix="tdkt-crash-"))
for name in ("tdkt.sqlite3", "secret_key"):
    if (Path(args.data_dir) / name).exists():
        shutil.copy(Path(args.data_dir) / name, scratch / name)
if (Path(args.data_dir) / "media").exists():
    shutil.copytree(Path(args.data_dir) / "media", scratch / "media")
os.environ["TDKT_DATA_DIR"] = str(scratch)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
sys.path.insert(0, str(ROOT))
import django  # noqa: E402

django.setup()
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from decisions.models import Decision, RenderStatus  # noqa: E402
from org.models import ImportJob, Person, Unit  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
TDKT = str(ROOT / ".venv" / "bin" / "tdkt")
admin = get_user_model().objects.get(username="admin")
client = Client()
client.force_login(admin)


def people_file(rows, prefix):
    units = list(Unit.objects.filter(kind__in=["agency", "school"], valid_to__isnull=True).values_list("code", flat=True)[:50])
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("people")
    ws.append(["Mã cán bộ", "Họ và tên", "Mã đơn vị"])
    for i in range(rows):
        ws.append([f"{prefix}{i:06d}", f"Nguyễn Văn Thử {i}", units[i % len(units)]])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def worker():
    return subprocess.Popen([TDKT, "run_huey", "--workers", "1", "--worker-type", "thread"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def wait_for(predicate, seconds, step=0.2):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return False


def card(url):
    import re

    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()
    return text[:260]


def kill(proc):
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


results = {}

# 1. The worker killed during a big import.
data = people_file(args.rows, "KW")
from org import imports  # noqa: E402

w = worker()
job, _ = imports.start(kind=ImportJob.Kind.PEOPLE, acting_user=admin,
                       upload=SimpleUploadedFile("lon.xlsx", data), params={})
print(f"1. import of {args.rows:,} rows queued (job {job.pk}); waiting for the worker to be in it…")
wait_for(lambda: ImportJob.objects.get(pk=job.pk).status in ("checking", "writing"), 300)
status = ImportJob.objects.get(pk=job.pk).status
kill(w)
print(f"   worker killed with SIGKILL while {status}")
url = f"/can-bo/nhap-excel/{job.pk}/"
print("   page:", card(url))
written = Person.objects.filter(code__startswith="KW").count()
print(f"   people of the file in the database: {written}")
w = worker()
client.post(f"/nhap-excel/{job.pk}/chay-lai/")
done = wait_for(lambda: ImportJob.objects.get(pk=job.pk).status in ("done", "failed"), 600, step=1)
job.refresh_from_db()
print(f"   after 'Nhập lại tệp này' with a new worker: {job.status}, {job.created:,} created; page:", card(url)[:160])
kill(w)
results["import_worker"] = "ok" if job.status == "done" and job.created == args.rows and written == 0 else job.status

# 2. The web process killed while importing in the request.
data = people_file(args.rows, "KB")
path = scratch / "web.xlsx"
path.write_bytes(data)
web = subprocess.Popen([sys.executable, "-c", f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ['DJANGO_SETTINGS_MODULE'] = 'tdkt.settings'
import django; django.setup()
from django.conf import settings; settings.PEOPLE_IMPORT_INLINE_ROWS = 10**7
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from org import imports
from org.models import ImportJob
imports.start(kind=ImportJob.Kind.PEOPLE, acting_user=get_user_model().objects.get(username='admin'),
              upload=SimpleUploadedFile('web.xlsx', open({str(path)!r}, 'rb').read()), params={{}})
"""], cwd=ROOT, start_new_session=True)
wait_for(lambda: ImportJob.objects.filter(filename="web.xlsx", status__in=["checking", "writing"]).exists(), 300)
job = ImportJob.objects.get(filename="web.xlsx")
kill(web)
print(f"2. web process killed with SIGKILL while {job.status} (job {job.pk})")
url = f"/can-bo/nhap-excel/{job.pk}/"
print("   page:", card(url))
written = Person.objects.filter(code__startswith="KB").count()
w = worker()
client.post(f"/nhap-excel/{job.pk}/chay-lai/")
wait_for(lambda: ImportJob.objects.get(pk=job.pk).status in ("done", "failed"), 600, step=1)
job.refresh_from_db()
print(f"   people written before: {written}; after the retry: {job.status}, {job.created:,} created")
kill(w)
results["import_web"] = "ok" if job.status == "done" and written == 0 else job.status

# 3. The worker killed while making a decision's files.
decision = Decision.objects.order_by("pk").first()
Decision.objects.filter(pk=decision.pk).update(render_status=RenderStatus.PENDING, render_done=0, runner="")
from decisions.tasks import render_decision  # noqa: E402

w = worker()
render_decision(decision.pk)
wait_for(lambda: Decision.objects.get(pk=decision.pk).render_status == "running", 120)
time.sleep(2)
kill(w)
decision.refresh_from_db()
print(f"3. worker killed with SIGKILL while making {decision}: {decision.render_done}/{decision.render_total}")
w = worker()
print("   page:", card(f"/quyet-dinh/{decision.pk}/tep/")[:160])
wait_for(lambda: Decision.objects.get(pk=decision.pk).render_status in ("done", "failed"), 300, step=1)
decision.refresh_from_db()
files = sorted(p.name for p in (scratch / "media" / "decisions").rglob(f"*-{decision.pk}*"))
print(f"   then: {decision.render_status}; files of the decision on disk: {files}")
kill(w)
results["decision"] = "ok" if decision.render_status == "done" else decision.render_status

print("crash: " + " ".join(f"{k}={v}" for k, v in results.items()))
shutil.rmtree(scratch, ignore_errors=True)
