"""The draft previewed on the demo city (`tdkt demo`): Phường Phú Lương, 2025. The gains and losses of CSTĐCS are
counted here by hand, from the ratings, the work periods and the initiatives, with plain queries, and must be
exactly those the comparison finds."""

from datetime import date

import pytest
from django.db.models import Q

from decisions.models import Award
from eligibility.preview import compare
from initiatives.models import Initiative
from org.models import Employment, Unit
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.previews import DRAFT

pytestmark = pytest.mark.django_db

N = 2025
FIRST, LAST = date(N, 1, 1), date(N, 12, 31)


def overlapping_the_year():
    return Q(start__isnull=True) | Q(start__lte=LAST), Q(end__isnull=True) | Q(end__gte=FIRST)


def hand_count(ward):
    """({person code: …} losses, gains) of CSTĐCS in 2025, from the data itself.

    Today (Luật 06/2022, Điều 23–24): rated HTTNV or better, not recruited in 2025 for less than 6 months, and
    (HTXSNV or an initiative of 2025 at grassroots scope or wider, not already used for an award the engine does not
    judge again); under the draft: HTXSNV and such an initiative. The year's own titles are set aside."""
    people = set(Employment.objects.filter(*overlapping_the_year(), unit__path__startswith=ward.path)
                 .values_list("person_id", flat=True))
    rating = dict(Rating.objects.filter(year=N, person_id__in=people).values_list("person_id", "level"))
    starts = {}
    for pid, start in Employment.objects.filter(person_id__in=people).values_list("person_id", "start"):
        starts.setdefault(pid, []).append(start)
    judged = set(AwardType.objects.filter(decidable=True).values_list("id", flat=True))
    with_initiative = set()
    for i in Initiative.objects.filter(recognized_on__year=N, authors__in=people).prefetch_related("authors").distinct():
        for author in i.authors.all():
            if author.pk not in people:
                continue
            used = Award.objects.filter(person=author, initiatives=i, revoked_on__isnull=True).filter(
                ~Q(award_type_id__in=judged) | Q(year__lt=N))
            if not used.exists():
                with_initiative.add(author.pk)

    def months_ok(pid):
        s = starts.get(pid, [])
        if not s or None in s:
            return True
        first = min(s)
        return first.year < N or 12 - first.month + (1 if first.day == 1 else 0) >= 6

    losses, gains = set(), set()
    for pid in people:
        level = rating.get(pid)
        ldtt = level in ("HTTNV", "HTXSNV") and months_ok(pid)
        today = ldtt and (level == "HTXSNV" or pid in with_initiative)
        draft = level == "HTXSNV" and pid in with_initiative
        if today and not draft:
            losses.add(pid)
        if draft and not today:
            gains.add(pid)
    return losses, gains, rating, with_initiative


def test_phu_luong_2025_losses_and_gains_of_cstdcs_are_those_counted_by_hand(demo):
    ward = Unit.objects.get(code="HN-PLU")
    losses, gains, rating, with_initiative = hand_count(ward)
    c = compare(N, draft=DRAFT, unit=ward, award_code="CSTDCS")
    assert {ch.subject.id for ch in c.losses} == losses
    assert {ch.subject.id for ch in c.gains} == gains
    # Both kinds of loss are there: HTXSNV without an initiative, and an initiative with only HTTNV.
    assert any(rating[p] == "HTXSNV" and p not in with_initiative for p in losses)
    assert any(rating[p] == "HTTNV" and p in with_initiative for p in losses)
    # Those rated HTXSNV without an initiative hold CSTĐCS 2025 today (most by the ward's decision 25/QĐ-UBND).
    given = set(Award.objects.filter(year=N, award_type__code="CSTDCS", revoked_on__isnull=True, person_id__in=losses)
                .values_list("person_id", flat=True))
    assert given, "the demo's decision gave CSTĐCS 2025 to people the draft would refuse"
    for ch in c.losses:
        if rating[ch.subject.id] == "HTXSNV":
            assert ch.unmet() == ["Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025"]
        assert ch.in_force_unmet() == []


def test_phu_luong_2025_knock_on_changes_rest_on_the_cstdcs_lost(demo):
    ward = Unit.objects.get(code="HN-PLU")
    c = compare(N, draft=DRAFT, unit=ward)
    totals, by_unit = c.tally()
    assert totals["losses"] == sum(lost for _p, _g, lost in by_unit) and totals["gains"] == sum(g for _p, g, _l in by_unit)
    lost_cstdcs = {ch.subject.id for ch in c.losses if ch.award.code == "CSTDCS"}
    for ch in c.changes:
        if ch.award.code == "CSTDCS":
            continue
        # A higher award or a collective title changes only through the CSTĐCS of the year.
        assert ch.direction == "loss"
        assert any("Chiến sĩ thi đua cơ sở" in line for line in ch.unmet()), ch.summary()
        if ch.kind == "person":
            assert ch.subject.id in lost_cstdcs
