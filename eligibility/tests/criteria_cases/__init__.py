"""Tables of cases for the criteria of eligibility/criteria, run without the command line:
one module per family (``criteria_cases/<family>.py``, its ``CASES`` run by
``test_criteria_<family>.py``).

A case names a kind with its parameters (as the rulebook writes them), a
subject's history, and what must come out: whether it is met (by the fast
test and by the explanation alike) and a fragment of the reasons.
"""

from dataclasses import dataclass, field
from datetime import date

from eligibility.engine import Context, Rulebook, UnitContext
from eligibility.facts import YEARS_AT_LEAST, InitiativeFact, Subject, levels_at_least
from initiatives.models import SCOPE_RANK
from records.models import DISCIPLINE_SEVERITY

N = 2025  # the year evaluated


def make_subject(book, id=1, name="Nguyễn Văn An", *, ratings=None, awards=None, start=None, initiatives=(), discipline=None):
    """ratings: {year: level}; awards: {code: [years]}; start: first day of work (ISO);
    initiatives: [(code, scope, recognized_on ISO, used for … or None)]; discipline: the year's worst level."""
    s = Subject(id, f"S{id}", name)
    for year, level in (ratings or {}).items():
        bit = 1 << (N - year)
        s.rated_years |= bit
        for at_least, attr in YEARS_AT_LEAST.items():
            if level in levels_at_least(at_least):
                setattr(s, attr, getattr(s, attr) | bit)
    for code, years in (awards or {}).items():
        aid = book.award_id(code)
        for year in years:
            s.award_years[aid] = s.award_years.get(aid, 0) | 1 << (N - year)
        s.first_award_year[aid] = min(years)
    s.first_start = date.fromisoformat(start) if start else None
    s.initiatives = [InitiativeFact(code, SCOPE_RANK[scope], date.fromisoformat(day), used) for code, scope, day, used in initiatives]
    s.discipline = DISCIPLINE_SEVERITY[discipline] if discipline else 0
    return s


@dataclass
class CriterionCase:
    id: str
    kind: str
    params: dict
    subject: dict            # keyword arguments of make_subject
    ok: bool
    fragment: str | None     # must appear in the reasons (None: the criterion says nothing)
    award: str = ""          # the award evaluated: a run already counted for it is not counted again
    qualifies: tuple = ()    # awards the subject qualifies for now, in the year evaluated
    members: tuple = field(default_factory=tuple)  # collectives: members' make_subject keywords (+ "qualifies")

    def param(self):
        import pytest

        return pytest.param(self, id=self.id)


def check_criterion(case: CriterionCase):
    book = Rulebook(N)
    s = make_subject(book, **case.subject)
    if case.members:
        people, results = {}, {}
        for i, spec in enumerate(case.members, start=1):
            spec = dict(spec)
            results[i] = {book.award_id(c): True for c in spec.pop("qualifies", ())}
            people[i] = make_subject(book, i, **spec)
        s.members = sorted(people)
        ctx = UnitContext(N, book, people, results)
    else:
        ctx = Context(N, book)
    ctx.results.update({book.award_id(c): True for c in case.qualifies})
    ctx.current_award = book.award_id(case.award) if case.award else None
    check = book.compile(case.kind, case.params, "Tiêu chuẩn thử")
    fast = bool(check.test(s, ctx))
    reasons = check(s, ctx)
    text = " | ".join(r.render() for r in reasons)
    assert fast == all(r.ok for r in reasons), f"the fast test says {fast}, the explanation: {text}"
    assert fast is case.ok, text
    if case.fragment is None:
        assert reasons == []
    else:
        assert case.fragment in text, f"{case.fragment!r} not in {text!r}"


def each_year(first, last, level):
    return {y: level for y in range(first, last + 1)}
