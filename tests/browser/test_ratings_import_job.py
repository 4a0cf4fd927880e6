"""A big ratings file goes to the worker: the ratings page shows how far it got, then what it did."""

import re

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from org.models import ImportJob
from records.models import Rating

pytestmark = pytest.mark.browser


def ratings_file(path, rows, year=2025):
    wb = Workbook()
    ws = wb.active
    ws.title = "Xếp loại"
    ws.append(["Mã cán bộ", "Họ và tên", "Xếp loại", "Đơn vị"])
    for r in rows:
        ws.append(r)
    ws["F1"] = f"Năm {year} — Phường Phú Lương"
    wb.save(path)
    return path


def test_progress_then_result_of_a_big_ratings_import_on_the_ratings_page(page, login, live_world, tmp_path, shot, settings):
    settings.PEOPLE_IMPORT_INLINE_ROWS = 2
    page.set_viewport_size({"width": 1366, "height": 768})
    login("officer_a")
    job = ImportJob.objects.create(kind=ImportJob.Kind.RATINGS, user=live_world.users["officer_a"], filename="xep-loai-lon.xlsx",
                                   params={"unit": live_world.ward_a.pk, "year": 2025, "reason": ""},
                                   total_rows=12_959, checked_rows=6_000, status=ImportJob.Status.CHECKING)
    page.goto(f"/xep-loai/?unit={live_world.ward_a.pk}&year=2025")
    card = page.locator("#import-job")
    expect(card).to_contain_text("Đang kiểm tra dòng 6.000/12.959")
    shot(page, "1-progress")
    # The worker finishes: the card, polling, turns into the result without reloading the page.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, finished_at=timezone.now(), checked_rows=12_959,
                                               summary="Đã nhập tệp xếp loại năm 2025: 12.959 xếp loại thay đổi.")
    expect(page.locator("#import-result")).to_contain_text("12.959 xếp loại thay đổi", timeout=5000)

    # A file over the inline limit, uploaded from the page, goes through the worker (run at once in tests).
    path = ratings_file(tmp_path / "xep-loai.xlsx", [["CB0001", "", "Hoàn thành tốt nhiệm vụ", ""],
                                                     ["CB0003", "", "hoan thanh xuat sac nhiem vu", ""],
                                                     ["HN-PLU-THCS", "", "HTNV", ""]])
    page.set_input_files("input[name=file]", path)
    page.get_by_role("button", name="Nhập tệp").click()
    expect(page).to_have_url(re.compile(r"job=\d+"))
    expect(page.locator("#import-result")).to_contain_text("Đã nhập tệp xếp loại năm 2025: 3 xếp loại thay đổi.")
    shot(page, "2-result")
    assert Rating.objects.get(person=live_world.thinh, year=2025).level == "HTTNV"
