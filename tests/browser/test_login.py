"""Signing in through the real form, the Vietnamese error, and signing out."""

import re

import pytest
from playwright.sync_api import expect

from tdkt.testing import PASSWORD

from .conftest import fill_login

pytestmark = pytest.mark.browser


def test_wrong_password_then_right_password_then_logout(page, shot):
    fill_login(page, "officer_a", "sai-mat-khau")
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/"))
    expect(page.locator(".msg-error")).to_contain_text("mật khẩu chính xác")
    expect(page.locator("input[name=password]")).to_have_value("")
    shot(page, "1-wrong-password")

    fill_login(page, "officer_a", PASSWORD)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page).to_have_title(re.compile("^Tổng quan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, officer_a")
    expect(page.get_by_role("link", name="Tổng quan")).to_have_class(re.compile("active"))
    shot(page, "2-home")

    page.locator(".usermenu summary").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/$"))
    expect(page.get_by_role("heading", name="Hệ thống quản lý thi đua, khen thưởng")).to_be_visible()
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
    shot(page, "3-logged-out")

    # The session is really gone: the home page sends us back to the login form.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/\?next=/$"))
