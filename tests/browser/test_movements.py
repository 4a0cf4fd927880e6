"""Movements in the browser: the city's standing office launches a movement with a target,
and the officer of ward A finds it in the inbox of the levels above."""

import re

import pytest
from playwright.sync_api import expect

from movements.models import Movement
from notifications.models import Notification

pytestmark = pytest.mark.browser

NAME = "Sáng kiến, sáng tạo Thủ đô"


def test_specialist_launches_a_movement_and_the_ward_sees_it(page, login, live_world, shot):
    login("specialist")
    page.locator(".sidebar").get_by_role("link", name="Phong trào thi đua").click()
    page.get_by_role("link", name="+ Phát động phong trào").click()
    # The specialist is the standing office of several levels: choose the city.
    expect(page.get_by_role("heading", level=1)).to_have_text("Phát động phong trào thi đua")
    page.get_by_label("Cấp, đơn vị").select_option(label="Thành phố Hà Nội")
    page.get_by_role("button", name="Tiếp tục").click()

    page.get_by_label("Tên phong trào").fill(f"“{NAME}”")
    page.get_by_label("Hình thức").select_option(label="Thường xuyên")
    page.get_by_label("Người, cơ quan phát động").fill("Ủy ban nhân dân Thành phố")
    page.get_by_label("Từ ngày").fill("01/01/2021")
    page.get_by_label("Đến ngày").fill("31/12/2030")
    page.get_by_label("Phường Phú Lương").check()
    page.get_by_label("Phường Yên Nghĩa").check()
    page.get_by_label("Nội dung", exact=True).fill("Khơi dậy tinh thần sáng tạo trong cán bộ, công chức, viên chức.")
    shot(page, "1-movement-form")
    page.get_by_role("button", name="Lưu dự thảo").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"“{NAME}”")
    expect(page.locator(".messages")).to_contain_text("Đã lưu phong trào (dự thảo).")
    movement = Movement.objects.get()

    # A target above 100% is refused at the field, what was typed is kept.
    page.get_by_label("Chỉ tiêu *", exact=True).select_option(value="initiative_share")
    page.get_by_label("Diễn giải").fill("Ít nhất 15% cán bộ có sáng kiến được công nhận cấp cơ sở mỗi năm")
    page.get_by_label("Mức phấn đấu (%)").fill("150")
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    threshold = page.locator(".field").filter(has=page.get_by_label("Mức phấn đấu (%)"))
    expect(threshold).to_have_class(re.compile("has-error"))
    expect(threshold).to_contain_text("Chỉ tiêu là một tỷ lệ từ 0 đến 100%.")
    expect(page.get_by_label("Diễn giải")).to_have_value("Ít nhất 15% cán bộ có sáng kiến được công nhận cấp cơ sở mỗi năm")
    shot(page, "2-target-error")
    page.get_by_label("Mức phấn đấu (%)").fill("15")
    page.get_by_role("button", name="Thêm chỉ tiêu").click()

    targets = page.locator("table.targets")
    expect(targets).to_contain_text("Ít nhất 15% cán bộ có sáng kiến")
    expect(targets).to_contain_text("≥ 15%")
    expect(targets).to_contain_text("0%")  # people exist, nobody has an initiative yet
    # A manual figure is one for the whole movement: shown once, "—" against each ward.
    page.get_by_label("Chỉ tiêu *", exact=True).select_option(value="manual")
    page.get_by_label("Diễn giải").fill("Tỷ lệ hộ gia đình văn hóa toàn Thành phố")
    page.get_by_label("Mức phấn đấu (%)").fill("70")
    page.get_by_label("Số liệu nhập (%)").fill("72")
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    expect(targets).to_contain_text("72%")
    per_unit = page.locator("table.per-unit tbody tr")
    for i in range(per_unit.count()):
        expect(per_unit.nth(i)).not_to_contain_text("72")
        expect(per_unit.nth(i).locator("td").last).to_have_text("—")
    page.evaluate("window.scrollTo(0, 0)")  # keep the sticky top bar at the top of the full-page shot
    shot(page, "2b-manual-target")
    # Targets are edited from their row.
    targets.locator("tbody tr", has_text="hộ gia đình văn hóa").get_by_role("link", name="Sửa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sửa chỉ tiêu")
    page.get_by_label("Số liệu nhập (%)").fill("74,5")
    page.get_by_role("button", name="Lưu").click()
    expect(targets).to_contain_text("74,5%")
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.get_by_role("button", name="Phát động").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã phát động phong trào “{NAME}”.")
    assert dialogs and dialogs[0].startswith("Phát động phong trào?")
    expect(page.locator(".pagehead .badge-ok")).to_have_text("Đã phát động")
    shot(page, "3-launched")
    # whoever proposes for the units below: their officers and the ward's own office
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"officer_a", "officer_b", "ward_specialist"}

    page.context.clear_cookies()
    login("officer_a")
    bell = page.locator(".topbar .bell")
    expect(bell.locator(".count")).to_have_text("1")
    bell.click()
    expect(page.locator("ul.notifications")).to_contain_text(f"Phong trào thi đua mới: “{NAME}”")
    shot(page, "4-notifications")
    page.locator(".sidebar").get_by_role("link", name="Phong trào thi đua").click()
    page.get_by_role("link", name=re.compile("Cấp trên phát động")).click()
    row = page.locator("table.inbox tbody tr").filter(has_text=NAME)
    expect(row).to_contain_text("Ủy ban nhân dân Thành phố")
    expect(row).to_contain_text("01/01/2021 – 31/12/2030")
    shot(page, "5-inbox")
    row.get_by_role("link", name=f"“{NAME}”").click()
    expect(page).to_have_url(re.compile(rf"/phong-trao/{movement.pk}/$"))
    expect(page.locator("table.targets")).to_contain_text("≥ 15%")
    expect(page.get_by_role("button", name="Phát động")).to_have_count(0)
    expect(page.get_by_role("button", name="Thêm chỉ tiêu")).to_have_count(0)
    shot(page, "6-officer-detail")
