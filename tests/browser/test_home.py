"""The home page greets the user and shows their role."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_chairman_home_shows_role_badge(page, login, shot):
    login("chairman")
    expect(page).to_have_title(re.compile("^Tổng quan"))
    badge = page.locator(".pagehead .badge-role")
    expect(badge).to_have_count(1)
    expect(badge).to_have_text("Chủ tịch (người ký) · Phường Phú Lương")
    # The chairman may not manage accounts or import people: no such menu items.
    expect(page.locator(".sidebar")).not_to_contain_text("Tài khoản và vai trò")
    expect(page.locator(".stat").first).to_be_visible()
    shot(page, "home")
