"""Ratings: the yearly task rating (đánh giá, xếp loại) of a person or of a collective."""

from operator import attrgetter

from records.models import RatingLevel

from ..facts import YEARS_AT_LEAST
from .base import Check, Reason, criterion, last_given_before, years_text

RATING_LABEL = dict(RatingLevel.choices)


def rating_label(s, k=0):
    """How ``s`` was rated in year N−k, in words."""
    for level, attr in YEARS_AT_LEAST.items():  # best first
        if getattr(s, attr) >> k & 1:
            return RATING_LABEL[level].lower()
    if s.rated_years >> k & 1:
        return RATING_LABEL["KHTNV"].lower()
    return "chưa có kết quả xếp loại"


@criterion("rating_at_least", rating_years=lambda p, span_of: 0 if p.get("who") else 1)
def rating_at_least(book, level, who=""):
    """Rated ``level`` or better in the year evaluated."""
    get = attrgetter(YEARS_AT_LEAST[level])
    required = RATING_LABEL[level].lower()
    subject = who + " " if who else ""

    def explain(s, ctx):
        n = ctx.year
        if not s.rated_years & 1:
            return [Reason(False, (who.capitalize() + " chưa" if who else "Chưa") + " có kết quả đánh giá, xếp loại năm {}", (n,))]
        actual = rating_label(s)
        if get(s) & 1:
            return [Reason(True, "Năm {} " + subject + "được xếp loại {}", (n, actual))]
        return [Reason(False, "Năm {} " + subject + "được xếp loại {}, chưa đạt {} trở lên", (n, actual, required))]
    return Check(explain, lambda s, ctx: bool(get(s) & 1))


@criterion("unit_rating_at_least", rating_years=lambda p, span_of: 1)
def unit_rating_at_least(book, level):
    """The collective rated ``level`` or better in the year evaluated."""
    return rating_at_least(book, level, who="tập thể")


@criterion("consecutive_ratings", rating_years=lambda p, span_of: int(p.get("count", 1)),
           achievement_years=lambda p, span_of: int(p.get("count", 1)))
def consecutive_ratings(book, level, count):
    """Rated ``level`` or better in each of the last ``count`` years, none of them counted already for this award."""
    attr = YEARS_AT_LEAST[level]
    label = RATING_LABEL[level].lower()

    def explain(s, ctx):
        n = ctx.year
        last_target = last_given_before(s, ctx.current_award, n)
        years = list(range(n - count + 1, n + 1))
        bad = [(y, rating_label(s, n - y)) for y in years if not getattr(s, attr) >> (n - y) & 1]
        used = [y for y in years if last_target is not None and y <= last_target]
        if not bad and not used:
            return [Reason(True, "{} năm liên tục {}: {}", (count, label, years_text(years)))]
        reasons = []
        if bad:
            detail = ", ".join(f"năm {y}: {lab}" for y, lab in bad)
            reasons.append(Reason(False, "Chưa đủ {} năm liên tục {} ({})", (count, label, detail)))
        if used:
            reasons.append(Reason(False, "Các năm {} đã được tính cho {} năm {}", (years_text(used), book.by_id[ctx.current_award].name, last_target)))
        return reasons
    get, need, earlier = attrgetter(attr), (1 << count) - 1, (1 << (count - 1)) - 1
    return Check(explain, lambda s, ctx: get(s) & need == need and not (s.award_years.get(ctx.current_award, 0) >> 1) & earlier)
