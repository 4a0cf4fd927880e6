"""Cases of eligibility/criteria/ratings.py."""

import pytest

from .criteria_cases import check_criterion
from .criteria_cases.ratings import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_ratings(case):
    check_criterion(case)
