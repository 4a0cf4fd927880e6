"""Generate the Word template of the council's minutes (run once, commit the .docx):

    .venv/bin/python -m council.minutes_template

The layout is that of every official document of tdkt (documents/build_templates.py: Nghị định 30/2020/NĐ-CP,
Phụ lục I), whose helpers it uses; the file lives with the council (``council/data/council_minutes.docx``) and is
filled by ``council/documents.py``. Staff may restyle it in Word, keeping the Jinja tags.
"""

from pathlib import Path

from documents.build_templates import (CENTER, JUSTIFY, LEFT, TEXT_WIDTH_MM, body_paragraphs, borderless_table,
                                       grid_table, heading_block, new_document, para, rule, section_heading)

OUT = Path(__file__).resolve().parent / "data" / "council_minutes.docx"


def build(path=OUT):
    doc = new_document("Biên bản họp Hội đồng Thi đua - Khen thưởng")
    heading_block(doc, number_line=False)
    para(doc, "BIÊN BẢN", bold=True, size=14, align=CENTER, before=18, after=0, keep_next=True)
    para(doc, "{{ subject }}", bold=True, size=14, align=CENTER, after=0, keep_next=True)
    rule(doc, 40, TEXT_WIDTH_MM, after=12)
    body_paragraphs(doc, "intro")
    section_heading(doc, "I. Thành viên Hội đồng dự họp")
    grid_table(doc, ["STT", "Họ và tên", "Chức danh trong Hội đồng", "Dự họp", "Phiếu"], [10, 48, 50, 27, 30], (
        "{%tr for r in attendance %}",
        [("{{ r.n }}", CENTER), ("{{ r.name }}", LEFT), ("{{ r.title }}", LEFT), ("{{ r.present }}", CENTER),
         ("{{ r.ballot }}", CENTER)],
    ), size=11)
    para(doc, "", after=0)
    body_paragraphs(doc, "attendance_notes")
    section_heading(doc, "II. Kết quả bỏ phiếu")
    grid_table(doc, ["STT", "Cá nhân, tập thể", "Danh hiệu, hình thức", "Hình thức bỏ phiếu", "Tỷ lệ cần đạt",
                     "Đồng ý", "Không đồng ý", "Không có ý kiến", "Không tham gia", "Kết quả"],
               [8, 30, 25, 17, 27, 11, 12, 12, 12, 16], (
        "{%tr for r in rows %}",
        [("{{ r.n }}", CENTER), ("{{ r.name }}", LEFT), ("{{ r.award }}", LEFT), ("{{ r.ballot }}", CENTER),
         ("{{ r.threshold }}", LEFT), ("{{ r.agree }}", CENTER), ("{{ r.disagree }}", CENTER), ("{{ r.abstain }}", CENTER),
         ("{{ r.recused }}", CENTER), ("{{ r.result }}", CENTER)],
    ), size=10)
    para(doc, "", after=0)
    body_paragraphs(doc, "result_notes")
    section_heading(doc, "III. Căn cứ hình thức bỏ phiếu và tỷ lệ")
    body_paragraphs(doc, "bases")
    body_paragraphs(doc, "conclusion")
    t = borderless_table(doc, [TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2])
    para(t.cell(0, 0), "THƯ KÝ HỘI ĐỒNG", bold=True, size=13, align=CENTER, after=0, reuse=True)
    for _ in range(4):
        para(t.cell(0, 0), "", after=0)
    para(t.cell(0, 0), "{{ secretary }}", bold=True, size=13, align=CENTER, after=0)
    para(t.cell(0, 1), "CHỦ TỊCH HỘI ĐỒNG", bold=True, size=13, align=CENTER, after=0, reuse=True)
    for _ in range(4):
        para(t.cell(0, 1), "", after=0)
    para(t.cell(0, 1), "{{ chair }}", bold=True, size=13, align=CENTER, after=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
