"""Generate the Word templates in documents/templates/ (run once, commit the .docx).

    .venv/bin/python -m documents.build_templates

The layout follows Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức văn bản hành
chính): A4, Times New Roman; margins top and bottom 20 mm, left 30 mm, right
15 mm; the issuing body top-left with the number below it, the Quốc hiệu and
tiêu ngữ top-right with the place and date in italics below, the document kind
and trích yếu centred, "Nơi nhận:" bottom-left and the signer bottom-right;
page numbers centred at the top from the second page.

The files carry Jinja tags that docxtpl fills (plans/documents.py and
registration/documents.py name the variables). Each tag is written as a single
run so that it survives; staff can restyle the documents in Word, keeping the
tags.
"""

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
OUT = Path(__file__).resolve().parent / "templates"
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 less the left and right margins

CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)

# pPr children that must follow w:pBdr (OOXML sequence), for insert_element_before.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")


def new_document(title):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)

    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rpr.append(lang)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.0
    # The default docDefaults of python-docx's template use theme fonts; fix them too.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), FONT)

    # Page number centred in the header from page 2 (NĐ 30/2020, Phụ lục I, mục II.11).
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)

    doc.core_properties.title = title
    doc.core_properties.author = "tdkt"
    doc.core_properties.language = "vi-VN"
    # python-docx's template starts with one empty paragraph: drop it.
    body = doc.element.body
    for child in list(body):
        if child.tag == qn("w:p"):
            body.remove(child)
    return doc


def para(container, text="", *, bold=False, italic=False, size=None, align=None, first_line=None, before=None,
         after=None, keep_next=False, reuse=False, runs=None):
    """A paragraph; ``runs`` = [(text, {"bold": …, "italic": …})] for mixed formatting.
    ``reuse`` fills the empty first paragraph a table cell starts with."""
    p = container.paragraphs[0] if reuse else container.add_paragraph()
    for t, style in runs or [(text, {})]:
        if not t:
            continue
        r = p.add_run(t)
        r.bold = style.get("bold", bold) or None
        r.italic = style.get("italic", italic) or None
        if style.get("size", size):
            r.font.size = Pt(style.get("size", size))
    f = p.paragraph_format
    if align is not None:
        p.alignment = align
    if first_line is not None:
        f.first_line_indent = Mm(first_line)
    if before is not None:
        f.space_before = Pt(before)
    if after is not None:
        f.space_after = Pt(after)
    if keep_next:
        f.keep_with_next = True
    return p


def tag(container, jinja, reuse=False):
    """A paragraph holding only a {%p … %} tag: docxtpl removes the paragraph itself."""
    return para(container, jinja, reuse=reuse, after=0)


def rule(container, width_mm, box_mm, after=0):
    """A solid line ``width_mm`` long, centred in a box ``box_mm`` wide: the short rule under
    the issuing body, the tiêu ngữ and the trích yếu. It is an empty paragraph of 1 pt with a
    bottom border, so that its indents shorten the line and not the text above it."""
    p = container.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)
    side = max(0.0, (box_mm - width_mm) / 2)
    f = p.paragraph_format
    f.left_indent, f.right_indent = Mm(side), Mm(side)
    f.space_before, f.space_after = Pt(0), Pt(after)
    f.line_spacing = Pt(1)
    # The paragraph mark's own size (pPr/rPr) sets the height of an empty paragraph.
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark.append(size)
    ppr.insert_element_before(mark, "w:sectPr", "w:pPrChange")
    return p


def borderless_table(doc, widths_mm, rows=1):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
        for cell in table.columns[i].cells:
            cell.width = Mm(w)
    return table


