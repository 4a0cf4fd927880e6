"""Reading and writing the project's Excel sheets (openpyxl).

A sheet is described by a list of Column(field, label, …). Reading matches
header cells by field code or by Vietnamese label, without diacritics or case,
so that a clerk's re-typed header still works; every problem is reported with
its row number and column letter.
"""

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .forms import DATE_INPUT_FORMATS, DATE_RANGE_MESSAGE, date_in_range
from .text import fold


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    required: bool = False
    kind: str = "text"  # text | date | int
    width: int = 18
    help: str = ""


@dataclass
class CellError:
    sheet: str
    row: int
    column: str  # "C (Ngày sinh)"; empty for a whole-row or whole-file problem
    message: str

    def __str__(self):
        where = f"Sheet “{self.sheet}”, dòng {self.row}" if self.row else f"Sheet “{self.sheet}”"
        if self.column:
            where += f", cột {self.column}"
        return f"{where}: {self.message}"


class SheetError(Exception):
    """The file as a whole cannot be read."""


@dataclass
class Row:
    number: int
    values: dict = field(default_factory=dict)
    where: dict = field(default_factory=dict)  # field → "C (Ngày sinh)", for messages


def open_workbook(fileobj):
    try:
        return load_workbook(fileobj, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, Exception) as e:  # noqa: BLE001 - any unreadable file
        raise SheetError("Không đọc được tệp: hãy chọn một tệp Excel (.xlsx) lưu từ Excel hoặc LibreOffice.") from e


def find_sheet(workbook, names):
    folded = {fold(ws.title): ws for ws in workbook.worksheets}
    for name in names:
        if fold(name) in folded:
            return folded[fold(name)]
    return None


def parse_date(value):
    """A date from a cell, within the application's range (core.forms.DATE_MIN–DATE_MAX)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return _date_in_range(value.date())
    if isinstance(value, date):
        return _date_in_range(value)
    text = str(value).strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return _date_in_range(day)
    raise ValueError(f"ngày “{text}” không hợp lệ, hãy nhập theo dạng dd/mm/yyyy")


def _date_in_range(day):
    if not date_in_range(day):
        raise ValueError(f"{DATE_RANGE_MESSAGE[:1].lower()}{DATE_RANGE_MESSAGE[1:]} (đã nhập {day:%d/%m/%Y})")
    return day


def read_rows(ws, columns: list[Column], errors: list[CellError]) -> list[Row]:
    """Rows of ``ws`` as {field: value}; header and format problems go to ``errors``."""
    rows = ws.iter_rows(values_only=True)
    header, header_row = None, 0
    for i, values in enumerate(rows, start=1):
        if any(v not in (None, "") for v in values):
            header, header_row = values, i
            break
    if header is None:
        errors.append(CellError(ws.title, 0, "", "sheet không có dữ liệu (thiếu dòng tiêu đề)."))
        return []
    by_name = {}
    for col in columns:
        by_name[fold(col.field)] = col
        by_name[fold(col.label)] = col
    positions = {}
    for idx, cell in enumerate(header):
        key = fold(str(cell)) if cell is not None else ""
        key = key.split("(")[0].strip() if key not in by_name else key
        col = by_name.get(key)
        if col and col.field not in positions:
            positions[col.field] = idx
    for col in columns:
        if col.required and col.field not in positions:
            errors.append(CellError(ws.title, header_row, "", f"thiếu cột bắt buộc “{col.label}” ({col.field}) ở dòng tiêu đề."))
    if any(e.sheet == ws.title and e.row == header_row for e in errors):
        return []
    out = []
    for number, values in enumerate(rows, start=header_row + 1):
        if not values or all(v in (None, "") for v in values):
            continue
        row = Row(number)
        for col in columns:
            idx = positions.get(col.field)
            raw = values[idx] if idx is not None and idx < len(values) else None
            where = f"{get_column_letter(idx + 1)} ({col.label})" if idx is not None else col.label
            if isinstance(raw, str):
                raw = raw.strip()
            if raw in (None, ""):
                if col.required:
                    errors.append(CellError(ws.title, number, where, "chưa có giá trị (bắt buộc)."))
                row.values[col.field] = None
                continue
            try:
                if col.kind == "date":
                    row.values[col.field] = parse_date(raw)
                elif col.kind == "int":
                    if isinstance(raw, float) and raw.is_integer():
                        raw = int(raw)
                    row.values[col.field] = int(str(raw).strip())
                else:
                    if isinstance(raw, float) and raw.is_integer():
                        raw = int(raw)
                    row.values[col.field] = str(raw)
            except ValueError as e:
                message = str(e) if col.kind == "date" else f"“{raw}” không phải là số nguyên"
                errors.append(CellError(ws.title, number, where, message + "."))
                row.values[col.field] = None
        row.where = {col.field: (f"{get_column_letter(positions[col.field] + 1)} ({col.label})" if col.field in positions else col.label) for col in columns}
        out.append(row)
    return out


HEADER_FILL = PatternFill("solid", fgColor="A3201B")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def write_sheet(ws, columns: list[Column], rows, title=None):
    ws.append([c.label for c in columns])
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A2"
    for values in rows:
        ws.append([values.get(c.field) for c in columns])
    for i, col in enumerate(columns, start=1):
        if col.kind == "date":
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = "DD/MM/YYYY"
    return ws


def help_sheet(wb, columns, title="Hướng dẫn", intro=""):
    ws = wb.create_sheet(title)
    ws.append([intro])
    ws.append([])
    ws.append(["Cột", "Mã trường", "Bắt buộc", "Cách nhập"])
    for c in ws[3]:
        c.font = Font(bold=True)
    for col in columns:
        ws.append([col.label, col.field, "Có" if col.required else "", col.help])
    for letter, width in zip("ABCD", (22, 16, 10, 80)):
        ws.column_dimensions[letter].width = width
    return ws


def to_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
