"""Importing people from Excel: all-or-nothing, every error by row and column, idempotent."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Event
from org.models import Employment, Person

from .helpers import GOOD, HEADER, upload, xlsx

pytestmark = pytest.mark.django_db


def test_good_file_creates_and_updates_and_reimport_changes_nothing(as_user, world):
    client = as_user("officer_a")
    body = upload(client, xlsx(GOOD)).content.decode()
    assert "Đã nhập 3 dòng: 2 người mới, 0 người cập nhật thông tin, 0 người chuyển đơn vị, 1 người không thay đổi." in body
    binh = Person.objects.get(code="CB0500")
    assert (binh.full_name, binh.birth_date, binh.gender, binh.unit, binh.position) == (
        "Hoàng Văn Bình", date(1985, 3, 15), "male", world.office_a, "Công chức Tư pháp - Hộ tịch")
    assert Employment.objects.get(person=binh).end is None
    events = Event.objects.count()
    body = upload(client, xlsx(GOOD)).content.decode()
    assert "3 người không thay đổi" in body
    assert Event.objects.count() == events
    assert Person.objects.filter(code__in=["CB0500", "CB0501"]).count() == 2


def test_one_bad_row_writes_nothing_and_every_error_is_listed(as_user, world):
    rows = GOOD + [
        ["CB0502", "", "HN-PLU-VP", "30/02/1990", "Nam", ""],          # row 5: no name, bad date
        ["CB0503", "Đặng Văn Cường", "HN-KHONG-CO", "", "Trai", ""],   # row 6: unknown unit, bad gender
        ["CB0500", "Hoàng Văn Bình", "HN-PLU-VP", "", "", ""],          # row 7: duplicate code
        ["CB0101", "Phạm Minh Đức", "HN-YN", "", "", ""],               # row 8: another ward
    ]
    before = (Person.objects.count(), Employment.objects.count(), Event.objects.count())
    response = upload(as_user("officer_a"), xlsx(rows))
    body = response.content.decode()
    assert "Tệp chưa được nhập: 7 lỗi" in body
    for row, column, message in [
        ("5", "B (Họ và tên)", "chưa có giá trị (bắt buộc)."),
        ("5", "D (Ngày sinh)", "ngày “30/02/1990” không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."),
        ("6", "C (Mã đơn vị)", "không có đơn vị mã “HN-KHONG-CO” trong phạm vi của bạn."),
        ("6", "E (Giới tính)", "“Trai” không hợp lệ, hãy ghi Nam hoặc Nữ."),
        ("7", "A (Mã cán bộ)", "mã cán bộ “CB0500” trùng với dòng 2."),
        # Another ward's unit and person: named by their codes only, as if they did not exist.
        ("8", "C (Mã đơn vị)", "không có đơn vị mã “HN-YN” trong phạm vi của bạn."),
        ("8", "A (Mã cán bộ)", "mã cán bộ “CB0101” đã được dùng cho một người ngoài phạm vi của bạn: hãy dùng mã khác."),
    ]:
        assert f"<td>{row}</td><td>{column}</td><td>{message}</td>" in body, (row, column, message)
    assert "Yên Nghĩa" not in body
    assert (Person.objects.count(), Employment.objects.count(), Event.objects.count()) == before


def test_missing_required_column_and_not_an_excel_file(as_user, world):
    body = upload(as_user("officer_a"), xlsx([["CB1", "Lê Văn A"]], header=["Mã cán bộ", "Họ và tên"])).content.decode()
    assert "thiếu cột bắt buộc “Mã đơn vị” (unit) ở dòng tiêu đề." in body
    body = upload(as_user("officer_a"), SimpleUploadedFile("ds.xlsx", b"day khong phai excel")).content.decode()
    assert "Không đọc được tệp: hãy chọn một tệp Excel (.xlsx)" in body


def test_changing_the_unit_column_moves_the_person_with_history(as_user, world):
    upload(as_user("officer_a"), xlsx([["CB0001", "Nguyễn Thị Thịnh", "HN-PLU-THCS", "01/02/1980", "Nữ", "Chuyên viên"]]))
    world.thinh.refresh_from_db()
    assert world.thinh.unit == world.school_a
    assert Employment.objects.filter(person=world.thinh).count() == 2


def test_export_then_reimport_changes_nothing(as_user, world):
    client = as_user("officer_a")
    response = client.get(reverse("org:people_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content))["people"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0][:6]) == HEADER
    names = [r[1] for r in rows[1:]]
    assert names == ["Trần Văn An", "Lê Thị Ánh", "Nguyễn Thị Thịnh"]  # by given name: An, Ánh, Thịnh
    assert "Phạm Minh Đức" not in names  # other ward: not in this officer's export
    events = Event.objects.count()
    body = upload(client, SimpleUploadedFile("export.xlsx", response.content)).content.decode()
    assert "3 người không thay đổi" in body
    assert Event.objects.count() == events


def test_template_downloads_with_instructions(as_user, world):
    response = as_user("officer_a").get(reverse("org:people_template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["people", "Hướng dẫn"]
    assert [c.value for c in wb["people"][1]][:3] == ["Mã cán bộ", "Họ và tên", "Mã đơn vị"]
