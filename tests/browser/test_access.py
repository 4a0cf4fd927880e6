"""Scope: an officer of a sibling ward cannot see another ward's people."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_officer_of_other_ward_gets_404_for_thinh(page, login, live_world, shot):
    login("officer_b")
    response = page.goto(f"/can-bo/{live_world.thinh.pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Nguyễn Thị Thịnh")
    expect(page.locator("body")).not_to_contain_text("01/02/1980")
    shot(page, "1-404")

    for path in (f"/can-bo/{live_world.thinh.pk}/sua/", f"/can-bo/{live_world.thinh.pk}/chuyen-don-vi/"):
        assert page.goto(path).status == 404

    # Nor does search reveal her.
    page.goto("/tim-kiem/?q=nguyen+thi+thinh")
    expect(page.locator(".searchgroup").first).to_contain_text("Không tìm thấy cán bộ nào.")
    # The people list of ward B's officer holds only ward B's person.
    page.goto("/can-bo/")
    expect(page.locator("#people-results tbody tr")).to_have_count(1)
    expect(page.locator("#people-results")).to_contain_text("Phạm Minh Đức")
    expect(page).to_have_url(re.compile(r"/can-bo/$"))
