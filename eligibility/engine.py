"""The eligibility engine: who qualifies for which title or award in a year, and why not.

The rulebook's criteria (rulebook.Criterion rows: a ``kind`` with parameters)
are compiled once, by the factories of eligibility.criteria, into small checks
over a subject's facts (bit masks of ratings and awards, initiatives,
discipline). Evaluation is one pass over the population read by
eligibility.facts; reasons are kept as (template, values) with the rulebook's
text of their criterion, and turned into Vietnamese sentences only when read.

Principles carried here (Luật TĐKT 2022, Điều 5.2; NĐ 152/2025, Điều 4):
- one achievement is rewarded once: an initiative already used for an award
  is not counted again, the same award twice for the same year is refused,
  and a run of titles counted for an award is not counted again for the same
  award (the run starts after the last time it was given);
- a lower award is no prerequisite unless the standard names it.
For the year evaluated, a lower title named by a standard counts when it has
been given or when the person qualifies for it now (both are decided in the
same year-end review).
"""

from datetime import date
from typing import NamedTuple

from django.db.models import F

from rulebook.models import AwardType, Criterion, Parameter, Standard
from rulebook.schema import value_or_default as parameter_value

from .criteria import REGISTRY as CRITERIA
from .criteria import Reason
from .facts import Filter, read_people, read_units

__all__ = ["CRITERIA", "Context", "DraftCriterion", "DraftStandard", "Evaluation", "Line", "Outcome", "Reason", "Rulebook",
           "UnitContext", "decide", "evaluate", "read_subjects"]


class Line(NamedTuple):
    """A reason as a person reads it, with the rulebook's text of its criterion ("" when none)."""

    text: str
    criterion: str


class Outcome:
    """One (recipient, award) answer. The reasons are worked out when first read,
    from the same facts and the same results of the subject's other awards."""

    __slots__ = ("subject", "award", "year", "eligible", "kind", "_ctx", "_reasons")

    def __init__(self, subject, award, year, eligible, ctx, kind="person", reasons=None):
        self.subject, self.award, self.year, self.eligible, self.kind = subject, award, year, eligible, kind
        self._ctx, self._reasons = ctx, reasons

    @property
    def reasons(self):
        if self._reasons is None:
            self._reasons = _explain(self.subject, self.award, self._ctx)
        return self._reasons

    @property
    def legal_basis(self):
        """The law this answer applies: the award's standard in force at the end of the year."""
        return self._ctx.book.legal_basis(self.award)

    def met(self, names=None):
        return [r.render(names) for r in self.reasons if r.ok]

    def unmet(self, names=None):
        return [r.render(names) for r in self.reasons if not r.ok]

    @property
    def already_awarded(self):
        return self.award.id in self.subject.given_now

    def standard_unmet(self, names=None):
        """The unmet parts of the award's own standard, without "already awarded" (said apart by the appraisal)."""
        reasons = self.reasons[1:] if self.already_awarded else self.reasons
        return [r.render(names) for r in reasons if not r.ok]

    def met_lines(self, names=None):
        return [Line(r.render(names), r.criterion) for r in self.reasons if r.ok]

    def unmet_lines(self, names=None):
        return [Line(r.render(names), r.criterion) for r in self.reasons if not r.ok]

    def as_json(self, names=None):
        return {
            "recipient": self.subject.code,
            "award": self.award.code,
            "year": self.year,
            "eligible": self.eligible,
            "met": self.met(names),
            "unmet": self.unmet(names),
            "legal_basis": self.legal_basis,
        }


class Context:
    """What one subject's evaluation knows: the year, the rulebook, what it qualifies for so far."""

    __slots__ = ("year", "book", "results", "current_award")

    def __init__(self, year, book):
        self.year, self.book, self.results, self.current_award = year, book, {}, None

    def has(self, subject, award_id, year):
        """Given ``award_id`` for ``year`` (or, for the year evaluated, qualifies for it now)."""
        k = self.year - year
        if k >= 0 and subject.award_years.get(award_id, 0) >> k & 1:
            return True
        return year == self.year and self.results.get(award_id, False)


class DraftStandard(NamedTuple):
    """A draft's replacement standard of an award, as the Rulebook reads a Standard row."""

    legal_basis: str
    description: str


class DraftCriterion(NamedTuple):
    """One criterion of a draft's replacement standard, as the Rulebook reads a Criterion row."""

    kind: str
    params: dict
    text: str
    legal_basis: str


