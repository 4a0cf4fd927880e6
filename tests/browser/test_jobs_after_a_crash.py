"""What a clerk sees when the process running their job died, and the big exports the worker writes."""

import os
import re
import signal
import subprocess
import sys

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from jobs import liveness
from org import imports
from org.models import ImportJob, Person

pytestmark = pytest.mark.browser


def _killed_runner():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    runner = f"{liveness.HOST}:{child.pid}:{liveness._start_ticks(child.pid)}"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    return runner


def test_an_interrupted_import_says_so_and_runs_again_from_its_kept_file(page, login, live_world, settings, tmp_path, shot):
    settings.DATA_DIR = tmp_path
    job = ImportJob.objects.create(user=live_world.users["officer_a"], filename="danh-sach-lon.xlsx", total_rows=2,
                                   checked_rows=2, status=ImportJob.Status.WRITING, runner=_killed_runner(),
                                   beat_at=timezone.now())
    wb = Workbook()
    ws = wb.active
    ws.title = "people"
    ws.append(["Mã cán bộ", "Họ và tên", "Mã đơn vị"])
    ws.append(["CB0700", "Đinh Văn Hải", "HN-PLU-VP"])
    ws.append(["CB0701", "Phan Thị Lan", "HN-PLU-THCS"])
    path = imports.job_file(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    login("officer_a")
    page.goto(f"/can-bo/nhap-excel/{job.pk}/")
    card = page.locator("#import-errors")
    expect(card).to_contain_text("Việc nhập tệp bị gián đoạn")
    expect(card).to_contain_text("chưa có dòng nào được ghi")
    shot(page, "1-interrupted")
    page.get_by_role("button", name="Nhập lại tệp này").click()
    expect(page.locator("#import-result")).to_contain_text("Đã nhập 2 dòng: 2 người mới")
    shot(page, "2-done")
    assert Person.objects.filter(code__in=["CB0700", "CB0701"]).count() == 2


def test_a_big_people_list_is_exported_by_the_worker_on_its_own_page(page, login, live_world, settings, tmp_path, shot):
    settings.DATA_DIR = tmp_path
    settings.TDKT_EXPORT_INLINE_ROWS = 1
    login("officer_a")
    page.goto("/can-bo/")
    with page.expect_navigation():
        page.get_by_role("link", name="Xuất Excel").first.click()
    expect(page.locator("h1")).to_contain_text("Xuất Excel: danh sách cán bộ")
    expect(page.locator("#export-job")).to_contain_text("Đã xuất xong")
    shot(page, "1-export-done")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp").click()
    assert download.value.suggested_filename.startswith("danh-sach-can-bo-")
    page.locator(".crumbs").get_by_role("link", name="Cán bộ").click()
    expect(page).to_have_url(re.compile(r"/can-bo/$"))  # back on the people list
