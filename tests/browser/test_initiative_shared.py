"""An initiative shared with another ward's person: the ward officer sees that co-author by name only,
cannot change the facts that count for them, and adds a colleague of their own."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from initiatives.models import Initiative

pytestmark = pytest.mark.browser


def test_officer_adds_a_colleague_to_an_initiative_shared_with_another_ward(page, login, live_world, shot):
    i = Initiative.objects.create(code="SK-01", title="Một cửa liên thông", recognized_on=date(2025, 11, 20), scope="co_so")
    i.authors.set([live_world.thinh, live_world.person_b])
    login("officer_a")
    page.goto(f"/sang-kien/{i.pk}/")
    facts = page.locator("dl.facts")
    expect(facts.get_by_role("link", name="Nguyễn Thị Thịnh")).to_be_visible()
    expect(facts).to_contain_text("Phạm Minh Đức (đơn vị khác)")
    expect(facts.get_by_role("link", name="Phạm Minh Đức")).to_have_count(0)
    shot(page, "1-detail")

    page.get_by_role("link", name="Sửa").click()
    expect(page.get_by_role("note")).to_contain_text("Phạm Minh Đức")
    authors = page.get_by_label(re.compile("^Tác giả thuộc đơn vị bạn quản lý"))
    expect(authors).to_have_value("CB0001")
    expect(page.get_by_label("Tên sáng kiến")).to_be_disabled()
    expect(page.get_by_label("Phạm vi ảnh hưởng")).to_be_disabled()
    authors.fill("CB0001; CB0002")
    shot(page, "2-form")
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator(".messages")).to_contain_text("Đã lưu sáng kiến SK-01.")
    expect(facts.get_by_role("link", name="Trần Văn An")).to_be_visible()
    expect(facts).to_contain_text("Phạm Minh Đức (đơn vị khác)")
    shot(page, "3-saved")
    assert set(i.authors.values_list("code", flat=True)) == {"CB0001", "CB0002", "CB0101"}
    i.refresh_from_db()
    assert (i.title, i.scope) == ("Một cửa liên thông", "co_so")
