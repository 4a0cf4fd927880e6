"""Two people editing one unit: the second save neither undoes the first nor overwrites it unseen."""

import pytest
from django.urls import reverse

from audit.recording import events_for
from tdkt.testing.forms import loaded_form

pytestmark = pytest.mark.django_db


def test_a_change_to_another_field_is_merged_and_both_are_kept(as_user, world):
    url = reverse("org:unit_edit", args=[world.school_a.pk])
    first, second = as_user("specialist"), as_user("ward_specialist")
    form_1, form_2 = loaded_form(first, url), loaded_form(second, url)

    assert first.post(url, {**form_1, "phone": "024 3355 1234"}).status_code == 302
    assert second.post(url, {**form_2, "address": "Số 1 Phú Lương"}).status_code == 302

    world.school_a.refresh_from_db()
    assert (world.school_a.phone, world.school_a.address) == ("024 3355 1234", "Số 1 Phú Lương")
    assert events_for(world.school_a).first().changes == {"Địa chỉ": ["", "Số 1 Phú Lương"]}


def test_both_changing_the_same_field_the_second_is_refused_with_who_and_when(as_user, world):
    url = reverse("org:unit_edit", args=[world.school_a.pk])
    first, second = as_user("specialist"), as_user("ward_specialist")
    form_1, form_2 = loaded_form(first, url), loaded_form(second, url)

    assert first.post(url, {**form_1, "name": "Trường THCS Phú Lương A"}).status_code == 302
    response = second.post(url, {**form_2, "name": "Trường THCS Phú Lương B", "phone": "024 1111 2222"})

    assert response.status_code == 200
    body = response.content.decode()
    first_name = world.users["specialist"].display_name
    assert f"Đơn vị này vừa được {first_name} sửa lúc" in body and "(ô “Tên đơn vị”)" in body
    assert "hãy tải lại trang" in body
    # What the second person typed is still in the form, and the values they saw still go with it.
    assert 'value="Trường THCS Phú Lương B"' in body and 'value="024 1111 2222"' in body
    assert 'name="initial-name" value="Trường THCS Phú Lương"' in body
    world.school_a.refresh_from_db()
    assert (world.school_a.name, world.school_a.phone) == ("Trường THCS Phú Lương A", "")
    assert events_for(world.school_a).count() == 1  # the first edit only


def test_the_same_change_made_twice_is_not_a_conflict(as_user, world):
    url = reverse("org:unit_edit", args=[world.school_a.pk])
    first, second = as_user("specialist"), as_user("ward_specialist")
    form_1, form_2 = loaded_form(first, url), loaded_form(second, url)

    assert first.post(url, {**form_1, "email": "thcs@phuluong.edu.vn"}).status_code == 302
    assert second.post(url, {**form_2, "email": "thcs@phuluong.edu.vn"}).status_code == 302
    assert events_for(world.school_a).count() == 1
