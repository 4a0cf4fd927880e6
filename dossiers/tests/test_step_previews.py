"""Submit, appraise and forward show what will happen before it happens (GET: the preview; POST: the step, as the
buttons always did): the lines, the documents, the money and to whom; which lines pass, which are set aside, whether
disclosure follows and until when; which lines go up to which authority with which files. On a ward's dossier today
and a 2017 dossier to a district."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.money import format_money
from dossiers import actions
from dossiers.models import Dossier, DocumentKind, Outcome, Status
from dossiers.previews import disclosure_window
from org.models import Unit
from rulebook.models import AwardType

from .helpers import appraising, dossier_of

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


def client_of(u):
    c = Client()
    c.force_login(u)
    return c


def test_submit_shows_the_lines_documents_money_and_receiver_then_acts_once_confirmed(case):
    d = dossier_of(case)
    clerk = client_of(case.officer)
    detail = clerk.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    url = reverse("dossiers:step", args=[d.pk, "submit"])
    assert f'href="{url}"' in detail  # the button opens the preview
    page = clerk.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Gửi hồ sơ:" in text
    for p in case.people:
        assert p.full_name in text
    assert text.count("a.pdf") == 0 and "Tờ trình: scan.pdf" in text and "Biên bản bình xét: scan.pdf" in text
    total = sum(ln.amount for ln in d.lines.all())
    assert total > 0 and format_money(total) in text
    assert f"Gửi tới</div><div>{case.authority.name}" in text and case.office.display_name in text
    assert "Xác nhận gửi hồ sơ" in text
    assert Dossier.objects.get(pk=d.pk).status == Status.DRAFT  # the preview changes nothing

    done = clerk.post(url, follow=True).content.decode()
    assert "Đã gửi hồ sơ." in done and Dossier.objects.get(pk=d.pk).status == Status.SUBMITTED
    # Sent: no preview any more, the state says why.
    again = clerk.get(url, follow=True).content.decode()
    assert "không thể gửi hồ sơ" in again


def test_submit_preview_says_what_is_missing_and_offers_no_confirmation(case):
    d = dossier_of(case, documents=False)
    text = client_of(case.officer).get(reverse("dossiers:step", args=[d.pk, "submit"])).content.decode()
    assert "Chưa gửi được: hồ sơ còn thiếu" in text and "Tờ trình đề nghị khen thưởng" in text
    assert "Xác nhận gửi hồ sơ" not in text


def test_appraise_shows_what_passes_what_is_set_aside_and_whether_disclosure_follows(case):
    d = appraising(case)
    first, second = d.lines.order_by("position")
    actions.line_set_aside(acting_user=case.office, line=first, reason="Trùng với hồ sơ khác")
    office = client_of(case.office)
    url = reverse("dossiers:step", args=[d.pk, "appraise"])
    text = office.get(url).content.decode()
    assert "Các dòng đạt thẩm định (1)" in text and second.person.full_name in text
    assert "Không đề nghị (1)" in text and "Trùng với hồ sơ khác" in text
    start, until = disclosure_window(timezone.localdate())
    if "Công khai danh sách</strong> từ ngày" not in text:  # LĐTT alone goes to the council unless the office publishes
        assert "Trình Hội đồng Thi đua - Khen thưởng</strong>, không công khai trước" in text
        text = office.get(url + "?disclose=1").content.decode()
    assert f"từ ngày {start:%d/%m/%Y} đến hết ngày {until:%d/%m/%Y}" in text
    assert "Xác nhận thẩm định đạt và công khai" in text
    assert Dossier.objects.get(pk=d.pk).status == Status.APPRAISING

    office.post(url, {"disclose": "1"})
    d.refresh_from_db()
    assert (d.status, d.disclosure_from, d.disclosure_until) == (Status.DISCLOSURE, start, until)


def test_forward_shows_which_lines_go_up_to_which_authority_with_which_files(case):
    bk = AwardType.objects.get(code="BK_TINH")
    d = dossier_of(case)
    actions.lines_add(acting_user=case.officer, dossier=d, items=[{
        "person": case.people[1], "award_type": bk, "justification": "Thành tích đột xuất trong phòng, chống bão"}])
    line = d.lines.get(award_type=bk)
    actions.attachment_add(acting_user=case.officer, dossier=d, kind=DocumentKind.REPORT, line=line,
                           upload=SimpleUploadedFile("bao-cao-thanh-tich.pdf", PDF))
    actions.dossier_submit(acting_user=case.officer, dossier=d)
    actions.dossier_receive(acting_user=case.office, dossier=d)
    # The council passed both lines (what goes up is voted here first): the dossier waits for the decision.
    Dossier.objects.filter(pk=d.pk).update(status=Status.DECISION)
    d.lines.update(outcome=Outcome.PASSED)
    office = client_of(case.office)
    url = reverse("dossiers:step", args=[d.pk, "forward"])
    assert f'href="{url}"' in office.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    text = office.get(url).content.decode()
    city = Unit.objects.get_root_nodes().get()
    assert f"Lên {city.name}: 1 dòng, 3 tệp" in text  # its report, and the dossier's proposal and minutes
    assert case.people[1].full_name in text and bk.name in text and "Báo cáo thành tích: bao-cao-thanh-tich.pdf" in text
    assert "Kèm theo của cả hồ sơ: Biên bản bình xét: scan.pdf; Tờ trình: scan.pdf." in text
    assert case.people[0].full_name not in text.split("Lên ")[1]  # the LĐTT line stays here
    assert not Dossier.objects.filter(forwarded_from=d).exists()

    office.post(url)
    up = Dossier.objects.get(forwarded_from=d)
    assert up.authority == city and list(up.lines.values_list("award_type__code", flat=True)) == ["BK_TINH"]
    assert d.lines.get(award_type=bk).outcome == Outcome.FORWARDED
    assert up.attachments.count() == 3


def test_a_step_without_a_preview_still_needs_a_post(case):
    d = appraising(case)
    assert client_of(case.office).get(reverse("dossiers:step", args=[d.pk, "receive"])).status_code == 405
