"""Cases of eligibility/criteria/discipline.py."""

import pytest

from .criteria_cases import check_criterion
from .criteria_cases.discipline import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_discipline(case):
    check_criterion(case)
