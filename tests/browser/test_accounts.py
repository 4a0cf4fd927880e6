"""Accounts: the admin lists users, grants a role; the password change page renders."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_admin_grants_role_and_opens_password_change(page, login, live_world, shot):
    login("admin")
    page.locator(".sidebar").get_by_role("link", name="Tài khoản và vai trò").click()
    expect(page).to_have_url(re.compile(r"/quan-tri/nguoi-dung/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản và vai trò")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(8)  # the personas of tdkt/testing.py
    council_row = rows.filter(has=page.get_by_role("link", name="council", exact=True))
    expect(council_row).to_contain_text("Thành viên Hội đồng · Phường Phú Lương")
    shot(page, "1-users")

    council_row.get_by_role("link", name="council", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/quan-tri/nguoi-dung/{live_world.users['council'].pk}/$"))
    roles = page.locator(".card").filter(has=page.get_by_role("heading", name="Vai trò", exact=True)).locator("tbody tr")
    expect(roles).to_have_count(1)
    shot(page, "2-user-detail")

    page.get_by_label("Đơn vị").select_option(value=str(live_world.ward_b.pk))
    page.get_by_label("Vai trò").select_option(label="Thành viên Hội đồng")
    page.get_by_role("button", name="Giao vai trò").click()
    expect(page.locator(".messages")).to_contain_text("Đã giao vai trò.")
    expect(roles).to_have_count(2)
    expect(roles.filter(has_text="Phường Yên Nghĩa")).to_contain_text("Thành viên Hội đồng")
    history = page.locator(".card").filter(has=page.get_by_role("heading", name="Lịch sử"))
    expect(history).to_contain_text("Giao vai trò")
    shot(page, "3-role-granted")

    page.locator(".usermenu summary").click()
    page.get_by_role("link", name="Đổi mật khẩu").click()
    expect(page).to_have_url(re.compile(r"/tai-khoan/doi-mat-khau/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    expect(page.locator("input[type=password]")).to_have_count(3)
    expect(page.get_by_role("button", name="Đổi mật khẩu")).to_be_visible()
    shot(page, "4-password-change")


def test_an_administrator_who_is_not_a_superuser_creates_an_account_and_sees_it(page, login, live_world, shot):
    login("city_admin")
    page.goto("/quan-tri/nguoi-dung/moi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tạo tài khoản")
    page.get_by_label("Tên đăng nhập").fill("vp yen nghia")
    page.get_by_label("Họ và tên").fill("Văn phòng phường Yên Nghĩa")
    page.get_by_label("Mật khẩu ban đầu").fill("Hoa-Sen-Vang-2026")
    page.get_by_label("Đơn vị").select_option(value=str(live_world.ward_b.pk))
    page.get_by_label("Vai trò").select_option(label="Chuyên viên cơ quan thường trực")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.locator(".field.has-error")).to_contain_text("không có dấu cách")
    shot(page, "1-username-refused")
    page.get_by_label("Tên đăng nhập").fill("vp.yennghia")
    page.get_by_label("Mật khẩu ban đầu").fill("Hoa-Sen-Vang-2026")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo tài khoản vp.yennghia.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Văn phòng phường Yên Nghĩa")
    roles = page.locator(".card").filter(has=page.get_by_role("heading", name="Vai trò", exact=True)).locator("tbody tr")
    expect(roles).to_have_count(1)
    expect(roles).to_contain_text("Phường Yên Nghĩa")
    shot(page, "2-created")
