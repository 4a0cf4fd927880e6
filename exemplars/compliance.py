"""Each unit's months of a year against the monthly rule (``exemplars.rules``): proposed, accepted, missed.

A month counts for a unit when at least ``per_month`` of its proposals for that month were first sent by the
month's deadline and are still sent (waiting) or accepted; a returned proposal counts again once sent back (its
first sending keeps the date). A month whose deadline has passed short of that is missed. Read in one grouped
query over the units' proposals of the year, whatever the number of units.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import timezone

from .models import Exemplar, Status
from .rules import active_whole_month, rules_of_year, units_owing


class State:
    NOT_OWED = "not_owed"   # the unit did not exist that whole month, or nothing is asked that month
    FUTURE = "future"       # the month has not begun
    OPEN = "open"           # within the month or its grace days, not yet enough sent
    PROPOSED = "proposed"   # enough sent in time, not all accepted yet
    ACCEPTED = "accepted"   # enough accepted
    MISSED = "missed"       # the deadline passed short of the minimum

    LABELS = {NOT_OWED: "Không theo dõi", FUTURE: "Chưa đến", OPEN: "Đang trong hạn", PROPOSED: "Đã đề xuất",
              ACCEPTED: "Đã công nhận", MISSED: "Không có điển hình"}
    # What a board's cell says (the legend explains them): short enough for twelve months on one screen.
    SHORT = {NOT_OWED: "–", FUTURE: "", OPEN: "…", PROPOSED: "Gửi", ACCEPTED: "✓", MISSED: "Thiếu"}


@dataclass
class Cell:
    month: int
    state: str
    sent: int = 0       # sent in time, waiting or accepted
    accepted: int = 0   # of those, accepted
    late: int = 0       # first sent after the deadline (recorded, not counted)
    deadline: date | None = None

    @property
    def label(self):
        return State.LABELS[self.state]

    @property
    def short(self):
        return State.SHORT[self.state]


@dataclass
class Row:
    unit: object
    cells: list = field(default_factory=list)

    def count(self, state):
        return sum(1 for c in self.cells if c.state == state)

    @property
    def n_missed(self):
        return self.count(State.MISSED)

    @property
    def n_accepted(self):
        return self.count(State.ACCEPTED)

    @property
    def n_proposed(self):
        return self.count(State.PROPOSED)

    @property
    def missed_months(self):
        return [c.month for c in self.cells if c.state == State.MISSED]


def _tally(unit_ids, year, rules):
    """{(unit id, month): (sent in time, accepted in time, late)} from one grouped query."""
    out = defaultdict(lambda: [0, 0, 0])
    if not unit_ids:
        return out
    rows = (Exemplar.objects.filter(unit_id__in=unit_ids, year=year, status__in=[Status.SUBMITTED, Status.ACCEPTED],
                                    first_sent_at__isnull=False)
            .values("unit_id", "month", "status", "first_sent_at__date").annotate(n=Count("id")))
    for r in rows:
        rule = rules.get(r["month"])
        sent_on = r["first_sent_at__date"]
        slot = out[(r["unit_id"], r["month"])]
        if rule is not None and sent_on > rule.deadline(year, r["month"]):
            slot[2] += r["n"]
            continue
        slot[0] += r["n"]
        if r["status"] == Status.ACCEPTED:
            slot[1] += r["n"]
    return out


def rows_for(units, year: int, today: date | None = None, rules=None) -> list[Row]:
    """The twelve months of each of ``units`` in ``year``."""
    today = today or timezone.localdate()
    rules = rules or rules_of_year(year)
    tally = _tally([u.pk for u in units], year, rules)
    out = []
    for u in units:
        row = Row(unit=u)
        for m in range(1, 13):
            rule = rules[m]
            if rule is None or rule.per_month <= 0 or u.kind not in rule.unit_kinds or not active_whole_month(u, year, m):
                row.cells.append(Cell(m, State.NOT_OWED))
                continue
            deadline = rule.deadline(year, m)
            sent, accepted, late = tally.get((u.pk, m), (0, 0, 0))
            if date(year, m, 1) > today:
                state = State.FUTURE
            elif accepted >= rule.per_month:
                state = State.ACCEPTED
            elif sent >= rule.per_month:
                state = State.PROPOSED
            elif today > deadline:
                state = State.MISSED
            else:
                state = State.OPEN
            row.cells.append(Cell(m, state, sent, accepted, late, deadline))
        out.append(row)
    return out


def owing_units(level, year: int, rules=None) -> list:
    """The units that propose to ``level`` in ``year`` under the year's rules (any month's kinds)."""
    rules = rules or rules_of_year(year)
    kinds = set().union(*(r.unit_kinds for r in rules.values() if r is not None and r.per_month > 0))
    return units_owing(level, year, kinds)
