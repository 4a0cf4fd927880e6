"""The year-end report in the browser: the ward's officer opens Báo cáo tổng kết from the sidebar, reads the
figures and the charts (drawn on the server, no script), downloads the Excel file, and opens the conference's
honour list."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tdkt.testing import reports as report_world
from tdkt.testing.reports import YEAR

pytestmark = pytest.mark.browser


def test_the_officer_reads_the_report_with_its_charts_and_the_honour_list(page, login, live_world, shot):
    report_world.build(live_world)
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Báo cáo tổng kết").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo tổng kết thi đua, khen thưởng năm")
    page.locator("select[name=nam]").select_option(str(YEAR))
    page.wait_for_url(re.compile(f"nam={YEAR}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Báo cáo tổng kết thi đua, khen thưởng năm {YEAR}")
    expect(page.locator("#so-khen-thuong")).to_have_text("7")
    expect(page.locator("#tong-tien")).to_have_text("7.371.000 đ")
    charts = page.locator("svg.chart")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 4
    expect(page.get_by_role("img", name=f"Số danh hiệu, hình thức khen thưởng năm {YEAR}")).to_be_visible()
    expect(page.locator("#theo-don-vi")).to_contain_text("Trường THCS Phú Lương")
    box = page.locator("#bieu-do-khen-thuong").bounding_box()
    assert box["width"] > 300 and box["height"] > 120
    shot(page, "1-report")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Excel").click()
    wb = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert "Theo danh hiệu, hình thức" in wb.sheetnames

    page.get_by_role("link", name="Hội nghị tổng kết").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hội nghị tổng kết năm {YEAR}")
    first = page.locator("table.honours tbody tr").first
    expect(first).to_contain_text("Trường THCS Phú Lương")
    expect(first).to_contain_text("Lượt 1")
    expect(page.locator("#in-bang")).to_contain_text("Quyết định 12/QĐ-UBND ngày 20/01/2026")
    shot(page, "2-conference")
