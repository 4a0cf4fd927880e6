"""Cases of eligibility/criteria/initiatives.py."""

import pytest

from .criteria_cases import check_criterion
from .criteria_cases.initiatives import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_initiatives(case):
    check_criterion(case)
