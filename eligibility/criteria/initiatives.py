"""Initiatives (sáng kiến): recognised at a scope, in a window of years, not counted already for an award the rule
says it may not serve again.

An initiative is counted at each scope it was recognised at, on that decision's day: its recognition (cơ sở) and a
higher level's widening (cấp tỉnh, toàn quốc) are two recognitions, the later one counting in its own year's window.

Which earlier uses stop it counting is the rulebook's parameter ``initiative_reuse`` (on 31 December of the year):

- ``any_award``: used for any award, it counts no more;
- ``same_award``: it never counts twice for the same award, and may serve another one;
- ``title_chain`` (default): never twice for the same award; once it served a title (danh hiệu) it serves no form
  (hình thức) and the other way round, and one form at most; it may serve a higher title once its scope is widened
  (Chiến sĩ thi đua cơ sở, then cấp tỉnh, then toàn quốc).

An initiative counts once for each of its authors (Luật TĐKT 2022, Điều 5.2): a co-author's use is theirs.
"""

from initiatives.models import SCOPE_RANK, Scope
from rulebook.models import Category

from .base import Check, Reason, criterion

# Scope rank -> the words a reason uses ("cơ sở", "cấp bộ, ban, ngành, tỉnh", "toàn quốc").
SCOPE_LABEL = {SCOPE_RANK[code]: label.removeprefix("Phạm vi ") for code, label in Scope.choices}

REUSE_PARAMETER = "initiative_reuse"
REUSE_DEFAULT = "title_chain"
# The reasons saying an initiative is counted for the award (its code first): what a decision records as the
# initiatives its award counted (eligibility.counted).
COUNTED = "Sáng kiến {} ({}, công nhận {}) chưa dùng để khen thưởng"
COUNTED_AGAIN = "Sáng kiến {} ({}, công nhận {}) được tính cho danh hiệu này (đã dùng cho {})"
COUNTED_TEXTS = (COUNTED, COUNTED_AGAIN)


def levels(i):
    """((rank, day), …): each scope ``i`` was recognised at by the end of the year, oldest first."""
    return i.levels or ((i.scope_rank, i.recognized_on),)


def blocking_use(i, ctx, rule):
    """The award (its text) that already counted ``i`` so that it may not count for the award evaluated, or None."""
    if not i.used_for:
        return None
    if not i.uses or rule == "any_award":
        return i.used_for
    current = ctx.current_award
    by_id = ctx.book.by_id
    mine = by_id.get(current)
    for _year, type_id, text in i.uses:
        if type_id == current or current is None:
            return text
        if rule == "title_chain":
            other = by_id.get(type_id)
            both_titles = mine is not None and other is not None and mine.category == other.category == Category.TITLE
            if not both_titles:
                return text
    return None


@criterion("initiatives")
def initiatives(book, scope, count=1, window=1):
    """At least ``count`` initiatives of ``scope`` or wider, recognised in the last ``window`` years, not used already."""
    need = SCOPE_RANK[scope]
    label = SCOPE_LABEL[need]
    rule = book.param(REUSE_PARAMETER, REUSE_DEFAULT)

    def sort(s, ctx):
        """(fit, seen): the initiatives that count [(i, (rank, day), earlier use or None)] and those recognised in
        the window at all [(i, first level in the window, the level that would do or None)]."""
        n = ctx.year
        lo = n - window + 1
        fit, seen = [], []
        for i in s.initiatives:
            inside = [(r, d) for r, d in levels(i) if lo <= d.year <= n]
            if not inside:
                continue
            hit = next(((r, d) for r, d in inside if r >= need), None)
            seen.append((i, inside[0], hit, max(r for r, _d in inside)))
            if hit is not None and blocking_use(i, ctx, rule) is None:
                # Said at the widest scope it reached in the window, dated by the recognition that first sufficed: the
                # history's file (interchange.md) keeps one scope and one date per initiative, and reads the same.
                fit.append((i, (max(r for r, _d in inside), hit[1])))
        return fit, seen

    def explain(s, ctx):
        n = ctx.year
        lo = n - window + 1
        fit, seen = sort(s, ctx)
        period = f"năm {n}" if window == 1 else f"các năm {lo}–{n}"
        if len(fit) >= count:
            chosen = sorted(fit, key=lambda x: (x[1][1], x[0].code))[:count]
            out = []
            for i, (rank, day) in chosen:
                values = (i.code, "phạm vi " + SCOPE_LABEL[rank], day.strftime("%d/%m/%Y"))
                out.append(Reason(True, COUNTED_AGAIN, (*values, i.used_for)) if i.used_for else Reason(True, COUNTED, values))
            return out
        reasons = []
        for i, _first, hit, widest in sorted(seen, key=lambda x: x[1][1]):
            if hit is not None:
                used = blocking_use(i, ctx, rule)
                if used:
                    reasons.append(Reason(False, "Sáng kiến {} đã được dùng để khen thưởng ({}), không tính lại", (i.code, used)))
            else:
                reasons.append(Reason(False, "Sáng kiến {} mới được công nhận ở phạm vi {}, cần phạm vi {}", (i.code, SCOPE_LABEL[widest], label)))
        have = len(fit)
        if count == 1:
            reasons.append(Reason(False, "Chưa có sáng kiến được công nhận ở phạm vi {} trở lên trong {}", (label, period)))
        else:
            reasons.append(Reason(False, "Cần {} sáng kiến được công nhận ở phạm vi {} trở lên trong {}, mới có {}", (count, label, period, have)))
        return reasons

    def test(s, ctx):
        if not s.initiatives:
            return False
        lo, n = ctx.year - window + 1, ctx.year
        found = 0
        for i in s.initiatives:
            if any(r >= need and lo <= d.year <= n for r, d in levels(i)) and blocking_use(i, ctx, rule) is None:
                found += 1
                if found >= count:
                    return True
        return False
    return Check(explain, test)
