"""A hostile file from the browser: the 1 GiB cell is refused at the file field in
about a second, in Vietnamese, and nothing is written."""

import re
import time

import pytest
from playwright.sync_api import expect

from org.models import Person
from tdkt.testing import hostile_files

pytestmark = pytest.mark.browser


def test_a_one_gib_cell_is_refused_at_the_file_field(page, login, tmp_path, shot):
    login("officer_a")
    page.goto("/can-bo/nhap-excel/")
    bomb = tmp_path / "danh-sach.xlsx"
    bomb.write_bytes(hostile_files.one_gib_cell(unit_code="HN-PLU-VP"))
    before = Person.objects.count()
    page.set_input_files("input[name=file]", str(bomb))
    started = time.perf_counter()
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    field = page.locator("form").filter(has=page.locator("input[name=file]"))
    expect(field).to_contain_text(re.compile(r"Tệp Excel giải nén ra 1\.075 MB, vượt giới hạn 100 MB"))
    assert time.perf_counter() - started < 5
    assert Person.objects.count() == before
    shot(page, "refused")
