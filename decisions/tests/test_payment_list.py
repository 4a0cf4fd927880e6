"""The payment list (danh sách chi tiền thưởng) an accountant pays from: the authority and the Quốc hiệu, the decision's
number and date, a sheet named "Danh sách chi tiền thưởng", amounts as "#,##0", a total row and the total in words,
the signature lines Người lập biểu, Kế toán, Thủ trưởng đơn vị; read back with openpyxl and printed through
LibreOffice. A ward's decision of 2026 and a district's of 2017 (Nghị định 91/2017)."""

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from decisions import documents
from decisions.models import Award, Decision
from org.models import Unit
from rulebook.models import AwardType
from tdkt.testing import person

from .helpers import issued

pytestmark = pytest.mark.django_db


def sheet(content):
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Danh sách chi tiền thưởng"]
    return wb.active


def texts(ws):
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def row_of(ws, first):
    return next(r for r in ws.iter_rows() if r[0].value == first or r[1].value == first)


def test_the_ward_s_payment_list(as_user, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        decision = issued(world, number="5")
    response = as_user("chairman").get(reverse("decisions:file", args=[decision.pk, "chi-tra.xlsx"]))
    assert "danh-sach-chi-tien-thuong-05.xlsx" in response["Content-Disposition"]
    ws = sheet(response.content)
    shown = texts(ws)
    assert shown[:4] == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHƯỜNG PHÚ LƯƠNG", "Độc lập - Tự do - Hạnh phúc"]
    assert "DANH SÁCH CHI TIỀN THƯỞNG" in shown
    assert ("(Kèm theo Quyết định số 05/QĐ-UBND ngày 20/01/2026 của Chủ tịch Ủy ban nhân dân phường Phú Lương)"
            in shown)
    title = next(c for row in ws.iter_rows() for c in row if c.value == "DANH SÁCH CHI TIỀN THƯỞNG")
    merged = next(r for r in ws.merged_cells.ranges if title.coordinate in r)
    assert (merged.min_col, merged.max_col) == (1, 6) and title.font.bold
    header = [c.value for c in row_of(ws, "STT")]
    assert header == ["STT", "Họ và tên cá nhân, tên tập thể", "Đơn vị", "Danh hiệu, hình thức khen thưởng",
                      "Số tiền (đồng)", "Ký nhận"]
    line = row_of(ws, "Nguyễn Thị Thịnh")
    amount = decision.awards.get().amount
    assert [c.value for c in line] == [1, "Nguyễn Thị Thịnh", world.thinh.unit.name, "Lao động tiên tiến", amount, None]
    assert line[4].number_format == "#,##0"
    total = row_of(ws, "Tổng cộng")
    assert total[4].value == decision.total and total[4].number_format == "#,##0" and total[0].font.bold
    from core.money import amount_in_words

    words = amount_in_words(decision.total)
    assert f"Số tiền bằng chữ: {words}." in shown
    assert ["NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"] == [t for t in shown if t in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ")]
    assert "Phú Lương, ngày      tháng      năm" in shown
    assert ws.print_title_rows and ws.page_setup.fitToWidth == 1


def test_a_district_s_payment_list_of_2017(world):
    district = Unit.objects.get(code="HN-HD")
    decision = Decision.objects.create(authority=district, number="151", symbol="QĐ-UBND", date=date(2017, 12, 18),
                                       year=2017, subject="Về việc khen thưởng", signer_name="Nguyễn Văn Quận",
                                       total=1_690_000)
    for code, name, award, amount in (("PL01", "Đỗ Văn Lãm", "LDTT", 390_000), ("PL02", "Đỗ Thị Lan", "CSTDCS", 1_300_000)):
        Award.objects.create(award_type=AwardType.objects.get(code=award), person=person(code, name, world.old_ward),
                             year=2017, decision=decision, amount=amount, source="decision")
    ws = sheet(documents.payment_workbook(decision))
    shown = texts(ws)
    assert "QUẬN HÀ ĐÔNG" in shown and "Hà Đông, ngày      tháng      năm" in shown
    assert "(Kèm theo Quyết định số 151/QĐ-UBND ngày 18/12/2017 của Chủ tịch Ủy ban nhân dân quận Hà Đông)" in shown
    assert [c.value for c in row_of(ws, "Đỗ Thị Lan")][3:5] == ["Chiến sĩ thi đua cơ sở", 1_300_000]
    assert row_of(ws, "Tổng cộng")[4].value == 1_690_000
    assert "Số tiền bằng chữ: Một triệu sáu trăm chín mươi nghìn đồng." in shown


def test_the_payment_list_prints_on_a4_width_with_its_total_and_signatures(world, tmp_path,
                                                                            django_capture_on_commit_callbacks):
    soffice = shutil.which("soffice")
    if not soffice or not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        pytest.fail("Thiếu LibreOffice Calc (gói libreoffice-calc-nogui): chạy scripts/install-system-deps.", pytrace=False)
    with django_capture_on_commit_callbacks(execute=False):
        decision = issued(world, number="5")
    src = tmp_path / "chi-tra.xlsx"
    src.write_bytes(documents.payment_workbook(Decision.objects.get(pk=decision.pk)))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    from pypdf import PdfReader

    pages = PdfReader(tmp_path / "chi-tra.pdf").pages
    assert len(pages) == 1
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    text = pages[0].extract_text()
    for expected in ("DANH SÁCH CHI TIỀN THƯỞNG", "Nguyễn Thị Thịnh", "Tổng cộng", "NGƯỜI LẬP BIỂU", "KẾ TOÁN",
                     "THỦ TRƯỞNG ĐƠN VỊ", "Số tiền bằng chữ"):
        assert expected in text, expected
