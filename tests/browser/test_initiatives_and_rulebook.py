"""Initiatives (sáng kiến) and the rulebook: recording an initiative and finding it again,
reading the catalogue, the bonus calculator and the province's parameters, editing a parameter."""

import re

import pytest
from playwright.sync_api import expect

from initiatives.models import Initiative
from rulebook.models import Parameter

pytestmark = pytest.mark.browser

TITLE = "Số hóa hồ sơ thi đua, khen thưởng của phường"


def test_officer_records_an_initiative_and_finds_it_without_diacritics(page, login, live_world, shot):
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Sáng kiến").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sáng kiến")
    expect(page.locator("table.list tbody")).to_contain_text("Chưa có sáng kiến nào.")
    page.get_by_role("link", name="+ Ghi nhận sáng kiến").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ghi nhận sáng kiến được công nhận")
    page.get_by_label("Mã sáng kiến").fill("SK-2025-01")
    page.get_by_label("Tên sáng kiến").fill(TITLE)
    page.get_by_label("Tác giả").fill("CB0001; CB0002")
    page.get_by_label("Ngày công nhận").fill("20/12/2025")
    page.get_by_label("Phạm vi ảnh hưởng").select_option(label="Phạm vi cơ sở")
    page.get_by_label("Số quyết định công nhận").fill("88/QĐ-UBND")
    page.get_by_label("Cơ quan, người công nhận").fill("Chủ tịch UBND phường Phú Lương")
    shot(page, "1-form")
    page.get_by_role("button", name="Lưu").click()

    initiative = Initiative.objects.get()
    expect(page).to_have_url(re.compile(rf"/sang-kien/{initiative.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("Đã lưu sáng kiến SK-2025-01.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("SK-2025-01")
    expect(facts).to_contain_text("Phạm vi cơ sở")
    expect(facts).to_contain_text("20/12/2025")
    expect(facts).to_contain_text("88/QĐ-UBND")
    expect(facts.get_by_role("link", name="Nguyễn Thị Thịnh")).to_be_visible()
    expect(facts.get_by_role("link", name="Trần Văn An")).to_be_visible()
    expect(facts).to_contain_text("Chưa dùng để khen thưởng")
    shot(page, "2-detail")

    page.locator(".crumbs").get_by_role("link", name="Sáng kiến").click()
    search = page.get_by_label("Tìm sáng kiến")
    search.fill("so hoa ho so thi dua")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"q=so\+hoa\+ho\+so\+thi\+dua"))
    expect(search).to_have_value("so hoa ho so thi dua")
    row = page.locator("table.list tbody tr").filter(has_text="SK-2025-01")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(TITLE)
    # Authors are listed in Vietnamese name order (given name first): An before Thịnh.
    expect(row.locator("td").nth(2)).to_have_text("Trần Văn An, Nguyễn Thị Thịnh")
    expect(row).to_contain_text("chưa dùng")
    shot(page, "3-search")

    search.fill("khong co sang kien nay")
    search.press("Enter")
    expect(page.locator("table.list tbody")).to_contain_text("Chưa có sáng kiến nào.")


