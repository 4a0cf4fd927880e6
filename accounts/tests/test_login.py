"""Login, logout, password change, lockout after five wrong passwords."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from audit.recording import events_for
from tdkt.testing import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_and_logout(client, world):
    world.users["officer_a"].set_password(PASSWORD)
    world.users["officer_a"].save()
    response = login(client, "officer_a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "Xin chào" in client.get(reverse("home")).content.decode()
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_passwords_are_hashed_with_argon2(world, settings):
    # The project's hasher (tdkt/settings.py); every other test runs with conftest.py's fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    u = get_user_model().objects.get(username="officer_a")
    u.set_password(PASSWORD)
    u.save()
    assert u.password.startswith("argon2$")


def test_wrong_password_message_is_vietnamese(client, world):
    body = login(client, "officer_a", "sai-mat-khau").content.decode()
    assert "tên đăng nhập" in body.lower() and "mật khẩu" in body.lower()


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(client, world):
    world.users["officer_a"].set_password(PASSWORD)
    world.users["officer_a"].save()
    for _ in range(5):
        login(client, "officer_a", "sai-mat-khau")
    response = login(client, "officer_a", PASSWORD)
    assert response.status_code == 429
    assert "Tài khoản tạm thời bị khóa" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302
    # another account is not affected
    world.users["officer_b"].set_password(PASSWORD)
    world.users["officer_b"].save()
    assert login(client, "officer_b", PASSWORD).status_code == 302


def test_four_wrong_passwords_do_not_lock(client, world):
    world.users["officer_a"].set_password(PASSWORD)
    world.users["officer_a"].save()
    for _ in range(4):
        login(client, "officer_a", "sai-mat-khau")
    assert login(client, "officer_a", PASSWORD).status_code == 302


def test_password_change_validates_and_leaves_an_event(client, world):
    u = world.users["officer_a"]
    u.set_password(PASSWORD)
    u.save()
    client.force_login(u)
    body = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "12345678901",
                                                    "new_password2": "12345678901"}).content.decode()
    assert "Mật khẩu này hoàn toàn là số." in body
    response = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "Hoa-Sen-Vang-2026",
                                                        "new_password2": "Hoa-Sen-Vang-2026"})
    assert response.status_code == 302
    u.refresh_from_db()
    assert u.check_password("Hoa-Sen-Vang-2026")
    assert events_for(u).first().verb == "password_change"
