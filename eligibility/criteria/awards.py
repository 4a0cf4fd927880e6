"""Titles and awards history: a lower standard met, titles in a row, an award followed by good years."""

from ..facts import YEARS_AT_LEAST
from .base import Check, Dep, Reason, criterion, last_given_before, mask_years, years_text
from .ratings import RATING_LABEL, rating_label


def _consecutive_span(p, span_of):
    inner = span_of(p.get("award"))
    return (int(p.get("count", 1)) - 1) * int(p.get("period", 1)) + inner if inner else 0


@criterion("meets_award", rating_years=lambda p, span_of: span_of(p.get("award")),
           rests_on=lambda p: [Dep(p["award"])])
def meets_award(book, award):
    """Meets the standard of ``award`` in the year evaluated (decided before, lower ranks first)."""
    target = book.award_id(award)
    name = book.awards[award].name

    def explain(s, ctx):
        if ctx.results.get(target):
            return [Reason(True, "Đạt tiêu chuẩn {} năm {}", (name, ctx.year))]
        current, ctx.current_award = ctx.current_award, target
        sub = [r for fn in book.compiled[target] for r in fn(s, ctx) if not r.ok]
        ctx.current_award = current
        return [Reason(False, "Chưa đạt tiêu chuẩn {} năm {}: " + "; ".join(r.text for r in sub), (name, ctx.year, *sum((r.values for r in sub), ())))]
    return Check(explain, lambda s, ctx: bool(ctx.results.get(target)))


@criterion("consecutive_awards", rating_years=_consecutive_span,
           achievement_years=lambda p, span_of: int(p.get("count", 1)) * int(p.get("period", 1)),
           rests_on=lambda p: [Dep(p["award"], 0, (int(p.get("count", 1)) - 1) * int(p.get("period", 1)),
                                   count=int(p.get("count", 1)))])
def consecutive_awards(book, award, count, period=1):
    """``count`` times ``award`` in a row (each year; or, with ``period``, each within ``period`` years of the next),
    the run not counted already for the award evaluated."""
    base = book.award_id(award)
    name = book.awards[award].name

    def explain(s, ctx):
        n = ctx.year
        target = ctx.current_award
        last_target = last_given_before(s, target, n)
        if period == 1:
            years = list(range(n - count + 1, n + 1))
            used = [y for y in years if last_target is not None and y <= last_target]
            missing = [y for y in years if not ctx.has(s, base, y)]
            if not missing and not used:
                return [Reason(True, "Đạt {} {} năm liên tục: {}", (name, count, years_text(years)))]
            reasons = []
            if missing:
                reasons.append(Reason(False, "Chưa đủ {} năm liên tục đạt {}: thiếu năm {}", (count, name, years_text(missing))))
            if used:
                reasons.append(Reason(False, "{} năm {} đã được tính cho {} năm {}", (name, years_text(used), book.by_id[target].name, last_target)))
            return reasons
        # Titles given once per period (e.g. CSTĐ cấp tỉnh, every 3 years): count
        # consecutive times, each within ``period`` years of the next.
        times = [n] if ctx.has(s, base, n) else []
        if not times:
            return [Reason(False, "Năm {} chưa đạt {}", (n, name))]
        y = n
        while len(times) < count:
            prev = [z for z in range(y - 1, y - period - 1, -1) if ctx.has(s, base, z) and (last_target is None or z > last_target)]
            if not prev:
                break
            y = prev[0]
            times.append(y)
        if len(times) >= count:
            return [Reason(True, "Đạt {} {} lần liên tục: các năm {}", (name, count, years_text(sorted(times))))]
        return [Reason(False, "Chưa đủ {} lần liên tục đạt {}: mới có năm {}, không có lần trước đó trong các năm {}–{}",
                       (count, name, years_text(sorted(times)), y - period, y - 1))]
    need = (1 << count) - 1
    earlier = (1 << (count - 1)) - 1

    def test(s, ctx):
        have = s.award_years.get(base, 0) | (1 if ctx.results.get(base) else 0)
        if period != 1:
            return bool(have & 1) and all(r.ok for r in explain(s, ctx))
        # Every year of the run, and the award evaluated not given inside it already.
        return have & need == need and not (s.award_years.get(ctx.current_award, 0) >> 1) & earlier
    return Check(explain, test)


