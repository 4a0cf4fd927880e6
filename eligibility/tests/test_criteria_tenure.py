"""Cases of eligibility/criteria/tenure.py (parameter ldtt_min_months = 6)."""

import pytest

from .criteria_cases import check_criterion
from .criteria_cases.tenure import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_tenure(case):
    check_criterion(case)
