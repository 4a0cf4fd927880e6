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


def test_the_city_report_is_computed_by_the_worker_with_progress_then_shows_its_figures(
        page, login, live_world, shot, settings, tmp_path, monkeypatch):
    """A level with more people than TDKT_REPORT_INLINE_PEOPLE (here the test city, with the limit set low): the
    page shows the worker's progress and polls; when the worker has kept the figures it reloads with them, their
    time and the charts."""
    from jobs.exports import run
    from jobs.models import ExportJob

    report_world.build(live_world)
    settings.TDKT_REPORT_INLINE_PEOPLE = 2
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr("jobs.exports.enqueue", lambda job_id: None)  # the worker starts when the test says
    login("specialist")
    page.goto(f"/bao-cao/?don-vi={live_world.city.pk}&nam={YEAR}")
    progress = page.locator("#report-job")
    expect(progress).to_contain_text("Đang tính số liệu của báo cáo")
    expect(progress.locator("progress")).to_be_visible()
    expect(page.get_by_role("link", name="Tải Excel")).to_have_count(0)
    shot(page, "1-progress")

    from reports.selectors import year_report

    expected = year_report(live_world.city, YEAR)["total"].total  # the city's awards of the year, computed inline
    assert expected > 7  # more than ward A's
    run(ExportJob.objects.get(kind="year_report").pk)  # the worker computes; the page reloads on its next poll
    expect(page.locator("#so-khen-thuong")).to_have_text(str(expected), timeout=15_000)
    expect(page.locator("#so-lieu-luc")).to_contain_text("số liệu lúc")
    expect(page.get_by_role("button", name="Tính lại")).to_be_visible()
    charts = page.locator("svg.chart")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 4
    expect(page.locator("#theo-don-vi")).to_contain_text("Phường Phú Lương")
    shot(page, "2-figures")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải Excel").click()
    wb = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert "Theo danh hiệu, hình thức" in wb.sheetnames

    # An award of the year added since: the kept figures are out of date until computed again.
    report_world.award("GK", person=live_world.thinh, amount=351_000, source="manual")
    page.reload()
    expect(page.locator("#so-lieu-cu")).to_contain_text("Số liệu đã thay đổi từ lúc tính")
    expect(page.locator("#so-khen-thuong")).to_have_text(str(expected))
    page.get_by_role("button", name="Tính lại").click()
    expect(page.locator("#report-job")).to_contain_text("Đang tính lại số liệu")
    expect(page.get_by_role("button", name="Tính lại")).to_be_disabled()
    shot(page, "3-stale-recomputing")
    run(ExportJob.objects.filter(kind="year_report").latest("id").pk)
    expect(page.locator("#so-khen-thuong")).to_have_text(str(expected + 1), timeout=15_000)
    expect(page.locator("#so-lieu-cu")).to_have_count(0)
    expect(page.locator("#report-job")).to_have_count(0)
