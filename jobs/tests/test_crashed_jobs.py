"""A job whose process died (kill -9, a crash, a restart) is noticed: an import fails saying nothing was written
and offers to run again; an export likewise; a decision's files are made again until they exist.

The dead process is a real one: a child started, named as the job's runner as a worker names itself, then
killed with SIGKILL."""

import io
import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jobs import liveness, tracking
from jobs.models import ExportJob
from org import imports
from org.models import ImportJob, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def killed():
    """The runner string of a process that was alive and was killed with SIGKILL."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    runner = f"{liveness.HOST}:{child.pid}:{liveness._start_ticks(child.pid)}"
    assert not liveness.is_dead(runner, None)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    return runner


def test_this_process_is_alive_and_a_killed_one_is_dead(killed):
    assert not liveness.is_dead(liveness.me(), None)
    assert liveness.is_dead(killed, timezone.now())
    assert not liveness.is_dead("", None)  # nobody took it yet: it waits


def test_a_runner_on_another_host_is_judged_by_its_heartbeat(settings):
    settings.TDKT_JOB_STALE_SECONDS = 600
    other = "another-host:123:456"
    assert not liveness.is_dead(other, timezone.now() - timedelta(minutes=5))
    assert liveness.is_dead(other, timezone.now() - timedelta(minutes=11))


def _import_of(world, tmp_path, settings, killed, status=ImportJob.Status.WRITING):
    """A people import of ward A's officer that a killed process was writing (its file kept, as start keeps it)."""
    settings.DATA_DIR = tmp_path
    job = ImportJob.objects.create(user=world.users["officer_a"], filename="danh-sach.xlsx", total_rows=3,
                                   checked_rows=3, status=status, runner=killed, beat_at=timezone.now())
    path = imports.job_file(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_people_workbook())
    return job


def _people_workbook():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "people"
    ws.append(["Mã cán bộ", "Họ và tên", "Mã đơn vị"])
    ws.append(["CB0500", "Hoàng Văn Bình", "HN-PLU-VP"])
    ws.append(["CB0501", "Vũ Thị Thu Hằng", "HN-PLU-THCS"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_an_import_killed_while_writing_says_so_and_runs_again(as_user, world, tmp_path, settings, killed):
    job = _import_of(world, tmp_path, settings, killed)
    client = as_user("officer_a")
    url = reverse("org:people_import_job", args=[job.pk])
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Việc nhập tệp bị gián đoạn lúc" in page and "chưa có dòng nào được ghi" in page
    assert "Nhập lại tệp này" in page and "every 1s" not in page  # the page stops polling
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.retryable
    assert not Person.objects.filter(code="CB0500").exists()
    # Another officer may not run it again; its owner does, without choosing the file again.
    assert as_user("officer_b").post(reverse("org:import_job_retry", args=[job.pk])).status_code == 404
    response = client.post(reverse("org:import_job_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created == 2 and not imports.job_file(job).exists()
    assert Person.objects.filter(code__in=["CB0500", "CB0501"]).count() == 2


def test_the_worker_finds_every_job_whose_process_died(world, tmp_path, settings, killed):
    job = _import_of(world, tmp_path, settings, killed, status=ImportJob.Status.CHECKING)
    alive = ImportJob.objects.create(user=world.users["officer_a"], filename="b.xlsx", status=ImportJob.Status.CHECKING,
                                     runner=liveness.me(), beat_at=timezone.now())
    export = ExportJob.objects.create(user=world.users["officer_a"], kind="people", title="x", filename="x.xlsx",
                                      state=ExportJob.State.RUNNING, runner=killed, beat_at=timezone.now())
    seen = tracking.reap()
    assert seen["org.ImportJob"] == 1 and seen["jobs.ExportJob"] == 1
    job.refresh_from_db(), alive.refresh_from_db(), export.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and alive.status == ImportJob.Status.CHECKING
    assert export.state == ExportJob.State.FAILED and "bị gián đoạn" in export.message


def test_a_job_forgotten_in_the_queue_is_handed_to_the_worker_again(world, tmp_path, settings, monkeypatch):
    handed = []
    monkeypatch.setattr(imports, "enqueue", lambda pk: handed.append(pk))
    settings.DATA_DIR = tmp_path
    old = ImportJob.objects.create(user=world.users["officer_a"], filename="a.xlsx", status=ImportJob.Status.PENDING,
                                   beat_at=timezone.now() - timedelta(minutes=6))
    ImportJob.objects.create(user=world.users["officer_a"], filename="b.xlsx", status=ImportJob.Status.PENDING,
                             beat_at=timezone.now())
    tracking.reap()
    assert handed == [old.pk]
    tracking.reap()  # handed again only when forgotten again
    assert handed == [old.pk]


def test_a_job_nobody_takes_says_the_worker_is_missing(as_user, world, settings):
    job = ImportJob.objects.create(user=world.users["officer_a"], filename="a.xlsx", status=ImportJob.Status.PENDING,
                                   total_rows=50_000, beat_at=timezone.now() - timedelta(minutes=3))
    page = as_user("officer_a").get(reverse("org:people_import_job", args=[job.pk])).content.decode()
    assert "Chưa có tiến trình xử lý nền nhận việc này" in page and "tdkt run_huey" in page
