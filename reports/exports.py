"""The year's report as files: Excel (one named sheet per table, amounts "#,##0", a total row), Word (Nghị định
30/2020 layout, the charts as PNG images) and the conference's one-page programme (Word).

The files show exactly what the page shows: they are made from the same ``selectors.year_report``."""

import io
from datetime import date

from docx.shared import Mm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from core.excel import set_cell, to_bytes
from core.money import format_money
from documents import nd30
from org.models import ADMINISTRATIVE_KINDS
from documents.build_templates import (
    CENTER, JUSTIFY, LEFT, TEXT_WIDTH_MM, borderless_table, new_document, para, rule,
)

from . import charts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = nd30.DOCX
MONEY = "#,##0"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# The sheets of the workbook, in order (names are at most 31 characters, as Excel allows).
SHEETS = ("Tổng hợp", "Theo danh hiệu, hình thức", "Theo cấp quyết định", "Tiền thưởng theo nguồn",
          "Theo đơn vị", "Qua các năm", "Phong trào, chỉ tiêu", "Tiến độ kế hoạch")


def number(n) -> str:
    return f"{n:,}".replace(",", ".")


def share(value) -> str:
    """"85,7%", "15%", "—"."""
    from .templatetags.report_format import pct

    return pct(value)


def level_name(unit) -> str:
    return nd30.name_in_sentence(unit)


# --- tables, shared by the workbook and the Word report ----------------------------------------------

def tables(report) -> list[dict]:
    """Every table of the report: title, column labels, rows, which columns are money, and the total row."""
    count_cols = ["Cá nhân", "Tập thể", "Tổng số", "Tiền thưởng (đồng)"]

    def lines(title, first, items, total=True):
        rows = [[line.label, line.individuals, line.collectives, line.total, line.money] for line in items]
        out = {"title": title, "columns": [first, *count_cols], "rows": rows, "money": {4}, "numbers": {1, 2, 3}}
        if total and rows:
            out["total"] = ["Tổng cộng", *[sum(r[i] for r in rows) for i in range(1, 5)]]
        return out

    t, p = report["total"], report["priority"]
    summary = {"title": "Tổng hợp", "columns": ["Chỉ tiêu", "Số liệu"], "numbers": {1}, "money": set(), "rows": [
        ["Tổng số khen thưởng", t.total], ["Cá nhân", t.individuals], ["Tập thể", t.collectives],
        ["Tổng tiền thưởng (đồng)", t.money], ["Khen thưởng chưa ghi số tiền", report["unpaid"]],
        ["Cá nhân trực tiếp lao động, công tác", p["direct"]],
        ["Tỷ lệ cá nhân trực tiếp lao động, công tác (%)", share(p["direct_share"])],
        ["Tập thể nhỏ", p["small"]], ["Tỷ lệ tập thể nhỏ (%)", share(p["small_share"])]]}
    if report["change"]:
        summary["rows"].append([f"So với năm {report['year'] - 1}: số khen thưởng tăng (+) / giảm (−)",
                                report["change"]["awards"]])
    summary["money_rows"] = {3}
    out = [summary,
           lines("Theo danh hiệu, hình thức", "Danh hiệu, hình thức", report["by_award"]),
           lines("Theo cấp quyết định", "Cấp quyết định", report["by_level"]),
           lines("Tiền thưởng theo nguồn", "Nguồn ghi nhận", report["by_source"]),
           lines("Theo đơn vị", "Đơn vị", report["per_unit"]),
           lines("Qua các năm", "Năm", report["years"], total=False)]
    movement_rows = [[m["movement"].name, tg["label"], share(tg["threshold"]),
                      share(tg["value"]), "Đạt" if tg["met"] else "Chưa đạt"]
                     for m in report["movements"] for tg in m["targets"]]
    out.append({"title": "Phong trào, chỉ tiêu", "columns": ["Phong trào", "Chỉ tiêu", "Mức (%)", "Kết quả (%)", "Đánh giá"],
                "rows": movement_rows, "numbers": set(), "money": set()})
    out.append({"title": "Tiến độ kế hoạch", "columns": ["Mốc tiến độ", "Hạn cuối", "Số đơn vị", "Đúng hạn", "Trễ hạn",
                                                         "Chưa thực hiện", "Tỷ lệ đúng hạn (%)"],
                "rows": [[r["milestone"].title, f"{r['milestone'].due_on:%d/%m/%Y}", r["expected"], r["on_time"],
                          r["late"], r["missing"], share(r["share"])] for r in report["milestones"]],
                "numbers": {2, 3, 4, 5}, "money": set()})
    for extra in ("initiatives", "exemplars", "clusters"):
        section = report.get(extra)
        if section and section.get("table"):
            out.append(section["table"])
    return out


