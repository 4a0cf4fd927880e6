"""The report as Excel and Word, opened and read back: the same figures as the page."""

import io
import zipfile

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from reports import exports, selectors
from tdkt.testing import reports as report_world
from tdkt.testing.reports import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(world):
    report_world.build(world)
    return world


def test_the_workbook_has_named_sheets_money_as_numbers_and_a_total_row(small, as_user):
    response = as_user("officer_a").get(reverse("reports:excel"), {"don-vi": small.ward_a.pk, "nam": YEAR})
    assert response.status_code == 200
    assert "bao-cao-tong-ket-thi-dua-khen-thuong-2025-hn-plu.xlsx" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:6] == ["Tổng hợp", "Theo danh hiệu, hình thức", "Theo cấp quyết định",
                                 "Tiền thưởng theo nguồn", "Theo đơn vị", "Qua các năm"]
    ws = wb["Theo danh hiệu, hình thức"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
    assert rows[0] == ["Chiến sĩ thi đua cơ sở", 1, 0, 1, 1_170_000]
    assert rows[-1] == ["Tổng cộng", 6, 1, 7, 7_371_000]
    assert ws.cell(row=4 + len(rows), column=5).number_format == "#,##0"
    summary = {row[0].value: row[1].value for row in wb["Tổng hợp"].iter_rows(min_row=5)}
    assert summary["Tổng số khen thưởng"] == 7 and summary["Tổng tiền thưởng (đồng)"] == 7_371_000
    assert summary["Tỷ lệ cá nhân trực tiếp lao động, công tác (%)"] == "83,3%"
    assert "Sáng kiến" in wb.sheetnames and "Điển hình tiên tiến" in wb.sheetnames
    exemplars = {row[0].value: row[4].value for row in wb["Điển hình tiên tiến"].iter_rows(min_row=5)}
    assert exemplars["Trường THCS Phú Lương"] == 12
    units = [[c.value for c in row] for row in wb["Theo đơn vị"].iter_rows(min_row=5)]
    assert ["Trường THCS Phú Lương", 2, 1, 3, 2_457_000] in units


def test_the_word_report_reads_the_figures_and_carries_the_charts_as_images(small, as_user):
    response = as_user("officer_a").get(reverse("reports:word"), {"don-vi": small.ward_a.pk, "nam": YEAR})
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and f"Tổng kết công tác thi đua, khen thưởng năm {YEAR}" in text
    assert "đã khen thưởng 7 lượt, trong đó 6 cá nhân và 1 tập thể; tổng số tiền thưởng 7.371.000 đ" in text
    heading = [c.text for c in doc.tables[0].rows[0].cells]
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG PHÚ LƯƠNG" in heading[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading[1]
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    assert "Chiến sĩ thi đua cơ sở" in cells and "7.371.000" in cells
    images = [n for n in zipfile.ZipFile(io.BytesIO(response.content)).namelist() if n.startswith("word/media/")]
    assert len(images) >= 3
    assert all(zipfile.ZipFile(io.BytesIO(response.content)).read(n)[:8] == b"\x89PNG\r\n\x1a\n" for n in images)


def test_the_programme_is_one_page_with_the_turns_on_stage(small, as_user):
    response = as_user("specialist").get(reverse("reports:programme"), {
        "don-vi": small.ward_a.pk, "nam": YEAR, "ngay": "15/01/2026", "gio": "14:00", "dia-diem": "Hội trường UBND phường"})
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "CHƯƠNG TRÌNH" in text and "Thời gian: 14 giờ 00 phút, ngày 15/01/2026." in text
    assert "Địa điểm: Hội trường UBND phường." in text
    rows = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert rows[1][0] == "14:00"
    assert any("lượt 1: Tập thể lao động tiên tiến (1 tập thể)" in r[1] for r in rows)
    assert len(rows) == 9  # a header and eight items: it fits one page


def test_the_png_chart_is_drawn(small):
    from reports import charts

    report = selectors.year_report(small.ward_a, YEAR)
    drawn = charts.report_charts(report)
    assert [c.key for c in drawn][:3] == ["khen-thuong", "cap", "cac-nam"]
    assert charts.png(drawn[0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert exports.tables(report)[1]["total"] == ["Tổng cộng", 6, 1, 7, 7_371_000]


def test_a_programme_date_typed_wrong_is_named(small, as_user):
    client = as_user("specialist")
    response = client.get(reverse("reports:programme"), {"don-vi": small.ward_a.pk, "nam": YEAR, "ngay": "32/13/2026",
                                                         "gio": "25:00"}, follow=True)
    html = response.content.decode()
    assert "Ngày tổ chức “32/13/2026” không đúng dạng ngày/tháng/năm" in html
    assert "Giờ bắt đầu “25:00” không đúng dạng giờ:phút" in html
    assert response.redirect_chain[-1][0].startswith(reverse("reports:conference"))
