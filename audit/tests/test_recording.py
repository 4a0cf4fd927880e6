"""The event table behind every history view: what is written, cleaned, and shown back."""

import unicodedata
from datetime import date

import pytest
from django.urls import reverse

from audit.models import Event
from audit.recording import changes_between, display_value, events_for, record, snapshot
from org import actions

pytestmark = pytest.mark.django_db


def test_a_person_edit_leaves_one_event_with_old_and_new_values_shown_on_their_page(as_user, world):
    actions.person_update(acting_user=world.users["officer_a"], person=world.thinh, phone="0912345678")
    [event] = events_for(world.thinh).filter(verb="update")
    assert event.actor == world.users["officer_a"] and event.target_label == "Nguyễn Thị Thịnh"
    assert event.changes == {"Điện thoại": ["", "0912345678"]}
    page = as_user("officer_a").get(reverse("org:person_detail", args=[world.thinh.pk])).content.decode()
    assert "0912345678" in page and "officer_a" in page


def test_events_of_one_target_do_not_show_on_another(world):
    record(actor=world.users["officer_a"], verb="update", target=world.thinh, changes={"Chức vụ": ["A", "B"]})
    assert events_for(world.thinh).count() == 1
    assert events_for(world.person_b).count() == 0
    assert events_for(world.ward_a).count() == 0  # a unit with the same id is another target type


def test_text_inside_changes_is_cleaned_as_stored_text_is(world):
    """A JSON column gets no model-level cleaning; PostgreSQL refuses a NUL inside JSON."""
    event = record(actor=None, verb="update", target=world.thinh,
                   changes={"Ghi chú\x07": ["cũ\x00", [unicodedata.normalize("NFD", "Nguyễn") + "\x1b", "dòng 1\ndòng 2"]]}, note="x\x01y")
    event.refresh_from_db()
    assert event.changes == {"Ghi chú": ["cũ", ["Nguyễn", "dòng 1\ndòng 2"]]}
    assert event.note == "xy" and event.actor is None


def test_values_are_shown_as_a_person_reads_them(world):
    assert display_value(date(2025, 7, 1)) == "01/07/2025"
    assert display_value(True) == "Có" and display_value(False) == "Không"
    assert display_value(None) == "" and display_value("") == ""
    before = snapshot(world.thinh, ["gender", "birth_date", "unit"])
    assert before == {"Giới tính": "Nữ", "Ngày sinh": "01/02/1980", "Đơn vị": world.office_a.name}
    assert changes_between(before, {**before, "Ngày sinh": "02/02/1980"}) == {"Ngày sinh": ["01/02/1980", "02/02/1980"]}
    assert Event.objects.count() == 0
