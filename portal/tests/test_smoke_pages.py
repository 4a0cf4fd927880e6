import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_public_page_opens_without_an_account(world):
    c = Client()
    for name in ("home", "movements", "awards", "stories", "propose", "track_lookup"):
        r = c.get(reverse(f"portal:{name}"))
        assert r.status_code == 200, name