# --- Excel ---------------------------------------------------------------------------------------

def workbook(report) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    unit, year = report["unit"], report["year"]
    for table in tables(report):
        ws = wb.create_sheet(table["title"][:31])
        n = len(table["columns"])
        set_cell(ws.cell(row=1, column=1), f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {year} — {unit.name}")
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
        set_cell(ws.cell(row=2, column=1), table["title"])
        ws.cell(row=2, column=1).font = Font(italic=True)
        header = 4
        for i, label in enumerate(table["columns"], start=1):
            c = ws.cell(row=header, column=i)
            set_cell(c, label)
            c.font, c.border = Font(bold=True), BOX
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[get_column_letter(i)].width = 46 if i == 1 else 16
        rows = list(table["rows"])
        if table.get("total"):
            rows.append(table["total"])
        for r, values in enumerate(rows, start=header + 1):
            for i, value in enumerate(values):
                c = ws.cell(row=r, column=i + 1)
                set_cell(c, value)
                c.border = BOX
                if isinstance(value, int) and (i in table["money"] or (r - header - 1) in table.get("money_rows", ())):
                    c.number_format = MONEY
                elif isinstance(value, int):
                    c.number_format = "#,##0"
            if table.get("total") and values is table["total"]:
                for i in range(n):
                    ws.cell(row=r, column=i + 1).font = Font(bold=True)
        ws.freeze_panes = ws.cell(row=header + 1, column=2)
    return to_bytes(wb)


# --- Word ----------------------------------------------------------------------------------------

def _heading(doc, unit, day, number=""):
    h = nd30.heading(unit, day=day, number=number)
    left, right = 64, TEXT_WIDTH_MM - 64
    t = borderless_table(doc, [left, right], rows=2)
    body, nation = t.cell(0, 0), t.cell(0, 1)
    first = True
    if h["superior"]:
        para(body, h["superior"], size=12, align=CENTER, after=0, reuse=True)
        first = False
    for line in h["body_lines"]:
        para(body, line, bold=True, size=12.5, align=CENTER, after=0, reuse=first)
        first = False
    rule(body, 24, left)
    para(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12.5, align=CENTER, after=0, reuse=True)
    para(nation, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=CENTER, after=0)
    rule(nation, 60, right)
    para(t.cell(1, 0), f"Số: {number}" if number else "Số:      /BC-UBND", size=13, align=CENTER, before=6, after=0, reuse=True)
    para(t.cell(1, 1), h["place_date"], italic=True, size=14, align=CENTER, before=6, after=0, reuse=True)


def _widths(t, widths_mm):
    """Column widths that Word and LibreOffice both keep: the grid's and every cell's, no autofit."""
    t.autofit = False
    for i, w in enumerate(widths_mm):
        t.columns[i].width = Mm(w)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)


