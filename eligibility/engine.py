"""The eligibility engine: who qualifies for which title or award in a year, and why not.

The rulebook's criteria (rulebook.Criterion rows: a ``kind`` with parameters)
are compiled once into small functions over a subject's facts (bit masks of
ratings and awards, initiatives, discipline). Evaluation is one pass over the
population read by eligibility.facts; reasons are kept as (template, values)
and turned into Vietnamese sentences only when read.

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

from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from core.text import person_sort_key
from records.models import DISCIPLINE_SEVERITY, DisciplineLevel, RatingLevel
from rulebook.models import AwardType, Criterion, Parameter
from rulebook.schema import value_or_default as parameter_value

from .facts import Filter, read_people, read_units

RATING_LABEL = dict(RatingLevel.choices)
SCOPE_LABEL = {1: "cơ sở", 2: "cấp bộ, ban, ngành, tỉnh", 3: "toàn quốc"}
SCOPE_RANK = {"co_so": 1, "tinh": 2, "toan_quoc": 3}
DISCIPLINE_LABEL = {n: code for code, n in DISCIPLINE_SEVERITY.items()}
DISCIPLINE_NAME = dict(DisciplineLevel.choices)


def _years(years):
    return ", ".join(str(y) for y in years)


def _mask_years(mask, year, lo=None):
    out, k = [], 0
    while mask:
        if mask & 1:
            out.append(year - k)
        mask >>= 1
        k += 1
    return sorted(y for y in out if lo is None or y >= lo)


@dataclass(slots=True)
class Reason:
    ok: bool
    text: str  # format string, filled from ``values`` when read
    values: tuple = ()

    def render(self, names=None):
        values = tuple(v(names) if callable(v) else v for v in self.values)
        return self.text.format(*values) if values else self.text


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

    def met(self, names=None):
        return [r.render(names) for r in self.reasons if r.ok]

    def unmet(self, names=None):
        return [r.render(names) for r in self.reasons if not r.ok]

    def as_json(self, names=None):
        return {
            "recipient": self.subject.code,
            "award": self.award.code,
            "year": self.year,
            "eligible": self.eligible,
            "met": self.met(names),
            "unmet": self.unmet(names),
            "legal_basis": self.award.legal_basis,
        }


class Context:
    """What one subject's evaluation knows: the year, the rulebook, what it qualifies for so far."""

    __slots__ = ("year", "book", "results", "current_award")

    def __init__(self, year, book):
        self.year, self.book, self.results, self.current_award = year, book, {}, None

    def has(self, subject, award_id, year):
        """Given ``award_id`` for ``year`` (or, for the year evaluated, qualifies for it now)."""
        k = self.year - year
        if k >= 0 and subject.awards.get(award_id, 0) >> k & 1:
            return True
        return year == self.year and self.results.get(award_id, False)


class Rulebook:
    """The criteria and parameters in force for a year, compiled."""

    def __init__(self, year):
        self.year = year
        self.day = date(year, 12, 31)
        self.awards = {a.code: a for a in AwardType.objects.all()}
        self.by_id = {a.id: a for a in self.awards.values()}
        self.params = {}
        for p in Parameter.objects.in_force(self.day).order_by("key", "valid_from"):
            self.params[p.key] = p
        decidable = [a for a in self.awards.values() if a.decidable and a.in_force_on(self.day)]
        # Lower ranks first: a standard may name a lower title of the same year.
        with_criteria = set(Criterion.objects.values_list("award_type_id", flat=True).distinct())
        self.individual = sorted((a for a in decidable if "individual" in a.recipient_kinds and a.id in with_criteria), key=lambda a: a.rank)
        self.collective = sorted((a for a in decidable if "collective" in a.recipient_kinds and not ("individual" in a.recipient_kinds)), key=lambda a: a.rank)
        criteria = {}
        for c in Criterion.objects.in_force(self.day).order_by("position"):
            criteria.setdefault(c.award_type_id, []).append(c)
        self.compiled = {a.id: [self.compile(c.kind, c.params, c.text) for c in criteria.get(a.id, [])]
                         for a in self.individual + self.collective}

    def param(self, key, default=None):
        p = self.params.get(key)
        if p is None:
            return default
        # A value stored in a bad shape falls back to the seed file's (the pages say so).
        return parameter_value(p)[0]

    def award_id(self, code):
        return self.awards[code].id

    def compile(self, kind, params, text):
        """A criterion as ``explain(s, ctx) -> [Reason]`` with ``explain.test(s, ctx) -> bool``.

        ``test`` is the fast path the whole-population pass runs; where a
        criterion has none, it is "every reason is met". Tests check that
        the two always agree (eligibility/tests/test_fast_path.py)."""
        factory = CRITERIA.get(kind)
        if factory is None:
            raise ValueError(f"Loại tiêu chuẩn không biết: {kind}")
        explain = factory(self, text, **params)
        if not hasattr(explain, "test"):
            explain.test = lambda s, ctx, explain=explain: all(r.ok for r in explain(s, ctx))
        return explain


