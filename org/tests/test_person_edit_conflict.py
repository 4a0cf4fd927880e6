"""Two people editing one person: the second save does not undo the first."""

import pytest
from django.urls import reverse

from audit.recording import events_for
from tdkt.testing.forms import loaded_form

pytestmark = pytest.mark.django_db


def test_second_editor_does_not_reset_the_phone_the_first_changed(as_user, world):
    url = reverse("org:person_edit", args=[world.thinh.pk])
    first, second = as_user("officer_a"), as_user("specialist")
    form_1, form_2 = loaded_form(first, url), loaded_form(second, url)
    assert form_1["phone"] == form_2["phone"] != "0912345678"

    assert first.post(url, {**form_1, "phone": "0912345678"}).status_code == 302
    assert second.post(url, {**form_2, "position": "Phó trưởng phòng"}).status_code == 302

    world.thinh.refresh_from_db()
    assert world.thinh.phone == "0912345678"
    assert world.thinh.position == "Phó trưởng phòng"
    last = events_for(world.thinh).first()
    assert list(last.changes) == ["Chức vụ"]


def test_both_editors_changing_the_same_field_the_second_is_told_to_reload(as_user, world):
    url = reverse("org:person_edit", args=[world.thinh.pk])
    first, second = as_user("officer_a"), as_user("specialist")
    form_1, form_2 = loaded_form(first, url), loaded_form(second, url)

    assert first.post(url, {**form_1, "phone": "0912345678"}).status_code == 302
    response = second.post(url, {**form_2, "phone": "0987654321"})

    assert response.status_code == 200
    body = response.content.decode()
    name = world.users["officer_a"].display_name
    assert f"Hồ sơ này vừa được {name} sửa lúc" in body and "hãy tải lại trang" in body
    world.thinh.refresh_from_db()
    assert world.thinh.phone == "0912345678"


def test_an_unchanged_form_saved_writes_nothing(as_user, world):
    url = reverse("org:person_edit", args=[world.thinh.pk])
    client = as_user("officer_a")
    n = events_for(world.thinh).count()
    assert client.post(url, loaded_form(client, url)).status_code == 302
    assert events_for(world.thinh).count() == n
