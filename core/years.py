"""The achievement year under review: the year a page that takes a year of achievement opens on (a new dossier,
the ratings screen, the eligibility page).

The year-end review of year N runs from December of N into the next year (ratings, dossiers, councils and decisions
in December and January): from ``TDKT_REVIEW_FROM_MONTH`` (a setting, default 12 — a practice of the offices, not a
rule of law, so not in the rulebook) the pages open on the current year, before it on the year just ended.
"""

from datetime import date

from django.conf import settings
from django.utils import timezone


def review_from_month() -> int:
    month = int(getattr(settings, "TDKT_REVIEW_FROM_MONTH", 12) or 12)
    return min(max(month, 1), 12)


def review_year(today: date | None = None) -> int:
    """The achievement year being reviewed on ``today`` (Hà Nội's date by default): in December and January the year
    just ending (2026 on 06/12/2026 and on 15/01/2027); from February to November, the last year reviewed."""
    today = today or timezone.localdate()
    return today.year if today.month >= review_from_month() else today.year - 1
