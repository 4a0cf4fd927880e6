"""Fixtures of the dossier tests of the clerk's path: each runs on a ward's dossier today and on a 2017 dossier of a
ward to its district (dossiers/tests/helpers.py)."""

import pytest


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(params=["ward", "district 2017"])
def case(request, world, media, time_machine):
    """A ward proposing to itself today, and Phú Lãm proposing to Quận Hà Đông on 05/12/2017."""
    from .helpers import DISTRICT_DAY, district_2017, ward_today

    if request.param == "district 2017":
        time_machine.move_to(DISTRICT_DAY)
        return district_2017(world)
    return ward_today(world)
