"""The statutory clock of a dossier (thời hạn giải quyết): working days from the day the complete dossier is
received (``dossier_processing_days``, per level), not counting the stages the rulebook says stop it
(``dossier_clock_pauses``: public disclosure, waiting for the answers to its comments, a return to the unit).

Pure computation over dates and the rulebook: the writes are in ``dossiers.actions`` (a ``Pause`` row when a
stage that stops the clock begins or ends, ``due_on`` recomputed), the reads in ``dossiers.selectors``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from core.dates import add_working_days, is_working_day
from rulebook.authorities import authority_level
from rulebook.selectors import parameter_on, parameter_row_on

# What the rulebook's seed file says when the database has no row for the day (never a literal rule of its own:
# every stage stops nothing).
NO_PAUSES: list = []


@dataclass(frozen=True)
class Rule:
    stage: str
    effect: str          # "pause", "restart" or "none"
    status: str
    legal_basis: str


def rules_on(day: date) -> dict[str, Rule]:
    """{stage: Rule} of ``dossier_clock_pauses`` in force on ``day``."""
    value = parameter_on("dossier_clock_pauses", day, NO_PAUSES) or NO_PAUSES
    out = {}
    for row in value:
        if isinstance(row, dict) and row.get("stage"):
            out.setdefault(row["stage"], Rule(row["stage"], row.get("effect", "none"), row.get("status", "unverified"),
                                              row.get("legal_basis", "")))
    return out


def rule_row_on(day: date):
    """The stored parameter row (its status and legal basis) in force on ``day``, for the page."""
    return parameter_row_on("dossier_clock_pauses", day)


def stops(stage: str, day: date) -> Rule | None:
    """The rule when ``stage`` beginning on ``day`` stops the clock (pause or restart), else None."""
    rule = rules_on(day).get(stage)
    return rule if rule is not None and rule.effect in ("pause", "restart") else None


def processing_days(authority, received_on: date) -> int | None:
    """Working days the authority has for a complete dossier received on ``received_on``."""
    days = (parameter_on("dossier_processing_days", received_on, {}) or {}).get(authority_level(authority, received_on) or "agency")
    return int(days) if days else None


def working_days_in(start: date, end: date, holidays, after: date | None = None) -> int:
    """Working days of [start, end], both included, that fall after ``after`` (the day the clock started, which
    is never one of its days)."""
    if after is not None:
        start = max(start, after + timedelta(days=1))
    n, day = 0, start
    while day <= end:
        n += is_working_day(day, holidays)
        day += timedelta(days=1)
    return n


def paused_days(received_on: date, pauses, holidays) -> int:
    """Working days after ``received_on`` within the ended pauses (effect "pause") of ``pauses``."""
    return sum(working_days_in(p.start, p.end, holidays, after=received_on)
               for p in pauses if p.effect == "pause" and p.end is not None)


def due_date(received_on: date, days: int, paused: int, holidays) -> date:
    return add_working_days(received_on, days + paused, holidays)
