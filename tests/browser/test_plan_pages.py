"""Plans (kế hoạch) in the browser: the city's standing office drafts a plan, adds milestones
(one by date, one counted in working days before another), publishes it, follows it on the
compliance board and the calendar; the officer of ward A then sees it in their list."""

import re
from datetime import date, timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from plans.models import Plan, PlanStatus

pytestmark = pytest.mark.browser

NUMBER = "319/KH-HĐTĐKT"
REGISTRATION = "Gửi đăng ký thi đua về Thường trực Hội đồng"
DOSSIER = "Gửi hồ sơ đề nghị Chiến sĩ thi đua cơ sở"


def working_days_before(day, n):
    """Counting back over weekends (no public holiday falls in early December)."""
    while n:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def test_specialist_publishes_a_plan_and_the_ward_sees_it(page, login, live_world, shot):
    today = timezone.localdate()
    # A plan for year N is drafted from October of year N-1.
    year = today.year + 1 if today.month >= 10 else today.year
    # Mid-December of the plan's year: always still ahead, so nothing is overdue yet.
    due = date(year, 12, 15)
    before = working_days_before(due, 5)
    title = f"Kế hoạch công tác thi đua, khen thưởng năm {year}"
    login("specialist")
    page.locator(".sidebar").get_by_role("link", name="Kế hoạch và tiến độ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch thi đua, khen thưởng")
    page.get_by_role("link", name="+ Lập kế hoạch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lập kế hoạch thi đua, khen thưởng")
    page.get_by_label("Cấp, đơn vị").select_option(label="Thành phố Hà Nội")
    page.get_by_role("button", name="Tiếp tục").click()

    # Year, title and issuer come filled in.
    expect(page.locator(".pagehead")).to_contain_text("Cấp ban hành: Thành phố Hà Nội.")
    expect(page.get_by_label("Năm kế hoạch")).to_have_value(str(year))
    expect(page.get_by_label("Trích yếu")).to_have_value(title)
    expect(page.get_by_label("Cơ quan ban hành")).to_have_value("Hội đồng Thi đua - Khen thưởng thành phố Hà Nội")
    page.get_by_label("Số, ký hiệu").fill(NUMBER)
    page.get_by_label("Ngày ban hành").fill(f"{today:%d/%m/%Y}")
    page.get_by_label("Mục đích").fill(f"Động viên cán bộ, công chức thi đua hoàn thành nhiệm vụ năm {year}.")
    page.get_by_label("Nơi nhận").fill("UBND các phường, xã;\nLưu: VT.")
    page.evaluate("window.scrollTo(0, 0)")  # keep the sticky top bar at the top of the full-page shot
    shot(page, "1-plan-form")
    page.get_by_role("button", name="Lưu dự thảo").click()

    plan = Plan.objects.get()
    expect(page).to_have_url(re.compile(rf"/ke-hoach/{plan.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("Đã lưu dự thảo kế hoạch. Thêm các mốc tiến độ rồi ban hành.")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".pagehead .badge")).to_have_text("Dự thảo")
    expect(page.locator("dl.facts")).to_contain_text(NUMBER)

    page.locator(".tabs").get_by_role("link", name="Tiến độ (0)").click()
    expect(page.get_by_text("Kế hoạch chưa có mốc tiến độ nào.")).to_be_visible()
    page.get_by_role("link", name="+ Thêm mốc tiến độ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thêm mốc tiến độ")
    page.get_by_label("Nội dung").fill(REGISTRATION)
    page.get_by_label("Loại mốc").select_option(label="Đăng ký thi đua")
    page.get_by_label("Hạn cuối (hết ngày)").fill(f"{due:%d/%m/%Y}")
    page.get_by_role("button", name="Thêm mốc").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã thêm mốc “{REGISTRATION}”, hạn hết ngày {due:%d/%m/%Y}.")

    page.get_by_role("link", name="+ Thêm mốc tiến độ").click()
    page.get_by_label("Nội dung").fill(DOSSIER)
    page.get_by_label("Loại mốc").select_option(label="Hồ sơ Chiến sĩ thi đua")
    page.get_by_label("Số ngày làm việc trước mốc đó").fill("5")
    page.get_by_label("Hoặc: tính từ mốc").select_option(label=f"{REGISTRATION} (hạn {due:%d/%m/%Y})")
    shot(page, "2-relative-milestone")
    page.get_by_role("button", name="Thêm mốc").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã thêm mốc “{DOSSIER}”, hạn hết ngày {before:%d/%m/%Y}.")
    expect(page.locator(".tabs a.active")).to_have_text("Tiến độ (2)")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(f"{before:%d/%m/%Y}")
    expect(rows.nth(0)).to_contain_text(f"5 ngày làm việc trước “{REGISTRATION}” ({due:%d/%m/%Y})")
    expect(rows.nth(1)).to_contain_text(f"{due:%d/%m/%Y}")
    expect(rows.nth(1)).to_contain_text("Ngày cụ thể")
    expect(rows.nth(1)).to_contain_text("chưa ban hành")
    shot(page, "3-milestones")

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.get_by_role("button", name="Ban hành").click()
    expect(page.locator(".messages")).to_contain_text("Đã ban hành kế hoạch. Các đơn vị trực thuộc đã được thông báo.")
    assert dialogs and dialogs[0].startswith("Ban hành kế hoạch?")
    expect(page.locator(".pagehead .badge")).to_have_text("Đã ban hành")
    expect(page.get_by_role("button", name="Ban hành")).to_have_count(0)
    expect(page.locator("dl.facts")).to_contain_text("Ban hành lúc")
    shot(page, "4-published")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED

    page.get_by_role("link", name="Tiến độ thực hiện").click()
    expect(page).to_have_url(re.compile(rf"/ke-hoach/{plan.pk}/tien-do/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiến độ thực hiện")
    expect(page.locator(".msg-warning")).to_have_count(0)
    summary = page.locator("table.compliance-summary tbody tr")
    expect(summary).to_have_count(2)
    expect(summary.filter(has_text=DOSSIER)).to_contain_text("0/2")
    board = page.locator(".milestone-board")
    # Nothing is overdue yet: the board opens on the next milestone due.
    expect(board.get_by_role("heading", level=2)).to_contain_text(DOSSIER)
    expect(board.locator("tbody tr")).to_have_count(2)
    expect(board.locator("tbody tr").filter(has_text="Phường Phú Lương")).to_contain_text("Chưa đến hạn")
    expect(board.locator("tbody tr").filter(has_text="Phường Yên Nghĩa")).to_contain_text("Chưa đến hạn")
    shot(page, "5-compliance")

    page.get_by_role("link", name=f"Lịch tiến độ năm {year}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Lịch tiến độ năm {year}")
    december = page.locator("section.month").filter(has=page.get_by_role("heading", name=re.compile("^Tháng 12")))
    expect(december.locator(".badge")).to_have_text("2 mốc")
    expect(december.locator("li")).to_have_count(2)
    expect(december.locator("li").first).to_contain_text(f"{before:%d/%m}")
    expect(december.locator("li").first).to_contain_text(DOSSIER)
    expect(december.locator("li").first).to_contain_text("0/2 đơn vị đã thực hiện")
    expect(page.locator("section.month.empty-month")).to_have_count(11)
    shot(page, "6-calendar")

    page.context.clear_cookies()
    login("officer_a")
    # Publishing notified the wards below the city.
    expect(page.locator(".topbar .bell .count")).to_have_text("1")
    page.locator(".sidebar").get_by_role("link", name="Kế hoạch và tiến độ").click()
    row = page.locator("table.list tbody tr").filter(has_text=NUMBER)
    expect(row).to_contain_text(title)
    expect(row).to_contain_text("Thành phố Hà Nội")
    expect(row).to_contain_text(f"{today:%d/%m/%Y}")
    expect(row.locator(".badge")).to_have_text("Đã ban hành")
    expect(page.get_by_role("link", name="+ Lập kế hoạch")).to_have_count(0)
    shot(page, "7-officer-list")
    row.get_by_role("link", name=NUMBER).click()
    expect(page.get_by_role("button", name="Ban hành")).to_have_count(0)
    page.locator(".tabs").get_by_role("link", name="Tiến độ (2)").click()
    expect(page.locator("table.list tbody tr").filter(has_text=DOSSIER)).to_contain_text("Chưa đến hạn")
    shot(page, "8-officer-milestones")
