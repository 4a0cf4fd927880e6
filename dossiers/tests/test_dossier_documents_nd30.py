"""The dossier's Word documents as Nghị định 30/2020 writes them: the tờ trình of a ward is its People's Committee's
("ỦY BAN NHÂN DÂN" / "PHƯỜNG PHÚ LƯƠNG", "Số: …/TTr-UBND", "Phú Lương, ngày …", signed "TM. ỦY BAN NHÂN DÂN /
CHỦ TỊCH"), a school's is under its ward; the review minutes are the ward council's; the achievement report's
place is the unit's; the TĐKT law cited is the rulebook's."""

from datetime import date

import pytest
from django.urls import reverse

from documents.nd30 import document_date
from dossiers import actions
from rulebook.models import AwardType
from tdkt.testing.documents import open_docx
from tdkt.testing.dossiers import dossier_at_council

pytestmark = pytest.mark.django_db


def cell_lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_the_ward_s_proposal_is_its_people_s_committee_s(as_user, world):
    d = dossier_at_council(world, [world.thinh])
    doc = open_docx(as_user("officer_a").get(reverse("dossiers:document", args=[d.pk, "to-trinh"])))
    head = doc.tables[0]
    assert cell_lines(head.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚ LƯƠNG"]
    assert head.cell(1, 0).text == "Số:       /TTr-UBND"
    assert head.cell(1, 1).text == "Phú Lương, ngày      tháng      năm"
    texts = [p.text for p in doc.paragraphs]
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân phường Phú Lương." in texts
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành;" in texts
    assert [t for t in doc.tables[-1].cell(0, 1).text.split("\n") if t] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_a_school_s_proposal_is_under_its_ward(as_user, world):
    d = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.school_a, authority=world.ward_a, year=2025,
                               title="Đề nghị khen thưởng năm 2025")
    doc = open_docx(as_user("officer_a").get(reverse("dossiers:document", args=[d.pk, "to-trinh"])))
    head = doc.tables[0]
    assert cell_lines(head.cell(0, 0)) == ["UBND PHƯỜNG PHÚ LƯƠNG", "TRƯỜNG THCS PHÚ LƯƠNG"]
    assert head.cell(1, 0).text == "Số:       /TTr"
    assert head.cell(1, 1).text == "Phú Lương, ngày      tháng      năm"
    assert [t for t in doc.tables[-1].cell(0, 1).text.split("\n") if t] == ["HIỆU TRƯỞNG"]


def test_the_review_minutes_are_the_ward_council_s(as_user, world):
    d = dossier_at_council(world, [world.thinh])
    doc = open_docx(as_user("officer_a").get(reverse("dossiers:document", args=[d.pk, "bien-ban"])))
    head = doc.tables[0]
    assert cell_lines(head.cell(0, 0)) == ["UBND PHƯỜNG PHÚ LƯƠNG", "HỘI ĐỒNG THI ĐUA -", "KHEN THƯỞNG"]
    assert head.cell(1, 1).text == "Phú Lương, ngày      tháng      năm"


def test_the_achievement_report_is_dated_at_the_unit_s_place(as_user, world):
    from django.utils import timezone

    d = dossier_at_council(world, [world.thinh])
    line = d.lines.get()
    doc = open_docx(as_user("officer_a").get(reverse("dossiers:line_report", args=[d.pk, line.pk])))
    head = doc.tables[0]
    assert cell_lines(head.cell(0, 0)) == []  # a person reports in their own name
    assert head.cell(0, 1).paragraphs[-1].text == document_date(timezone.localdate(), "Phú Lương")
    assert document_date(date(2026, 1, 5), "Phú Lương") == "Phú Lương, ngày 05 tháng 01 năm 2026"


def test_a_collective_s_report_is_under_the_unit_above_it(as_user, world):
    d = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=2025,
                               title="Đề nghị khen thưởng tập thể năm 2025")
    actions.lines_add(acting_user=world.users["officer_a"], dossier=d, items=[
        {"unit": world.school_a, "award_type": AwardType.objects.get(code="TTLDTT"), "summary": "Hoàn thành tốt nhiệm vụ"}])
    line = d.lines.get()
    doc = open_docx(as_user("officer_a").get(reverse("dossiers:line_report", args=[d.pk, line.pk])))
    assert cell_lines(doc.tables[0].cell(0, 0)) == ["UBND PHƯỜNG PHÚ LƯƠNG", "TRƯỜNG THCS PHÚ LƯƠNG"]
