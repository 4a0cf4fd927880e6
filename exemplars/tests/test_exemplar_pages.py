"""The pages as a person uses them: the school's officer proposes the month's exemplar with photos through the form,
the ward's office returns it with a reason shown at the top, the officer mends and sends it back, the office
accepts it; the list filters; the board shows the month; a sibling ward's officer opens nothing of it."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from exemplars.models import Exemplar, Status


@pytest.fixture
def today():
    return timezone.localdate()


def _post(today, **kw):
    data = {"unit": "", "period": f"{today.year}-{today.month:02d}", "subject_kind": "outsider",
            "outsider_name": "Ông Đỗ Văn Bình", "outsider_about": "Xe ôm, tổ dân phố 5",
            "title": "Đưa người bị nạn đi cấp cứu", "deed_on": today.strftime("%d/%m/%Y"),
            "place": "Đường Quang Trung", "story": "Ông Bình đưa người bị tai nạn đến bệnh viện kịp thời.", "send": "1"}
    data.update(kw)
    return data


def test_propose_return_mend_accept_through_the_pages(world, media, as_user, today, jpeg):
    officer, office = as_user("officer_a"), as_user("ward_specialist")
    page = officer.get(reverse("exemplars:create") + f"?unit={world.school_a.pk}")
    assert page.status_code == 200 and "Trường THCS Phú Lương" in page.content.decode()
    r = officer.post(reverse("exemplars:create"), _post(today, unit=world.school_a.pk,
                                                        photos=[jpeg("a.jpg"), jpeg("b.png")], caption="Tại hiện trường"))
    e = Exemplar.objects.get()
    assert r.status_code == 302 and r.url == reverse("exemplars:detail", args=[e.pk])
    assert e.status == Status.SUBMITTED and e.unit == world.school_a and e.photos.count() == 2
    photo = e.photos.first()
    thumb = office.get(reverse("exemplars:photo", args=[e.pk, photo.pk]) + "?nho=1")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    r = office.post(reverse("exemplars:return", args=[e.pk]), {"reason": ""})
    assert "Cần ghi lý do trả lại" in r.content.decode()
    office.post(reverse("exemplars:return", args=[e.pk]), {"reason": "Ghi rõ tên bệnh viện"})
    page = officer.get(reverse("exemplars:detail", args=[e.pk])).content.decode()
    assert 'id="return-reason"' in page and "Ghi rõ tên bệnh viện" in page and "Gửi lại" in page
    edit = officer.get(reverse("exemplars:edit", args=[e.pk]))
    assert edit.status_code == 200
    r = officer.post(reverse("exemplars:edit", args=[e.pk]), _post(today, place="Đường Quang Trung, Bệnh viện Hà Đông"))
    assert r.status_code == 302
    officer.post(reverse("exemplars:step", args=[e.pk, "gui"]))
    office.post(reverse("exemplars:step", args=[e.pk, "cong-nhan"]))
    e.refresh_from_db()
    assert e.status == Status.ACCEPTED and e.place == "Đường Quang Trung, Bệnh viện Hà Đông" and e.round == 2
    page = office.get(reverse("exemplars:detail", args=[e.pk])).content.decode()
    for said in ("Lập đề xuất", "Trả lại để bổ sung", "Gửi lại đề xuất", "Công nhận điển hình"):
        assert said in page
    board = office.get(reverse("exemplars:board") + f"?level={world.ward_a.pk}&year={today.year}").content.decode()
    assert "Trường THCS Phú Lương" in board and "cell-accepted" in board


def test_the_form_names_the_field_in_vietnamese(world, media, as_user, today):
    r = as_user("officer_a").post(reverse("exemplars:create"), _post(today, unit=world.school_a.pk, outsider_name="",
                                                                      story=""))
    html = r.content.decode()
    assert r.status_code == 200 and "Cần ghi họ và tên người được nêu gương." in html
    assert "Cần ghi câu chuyện" in html and not Exemplar.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused_naming_it(world, media, as_user, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh-that.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    r = as_user("officer_a").post(reverse("exemplars:create"), _post(today, unit=world.school_a.pk, photos=[fake]))
    html = r.content.decode()
    assert r.status_code == 200 and "anh-that.jpg" in html and "không phải ảnh" in html
    assert not Exemplar.objects.exists()


def test_the_sibling_ward_opens_nothing(world, media, as_user, today):
    as_user("officer_a").post(reverse("exemplars:create"), _post(today, unit=world.school_a.pk))
    e = Exemplar.objects.get()
    b = as_user("officer_b")
    assert b.get(reverse("exemplars:detail", args=[e.pk])).status_code == 404
    assert e.code not in b.get(reverse("exemplars:list")).content.decode()
    assert b.post(reverse("exemplars:step", args=[e.pk, "cong-nhan"])).status_code == 404
    # Choosing another ward's school in the form falls back to the officer's own unit.
    b.post(reverse("exemplars:create"), _post(today, unit=world.school_a.pk))
    assert set(Exemplar.objects.values_list("unit_id", flat=True)) == {world.school_a.pk, world.ward_b.pk}


def test_the_list_filters_by_month_and_status(world, media, as_user, today):
    officer = as_user("officer_a")
    officer.post(reverse("exemplars:create"), _post(today, unit=world.school_a.pk, title="Việc tốt tháng này"))
    officer.post(reverse("exemplars:create"), _post(today, unit=world.office_a.pk, title="Bản nháp văn phòng",
                                                    send=""))
    html = officer.get(reverse("exemplars:list") + "?status=draft").content.decode()
    assert "Bản nháp văn phòng" in html and "Việc tốt tháng này" not in html
    html = officer.get(reverse("exemplars:list") + f"?month={today.month}&year={today.year}").content.decode()
    assert "Bản nháp văn phòng" in html and "Việc tốt tháng này" in html
    html = as_user("ward_specialist").get(reverse("exemplars:list") + "?box=received").content.decode()
    assert "Việc tốt tháng này" in html and "Bản nháp văn phòng" not in html


def test_the_board_marks_the_units_that_missed_a_month(world, media, as_user, today):
    year = today.year if today.month > 1 else today.year - 1  # a year with at least one month over
    html = as_user("ward_specialist").get(reverse("exemplars:board") + f"?level={world.ward_a.pk}&year={year}"
                                          ).content.decode()
    assert "has-missed" in html and "cell-missed" in html and "Trường THCS Phú Lương" in html


def test_the_board_page_is_a_few_queries_for_many_units(world, media, as_user, today, django_assert_max_num_queries):
    from tdkt.testing import unit

    for i in range(40):
        unit(f"HN-PLU-T{i:02d}", f"Trường Tiểu học số {i}", "school", world.ward_a, valid_from=date(2000, 1, 1))
    client = as_user("ward_specialist")
    url = reverse("exemplars:board") + f"?level={world.ward_a.pk}&year={today.year}"
    client.get(url)
    with django_assert_max_num_queries(30):
        html = client.get(url).content.decode()
    assert "Trường Tiểu học số 39" in html


def test_the_office_commends_and_publishes_from_the_page(world, media, as_user, today, jpeg):
    from org.models import Person

    anh = Person.objects.get(code="CB0003")
    as_user("officer_a").post(reverse("exemplars:create"), _post(
        today, unit=world.school_a.pk, subject_kind="person", person=anh.pk, photos=[jpeg()],
        story="Cô Ánh cứu em nhỏ. Gia đình em nhỏ xin cảm ơn qua số 0912 345 678."))
    e = Exemplar.objects.get()
    office = as_user("ward_specialist")
    r = office.post(reverse("exemplars:step", args=[e.pk, "khen-dot-xuat"]), follow=True)
    html = r.content.decode()
    e.refresh_from_db()
    assert e.status == Status.ACCEPTED and e.commended_line.award_type.code == "GK"
    assert f"Đã đề nghị Giấy khen đột xuất cho Lê Thị Ánh trong hồ sơ {e.commended_line.dossier.code}" in html
    # The story holds a phone number: the page says so and publishing is refused, naming it.
    assert 'id="private"' in html and "số điện thoại trong “Câu chuyện”" in html
    r = office.post(reverse("exemplars:step", args=[e.pk, "cong-bo"]), follow=True)
    assert "Chưa công bố được: có số điện thoại trong “Câu chuyện”" in r.content.decode()
    e.refresh_from_db()
    assert not e.is_published
    # Returned to take the number out, mended, sent back and accepted, it is published.
    office.post(reverse("exemplars:return", args=[e.pk]), {"reason": "Bỏ số điện thoại khỏi câu chuyện"})
    officer = as_user("officer_a")
    officer.post(reverse("exemplars:edit", args=[e.pk]), _post(
        today, subject_kind="person", person=anh.pk, story="Cô Ánh cứu em nhỏ. Gia đình em nhỏ xin cảm ơn cô."))
    officer.post(reverse("exemplars:step", args=[e.pk, "gui"]))
    office.post(reverse("exemplars:step", args=[e.pk, "cong-nhan"]))
    office.post(reverse("exemplars:step", args=[e.pk, "cong-bo"]))
    e.refresh_from_db()
    assert e.is_published and e.commended_line is not None


def test_the_list_says_which_units_have_not_sent_this_month_and_what_waits_for_the_office(world, media, as_user,
                                                                                          today):
    officer = as_user("officer_a")
    html = officer.get(reverse("exemplars:list")).content.decode()
    assert 'id="this-month"' in html and "Trường THCS Phú Lương" in html
    officer.post(reverse("exemplars:create"), _post(today, unit=world.school_a.pk))
    html = officer.get(reverse("exemplars:list")).content.decode()
    desk = html[html.index('id="this-month"'):html.index("</div>", html.index('id="this-month"'))]
    assert "Trường THCS Phú Lương" not in desk and "Văn phòng HĐND và UBND phường Phú Lương" in desk
    office = as_user("ward_specialist").get(reverse("exemplars:list")).content.decode()
    assert "1 đề xuất chờ cơ quan thường trực xét" in office


@pytest.mark.parametrize("url, status", [
    ("/dien-hinh/theo-doi/?year=%C2%B2", 200), ("/dien-hinh/theo-doi/?level=abc", 404),
    ("/dien-hinh/theo-doi/?level=999999", 404), ("/dien-hinh/?month=13&year=99999999999", 200),
    ("/dien-hinh/?unit=x", 404), ("/dien-hinh/?page=-1&status=%00", 200), ("/dien-hinh/moi/?unit=abc", 200),
    ("/dien-hinh/1/khong-co/", 405),
])
def test_odd_links_are_a_page_or_a_404_never_an_error(world, media, as_user, url, status):
    assert as_user("ward_specialist").get(url).status_code == status


def test_the_sibling_wards_board_is_not_opened(world, media, as_user):
    assert as_user("officer_b").get(reverse("exemplars:board") + f"?level={world.ward_a.pk}").status_code == 404


def test_two_editors_of_a_draft_keep_each_others_changes(world, media, as_user, today):
    import re as re_

    officer = as_user("officer_a")
    officer.post(reverse("exemplars:create"), _post(today, unit=world.school_a.pk, send=""))
    e = Exemplar.objects.get()
    url = reverse("exemplars:edit", args=[e.pk])
    a, b = as_user("officer_a"), as_user("ward_specialist")

    def form_of(client):
        html = client.get(url).content.decode()
        data = {}
        for name, value in re_.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
            data.setdefault(name, value)
        data.update({k: v for k, v in _post(today).items() if k not in data and k != "send"})
        data["story"] = re_.search(r'<textarea[^>]*name="story"[^>]*>\s*([^<]*)</textarea>', html).group(1).strip()
        data["initial-story"] = data["story"]
        data["subject_kind"] = "outsider"
        return data

    seen_a, seen_b = form_of(a), form_of(b)
    assert seen_a["initial-place"] == "Đường Quang Trung" and "initial-title" in seen_b  # what each editor saw
    a.post(url, {**seen_a, "place": "Chợ Phú Lương, cổng số 2"})
    b.post(url, {**seen_b, "title": "Đưa người bị nạn đi cấp cứu lúc nửa đêm"})
    e.refresh_from_db()
    assert e.place == "Chợ Phú Lương, cổng số 2" and e.title == "Đưa người bị nạn đi cấp cứu lúc nửa đêm"
