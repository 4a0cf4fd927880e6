"""Amending a published plan in the browser: the standing office moves a milestone (the one
computed from it follows), must give a reason, and the plan's history shows the
"sửa đổi, bổ sung" with it; the ward officer is told."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import Notification
from plans import actions

pytestmark = pytest.mark.browser


def test_specialist_amends_a_published_plan(page, login, live_world, shot):
    w = live_world
    sp = w.users["specialist"]
    today = timezone.localdate()
    year = today.year + 1
    plan = actions.plan_create(acting_user=sp, unit=w.city, year=year, number="412/KH-UBND", issued_on=today,
                               issuer="Ủy ban nhân dân thành phố Hà Nội", title=f"Kế hoạch công tác thi đua, khen thưởng năm {year}",
                               recipients="Các sở, ban, ngành\nLưu: VT, SNV.", signer_name="Lê Văn Minh")
    results = actions.milestone_add(acting_user=sp, plan=plan, title="Kết quả xét khen thưởng", due_on=date(year, 3, 18))
    actions.milestone_add(acting_user=sp, plan=plan, title="Gửi hồ sơ khen thưởng", relative_to=results, working_days_before=5)
    actions.plan_publish(acting_user=sp, plan=plan)

    login("specialist")
    page.goto(f"/ke-hoach/{plan.pk}/?tab=milestones")
    page.locator("table.list tbody tr", has_text="Ngày cụ thể").get_by_role("link", name="Sửa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sửa mốc “Kết quả xét khen thưởng”")
    expect(page.locator(".msg").first).to_contain_text("“Gửi hồ sơ khen thưởng” (5 ngày làm việc trước)")
    page.get_by_label("Hạn cuối (hết ngày)").fill(f"25/03/{year}")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field", has_text="Lý do sửa đổi, bổ sung")).to_contain_text("nhập lý do sửa đổi, bổ sung")
    page.get_by_label("Lý do sửa đổi, bổ sung").fill("Lùi lịch họp Hội đồng theo chỉ đạo của Thành phố")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "1-milestone-edit")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã lưu mốc “Kết quả xét khen thưởng”, hạn hết ngày 25/03/{year}.")
    expect(page.locator(".messages")).to_contain_text("Tính lại theo mốc này: “Gửi hồ sơ khen thưởng”")
    page.locator(".tabs").get_by_role("link", name="Lịch sử").click()
    history = page.locator(".timeline li").first
    expect(history).to_contain_text("Sửa đổi, bổ sung")
    expect(history).to_contain_text("Lùi lịch họp Hội đồng theo chỉ đạo của Thành phố")
    expect(history).to_contain_text(f"hạn 18/03/{year}")
    shot(page, "2-history")
    page.locator(".tabs").get_by_role("link", name="Nội dung").click()
    expect(page.locator("dl.facts")).to_contain_text("TM. ỦY BAN NHÂN DÂN")
    assert Notification.objects.filter(user=w.users["officer_a"], title="Sửa đổi, bổ sung Kế hoạch số 412/KH-UBND").exists()
