"""Cases of eligibility/criteria/collective.py: a collective judged by its members."""

import pytest

from .criteria_cases import check_criterion
from .criteria_cases.collective import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_collective(case):
    check_criterion(case)
