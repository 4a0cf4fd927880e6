"""Two people editing one nomination line: the second save neither undoes the first nor overwrites it unseen."""

import pytest
from django.urls import reverse

from dossiers import actions
from dossiers.models import Event
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.forms import loaded_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(world):
    Rating.objects.create(person=world.thinh, year=2025, level="HTXSNV")
    d = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=2025,
                               title="Đề nghị khen thưởng tổng kết năm 2025")
    [ln] = actions.lines_add(acting_user=world.users["officer_a"], dossier=d, items=[{
        "person": world.thinh, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Hoàn thành tốt nhiệm vụ"}])
    return ln


def _url(line):
    return reverse("dossiers:line_edit", args=[line.dossier_id, line.pk])


def test_a_change_to_the_other_field_is_merged_and_both_are_kept(as_user, line):
    first, second = as_user("officer_a"), as_user("ward_specialist")
    form_1, form_2 = loaded_form(first, _url(line)), loaded_form(second, _url(line))

    assert first.post(_url(line), {**form_1, "summary": "Hoàn thành xuất sắc nhiệm vụ năm 2025"}).status_code == 302
    assert second.post(_url(line), {**form_2, "justification": "Đã bổ sung bản xác nhận"}).status_code == 302

    line.refresh_from_db()
    assert (line.summary, line.justification) == ("Hoàn thành xuất sắc nhiệm vụ năm 2025", "Đã bổ sung bản xác nhận")


def test_both_changing_the_summary_the_second_is_refused_with_who_and_when(as_user, world, line):
    first, second = as_user("officer_a"), as_user("ward_specialist")
    form_1, form_2 = loaded_form(first, _url(line)), loaded_form(second, _url(line))

    assert first.post(_url(line), {**form_1, "summary": "Hoàn thành xuất sắc nhiệm vụ năm 2025"}).status_code == 302
    response = second.post(_url(line), {**form_2, "summary": "Tóm tắt của người thứ hai"})

    assert response.status_code == 200
    body = response.content.decode()
    name = world.users["officer_a"].display_name
    assert f"Dòng đề nghị này vừa được {name} sửa lúc" in body and "(ô “Tóm tắt thành tích”)" in body
    assert "hãy tải lại trang" in body
    assert "Tóm tắt của người thứ hai" in body  # what they typed is kept in the form
    line.refresh_from_db()
    assert line.summary == "Hoàn thành xuất sắc nhiệm vụ năm 2025"
    assert Event.objects.filter(dossier=line.dossier, verb="line_update").count() == 1


def test_saving_the_form_unchanged_writes_nothing(as_user, line):
    client = as_user("officer_a")
    assert client.post(_url(line), loaded_form(client, _url(line))).status_code == 302
    assert not Event.objects.filter(dossier=line.dossier, verb="line_update").exists()


def test_a_comment_answered_meanwhile_is_not_overwritten_by_a_second_answer(as_user, world, line):
    from dossiers.models import Comment, Dossier, Status
    from tdkt.testing.forms import form_fields

    Dossier.objects.filter(pk=line.dossier_id).update(status=Status.DISCLOSURE)
    comment = Comment.objects.create(line=line, name="Lê Văn Dân", contact="0912345678", text="Đề nghị xem lại ngày công.")
    url = reverse("dossiers:comment_answer", args=[line.dossier_id, comment.pk])
    detail = reverse("dossiers:detail", args=[line.dossier_id])
    first, second = as_user("ward_specialist"), as_user("specialist")
    form_1, form_2 = (form_fields(c.get(detail).content.decode(), "answer") for c in (first, second))
    assert form_1 == form_2 == {"answer": "", "initial-answer": ""}

    assert first.post(url, {**form_1, "answer": "Đã đối chiếu bảng chấm công."}).status_code == 302
    page = second.post(url, {**form_2, "answer": "Câu trả lời thứ hai."}, follow=True).content.decode()

    name = world.users["ward_specialist"].display_name
    assert f"Góp ý này vừa được {name} sửa lúc" in page and "(ô “Trả lời”)" in page
    comment.refresh_from_db()
    assert (comment.answer, comment.answered_by) == ("Đã đối chiếu bảng chấm công.", world.users["ward_specialist"])
