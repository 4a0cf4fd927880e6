"""One Excel sheet per unit per year: the members' ratings (and the unit's own)."""

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from core.excel import CellError, Column, SheetError, find_sheet, help_sheet, open_workbook, read_rows, to_bytes, write_sheet

from .models import RatingLevel

SHEET = "ratings"
COLUMNS = [
    Column("person", "Mã cán bộ", required=True, width=14, help="Mã cán bộ; dòng có mã đơn vị là xếp loại của tập thể."),
    Column("name", "Họ và tên", width=30, help="Chỉ để đối chiếu, không được nhập."),
    Column("rating", "Xếp loại", width=12, help="HTXSNV, HTTNV, HTNV hoặc KHTNV; để trống = chưa xếp loại."),
]


def template(unit, year, members, current):
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    rows = [{"person": unit.code, "name": f"Tập thể {unit.name}", "rating": current.get(("unit", unit.pk))}]
    rows += [{"person": p.code, "name": p.full_name, "rating": current.get(("person", p.pk))} for p in members]
    write_sheet(ws, COLUMNS, rows)
    dv = DataValidation(type="list", formula1='"HTXSNV,HTTNV,HTNV,KHTNV"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f"C2:C{len(rows) + 1}")
    ws["E1"] = f"Năm {year} — {unit.name}"
    help_sheet(wb, COLUMNS, intro=f"Xếp loại năm {year} của {unit.name}. Sửa cột “Xếp loại” rồi nhập lại tệp.")
    return to_bytes(wb)


def read(fileobj, unit, members):
    """{person: level} and the unit's level from the file, or the errors (row and column)."""
    errors = []
    try:
        wb = open_workbook(fileobj)
    except SheetError as e:
        return None, None, [CellError("tệp", 0, "", str(e))]
    ws = find_sheet(wb, [SHEET, "xep loai"]) or wb.worksheets[0]
    rows = read_rows(ws, COLUMNS, errors)
    by_code = {p.code: p for p in members}
    people, unit_level, seen = {}, None, {}
    for r in rows:
        code, level = r.values.get("person"), (r.values.get("rating") or "").strip().upper()
        if level and level not in RatingLevel.values:
            errors.append(CellError(ws.title, r.number, r.where["rating"], f"“{level}” không phải xếp loại (HTXSNV, HTTNV, HTNV, KHTNV)."))
            continue
        if not code:
            continue
        if code in seen:
            errors.append(CellError(ws.title, r.number, r.where["person"], f"mã “{code}” trùng với dòng {seen[code]}."))
            continue
        seen[code] = r.number
        if code == unit.code:
            unit_level = level
        elif code in by_code:
            people[by_code[code]] = level
        else:
            errors.append(CellError(ws.title, r.number, r.where["person"], f"“{code}” không phải thành viên của {unit.name} trong năm."))
    return people, unit_level, errors
