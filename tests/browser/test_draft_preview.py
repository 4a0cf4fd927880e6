"""A ward officer previews the December 2025 draft law from the eligibility page: who in the ward would lose or
gain which title in 2025, with the reasons under the draft and under the rules in force, filtered by award."""

import re

import pytest
from playwright.sync_api import expect

from core.years import review_year

from tdkt.testing.previews import rate_for_preview

pytestmark = pytest.mark.browser


def test_officer_previews_the_draft_and_reads_who_loses_what_and_why(page, login, live_world, shot):
    rate_for_preview(live_world, extra=3)
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Xét điều kiện khen thưởng").click()
    # The page opens on the year under review (2026 in December 2026); the ratings here are of 2025.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Xét điều kiện khen thưởng năm {review_year()}")
    page.get_by_label("Năm thành tích").select_option("2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xét điều kiện khen thưởng năm 2025")
    page.get_by_label("Xem trước theo dự thảo:").select_option(value="DU_THAO_BNV_12_2025")
    page.get_by_role("button", name="Xem ai được thêm, ai mất danh hiệu").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Xem trước theo dự thảo: năm 2025")
    expect(page.locator("#draft-warning")).to_contain_text("dự thảo, chưa có hiệu lực")
    expect(page.locator("#draft-warning")).to_contain_text("Lao động tiên tiến")
    expect(page.locator("#preview-totals .stat").first).to_contain_text("5")
    rows = page.locator("#preview-changes tbody tr")
    expect(rows).to_have_count(5)
    thinh = rows.filter(has_text="Nguyễn Thị Thịnh")
    expect(thinh.locator(".badge")).to_have_text("Mất")
    expect(thinh.locator("td").nth(3)).to_contain_text("Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025")
    expect(thinh.locator("td").nth(4)).to_contain_text("Năm 2025 được xếp loại hoàn thành xuất sắc nhiệm vụ")
    an = rows.filter(has_text="Trần Văn An")
    expect(an.locator("td").nth(3)).to_contain_text("chưa đạt hoàn thành xuất sắc nhiệm vụ trở lên")
    expect(an.locator("td").nth(4)).to_contain_text("SK-2025-A")
    expect(page.locator("#preview-by-unit")).to_contain_text("Văn phòng HĐND và UBND phường Phú Lương")
    shot(page, "1-losses")

    page.get_by_label("Danh hiệu, hình thức").select_option(label="Tập thể lao động tiên tiến")
    expect(page).to_have_url(re.compile(r"award=TTLDTT"))
    expect(page.locator("#preview-changes")).to_contain_text("Không có thay đổi nào.")
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Chiến sĩ thi đua cơ sở")
    expect(page).to_have_url(re.compile(r"award=CSTDCS"))
    expect(rows).to_have_count(5)
    expect(page.get_by_role("link", name="Xuất Excel")).to_have_attribute("href", re.compile(r"award=CSTDCS"))
    shot(page, "2-cstdcs")

    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    assert download.value.suggested_filename == "du-thao-du_thao_bnv_12_2025-HN-PLU-2025.xlsx"