# --- criteria ---------------------------------------------------------------
# Each factory returns fn(subject, ctx) -> list[Reason] (all ok = criterion met).

def rating_at_least(book, text, level, who=""):
    attr = {"HTXSNV": "excellent", "HTTNV": "good", "HTNV": "done"}[level]
    required = RATING_LABEL[level].lower()
    subject = who + " " if who else ""

    def check(s, ctx):
        n = ctx.year
        if not s.rated & 1:
            return [Reason(False, (who.capitalize() + " chưa" if who else "Chưa") + " có kết quả đánh giá, xếp loại năm {}", (n,))]
        actual = _rating_label(s)
        if getattr(s, attr) & 1:
            return [Reason(True, "Năm {} " + subject + "được xếp loại {}", (n, actual))]
        return [Reason(False, "Năm {} " + subject + "được xếp loại {}, chưa đạt {} trở lên", (n, actual, required))]
    get = attrgetter(attr)
    check.test = lambda s, ctx: bool(get(s) & 1)
    return check


def _rating_label(s, k=0):
    if s.excellent >> k & 1:
        return RATING_LABEL["HTXSNV"].lower()
    if s.good >> k & 1:
        return RATING_LABEL["HTTNV"].lower()
    if s.done >> k & 1:
        return RATING_LABEL["HTNV"].lower()
    if s.rated >> k & 1:
        return RATING_LABEL["KHTNV"].lower()
    return "chưa có kết quả xếp loại"


def worked_months(book, text, parameter):
    months = int(book.param(parameter, 6))

    def enough(s, ctx):
        start = s.first_start
        if start is None or start.year < ctx.year:
            return True
        # Months worked in the year evaluated, from the first day of work.
        return 12 - start.month + (1 if start.day == 1 else 0) >= months

    def check(s, ctx):
        if enough(s, ctx):
            return []
        return [Reason(False, "Mới tuyển dụng từ {}, chưa đủ {} tháng công tác trong năm {}", (s.first_start.strftime("%d/%m/%Y"), months, ctx.year))]
    check.test = enough
    return check


def meets_award(book, text, award):
    target = book.award_id(award)
    name = book.awards[award].name

    def check(s, ctx):
        if ctx.results.get(target):
            return [Reason(True, "Đạt tiêu chuẩn {} năm {}", (name, ctx.year))]
        current, ctx.current_award = ctx.current_award, target
        sub = [r for fn in book.compiled[target] for r in fn(s, ctx) if not r.ok]
        ctx.current_award = current
        return [Reason(False, "Chưa đạt tiêu chuẩn {} năm {}: " + "; ".join(r.text for r in sub), (name, ctx.year, *sum((r.values for r in sub), ())))]
    check.test = lambda s, ctx: bool(ctx.results.get(target))
    return check


