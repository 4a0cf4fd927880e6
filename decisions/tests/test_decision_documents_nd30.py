"""A decision and its certificates as Nghị định 30/2020 writes them, read back from the files the worker makes:
the issuing body, "Số: 05/QĐ-UBND", the place of the ward ("Phú Lương, ngày …"), the căn cứ of the decision's date
(the rulebook's), the signer block, the annex grouped by award and numbered from 1; certificates named by their form,
saying their achievement once, with the authority's register number (số vào sổ)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from decisions import actions, documents
from dossiers import decide
from decisions.models import Award, Decision, RenderStatus
from dossiers.models import Dossier, Line, Outcome, Status
from org.models import Person
from rulebook.models import AwardType
from tdkt.testing import person, unit
from tdkt.testing.decisions import decide_on_page
from tdkt.testing.dossiers import dossier_at_council

from .helpers import issue, passed

pytestmark = pytest.mark.django_db

BASES_2026 = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của "
    "Luật Thi đua, khen thưởng;",
    "Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Phú Lương."]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def cell_lines(cell):
    return [p.text for p in cell.paragraphs if p.text]


def bases_of(doc):
    """The căn cứ: the paragraphs between who decides and "QUYẾT ĐỊNH:"."""
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith(("CHỦ TỊCH ", "GIÁM ĐỐC ")))
    return [t for t in texts[start + 1:texts.index("QUYẾT ĐỊNH:")] if t]


def word(client, decision):
    return Document(io.BytesIO(client.get(reverse("decisions:file", args=[decision.pk, "quyet-dinh.docx"])).getvalue()))


def pdf_pages(content):
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def _waiting(world, people, award):
    """Another dossier of ward A whose lines the council passed."""
    d = dossier_at_council(world, people, award=award)
    Dossier.objects.filter(pk=d.pk).update(status=Status.DECISION)
    Line.objects.filter(dossier=d).update(outcome=Outcome.PASSED)
    return Dossier.objects.get(pk=d.pk)


def test_a_ward_decision_of_2026(as_user, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = issue(world, passed(world, [world.thinh]), number="5", day=date(2026, 1, 20))
    decision.refresh_from_db()
    assert decision.render_status == RenderStatus.DONE, decision.render_error
    doc = word(as_user("chairman"), decision)
    head = doc.tables[0]
    assert cell_lines(head.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚ LƯƠNG"]
    assert head.cell(1, 0).text == "Số: 05/QĐ-UBND"
    assert head.cell(1, 1).text == "Phú Lương, ngày 20 tháng 01 năm 2026"
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG" in [p.text for p in doc.paragraphs]
    assert bases_of(doc) == BASES_2026
    assert all(r.italic for p in doc.paragraphs if p.text in BASES_2026 for r in p.runs)
    sign = [t for t in doc.tables[1].cell(0, 1).text.split("\n") if t]
    assert sign == ["CHỦ TỊCH", "Nguyễn Văn Chủ"]  # the chairman decides in his own name
    texts = [p.text for p in doc.paragraphs]
    assert "I. Danh hiệu “Lao động tiên tiến” (1 cá nhân)" in texts
    assert ("(Kèm theo Quyết định số 05/QĐ-UBND ngày 20/01/2026 của Chủ tịch Ủy ban nhân dân phường Phú Lương)"
            in texts)
    annex = doc.tables[2]
    assert [c.text for c in annex.rows[1].cells][:4] == ["1", "Nguyễn Thị Thịnh", world.thinh.unit.name, "Lao động tiên tiến"]


def test_the_annex_groups_by_award_each_numbered_from_one_and_the_certificates_by_form(
        as_user, world, django_capture_on_commit_callbacks):
    an, anh = Person.objects.get(code="CB0002"), Person.objects.get(code="CB0003")
    d1 = passed(world, [world.thinh, an])
    d2 = _waiting(world, [anh], "GK")
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide.decision_issue(acting_user=world.users["chairman"], authority=world.ward_a, dossiers=[d1, d2],
                                          number="7", date=date(2026, 1, 20), signer_name="Nguyễn Văn Chủ")
    decision.refresh_from_db()
    assert decision.render_status == RenderStatus.DONE, decision.render_error
    client = as_user("chairman")
    doc = word(client, decision)
    texts = [p.text for p in doc.paragraphs]
    assert "I. Danh hiệu “Lao động tiên tiến” (2 cá nhân)" in texts and "II. Giấy khen (1 cá nhân)" in texts
    ldtt, gk = doc.tables[2], doc.tables[3]
    assert [r.cells[0].text for r in ldtt.rows[1:]] == ["1", "2"]
    assert [(r.cells[0].text, r.cells[1].text) for r in gk.rows[1:]] == [("1", "Lê Thị Ánh")]
    # The certificates: titles certified, the Giấy khen given; the register numbers of the ward's year.
    assert decision.certificates.name.endswith(f"giay-chung-nhan-va-giay-khen-{decision.pk}.pdf")
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert reverse("decisions:file", args=[decision.pk, "giay-chung-nhan-va-giay-khen.pdf"]) in page
    assert "Giấy chứng nhận, Giấy khen (PDF" in page and "Số vào sổ" in page
    response = client.get(reverse("decisions:file", args=[decision.pk, "giay-chung-nhan-va-giay-khen.pdf"]))
    assert 'filename="giay-chung-nhan-va-giay-khen-07.pdf"' in response["Content-Disposition"]
    pages = pdf_pages(b"".join(response.streaming_content))
    by_name = {next(n for n in ("Nguyễn Thị Thịnh", "Trần Văn An", "Lê Thị Ánh") if n in p): p for p in pages}
    numbers = {a.person.full_name: a.register_number for a in Award.objects.filter(decision=decision).select_related("person")}
    assert sorted(numbers.values()) == [1, 2, 3]
    for name, text in by_name.items():
        assert f"Số vào sổ: {numbers[name]}" in text
        assert "Quyết định số 07/QĐ-UBND ngày 20/01/2026" in text
        assert text.count("thành tích") == 1, text
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG" in text and "Phú Lương, ngày 20 tháng 01 năm 2026" in text
    assert "GIẤY KHEN" in by_name["Lê Thị Ánh"] and "TẶNG" in by_name["Lê Thị Ánh"]
    assert "GIẤY CHỨNG NHẬN" not in by_name["Lê Thị Ánh"] and "BẰNG KHEN" not in by_name["Lê Thị Ánh"]
    for name in ("Nguyễn Thị Thịnh", "Trần Văn An"):
        assert "GIẤY CHỨNG NHẬN" in by_name[name] and "DANH HIỆU LAO ĐỘNG TIÊN TIẾN" in by_name[name]
        assert "GIẤY KHEN" not in by_name[name]


def test_register_numbers_continue_through_the_year_and_stay_when_the_files_are_made_again(
        as_user, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = issue(world, passed(world, [world.thinh, Person.objects.get(code="CB0002")]), number="8")
    second_dossier = _waiting(world, [Person.objects.get(code="CB0003")], "GK")
    with django_capture_on_commit_callbacks(execute=True):
        second = issue(world, second_dossier, number="9")
    numbers = lambda d: sorted(Award.objects.filter(decision=d).values_list("register_number", flat=True))  # noqa: E731
    assert numbers(first) == [1, 2] and numbers(second) == [3]
    with django_capture_on_commit_callbacks(execute=True):
        actions.decision_files_again(acting_user=world.users["chairman"], decision=Decision.objects.get(pk=first.pk))
    assert numbers(first) == [1, 2]
    page = as_user("chairman").get(reverse("decisions:detail", args=[second.pk])).content.decode()
    assert '<td class="num">3</td>' in page
    # A ward's Giấy khen alone: giay-khen, never bang-khen; the old address still opens the file.
    second.refresh_from_db()
    assert second.certificates.name.endswith(f"giay-khen-{second.pk}.pdf")
    client = as_user("chairman")
    assert client.get(reverse("decisions:file", args=[second.pk, "giay-khen.pdf"])).status_code == 200
    assert client.get(reverse("decisions:file", args=[second.pk, "bang-giay-khen.pdf"])).status_code == 200
    assert client.get(reverse("decisions:file", args=[second.pk, "bang-khen.pdf"])).status_code == 404


def test_a_deputy_signs_for_the_chairman_chosen_on_the_page(as_user, world, django_capture_on_commit_callbacks):
    d = passed(world, [world.thinh])
    client = as_user("chairman")
    with django_capture_on_commit_callbacks(execute=True):
        response = decide_on_page(client, world.ward_a, {
            "number": "3", "symbol": "QĐ-UBND", "date": "20/01/2026", "signer_role": "deputy", "signer_title": "",
            "signer_name": "Trần Phó Chủ", "dossiers": [d.pk]})
    assert response.status_code == 302, response.content.decode()[:1500]
    decision = Decision.objects.get()
    assert decision.reference == "03/QĐ-UBND" and decision.signer_title == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    sign = [t for t in word(client, decision).tables[1].cell(0, 1).text.split("\n") if t]
    assert sign == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Phó Chủ"]


def _decision(authority, day, recipient, award="LDTT", number="4"):
    """A decision of an earlier year as it was recorded (its number, date and one award)."""
    decision = Decision.objects.create(authority=authority, number=number, symbol="QĐ-UBND", date=day, year=day.year,
                                       subject=f"Về việc khen thưởng tổng kết phong trào thi đua năm {day.year}",
                                       signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn Cũ", total=390_000)
    Award.objects.create(award_type=AwardType.objects.get(code=award), person=recipient, year=day.year, decision=decision,
                         amount=390_000, decision_number=decision.reference, decision_date=day, source="decision")
    return decision


def test_a_ward_decision_of_2024(world):
    ward = world.old_ward  # Phường Phú Lãm, under Hà Đông until 30/06/2025
    decision = _decision(ward, date(2024, 12, 20), person("PL01", "Đỗ Văn Lãm", ward))
    doc = Document(io.BytesIO(documents.decision_docx(decision)))
    head = doc.tables[0]
    assert cell_lines(head.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚ LÃM"]
    assert head.cell(1, 0).text == "Số: 04/QĐ-UBND"
    assert head.cell(1, 1).text == "Phú Lãm, ngày 20 tháng 12 năm 2024"
    assert bases_of(doc) == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
        "ngày 22 tháng 11 năm 2019;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;",
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Phú Lãm."]


def test_a_district_decision_of_2017(world):
    district = unit("HN-TH", "Quận Tây Hồ", "district", world.city, valid_to=date(2025, 6, 30))
    decision = _decision(district, date(2017, 12, 18), person("TH001", "Cán bộ Tây Hồ Số 1", district), number="12")
    doc = Document(io.BytesIO(documents.decision_docx(decision)))
    head = doc.tables[0]
    assert cell_lines(head.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "QUẬN TÂY HỒ"]
    assert head.cell(1, 0).text == "Số: 12/QĐ-UBND"
    assert head.cell(1, 1).text == "Tây Hồ, ngày 18 tháng 12 năm 2017"
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN TÂY HỒ" in [p.text for p in doc.paragraphs]
    assert bases_of(doc) == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005;",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;",
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng quận Tây Hồ."]
    texts = [p.text for p in doc.paragraphs]
    assert "(Kèm theo Quyết định số 12/QĐ-UBND ngày 18/12/2017 của Chủ tịch Ủy ban nhân dân quận Tây Hồ)" in texts


def test_bases_typed_on_the_decision_replace_the_rulebook_s(world, as_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decision = issue(world, passed(world, [world.thinh]), legal_bases="Căn cứ Quyết định số 1/QĐ-UBND\nCăn cứ Luật X.")
    assert bases_of(word(as_user("chairman"), decision)) == [
        "Căn cứ Quyết định số 1/QĐ-UBND;", "Căn cứ Luật X;", "Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Phú Lương."]
