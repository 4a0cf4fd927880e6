"""One Excel sheet per unit and year: the ratings of its people and of its collectives,
the unit and everything under it (a ward with its office, schools and groups)."""

import re
import time
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.excel import CellError, Column, SheetError, find_sheet, help_sheet, open_workbook, read_rows, set_cell, to_bytes, write_sheet
from core.text import fold
from org import imports
from org.duties import Duty
from org.models import ImportJob, Unit
from org.scope import CodeScope

from . import selectors
from .models import RatingLevel

SHEET = "Xếp loại"
# Sheet names this import has had, still accepted.
OLD_SHEETS = ["ratings", "xep loai"]
COLUMNS = [
    Column("person", "Mã cán bộ", required=True, width=14,
           help="Mã cán bộ; dòng có mã đơn vị là xếp loại của tập thể đơn vị đó."),
    Column("name", "Họ và tên", width=30, help="Chỉ để đối chiếu, không được nhập."),
    Column("rating", "Xếp loại", width=30,
           help="Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ hoặc Không hoàn thành "
                "nhiệm vụ (viết hoa, thường, có dấu hay không dấu đều được; hoặc mã HTXSNV, HTTNV, HTNV, KHTNV); "
                "để trống = chưa xếp loại."),
    Column("unit", "Đơn vị", width=36, help="Chỉ để đối chiếu, không được nhập."),
]
LEVEL_HINT = ", ".join(f"“{label}”" for label in RatingLevel.labels)

# What a clerk may type, folded: the code or the label.
_LEVELS = {}
for _code, _label in RatingLevel.choices:
    _LEVELS[fold(_code)] = _code
    _LEVELS[fold(_label)] = _code

_YEAR = re.compile(r"\bnam\s*:?\s*(\d{4})\b")
HEADING_MAX_CHARS = 300


def level_from_text(text) -> str | None:
    """The rating code for what was typed ("Hoàn thành tốt nhiệm vụ", "hoan thanh tot nhiem vu", "HTTNV"), else None."""
    return _LEVELS.get(fold(text))


def heading(unit, year) -> str:
    return f"Năm {year} — {unit.name}"