def any_of(book, text, options):
    compiled = [[book.compile(c["kind"], c.get("params", {}), c["text"]) for c in option] for option in options]

    def check(s, ctx):
        tried = []
        for option in compiled:
            reasons = [r for fn in option for r in fn(s, ctx)]
            if all(r.ok for r in reasons):
                return reasons
            tried.append(reasons)
        # None met: say what each way lacks.
        failed = [[r for r in reasons if not r.ok] for reasons in tried]
        texts = ["; ".join(r.text for r in rs) for rs in failed]
        values = tuple(v for rs in failed for r in rs for v in r.values)
        return [Reason(False, "Chưa đáp ứng cách nào: " + " — hoặc: ".join(texts), values)]
    check.test = lambda s, ctx: any(all(fn.test(s, ctx) for fn in option) for option in compiled)
    return check


def initiatives(book, text, scope, count=1, window=1):
    need = SCOPE_RANK[scope]
    label = SCOPE_LABEL[need]

    def check(s, ctx):
        n = ctx.year
        lo = n - window + 1
        in_window = [i for i in s.initiatives if lo <= i[2].year <= n]
        fit = [i for i in in_window if i[1] >= need and not i[3]]
        period = f"năm {n}" if window == 1 else f"các năm {lo}–{n}"
        if len(fit) >= count:
            chosen = sorted(fit, key=lambda i: (i[2], i[0]))[:count]
            return [Reason(True, "Sáng kiến {} ({}, công nhận {}) chưa dùng để khen thưởng", (c, "phạm vi " + SCOPE_LABEL[r], d.strftime("%d/%m/%Y"))) for c, r, d, _ in chosen]
        reasons = []
        for code, rank, day, used in sorted(in_window, key=lambda i: i[2]):
            if used and rank >= need:
                reasons.append(Reason(False, "Sáng kiến {} đã được dùng để khen thưởng ({}), không tính lại", (code, used)))
            elif rank < need:
                reasons.append(Reason(False, "Sáng kiến {} mới được công nhận ở phạm vi {}, cần phạm vi {}", (code, SCOPE_LABEL[rank], label)))
        have = len(fit)
        if count == 1:
            reasons.append(Reason(False, "Chưa có sáng kiến được công nhận ở phạm vi {} trở lên trong {}", (label, period)))
        else:
            reasons.append(Reason(False, "Cần {} sáng kiến được công nhận ở phạm vi {} trở lên trong {}, mới có {}", (count, label, period, have)))
        return reasons

    def test(s, ctx):
        if not s.initiatives:
            return False
        lo, n = ctx.year - window + 1, ctx.year
        return sum(1 for i in s.initiatives if lo <= i[2].year <= n and i[1] >= need and not i[3]) >= count
    check.test = test
    return check


def consecutive_awards(book, text, award, count, period=1):
    base = book.award_id(award)
    name = book.awards[award].name

    def check(s, ctx):
        n = ctx.year
        target = ctx.current_award
        last_target = _last_before(s, target, n)
        if period == 1:
            years = list(range(n - count + 1, n + 1))
            used = [y for y in years if last_target is not None and y <= last_target]
            missing = [y for y in years if not ctx.has(s, base, y)]
            if not missing and not used:
                return [Reason(True, "Đạt {} {} năm liên tục: {}", (name, count, _years(years)))]
            reasons = []
            if missing:
                reasons.append(Reason(False, "Chưa đủ {} năm liên tục đạt {}: thiếu năm {}", (count, name, _years(missing))))
            if used:
                reasons.append(Reason(False, "{} năm {} đã được tính cho {} năm {}", (name, _years(used), book.by_id[target].name, last_target)))
            return reasons
        # Titles given once per period (e.g. CSTĐ cấp tỉnh, every 3 years): count
        # consecutive times, each within ``period`` years of the next.
        times = [n] if ctx.has(s, base, n) else []
        if not times:
            return [Reason(False, "Năm {} chưa đạt {}", (n, name))]
        y = n
        while len(times) < count:
            prev = [z for z in range(y - 1, y - period - 1, -1) if ctx.has(s, base, z) and (last_target is None or z > last_target)]
            if not prev:
                break
            y = prev[0]
            times.append(y)
        if len(times) >= count:
            return [Reason(True, "Đạt {} {} lần liên tục: các năm {}", (name, count, _years(sorted(times))))]
        return [Reason(False, "Chưa đủ {} lần liên tục đạt {}: mới có năm {}, không có lần trước đó trong các năm {}–{}",
                       (count, name, _years(sorted(times)), y - period, y - 1))]
    need = (1 << count) - 1
    earlier = (1 << (count - 1)) - 1

    def test(s, ctx):
        have = s.awards.get(base, 0) | (1 if ctx.results.get(base) else 0)
        if period != 1:
            return bool(have & 1) and all(r.ok for r in check(s, ctx))
        # Every year of the run, and the award evaluated not given inside it already.
        return have & need == need and not (s.awards.get(ctx.current_award, 0) >> 1) & earlier
    check.test = test
    return check