@criterion("award_then_ratings", rating_years=lambda p, span_of: int(p.get("years", 0)),
           achievement_years=lambda p, span_of: int(p.get("years", 1)),
           rests_on=lambda p: [Dep(p["award"], 1, 40)] + ([Dep(p["within_award"], 0, int(p.get("years", 1)),
                                                               count=int(p.get("within_count", 1)))]
                                                          if p.get("within_award") else []))
def award_then_ratings(book, award, years, level, within_award=None, within_count=0):
    """Given ``award``, then at least ``years`` years rated ``level`` or better, with ``within_count`` times
    ``within_award`` among them when the standard names one."""
    anchor_id, anchor_name = book.award_id(award), book.awards[award].name
    within_id = book.award_id(within_award) if within_award else None
    within_name = book.awards[within_award].name if within_award else ""
    attr = YEARS_AT_LEAST[level]
    label = RATING_LABEL[level].lower()

    def assess(s, ctx, anchor):
        """Reasons for the period after ``anchor``: every year good, long enough, enough titles."""
        n = ctx.year
        span = list(range(anchor + 1, n + 1))
        bad = [y for y in span if not getattr(s, attr) >> (n - y) & 1]
        within = [y for y in span if ctx.has(s, within_id, y)] if within_id else []
        reasons = [Reason(True, "Đã được tặng {} năm {}", (anchor_name, anchor))]
        if len(span) >= years and not bad:
            reasons.append(Reason(True, "{} năm liên tục {} trở lên kể từ sau năm {}: {}–{}", (len(span), label, anchor, span[0], span[-1])))
        elif bad:
            detail = ", ".join(f"năm {y}: {rating_label(s, n - y)}" for y in bad)
            reasons.append(Reason(False, "Cần ít nhất {} năm liên tục {} trở lên kể từ sau năm {} ({})", (years, label, anchor, detail)))
        else:
            reasons.append(Reason(False, "Cần ít nhất {} năm liên tục {} trở lên kể từ sau năm {}: mới có {} năm ({}–{})", (years, label, anchor, len(span), anchor + 1, n)))
        if not within_id:
            pass
        elif len(within) >= within_count:
            reasons.append(Reason(True, "Trong thời gian đó có {} lần đạt {}: {}", (len(within), within_name, years_text(within))))
        else:
            got = f" ({years_text(within)})" if within else ""
            reasons.append(Reason(False, "Trong thời gian đó cần {} lần đạt {}, mới có {}{}", (within_count, within_name, len(within), got)))
        return reasons

    def explain(s, ctx):
        n = ctx.year
        last_self = last_given_before(s, ctx.current_award, n)
        anchors = set(mask_years(s.award_years.get(anchor_id, 0), n))
        if s.first_award_year.get(anchor_id) is not None:
            anchors.add(s.first_award_year[anchor_id])
        anchors = sorted(y for y in anchors if y < n and (last_self is None or y >= last_self))
        if not anchors:
            if last_self is not None:
                return [Reason(False, "Chưa có {} nào kể từ lần được tặng {} năm {}", (anchor_name, book.by_id[ctx.current_award].name, last_self))]
            return [Reason(False, "Chưa được tặng {}", (anchor_name,))]
        tried = [assess(s, ctx, a) for a in anchors]
        for reasons in tried:
            if all(r.ok for r in reasons):
                return reasons
        return tried[-1]  # the most recent one says best what is missing
    # Without the earlier award there is nothing to assess.
    return Check(explain, lambda s, ctx: anchor_id in s.first_award_year and all(r.ok for r in explain(s, ctx)))
