"""The ward's office sets up its initiative council on its page, and reads the ward's initiative figures against the
targets (one unit meets the 15%, another misses it)."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core.years import review_year
from initiatives.models import Authorship, Council, Initiative, Status
from org.models import Person
from tdkt.testing import person

pytestmark = pytest.mark.browser


def test_council_set_up_and_targets_read(page, login, live_world, shot):
    year = review_year()
    for n in range(8):
        person(f"VP{n:02d}", f"Cán bộ văn phòng {n}", live_world.office_a)
    i = Initiative.objects.create(code="SK-1", title="Một cửa số", unit=live_world.office_a, status=Status.RECOGNIZED,
                                  scope="co_so", recognized_on=date(year, 6, 1), effect_confirmed=True)
    Authorship.objects.create(initiative=i, person=live_world.thinh, share=Decimal(60))
    Authorship.objects.create(initiative=i, person=Person.objects.get(code="CB0002"), share=Decimal(40))
    login("ward_specialist")
    page.goto("/sang-kien/")
    page.get_by_role("link", name="Hội đồng sáng kiến").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hội đồng sáng kiến Phường Phú Lương năm")
    page.get_by_label("Số quyết định thành lập").fill("12/QĐ-UBND")
    page.get_by_label("Thành viên 1: họ và tên").fill("Đỗ Văn Chủ")
    page.get_by_label("Thành viên 1: chức danh trong Hội đồng").select_option(label="Chủ tịch Hội đồng")
    page.get_by_label("Thành viên 2: họ và tên").fill("Vũ Hội Viên")
    page.get_by_role("button", name="Lưu Hội đồng").click()
    expect(page.locator(".errorlist, .msg-error").first).to_contain_text("Hội đồng sáng kiến cần ít nhất 3 thành viên.")
    page.get_by_label("Thành viên 3: họ và tên").fill("Hà Thị Thư")
    page.get_by_label("Thành viên 3: chức danh trong Hội đồng").select_option(label="Ủy viên kiêm Thư ký")
    page.get_by_label("Thành viên 2: tài khoản chấm điểm").select_option(label="council (council)")
    shot(page, "1-council")
    page.get_by_role("button", name="Lưu Hội đồng").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu Hội đồng sáng kiến Phường Phú Lương năm")
    c = Council.objects.get()
    assert [(m.full_name, m.role, m.user_id) for m in c.members.all()] == [
        ("Đỗ Văn Chủ", "chair", None), ("Vũ Hội Viên", "member", live_world.users["council"].pk), ("Hà Thị Thư", "secretary", None)]

    page.goto("/sang-kien/")
    page.get_by_role("link", name="Chỉ tiêu sáng kiến").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chỉ tiêu sáng kiến — Phường Phú Lương")
    office = page.locator("#targets tbody tr", has_text="Văn phòng HĐND và UBND phường Phú Lương")
    expect(office).to_contain_text("20,0%")          # 2 of 10 people
    expect(office.locator(".badge-ok")).to_have_count(2)
    school = page.locator("#targets tbody tr", has_text="Trường THCS Phú Lương")
    expect(school.locator(".badge-late")).to_have_text("0,0%")
    expect(page.locator("#total")).to_contain_text("18,2%")  # 2 of 11
    shot(page, "2-targets")
