"""Creating accounts (issue 7, item 22): user names pass Django's username validator — no
"<script>", spaces, control characters or U+202E that would let one name pass for another in
the history — and an administrator who is not a superuser lands on the new account's page
(it used to be a 404: the account had no role in their scope)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from audit.recording import events_for
from org.models import Membership, Role
from tdkt.testing import user

pytestmark = pytest.mark.django_db
User = get_user_model()
RULE = "Tên đăng nhập chỉ gồm chữ cái không dấu (a–z), chữ số và các ký tự . @ + - _, không có dấu cách, tối đa 150 ký tự."


def body(world, **over):
    data = {"username": "vp.yennghia", "full_name": "Văn phòng phường Yên Nghĩa", "email": "", "password": "Hoa-Sen-Vang-2026",
            "unit": world.ward_b.pk, "role": Role.SPECIALIST}
    data.update(over)
    return data


@pytest.mark.parametrize("persona", ["city_admin", "admin"])
def test_an_administrator_creates_an_account_with_its_role_and_lands_on_its_page(as_user, world, persona):
    client = as_user(persona)
    response = client.post(reverse("accounts:user_create"), body(world), follow=True)
    assert response.status_code == 200
    new = User.objects.get(username="vp.yennghia")
    assert response.redirect_chain[-1][0] == reverse("accounts:user_detail", args=[new.pk])
    page = response.content.decode()
    assert "Đã tạo tài khoản vp.yennghia." in page and "Phường Yên Nghĩa" in page
    assert Membership.objects.filter(user=new, unit=world.ward_b, role=Role.SPECIALIST).exists()
    assert {e.verb for e in events_for(new)} == {"create", "role_grant"}
    assert "vp.yennghia" in client.get(reverse("accounts:users")).content.decode()


def test_a_ward_administrator_can_only_give_roles_in_their_ward(as_user, world):
    from django.test import Client

    ward_admin = user("qt.phuluong", Role.ADMIN, world.ward_a)
    client = Client()
    client.force_login(ward_admin)
    response = client.post(reverse("accounts:user_create"), body(world))
    assert response.status_code == 200 and not User.objects.filter(username="vp.yennghia").exists()
    response = client.post(reverse("accounts:user_create"), body(world, unit=world.school_a.pk, role=Role.UNIT_OFFICER), follow=True)
    new = User.objects.get(username="vp.yennghia")
    assert response.redirect_chain[-1][0] == reverse("accounts:user_detail", args=[new.pk])


def test_the_form_asks_for_the_unit_and_role(as_user, world):
    page = as_user("city_admin").post(reverse("accounts:user_create"), body(world, unit="", role="")).content.decode()
    assert "Chưa chọn đơn vị của tài khoản." in page and "Chưa chọn vai trò của tài khoản." in page
    assert not User.objects.filter(username="vp.yennghia").exists()


def test_a_role_that_does_not_fit_the_unit_leaves_no_account_behind(as_user, world):
    page = as_user("city_admin").post(reverse("accounts:user_create"),
                                      body(world, unit=world.school_a.pk, role=Role.CHAIRMAN)).content.decode()
    assert "Vai trò này chỉ giao tại một cấp hành chính" in page
    assert not User.objects.filter(username="vp.yennghia").exists()


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "nguyen van a", " vp.yennghia", "vp.yennghia ", "ad\u202emin",
                                  "ad\x07min", "ad\x1bmin", "ad\x00min", "vp.yennghia\n", "nguyễn", "аdmin", "a" * 151, "a/b", "a'b"])
def test_a_user_name_outside_the_rule_is_refused_with_a_message(as_user, world, name):
    n = User.objects.count()
    response = as_user("city_admin").post(reverse("accounts:user_create"), body(world, username=name))
    assert response.status_code == 200
    assert RULE in response.content.decode() or "Tên đăng nhập" in response.content.decode() and "150" in response.content.decode()
    assert User.objects.count() == n


def test_the_action_refuses_the_same_names_whoever_calls_it(world):
    from django.core.exceptions import ValidationError

    from accounts.actions import user_create

    with pytest.raises(ValidationError) as info:
        user_create(acting_user=world.users["admin"], username="ad\u202emin", full_name="X", password="Hoa-Sen-Vang-2026")
    assert RULE in info.value.message_dict["username"][0]


def test_the_model_refuses_the_same_names_on_every_path(world):
    from django.core.exceptions import ValidationError

    u = User(username="ad\u202emin", full_name="X")
    u.set_unusable_password()
    with pytest.raises(ValidationError) as info:
        u.full_clean()
    assert "Tên đăng nhập chỉ gồm chữ cái không dấu (a–z)" in info.value.message_dict["username"][0]


def test_createsuperuser_refuses_a_name_with_a_space(world, monkeypatch):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Hoa-Sen-Vang-2026")
    with pytest.raises(CommandError) as info:
        call_command("createsuperuser", "--noinput", "--username", "quan tri", "--email", "", stdout=StringIO(), stderr=StringIO())
    assert "Tên đăng nhập chỉ gồm chữ cái không dấu" in str(info.value)
    assert not User.objects.filter(username="quan tri").exists()
