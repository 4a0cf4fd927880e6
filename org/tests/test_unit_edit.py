from datetime import date

import pytest
from django.urls import reverse

from audit.recording import events_for
from org.models import Unit

pytestmark = pytest.mark.django_db


def test_create_sub_unit_and_its_history(as_user, world):
    response = as_user("specialist").post(reverse("org:unit_create") + f"?parent={world.ward_a.pk}", {
        "code": "HN-PLU-TDP1", "name": "Tổ dân phố số 1", "kind": "residential_group", "valid_from": "01/07/2025"})
    assert response.status_code == 302
    u = Unit.objects.get(code="HN-PLU-TDP1")
    assert Unit.objects.get_parent(u).pk == world.ward_a.pk and u.valid_from == date(2025, 7, 1)
    e = events_for(u).get()
    assert e.verb == "create" and e.changes["Tên đơn vị"] == ["", "Tổ dân phố số 1"]


def test_duplicate_code_and_reversed_dates_get_field_messages(as_user, world):
    body = as_user("specialist").post(reverse("org:unit_create") + f"?parent={world.ward_a.pk}", {
        "code": "HN-PLU-THCS", "name": "Trường khác", "kind": "school"}).content.decode()
    assert "Mã đơn vị “HN-PLU-THCS” đã được dùng cho đơn vị khác." in body
    body = as_user("specialist").post(reverse("org:unit_edit", args=[world.school_a.pk]), {
        "code": "HN-PLU-THCS", "name": "Trường THCS Phú Lương", "kind": "school",
        "valid_from": "01/09/1998", "valid_to": "01/01/1990"}).content.decode()
    assert "Ngày kết thúc hoạt động phải sau ngày bắt đầu." in body
    world.school_a.refresh_from_db()
    assert world.school_a.valid_to is None


def test_edit_records_old_and_new_values(as_user, world):
    as_user("specialist").post(reverse("org:unit_edit", args=[world.school_a.pk]), {
        "code": "HN-PLU-THCS", "name": "Trường THCS Phú Lương A", "kind": "school", "valid_from": "01/09/1998",
        "address": "Số 1 Phú Lương"})
    e = events_for(world.school_a).first()
    assert e.actor == world.users["specialist"]
    assert e.changes["Tên đơn vị"] == ["Trường THCS Phú Lương", "Trường THCS Phú Lương A"]
    assert e.changes["Địa chỉ"] == ["", "Số 1 Phú Lương"]
    page = as_user("officer_a").get(reverse("org:unit_detail", args=[world.school_a.pk]) + "?tab=history").content.decode()
    assert "Trường THCS Phú Lương A" in page and "specialist" in page


def test_person_edit_records_history_and_validates(as_user, world):
    client = as_user("officer_a")
    body = client.post(reverse("org:person_edit", args=[world.thinh.pk]), {
        "code": "CB0001", "full_name": "Nguyễn Thị Thịnh", "birth_date": "31/02/1980"}).content.decode()
    assert "Ngày không hợp lệ" in body
    body = client.post(reverse("org:person_edit", args=[world.thinh.pk]), {
        "code": "CB0002", "full_name": "Nguyễn Thị Thịnh"}).content.decode()
    assert "Mã cán bộ “CB0002” đã được dùng cho người khác." in body
    response = client.post(reverse("org:person_edit", args=[world.thinh.pk]), {
        "code": "CB0001", "full_name": "Nguyễn Thị Thịnh", "gender": "female", "birth_date": "01/02/1980",
        "position": "Phó Chánh Văn phòng"})
    assert response.status_code == 302
    e = events_for(world.thinh).first()
    assert e.changes == {"Chức vụ": ["Chuyên viên", "Phó Chánh Văn phòng"]}
