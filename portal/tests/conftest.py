import pytest
from django.test import Client
from django.urls import reverse

from tdkt.testing.portal import answer_of


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TDKT_PORTAL_PROGRESS_SECONDS = 0  # each test counts its own data, never another's kept figure


@pytest.fixture
def citizen_form(settings):
    """post(data, client=None, answer=None, photos=(), address=…) → the response of the citizen form, sent as a
    person sends it: the form opened first (its signed question), answered right unless ``answer`` is given."""
    settings.TDKT_PORTAL_CHALLENGE_MIN_SECONDS = 0

    def post(data, client=None, answer=None, photos=(), address="203.0.113.7"):
        client = client or Client(REMOTE_ADDR=address)
        url = reverse("portal:propose")
        shown = client.get(url)
        token = shown.context["form"].initial["token"]
        body = {**data, "token": token, "answer": answer_of(token) if answer is None else answer}
        if photos:
            body["photos"] = list(photos)
        return client.post(url, body)

    return post
