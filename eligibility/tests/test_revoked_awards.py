"""A revoked award (Luật TĐKT 2022, Điều 93.2) no longer counts in any history condition."""

from datetime import date

import pytest

from decisions.models import Award
from eligibility.engine import evaluate
from records.models import Rating
from rulebook.models import AwardType

pytestmark = pytest.mark.django_db


def test_revoked_cstdcs_breaks_the_run(world):
    t = world.thinh
    cstdcs = AwardType.objects.get(code="CSTDCS")
    for y in (2024, 2025):
        Rating.objects.create(person=t, year=y, level="HTXSNV")
    old = Award.objects.create(person=t, award_type=cstdcs, year=2024, decision_number="9/QĐ-UBND")

    def bk_tinh():
        [o] = evaluate(2025, person=t, award_code="BK_TINH").outcomes
        return o

    assert bk_tinh().eligible
    old.revoked_on = date(2025, 6, 1)
    old.save()
    o = bk_tinh()
    assert not o.eligible
    assert "thiếu năm 2024" in " ".join(o.unmet())