def template(unit, year, subunits, rows, current_people, current_units):
    """``subunits``: the units under ``unit`` (collective rows); ``rows``: (code, full name, unit name,
    person id) of the people, in screen order (records.selectors.rated_rows); ``current_*``: {id: level}."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    label = dict(RatingLevel.choices)
    lines = [{"person": u.code, "name": f"Tập thể {u.name}", "rating": label.get(current_units.get(u.pk)), "unit": u.name}
             for u in [unit, *subunits]]
    lines += [{"person": code, "name": name, "rating": label.get(current_people.get(pid)), "unit": unit_name}
              for code, name, unit_name, pid in rows]
    write_sheet(ws, COLUMNS, lines)
    dv = DataValidation(type="list", formula1='"' + ",".join(RatingLevel.labels) + '"', allow_blank=True,
                        showErrorMessage=False)
    ws.add_data_validation(dv)
    dv.add(f"C2:C{len(lines) + 1}")
    # The year the file belongs to: read back on import, which refuses a file of another year.
    set_cell(ws["F1"], heading(unit, year))
    help_sheet(wb, COLUMNS, intro=f"Xếp loại năm {year} của {unit.name} và các đơn vị trực thuộc. "
                                  "Sửa cột “Xếp loại” rồi nhập lại tệp trên trang xếp loại của năm đó.")
    return to_bytes(wb)


def file_year(ws) -> tuple[int | None, int, str]:
    """The year a sheet says it is for ("Năm 2026 — …" above or beside the table, or a cell
    "Năm" followed by the year), and where it says so (row, column letter)."""
    for r, values in enumerate(ws.iter_rows(min_row=1, max_row=6, max_col=30, values_only=True), start=1):
        for c, value in enumerate(values, start=1):
            # A heading is short: a long text is not read here (the upload guard refuses it with the rows,
            # naming the cell, instead of folding millions of characters first).
            text = fold(value) if isinstance(value, str) and len(value) <= HEADING_MAX_CHARS else ""
            match = _YEAR.search(text)
            if match:
                return int(match.group(1)), r, get_column_letter(c)
            if text in ("nam", "nam danh gia", "nam xep loai") and c < len(values):
                following = values[c]
                if isinstance(following, (int, float)) and 1900 < following < 2200:
                    return int(following), r, get_column_letter(c + 1)
    return None, 0, ""


def read(fileobj, unit, year, progress=None, members_out=None, scope=None):
    """({person id: level}, {unit id: level}, errors) from the file; an error names the row and column.
    Reads only, in bulk (codes looked up 900 at a time); ``progress`` as org.imports says;
    ``members_out`` (a set) receives the people of the file found to be members of ``unit`` that year;
    ``scope`` (org.scope.CodeScope, default everything): a code outside it is named by its code only."""
    scope = scope or CodeScope()
    errors = []
    try:
        wb = open_workbook(fileobj)
    except SheetError as e:
        return {}, {}, [CellError("tệp", 0, "", str(e))]
    ws = find_sheet(wb, [SHEET, *OLD_SHEETS]) or wb.worksheets[0]
    found, row, column = file_year(ws)
    if found is not None and found != year:
        return {}, {}, [CellError(ws.title, row, column,
                                  f"tệp là xếp loại năm {found}, trang đang nhập xếp loại năm {year}. "
                                  f"Hãy chọn năm {found} ở trên rồi nhập lại, hoặc dùng tệp của năm {year}.")]
    rows = read_rows(imports.CountingSheet(ws, progress) if progress else ws, COLUMNS, errors)
    if progress:
        progress(ImportJob.Status.CHECKING, len(rows))
    lines, seen = [], {}
    for r in rows:
        code, typed = r.values.get("person"), r.values.get("rating")
        level = ""
        if typed:
            level = level_from_text(typed)
            if level is None:
                errors.append(CellError(ws.title, r.number, r.where["rating"],
                                        f"“{typed}” không phải xếp loại: nhập {LEVEL_HINT}, hoặc để trống."))
                continue
        if not code:
            continue
        if code in seen:
            errors.append(CellError(ws.title, r.number, r.where["person"], f"mã “{code}” trùng với dòng {seen[code]}."))
            continue
        seen[code] = r.number
        lines.append((r, code, level))

    codes = [code for _, code, _ in lines]
    units = scope.units(codes)
    people = scope.people(set(codes) - units.keys(), only=("pk", "full_name"))
    members = selectors.member_ids(unit, year, [p.pk for p in people.values()])
    if members_out is not None:
        members_out |= members
    person_levels, unit_levels = {}, {}
    for r, code, level in lines:
        if code in units:
            u = units[code]
            if u.path.startswith(unit.path):
                unit_levels[u.pk] = level
            else:
                errors.append(CellError(ws.title, r.number, r.where["person"],
                                        f"đơn vị “{code}” ({u.name}) không thuộc {unit.name}."))
        elif code in people:
            p = people[code]
            if p.pk in members:
                person_levels[p.pk] = level
            else:
                errors.append(CellError(ws.title, r.number, r.where["person"],
                                        f"cán bộ “{code}” ({p.full_name}) không công tác tại {unit.name} "
                                        f"(hoặc đơn vị trực thuộc) trong năm {year}."))
        else:
            errors.append(CellError(ws.title, r.number, r.where["person"], scope.no_person(code) + "."))
    return person_levels, unit_levels, errors


# --- the import: checked outside the write transaction, written in bulk, big files in the worker ---

@dataclass
class ImportResult:
    errors: list[CellError] = field(default_factory=list)
    changed: int = 0
    year: int = 0
    affected: list = field(default_factory=list)  # awards resting on changed ratings, when no reason was given
    write_seconds: float | None = None

    @property
    def ok(self):
        return not self.errors

    @property
    def summary(self):
        return f"Đã nhập tệp xếp loại năm {self.year}: {self.changed:,} xếp loại thay đổi.".replace(",", ".")


def import_ratings(*, acting_user, fileobj, unit, year, reason="", filename="", progress=None) -> ImportResult:
    """Read and check the whole file, then write every change of it in one short transaction — or nothing.

    Reading and checking hold no transaction (another user's save goes on meanwhile); the write
    first makes sure none of the ratings concerned changed since they were checked (actions.ratings_write).
    """
    from . import actions

    result = ImportResult(year=year)
    members = set()
    people, units, result.errors = read(fileobj, unit, year, progress, members_out=members,
                                        scope=CodeScope(acting_user, Duty.VIEW))
    if result.errors:
        result.errors.sort(key=lambda e: (e.row, e.column))
        return result
    try:
        plan = actions.ratings_check(acting_user=acting_user, unit=unit, year=year, people=people, units=units,
                                     reason=reason, members=members)
        if progress:
            progress(ImportJob.Status.WRITING, len(people) + len(units))
        started = time.perf_counter()
        result.changed = actions.ratings_write(plan)
        result.write_seconds = time.perf_counter() - started
    except actions.ReasonRequired as e:
        result.affected = e.affected
        result.errors = [CellError(SHEET, 0, "", "Tệp sửa xếp loại là căn cứ của khen thưởng đã có quyết định: ghi lý do sửa "
                                                 "rồi nhập lại tệp. Chưa có xếp loại nào được lưu.")]
        result.errors += [CellError(SHEET, 0, "", f"{a['subject']}: căn cứ của {a['award']} "
                                                  f"(xếp loại {a['old']} → {a['new'] or 'bỏ xếp loại'}).") for a in e.affected]
    except ValidationError as e:
        result.errors = [CellError(SHEET, 0, "", m) for m in e.messages]
    except PermissionDenied as e:
        result.errors = [CellError(SHEET, 0, "", str(e))]
    return result


def start_import(*, acting_user, upload, unit, year, reason=""):
    """(job, result): run now when the file is small (result), else by the worker (result None)."""
    return imports.start(kind=ImportJob.Kind.RATINGS, acting_user=acting_user, upload=upload,
                         params={"unit": unit.pk, "year": year, "reason": reason})


def run_for_job(job, fileobj, progress) -> ImportResult:
    """The ratings import as org.imports runs it."""
    unit = Unit.objects.get(pk=job.params["unit"])
    return import_ratings(acting_user=job.user, fileobj=fileobj, unit=unit, year=int(job.params["year"]),
                          reason=job.params.get("reason", ""), filename=job.filename, progress=progress)
