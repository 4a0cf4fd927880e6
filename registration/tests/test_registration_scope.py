"""Who registers what: a ward officer registers only their ward, only its people and
collectives, and only titles the rulebook gives that kind of recipient."""

import pytest
from django.urls import reverse

from registration.models import Registration
from tdkt.testing.plans import make_ward_plan, travel
from tdkt.testing.registration import form_url, post_registration

pytestmark = pytest.mark.django_db


def test_officer_of_ward_b_cannot_see_or_register_ward_a(as_user, world, plan):
    client = as_user("officer_b")
    with travel(2022, 1, 20, 9, 0):
        assert client.get(form_url(plan, world.ward_a)).status_code == 404
        response = client.post(form_url(plan, world.ward_a), {"unit": world.ward_a.pk, "ind": [f"{world.thinh.pk}:LDTT"], "action": "submit"})
        assert response.status_code == 404
        assert client.get(reverse("registration:template", args=[plan.pk]) + f"?unit={world.ward_a.pk}").status_code == 404
        assert client.get(reverse("registration:upload", args=[plan.pk]) + f"?unit={world.ward_a.pk}").status_code == 404
        # The consolidated view and its exports are the standing office's.
        for name in ("overview", "overview_excel", "overview_docx"):
            assert client.get(reverse(f"registration:{name}", args=[plan.pk])).status_code == 404
        # Without ?unit= the officer lands on their own ward.
        page = client.get(reverse("registration:form", args=[plan.pk])).content.decode()
        assert "Đăng ký thi đua năm 2022 — Phường Yên Nghĩa" in page
        assert "Nguyễn Thị Thịnh" not in page and "Phạm Minh Đức" in page
    assert not Registration.objects.filter(unit=world.ward_a).exists()


def test_the_form_lists_the_wards_people_and_collectives_only(as_user, world, plan):
    with travel(2022, 1, 20, 9, 0):
        page = as_user("officer_a").get(form_url(plan, world.ward_a)).content.decode()
    for name in ("Nguyễn Thị Thịnh", "Trần Văn An", "Lê Thị Ánh", "Trường THCS Phú Lương", "Văn phòng HĐND và UBND phường Phú Lương"):
        assert name in page
    assert "Phạm Minh Đức" not in page
    # The titles offered (Thanh Xuân 2022): individual and collective columns.
    for label in ("Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua Thành phố", "Tập thể lao động xuất sắc",
                  "Cờ thi đua của Chính phủ"):
        assert label in page
    assert f'value="{world.thinh.pk}:LDTT"' in page and f'value="{world.school_a.pk}:TTLDTT"' in page
    assert f'value="{world.thinh.pk}:TTLDXS"' not in page  # no collective title for a person


def test_person_of_another_ward_is_refused_with_a_message(as_user, world, plan):
    with travel(2022, 1, 20, 9, 0):
        response = post_registration(as_user("officer_a"), plan, world.ward_a,
                                     ind=[f"{world.thinh.pk}:LDTT", f"{world.person_b.pk}:LDTT"])
    body = response.content.decode()
    assert "Chưa lưu được đăng ký" in body
    assert "không thuộc Phường Phú Lương" in body
    assert "Phạm Minh Đức" not in body  # a person outside the officer's scope is not named
    # Nothing written, and the officer's ticks are kept on the page.
    assert not Registration.objects.filter(unit=world.ward_a, lines__isnull=False).exists()
    assert f'value="{world.thinh.pk}:LDTT" aria-label="Nguyễn Thị Thịnh — Lao động tiên tiến" checked' in body


def test_the_standing_office_names_a_person_outside_the_unit(as_user, world, plan):
    with travel(2022, 1, 20, 9, 0):
        body = post_registration(as_user("specialist"), plan, world.ward_a, ind=[f"{world.person_b.pk}:LDTT"]).content.decode()
    assert "Phạm Minh Đức không thuộc Phường Phú Lương." in body


def test_a_collective_title_for_a_person_and_an_individual_title_for_a_collective_are_refused(as_user, world, plan):
    with travel(2022, 1, 20, 9, 0):
        body = post_registration(as_user("officer_a"), plan, world.ward_a, ind=[f"{world.thinh.pk}:TTLDXS"],
                                 col=[f"{world.school_a.pk}:CSTDCS"]).content.decode()
        assert "Tập thể lao động xuất sắc không tặng cho cá nhân." in body
        assert "Chiến sĩ thi đua cơ sở không tặng cho tập thể." in body
        body = post_registration(as_user("officer_a"), plan, world.ward_a, ind=[f"{world.thinh.pk}:KHONG_CO"]).content.decode()
        assert "Không có danh hiệu, hình thức mã “KHONG_CO”." in body
    assert not Registration.objects.filter(unit=world.ward_a, lines__isnull=False).exists()


def test_sending_nothing_is_refused(as_user, world, plan):
    with travel(2022, 1, 20, 9, 0):
        body = post_registration(as_user("officer_a"), plan, world.ward_a).content.decode()
    assert "Chưa đăng ký danh hiệu, hình thức nào." in body


def test_council_member_sees_the_ward_registration_read_only(as_user, world, plan):
    with travel(2022, 1, 20, 9, 0):
        client = as_user("council")
        page = client.get(form_url(plan, world.ward_a)).content.decode()
        assert "Đăng ký thi đua năm 2022 — Phường Phú Lương" in page and "Gửi đăng ký" not in page
        assert client.post(form_url(plan, world.ward_a), {"unit": world.ward_a.pk, "ind": [f"{world.thinh.pk}:LDTT"],
                                                          "action": "submit"}).status_code == 404


def test_index_shows_the_users_units_and_the_office_its_summary(as_user, world, plan):
    ward_plan = make_ward_plan(world, plan)
    with travel(2022, 1, 20, 9, 0):
        post_registration(as_user("officer_a"), plan, world.ward_a, ind=[f"{world.thinh.pk}:LDTT"])
        page = as_user("officer_a").get(reverse("registration:index")).content.decode()
        assert "319/KH-HĐTĐKT" in page and "hết ngày 30/01/2022" in page
        assert "Phường Phú Lương" in page and "Đã đăng ký lúc 09:00 20/01/2022" in page
        # The ward's own plan: its sub-units register (the officer of the ward sees them).
        assert "05/KH-HĐTĐKT" in page and "Trường THCS Phú Lương" in page
        assert "Phường Yên Nghĩa" not in page
        page = as_user("officer_b").get(reverse("registration:index")).content.decode()
        assert "Phường Yên Nghĩa" in page and "Phường Phú Lương" not in page and "05/KH-HĐTĐKT" not in page
        page = as_user("specialist").get(reverse("registration:index")).content.decode()
        assert "1/3" in page and reverse("registration:overview", args=[plan.pk]) in page
        assert reverse("registration:overview", args=[ward_plan.pk]) in page
