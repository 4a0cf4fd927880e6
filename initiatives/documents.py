"""The initiative council's minutes (Biên bản họp Hội đồng sáng kiến) as Word: the issuing lines and date of the
unit (Nghị định 30/2020/NĐ-CP layout, documents.nd30), the council's members, the initiative and its authors, each
member's sheet, the result by the rule kept at the review's opening (with its legal basis), and the signatures."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from documents import nd30

DOCX = nd30.DOCX


def _p(doc, text="", *, bold=False, italic=False, align=None, size=13, space_after=4):
    para = doc.add_paragraph()
    run = para.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = "Times New Roman"
    if align is not None:
        para.alignment = align
    para.paragraph_format.space_after = Pt(space_after)
    return para


def _cell(cell, text, *, bold=False, align=None):
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(12)
    run.font.name = "Times New Roman"
    if align is not None:
        cell.paragraphs[0].alignment = align


def minutes_docx(initiative, result, sheets, authors, day) -> bytes:
    """``result``: actions.review_result; ``sheets``: the round's Score rows (with member); ``authors``: Authorship
    rows (with person); ``day``: the meeting's date (the review's opening)."""
    council, unit = initiative.council, initiative.unit
    doc = Document()
    for section in doc.sections:
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    block = nd30.issuing_block(unit, "Hội đồng sáng kiến")
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.rows[0].cells
    left.text = ""
    lines = [block.get("superior", "")] + list(block.get("body_lines", []) or [])
    superior = 1 if block.get("superior") else 0
    for n, line in enumerate(x for x in lines if x):
        para = left.paragraphs[0] if n == 0 else left.add_paragraph()
        run = para.add_run(line)
        run.bold = n >= superior
        run.font.size = Pt(12)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.text = ""
    for n, line in enumerate(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                              nd30.document_date(day, nd30.document_place(unit))]):
        para = right.paragraphs[0] if n == 0 else right.add_paragraph()
        run = para.add_run(line)
        run.bold, run.italic = n < 2, n == 2
        run.font.size = Pt(12)
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _p(doc)
    _p(doc, "BIÊN BẢN", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, space_after=0)
    _p(doc, f"Họp Hội đồng sáng kiến xét sáng kiến “{initiative.title}”", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    basis = f"theo Quyết định số {council.number}" + (f" ngày {council.signed_on:%d/%m/%Y}" if council.signed_on else "") \
        if council.number else ""
    _p(doc, f"Hội đồng sáng kiến {unit.name} năm {council.year}{(' ' + basis) if basis else ''} họp ngày "
            f"{day:%d/%m/%Y}, lần xét thứ {initiative.round}.")
    _p(doc, "I. THÀNH PHẦN HỘI ĐỒNG", bold=True)
    for m in council.members.all():
        _p(doc, f"- {m.full_name}, {m.job_title + ', ' if m.job_title else ''}{m.get_role_display()}")
    _p(doc, "II. SÁNG KIẾN ĐƯỢC XÉT", bold=True)
    _p(doc, f"Mã sáng kiến: {initiative.code}. Tên sáng kiến: {initiative.title}.")
    _p(doc, "Tác giả: " + "; ".join(
        f"{a.person.full_name}" + (f" ({a.share.normalize():f}%)" if a.share is not None else "") for a in authors) + ".")
    if initiative.applied_where:
        since = f", từ ngày {initiative.applied_since:%d/%m/%Y}" if initiative.applied_since else ""
        _p(doc, f"Nơi áp dụng: {initiative.applied_where}{since}.")
    for label, text in (("Thực trạng, vấn đề cần giải quyết", initiative.problem), ("Nội dung giải pháp", initiative.solution),
                        ("Hiệu quả dự kiến", initiative.effect_expected), ("Hiệu quả đã đạt được", initiative.effect_measured)):
        if text:
            _p(doc, f"{label}: {text}")
    mode = result.rules.get("mode")
    _p(doc, "III. KẾT QUẢ " + ("CHẤM ĐIỂM" if mode == "score" else "BIỂU QUYẾT"), bold=True)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["STT", "Thành viên", "Điểm" if mode == "score" else "Biểu quyết", "Nhận xét"]):
        _cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for n, s in enumerate(sheets, 1):
        row = table.add_row().cells
        vote = (f"{s.total:.2f}" if s.total is not None else "") if mode == "score" else ("Đồng ý" if s.agree else "Không đồng ý")
        for cell, text in zip(row, [str(n), s.member.full_name, vote, s.comment]):
            _cell(cell, text)
    _p(doc)
    _p(doc, f"Kết quả: {result.text}")
    conclusion = ("Hội đồng thống nhất đề nghị người đứng đầu công nhận sáng kiến, phạm vi ảnh hưởng cấp cơ sở."
                  if result.passed else "Sáng kiến chưa được Hội đồng thông qua.")
    _p(doc, f"Kết luận: {conclusion}", bold=True)
    if result.rules.get("legal_basis"):
        _p(doc, f"Cách đánh giá theo: {result.rules['legal_basis']}", italic=True, size=11)
    sign = doc.add_table(rows=1, cols=2)
    chair = next((m for m in council.members.all() if m.role == "chair"), None)
    secretary = next((m for m in council.members.all() if m.role == "secretary"), None)
    for cell, title, m in zip(sign.rows[0].cells, ["THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG"], [secretary, chair]):
        _cell(cell, title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        para = cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run("(Ký, ghi rõ họ tên)").italic = True
        for _ in range(3):
            cell.add_paragraph()
        last = cell.add_paragraph()
        last.alignment = WD_ALIGN_PARAGRAPH.CENTER
        last.add_run(m.full_name if m else "").bold = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
