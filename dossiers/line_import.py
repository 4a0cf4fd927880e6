"""Nomination lines from Excel into a dossier: a sheet with the recipient's code, the award's code
(or name), and optionally the achievement summary and a justification. All or nothing: every error
names its row and column; the lines are then added by dossiers.actions.lines_add (the same checks
and the same appraisal as a line typed on the page)."""

from core.excel import Column, SheetError, find_sheet, open_workbook, read_rows
from core.text import fold

COLUMNS = [
    Column("recipient", "Mã cá nhân, tập thể", True, width=20,
           help="Mã cán bộ hoặc mã đơn vị (cột Mã trên trang Cán bộ, Cây đơn vị); hoặc họ tên, tên tập thể (không cần dấu). "
                "Một tên trùng nhiều người thì tệp không được nhập: lỗi ghi mã của từng người để ghi lại cho đúng."),
    Column("award", "Danh hiệu, hình thức", True, width=34, help="Mã (LDTT, CSTDCS, GK…) hoặc tên: Lao động tiên tiến, Giấy khen…"),
    Column("summary", "Tóm tắt thành tích", width=60),
    Column("justification", "Giải trình", width=40),
]


class LineImportError(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def template_workbook(awards) -> bytes:
    from openpyxl import Workbook

    from core.excel import help_sheet, to_bytes, write_sheet

    wb = Workbook()
    ws = wb.active
    write_sheet(ws, COLUMNS, [], title="Danh sách đề nghị")
    help_sheet(wb, COLUMNS, intro="Mỗi dòng một cá nhân hoặc tập thể được đề nghị. Danh hiệu, hình thức: "
                                  + "; ".join(f"{a.code} = {a.name}" for a in awards))
    return to_bytes(wb)


def describe(recipient) -> str:
    """"CB0002 (Trần Văn An, Văn phòng …, sinh năm 1980)": a candidate as an error or a choice names it."""
    if hasattr(recipient, "full_name"):
        born = f", sinh năm {recipient.birth_date.year}" if recipient.birth_date else ""
        return f"{recipient.code} ({recipient.full_name}, {recipient.unit.name}{born})"
    return f"{recipient.code} ({recipient.name}, tập thể)"


def _looks_like_code(text) -> bool:
    return " " not in text.strip() and any(c.isdigit() for c in text)


def read_items(upload, *, resolve, awards, by_name=None) -> list[dict]:
    """Items for lines_add, or LineImportError with every problem. ``resolve(codes)`` gives ({code: person},
    {code: unit}) of the recipients the dossier's unit may propose; ``by_name(text)`` the people and collectives
    a name names there (none, one, or several: then the row is an error naming each one's code, never a guess);
    ``awards``: the catalogue in force."""
    try:
        wb = open_workbook(upload)
    except SheetError as e:
        raise LineImportError([str(e)]) from None
    ws = find_sheet(wb, ["Danh sách đề nghị", "lines"]) or wb.worksheets[0]
    cell_errors = []
    rows = read_rows(ws, COLUMNS, cell_errors)
    errors = [str(e) for e in cell_errors]
    by_key = {}
    for a in awards:
        by_key[fold(a.code)] = a
        by_key[fold(a.name)] = a
    people, units = resolve({(r.values.get("recipient") or "").strip() for r in rows} - {""})
    named = {}  # folded name → the recipients it names (one lookup per distinct name)
    items = []
    for r in rows:
        v = r.values
        code, award = (v.get("recipient") or "").strip(), (v.get("award") or "").strip()
        person, unit = people.get(code), units.get(code)
        award_type = by_key.get(fold(award))
        ambiguous = False
        if code and person is None and unit is None and by_name is not None:
            key = fold(code)
            if key not in named:
                named[key] = list(by_name(code))
            found = named[key]
            if len(found) == 1:
                person, unit = (found[0], None) if hasattr(found[0], "full_name") else (None, found[0])
            elif found:
                errors.append(f"Dòng {r.number}, cột {r.where['recipient']}: “{code}” trùng với {len(found)} cá nhân, tập thể "
                              f"thuộc đơn vị trình — {'; '.join(describe(x) for x in found)}. Hãy ghi mã của người được đề nghị.")
                ambiguous = True
        if code and person is None and unit is None and not ambiguous:
            errors.append(f"Dòng {r.number}, cột {r.where['recipient']}: không có cá nhân, tập thể mã “{code}” thuộc đơn vị trình."
                          if _looks_like_code(code) or by_name is None else
                          f"Dòng {r.number}, cột {r.where['recipient']}: không có cá nhân, tập thể nào tên “{code}” thuộc đơn vị trình.")
        if award and award_type is None:
            errors.append(f"Dòng {r.number}, cột {r.where['award']}: “{award}” không phải danh hiệu, hình thức trong danh mục.")
        if (person or unit) and award_type:
            items.append({"person": person, "unit": None if person else unit, "award_type": award_type,
                          "summary": v.get("summary") or "", "justification": v.get("justification") or "", "row": r.number})
    if not rows and not errors:
        errors.append("Tệp không có dòng đề nghị nào.")
    if errors:
        raise LineImportError(errors)
    return items
