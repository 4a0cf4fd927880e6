"""Service: how long the person has worked (not recruited too recently)."""

from .base import Check, Reason, criterion


@criterion("worked_months")
def worked_months(book, parameter):
    """At least the parameter's number of months worked in the year evaluated (from the first day of work)."""
    months = int(book.param(parameter, 6))

    def enough(s, ctx):
        start = s.first_start
        if start is None or start.year < ctx.year:
            return True
        # Months worked in the year evaluated, from the first day of work.
        return 12 - start.month + (1 if start.day == 1 else 0) >= months

    def explain(s, ctx):
        if enough(s, ctx):
            return []
        return [Reason(False, "Mới tuyển dụng từ {}, chưa đủ {} tháng công tác trong năm {}", (s.first_start.strftime("%d/%m/%Y"), months, ctx.year))]
    return Check(explain, enough)
