"""The ratings file takes what a clerk types, and its messages say what was typed."""

import pytest
from openpyxl import Workbook

from records.models import Rating

from .helpers import template_of, upload

pytestmark = pytest.mark.django_db


def test_labels_are_taken_whatever_the_case_or_diacritics(as_user, world):
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.ward_a, 2025)
    ws.cell(row=rows["CB0001"], column=3).value = "Hoàn thành tốt nhiệm vụ"
    ws.cell(row=rows["CB0002"], column=3).value = "hoan thanh xuat sac nhiem vu"
    ws.cell(row=rows["CB0003"], column=3).value = "  HOÀN THÀNH NHIỆM VỤ "
    ws.cell(row=rows["HN-PLU-THCS"], column=3).value = "htxsnv"
    assert upload(client, world.ward_a, 2025, wb).status_code == 302
    assert dict(Rating.objects.filter(person__isnull=False).values_list("person__code", "level")) == {
        "CB0001": "HTTNV", "CB0002": "HTXSNV", "CB0003": "HTNV"}
    assert Rating.objects.get(unit=world.school_a).level == "HTXSNV"


def test_errors_echo_the_value_as_typed_and_never_name_another_wards_people(as_user, world):
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.ward_a, 2025)
    ws.cell(row=rows["CB0001"], column=3).value = "Giỏi lắm"
    last = ws.max_row
    ws.cell(row=last + 1, column=1).value = "CB9999"
    ws.cell(row=last + 1, column=3).value = "Hoàn thành nhiệm vụ"
    ws.cell(row=last + 2, column=1).value = "CB0101"  # Phạm Minh Đức, of Yên Nghĩa
    ws.cell(row=last + 2, column=3).value = "Hoàn thành nhiệm vụ"

    body = upload(client, world.ward_a, 2025, wb).content.decode()

    assert "Tệp chưa được nhập: 3 lỗi" in body
    assert "“Giỏi lắm” không phải xếp loại" in body and "GIỎI LẮM" not in body
    # A code that does not exist and another ward's person get the same words: nothing says whose CB0101 is.
    assert "không có cán bộ mã “CB9999” trong phạm vi của bạn" in body
    assert "không có cán bộ mã “CB0101” trong phạm vi của bạn" in body
    assert "Phạm Minh Đức" not in body and "Yên Nghĩa" not in body
    assert not Rating.objects.exists()


def test_the_sheet_and_its_guide_speak_vietnamese(as_user, world):
    wb, ws, rows = template_of(as_user("officer_a"), world.ward_a, 2025)
    assert wb.sheetnames == ["Xếp loại", "Hướng dẫn"]
    guide = [[c.value for c in row] for row in wb["Hướng dẫn"].iter_rows()]
    assert ["Cột", "Tên trường dữ liệu", "Bắt buộc", "Cách nhập"] in guide
    # The ward, then each sub-unit as a collective, then the people, with their unit for reference.
    assert list(rows)[:3] == ["HN-PLU", "HN-PLU-VP", "HN-PLU-THCS"]
    assert ws.cell(row=rows["CB0003"], column=4).value == "Trường THCS Phú Lương"


def test_a_file_of_ones_own_layout_with_labels_in_the_header(as_user, world):
    wb = Workbook()
    ws = wb.active
    ws.title = "Kết quả"
    ws.append(["Mã cán bộ", "Xếp loại"])
    ws.append(["CB0001", "Hoàn Thành Tốt Nhiệm Vụ"])
    client = as_user("officer_a")
    assert upload(client, world.ward_a, 2025, wb).status_code == 302
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTTNV"


def test_a_huge_cell_is_refused_by_the_guard_without_being_read_as_the_year(as_user, world, monkeypatch):
    """A 95 MB cell took 21 s and 1 GB because every cell of the first rows was folded to look for the year
    before its length was checked: now it is refused by the upload guard, naming the cell, and never folded."""
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    from records import ratings_excel
    from tdkt.testing.hostile_files import SHEET_HEAD, SHEET_TAIL, XLSX_PARTS, row, workbook_xml
    from tdkt.testing.records import ratings_url

    folded = []
    real = ratings_excel.fold
    monkeypatch.setattr(ratings_excel, "fold", lambda text: folded.append(len(text)) or real(text))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in {**XLSX_PARTS, "xl/workbook.xml": workbook_xml("Xếp loại")}.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + row(1, ["Mã cán bộ", "Xếp loại", "", "", "", "Năm 2025 " + "x" * 40_000])
                   + row(2, ["CB0001", "HTTNV"]) + SHEET_TAIL)
    client = as_user("officer_a")
    body = client.post(ratings_url(world.ward_a, 2025), {"file": SimpleUploadedFile("xep-loai.xlsx", buf.getvalue())}).content.decode()
    assert "Ô F1 của sheet “Xếp loại” dài 40.009 ký tự, tối đa 32.767 ký tự." in body
    assert max(folded, default=0) < 1_000  # no long text is folded
    assert not Rating.objects.exists()
