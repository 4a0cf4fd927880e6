"""Searching without diacritics: the top search box, the people list's live search, units."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_top_search_without_diacritics_finds_person(page, login, live_world, shot):
    login("specialist")
    box = page.locator(".topsearch input[name=q]")
    box.fill("nguyen thi thinh")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=nguyen\+thi\+thinh$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tìm kiếm")
    people = page.locator(".searchgroup").filter(has_text="Cán bộ")
    expect(people.get_by_role("link", name="Nguyễn Thị Thịnh")).to_be_visible()
    expect(people.locator("tbody tr")).to_have_count(1)
    expect(people.locator("h2 .badge")).to_have_text("1")
    shot(page, "1-search-results")

    people.get_by_role("link", name="Nguyễn Thị Thịnh").click()
    expect(page).to_have_url(re.compile(rf"/can-bo/{live_world.thinh.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Thị Thịnh")


def test_people_live_search_updates_table_without_reload(page, login, shot):
    login("specialist")
    page.get_by_role("link", name="Cán bộ", exact=True).click()
    expect(page).to_have_url(re.compile(r"/can-bo/$"))
    rows = page.locator("#people-results tbody tr")
    expect(rows).to_have_count(4)
    shot(page, "1-all-people")

    # A marker on window survives only if the page is not reloaded.
    page.evaluate("window.__noReload = 'still here'")
    search = page.get_by_label("Tìm cán bộ")

    with page.expect_response(re.compile(r"/can-bo/\?q=thinh")):
        search.press_sequentially("thinh", delay=20)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Nguyễn Thị Thịnh")
    expect(page).to_have_url(re.compile(r"/can-bo/\?q=thinh$"))  # hx-push-url
    assert page.evaluate("window.__noReload") == "still here"
    shot(page, "2-live-thinh")

    with page.expect_response(re.compile(r"/can-bo/\?q=phu(\+|%20)lam")):
        search.fill("phu lam")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_text(re.compile("Không có cán bộ nào khớp “phu lam”"))
    assert page.evaluate("window.__noReload") == "still here"
    shot(page, "3-live-phu-lam")

    # "an" folds to match Trần Văn An and Lê Thị Ánh (Ánh → anh), not the others.
    with page.expect_response(re.compile(r"/can-bo/\?q=an$")):
        search.fill("an")
    expect(rows).not_to_have_count(4)
    expect(page.locator("#people-results")).to_contain_text("Trần Văn An")
    assert page.evaluate("window.__noReload") == "still here"


def test_search_phu_lam_finds_dissolved_ward(page, login, shot):
    login("specialist")
    page.goto("/tim-kiem/")
    page.evaluate("window.__noReload = 1")
    page.get_by_label("Từ khóa").fill("phu lam")
    units = page.locator(".searchgroup").filter(has_text="Đơn vị")
    expect(units.get_by_role("link", name="Phường Phú Lãm")).to_be_visible()
    expect(units.locator("li").filter(has_text="Phường Phú Lãm").locator(".badge-closed")).to_have_text("đến 30/06/2025")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=phu(\+|%20)lam$"))
    assert page.evaluate("window.__noReload") == 1
    shot(page, "1-search-phu-lam")

    # The unit tree's own search finds it too.
    page.goto("/don-vi/?q=phu+lam")
    results = page.locator(".card").filter(has_text="Kết quả tìm “phu lam”")
    expect(results.get_by_role("link", name="Phường Phú Lãm")).to_be_visible()
    shot(page, "2-tree-search-phu-lam")
