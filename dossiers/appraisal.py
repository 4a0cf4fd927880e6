"""Appraisal (thẩm định) of nomination lines: the one check that the dossier
screen, `tdkt appraise` and the API run (domain/interchange.md, "Nominations
and appraisal").

For every line: is the recipient eligible (the engine, for awards it can decide
from history), does the recipient already hold the award for the year, is the
line a repeat, may the authority's level grant the award on the decision date,
is the recipient under the authority, is the award given to this kind of
recipient; and how much money it carries under the rulebook in force on the
decision date, with "several titles for one achievement: only the highest is
paid" (rules.md §4.2 item 6).

Nothing is written. Everything is read in a few set-based queries, whatever the
number of lines: a thousand lines on the city take about a second.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from core.money import amount_in_words
from core.text import fold
from decisions.actions import achievement_key, held_message
from decisions.models import Award, Occasion
from eligibility.engine import evaluate
from eligibility.facts import Filter
from org.models import Employment, Person, Unit, UnitKind
from rulebook.bonus import BonusError, compute_bonus
from rulebook.models import Authority, AwardType, Category, Criterion

INDIVIDUAL, COLLECTIVE, HOUSEHOLD = "individual", "collective", "household"
KIND_WORDS = {INDIVIDUAL: "cá nhân", COLLECTIVE: "tập thể", HOUSEHOLD: "hộ gia đình"}

# Which units decide and at which level: the rulebook's (rulebook/authorities.py).
from rulebook.authorities import LEVEL_WORDS, authority_level, issuer_of  # noqa: E402,F401


@dataclass
class Line:
    """One nomination line, its codes already resolved."""

    number: int
    recipient: Person | Unit
    award: AwardType
    recipient_kind: str
    justification: str = ""
    occasion: str = Occasion.YEAR_END
    achievement: str = ""

    @property
    def is_person(self):
        return isinstance(self.recipient, Person)

    @property
    def key(self):
        """What this line would award, as "one achievement, once" counts it (decisions.actions.achievement_key)."""
        return (self.is_person, *achievement_key(self.award, 0, self.recipient.pk, None, self.occasion, self.achievement))


@dataclass
class Problem:
    code: str
    message: str

    def as_json(self):
        return {"code": self.code, "message": self.message}


@dataclass
class LineResult:
    line: Line
    problems: list = field(default_factory=list)
    amount: int = 0
    notes: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    def as_json(self):
        out = {"line": self.line.number, "recipient": self.line.recipient.code, "award": self.line.award.code,
               "recipient_kind": self.line.recipient_kind, "ok": self.ok,
               "problems": [p.as_json() for p in self.problems]}
        if self.line.occasion != Occasion.YEAR_END:
            out.update({"occasion": self.line.occasion, "achievement": self.line.achievement})
        if self.line.justification:
            out["justification"] = self.line.justification
        out.update({"amount": self.amount, "amount_in_words": amount_in_words(self.amount), "notes": list(self.notes)})
        return out


@dataclass
class Appraisal:
    authority: Unit
    decision_date: date
    year: int
    lines: list

    @property
    def count_ok(self):
        return sum(1 for r in self.lines if r.ok)

    @property
    def total(self):
        return sum(r.amount for r in self.lines if r.ok)

    def as_json(self):
        return {"authority": self.authority.code, "decision_date": self.decision_date.isoformat(), "year": self.year,
                "lines": [r.as_json() for r in self.lines], "count": len(self.lines), "count_ok": self.count_ok,
                "total": self.total, "total_in_words": amount_in_words(self.total)}


def appraise(*, authority: Unit, decision_date: date, year: int, lines: list[Line], signer: Person | None = None) -> Appraisal:
    """Check every line; the result lists each line's problems, money and notes, in the lines' order.
    ``signer``: who will sign the decision, when known — nobody signs their own award."""
    results = [LineResult(line) for line in lines]
    level = authority_level(authority, decision_date)
    granted = set(Authority.objects.in_force(decision_date).filter(level=level).values_list("award_type_id", flat=True)) if level else set()
    held = _held(year, lines)
    revoked = _revoked(year, lines, decision_date)
    units_at_year_end = _units_at_year_end(year, [ln.recipient for ln in lines if ln.is_person])
    counted = {}  # the initiatives each line's award counts: one line each (initiatives.usage.shared_in_batch)
    verdicts = _verdicts(year, [ln for ln in lines if ln.recipient_kind in (INDIVIDUAL, COLLECTIVE)
                                and ln.recipient_kind in ln.award.recipient_kinds], counted)
    from initiatives.usage import shared_in_batch

    shared = shared_in_batch(lines, counted)
    seen = {}
    for r in results:
        ln = r.line
        key = ln.key
        if key in seen:
            what = f" cho thành tích “{ln.achievement}”" if ln.occasion != Occasion.YEAR_END and ln.award.category != Category.TITLE else ""
            r.problems.append(Problem("duplicate_line", f"Trùng dòng {seen[key]}: {ln.recipient.code} đã được đề nghị {ln.award.name}{what} ở dòng {seen[key]}."))
        else:
            seen[key] = ln.number
        if signer is not None and ln.is_person and ln.recipient.pk == signer.pk:
            r.problems.append(Problem("signer_is_recipient", f"{signer.full_name} là người ký quyết định và cũng là người được đề nghị "
                                      f"{ln.award.name}: không ai ký quyết định khen thưởng cho chính mình; quyết định này do "
                                      "cấp phó ký thay (KT. CHỦ TỊCH) hoặc cấp có thẩm quyền khác quyết định."))
        if ln.recipient_kind not in ln.award.recipient_kinds:
            r.problems.append(Problem("wrong_recipient_kind", f"{ln.award.name} không tặng cho {KIND_WORDS[ln.recipient_kind]}."))
        elif not ln.is_person and (ln.recipient_kind == HOUSEHOLD) != (ln.recipient.kind == UnitKind.HOUSEHOLD):
            r.problems.append(Problem("wrong_recipient_kind", f"{ln.recipient.name} là hộ gia đình, không phải tập thể."
                                      if ln.recipient.kind == UnitKind.HOUSEHOLD else
                                      f"{ln.recipient.name} không phải hộ gia đình: cơ quan, tổ chức không được khen thưởng như hộ gia đình."))
        if ln.award.pk not in granted:
            who = f"{authority.name} ({LEVEL_WORDS.get(level, 'không có thẩm quyền')})" if level else authority.name
            r.problems.append(Problem("beyond_authority", f"{who} không có thẩm quyền tặng {ln.award.name} vào ngày {decision_date:%d/%m/%Y}."))
        where = units_at_year_end.get(ln.recipient.pk) if ln.is_person else ln.recipient
        if where is None or not (where.path.startswith(authority.path) and (ln.is_person or where.pk != authority.pk)):
            if ln.is_person:
                at = f"công tác tại {where.name}" if where else "không công tác ở đơn vị nào"
                r.problems.append(Problem("outside_authority", f"{ln.recipient.full_name} {at} vào cuối năm {year}, không thuộc {authority.name}."))
            else:
                r.problems.append(Problem("outside_authority", f"{ln.recipient.name} không thuộc {authority.name}."))
        if key in held:
            r.problems.append(Problem("already_awarded", held_message(ln.award, year, held[key]).replace("Đã có", "Đã được tặng", 1) + "."))
        for code, message in revoked.get(ln.number, ()):
            (r.problems.append(Problem(code, message)) if code else r.notes.append(message))
        unmet = verdicts.get((ln.is_person, ln.recipient.pk, ln.award.pk))
        if unmet:
            r.problems.append(Problem("not_eligible", f"Chưa đủ điều kiện {ln.award.name} năm {year}: " + "; ".join(unmet) + "."))
        if ln.number in shared and not unmet:
            # Counted by an earlier line of the same person, the initiative does not count here (interchange.md's code).
            r.problems.append(Problem("not_eligible", f"Chưa đủ điều kiện {ln.award.name} năm {year}: {shared[ln.number]}."))
    _money(results, decision_date, issuer_of(level), year)
    return Appraisal(authority, decision_date, year, results)


def _held(year, lines):
    """Line.key → the Award held for ``year`` and not revoked that the line would give again (a title of the
    year, whatever the occasion; a form for the same achievement)."""
    person_ids = {ln.recipient.pk for ln in lines if ln.is_person}
    unit_ids = {ln.recipient.pk for ln in lines if not ln.is_person}
    if not person_ids and not unit_ids:
        return {}
    rows = (Award.objects.filter(year=year, revoked_on__isnull=True)
            .filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)).select_related("award_type"))
    return {(a.person_id is not None, *achievement_key(a.award_type, 0, a.person_id or a.unit_id, None, a.occasion,
                                                        a.achievement)): a for a in rows}


def _revoked(year, lines, day):
    """Line number → [(code, message)] for the revoked awards a line would give again: the same award of the year
    (for a form, the same achievement), or an award its standard of the year reads (a CSTĐCS its LĐTT, a CSTĐ tỉnh
    its CSTĐCS: eligibility.criteria's rests_on). Problem ``revoked`` unless the ground allows deciding again
    (rulebook ``revocation_reproposal_grounds`` on the decision date; code "" then: a note)."""
    from decisions.revocation import reproposal_allowed, revoked_text
    from eligibility.criteria import rests_on

    person_ids = {ln.recipient.pk for ln in lines if ln.is_person}
    unit_ids = {ln.recipient.pk for ln in lines if not ln.is_person}
    if not person_ids and not unit_ids:
        return {}
    rows = list(Award.objects.filter(revoked_on__isnull=False, year__lte=year)
                .filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids))
                .select_related("award_type", "revocation__authority"))
    if not rows:
        return {}
    mine = {}
    for a in rows:
        mine.setdefault((a.person_id is not None, a.person_id or a.unit_id), []).append(a)
    deps = {}
    for aid, kind, params in (Criterion.objects.in_force(date(year, 12, 31))
                              .filter(award_type_id__in={ln.award.pk for ln in lines}).values_list("award_type_id", "kind", "params")):
        deps.setdefault(aid, []).extend(d for d in rests_on([(kind, params)]) if not d.members)
    out = {}
    for ln in lines:
        for a in mine.get((ln.is_person, ln.recipient.pk), ()):
            same = a.year == year and (ln.is_person, *achievement_key(a.award_type, 0, ln.recipient.pk, None, a.occasion,
                                                                      a.achievement)) == ln.key
            base = not same and any(a.award_type.code == d.award and year - d.last <= a.year <= year - d.first
                                    for d in deps.get(ln.award.pk, ()))
            if not (same or base):
                continue
            what = (f"{a.award_type.name} năm {a.year}" if same else
                    f"{ln.award.name} năm {year} dựa trên {a.award_type.name} năm {a.year}, khen thưởng này")
            if reproposal_allowed(a.revoked_ground, day):
                out.setdefault(ln.number, []).append(("", f"{what} đã bị hủy bỏ {revoked_text(a)}: căn cứ hủy bỏ cho phép "
                                                          "đề nghị lại theo thủ tục đúng."))
            else:
                out.setdefault(ln.number, []).append(("revoked", f"{what} đã bị hủy bỏ {revoked_text(a)}: không đề nghị "
                                                                 "khen thưởng lại cho cùng thành tích."))
    return out


def _units_at_year_end(year, people):
    """Person id → the unit the person belonged to at the end of ``year`` (or last, if they left during it)."""
    if not people:
        return {}
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = (Employment.objects.filter(person_id__in={p.pk for p in people})
            .filter(Q(start__isnull=True) | Q(start__lte=last), Q(end__isnull=True) | Q(end__gte=first))
            .select_related("unit").order_by("person_id", "start", "id"))
    out = {}
    for e in rows:
        current = out.get(e.person_id)
        # The row covering 31/12 wins; otherwise the one that started last.
        if current is None or e.end is None or e.end >= last or current.end is not None and current.end < last:
            out[e.person_id] = e
    return {pid: e.unit for pid, e in out.items()}


def _verdicts(year, lines, counted=None):
    """(is_person, recipient id, award id) → the unmet standards, for awards the engine decides.

    "Already awarded" is reported apart (already_awarded), so only the
    standard's own reasons are carried here."""
    decidable = set(Criterion.objects.filter(award_type_id__in={ln.award.pk for ln in lines}).values_list("award_type_id", flat=True))
    wanted = {(ln.is_person, ln.recipient.pk, ln.award.pk) for ln in lines if ln.award.pk in decidable}
    if not wanted:
        return {}
    out = {}
    person_ids = {rid for is_person, rid, _ in wanted if is_person}
    unit_ids = {rid for is_person, rid, _ in wanted if not is_person}
    runs = []
    if person_ids:
        runs.append((True, evaluate(year, flt=Filter(person_ids=person_ids))))
    if unit_ids:
        runs.append((False, evaluate(year, flt=Filter(unit_ids=unit_ids))))
    for is_person, evaluation in runs:
        for o in evaluation.outcomes:
            if (o.kind == "person") != is_person:
                continue
            key = (is_person, o.subject.id, o.award.id)
            if key in wanted:
                out[key] = o.standard_unmet()
                if counted is not None and is_person:
                    from initiatives.usage import codes_counted

                    counted[key] = codes_counted(o)
    for key in wanted - out.keys():
        # The engine reads the people and collectives with a working history in the year.
        out[key] = [f"Không có quá trình công tác, đánh giá trong năm {year}"]
    return out


def period_years(award: AwardType) -> int:
    """How many years of achievement one award of this title rewards (LĐTT 1; CSTĐ tỉnh 3): what its criteria
    declare they read (eligibility.criteria), over every standard of the award."""
    from eligibility.criteria import achievement_years

    return achievement_years([(c.kind, c.params) for c in award.criteria.all()])


def _money(results, decision_date, issuer, year):
    cache = {}
    for r in results:
        ln = r.line
        if any(p.code == "wrong_recipient_kind" for p in r.problems):
            continue
        key = (ln.award.code, ln.recipient_kind)
        if key not in cache:
            try:
                cache[key] = compute_bonus(ln.award.code, ln.recipient_kind, decision_date, issuer=issuer).amount
            except BonusError as e:
                cache[key] = str(e)
        value = cache[key]
        if isinstance(value, str):
            r.notes.append(f"Chưa tính được tiền thưởng: {value}")
        else:
            r.amount = value
    # Several titles for the same achievement (same recipient, same year, same period): only the highest is paid.
    periods = {}
    groups = {}
    for r in results:
        ln = r.line
        if not r.ok or ln.award.category != Category.TITLE or not r.amount:
            continue
        if ln.award.pk not in periods:
            periods[ln.award.pk] = period_years(ln.award)
        # One achievement: the same recipient, achievement year, span and occasion (an ad hoc title is its own).
        groups.setdefault((ln.is_person, ln.recipient.pk, periods[ln.award.pk], ln.occasion, fold(ln.achievement)), []).append(r)
    for group in groups.values():
        if len(group) < 2:
            continue
        best = max(group, key=lambda r: (r.amount, r.line.award.rank))
        for r in group:
            if r is not best:
                r.notes.append(f"Cùng thành tích năm {year} được tặng {best.line.award.name} (dòng {best.line.number}): "
                               f"chỉ nhận tiền thưởng của danh hiệu cao nhất, không nhận tiền của {r.line.award.name}.")
                r.amount = 0
