"""Helpers of the org tests: a people workbook as the import page takes it."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

HEADER = ["Mã cán bộ", "Họ và tên", "Mã đơn vị", "Ngày sinh", "Giới tính", "Chức vụ"]


def xlsx(rows, header=HEADER, title="people"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("danh-sach.xlsx", buf.getvalue())


def upload(client, file):
    return client.post(reverse("org:people_import"), {"file": file})


GOOD = [
    ["CB0500", "Hoàng Văn Bình", "HN-PLU-VP", "15/03/1985", "Nam", "Công chức Tư pháp - Hộ tịch"],
    ["CB0501", "Vũ Thị Thu Hằng", "HN-PLU-THCS", date(1990, 7, 2), "Nữ", "Giáo viên"],
    ["CB0001", "Nguyễn Thị Thịnh", "HN-PLU-VP", "01/02/1980", "Nữ", "Chuyên viên"],
]
