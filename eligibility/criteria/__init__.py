"""The kinds of criterion the rulebook may name, one module per family.

Importing this package registers every kind (``REGISTRY``: kind -> factory).
Each kind also declares the years and awards it reads (``criterion(kind, rating_years=…,
achievement_years=…, rests_on=…)``); the functions below answer from those declarations for an
award's criteria, so that no other module switches on kind names.
How to add one: README.md, "Thêm một tiêu chí".
"""

from . import awards, collective, composite, discipline, initiatives, ratings, tenure  # noqa: F401  (each registers its kinds)
from .base import REGISTRY, Check, Dep, Reason, criterion

__all__ = ["REGISTRY", "Check", "Dep", "Reason", "criterion", "rating_spans", "achievement_years", "rests_on"]


def _factory(kind):
    factory = REGISTRY.get(kind)
    if factory is None:
        raise ValueError(f"Loại tiêu chuẩn không biết: {kind}")
    return factory


def rating_spans(criteria: dict) -> dict:
    """{award code: how many years of the recipient's own ratings, ending with the award's year, it rests on},
    from ``criteria`` ({award code: [(kind, params)]}; an award's longest standard counts)."""
    spans = {}

    def span_of(code, seen=frozenset()):
        if code in spans:
            return spans[code]
        if not code or code in seen or code not in criteria:
            return 0
        value = max((_factory(k).rating_years(p or {}, lambda c: span_of(c, seen | {code})) for k, p in criteria[code]),
                    default=0)
        spans[code] = value
        return value

    for code in criteria:
        span_of(code)
    return spans


def achievement_years(criteria) -> int:
    """How many years of achievement one award of these criteria ([(kind, params)]) rewards (at least 1)."""
    return max((_factory(k).achievement_years(p or {}, lambda code: 1) for k, p in criteria), default=1)


def rests_on(criteria) -> list:
    """The awards (``Dep``) these criteria ([(kind, params)]) read."""
    return [d for k, p in criteria for d in _factory(k).rests_on(p or {})]
