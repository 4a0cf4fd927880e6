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
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from .forms import DATE_INPUT_FORMATS, DATE_RANGE_MESSAGE, date_in_range
from .text import clean_text, fold
from .uploads import UploadRefused, check_file, guarded_rows


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
    """The workbook, read-only and streamed, after the upload guard (core.uploads) let it through."""
    try:
        check_file(fileobj)
    except UploadRefused as e:
        raise SheetError(e.messages[0]) from e
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
    """Rows of ``ws`` as {field: value}; header and format problems go to ``errors``.

    The rows are streamed through the upload guard: past its row, column or
    cell-length limit the sheet is refused whole (one error, no rows)."""
    before = len(errors)
    try:
        return _read_rows(ws, columns, errors)
    except UploadRefused as e:
        del errors[before:]
        errors.append(CellError(ws.title, 0, "", e.messages[0]))
        return []


def _read_rows(ws, columns, errors):
    rows = guarded_rows(ws)
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


# --- writing: the one Excel writer ---------------------------------------------------
#
# Every cell the application writes goes through ``new_cell`` (``append_row``,
# ``set_cell``, ``write_sheet``, ``help_sheet``), so that:
# - text is always text: a value starting with = + - @ (or a tab or carriage
#   return) is stored as a string with Excel's quote prefix, never as a formula
#   ("=HYPERLINK(…)", "=cmd|' /C calc'!A0" typed as a name stay a name), and
#   reads back unchanged;
# - characters XML cannot carry (C0 controls but \t \n \r) are removed, so a
#   stored text never makes the export fail (openpyxl raises IllegalCharacterError);
# - a text longer than a cell can hold (32,767 characters) is cut there.

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CELL_MAX_CHARS = 32_767


def cell_text(value):
    """A value as it may be written to a cell (only text is changed)."""
    if not isinstance(value, str):
        return value
    return clean_text(value, multiline=True)[:CELL_MAX_CHARS]


def new_cell(ws, value, number_format=None):
    value = cell_text(value)
    # A place is needed by a write-only sheet's writer; ws.append moves the cell to its own.
    cell = Cell(ws, row=1, column=1, value=None)
    if isinstance(value, str):
        cell._value, cell.data_type = value, "s"
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def set_cell(cell, value):
    """Put ``value`` into an existing cell (``ws["E1"]``) through the same rules."""
    value = cell_text(value)
    if isinstance(value, str):
        cell.value = None
        cell._value, cell.data_type = value, "s"
        if value.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def append_row(ws, values, number_formats=None):
    """``ws.append`` through the writer's rules (also for a write-only sheet). A value that needs nothing
    of a cell — a number, a date, a text Excel would not read as a formula — goes as it is: a million rows
    make no million cell objects."""
    formats = number_formats or {}
    ws.append([_out(ws, v, formats.get(i)) for i, v in enumerate(values)])


def _out(ws, value, number_format):
    if number_format is None:
        value = cell_text(value)
        if not (isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)):
            return value
    return new_cell(ws, value, number_format)


def write_sheet(ws, columns: list[Column], rows, title=None):
    append_row(ws, [c.label for c in columns])
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = "A2"
    formats = {i: "DD/MM/YYYY" for i, col in enumerate(columns) if col.kind == "date"}
    for values in rows:
        append_row(ws, [values.get(c.field) for c in columns], formats)
    return ws


def help_sheet(wb, columns, title="Hướng dẫn", intro=""):
    ws = wb.create_sheet(title)
    append_row(ws, [intro])
    append_row(ws, [])
    append_row(ws, ["Cột", "Tên trường dữ liệu", "Bắt buộc", "Cách nhập"])
    for c in ws[3]:
        c.font = Font(bold=True)
    for col in columns:
        append_row(ws, [col.label, col.field, "Có" if col.required else "", col.help])
    for letter, width in zip("ABCD", (22, 16, 10, 80)):
        ws.column_dimensions[letter].width = width
    return ws


def to_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