def grid_table(doc, headers, widths_mm, cells, size=13):
    """A bordered table: a header row (repeated on each page), then the loop rows:
    a {%tr for %} row, the row of ``cells`` (one Jinja expression each), a {%tr endfor %} row.
    No row is split across two pages (Word's "cantSplit"): a name or an amount never starts on one page and ends
    on the next."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, w in enumerate(widths_mm):
        table.columns[i].width = Mm(w)
        for cell in table.columns[i].cells:
            cell.width = Mm(w)
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    trpr.append(repeat)
    for cell, text in zip(header.cells, headers):
        para(cell, text, bold=True, size=size, align=CENTER, after=2, before=2, reuse=True)
    loop_open, row, loop_close = table.rows[1], table.rows[2], table.rows[3]
    for kept in (header, row):
        kept._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    para(loop_open.cells[0], cells[0], reuse=True, size=size, after=0)
    para(loop_close.cells[0], "{%tr endfor %}", reuse=True, size=size, after=0)
    for cell, (expr, align) in zip(row.cells, cells[1]):
        para(cell, expr, size=size, align=align, after=2, before=2, reuse=True)
    return table


def heading_block(doc, number_line=True):
    """Issuing body | Quốc hiệu and tiêu ngữ; number | place and date (NĐ 30/2020, Phụ lục I,
    mục II.1–4: cơ quan chủ quản 12–13 pt, tên cơ quan ban hành 12–13 pt đậm, Quốc hiệu 12–13 pt
    đậm, tiêu ngữ 13–14 pt đậm, số 13 pt, địa danh và ngày tháng 13–14 pt nghiêng)."""
    left, right = 64, TEXT_WIDTH_MM - 64
    t = borderless_table(doc, [left, right], rows=2)
    body, nation = t.cell(0, 0), t.cell(0, 1)
    tag(body, "{%p if superior %}", reuse=True)
    para(body, "{{ superior }}", size=12, align=CENTER, after=0)
    tag(body, "{%p endif %}")
    tag(body, "{%p for line in body_lines %}")
    para(body, "{{ line }}", bold=True, size=12.5, align=CENTER, after=0)
    tag(body, "{%p endfor %}")
    rule(body, 24, left)
    para(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12.5, align=CENTER, after=0, reuse=True)
    para(nation, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=CENTER, after=0)
    rule(nation, 60, right)
    number, place = t.cell(1, 0), t.cell(1, 1)
    if number_line:
        para(number, runs=[("Số: ", {}), ("{{ number }}", {})], size=13, align=CENTER, before=6, after=0, reuse=True)
    para(place, "{{ place_date }}", italic=True, size=14, align=CENTER, before=6, after=0, reuse=True)
    return t


def signature_block(doc, recipients=True):
    # The right column is wide enough for "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" on one line at 13 pt.
    t = borderless_table(doc, [60, TEXT_WIDTH_MM - 60])
    left, right = t.cell(0, 0), t.cell(0, 1)
    if recipients:
        para(left, "Nơi nhận:", bold=True, italic=True, size=12, after=0, reuse=True)
        tag(left, "{%p for r in recipients %}")
        para(left, "- {{ r }}", size=11, after=0)
        tag(left, "{%p endfor %}")
    tag(right, "{%p for line in signer_lines %}", reuse=True)
    para(right, "{{ line }}", bold=True, size=13, align=CENTER, after=0)
    tag(right, "{%p endfor %}")
    para(right, "{{ signer_note }}", italic=True, size=13, align=CENTER, after=0)
    for _ in range(4):
        para(right, "", after=0)
    para(right, "{{ signer_name }}", bold=True, size=13, align=CENTER, after=0)
    return t


def body_paragraphs(doc, loop):
    tag(doc, "{%p for t in " + loop + " %}")
    para(doc, "{{ t }}", align=JUSTIFY, first_line=12.7)
    tag(doc, "{%p endfor %}")


def section_heading(doc, text):
    return para(doc, text, bold=True, align=JUSTIFY, first_line=12.7, before=6, keep_next=True)


def build_plan():
    doc = new_document("Kế hoạch công tác thi đua, khen thưởng")
    heading_block(doc)
    tag(doc, "{%p if draft %}")
    para(doc, "DỰ THẢO", bold=True, size=13, align=RIGHT, before=6, after=0)
    tag(doc, "{%p endif %}")
    para(doc, "KẾ HOẠCH", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "{{ subject }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    rule(doc, 40, TEXT_WIDTH_MM, after=12)

    tag(doc, "{%p if parent_citation %}")
    para(doc, "Thực hiện {{ parent_citation }};", align=JUSTIFY, first_line=12.7)
    tag(doc, "{%p endif %}")
    para(doc, "{{ issuer }} ban hành Kế hoạch {{ subject_lower }} như sau:", align=JUSTIFY, first_line=12.7)

    section_heading(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    section_heading(doc, "1. Mục đích")
    body_paragraphs(doc, "purposes")
    section_heading(doc, "2. Yêu cầu")
    body_paragraphs(doc, "requirements")

    section_heading(doc, "II. NỘI DUNG")
    body_paragraphs(doc, "content")
    tag(doc, "{%p if movements %}")
    section_heading(doc, "Các phong trào thi đua")
    tag(doc, "{%p for m in movements %}")
    para(doc, runs=[("- {{ m.title }}", {"bold": True}), ("{{ m.tail }}", {})], align=JUSTIFY, first_line=12.7)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    section_heading(doc, "III. TỔ CHỨC THỰC HIỆN")
    tag(doc, "{%p for task in tasks %}")
    para(doc, "{{ loop.index }}. {{ task.responsible }}", bold=True, align=JUSTIFY, first_line=12.7, keep_next=True)
    tag(doc, "{%p for t in task.paragraphs %}")
    para(doc, "{{ t }}", align=JUSTIFY, first_line=12.7)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    section_heading(doc, "IV. TIẾN ĐỘ THỰC HIỆN")
    grid_table(doc, ["STT", "Nội dung", "Hạn cuối (hết ngày)", "Ghi chú"], [13, 92, 30, 30], (
        "{%tr for m in milestones %}",
        [("{{ loop.index }}", CENTER), ("{{ m.title }}", JUSTIFY), ("{{ m.due }}", CENTER), ("{{ m.note }}", LEFT)],
    ))
    para(doc, "", after=0)
    para(doc, "{{ closing }}", align=JUSTIFY, first_line=12.7, before=6, after=12)
    signature_block(doc)
    path = OUT / "plan.docx"
    doc.save(path)
    return path


def build_registrations():
    doc = new_document("Tổng hợp đăng ký thi đua, khen thưởng")
    heading_block(doc, number_line=False)
    para(doc, "DANH SÁCH", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "Đăng ký thi đua, khen thưởng năm {{ year }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    para(doc, "(Thực hiện {{ plan_citation }})", italic=True, size=13, align=CENTER, after=0)
    rule(doc, 40, TEXT_WIDTH_MM, after=12)

    para(doc, "{{ summary }}", align=JUSTIFY, first_line=12.7)

    section_heading(doc, "I. TÌNH HÌNH ĐĂNG KÝ CỦA CÁC ĐƠN VỊ")
    grid_table(doc, ["STT", "Đơn vị", "Tình trạng", "Tập thể", "Cá nhân"], [13, 55, 67, 15, 15], (
        "{%tr for u in units %}",
        [("{{ loop.index }}", CENTER), ("{{ u.name }}", LEFT), ("{{ u.status }}", LEFT),
         ("{{ u.collectives }}", CENTER), ("{{ u.individuals }}", CENTER)],
    ))

    section_heading(doc, "II. DANH SÁCH ĐĂNG KÝ THEO DANH HIỆU, HÌNH THỨC")
    tag(doc, "{%p if not awards %}")
    para(doc, "Chưa có đơn vị nào gửi đăng ký.", italic=True, align=JUSTIFY, first_line=12.7)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for a in awards %}")
    para(doc, "{{ loop.index }}. {{ a.name }} ({{ a.count }})", bold=True, align=JUSTIFY, first_line=12.7, before=6, keep_next=True)
    grid_table(doc, ["STT", "{{ a.subject_header }}", "{{ a.detail_header }}", "Đơn vị đăng ký"], [13, 52, 60, 40], (
        "{%tr for r in a.rows %}",
        [("{{ loop.index }}", CENTER), ("{{ r.name }}", LEFT), ("{{ r.detail }}", LEFT), ("{{ r.registrant }}", LEFT)],
    ))
    tag(doc, "{%p endfor %}")
    para(doc, "", after=6)
    signature_block(doc, recipients=False)
    path = OUT / "registrations.docx"
    doc.save(path)
    return path


def build_proposal():
    """Tờ trình đề nghị khen thưởng (the unit to the authority), with the list of lines."""
    doc = new_document("Tờ trình đề nghị khen thưởng")
    heading_block(doc)
    para(doc, "TỜ TRÌNH", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "{{ subject }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    rule(doc, 40, TEXT_WIDTH_MM, after=6)
    para(doc, "Kính gửi: {{ addressee }}.", align=CENTER, after=12)
    body_paragraphs(doc, "intro")
    grid_table(doc, ["STT", "Cá nhân, tập thể", "Đơn vị", "Danh hiệu, hình thức", "Tóm tắt thành tích"], [12, 40, 38, 35, 40], (
        "{%tr for r in rows %}",
        [("{{ r.n }}", CENTER), ("{{ r.name }}", LEFT), ("{{ r.unit }}", LEFT), ("{{ r.award }}", LEFT), ("{{ r.summary }}", JUSTIFY)],
    ), size=12)
    para(doc, "", after=0)
    body_paragraphs(doc, "closing")
    signature_block(doc)
    path = OUT / "proposal.docx"
    doc.save(path)
    return path


def build_achievement_report():
    """Báo cáo thành tích of one person or collective, prefilled with the history kept in the system."""
    doc = new_document("Báo cáo thành tích")
    t = borderless_table(doc, [64, TEXT_WIDTH_MM - 64])
    # A collective's report carries its unit under the unit above it; a person's none (the person reports).
    left = t.cell(0, 0)
    tag(left, "{%p if superior %}", reuse=True)
    para(left, "{{ superior }}", size=12, align=CENTER, after=0)
    tag(left, "{%p endif %}")
    tag(left, "{%p for line in body_lines %}")
    para(left, "{{ line }}", bold=True, size=12.5, align=CENTER, after=0)
    tag(left, "{%p endfor %}")
    tag(left, "{%p if body_lines %}")
    rule(left, 24, 64)
    tag(left, "{%p endif %}")
    para(t.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12.5, align=CENTER, after=0, reuse=True)
    para(t.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=CENTER, after=0)
    rule(t.cell(0, 1), 60, TEXT_WIDTH_MM - 64)
    para(t.cell(0, 1), "{{ place_date }}", italic=True, size=14, align=CENTER, before=6, after=0)
    para(doc, "BÁO CÁO THÀNH TÍCH", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "Đề nghị tặng {{ award }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    rule(doc, 40, TEXT_WIDTH_MM, after=12)
    section_heading(doc, "I. SƠ LƯỢC LÝ LỊCH")
    tag(doc, "{%p for f in facts %}")
    para(doc, "- {{ f }}", align=JUSTIFY, first_line=12.7, after=0)
    tag(doc, "{%p endfor %}")
    section_heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    body_paragraphs(doc, "achievements")
    tag(doc, "{%p if ratings %}")
    para(doc, "Kết quả đánh giá, xếp loại các năm:", italic=True, align=JUSTIFY, first_line=12.7)
    grid_table(doc, ["Năm", "Kết quả đánh giá, xếp loại"], [30, 135], (
        "{%tr for r in ratings %}", [("{{ r.year }}", CENTER), ("{{ r.level }}", LEFT)],
    ), size=12)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if initiatives %}")
    para(doc, "Sáng kiến được công nhận:", italic=True, align=JUSTIFY, first_line=12.7, before=6)
    tag(doc, "{%p for i in initiatives %}")
    para(doc, "- {{ i }}", align=JUSTIFY, first_line=12.7, after=0)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    section_heading(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    tag(doc, "{%p if awards %}")
    grid_table(doc, ["Năm", "Danh hiệu, hình thức", "Số, ngày quyết định"], [20, 85, 60], (
        "{%tr for a in awards %}", [("{{ a.year }}", CENTER), ("{{ a.name }}", LEFT), ("{{ a.decision }}", LEFT)],
    ), size=12)
    tag(doc, "{%p else %}")
    para(doc, "Chưa có.", italic=True, align=JUSTIFY, first_line=12.7)
    tag(doc, "{%p endif %}")
    para(doc, "", after=6)
    t = borderless_table(doc, [TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2])
    para(t.cell(0, 0), "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN", bold=True, size=13, align=CENTER, after=0, reuse=True)
    para(t.cell(0, 0), "(Ký, đóng dấu)", italic=True, size=13, align=CENTER, after=0)
    para(t.cell(0, 1), "{{ signer_title }}", bold=True, size=13, align=CENTER, after=0, reuse=True)
    para(t.cell(0, 1), "(Ký, ghi rõ họ và tên)", italic=True, size=13, align=CENTER, after=0)
    for _ in range(4):
        para(t.cell(0, 1), "", after=0)
    para(t.cell(0, 1), "{{ signer_name }}", bold=True, size=13, align=CENTER, after=0)
    path = OUT / "achievement_report.docx"
    doc.save(path)
    return path


def build_review_minutes():
    """Biên bản họp bình xét of the unit, prefilled with the list it proposes (counts left to fill by hand)."""
    doc = new_document("Biên bản họp bình xét thi đua, khen thưởng")
    heading_block(doc, number_line=False)
    para(doc, "BIÊN BẢN", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "Họp bình xét thi đua, khen thưởng năm {{ year }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    rule(doc, 40, TEXT_WIDTH_MM, after=12)
    para(doc, "Thời gian: ........ giờ ........, ngày ........ tháng ........ năm ............", align=JUSTIFY, first_line=12.7)
    para(doc, "Địa điểm: {{ unit }}.", align=JUSTIFY, first_line=12.7)
    para(doc, "Thành phần: ........ / ........ cán bộ, công chức, viên chức, người lao động có mặt.", align=JUSTIFY, first_line=12.7)
    para(doc, "Chủ trì: ..........................................; Thư ký: ..........................................", align=JUSTIFY, first_line=12.7)
    section_heading(doc, "Kết quả bình xét (biểu quyết hoặc bỏ phiếu)")
    grid_table(doc, ["STT", "Cá nhân, tập thể", "Danh hiệu, hình thức", "Số phiếu đồng ý", "Tỷ lệ"], [12, 58, 50, 25, 20], (
        "{%tr for r in rows %}",
        [("{{ r.n }}", CENTER), ("{{ r.name }}", LEFT), ("{{ r.award }}", LEFT), ("", CENTER), ("", CENTER)],
    ), size=12)
    para(doc, "Cuộc họp kết thúc lúc ........ giờ ........ cùng ngày./.", align=JUSTIFY, first_line=12.7, before=6)
    t = borderless_table(doc, [TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2])
    para(t.cell(0, 0), "THƯ KÝ", bold=True, size=13, align=CENTER, after=0, reuse=True)
    para(t.cell(0, 1), "CHỦ TRÌ", bold=True, size=13, align=CENTER, after=0, reuse=True)
    path = OUT / "review_minutes.docx"
    doc.save(path)
    return path


def build_council_minutes():
    """Biên bản họp Hội đồng Thi đua - Khen thưởng, with the counts of the closed ballot."""
    doc = new_document("Biên bản họp Hội đồng Thi đua - Khen thưởng")
    heading_block(doc, number_line=False)
    para(doc, "BIÊN BẢN", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "{{ subject }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    rule(doc, 40, TEXT_WIDTH_MM, after=12)
    body_paragraphs(doc, "intro")
    section_heading(doc, "Kết quả bỏ phiếu")
    grid_table(doc, ["STT", "Cá nhân, tập thể", "Danh hiệu, hình thức", "Đồng ý", "Không đồng ý", "Không có ý kiến, không tham gia", "Kết quả"],
               [10, 44, 38, 17, 19, 19, 18], (
        "{%tr for r in rows %}",
        [("{{ r.n }}", CENTER), ("{{ r.name }}", LEFT), ("{{ r.award }}", LEFT), ("{{ r.agree }}", CENTER),
         ("{{ r.disagree }}", CENTER), ("{{ r.abstain }}", CENTER), ("{{ r.result }}", CENTER)],
    ), size=11)
    para(doc, "", after=0)
    body_paragraphs(doc, "conclusion")
    t = borderless_table(doc, [TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2])
    para(t.cell(0, 0), "THƯ KÝ HỘI ĐỒNG", bold=True, size=13, align=CENTER, after=0, reuse=True)
    para(t.cell(0, 1), "CHỦ TỊCH HỘI ĐỒNG", bold=True, size=13, align=CENTER, after=0, reuse=True)
    path = OUT / "council_minutes.docx"
    doc.save(path)
    return path


def build_decision():
    """Quyết định khen thưởng with its annex list of awardees and the money."""
    doc = new_document("Quyết định khen thưởng")
    heading_block(doc)
    para(doc, "QUYẾT ĐỊNH", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "{{ subject }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    rule(doc, 40, TEXT_WIDTH_MM, after=12)
    para(doc, "{{ authority_title }}", bold=True, size=14, align=CENTER, after=12, keep_next=True)
    tag(doc, "{%p for b in bases %}")
    para(doc, "{{ b }}", italic=True, align=JUSTIFY, first_line=12.7, after=3)
    tag(doc, "{%p endfor %}")
    para(doc, "QUYẾT ĐỊNH:", bold=True, size=14, align=CENTER, before=12, after=12, keep_next=True)
    tag(doc, "{%p for a in articles %}")
    para(doc, runs=[("{{ a.head }} ", {"bold": True}), ("{{ a.text }}", {})], align=JUSTIFY, first_line=12.7)
    tag(doc, "{%p endfor %}")
    para(doc, "", after=6)
    signature_block(doc)
    # The annex, on its own page.
    p = para(doc, "", after=0)
    from docx.enum.text import WD_BREAK

    p.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "DANH SÁCH", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    para(doc, "{{ annex_title }}", bold=True, size=13, align=CENTER, after=0, keep_next=True)
    para(doc, "(Kèm theo Quyết định số {{ number }} ngày {{ date_text }} của {{ signer_authority }})", italic=True, size=13,
         align=CENTER, after=12)
    # One table per award and recipient kind, headed "I. Danh hiệu “Lao động tiên tiến” (2 cá nhân)", its rows
    # numbered from 1 (decisions/documents.py, annex_groups).
    tag(doc, "{%p for g in groups %}")
    para(doc, "{{ g.title }}", bold=True, size=13, align=LEFT, before=6, after=3, keep_next=True)
    grid_table(doc, ["STT", "Cá nhân, tập thể", "Đơn vị", "Danh hiệu, hình thức", "Số tiền (đồng)"], [12, 48, 42, 38, 25], (
        "{%tr for r in g.rows %}",
        [("{{ r.n }}", CENTER), ("{{ r.name }}", LEFT), ("{{ r.unit }}", LEFT), ("{{ r.award }}", LEFT), ("{{ r.amount }}", RIGHT)],
    ), size=12)
    tag(doc, "{%p endfor %}")
    para(doc, runs=[("Tổng cộng: ", {"bold": True}), ("{{ total }} đồng ({{ total_words }}).", {})], align=JUSTIFY, before=6)
    path = OUT / "decision.docx"
    doc.save(path)
    return path


def build_revocation():
    """Quyết định hủy bỏ quyết định khen thưởng (Luật TĐKT 2022, Điều 93.2), in the layout of the award decision,
    with its annex: each award revoked, the money to recover and the items to return."""
    doc = new_document("Quyết định hủy bỏ quyết định khen thưởng")
    heading_block(doc)
    para(doc, "QUYẾT ĐỊNH", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "{{ subject }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    rule(doc, 40, TEXT_WIDTH_MM, after=12)
    para(doc, "{{ authority_title }}", bold=True, size=14, align=CENTER, after=12, keep_next=True)
    tag(doc, "{%p for b in bases %}")
    para(doc, "{{ b }}", italic=True, align=JUSTIFY, first_line=12.7, after=3)
    tag(doc, "{%p endfor %}")
    para(doc, "QUYẾT ĐỊNH:", bold=True, size=14, align=CENTER, before=12, after=12, keep_next=True)
    tag(doc, "{%p for a in articles %}")
    para(doc, runs=[("{{ a.head }} ", {"bold": True}), ("{{ a.text }}", {})], align=JUSTIFY, first_line=12.7)
    tag(doc, "{%p endfor %}")
    para(doc, "", after=6)
    signature_block(doc)
    p = para(doc, "", after=0)
    from docx.enum.text import WD_BREAK

    p.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "DANH SÁCH", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    para(doc, "{{ annex_title }}", bold=True, size=13, align=CENTER, after=0, keep_next=True)
    para(doc, "(Kèm theo Quyết định số {{ number }} ngày {{ date_text }} của {{ signer_authority }})", italic=True, size=13,
         align=CENTER, after=12)
    grid_table(doc, ["STT", "Cá nhân, tập thể", "Đơn vị", "Khen thưởng bị hủy bỏ", "Tiền thu hồi (đồng)", "Hiện vật nộp lại"],
               [10, 36, 30, 45, 22, 22], (
        "{%tr for r in rows %}",
        [("{{ r.n }}", CENTER), ("{{ r.name }}", LEFT), ("{{ r.unit }}", LEFT), ("{{ r.award }}", LEFT),
         ("{{ r.amount }}", RIGHT), ("{{ r.to_return }}", LEFT)],
    ), size=12)
    para(doc, runs=[("Tổng số tiền thu hồi: ", {"bold": True}), ("{{ total }} đồng ({{ total_words }}).", {})], align=JUSTIFY,
         before=6)
    path = OUT / "revocation.docx"
    doc.save(path)
    return path


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for path in (build_plan(), build_registrations(), build_proposal(), build_achievement_report(), build_review_minutes(),
                 build_council_minutes(), build_decision(), build_revocation()):
        print(path)


if __name__ == "__main__":
    main()