def _last_before(s, award_id, n):
    """The last year before ``n`` in which ``award_id`` was given."""
    mask = s.awards.get(award_id, 0) >> 1
    k = 1
    while mask:
        if mask & 1:
            return n - k
        mask >>= 1
        k += 1
    first = s.first.get(award_id)
    return first if first is not None and first < n else None


def consecutive_ratings(book, text, level, count):
    attr = {"HTXSNV": "excellent", "HTTNV": "good", "HTNV": "done"}[level]
    label = RATING_LABEL[level].lower()

    def check(s, ctx):
        n = ctx.year
        last_target = _last_before(s, ctx.current_award, n)
        years = list(range(n - count + 1, n + 1))
        bad = [(y, _rating_label(s, n - y)) for y in years if not getattr(s, attr) >> (n - y) & 1]
        used = [y for y in years if last_target is not None and y <= last_target]
        if not bad and not used:
            return [Reason(True, "{} năm liên tục {}: {}", (count, label, _years(years)))]
        reasons = []
        if bad:
            detail = ", ".join(f"năm {y}: {lab}" for y, lab in bad)
            reasons.append(Reason(False, "Chưa đủ {} năm liên tục {} ({})", (count, label, detail)))
        if used:
            reasons.append(Reason(False, "Các năm {} đã được tính cho {} năm {}", (_years(used), book.by_id[ctx.current_award].name, last_target)))
        return reasons
    get, need, earlier = attrgetter(attr), (1 << count) - 1, (1 << (count - 1)) - 1
    check.test = lambda s, ctx: get(s) & need == need and not (s.awards.get(ctx.current_award, 0) >> 1) & earlier
    return check


def award_then_ratings(book, text, award, years, level, within_award, within_count):
    anchor_id, within_id = book.award_id(award), book.award_id(within_award)
    anchor_name, within_name = book.awards[award].name, book.awards[within_award].name
    attr = {"HTXSNV": "excellent", "HTTNV": "good", "HTNV": "done"}[level]
    label = RATING_LABEL[level].lower()

    def assess(s, ctx, anchor):
        """Reasons for the period after ``anchor``: every year good, long enough, enough titles."""
        n = ctx.year
        span = list(range(anchor + 1, n + 1))
        bad = [y for y in span if not getattr(s, attr) >> (n - y) & 1]
        within = [y for y in span if ctx.has(s, within_id, y)]
        reasons = [Reason(True, "Đã được tặng {} năm {}", (anchor_name, anchor))]
        if len(span) >= years and not bad:
            reasons.append(Reason(True, "{} năm liên tục {} trở lên kể từ sau năm {}: {}–{}", (len(span), label, anchor, span[0], span[-1])))
        elif bad:
            detail = ", ".join(f"năm {y}: {_rating_label(s, n - y)}" for y in bad)
            reasons.append(Reason(False, "Cần ít nhất {} năm liên tục {} trở lên kể từ sau năm {} ({})", (years, label, anchor, detail)))
        else:
            reasons.append(Reason(False, "Cần ít nhất {} năm liên tục {} trở lên kể từ sau năm {}: mới có {} năm ({}–{})", (years, label, anchor, len(span), anchor + 1, n)))
        if len(within) >= within_count:
            reasons.append(Reason(True, "Trong thời gian đó có {} lần đạt {}: {}", (len(within), within_name, _years(within))))
        else:
            got = f" ({_years(within)})" if within else ""
            reasons.append(Reason(False, "Trong thời gian đó cần {} lần đạt {}, mới có {}{}", (within_count, within_name, len(within), got)))
        return reasons

    def check(s, ctx):
        n = ctx.year
        last_self = _last_before(s, ctx.current_award, n)
        anchors = set(_mask_years(s.awards.get(anchor_id, 0), n))
        if s.first.get(anchor_id) is not None:
            anchors.add(s.first[anchor_id])
        anchors = sorted(y for y in anchors if y < n and (last_self is None or y >= last_self))
        if not anchors:
            if last_self is not None:
                return [Reason(False, "Chưa có {} nào kể từ lần được tặng {} năm {}", (anchor_name, book.by_id[ctx.current_award].name, last_self))]
            return [Reason(False, "Chưa được tặng {}", (anchor_name,))]
        tried = [assess(s, ctx, a) for a in anchors]
        for reasons in tried:
            if all(r.ok for r in reasons):
                return reasons
        return tried[-1]  # the most recent one says best what is missing
    # Without the earlier award there is nothing to assess.
    check.test = lambda s, ctx: anchor_id in s.first and all(r.ok for r in check(s, ctx))
    return check


