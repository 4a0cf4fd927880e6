"""Cases of eligibility/criteria/composite.py."""

import pytest

from .criteria_cases import check_criterion
from .criteria_cases.composite import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_composite(case):
    check_criterion(case)
