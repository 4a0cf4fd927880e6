"""An initiative on its way through the initiative council (submitted, no recognition yet) is not part of its
authors' history: the person's achievements page opens and lists only what was recognised."""

import pytest
from django.urls import reverse

from tdkt.testing.initiatives import submitted

pytestmark = pytest.mark.django_db


def test_the_authors_page_opens_with_an_initiative_not_yet_recognised(world, as_user):
    i = submitted(world, title="Sổ tay điện tử của tổ dân phố")
    assert i.recognized_on is None
    page = as_user("officer_a").get(reverse("eligibility:person", args=[world.thinh.pk]) + "?year=2026")
    assert page.status_code == 200
    assert "Sổ tay điện tử của tổ dân phố" not in page.content.decode()
