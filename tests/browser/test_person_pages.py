"""A person's page: editing shows in the change history; moving adds to the work history."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_edit_position_then_move_to_school(page, login, live_world, shot):
    login("officer_a")
    page.get_by_role("link", name="Cán bộ", exact=True).click()
    page.get_by_role("link", name="Nguyễn Thị Thịnh").click()
    expect(page).to_have_url(re.compile(rf"/can-bo/{live_world.thinh.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Thị Thịnh")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("01/02/1980")
    expect(facts).to_contain_text("Nữ")
    shot(page, "1-person")

    page.get_by_role("link", name="Sửa thông tin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sửa thông tin cán bộ")
    expect(page.get_by_label("Chức vụ")).to_have_value("Chuyên viên")
    expect(page.get_by_label("Ngày sinh")).to_have_value("01/02/1980")
    shot(page, "2-edit-form")
    page.get_by_label("Chức vụ").fill("Phó Chánh Văn phòng")
    page.get_by_role("button", name="Lưu").click()

    expect(page).to_have_url(re.compile(rf"/can-bo/{live_world.thinh.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("Đã lưu thông tin cán bộ.")
    history = page.locator(".card").filter(has=page.get_by_role("heading", name="Lịch sử thay đổi"))
    edit = history.locator(".timeline li").filter(has_text="Sửa thông tin")
    expect(edit).to_have_count(1)
    expect(edit).to_contain_text("officer_a")
    expect(edit.locator(".old")).to_have_text("Chuyên viên")
    expect(edit.locator(".new")).to_have_text("Phó Chánh Văn phòng")
    expect(facts).to_contain_text("Phó Chánh Văn phòng")
    shot(page, "3-after-edit")

    today = timezone.localdate()
    move_on = today + timedelta(days=30)
    page.get_by_role("link", name="Chuyển đơn vị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chuyển Nguyễn Thị Thịnh sang đơn vị khác")
    page.get_by_label("Chuyển đến đơn vị").select_option(label="Trường THCS Phú Lương (HN-PLU-THCS)")
    page.get_by_label("Từ ngày").fill(f"{move_on:%d/%m/%Y}")
    page.get_by_label("Chức vụ tại đơn vị mới").fill("Kế toán")
    page.get_by_label("Căn cứ, ghi chú").fill("Quyết định số 12/QĐ-UBND")
    shot(page, "4-move-form")
    page.get_by_role("button", name="Chuyển đơn vị").click()

    expect(page).to_have_url(re.compile(rf"/can-bo/{live_world.thinh.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("Đã chuyển Nguyễn Thị Thịnh sang Trường THCS Phú Lương.")
    work = page.locator(".card").filter(has=page.get_by_role("heading", name="Quá trình công tác")).locator("tbody tr")
    # The position change opened a period of its own: the earlier one still says Chuyên viên.
    expect(work).to_have_count(3)
    old = work.filter(has_text="Chuyên viên")
    mid = work.filter(has_text="Phó Chánh Văn phòng")
    new = work.filter(has_text="Trường THCS Phú Lương")
    expect(old).to_contain_text(f"01/01/2020 – {today - timedelta(days=1):%d/%m/%Y}")
    expect(mid).to_contain_text(f"{today:%d/%m/%Y} – {move_on - timedelta(days=1):%d/%m/%Y}")
    expect(new).to_contain_text(f"{move_on:%d/%m/%Y} – đến nay")
    expect(new).to_contain_text("Kế toán")
    expect(page.locator(".pagehead")).to_contain_text("Trường THCS Phú Lương")
    moved = history.locator(".timeline li").filter(has_text="Chuyển đơn vị")
    expect(moved).to_contain_text("Trường THCS Phú Lương")
    shot(page, "5-after-move")