class Rulebook:
    """The criteria and parameters in force for a year, compiled.

    With ``draft`` (a rulebook.Draft or its code), the draft's changes are applied over the rules in force on
    31 December of the year: each award it changes is judged by its replacement standard, its parameters replace
    those in force. Only the preview (eligibility.preview) asks for that; without ``draft`` no draft is read."""

    def __init__(self, year, draft=None):
        self.year = year
        self.day = date(year, 12, 31)
        self.draft = _draft(draft) if draft is not None else None
        self.overrides = dict(self.draft.parameters or {}) if self.draft is not None else {}
        self.awards = {a.code: a for a in AwardType.objects.all()}
        self.by_id = {a.id: a for a in self.awards.values()}
        self.params = {}
        # The latest period in force wins (an undated row is the oldest, on every database).
        for p in Parameter.objects.in_force(self.day).order_by("key", F("valid_from").asc(nulls_first=True)):
            self.params[p.key] = p
        # The standard of each award in force at the end of the year: the law of the achievement year.
        self.standards = {st.award_type_id: st for st in Standard.objects.in_force(self.day).order_by(
            F("valid_from").asc(nulls_first=True))}
        decidable = [a for a in self.awards.values() if a.decidable and a.in_force_on(self.day)]
        # Lower ranks first: a standard may name a lower title of the same year.
        with_criteria = set(Criterion.objects.values_list("award_type_id", flat=True).distinct())
        self.individual = sorted((a for a in decidable if "individual" in a.recipient_kinds and a.id in with_criteria), key=lambda a: a.rank)
        self.collective = sorted((a for a in decidable if "collective" in a.recipient_kinds and not ("individual" in a.recipient_kinds)), key=lambda a: a.rank)
        criteria = {}
        for c in Criterion.objects.in_force(self.day).order_by("position"):
            criteria.setdefault(c.award_type_id, []).append(c)
        if self.draft is not None:
            self._apply_draft(criteria)
        self.compiled = {a.id: [self.compile(c.kind, c.params, c.text) for c in criteria.get(a.id, [])]
                         for a in self.individual + self.collective}
        self.tests = {aid: tuple(fn.test for fn in fns) for aid, fns in self.compiled.items()}
        # A collective counts members holding a title, or a title that includes it (AwardType.includes).
        self.includes = {a.code: [a.id, *(b.id for b in self.awards.values() if a.code in (b.includes or ()))]
                         for a in self.awards.values()}

    def _apply_draft(self, criteria):
        """Replace the standards the draft changes (awards the rulebook can decide and the draft gives criteria)."""
        for code, change in (self.draft.awards or {}).items():
            award = self.awards.get(code)
            if award is None or not change.get("criteria"):
                continue
            self.standards[award.id] = DraftStandard(change.get("legal_basis") or self.draft.legal_basis,
                                                     change.get("description", ""))
            criteria[award.id] = [DraftCriterion(c["kind"], c.get("params", {}), c.get("text", ""), c.get("legal_basis", ""))
                                  for c in change["criteria"]]

    def param(self, key, default=None):
        if key in self.overrides:
            return self.overrides[key]
        p = self.params.get(key)
        if p is None:
            return default
        # A value stored in a bad shape falls back to the seed file's (the pages say so).
        return parameter_value(p)[0]

    def award_id(self, code):
        return self.awards[code].id

    def legal_basis(self, award):
        """The law the award is judged by in this year (its standard's basis; the award's own when it has none)."""
        st = self.standards.get(award.id)
        return st.legal_basis if st is not None and st.legal_basis else award.legal_basis

    def compile(self, kind, params, text=""):
        """A criterion as a ``criteria.Check``: ``check(s, ctx) -> [Reason]`` with ``check.test(s, ctx) -> bool``.

        ``test`` is the fast path the whole-population pass runs; where a
        criterion has none, it is "every reason is met". Tests check that
        the two always agree (eligibility/tests/test_fast_path.py)."""
        factory = CRITERIA.get(kind)
        if factory is None:
            raise ValueError(f"Loại tiêu chuẩn không biết: {kind}")
        check = factory(self, **params)
        check.text = text or ""
        return check


# --- evaluation ---------------------------------------------------------------

class UnitContext(Context):
    __slots__ = ("people", "person_results", "_decided")

    def __init__(self, year, book, people, person_results):
        super().__init__(year, book)
        self.people, self.person_results, self._decided = people, person_results, {}

    def person(self, pid):
        return self.people.get(pid)

    def person_given(self, pid, code):
        """Member was given ``code`` (or a higher individual title that includes it) for the year."""
        p = self.people.get(pid)
        return p is not None and any(p.award_years.get(i, 0) & 1 for i in self.book.includes[code])

    def titles_decided(self, s):
        """The unit's individual titles of the year are decided: a member holds LĐTT or CSTĐCS of the year."""
        decided = self._decided.get(s.id)
        if decided is None:
            decided = self._decided[s.id] = any(self.person_given(pid, "LDTT") for pid in s.members)
        return decided

    def book_person_has(self, pid, code):
        """Member holds ``code`` (or a higher individual title that includes it) this year, or qualifies now."""
        p = self.people.get(pid)
        if p is None:
            return False
        ids = self.book.includes[code]
        if any(p.award_years.get(i, 0) & 1 for i in ids):
            return True
        res = self.person_results.get(pid, {})
        return any(res.get(i) for i in ids)


