"""Who sees which meetings (issue 13, item 10): the administrator, whose duties hold everywhere, sees every
council's meetings (an "everywhere" filter OR-ed with the membership filter used to vanish, leaving only the
meetings they sit on: none); an officer of another ward sees none of them."""

import pytest
from django.urls import reverse

from tdkt.testing.dossiers import dossier_at_council

from .helpers import convene, council_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    council_of(world)
    return convene(world, [dossier_at_council(world, [world.thinh])], title="Phiên họp tổng kết năm 2025 của phường")


@pytest.mark.parametrize("who", ["admin", "city_admin", "specialist", "ward_specialist", "chairman", "council"])
def test_those_over_the_council_see_its_meeting(as_user, meeting, who):
    client = as_user(who)
    assert "Phiên họp tổng kết năm 2025 của phường" in client.get(reverse("council:list")).content.decode()
    assert client.get(reverse("council:detail", args=[meeting.pk])).status_code == 200


@pytest.mark.parametrize("who", ["officer_a", "officer_b"])
def test_others_do_not(as_user, meeting, who):
    client = as_user(who)
    assert "Phiên họp tổng kết năm 2025 của phường" not in client.get(reverse("council:list")).content.decode()
    assert client.get(reverse("council:detail", args=[meeting.pk])).status_code == 404
