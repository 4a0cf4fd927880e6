"""Discipline (kỷ luật) of the person evaluated."""

from records.models import DISCIPLINE_SEVERITY, DisciplineLevel

from .base import Check, Reason, criterion

DISCIPLINE_NAME = dict(DisciplineLevel.choices)


@criterion("no_discipline")
def no_discipline(book, level):
    """Not disciplined at ``level`` or worse in the year evaluated (e.g. khiển trách and above bars Lao động tiên
    tiến under Nghị định 65/2014, Điều 5.6)."""
    worst = DISCIPLINE_SEVERITY[level]
    name = DISCIPLINE_NAME[level].lower()

    def ok(s, ctx):
        return s.discipline < worst

    def explain(s, ctx):
        if ok(s, ctx):
            return [Reason(True, "Không bị kỷ luật từ hình thức {} trở lên trong năm {}", (name, ctx.year))]
        got = next(code for code, n in DISCIPLINE_SEVERITY.items() if n == s.discipline)
        return [Reason(False, "Bị kỷ luật hình thức {} trong năm {}", (DISCIPLINE_NAME[got].lower(), ctx.year))]
    return Check(explain, ok)
