"""The nomination file of domain/interchange.md ("tdkt-nominations/1"): JSON, or
.xlsx with a sheet `lines` and a sheet `header` (field, value).

A file that cannot be read is refused whole: every error names the line
(1-based) and the field, and nothing is appraised.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core.excel import Column, SheetError, cell_text, find_sheet, open_workbook, parse_date, read_rows
from core.text import clean_text
from core.uploads import UploadRefused, check_size, guarded_rows
from org.models import Person, Unit
from org.scope import CodeScope
from rulebook.models import AwardType

from .appraisal import COLLECTIVE, HOUSEHOLD, INDIVIDUAL, Line

FORMAT = "tdkt-nominations/1"
HEADER_FIELDS = ("authority", "decision_date", "year", "signer")
LINE_COLUMNS = [Column("recipient", "recipient", True), Column("award", "award", True),
                Column("recipient_kind", "recipient_kind"), Column("justification", "justification"),
                Column("occasion", "occasion"), Column("achievement", "achievement")]
OCCASIONS = ("year_end", "ad_hoc", "thematic")


@dataclass
class FileError:
    line: int | None
    field: str
    message: str

    def __str__(self):
        where = []
        if self.line is not None:
            where.append(f"dòng {self.line}")
        if self.field:
            where.append(f"trường “{self.field}”")
        return (", ".join(where) + ": " if where else "") + self.message


@dataclass
class Nominations:
    authority: Unit
    decision_date: date
    year: int
    lines: list
    signer: Person | None = None


def read_nominations(path, scope=None) -> tuple[Nominations | None, list[FileError]]:
    """The file's header and lines with every code resolved, or the errors. ``scope`` (org.scope.CodeScope,
    default everything) is what the reader may name: a recipient outside it is unknown to them."""
    path = Path(path)
    if not path.exists():
        return None, [FileError(None, "", f"không tìm thấy tệp {path}")]
    try:
        check_size(path)
    except UploadRefused as e:
        return None, [FileError(None, "", e.messages[0])]
    errors = []
    if path.suffix.lower() == ".xlsx":
        header, rows = _read_xlsx(path, errors)
    else:
        header, rows = _read_json(path, errors)
    return _resolved(header, rows, errors, scope)


def parse_nominations(data, scope=None) -> tuple[Nominations | None, list[FileError]]:
    """The same as read_nominations, for content already parsed from JSON (the API)."""
    errors = []
    header, rows = _from_data(data, errors)
    return _resolved(header, rows, errors, scope)


def _resolved(header, rows, errors, scope=None):
    """The nominations with every code resolved, or (None, every error)."""
    if header is None:
        return None, errors
    scope = scope or CodeScope()
    authority, day, year = _header(header, errors)
    signer = _signer(header, errors, scope)
    lines = _lines(rows, errors, scope)
    if errors:
        return None, errors
    return Nominations(authority, day, year, lines, signer), []


def _read_json(path, errors):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        errors.append(FileError(None, "", f"không đọc được JSON: {e}"))
        return None, []
    return _from_data(data, errors)


def _from_data(data, errors):
    if not isinstance(data, dict):
        errors.append(FileError(None, "", "nội dung phải là một đối tượng JSON có authority, decision_date, year và lines"))
        return None, []
    if data.get("format", FORMAT) != FORMAT:
        errors.append(FileError(None, "format", f"định dạng “{data.get('format')}” không hỗ trợ, cần “{FORMAT}”"))
    lines = data.get("lines")
    if not isinstance(lines, list):
        errors.append(FileError(None, "lines", "thiếu danh sách các dòng đề nghị" if lines is None else "phải là một danh sách"))
        lines = []
    rows = []
    for i, item in enumerate(lines, start=1):
        if not isinstance(item, dict):
            errors.append(FileError(i, "", "mỗi dòng phải là một đối tượng"))
            continue
        rows.append((i, {c.field: item.get(c.field) for c in LINE_COLUMNS}))
    return {f: data.get(f) for f in HEADER_FIELDS}, rows


def _read_xlsx(path, errors):
    try:
        wb = open_workbook(path)
    except SheetError as e:
        errors.append(FileError(None, "", str(e)))
        return None, []
    header = {}
    ws = find_sheet(wb, ["header"])
    if ws is None:
        errors.append(FileError(None, "header", "thiếu sheet “header” (hai cột: trường, giá trị)"))
    else:
        try:
            for values in guarded_rows(ws):
                if values and values[0] is not None and len(values) > 1:
                    header[cell_text(values[0]).strip()] = values[1]
        except UploadRefused as e:
            errors.append(FileError(None, "header", e.messages[0]))
    ws = find_sheet(wb, ["lines"])
    if ws is None:
        errors.append(FileError(None, "lines", "thiếu sheet “lines”"))
        return header, []
    cell_errors = []
    rows = read_rows(ws, LINE_COLUMNS, cell_errors)
    for e in cell_errors:
        column = e.column.split(" (")[-1].rstrip(")") if e.column else ""
        errors.append(FileError(e.row - 1 if e.row else None, column, e.message.rstrip(".")))
    # A line's number is its place among the lines (the header row is not a line).
    return header, [(i, r.values) for i, r in enumerate(rows, start=1)]


def _header(header, errors):
    authority = day = year = None
    code = _text(header.get("authority"))
    if not code:
        errors.append(FileError(None, "authority", "thiếu mã đơn vị có thẩm quyền quyết định"))
    else:
        authority = Unit.objects.filter(code=code).first()
        if authority is None:
            errors.append(FileError(None, "authority", f"không có đơn vị mã “{code}”"))
    raw = header.get("decision_date")
    if raw in (None, ""):
        errors.append(FileError(None, "decision_date", "thiếu ngày quyết định"))
    else:
        try:
            day = parse_date(raw if isinstance(raw, date) else _text(raw))
        except ValueError as e:
            errors.append(FileError(None, "decision_date", f"“{_text(raw)}”: {e}" if isinstance(raw, date) else
                                    f"“{_text(raw)}” không phải ngày dạng YYYY-MM-DD"))
            day = None
    raw = header.get("year")
    if raw in (None, ""):
        errors.append(FileError(None, "year", "thiếu năm thành tích"))
    else:
        try:
            year = int(raw) if not isinstance(raw, bool) else None
        except (TypeError, ValueError):
            year = None
        if year is None or not 1945 <= year <= 2100:
            errors.append(FileError(None, "year", f"“{_text(raw)}” không phải năm thành tích"))
            year = None
    if day and year and day.year < year:
        errors.append(FileError(None, "decision_date", f"ngày quyết định {day:%d/%m/%Y} trước năm thành tích {year}"))
    return authority, day, year


def _signer(header, errors, scope):
    """The person who will sign (optional): a line naming them gets signer_is_recipient."""
    code = _text(header.get("signer"))
    if not code:
        return None
    signer = scope.people([code]).get(code)
    if signer is None:
        errors.append(FileError(None, "signer", scope.no_person(code)))
    return signer


def _lines(rows, errors, scope):
    wanted = [(i, {k: _text(v) for k, v in values.items()}) for i, values in rows]
    codes = {v["recipient"] for _, v in wanted if v.get("recipient")}
    people = scope.people(codes)
    units = scope.units(codes - people.keys())
    awards = {a.code: a for a in AwardType.objects.filter(code__in={v["award"] for _, v in wanted if v.get("award")})}
    lines = []
    for i, v in wanted:
        problems = len(errors)
        code, award_code, kind = v.get("recipient"), v.get("award"), v.get("recipient_kind")
        if not code:
            errors.append(FileError(i, "recipient", "thiếu mã cá nhân hoặc tập thể"))
        elif code not in people and code not in units:
            errors.append(FileError(i, "recipient", scope.no_recipient(code)))
        if not award_code:
            errors.append(FileError(i, "award", "thiếu mã khen thưởng"))
        elif award_code not in awards:
            errors.append(FileError(i, "award", f"không có mã khen thưởng “{award_code}” trong danh mục"))
        recipient = people.get(code) or units.get(code)
        if kind and kind not in (INDIVIDUAL, COLLECTIVE, HOUSEHOLD):
            errors.append(FileError(i, "recipient_kind", f"“{kind}” không hợp lệ: individual, collective hoặc household"))
        elif kind and recipient is not None:
            natural = INDIVIDUAL if isinstance(recipient, Person) else COLLECTIVE
            if (kind == INDIVIDUAL) != (natural == INDIVIDUAL):
                what = "cá nhân" if natural == INDIVIDUAL else "đơn vị"
                errors.append(FileError(i, "recipient_kind", f"“{code}” là mã {what}, không thể là {kind}"))
        occasion, achievement = v.get("occasion") or "year_end", clean_text(v.get("achievement") or "").strip()
        if occasion not in OCCASIONS:
            errors.append(FileError(i, "occasion", f"“{occasion}” không hợp lệ: year_end, ad_hoc hoặc thematic"))
        elif occasion != "year_end" and not achievement:
            errors.append(FileError(i, "achievement", "khen thưởng đột xuất, chuyên đề cần ghi thành tích được khen"))
        if len(errors) > problems:
            continue
        natural = natural_kind(recipient)
        lines.append(Line(i, recipient, awards[award_code], kind or natural, clean_text(v.get("justification") or ""),
                          occasion, achievement if occasion != "year_end" else ""))
    return lines


def natural_kind(recipient) -> str:
    """A person is an individual; a household unit a household; any other unit a collective."""
    if isinstance(recipient, Person):
        return INDIVIDUAL
    return HOUSEHOLD if recipient.kind == "household" else COLLECTIVE


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value if isinstance(value, str) else str(value)).strip()
