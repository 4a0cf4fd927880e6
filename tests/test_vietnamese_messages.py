"""Django's own messages a person can read are Vietnamese (issue 7, item 8): "Null characters are
not allowed.", "This password is too short…" and the like were shown in English because Django's
Vietnamese catalogue lacks them; core/locale/vi fills them in."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tdkt.testing import PASSWORD

PO = Path(__file__).resolve().parent.parent / "core" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries():
    text = PO.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not m:
            continue
        msgid = "".join(re.findall(r'"(.*)"', m.group(1))).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if not msgid:
            continue
        plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', block, re.M)
        yield msgid, "".join(re.findall(r'"(.*)"', plural.group(1))) if plural else None


@pytest.mark.parametrize("msgid, plural", list(_entries()))
def test_each_message_of_the_catalogue_is_in_use_in_vietnamese(msgid, plural):
    with translation.override("vi"):
        shown = ngettext(msgid, plural, 3) if plural else gettext(msgid)
    assert shown not in (msgid, plural), "core/locale/vi/LC_MESSAGES/django.mo is not compiled from the .po"


@pytest.mark.django_db
def test_a_short_new_password_is_refused_in_vietnamese(client, world):
    u = world.users["officer_a"]
    client.force_login(u)
    body = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "Ab-1",
                                                    "new_password2": "Ab-1"}).content.decode()
    assert "Mật khẩu quá ngắn: phải có ít nhất 10 ký tự." in body
    assert "too short" not in body


@pytest.mark.django_db
def test_a_nul_character_in_the_login_name_is_refused_in_vietnamese(client, world):
    body = client.post(reverse("login"), {"username": "officer_a\x00", "password": PASSWORD}).content.decode()
    assert "Null characters are not allowed." not in body
    assert "Không được có ký tự rỗng (NUL)." in body


def test_the_odd_wordings_of_djangos_catalogue_are_replaced():
    with translation.override("vi"):
        assert gettext("Enter a whole number.") == "Hãy nhập một số nguyên."
        assert gettext("Null characters are not allowed.") == "Không được có ký tự rỗng (NUL)."
