"""Cases of eligibility/criteria/awards.py: titles and awards history."""

import pytest

from .criteria_cases import check_criterion
from .criteria_cases.awards import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_awards(case):
    check_criterion(case)
