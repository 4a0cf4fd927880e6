"""Screens a clerk lives in: the people list's unit filter and pager, the person's
year-by-year history at full width, the import page's unit codes for a city user."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_people_list_filters_by_unit_and_pages(page, login, shot, live_world):
    from org.models import Person

    Person.objects.bulk_create([Person(code=f"CBP{i:04d}", full_name=f"Vũ Văn P{i:04d}", unit=live_world.school_a, sort_key=f"p{i:04d}")
                                for i in range(120)])
    login("officer_a")
    page.goto("/can-bo/")
    page.select_option("select[name=unit]", str(live_world.school_a.pk))  # submits on change
    expect(page.get_by_role("heading", level=1)).to_have_text("Cán bộ — Trường THCS Phú Lương")
    expect(page.locator(".pager")).to_contain_text("Trang 1 / 3 · 121 kết quả")
    expect(page.locator("#people-results")).not_to_contain_text("Nguyễn Thị Thịnh")
    shot(page, "people-list")
    page.locator(".pager").get_by_role("link", name="Cuối »").click()
    expect(page.locator(".pager [aria-current=page]")).to_have_text("3")
    expect(page).to_have_url(re.compile(rf"unit={live_world.school_a.pk}.*page=3"))
    # Typing a name searches within the chosen unit.
    page.get_by_label("Tìm cán bộ").press_sequentially("p0007", delay=20)
    expect(page.locator("#people-results tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(rf"q=p0007.*unit={live_world.school_a.pk}|unit={live_world.school_a.pk}.*q=p0007"))


def test_person_history_is_readable_beside_the_path(page, login, shot, live_world):
    from records.models import Rating

    for year in range(2016, 2026):
        Rating.objects.create(person=live_world.thinh, year=year, level="HTTNV")
    login("officer_a")
    page.goto(f"/can-bo/{live_world.thinh.pk}/thanh-tich/")
    history = page.get_by_role("heading", name="Quá trình thành tích theo năm").locator("..")
    expect(history).to_contain_text("2025")
    assert history.bounding_box()["width"] > 450  # was a 300 px column
    shot(page, "person-achievements")
    page.goto(f"/can-bo/{live_world.thinh.pk}/")
    shot(page, "person")


def test_city_import_page_lists_unit_codes_through_a_search(page, login, shot, live_world):
    from org.models import Unit

    for i in range(60):
        Unit.objects.add_child(Unit.objects.get(pk=live_world.ward_b.pk),
                               instance=Unit(code=f"HN-YN-TDP{i:02d}", name=f"Tổ dân phố số {i}", kind="residential_group"))
    login("specialist")
    page.goto("/can-bo/nhap-excel/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 1600, height  # was every unit of the city, one row each
    page.get_by_label("Tìm mã đơn vị").fill("thcs phu luong")
    expect(page.locator("#import-units")).to_contain_text("HN-PLU-THCS")
    expect(page.locator("#import-units")).not_to_contain_text("Tổ dân phố")
    shot(page, "import-page")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải danh sách mã đơn vị (.xlsx)").click()
    assert download.value.suggested_filename == "ma-don-vi.xlsx"
