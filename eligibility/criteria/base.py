"""What every criterion is made of: reasons, the compiled form, and the registry of kinds.

A criterion of the rulebook (rulebook.Criterion: a ``kind`` with parameters and
a text) is compiled by the factory registered for its kind into a ``Check``:

- ``check.test(s, ctx) -> bool`` is the fast path the whole-population pass
  runs, on the subject's bit masks and sets (no sentence is built);
- ``check(s, ctx) -> [Reason]`` is the explanation a person reads (all ok =
  criterion met).

Both must always agree (eligibility/tests/test_fast_path.py and the CASES of
eligibility/tests/test_criteria_*.py check it).
"""

from dataclasses import dataclass

# kind (as written in rulebook/data/rulebook.toml) -> factory(book, **params) -> Check
REGISTRY = {}


@dataclass(frozen=True, slots=True)
class Dep:
    """An award a criterion rests on: ``award`` given in the years ``first``..``last`` before the year evaluated
    (0 = that year itself), to the subject itself or (``members``) to members of the collective.

    How many it needs: ``count`` of those years (CSTĐ tỉnh: 3 CSTĐCS in 0..2) or of the members; for a share of
    the members, ``share`` names the rulebook parameter holding the rule ({op, share}). ``option``: the criterion
    is one of several options (any_of), so the award may stand on another one. A revocation reads these to say
    whether an award still stands without the one revoked (decisions/chain.py)."""

    award: str
    first: int = 0
    last: int = 0
    members: bool = False
    count: int = 1
    share: str = ""
    option: bool = False


def _none(params, span_of):
    return 0


def _one_year(params, span_of):
    return 1


def _nothing(params):
    return []


def criterion(kind, *, rating_years=_none, achievement_years=_one_year, rests_on=_nothing):
    """Register the decorated factory for ``kind``, with the years and awards it reads:

    - ``rating_years(params, span_of) -> int``: how many years of the subject's own ratings, ending with the year
      evaluated, it reads (``span_of(code)`` is another award's span); a rating changed inside that span changes
      an award resting on it (records/basis.py);
    - ``achievement_years(params, span_of) -> int``: how many years of achievement one award of this standard
      rewards (LĐTT 1, CSTĐ tỉnh 3): two titles of the same span and year are one achievement, paid once
      (dossiers/appraisal.py);
    - ``rests_on(params) -> [Dep]``: the awards it reads (a CSTĐCS on its year's LĐTT, a CSTĐ tỉnh on three
      CSTĐCS, a collective title on its members'); revoking one of them leaves the award without ground
      (decisions' revocation)."""

    def register(factory):
        if kind in REGISTRY:
            raise ValueError(f"criterion kind {kind!r} registered twice")
        factory.rating_years, factory.achievement_years, factory.rests_on = rating_years, achievement_years, rests_on
        REGISTRY[kind] = factory
        return factory
    return register


@dataclass(slots=True)
class Reason:
    ok: bool
    text: str  # format string, filled from ``values`` when read
    values: tuple = ()
    criterion: str = ""  # the rulebook's text of the criterion this reason answers, when it has one

    def render(self, names=None):
        values = tuple(v(names) if callable(v) else v for v in self.values)
        return self.text.format(*values) if values else self.text


class Check:
    """A compiled criterion: called, it explains; ``test`` is its fast path.

    Without a fast path of its own, ``test`` is "every reason is met"."""

    __slots__ = ("explain", "test", "text")

    def __init__(self, explain, test=None):
        self.explain, self.text = explain, ""
        self.test = test if test is not None else (lambda s, ctx: all(r.ok for r in explain(s, ctx)))

    def __call__(self, s, ctx):
        return self.explain(s, ctx)


def years_text(years):
    return ", ".join(str(y) for y in years)


def mask_years(mask, year, lo=None):
    """The years set in ``mask`` (bit k = ``year`` − k), oldest first, from ``lo`` on."""
    out, k = [], 0
    while mask:
        if mask & 1:
            out.append(year - k)
        mask >>= 1
        k += 1
    return sorted(y for y in out if lo is None or y >= lo)


def last_given_before(s, award_id, n):
    """The last year before ``n`` in which ``award_id`` was given."""
    mask = s.award_years.get(award_id, 0) >> 1
    k = 1
    while mask:
        if mask & 1:
            return n - k
        mask >>= 1
        k += 1
    first = s.first_award_year.get(award_id)
    return first if first is not None and first < n else None
