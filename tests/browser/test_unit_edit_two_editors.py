"""Two people editing the same unit in two browsers: the second is told who changed it and when,
keeps what they typed, and overwrites nothing; a change to another field is merged."""

import re

import pytest
from playwright.sync_api import expect

from org.models import Unit
from tdkt.testing import PASSWORD

from .conftest import TIMEOUT_MS, fill_login

pytestmark = pytest.mark.browser


@pytest.fixture
def second_browser(browser, live_server):
    """A second person's browser (a context of its own: its own cookies, its own session)."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                              base_url=live_server.url)
    ctx.set_default_timeout(TIMEOUT_MS)
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_the_second_editor_of_a_unit_sees_who_changed_it_and_keeps_what_they_typed(page, login, second_browser, live_world, shot):
    school = live_world.school_a
    url = f"/don-vi/{school.pk}/sua/"
    login("specialist")
    fill_login(second_browser, "ward_specialist", PASSWORD)
    second_browser.get_by_role("heading", name=re.compile("Xin chào")).wait_for()

    # Both open the form; the first renames the school and saves.
    page.goto(url)
    second_browser.goto(url)
    expect(second_browser.get_by_label("Tên đơn vị")).to_have_value("Trường THCS Phú Lương")
    page.get_by_label("Tên đơn vị").fill("Trường THCS Phú Lương A")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu thông tin đơn vị.")

    # The second, on the page loaded before, renames it too and types a phone number.
    second_browser.get_by_label("Tên đơn vị").fill("Trường THCS Phú Lương B")
    second_browser.get_by_label("Điện thoại").fill("024 3355 1234")
    second_browser.get_by_role("button", name="Lưu").click()
    alert = second_browser.locator(".msg-error[role=alert]")
    expect(alert).to_contain_text(re.compile(
        r"Đơn vị này vừa được specialist sửa lúc \d\d:\d\d ngày \d\d/\d\d/\d{4} \(ô “Tên đơn vị”\); "
        r"thay đổi của bạn chưa được lưu, hãy tải lại trang để xem thông tin mới rồi sửa lại\."))
    expect(second_browser.get_by_label("Tên đơn vị")).to_have_value("Trường THCS Phú Lương B")
    expect(second_browser.get_by_label("Điện thoại")).to_have_value("024 3355 1234")
    shot(second_browser, "1-refused")
    school.refresh_from_db()
    assert (school.name, school.phone) == ("Trường THCS Phú Lương A", "")

    # Reloaded, the second sees the new name and saves the phone alone: both changes are kept.
    second_browser.goto(url)
    expect(second_browser.get_by_label("Tên đơn vị")).to_have_value("Trường THCS Phú Lương A")
    second_browser.get_by_label("Điện thoại").fill("024 3355 1234")
    second_browser.get_by_role("button", name="Lưu").click()
    expect(second_browser.locator(".messages")).to_contain_text("Đã lưu thông tin đơn vị.")
    shot(second_browser, "2-saved")
    school = Unit.objects.get(pk=school.pk)
    assert (school.name, school.phone) == ("Trường THCS Phú Lương A", "024 3355 1234")
