"""The unit tree: lazy loading with htmx, folding, dissolved units, opening a unit."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def node(page, name):
    """The <li> of the tree whose own row names this unit."""
    exact = re.compile(rf"^\s*{re.escape(name)}\s*$")
    return page.locator("#unit-tree li").filter(has=page.locator(":scope > .node a.name", has_text=exact))


def test_unit_tree_opens_folds_and_shows_dissolved_units(page, login, live_world, shot):
    login("specialist")
    page.get_by_role("link", name="Cây đơn vị").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cây đơn vị")

    # The city root comes open one level: its wards are visible at once.
    city = node(page, "Thành phố Hà Nội")
    expect(city.locator(":scope > .node .toggle")).to_have_attribute("aria-expanded", "true")
    expect(node(page, "Phường Phú Lương")).to_be_visible()
    expect(node(page, "Phường Yên Nghĩa")).to_be_visible()
    # Dissolved units stay out of sight until asked for.
    expect(page.locator("#unit-tree")).not_to_contain_text("Quận Hà Đông")
    school = page.locator("#unit-tree a.name", has_text=re.compile("^Trường THCS Phú Lương$"))
    expect(school).to_have_count(0)
    shot(page, "1-root-open")

    ward = node(page, "Phường Phú Lương")
    toggle = ward.locator(":scope > .node .toggle")
    expect(toggle).to_have_text("+")
    with page.expect_response(re.compile(rf"/don-vi/{live_world.ward_a.pk}/cay/")):
        toggle.click()
    expect(school).to_be_visible()
    expect(page.locator("#unit-tree a.name", has_text="Văn phòng HĐND và UBND phường Phú Lương")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_have_text("−")
    shot(page, "2-ward-open")

    toggle.click()
    expect(school).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_text("+")
    shot(page, "3-ward-folded")

    toggle.click()
    expect(school).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    # Still one copy of the children: unfolding does not fetch and append again.
    expect(school).to_have_count(1)

    page.get_by_label("Hiện cả đơn vị đã sáp nhập, giải thể").check()
    expect(page).to_have_url(re.compile(r"[?&]all=1"))
    district = node(page, "Quận Hà Đông")
    expect(district).to_be_visible()
    expect(district.locator(":scope > .node")).to_have_class(re.compile("closed"))
    expect(district.locator(":scope > .node .badge-closed")).to_have_text("Đến 30/06/2025")
    expect(page.get_by_label("Hiện cả đơn vị đã sáp nhập, giải thể")).to_be_checked()
    shot(page, "4-show-dissolved")

    # Children loaded in this mode include dissolved ones: Phú Lãm under Hà Đông.
    district.locator(":scope > .node .toggle").click()
    lam = node(page, "Phường Phú Lãm")
    expect(lam).to_be_visible()
    expect(lam.locator(":scope > .node .badge-closed")).to_contain_text("→ Phường Phú Lương")

    node(page, "Phường Phú Lương").locator(":scope > .node a.name").click()
    expect(page).to_have_url(re.compile(rf"/don-vi/{live_world.ward_a.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Phú Lương")
    expect(page.locator(".pagehead .badge-ok")).to_have_text("Đang hoạt động")
    expect(page.locator(".tabs")).to_contain_text("Đơn vị trực thuộc (2)")
    shot(page, "5-unit-page")