def _grid(doc, table, size=11):
    cols = table["columns"]
    rows = list(table["rows"]) + ([table["total"]] if table.get("total") else [])
    widths = [TEXT_WIDTH_MM - 24 * (len(cols) - 1)] + [24] * (len(cols) - 1) if len(cols) > 2 else [120, TEXT_WIDTH_MM - 120]
    t = doc.add_table(rows=1 + len(rows), cols=len(cols))
    t.style = "Table Grid"
    _widths(t, widths)
    # Rows and cells are walked once each (python-docx's table.cell() reads the whole grid on every call).
    all_rows = list(t.rows)
    for i, cell in enumerate(all_rows[0].cells):
        para(cell, cols[i], bold=True, size=size, align=CENTER, after=0, reuse=True)
    for row, values in zip(all_rows[1:], rows):
        bold = table.get("total") is not None and values is table["total"]
        for i, (cell, value) in enumerate(zip(row.cells, values)):
            if isinstance(value, int):
                text, align = number(value), (CENTER if i not in table["money"] else None)
            else:
                text, align = str(value), (LEFT if i == 0 else CENTER)
            para(cell, text, bold=bold, size=size, align=align, after=0, reuse=True)
    para(doc, "", after=0)
    return t


def report_docx(report, *, day=None) -> bytes:
    """The report in the layout of Nghị định 30/2020: heading, "BÁO CÁO", its subject, the figures as sentences
    and tables, the charts as images, the place for the signature."""
    unit, year = report["unit"], report["year"]
    doc = new_document(f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {year}")
    _heading(doc, unit, day or date.today())
    para(doc, "BÁO CÁO", bold=True, align=CENTER, before=12, after=0)
    para(doc, f"Tổng kết công tác thi đua, khen thưởng năm {year}", bold=True, align=CENTER, after=0)
    rule(doc, 40, TEXT_WIDTH_MM, after=6)
    t, p = report["total"], report["priority"]
    para(doc, "I. KẾT QUẢ CÔNG TÁC KHEN THƯỞNG", bold=True, align=JUSTIFY, before=6)
    text = (f"Năm {year}, {level_name(unit)} đã khen thưởng {number(t.total)} lượt, trong đó {number(t.individuals)} "
            f"cá nhân và {number(t.collectives)} tập thể; tổng số tiền thưởng {format_money(t.money)}")
    text += (f" ({number(report['unpaid'])} lượt chưa ghi số tiền)." if report["unpaid"] else ".")
    para(doc, text, align=JUSTIFY, first_line=12.7)
    para(doc, f"Khen thưởng cá nhân trực tiếp lao động, công tác: {number(p['direct'])}/{number(p['individuals'])} "
              f"({share(p['direct_share'])}); tập thể nhỏ: {number(p['small'])}/{number(p['collectives'])} "
              f"({share(p['small_share'])}).", align=JUSTIFY, first_line=12.7)
    if report["change"]:
        c = report["change"]
        para(doc, f"So với năm {year - 1}: số khen thưởng {'tăng' if c['awards'] >= 0 else 'giảm'} "
                  f"{number(abs(c['awards']))} lượt; tiền thưởng {'tăng' if c['money'] >= 0 else 'giảm'} "
                  f"{format_money(abs(c['money']))}.", align=JUSTIFY, first_line=12.7)
    images = {c.key: c for c in charts.report_charts(report)}
    chart_after = {"Theo danh hiệu, hình thức": "khen-thuong", "Theo cấp quyết định": "cap", "Qua các năm": "cac-nam",
                   "Theo đơn vị": "don-vi"}
    for i, table in enumerate(tables(report)[1:], start=1):
        if not table["rows"]:
            continue
        para(doc, f"{i}. {table['title']}", bold=True, align=JUSTIFY, before=6, keep_next=True)
        _grid(doc, table)
        key = chart_after.get(table["title"])
        for k in ([key, "tien-cac-nam"] if key == "cac-nam" else [key]):
            if k in images:
                doc.add_picture(io.BytesIO(charts.png(images[k])), width=Mm(TEXT_WIDTH_MM))
    para(doc, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM " + str(year + 1), bold=True, align=JUSTIFY, before=6)
    para(doc, "(Cơ quan thường trực bổ sung.)", italic=True, align=JUSTIFY, first_line=12.7)
    signature = borderless_table(doc, [60, TEXT_WIDTH_MM - 60])
    para(signature.cell(0, 0), "Nơi nhận:", bold=True, italic=True, size=12, after=0, reuse=True)
    para(signature.cell(0, 0), "- Như trên;", size=11, after=0)
    para(signature.cell(0, 0), "- Lưu: VT.", size=11, after=0)
    for j, line in enumerate(nd30.signer_block("chairman", on_behalf="committee") if unit.kind in ADMINISTRATIVE_KINDS
                             else ["THỦ TRƯỞNG ĐƠN VỊ"]):
        para(signature.cell(0, 1), line, bold=True, size=13, align=CENTER, after=0, reuse=j == 0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- the conference's programme ----------------------------------------------------------------------

def programme_items(report, turns, start="08:00"):
    """The programme: (time, item) from ``start``, each item its usual length in minutes."""
    year, t = report["year"], report["total"]
    honours = ("Công bố quyết định khen thưởng và trao thưởng: "
               + "; ".join(f"lượt {x['turn']}: {x['award']} ({x['count']} {'tập thể' if x['collective'] else 'cá nhân'})"
                           for x in turns[:8])
               + ("; …" if len(turns) > 8 else ""))
    items = [(15, "Đón tiếp đại biểu; văn nghệ chào mừng"),
             (10, "Chào cờ; tuyên bố lý do, giới thiệu đại biểu"),
             (30, f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {year} và phương hướng, nhiệm vụ năm {year + 1} "
                  f"({number(t.total)} lượt khen thưởng, {format_money(t.money)})"),
             (30, "Tham luận của các đơn vị điển hình"),
             (max(10, 3 * len(turns)), honours if turns else "Công bố quyết định khen thưởng và trao thưởng"),
             (15, "Phát biểu chỉ đạo của lãnh đạo"),
             (10, f"Phát động phong trào thi đua năm {year + 1}; ký giao ước thi đua"),
             (5, "Bế mạc hội nghị")]
    hour, minute = (int(x) for x in start.split(":"))
    now = hour * 60 + minute
    out = []
    for minutes, text in items:
        out.append((f"{now // 60:02d}:{now % 60:02d}", text))
        now += minutes
    return out


def programme_docx(report, turns, *, day=None, start="08:00", place="") -> bytes:
    """One page: who holds the conference, its name, when and where, and the programme as a table."""
    unit, year = report["unit"], report["year"]
    doc = new_document(f"Chương trình Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}")
    _heading(doc, unit, day)
    para(doc, "CHƯƠNG TRÌNH", bold=True, align=CENTER, before=12, after=0)
    para(doc, f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}", bold=True, align=CENTER, after=0)
    rule(doc, 40, TEXT_WIDTH_MM, after=6)
    when = f"{start.replace(':', ' giờ ')} phút" + (f", ngày {day:%d/%m/%Y}" if day else ", ngày    /    /    ")
    para(doc, f"Thời gian: {when}.", align=JUSTIFY, first_line=12.7, after=0)
    para(doc, f"Địa điểm: {place or '…'}.", align=JUSTIFY, first_line=12.7)
    items = programme_items(report, turns, start)
    t = doc.add_table(rows=1 + len(items), cols=2)
    t.style = "Table Grid"
    _widths(t, (25, TEXT_WIDTH_MM - 25))
    para(t.cell(0, 0), "Thời gian", bold=True, size=13, align=CENTER, after=0, reuse=True)
    para(t.cell(0, 1), "Nội dung", bold=True, size=13, align=CENTER, after=0, reuse=True)
    for r, (time_, text) in enumerate(items, start=1):
        para(t.cell(r, 0), time_, size=13, align=CENTER, after=0, reuse=True)
        para(t.cell(r, 1), text, size=13, align=JUSTIFY, after=0, reuse=True)
    para(doc, "", after=0)
    sign = borderless_table(doc, [60, TEXT_WIDTH_MM - 60])
    para(sign.cell(0, 1), "BAN TỔ CHỨC", bold=True, size=13, align=CENTER, after=0, reuse=True)
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Mm(15)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

