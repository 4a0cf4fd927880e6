"""The initiatives' fixtures: the ward's initiative council of this year."""

from datetime import date

import pytest

from initiatives import actions


@pytest.fixture
def council(world):
    """The ward's initiative council of this year: three members, the council persona is one with an account."""
    year = actions.today().year
    return actions.council_save(acting_user=world.users["ward_specialist"], unit=world.ward_a, year=year, number="12/QĐ-UBND",
                                signed_on=date(year, 1, 15), issuer="Chủ tịch UBND phường Phú Lương", members=[
                                    {"full_name": "Đỗ Văn Chủ", "role": "chair", "job_title": "Phó Chủ tịch UBND phường", "user": None},
                                    {"full_name": "Hà Thị Thư", "role": "secretary", "job_title": "Công chức Văn phòng", "user": None},
                                    {"full_name": "Vũ Hội Viên", "role": "member", "job_title": "Công chức", "user": world.users["council"]},
                                ])