def _explain(s, award, ctx):
    ctx.current_award = award.id
    reasons = []
    for fn in ctx.book.compiled[award.id]:
        for r in fn(s, ctx):
            # Each reason carries the rulebook's text of the criterion it answers.
            r.criterion = r.criterion or fn.text
            reasons.append(r)
    if award.id in s.given_now:
        reasons.insert(0, Reason(False, "Đã được tặng {} năm {}; mỗi thành tích chỉ khen thưởng một lần", (award.name, ctx.year)))
    return reasons


def _decide(s, awards, ctx):
    """Whether ``s`` is eligible for each of ``awards`` (in order), by the fast tests."""
    results = ctx.results
    tests = ctx.book.tests
    given_now = s.given_now
    flags = []
    for award in awards:
        aid = award.id
        ctx.current_award = aid
        # "Qualifies" (the standard is met) is what a higher standard or a
        # collective counts; "eligible" also needs the award not given already.
        qualifies = True
        for test in tests[aid]:
            if not test(s, ctx):
                qualifies = False
                break
        results[aid] = qualifies
        flags.append(qualifies and aid not in given_now)
    return flags


class Evaluation:
    """Every decision of one run. The (recipient, award) answers are built as
    Outcome objects when read, from the decisions already made."""

    def __init__(self, year, people, units, decided, person_results, award_code=None):
        self.year, self.people, self.units, self.person_results = year, people, units, person_results
        self._decided, self._award_code, self._outcomes = decided, award_code, None

    def _rows(self):
        for s, ctx, kind, awards, flags in self._decided:
            for award, flag in zip(awards, flags):
                if self._award_code is None or award.code == self._award_code:
                    yield s, ctx, kind, award, flag

    @property
    def outcomes(self):
        if self._outcomes is None:
            self._outcomes = [Outcome(s, award, self.year, flag, ctx, kind) for s, ctx, kind, award, flag in self._rows()]
        return self._outcomes

    @property
    def n_pairs(self):
        return sum(1 for _ in self._rows())

    @property
    def n_eligible(self):
        return sum(1 for row in self._rows() if row[4])


def _draft(draft):
    from rulebook.models import Draft

    return draft if isinstance(draft, Draft) else Draft.objects.get(code=draft)


def evaluate(year: int, *, unit=None, award_code=None, person=None, flt=None, draft=None) -> Evaluation:
    """Evaluate every decidable award for every person and collective (or those under ``unit``).

    ``draft`` (a rulebook.Draft or its code): answer under that draft applied over the rules in force (a preview;
    never for a decision)."""
    book = Rulebook(year, draft=draft)
    people, units = read_subjects(year, unit=unit, person=person, flt=flt)
    decided, person_results = decide(year, book, people, units)
    return Evaluation(year, people, units, decided, person_results, award_code)


def read_subjects(year, *, unit=None, person=None, flt=None):
    """The people and collectives an evaluation reads (everyone, those under ``unit``, one person, or ``flt``),
    with their facts: ({person id: Subject}, {unit id: Subject})."""
    if flt is None:
        if person is not None:
            flt = Filter(person_ids=[person.pk])
        elif unit is not None:
            flt = Filter(unit_path=unit.path)
        else:
            flt = Filter()
    units = {} if person is not None else read_units(year, flt)
    people = read_people(year, flt)
    if units and (flt.unit_id is not None or flt.unit_ids is not None):
        member_ids = {pid for u in units.values() for pid in u.members} - set(people)
        if member_ids:
            people.update(read_people(year, Filter(person_ids=member_ids)))
    return people, units


def decide(year, book, people, units):
    """Every subject's decisions under ``book``: ([(subject, ctx, kind, awards, flags)], {person id: results})."""
    individual = book.individual
    decided, person_results = [], {}
    for s in people.values():
        ctx = Context(year, book)
        decided.append((s, ctx, "person", individual, _decide(s, individual, ctx)))
        person_results[s.id] = ctx.results
    for s in units.values():
        if not s.members and not s.rated_years:
            continue
        ctx = UnitContext(year, book, people, person_results)
        decided.append((s, ctx, "unit", book.collective, _decide(s, book.collective, ctx)))
    return decided, person_results
