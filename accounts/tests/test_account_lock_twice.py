"""Two administrators locking the same account at once: it stays locked (the button does what it says)."""

import pytest
from django.urls import reverse

from audit.recording import events_for
from tdkt.testing.forms import loaded_form

pytestmark = pytest.mark.django_db


def test_the_second_lock_clicked_on_an_older_page_leaves_the_account_locked(as_user, world):
    target = world.users["officer_b"]
    page = reverse("accounts:user_detail", args=[target.pk])
    url = reverse("accounts:user_toggle_active", args=[target.pk])
    first, second = as_user("admin"), as_user("city_admin")
    button_1, button_2 = loaded_form(first, page, "active"), loaded_form(second, page, "active")
    assert button_1 == button_2 == {"active": "0"}  # both pages say “Khóa tài khoản”

    assert first.post(url, button_1).status_code == 302
    assert second.post(url, button_2).status_code == 302

    target.refresh_from_db()
    assert not target.is_active
    assert events_for(target).filter(verb="update").count() == 1
    assert loaded_form(first, page, "active") == {"active": "1"}  # now “Mở khóa tài khoản”
    assert first.post(url, {"active": "1"}).status_code == 302
    target.refresh_from_db()
    assert target.is_active


def test_a_click_that_does_not_say_lock_or_unlock_changes_nothing(as_user, world):
    target = world.users["officer_b"]
    url = reverse("accounts:user_toggle_active", args=[target.pk])
    response = as_user("admin").post(url, follow=True)
    assert "Không rõ muốn khóa hay mở khóa tài khoản; hãy tải lại trang rồi bấm lại." in response.content.decode()
    target.refresh_from_db()
    assert target.is_active
