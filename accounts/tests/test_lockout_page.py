"""The lockout page says how long and after how many attempts, truthfully (issue 7, item 8):
it used to read "bị khóa trong  phút" (no number) and "quá 5 lần" when it locks at the 5th."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from core.templatetags.vn import minutes
from tdkt.testing import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_the_fifth_wrong_password_locks_and_the_page_says_five_times_and_fifteen_minutes(client, world):
    world.users["officer_a"].set_password(PASSWORD)
    world.users["officer_a"].save()
    responses = [login(client, "officer_a", "sai-mat-khau") for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [200] * 4
    locked = responses[4]
    assert locked.status_code == 429  # locked at the fifth, not after it
    text = re.sub(r"\s+", " ", locked.content.decode())
    assert "Đã nhập sai mật khẩu 5 lần liên tiếp" in text and "quá 5" not in text
    assert "bị khóa trong 15 phút" in text
    assert "trong  phút" not in text


def test_the_minutes_follow_the_setting(client, world, settings):
    settings.AXES_COOLOFF_TIME = 0.5  # hours
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        response = login(client, "officer_b", "sai-mat-khau")
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "sai mật khẩu 3 lần liên tiếp" in text and "bị khóa trong 30 phút" in text


def test_minutes_filter():
    assert minutes(timedelta(minutes=15)) == 15
    assert minutes(timedelta(seconds=61)) == 2
    assert minutes(timedelta(0)) == 0
