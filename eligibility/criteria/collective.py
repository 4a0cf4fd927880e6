"""Collectives: what the members hold or qualify for, their ratings, their discipline.

These read the members through the unit context (engine.UnitContext): ``ctx.person(pid)``,
``ctx.person_given``, ``ctx.book_person_has``, ``ctx.titles_decided``."""

from core.text import person_sort_key
from records.models import DISCIPLINE_SEVERITY, DisciplineLevel

from ..facts import YEARS_AT_LEAST
from .base import Check, Dep, Reason, criterion
from .ratings import RATING_LABEL

DISCIPLINE_LABEL = {n: code for code, n in DISCIPLINE_SEVERITY.items()}
DISCIPLINE_NAME = dict(DisciplineLevel.choices)


def share_met(count, total, rule) -> bool:
    """Do ``count`` of ``total`` members meet the share ``rule`` ({op: ">" or ">=", share})?"""
    op, share = rule.get("op", ">="), float(rule.get("share", 0))
    value = count / total if total else 0
    return value > share if op == ">" else value >= share


@criterion("members_share", rests_on=lambda p: [Dep(p["award"], members=True, share=p["parameter"])])
def members_share(book, award, parameter):
    """The share of members with ``award`` (or a title that includes it) meets the parameter's rule."""
    rule = book.param(parameter, {"op": ">=", "share": 0.7})
    name = book.awards[award].name
    threshold = ("trên " if rule.get("op") == ">" else "ít nhất ") + f"{float(rule['share']) * 100:g}%".replace(".", ",")

    def explain(s, ctx):
        total = len(s.members)
        if not total:
            return [Reason(False, "Tập thể không có thành viên trong năm {}", (ctx.year,))]
        # "ít nhất 70% cá nhân đạt danh hiệu" (Luật TĐKT 2022, Điều 27.1; rules.md §12): titles given
        # count. Until the unit's individual titles of the year are decided, those who qualify stand in.
        if ctx.titles_decided(s):
            count = sum(1 for pid in s.members if ctx.person_given(pid, award))
            text = "{}/{} thành viên ({}%) đã được tặng {} năm {}; yêu cầu {}"
        else:
            count = sum(1 for pid in s.members if ctx.book_person_has(pid, award))
            text = "{}/{} thành viên ({}%) đủ điều kiện {} năm {}, chưa có quyết định; yêu cầu {}"
        pct = f"{count / total * 100:.1f}".replace(".", ",")
        ok = share_met(count, total, rule)
        return [Reason(ok, text, (count, total, pct, name, ctx.year, threshold))]
    return Check(explain)


@criterion("members_rated_at_least")
def members_rated_at_least(book, level):
    """Every member rated ``level`` or better in the year evaluated."""
    attr = YEARS_AT_LEAST[level]
    label = RATING_LABEL[level].lower()

    def explain(s, ctx):
        if not s.members:
            return [Reason(False, "Tập thể không có thành viên trong năm {}", (ctx.year,))]
        short = [pid for pid in s.members if not getattr(ctx.person(pid), attr, 0) & 1]
        if not short:
            return [Reason(True, "100% cá nhân ({}) {} trở lên năm {}", (len(s.members), label, ctx.year))]
        return [Reason(False, "{} cá nhân chưa {} hoặc chưa có kết quả xếp loại năm {}: {}", (len(short), label, ctx.year, _names(short, ctx)))]
    return Check(explain)


@criterion("members_any_award", rests_on=lambda p: [Dep(p["award"], members=True, count=int(p.get("count", 1)))])
def members_any_award(book, award, count=1):
    """At least ``count`` members hold or qualify for ``award`` (or a title that includes it)."""
    name = book.awards[award].name

    def explain(s, ctx):
        having = [pid for pid in s.members if ctx.book_person_has(pid, award)]
        if len(having) >= count:
            return [Reason(True, "Có {} cá nhân đạt hoặc đủ điều kiện {} năm {}: {}", (len(having), name, ctx.year, _names(having, ctx)))]
        return [Reason(False, "Không có cá nhân nào đạt hoặc đủ điều kiện {} năm {}", (name, ctx.year))]
    return Check(explain)


@criterion("no_member_discipline")
def no_member_discipline(book, level):
    """No member disciplined at ``level`` or worse in the year evaluated."""
    floor = DISCIPLINE_SEVERITY[level]

    def explain(s, ctx):
        hit = [pid for pid in s.members if getattr(ctx.person(pid), "discipline", 0) >= floor]
        if not hit:
            return [Reason(True, "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên năm {}", (ctx.year,))]
        return [Reason(False, "Có {} cá nhân bị kỷ luật từ cảnh cáo trở lên năm {}: {}", (len(hit), ctx.year, _names(hit, ctx, with_discipline=True)))]
    return Check(explain)


def _names(pids, ctx, with_discipline=False):
    people = ctx.people

    def render(names=None):
        out = []
        # Vietnamese order by given name, as lists are read; the same on every database.
        ordered = sorted(pids, key=lambda pid: (person_sort_key(people[pid].name) if pid in people else "", pid))
        for pid in ordered[:20]:
            p = people.get(pid)
            label = p.name if p else str(pid)
            if with_discipline and p:
                label += f" ({DISCIPLINE_NAME.get(DISCIPLINE_LABEL.get(p.discipline), '').lower()})"
            out.append(label)
        return ", ".join(out) + (f" và {len(pids) - 20} người khác" if len(pids) > 20 else "")
    return render
