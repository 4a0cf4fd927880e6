"""Moving a person keeps the work history: the old row is closed, never rewritten."""

from datetime import date

import pytest
from django.urls import reverse

from audit.recording import events_for
from org.models import Employment

pytestmark = pytest.mark.django_db


def test_move_closes_the_old_employment_and_opens_a_new_one(as_user, world):
    response = as_user("officer_a").post(reverse("org:person_move", args=[world.thinh.pk]), {
        "unit": world.school_a.pk, "on": "01/09/2026", "position": "Kế toán", "note": "QĐ 12/QĐ-UBND",
    })
    assert response.status_code == 302
    rows = list(Employment.objects.filter(person=world.thinh).order_by("start"))
    assert [(r.unit_id, r.start, r.end, r.position) for r in rows] == [
        (world.office_a.pk, date(2020, 1, 1), date(2026, 8, 31), "Chuyên viên"),
        (world.school_a.pk, date(2026, 9, 1), None, "Kế toán"),
    ]
    world.thinh.refresh_from_db()
    assert world.thinh.unit == world.school_a
    event = events_for(world.thinh).first()
    assert event.verb == "move" and event.actor == world.users["officer_a"]
    assert event.changes["Đơn vị"] == [world.office_a.name, world.school_a.name]
    page = as_user("officer_a").get(reverse("org:person_detail", args=[world.thinh.pk])).content.decode()
    assert "31/08/2026" in page and world.office_a.name in page and "Kế toán" in page


def test_move_to_a_unit_outside_scope_is_refused(as_user, world):
    response = as_user("officer_a").post(reverse("org:person_move", args=[world.thinh.pk]), {
        "unit": world.ward_b.pk, "on": "01/09/2026"})
    assert response.status_code == 200
    assert "Đơn vị không hợp lệ" in response.content.decode()
    assert Employment.objects.filter(person=world.thinh).count() == 1


def test_move_dated_before_the_current_employment_is_refused_with_a_message(as_user, world):
    response = as_user("specialist").post(reverse("org:person_move", args=[world.thinh.pk]), {
        "unit": world.school_a.pk, "on": "01/01/2019"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ngày chuyển phải sau ngày bắt đầu công tác tại đơn vị hiện tại (01/01/2020)" in body
    assert Employment.objects.filter(person=world.thinh).count() == 1


def test_bad_date_format_names_the_field(as_user, world):
    body = as_user("specialist").post(reverse("org:person_move", args=[world.thinh.pk]), {
        "unit": world.school_a.pk, "on": "2026/13/45"}).content.decode()
    assert "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy." in body