def test_council_reads_the_catalogue_bonus_and_parameters(page, login, shot):
    login("council")
    page.locator(".sidebar").get_by_role("link", name="Quy định, mức thưởng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quy định thi đua, khen thưởng")
    expect(page.locator(".tabs a.active")).to_have_text("Danh hiệu, hình thức")
    card = page.locator(".award-card").filter(has=page.get_by_role("heading", name=re.compile("^Chiến sĩ thi đua cơ sở")))
    expect(card).to_have_count(1)
    expect(card.get_by_role("heading", level=2)).to_contain_text("CSTDCS")
    criteria = card.locator("ol li")
    expect(criteria.first).to_contain_text("Đạt tiêu chuẩn danh hiệu Lao động tiên tiến")
    expect(card).to_contain_text("Tiêu chuẩn")
    expect(card).to_contain_text("Thẩm quyền quyết định")
    shot(page, "1-catalogue")

    page.locator(".tabs").get_by_role("link", name="Mức tiền thưởng").click()
    expect(page.locator(".tabs a.active")).to_have_text("Mức tiền thưởng")
    # Rule sets by their names, not their codes.
    expect(page.locator("table.list thead").first).to_contain_text("NĐ 98/2023/NĐ-CP")
    expect(page.locator("table.list thead").first).not_to_contain_text("ND98_2023")
    calculator = page.locator(".card").filter(has=page.get_by_role("heading", name="Tính tiền thưởng"))
    calculator.get_by_label("Danh hiệu, hình thức").select_option(label="Lao động tiên tiến")
    calculator.get_by_label("Đối tượng").select_option(label="Cá nhân")
    calculator.get_by_label("Ngày quyết định").fill("15/07/2026")
    calculator.get_by_role("button", name="Tính").click()
    result = page.locator("#bonus-result")
    expect(result).to_contain_text("760.000 đ")
    expect(result).to_contain_text("Bảy trăm sáu mươi nghìn đồng")
    # The calculator keeps what was asked.
    expect(calculator.get_by_label("Ngày quyết định")).to_have_value("15/07/2026")
    # The council may read but not edit.
    expect(page.get_by_role("link", name="+ Thêm mức mới")).to_have_count(0)
    shot(page, "2-money")

    page.locator(".tabs").get_by_role("link", name="Tham số của tỉnh").click()
    expect(page.locator(".tabs a.active")).to_have_text("Tham số của tỉnh")
    params = page.locator("table.list tbody tr")
    vote = params.filter(has_text="Cơ sở tính tỷ lệ của dòng mà người được đề nghị là thành viên Hội đồng")
    expect(vote.locator(".badge")).to_have_text("quy định chưa xác minh")
    # two periods: 10 months under the 2013 law, 6 months from 2024
    expect(params.filter(has_text="Số tháng công tác tối thiểu").locator(".badge")).to_have_text(["quy định đã xác minh", "quy định đã xác minh"])
    expect(page.get_by_role("link", name="Sửa", exact=True)).to_have_count(0)
    shot(page, "3-parameters")


def test_admin_edits_a_parameter_and_sees_it_in_the_history(page, login, shot):
    name = "Số ngày làm việc công khai danh sách trước khi họp Hội đồng"
    login("admin")
    page.locator(".sidebar").get_by_role("link", name="Quy định, mức thưởng").click()
    page.locator(".tabs").get_by_role("link", name="Tham số của tỉnh").click()
    row = page.locator("table.list tbody tr").filter(has_text=name)
    row.get_by_role("link", name="Sửa", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    value = page.get_by_label("Giá trị (JSON)")
    expect(value).to_have_value("10")
    expect(page.locator(".field").filter(has=value)).to_contain_text("Giá trị hợp lệ: số nguyên từ 0 đến 60 ngày làm việc.")
    # A value outside the parameter's schema is refused at the field.
    value.fill("900")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field.has-error")).to_contain_text("900 nằm ngoài khoảng")
    shot(page, "0-refused")
    value = page.get_by_label("Giá trị (JSON)")
    value.fill("15")
    page.get_by_label("Mức xác minh").select_option(label="Chưa xác minh")
    page.get_by_label("Căn cứ pháp lý").fill("Quy chế thi đua, khen thưởng của Thành phố")
    shot(page, "1-edit")
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator(".messages")).to_contain_text(f"Đã lưu tham số “{name}”.")
    expect(page.locator(".tabs a.active")).to_have_text("Tham số của tỉnh")
    row = page.locator("table.list tbody tr").filter(has_text=name)
    expect(row.locator("td").nth(1)).to_have_text("15")
    expect(row.locator(".badge")).to_have_text("quy định chưa xác minh")
    shot(page, "2-parameters")

    page.locator(".tabs").get_by_role("link", name="Lịch sử sửa đổi").click()
    entry = page.locator(".timeline li").first
    expect(entry).to_contain_text(name)
    expect(entry).to_contain_text("admin")
    changes = entry.locator("table.changes tr")
    value_change = changes.filter(has_text="Giá trị")
    expect(value_change.locator(".old")).to_have_text("10")
    expect(value_change.locator(".new")).to_have_text("15")
    expect(changes.filter(has_text="Mức xác minh").locator(".new")).to_have_text("Chưa xác minh")
    shot(page, "3-history")
    assert Parameter.objects.get(key="disclosure_days").value == 15
