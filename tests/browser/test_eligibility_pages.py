"""Eligibility review and the records behind it: who qualifies for an award and why,
the yearly ratings of a unit, and a person's past awards."""

import re

import pytest
from playwright.sync_api import expect

from core.years import review_year

from decisions.models import Award
from records.models import Rating

pytestmark = pytest.mark.browser


def test_officer_reviews_eligibility_and_opens_a_persons_path(page, login, live_world, shot):
    Rating.objects.create(person=live_world.thinh, year=2025, level="HTXSNV")
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Xét điều kiện khen thưởng").click()
    # The page opens on the year under review (2026 in December 2026); the ratings here are of 2025.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Xét điều kiện khen thưởng năm {review_year()}")
    page.get_by_label("Năm thành tích").select_option("2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xét điều kiện khen thưởng năm 2025")
    shot(page, "1-matrix")

    page.get_by_label("Năm thành tích").select_option("2025")
    expect(page).to_have_url(re.compile(r"year=2025"))
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Chiến sĩ thi đua cơ sở")
    expect(page).to_have_url(re.compile(r"award=CSTDCS"))
    expect(page.get_by_label("Danh hiệu, hình thức")).to_have_value("CSTDCS")
    expect(page.get_by_label("Năm thành tích")).to_have_value("2025")

    rows = page.locator("table.eligibility tbody tr")
    thinh = rows.filter(has_text="Nguyễn Thị Thịnh")
    expect(thinh.locator(".badge")).to_have_text("Đủ điều kiện")
    expect(thinh.locator("ul.unmet li")).to_have_count(0)
    an = rows.filter(has_text="Trần Văn An")
    expect(an.locator(".badge")).to_have_text("Chưa đủ")
    expect(an.locator("ul.unmet li").first).to_be_visible()
    expect(an.locator("ul.unmet")).to_contain_text("Chưa có kết quả đánh giá, xếp loại năm 2025")
    # The eligible come first.
    expect(rows.first).to_contain_text("Nguyễn Thị Thịnh")
    expect(page.get_by_text(re.compile(r"^1 / 3 đủ điều kiện"))).to_be_visible()
    shot(page, "2-cstdcs")

    thinh.get_by_role("link", name="Nguyễn Thị Thịnh").click()
    expect(page).to_have_url(re.compile(rf"/can-bo/{live_world.thinh.pk}/thanh-tich/\?year=2025$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Thị Thịnh — thành tích và lộ trình")
    history = page.locator(".card").filter(has=page.get_by_role("heading", name="Quá trình thành tích theo năm"))
    year_row = history.locator("tbody tr").filter(has_text="2025")
    expect(year_row).to_have_count(1)
    expect(year_row.locator(".rating")).to_have_text("HTXSNV")
    path = page.locator(".card").filter(has=page.get_by_role("heading", name="Lộ trình năm 2025: đủ điều kiện gì, còn thiếu gì"))
    cstdcs = path.locator(".path-item").filter(has=page.get_by_role("heading", name=re.compile("^Đủ điều kiện Chiến sĩ thi đua cơ sở")))
    expect(cstdcs).to_have_count(1)
    expect(cstdcs).to_have_class(re.compile(r"\bok\b"))
    ldtt = path.locator(".path-item").filter(has=page.get_by_role("heading", name=re.compile("Lao động tiên tiến$")))
    expect(ldtt.locator(".badge")).to_have_text("Đủ điều kiện")
    expect(path.locator(".path-item.missing").first).to_be_visible()
    shot(page, "3-person-path")


def test_officer_sets_a_rating_for_the_office(page, login, live_world, shot):
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Xếp loại hằng năm").click()
    page.get_by_label("Đơn vị").select_option(label="Văn phòng HĐND và UBND phường Phú Lương")
    expect(page).to_have_url(re.compile(rf"unit={live_world.office_a.pk}"))
    page.get_by_label(re.compile(r"^Năm")).select_option("2025")
    expect(page).to_have_url(re.compile(r"year=2025"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đánh giá, xếp loại năm 2025")
    expect(page.get_by_role("heading", name=re.compile("Văn phòng HĐND và UBND phường Phú Lương"))).to_contain_text("2 người")

    summary = page.locator(".card").filter(has=page.get_by_role("heading", name="Tổng hợp"))
    excellent = summary.locator("dt:text-is('Hoàn thành xuất sắc nhiệm vụ') + dd")
    expect(excellent).to_have_text("0")
    choice = page.get_by_label("Xếp loại của Nguyễn Thị Thịnh")
    expect(choice).to_have_value("")
    shot(page, "1-before")

    choice.select_option(label="Hoàn thành xuất sắc nhiệm vụ")
    page.get_by_role("button", name="Lưu xếp loại").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu xếp loại năm 2025: 1 thay đổi.")
    expect(excellent).to_have_text("1")
    expect(page.get_by_label("Xếp loại của Nguyễn Thị Thịnh")).to_have_value("HTXSNV")
    expect(page.get_by_label("Xếp loại của Trần Văn An")).to_have_value("")
    shot(page, "2-saved")
    assert Rating.objects.get(person=live_world.thinh, year=2025).level == "HTXSNV"


def test_officer_records_a_past_award_once(page, login, live_world, shot):
    login("officer_a")
    page.goto(f"/can-bo/{live_world.thinh.pk}/thanh-tich/")
    page.get_by_role("link", name="Ghi xếp loại, khen thưởng, kỷ luật").click()
    expect(page).to_have_url(re.compile(rf"/can-bo/{live_world.thinh.pk}/ghi-nhan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghi nhận xếp loại, khen thưởng, kỷ luật — Nguyễn Thị Thịnh")
    awards = page.locator(".card").filter(has=page.get_by_role("heading", name="Khen thưởng đã nhận"))
    expect(awards.locator("tbody")).to_contain_text("Chưa có khen thưởng nào.")
    form = page.locator(".card").filter(has=page.get_by_role("heading", name="Thêm khen thưởng đã có"))

    def fill():
        form.get_by_label("Danh hiệu, hình thức").select_option(label="Lao động tiên tiến")
        form.get_by_label("Năm thành tích").fill("2024")
        form.get_by_label("Số quyết định").fill("125/QĐ-UBND")
        form.get_by_label("Ngày quyết định").fill("15/01/2025")

    fill()
    shot(page, "1-form")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận Lao động tiên tiến năm 2024.")
    row = awards.locator("tbody tr").filter(has_text="Lao động tiên tiến")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("2024")
    expect(row).to_contain_text("125/QĐ-UBND")
    expect(row).to_contain_text("ngày 15/01/2025")
    shot(page, "2-listed")

    fill()
    form.get_by_role("button", name="Ghi nhận").click()
    year = form.locator(".field").filter(has=page.get_by_label("Năm thành tích"))
    expect(year).to_have_class(re.compile("has-error"))
    expect(year).to_contain_text("mỗi thành tích chỉ khen thưởng một lần")
    expect(awards.locator("tbody tr").filter(has_text="Lao động tiên tiến")).to_have_count(1)
    shot(page, "3-duplicate")
    assert Award.objects.filter(person=live_world.thinh, award_type__code="LDTT", year=2024).count() == 1


def test_specialist_picks_a_ward_and_reads_the_reasons(page, login, live_world, shot):
    for p in (live_world.thinh, live_world.person_b):
        Rating.objects.create(person=p, year=2025, level="HTXSNV")
    login("specialist")
    page.goto("/xet-khen-thuong/?year=2025")
    # The unit picker: type part of a ward's name, choose it.
    page.get_by_label("Tìm đơn vị để xét").fill("phu luong")
    page.locator("#unit-choices").get_by_role("link", name="Phường Phú Lương", exact=True).click()
    expect(page).to_have_url(re.compile(rf"unit={live_world.ward_a.pk}"))
    expect(page).to_have_url(re.compile(r"year=2025"))
    expect(page.get_by_text("Đang xem:")).to_contain_text("Phường Phú Lương")
    people = page.locator(".card").filter(has=page.get_by_role("heading", name=re.compile("^Cá nhân")))
    # Columns named by the award, reasons written in the cells.
    expect(people.locator("thead")).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(people.locator("thead")).not_to_contain_text("CSTDCS")
    an = people.locator("tbody tr").filter(has_text="Trần Văn An")
    expect(an.locator("ul.unmet").first).to_contain_text("Chưa có kết quả đánh giá, xếp loại năm 2025")
    expect(people.locator("tbody")).not_to_contain_text("Phạm Minh Đức")  # ward B's
    shot(page, "ward-matrix")
    href = page.get_by_role("link", name="Xuất Excel").get_attribute("href")
    assert f"unit={live_world.ward_a.pk}" in href and "year=2025" in href and "??" not in href
