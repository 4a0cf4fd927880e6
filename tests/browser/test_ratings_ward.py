"""The ward's ratings on one screen: every sub-unit under its heading, saved in one go;
a rating behind an award is changed only with a reason."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from decisions.models import Award
from records.models import Rating
from rulebook.models import AwardType

pytestmark = pytest.mark.browser


def test_officer_rates_the_whole_ward_on_one_screen(page, login, live_world, shot):
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Xếp loại hằng năm").click()
    page.get_by_label(re.compile(r"^Năm")).select_option("2025")
    expect(page).to_have_url(re.compile(r"year=2025"))
    expect(page.locator("select[name=unit]")).to_have_value(str(live_world.ward_a.pk))
    grid = page.locator("table.ratings-grid")
    heads = grid.locator("tr.group-head th")
    expect(heads).to_have_count(2)
    expect(heads.nth(0)).to_contain_text("Văn phòng HĐND và UBND phường Phú Lương")
    expect(heads.nth(1)).to_contain_text("Trường THCS Phú Lương")
    expect(page.get_by_role("heading", name=re.compile("Phường Phú Lương và đơn vị trực thuộc"))).to_contain_text("3 người")
    shot(page, "1-ward")

    page.get_by_label("Xếp loại của Nguyễn Thị Thịnh").select_option(label="Hoàn thành xuất sắc nhiệm vụ")
    page.get_by_label("Xếp loại của Lê Thị Ánh").select_option(label="Hoàn thành tốt nhiệm vụ")
    page.get_by_label("Xếp loại của tập thể Trường THCS Phú Lương").select_option(label="Tập thể: Hoàn thành xuất sắc nhiệm vụ")
    page.get_by_label("Xếp loại của tập thể Phường Phú Lương").select_option(label="Hoàn thành tốt nhiệm vụ")
    page.get_by_role("button", name="Lưu xếp loại").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu xếp loại năm 2025: 4 thay đổi.")
    expect(page.get_by_label("Xếp loại của Lê Thị Ánh")).to_have_value("HTTNV")
    summary = page.locator(".card").filter(has=page.get_by_role("heading", name="Tổng hợp"))
    expect(summary.locator("dt:text-is('Chưa xếp loại') + dd")).to_have_text("1")
    shot(page, "2-saved")
    assert dict(Rating.objects.filter(person__isnull=False).values_list("person__code", "level")) == {"CB0001": "HTXSNV", "CB0003": "HTTNV"}

    page.get_by_label("Trực thuộc").select_option(label="Trường THCS Phú Lương")
    expect(page).to_have_url(re.compile(rf"sub={live_world.school_a.pk}"))
    expect(page.get_by_label("Xếp loại của Lê Thị Ánh")).to_be_visible()
    expect(page.get_by_label("Xếp loại của Nguyễn Thị Thịnh")).to_have_count(0)
    shot(page, "3-one-sub-unit")


def test_changing_a_rating_behind_an_award_asks_for_a_reason(page, login, live_world, shot):
    Rating.objects.create(person=live_world.thinh, year=2025, level="HTXSNV")
    Award.objects.create(person=live_world.thinh, award_type=AwardType.objects.get(code="CSTDCS"), year=2025,
                         decision_number="12/QĐ-UBND", decision_date=date(2026, 1, 15))
    login("officer_a")
    page.goto(f"/xep-loai/?unit={live_world.ward_a.pk}&year=2025")
    page.get_by_label("Xếp loại của Nguyễn Thị Thịnh").select_option(label="Hoàn thành nhiệm vụ")
    page.get_by_role("button", name="Lưu xếp loại").click()

    confirm = page.locator(".confirm-card")
    expect(confirm.get_by_role("heading")).to_have_text("Xếp loại đã là căn cứ khen thưởng: cần ghi lý do sửa")
    expect(confirm.locator("table.affected")).to_contain_text("Chiến sĩ thi đua cơ sở năm 2025 (QĐ 12/QĐ-UBND ngày 15/01/2026)")
    shot(page, "1-confirm")
    assert Rating.objects.get(person=live_world.thinh, year=2025).level == "HTXSNV"

    confirm.get_by_label("Lý do sửa").fill("Đánh giá lại theo kết luận thanh tra")
    confirm.get_by_role("button", name="Xác nhận lưu xếp loại").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu xếp loại năm 2025: 1 thay đổi.")
    expect(page.get_by_label("Xếp loại của Nguyễn Thị Thịnh")).to_have_value("HTNV")
    shot(page, "2-saved")

    page.goto(f"/can-bo/{live_world.thinh.pk}/")
    entry = page.locator(".timeline li").filter(has_text="Xếp loại năm 2025").first
    expect(entry.locator(".old")).to_have_text("HTXSNV")
    expect(entry.locator(".new")).to_have_text("HTNV")
    expect(entry).to_contain_text("Đánh giá lại theo kết luận thanh tra")
    shot(page, "3-person-history")
