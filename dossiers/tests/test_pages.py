"""The dossier pages as each persona uses them (Django's test client)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dossiers import actions
from dossiers.models import Comment, DocumentKind, Dossier, Line, Status
from records.models import Rating

pytestmark = pytest.mark.django_db
YEAR = 2025
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dossier(world):
    Rating.objects.create(person=world.thinh, year=YEAR, level="HTXSNV")
    return actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=YEAR,
                                  title="Đề nghị khen thưởng tổng kết năm 2025")


def test_create_from_the_form(as_user, world):
    client = as_user("officer_a")
    page = client.get(reverse("dossiers:create"))
    assert page.status_code == 200 and "Phường Phú Lương" in page.content.decode()
    r = client.post(reverse("dossiers:create"), {"unit": world.ward_a.pk, "authority": world.ward_a.pk, "year": YEAR,
                                                 "kind": "thuong_xuyen", "title": "Tổng kết 2025"})
    d = Dossier.objects.get()
    assert r.status_code == 302 and r.url == reverse("dossiers:detail", args=[d.pk])
    bad = client.post(reverse("dossiers:create"), {"unit": world.ward_a.pk, "authority": world.ward_b.pk, "year": "năm",
                                                   "kind": "thuong_xuyen", "title": ""})
    text = bad.content.decode()
    assert bad.status_code == 200 and "Nhập trích yếu hồ sơ." in text and "Năm thành tích phải là số." in text
    assert Dossier.objects.count() == 1


def test_who_sees_the_list_and_the_page(as_user, world, dossier):
    url = reverse("dossiers:detail", args=[dossier.pk])
    for who in ("officer_a", "ward_specialist", "council", "chairman", "specialist"):
        assert as_user(who).get(url).status_code == 200, who
    assert as_user("officer_b").get(url).status_code == 404
    assert dossier.title in as_user("officer_a").get(reverse("dossiers:list")).content.decode()
    assert dossier.title not in as_user("officer_b").get(reverse("dossiers:list")).content.decode()
    assert as_user("citizen").get(reverse("dossiers:list")).status_code == 302  # to the login page


def test_add_a_line_by_name_without_diacritics(as_user, world, dossier):
    from rulebook.models import AwardType

    ldtt = AwardType.objects.get(code="LDTT")
    client = as_user("officer_a")
    r = client.post(reverse("dossiers:line_add", args=[dossier.pk]), {"recipient": "nguyen thi thinh", "award_type": ldtt.pk,
                                                                      "summary": "Hoàn thành xuất sắc nhiệm vụ"})
    assert r.status_code == 302
    line = Line.objects.get()
    assert (line.person, line.problems) == (world.thinh, [])
    r = client.post(reverse("dossiers:line_add", args=[dossier.pk]), {"recipient": "pham minh duc", "award_type": ldtt.pk}, follow=True)
    assert "Không tìm thấy cá nhân, tập thể nào thuộc đơn vị khớp với “pham minh duc”" in r.content.decode()
    assert Line.objects.count() == 1


def test_candidates_from_the_engine(as_user, world, dossier):
    client = as_user("officer_a")
    page = client.get(reverse("dossiers:candidates", args=[dossier.pk]))
    text = page.content.decode()
    assert "Nguyễn Thị Thịnh" in text and "Lao động tiên tiến" in text and "Chiến sĩ thi đua cơ sở" in text
    from rulebook.models import AwardType

    key = f"p:{world.thinh.pk}:{AwardType.objects.get(code='CSTDCS').pk}"
    r = client.post(reverse("dossiers:candidates", args=[dossier.pk]), {"pick": [key]})
    assert r.status_code == 302
    assert list(Line.objects.values_list("award_type__code", "source")) == [("CSTDCS", "eligibility")]
    assert key not in client.get(reverse("dossiers:candidates", args=[dossier.pk])).content.decode()


def test_upload_download_and_who_may_download(as_user, world, dossier):
    client = as_user("officer_a")
    r = client.post(reverse("dossiers:attachment_add", args=[dossier.pk]),
                    {"kind": DocumentKind.PROPOSAL, "line": "", "file": SimpleUploadedFile("to-trinh.pdf", PDF)})
    assert r.status_code == 302
    att = dossier.attachments.get()
    url = reverse("dossiers:attachment", args=[dossier.pk, att.pk])
    got = client.get(url)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF and got["Content-Type"] == "application/pdf"
    assert as_user("officer_b").get(url).status_code == 404
    bad = client.post(reverse("dossiers:attachment_add", args=[dossier.pk]),
                      {"kind": DocumentKind.MINUTES, "line": "", "file": SimpleUploadedFile("bien-ban.pdf", b"<html>x</html>")}, follow=True)
    assert "Tệp không phải PDF hay ảnh" in bad.content.decode()
    assert dossier.attachments.count() == 1


def test_return_needs_a_reason_on_its_page(as_user, world, dossier):
    from rulebook.models import AwardType

    actions.lines_add(acting_user=world.users["officer_a"], dossier=dossier,
                      items=[{"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT")}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=world.users["officer_a"], dossier=dossier, kind=kind, upload=SimpleUploadedFile("a.pdf", PDF))
    office = as_user("ward_specialist")
    assert as_user("officer_a").post(reverse("dossiers:step", args=[dossier.pk, "submit"])).status_code == 302
    assert office.post(reverse("dossiers:step", args=[dossier.pk, "receive"]),
                       {"assignee": world.users["ward_specialist"].pk}).status_code == 302
    assert as_user("officer_a").get(reverse("dossiers:return", args=[dossier.pk])).status_code == 404
    empty = office.post(reverse("dossiers:return", args=[dossier.pk]), {"reason": " "})
    assert "Cần ghi lý do." in empty.content.decode()
    office.post(reverse("dossiers:return", args=[dossier.pk]), {"reason": "Thiếu chữ ký"})
    page = as_user("officer_a").get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Trả lại để bổ sung" in page and "Lý do: Thiếu chữ ký" in page and "Gửi lại hồ sơ" in page
    assert Dossier.objects.get().status == Status.RETURNED


def test_disclosure_public_page_and_comment(client, world, dossier, time_machine):
    from rulebook.models import AwardType

    actions.lines_add(acting_user=world.users["officer_a"], dossier=dossier,
                      items=[{"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Dẫn đầu phong trào"}])
    Dossier.objects.filter(pk=dossier.pk).update(status=Status.DISCLOSURE, disclosure_from="2026-11-20", disclosure_until="2026-12-31")
    time_machine.move_to("2026-12-01 09:00 +0700")
    assert dossier.title in client.get(reverse("dossiers:public_list")).content.decode()
    page = client.get(reverse("dossiers:public_detail", args=[dossier.pk])).content.decode()
    assert "Nguyễn Thị Thịnh" in page and "Dẫn đầu phong trào" in page
    assert "1980" not in page and "CB0001" not in page  # no birth date, no code
    line = Line.objects.get()
    bad = client.post(reverse("dossiers:public_detail", args=[dossier.pk]), {"line": line.pk, "name": "", "contact": "", "text": ""})
    assert "Nhập họ và tên." in bad.content.decode() and not Comment.objects.exists()
    r = client.post(reverse("dossiers:public_detail", args=[dossier.pk]),
                    {"line": line.pk, "name": "Lê Văn Dân", "contact": "0912345678", "text": "Đề nghị xem lại ngày công."})
    assert r.status_code == 302 and Comment.objects.get().text == "Đề nghị xem lại ngày công."
    time_machine.move_to("2027-01-05 09:00 +0700")
    assert client.get(reverse("dossiers:public_detail", args=[dossier.pk])).status_code == 404


def _docx_text(content):
    import io

    from docx import Document

    from tdkt.testing.documents import all_text

    return all_text(Document(io.BytesIO(content)))


def test_the_documents_to_print_are_prefilled(as_user, world, dossier):
    from rulebook.models import AwardType

    actions.lines_add(acting_user=world.users["officer_a"], dossier=dossier,
                      items=[{"person": world.thinh, "award_type": AwardType.objects.get(code="CSTDCS"),
                              "summary": "Hoàn thành xuất sắc nhiệm vụ; sáng kiến cấp cơ sở"}])
    client = as_user("officer_a")
    proposal = client.get(reverse("dossiers:document", args=[dossier.pk, "to-trinh"]))
    assert proposal["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _docx_text(proposal.content)
    assert "TỜ TRÌNH" in text and "Kính gửi: Chủ tịch Ủy ban nhân dân phường Phú Lương." in text
    assert "Nguyễn Thị Thịnh" in text and "Chiến sĩ thi đua cơ sở" in text and "cho 1 cá nhân và 0 tập thể" in text
    line = Line.objects.get()
    report = _docx_text(client.get(reverse("dossiers:line_report", args=[dossier.pk, line.pk])).content)
    assert "Đề nghị tặng Chiến sĩ thi đua cơ sở" in report and "Ngày sinh: 01/02/1980" in report
    assert "2025" in report and "Hoàn thành xuất sắc nhiệm vụ" in report  # the 2025 rating, from the records
    minutes = _docx_text(client.get(reverse("dossiers:document", args=[dossier.pk, "bien-ban"])).content)
    assert "Họp bình xét thi đua, khen thưởng năm 2025" in minutes and "Nguyễn Thị Thịnh" in minutes
    assert as_user("officer_b").get(reverse("dossiers:document", args=[dossier.pk, "to-trinh"])).status_code == 404


def _workbook(rows, header=("Mã cá nhân, tập thể", "Danh hiệu, hình thức", "Tóm tắt thành tích")):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("danh-sach.xlsx", buf.getvalue())


def test_lines_from_excel_all_or_nothing(as_user, world, dossier):
    client = as_user("officer_a")
    url = reverse("dossiers:lines_upload", args=[dossier.pk])
    bad = client.post(url, {"file": _workbook([("CB0001", "LDTT", "Xuất sắc"), ("CB0101", "Lao động tiên tiến", ""),
                                               ("CB0002", "Huy chương vàng", "")])}, follow=True)
    text = bad.content.decode()
    assert "chưa dòng nào được thêm" in text
    assert "Dòng 3, cột A (Mã cá nhân, tập thể): không có cá nhân, tập thể mã “CB0101” thuộc đơn vị trình." in text
    assert "Dòng 4, cột B (Danh hiệu, hình thức): “Huy chương vàng” không phải danh hiệu" in text
    assert not Line.objects.exists()
    ok = client.post(url, {"file": _workbook([("CB0001", "ldtt", "Xuất sắc"), ("CB0002", "Lao dong tien tien", ""),
                                              ("HN-PLU-THCS", "GK", "Tập thể tiêu biểu")])})
    assert ok.status_code == 302
    assert sorted(Line.objects.values_list("source", "award_type__code", "recipient_kind")) == [
        ("excel", "GK", "collective"), ("excel", "LDTT", "individual"), ("excel", "LDTT", "individual")]
    template = client.get(reverse("dossiers:lines_template", args=[dossier.pk]))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_office_may_publish_a_list_the_rulebook_does_not_require_to(as_user, world, dossier):
    from rulebook.models import AwardType

    actions.lines_add(acting_user=world.users["officer_a"], dossier=dossier,
                      items=[{"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT")}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=world.users["officer_a"], dossier=dossier, kind=kind, upload=SimpleUploadedFile("a.pdf", PDF))
    actions.dossier_submit(acting_user=world.users["officer_a"], dossier=dossier)
    actions.dossier_receive(acting_user=world.users["ward_specialist"], dossier=dossier)
    page = as_user("ward_specialist").get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Công khai danh sách trước khi trình Hội đồng" in page
    as_user("ward_specialist").post(reverse("dossiers:step", args=[dossier.pk, "appraise"]), {"disclose": "1"})
    d = Dossier.objects.get()
    assert d.status == Status.DISCLOSURE and d.disclosure_until > d.disclosure_from  # LĐTT alone would go to the council
