"""Word documents: the plan in the layout of Nghị định 30/2020 (ready to sign), and the
decree's helpers (dates, issuing block); opened with python-docx and read."""

from datetime import date

import pytest
from django.urls import reverse
from docx.shared import Mm

from documents.nd30 import balanced_lines, document_date, issuing_lines
from movements import actions as movement_actions
from plans import actions as plan_actions
from tdkt.testing.documents import all_text, open_docx
from tdkt.testing.plans import make_ward_plan

pytestmark = pytest.mark.django_db


def lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_plan_document_has_the_official_layout(as_user, world, plan):
    movement_actions.movement_create(acting_user=world.users["specialist"], unit=world.city, plan=plan, kind="thuong_xuyen",
                            name="Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở", start=date(2022, 1, 1),
                            end=date(2022, 12, 31))
    response = as_user("officer_a").get(reverse("plans:docx", args=[plan.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-319-kh-hdtdkt.docx"'
    doc = open_docx(response)
    head = doc.tables[0]
    assert lines(head.cell(0, 0)) == ["UBND THÀNH PHỐ HÀ NỘI", "HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"]
    assert lines(head.cell(0, 1)) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(r.bold for p in head.cell(0, 1).paragraphs for r in p.runs)
    assert head.cell(1, 0).text == "Số: 319/KH-HĐTĐKT"
    place = head.cell(1, 1).paragraphs[0]
    assert place.text == "Hà Nội, ngày 24 tháng 12 năm 2021" and all(r.italic for r in place.runs)
    texts = [p.text for p in doc.paragraphs]
    i = texts.index("KẾ HOẠCH")
    assert texts[i + 1] == "Công tác thi đua, khen thưởng năm 2022"
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts and "III. TỔ CHỨC THỰC HIỆN" in texts
    assert "Công khai, minh bạch, kịp thời." in texts  # one paragraph per line of the requirements
    assert "- Phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở” (thường xuyên, 01/01/2022 - 31/12/2022)." in texts
    assert "Sở Nội vụ (cơ quan thường trực)" in " ".join(texts)
    # The timeline of milestones, as a table.
    timeline = doc.tables[1]
    rows = [[c.text for c in r.cells] for r in timeline.rows]
    assert rows[0] == ["STT", "Nội dung", "Hạn cuối (hết ngày)", "Ghi chú"]
    assert rows[1][:3] == ["1", "Các đơn vị gửi đăng ký thi đua năm 2022", "30/01/2022"]
    assert rows[2][:3] == ["2", "Hồ sơ đề nghị Chiến sĩ thi đua Thành phố (đợt 1)", "19/03/2022"]
    # Recipients bottom-left, signer bottom-right.
    sign = doc.tables[-1]
    assert sign.cell(0, 0).text.split("\n") == ["Nơi nhận:", "- UBND Thành phố;", "- Các thành viên Hội đồng;",
                                                "- UBND các phường, xã;", "- Lưu: VT."]
    right = [t for t in sign.cell(0, 1).text.split("\n") if t]
    assert right == ["TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH", "Nguyễn Văn Phong"]
    # A4, Times New Roman, margins of the decree; no Jinja tag left anywhere.
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman" and 13 <= doc.styles["Normal"].font.size.pt <= 14
    assert "{{" not in all_text(doc) and "{%" not in all_text(doc)
    assert Mm(0) < section.left_margin


def test_the_lower_plan_cites_the_higher_one(as_user, world, plan):
    ward_plan = make_ward_plan(world, plan)
    doc = open_docx(as_user("officer_a").get(reverse("plans:docx", args=[ward_plan.pk])))
    texts = [p.text for p in doc.paragraphs]
    assert ("Thực hiện Kế hoạch số 319/KH-HĐTĐKT ngày 24/12/2021 của Hội đồng Thi đua - Khen thưởng thành phố Hà Nội "
            "về công tác thi đua, khen thưởng năm 2022;") in texts
    assert lines(doc.tables[0].cell(0, 0)) == ["UBND PHƯỜNG PHÚ LƯƠNG", "HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"]
    assert doc.tables[0].cell(1, 0).text == "Số: 05/KH-HĐTĐKT"
    # The ward's own place, not the city's (NĐ 30/2020, Phụ lục I, mục II.4.a).
    assert doc.tables[0].cell(1, 1).text == "Phú Lương, ngày 15 tháng 01 năm 2022"


def test_plan_document_follows_plan_scope_and_marks_drafts(as_user, world, plan):
    draft = plan_actions.plan_create(acting_user=world.users["specialist"], unit=world.city, year=2023, issuer="Hội đồng",
                                title="Kế hoạch công tác thi đua, khen thưởng năm 2023")
    assert as_user("officer_a").get(reverse("plans:docx", args=[draft.pk])).status_code == 404
    doc = open_docx(as_user("specialist").get(reverse("plans:docx", args=[draft.pk])))
    texts = [p.text for p in doc.paragraphs]
    assert "DỰ THẢO" in texts
    assert doc.tables[0].cell(1, 0).text.startswith("Số:") and doc.tables[0].cell(1, 1).text.startswith("Hà Nội, ngày")
    assert as_user("officer_a").get(reverse("plans:docx", args=[99999])).status_code == 404


def test_dates_in_documents_follow_the_decree():
    assert document_date(date(2022, 1, 5), "Hà Nội") == "Hà Nội, ngày 05 tháng 01 năm 2022"
    assert document_date(date(2021, 12, 24), "Hà Nội") == "Hà Nội, ngày 24 tháng 12 năm 2021"
    assert document_date(date(2022, 3, 19), "Thanh Xuân") == "Thanh Xuân, ngày 19 tháng 3 năm 2022"


def test_an_agency_issues_under_its_people_s_committee(world):
    from plans.models import Plan

    plan = Plan(unit=world.office_a, year=2022, issuer="Văn phòng HĐND và UBND phường Phú Lương", title="x")
    assert issuing_lines(plan.issuer, plan.unit) == ("UBND PHƯỜNG PHÚ LƯƠNG", "VĂN PHÒNG HĐND VÀ UBND PHƯỜNG PHÚ LƯƠNG")
    assert balanced_lines("VĂN PHÒNG HĐND VÀ UBND PHƯỜNG PHÚ LƯƠNG") == ["VĂN PHÒNG HĐND VÀ UBND", "PHƯỜNG PHÚ LƯƠNG"]
    assert balanced_lines("SỞ NỘI VỤ") == ["SỞ NỘI VỤ"]
