"""Initiatives (sáng kiến): recognised at a scope, in a window of years, not used for an award already."""

from initiatives.models import SCOPE_RANK, Scope

from .base import Check, Reason, criterion

# Scope rank -> the words a reason uses ("cơ sở", "cấp bộ, ban, ngành, tỉnh", "toàn quốc").
SCOPE_LABEL = {SCOPE_RANK[code]: label.removeprefix("Phạm vi ") for code, label in Scope.choices}


@criterion("initiatives")
def initiatives(book, scope, count=1, window=1):
    """At least ``count`` initiatives of ``scope`` or wider, recognised in the last ``window`` years, not used already."""
    need = SCOPE_RANK[scope]
    label = SCOPE_LABEL[need]

    def explain(s, ctx):
        n = ctx.year
        lo = n - window + 1
        in_window = [i for i in s.initiatives if lo <= i.recognized_on.year <= n]
        fit = [i for i in in_window if i.scope_rank >= need and not i.used_for]
        period = f"năm {n}" if window == 1 else f"các năm {lo}–{n}"
        if len(fit) >= count:
            chosen = sorted(fit, key=lambda i: (i.recognized_on, i.code))[:count]
            return [Reason(True, "Sáng kiến {} ({}, công nhận {}) chưa dùng để khen thưởng",
                           (i.code, "phạm vi " + SCOPE_LABEL[i.scope_rank], i.recognized_on.strftime("%d/%m/%Y"))) for i in chosen]
        reasons = []
        for i in sorted(in_window, key=lambda i: i.recognized_on):
            if i.used_for and i.scope_rank >= need:
                reasons.append(Reason(False, "Sáng kiến {} đã được dùng để khen thưởng ({}), không tính lại", (i.code, i.used_for)))
            elif i.scope_rank < need:
                reasons.append(Reason(False, "Sáng kiến {} mới được công nhận ở phạm vi {}, cần phạm vi {}", (i.code, SCOPE_LABEL[i.scope_rank], label)))
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
        return sum(1 for i in s.initiatives if lo <= i.recognized_on.year <= n and i.scope_rank >= need and not i.used_for) >= count
    return Check(explain, test)
