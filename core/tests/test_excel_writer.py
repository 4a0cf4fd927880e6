"""The one Excel writer: text is always written as text (a formula typed as a name stays
the name), and stored text with control characters never makes an export fail."""

import io

from openpyxl import Workbook, load_workbook

from core.excel import Column, append_row, set_cell, to_bytes, write_sheet

FORMULAS = ['=HYPERLINK("http://x","a")', "=cmd|' /C calc'!A0", "+84 912 345 678", "-2+3", "@SUM(A1)", "\t=1+1"]


def written(fill):
    wb = Workbook()
    fill(wb.active)
    return load_workbook(io.BytesIO(to_bytes(wb))).active


def test_formulas_are_written_as_literal_text():
    ws = written(lambda ws: write_sheet(ws, [Column("name", "Họ và tên")], [{"name": v} for v in FORMULAS]))
    cells = [ws.cell(row=i, column=1) for i in range(2, len(FORMULAS) + 2)]
    assert [c.value for c in cells] == FORMULAS
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_control_characters_never_make_the_writer_fail():
    ws = written(lambda ws: append_row(ws, ["Trần\x07\x1b\x01 Văn An", "Lê\x00 Thị \u202eBình", 5]))
    assert [c.value for c in ws[1]] == ["Trần Văn An", "Lê Thị Bình", 5]


def test_every_place_that_writes_a_cell_goes_through_the_writer():
    ws = written(lambda ws: set_cell(ws["F1"], "=1+1\x07"))
    assert ws["F1"].value == "=1+1" and ws["F1"].data_type == "s"


def test_no_module_writes_cells_around_the_writer():
    """ws.append, ws[...] = and cell.value = outside core/excel.py would bypass the rules above."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\bws\.append\(|\bws\[[^\]]+\]\s*=[^=]|\.cell\([^)]*value=|\.value\s*=[^=]")
    offenders = []
    for path in root.glob("*/**/*.py"):
        rel = path.relative_to(root).as_posix()
        if rel.startswith((".venv/", "core/excel.py", "bench/", "tdkt/testing/")) or "/tests/" in rel or rel.startswith("tests/"):
            continue
        text = path.read_text(encoding="utf-8")
        if "openpyxl" not in text:
            continue
        offenders += [f"{rel}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not offenders, offenders
