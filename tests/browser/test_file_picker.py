"""File inputs speak Vietnamese (issue 7, item 8): a "Chọn tệp" button and "Chưa chọn tệp nào", then
the chosen file's name — not the browser's own "Choose File / No file chosen"."""

import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_people_import_page_has_a_vietnamese_file_picker(page, login, tmp_path, shot):
    login("officer_a")
    page.goto("/can-bo/nhap-excel/")
    picker = page.locator(".filepicker").first
    expect(picker.locator(".filepicker-button")).to_have_text("Chọn tệp")
    expect(picker.locator(".filepicker-name")).to_have_text("Chưa chọn tệp nào")
    # The browser's own input (with its own-language button) is out of sight but still there.
    box = picker.locator("input[type=file]").bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    shot(page, "1-empty")

    path = tmp_path / "danh-sach-can-bo.xlsx"
    Workbook().save(path)
    with page.expect_file_chooser() as chooser:
        picker.locator(".filepicker-button").click()  # the Vietnamese button opens the picker
    chooser.value.set_files(path)
    expect(picker.locator(".filepicker-name")).to_have_text("danh-sach-can-bo.xlsx")
    shot(page, "2-chosen")


def test_every_upload_page_uses_it(page, login, live_world):
    login("specialist")
    for url in ["/can-bo/nhap-excel/", "/xep-loai/"]:
        page.goto(url)
        inputs = page.locator("input[type=file]")
        expect(inputs.first).to_be_attached()
        for i in range(inputs.count()):
            expect(inputs.nth(i)).to_have_class(re.compile(r"\bfilepicker-input\b"))
