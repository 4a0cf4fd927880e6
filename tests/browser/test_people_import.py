"""Excel import from the browser: a bad file writes nothing and lists every error; a good one imports."""

import re
from datetime import date

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from org.models import Person

pytestmark = pytest.mark.browser

HEADER = ["Mã cán bộ", "Họ và tên", "Mã đơn vị", "Ngày sinh", "Giới tính", "Chức vụ"]
GOOD_ROW = ["CB0600", "Hoàng Văn Bình", "HN-PLU-VP", "15/03/1985", "Nam", "Công chức Tư pháp - Hộ tịch"]


def xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "people"
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def error_row(page, row, column):
    return page.locator("#import-errors tbody tr").filter(
        has=page.locator("td:nth-child(1)", has_text=re.compile(rf"^{row}$"))
    ).filter(has=page.locator("td:nth-child(2)", has_text=column))


def test_bad_file_lists_errors_and_writes_nothing_then_fixed_file_imports(page, login, tmp_path, shot):
    login("officer_a")
    page.get_by_role("link", name="Nhập danh sách từ Excel").first.click()
    expect(page).to_have_url(re.compile(r"/can-bo/nhap-excel/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập danh sách cán bộ từ Excel")
    shot(page, "1-import-page")

    bad = xlsx(tmp_path / "danh-sach-loi.xlsx", [
        GOOD_ROW,
        ["CB0601", "Đặng Văn Cường", "HN-KHONG-CO", "31/02/1990", "Nam", "Giáo viên"],
    ])
    page.set_input_files("input[name=file]", bad)
    page.get_by_role("button", name="Kiểm tra và nhập").click()

    errors = page.locator("#import-errors")
    expect(errors).to_be_visible()
    expect(errors.get_by_role("heading")).to_have_text("Tệp chưa được nhập: 2 lỗi")
    expect(errors.locator("thead")).to_contain_text("Dòng")
    expect(errors.locator("thead")).to_contain_text("Cột")
    expect(error_row(page, 3, "Mã đơn vị")).to_contain_text("không có đơn vị mã “HN-KHONG-CO”")
    expect(error_row(page, 3, "Ngày sinh")).to_contain_text("ngày “31/02/1990” không hợp lệ")
    # The good row (row 2) is not blamed.
    expect(page.locator("#import-errors tbody td:nth-child(1)", has_text=re.compile("^2$"))).to_have_count(0)
    expect(page.locator("#import-result")).to_have_count(0)
    shot(page, "2-errors")

    # All or nothing: the good row was not written either.
    assert not Person.objects.filter(code__in=["CB0600", "CB0601"]).exists()
    page.goto("/can-bo/?q=hoang+van+binh")
    expect(page.locator("#people-results")).to_contain_text("Không có cán bộ nào khớp")

    page.goto("/can-bo/nhap-excel/")
    fixed = xlsx(tmp_path / "danh-sach-da-sua.xlsx", [
        GOOD_ROW,
        ["CB0601", "Đặng Văn Cường", "HN-PLU-THCS", "28/02/1990", "Nam", "Giáo viên"],
    ])
    page.set_input_files("input[name=file]", fixed)
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page.locator("#import-result")).to_contain_text(
        "Đã nhập 2 dòng: 2 người mới, 0 người cập nhật thông tin, 0 người chuyển đơn vị, 0 người không thay đổi.")
    expect(page.locator("#import-errors")).to_have_count(0)
    shot(page, "3-imported")

    binh = Person.objects.get(code="CB0600")
    assert (binh.full_name, binh.unit.code, binh.birth_date) == ("Hoàng Văn Bình", "HN-PLU-VP", date(1985, 3, 15))
    assert Person.objects.get(code="CB0601").birth_date == date(1990, 2, 28)

    page.get_by_role("link", name="Xem danh sách cán bộ →").click()
    people = page.locator("#people-results")
    expect(people).to_contain_text("Hoàng Văn Bình")
    expect(people).to_contain_text("Đặng Văn Cường")
    expect(people.locator("tbody tr")).to_have_count(5)
