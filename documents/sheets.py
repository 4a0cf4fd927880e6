"""A list as accountants print it from Excel (danh sách chi tiền thưởng, danh sách thu hồi tiền thưởng): the issuing
body and the Quốc hiệu at the top, the title and what the list goes with, a bordered table whose amounts read
"#,##0", a total row, the total in words, and the signature lines used in practice — Người lập biểu, Kế toán,
Thủ trưởng đơn vị — under the place and date. A4, fitted to the page's width, the table's header repeated on every
printed page.

Every cell goes through ``core.excel.set_cell`` (text stays text, never a formula)."""

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from core.excel import set_cell

MONEY = "#,##0"
FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
SIGNATURES = (("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"), ("KẾ TOÁN", "(Ký, ghi rõ họ tên)"),
              ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)"))


@dataclass(frozen=True)
class Col:
    label: str
    width: float
    kind: str = "text"  # text | money | center | date


def _font(bold=False, italic=False, size=12):
    return Font(name=FONT, bold=bold, italic=italic, size=size)


def _merged(ws, row, first, last, value, *, bold=False, italic=False, size=12, align="center", height=None):
    cell = ws.cell(row=row, column=first)
    set_cell(cell, value)
    cell.font = _font(bold, italic, size)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    if height:
        ws.row_dimensions[row].height = height
    return cell


def formal_list(*, sheet_title: str, title: str, columns: list[Col], rows: list[list], heading: dict | None = None,
                subtitle_lines=(), total: dict | None = None, words: str = "", place_date: str = "",
                signatures=SIGNATURES, landscape=False) -> Workbook:
    """A workbook of one sheet named ``sheet_title``. ``heading``: documents.nd30.issuing_block's dict (None: no
    issuing body, no Quốc hiệu); ``rows``: one list of values per row, in ``columns``' order; ``total``: {column
    index: value} of the total row (its label in the first column); ``words``: the total in words."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    n = len(columns)
    for i, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    left_last = max(1, min(3, n // 2))
    row = 1
    if heading:
        lines = ([heading["superior"]] if heading.get("superior") else []) + list(heading.get("body_lines") or [])
        nation = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        for i in range(max(len(lines), len(nation))):
            if i < len(lines):
                superior = bool(heading.get("superior")) and i == 0
                _merged(ws, row, 1, left_last, lines[i], bold=not superior)
            if i < len(nation):
                _merged(ws, row, left_last + 1, n, nation[i], bold=True)
            row += 1
        row += 1
    _merged(ws, row, 1, n, title.upper(), bold=True, size=14, height=22)
    row += 1
    for line in subtitle_lines:
        _merged(ws, row, 1, n, line, italic=True)
        row += 1
    row += 1
    header_row = row
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=i)
        set_cell(cell, col.label)
        cell.font = _font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    ws.row_dimensions[row].height = 32
    row += 1
    for values in rows:
        ws.row_dimensions[row].height = _height(columns, values)
        for i, (col, value) in enumerate(zip(columns, values), start=1):
            cell = ws.cell(row=row, column=i)
            set_cell(cell, value)
            cell.font = _font()
            cell.border = BOX
            if col.kind == "money":
                cell.number_format = MONEY
                cell.alignment = Alignment(horizontal="right", vertical="top")
            elif col.kind == "date":
                cell.number_format = "DD/MM/YYYY"
                cell.alignment = Alignment(horizontal="center", vertical="top")
            elif col.kind == "center":
                cell.alignment = Alignment(horizontal="center", vertical="top")
            else:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
        row += 1
    if total is not None:
        label_last = max(1, min(total)) if total else n  # the label spans the columns before the first total
        for i in range(1, n + 1):
            ws.cell(row=row, column=i).border = BOX
        _merged(ws, row, 1, label_last, "Tổng cộng", bold=True)
        for i, value in total.items():
            cell = ws.cell(row=row, column=i + 1)
            set_cell(cell, value)
            cell.font = _font(bold=True)
            if columns[i].kind == "money":
                cell.number_format = MONEY
                cell.alignment = Alignment(horizontal="right")
        row += 1
    if words:
        _merged(ws, row, 1, n, f"Số tiền bằng chữ: {words}.", italic=True, align="left")
        row += 1
    row += 1
    if signatures:
        spans = _thirds(n, len(signatures))
        if place_date:
            first, last = spans[-1]
            _merged(ws, row, first, last, place_date, italic=True)
            row += 1
        for (first, last), (who, how) in zip(spans, signatures):
            _merged(ws, row, first, last, who, bold=True)
            _merged(ws, row + 1, first, last, how, italic=True)
        row += 2
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{get_column_letter(n)}{row + 4}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    ws.print_options.horizontalCentered = True
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.sheet_view.zoomScale = 100
    return wb


def _height(columns, values, line=15.75):
    """The row's height in points for its longest wrapped text: neither Excel nor LibreOffice grows a row to its
    wrapped text when the file is opened, and a clipped name is a name the accountant cannot read."""
    import math

    lines = 1
    for col, value in zip(columns, values):
        if col.kind == "text" and isinstance(value, str) and value:
            per_line = max(1, int(col.width * 0.95))
            lines = max(lines, sum(math.ceil(max(len(part), 1) / per_line) for part in value.split("\n")))
    return line * lines


def _thirds(n, parts):
    """(first, last) columns of ``parts`` signature blocks spread across ``n`` columns."""
    size = n / parts
    spans = []
    for i in range(parts):
        first = int(round(i * size)) + 1
        last = max(first, int(round((i + 1) * size)))
        spans.append((first, last))
    return spans
