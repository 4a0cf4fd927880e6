"""The demo's year of exemplars: months missed where the demo says (Trường THCS Phú Lương in March, Phường Yên
Nghĩa in May to the city), proposals returned with their reason, commended ones with their Giấy khen line, and
published stories with photos and nothing private."""

import dataclasses
import pytest
from django.utils import timezone

from exemplars import selectors
from exemplars.compliance import State
from exemplars.models import Exemplar, Status
from org.models import Unit

pytestmark = pytest.mark.django_db


def _year():
    from core.years import review_year

    return review_year()


def test_the_demo_misses_the_months_it_says(demo):
    from demo.exemplars import planted_missed

    year, today = _year(), timezone.localdate()
    planted = planted_missed(year, today)
    ward = Unit.objects.get(code="HN-PLU")
    missed = {m.unit.code: m.months for m in selectors.missed_months(ward, year, today=today)}
    assert planted["HN-PLU-THCS"] in missed["HN-PLU-THCS"]
    city_missed = {m.unit.code: m.months for m in selectors.missed_months(Unit.objects.get(code="HN"), year, today=today)}
    assert planted["HN-YN"] in city_missed["HN-YN"]


def test_the_demo_has_every_state_and_a_board_that_shows_them(demo):
    year = _year()
    states = set(Exemplar.objects.filter(year=year).values_list("status", flat=True))
    assert states >= {Status.SUBMITTED, Status.ACCEPTED, Status.RETURNED}
    returned = Exemplar.objects.filter(status=Status.RETURNED).first()
    assert returned.return_reason and returned.events.filter(verb="return").exists()
    office = Exemplar.objects.filter(authority__code="HN-PLU").first().authority
    from django.contrib.auth import get_user_model

    b = selectors.board(get_user_model().objects.get(username="vp.phuluong"), office, year)
    seen = {c.state for r in b.rows for c in r.cells}
    assert {State.ACCEPTED, State.MISSED} <= seen and len(b.rows) >= 4


def test_the_demo_commends_and_publishes_with_nothing_private(demo):
    commended = Exemplar.objects.filter(commended_line__isnull=False).select_related("commended_line__award_type")
    assert commended.count() >= 2 and {e.commended_line.award_type.code for e in commended} == {"GK"}
    stories = selectors.published_stories()
    assert len(stories) >= 3 and all(s.photos for s in stories)
    shown = repr([dataclasses.asdict(s) for s in stories])
    for e in Exemplar.objects.filter(published_at__isnull=False, person__isnull=False).select_related("person"):
        p = e.person
        for private in (p.birth_date and p.birth_date.strftime("%d/%m/%Y"), getattr(p, "phone", ""),
                        getattr(p, "email", ""), getattr(p, "id_number", "")):
            assert not private or str(private) not in shown