# --- collective criteria ------------------------------------------------------

def unit_rating_at_least(book, text, level):
    return rating_at_least(book, text, level, who="tập thể")


def _share_ok(count, total, rule):
    op, share = rule.get("op", ">="), float(rule.get("share", 0))
    value = count / total if total else 0
    return value > share if op == ">" else value >= share


def members_share(book, text, award, parameter):
    rule = book.param(parameter, {"op": ">=", "share": 0.7})
    name = book.awards[award].name
    threshold = ("trên " if rule.get("op") == ">" else "ít nhất ") + f"{float(rule['share']) * 100:g}%".replace(".", ",")

    def check(s, ctx):
        total = len(s.members)
        if not total:
            return [Reason(False, "Tập thể không có thành viên trong năm {}", (ctx.year,))]
        # "ít nhất 70% cá nhân đạt danh hiệu" (Luật TĐKT 2022, Điều 27.1; rules.md §12): titles given
        # count. Until the unit's individual titles of the year are decided, those who qualify stand in.
        if ctx.titles_decided(s):
            count = sum(1 for pid in s.members if ctx.person_given(pid, award))
            text = "{}/{} thành viên ({}%) đã được tặng {} năm {}; yêu cầu {}"
        else:
            count = sum(1 for pid in s.members if ctx.book_person_has(pid, award))
            text = "{}/{} thành viên ({}%) đủ điều kiện {} năm {}, chưa có quyết định; yêu cầu {}"
        pct = f"{count / total * 100:.1f}".replace(".", ",")
        ok = _share_ok(count, total, rule)
        return [Reason(ok, text, (count, total, pct, name, ctx.year, threshold))]
    return check


def members_rated_at_least(book, text, level):
    attr = {"HTXSNV": "excellent", "HTTNV": "good", "HTNV": "done"}[level]
    label = RATING_LABEL[level].lower()

    def check(s, ctx):
        if not s.members:
            return [Reason(False, "Tập thể không có thành viên trong năm {}", (ctx.year,))]
        short = [pid for pid in s.members if not getattr(ctx.person(pid), attr, 0) & 1]
        if not short:
            return [Reason(True, "100% cá nhân ({}) {} trở lên năm {}", (len(s.members), label, ctx.year))]
        return [Reason(False, "{} cá nhân chưa {} hoặc chưa có kết quả xếp loại năm {}: {}", (len(short), label, ctx.year, _names(short, ctx)))]
    return check


def members_any_award(book, text, award, count=1):
    name = book.awards[award].name

    def check(s, ctx):
        having = [pid for pid in s.members if ctx.book_person_has(pid, award)]
        if len(having) >= count:
            return [Reason(True, "Có {} cá nhân đạt hoặc đủ điều kiện {} năm {}: {}", (len(having), name, ctx.year, _names(having, ctx)))]
        return [Reason(False, "Không có cá nhân nào đạt hoặc đủ điều kiện {} năm {}", (name, ctx.year))]
    return check


