"""Unit pages: adding a sub-unit (with a validation error first) and recording a merge."""

import re

import pytest
from playwright.sync_api import expect

from org.models import Unit

pytestmark = pytest.mark.browser


def test_add_sub_unit_shows_field_error_then_saves(page, login, live_world, shot):
    login("specialist")
    page.goto(f"/don-vi/{live_world.ward_a.pk}/")
    page.get_by_role("link", name="+ Thêm đơn vị trực thuộc").click()
    expect(page).to_have_url(re.compile(rf"/don-vi/moi/\?parent={live_world.ward_a.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thêm đơn vị trực thuộc Phường Phú Lương")

    page.get_by_label("Mã đơn vị").fill("HN-PLU-MN")
    page.get_by_label("Loại đơn vị").select_option(label="Trường học")
    page.get_by_role("button", name="Lưu").click()

    name_field = page.locator(".field").filter(has=page.get_by_label("Tên đơn vị"))
    expect(name_field).to_have_class(re.compile("has-error"))
    expect(name_field).to_contain_text("Chưa nhập tên đơn vị.")
    expect(page.locator(".field.has-error")).to_have_count(1)
    expect(page.get_by_label("Mã đơn vị")).to_have_value("HN-PLU-MN")  # what was typed is kept
    assert not Unit.objects.filter(code="HN-PLU-MN").exists()
    shot(page, "1-empty-name")

    page.get_by_label("Tên đơn vị").fill("Trường Mầm non Phú Lương")
    page.get_by_role("button", name="Lưu").click()
    expect(page).to_have_url(re.compile(r"/don-vi/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trường Mầm non Phú Lương")
    expect(page.locator(".messages")).to_contain_text("Đã thêm đơn vị “Trường Mầm non Phú Lương”.")
    expect(page.locator(".crumbs")).to_contain_text("Phường Phú Lương")
    shot(page, "2-created")

    page.locator(".crumbs").get_by_role("link", name="Phường Phú Lương").click()
    page.get_by_role("link", name=re.compile(r"^Đơn vị trực thuộc \(3\)$")).click()
    expect(page.locator("table.list")).to_contain_text("Trường Mầm non Phú Lương")


def test_merge_ward_into_another_records_predecessor(page, login, live_world, shot):
    login("specialist")
    page.goto(f"/don-vi/{live_world.ward_a.pk}/")
    expect(page.get_by_role("heading", name="Đơn vị tiền thân")).to_be_visible()  # Phú Lãm already
    page.get_by_role("link", name="Ghi nhận sáp nhập vào đơn vị này").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghi nhận sáp nhập vào Phường Phú Lương")

    # Dismissing the confirmation changes nothing.
    page.get_by_label("Phường Yên Nghĩa (HN-YN)").check()
    page.get_by_label("Có hiệu lực từ ngày").fill("01/11/2026")
    page.get_by_label("Căn cứ (số, ngày văn bản)").fill("Nghị quyết số 1656/NQ-UBTVQH15")
    shot(page, "1-merge-form")
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Ghi nhận sáp nhập").click()
    expect(page).to_have_url(re.compile(r"/sap-nhap/$"))
    assert dialogs and dialogs[0].startswith("Ghi nhận sáp nhập?")
    live_world.ward_b.refresh_from_db()
    assert live_world.ward_b.successor_id is None

    page.once("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.get_by_role("button", name="Ghi nhận sáp nhập").click()
    expect(page).to_have_url(re.compile(rf"/don-vi/{live_world.ward_a.pk}/$"))
    assert len(dialogs) == 2
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận sáp nhập 1 đơn vị vào “Phường Phú Lương”.")
    predecessors = page.locator(".card").filter(has=page.get_by_role("heading", name="Đơn vị tiền thân"))
    yen_nghia = predecessors.locator("li").filter(has_text="Phường Yên Nghĩa")
    expect(yen_nghia).to_contain_text("đến 31/10/2026")
    expect(predecessors.locator("li")).to_have_count(2)
    # Its people moved along (move_people was ticked by default).
    expect(page.locator("table.list")).to_contain_text("Phạm Minh Đức")
    shot(page, "2-merged")

    yen_nghia.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Yên Nghĩa")
    expect(page.locator(".pagehead .badge-closed")).to_have_text("Hoạt động đến 31/10/2026")
    expect(page.locator(".msg-warning")).to_contain_text("Đơn vị kế thừa: Phường Phú Lương")
    shot(page, "3-merged-unit")
