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
    expect(page.locator("#desk-sign")).to_contain_text("Không có hồ sơ nào chờ bạn ký quyết định.")
    shot(page, "home")


@pytest.fixture
def city_plan(live_world):
    """A published city plan: one milestone five days late for ward B, one due in ten days, registration open."""
    from datetime import timedelta

    from django.utils import timezone

    from plans import actions

    today = timezone.localdate()
    specialist = live_world.users["specialist"]
    plan = actions.plan_create(acting_user=specialist, unit=live_world.city, year=today.year, number="02/KH-HĐTĐKT",
                               issued_on=today - timedelta(days=60), issuer="Hội đồng Thi đua - Khen thưởng thành phố Hà Nội",
                               title=f"Kế hoạch công tác thi đua, khen thưởng năm {today.year}")
    late = actions.milestone_add(acting_user=specialist, plan=plan, title="Báo cáo sơ kết", kind="other", due_on=today - timedelta(days=5))
    actions.milestone_add(acting_user=specialist, plan=plan, title="Báo cáo tháng", kind="other", due_on=today + timedelta(days=10))
    actions.milestone_add(acting_user=specialist, plan=plan, title="Gửi đăng ký thi đua", kind="registration", due_on=today + timedelta(days=20))
    actions.plan_publish(acting_user=specialist, plan=plan)
    actions.milestone_complete(acting_user=live_world.users["officer_a"], milestone=late, unit=live_world.ward_a)
    return plan


@pytest.mark.parametrize("persona, card, text", [
    pytest.param("officer_b", "#desk-late", "Báo cáo sơ kết", id="officer_b"),
    pytest.param("officer_a", "#desk-waiting", "Đăng ký thi đua năm", id="officer_a"),
    pytest.param("specialist", "#desk-registrations", "đơn vị đã đăng ký", id="specialist"),
    pytest.param("council", "#desk-meetings", "Không có phiên họp nào đang chờ bạn.", id="council"),
    pytest.param("admin", "#desk-accounts", "tài khoản đang dùng", id="admin"),
])
def test_each_role_home_is_their_desk(page, login, shot, city_plan, persona, card, text):
    login(persona)
    expect(page.locator(card)).to_contain_text(text)
    if persona.startswith("officer") or persona == "specialist":
        expect(page.locator("#desk-coming")).to_contain_text("Báo cáo tháng")
        page.locator("#desk-coming a").first.click()
        expect(page).to_have_url(re.compile(r"/ke-hoach/\d+/tien-do/\?m=\d+$"))
        page.go_back()
    shot(page, "home")