def no_member_discipline(book, text, level):
    floor = DISCIPLINE_SEVERITY[level]

    def check(s, ctx):
        hit = [pid for pid in s.members if getattr(ctx.person(pid), "discipline", 0) >= floor]
        if not hit:
            return [Reason(True, "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên năm {}", (ctx.year,))]
        return [Reason(False, "Có {} cá nhân bị kỷ luật từ cảnh cáo trở lên năm {}: {}", (len(hit), ctx.year, _names(hit, ctx, with_discipline=True)))]
    return check


def _names(pids, ctx, with_discipline=False):
    people = ctx.people

    def render(names=None):
        out = []
        # Vietnamese order by given name, as lists are read; the same on every database.
        ordered = sorted(pids, key=lambda pid: (person_sort_key(people[pid].name) if pid in people else "", pid))
        for pid in ordered[:20]:
            p = people.get(pid)
            label = p.name if p else str(pid)
            if with_discipline and p:
                label += f" ({DISCIPLINE_NAME.get(DISCIPLINE_LABEL.get(p.discipline), '').lower()})"
            out.append(label)
        return ", ".join(out) + (f" và {len(pids) - 20} người khác" if len(pids) > 20 else "")
    return render


CRITERIA = {
    "rating_at_least": rating_at_least,
    "worked_months": worked_months,
    "meets_award": meets_award,
    "any_of": any_of,
    "initiatives": initiatives,
    "consecutive_awards": consecutive_awards,
    "consecutive_ratings": consecutive_ratings,
    "award_then_ratings": award_then_ratings,
    "unit_rating_at_least": unit_rating_at_least,
    "members_share": members_share,
    "members_rated_at_least": members_rated_at_least,
    "members_any_award": members_any_award,
    "no_member_discipline": no_member_discipline,
}


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
        return p is not None and any(p.awards.get(i, 0) & 1 for i in self.book.includes[code])

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
        if any(p.awards.get(i, 0) & 1 for i in ids):
            return True
        res = self.person_results.get(pid, {})
        return any(res.get(i) for i in ids)


def _explain(s, award, ctx):
    ctx.current_award = award.id
    reasons = [r for fn in ctx.book.compiled[award.id] for r in fn(s, ctx)]
    if s.awards.get(award.id, 0) & 1:
        reasons.insert(0, Reason(False, "Đã được tặng {} năm {}; mỗi thành tích chỉ khen thưởng một lần", (award.name, ctx.year)))
    return reasons


def _decide(s, awards, ctx):
    """Whether ``s`` is eligible for each of ``awards`` (in order), by the fast tests."""
    results = ctx.results
    compiled = ctx.book.compiled
    awarded = s.awards
    flags = []
    for award in awards:
        aid = award.id
        ctx.current_award = aid
        # "Qualifies" (the standard is met) is what a higher standard or a
        # collective counts; "eligible" also needs the award not given already.
        qualifies = True
        for fn in compiled[aid]:
            if not fn.test(s, ctx):
                qualifies = False
                break
        results[aid] = qualifies
        flags.append(qualifies and not awarded.get(aid, 0) & 1)
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


def evaluate(year: int, *, unit=None, award_code=None, person=None, flt=None) -> Evaluation:
    """Evaluate every decidable award for every person and collective (or those under ``unit``)."""
    book = Rulebook(year)
    # A collective title counts members holding the title or a higher individual title that includes it.
    book.includes = {"LDTT": [book.award_id(c) for c in ("LDTT", "CSTDCS") if c in book.awards],
                     "CSTDCS": [book.award_id("CSTDCS")]}
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
    individual = book.individual
    decided, person_results = [], {}
    for s in people.values():
        ctx = Context(year, book)
        decided.append((s, ctx, "person", individual, _decide(s, individual, ctx)))
        person_results[s.id] = ctx.results
    for s in units.values():
        if not s.members and not s.rated:
            continue
        ctx = UnitContext(year, book, people, person_results)
        decided.append((s, ctx, "unit", book.collective, _decide(s, book.collective, ctx)))
    return Evaluation(year, people, units, decided, person_results, award_code)
