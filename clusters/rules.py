"""What the rulebook says of clusters (dated parameters ``cluster_ranking`` and ``cluster_proposal``), read with
their status and legal basis so that the pages can show them beside the ranking."""

from dataclasses import dataclass
from datetime import date

RANKING, PROPOSAL = "cluster_ranking", "cluster_proposal"
DEFAULT_RANKING = {"method": "others_average", "tie_break": ["base_points", "lowest_received"]}


@dataclass(frozen=True)
class Rule:
    value: dict
    status: str
    legal_basis: str


def _row(key, day) -> Rule | None:
    from rulebook.schema import value_or_default
    from rulebook.selectors import parameter_row_on

    row = parameter_row_on(key, day)
    if row is None:
        return None
    value, _problem = value_or_default(row)
    return Rule(value=dict(value), status=row.status, legal_basis=row.legal_basis)


def ranking_rule(day: date) -> Rule:
    """The ranking rule in force on ``day`` (the seed's default, marked unverified, when the rulebook has none)."""
    return _row(RANKING, day) or Rule(DEFAULT_RANKING, "unverified", "")


def proposal_rule(day: date) -> Rule | None:
    return _row(PROPOSAL, day)
