"""The cluster's ranking from its scores, by the rule the rulebook gives (parameter ``cluster_ranking``).

Pure: no query. ``rank(units, criteria, scores, rule)`` takes the members in rotation order, the scoring table and
every score, and returns one ``Result`` per member, first place first. Averages are compared as exact fractions (a
tie is a true tie, never two roundings that happen to meet); they are shown and stored to two decimals.

A tie on the score is broken by the rule's ``tie_break`` list in order, then by the unit's code, and the result
says which one decided ("Bằng 92,5 điểm với Phường Yên Nghĩa; xếp trên vì điểm các tiêu chí cơ bản cao hơn: 86 so
với 85,5").
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

OTHERS_AVERAGE, ALL_AVERAGE = "others_average", "all_average"
BASE_POINTS, LOWEST_RECEIVED = "base_points", "lowest_received"

METHOD_WORDS = {
    OTHERS_AVERAGE: "trung bình tổng điểm các đơn vị khác trong cụm chấm (điểm tự chấm chỉ để đối chiếu)",
    ALL_AVERAGE: "trung bình tổng điểm tự chấm và điểm các đơn vị khác chấm",
}
SHORT_METHOD = {
    OTHERS_AVERAGE: "trung bình điểm các đơn vị khác trong cụm chấm",
    ALL_AVERAGE: "trung bình điểm tự chấm và điểm các đơn vị khác chấm",
}
TIE_WORDS = {
    BASE_POINTS: "điểm các tiêu chí cơ bản (không tính điểm thưởng, điểm trừ)",
    LOWEST_RECEIVED: "điểm thấp nhất nhận được từ một đơn vị chấm",
}
CENT = Decimal("0.01")


def to_decimal(x) -> Decimal:
    if isinstance(x, Fraction):
        return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def points(x) -> str:
    """92.50 → "92,5"; 86 → "86"; 7.25 → "7,25" (as the cluster's tables write points)."""
    if x is None:
        return "—"
    d = to_decimal(x)
    text = f"{d:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass
class Result:
    unit: object
    score: Fraction | None = None        # the ranking score
    self_total: Fraction | None = None   # what the unit gave itself
    base: Fraction | None = None         # the regular criteria only, averaged like the score
    lowest: Fraction | None = None       # the lowest total one counted scorer gave
    received: dict = field(default_factory=dict)  # {scorer unit id: total}
    rank: int = 0
    note: str = ""

    @property
    def score_decimal(self):
        return None if self.score is None else to_decimal(self.score)

    @property
    def self_decimal(self):
        return None if self.self_total is None else to_decimal(self.self_total)


def totals(criteria, scores) -> tuple[dict, dict]:
    """({(scorer id, scored id): total}, {(scorer id, scored id): regular criteria only}) as exact fractions;
    a penalty row takes its points away."""
    kinds = {c.pk: c.kind for c in criteria}
    total, base = {}, {}
    for s in scores:
        kind = kinds.get(s.criterion_id)
        if kind is None:
            continue
        key = (s.scorer_id, s.scored_id)
        p = Fraction(Decimal(s.points))
        total[key] = total.get(key, 0) + (-p if kind == "penalty" else p)
        if kind == "regular":
            base[key] = base.get(key, 0) + p
        else:
            base.setdefault(key, Fraction(0))
    return total, base


def rank(units, criteria, scores, rule: dict) -> list[Result]:
    """The members ranked (``units`` in rotation order; each needs ``pk``, ``code``, ``name``)."""
    method = rule.get("method", OTHERS_AVERAGE)
    breaks = [b for b in rule.get("tie_break", []) if b in TIE_WORDS]
    total, base = totals(criteria, scores)
    results = []
    for u in units:
        r = Result(unit=u)
        r.self_total = total.get((u.pk, u.pk))
        counted = [(a, t) for (a, b), t in total.items() if b == u.pk and (a != u.pk or method == ALL_AVERAGE)]
        r.received = {a: t for (a, b), t in total.items() if b == u.pk and a != u.pk}
        if counted:
            r.score = sum(t for _, t in counted) / len(counted)
            r.base = sum(base[(a, u.pk)] for a, _ in counted) / len(counted)
            r.lowest = min(t for _, t in counted)
        results.append(r)

    def key(r):
        missing = r.score is None
        values = [-(r.score or 0)]
        for b in breaks:
            values.append(-((r.base if b == BASE_POINTS else r.lowest) or 0))
        return (missing, *values, r.unit.code or "", r.unit.pk)

    results.sort(key=key)
    for i, r in enumerate(results, start=1):
        r.rank = i
    for i, r in enumerate(results):
        if r.score is None:
            r.note = "Chưa có điểm của đơn vị khác chấm."
            continue
        other = results[i - 1] if i > 0 and results[i - 1].score == r.score else (
            results[i + 1] if i + 1 < len(results) and results[i + 1].score == r.score else None)
        if other is not None:
            r.note = _tie_note(r, other, breaks)
    return results


def _tie_note(r, other, breaks) -> str:
    above = other.rank > r.rank
    head = f"Bằng {points(r.score)} điểm với {other.unit.name}; xếp {'trên' if above else 'sau'} vì "
    for b in breaks:
        mine, theirs = (r.base, other.base) if b == BASE_POINTS else (r.lowest, other.lowest)
        if mine != theirs:
            return head + f"{TIE_WORDS[b]} {'cao' if above else 'thấp'} hơn: {points(mine)} so với {points(theirs)}."
    return (head + f"bằng nhau cả {', '.join(TIE_WORDS[b] for b in breaks) or 'các tiêu chí phụ'}, xếp theo mã đơn vị "
            f"({r.unit.code} {'trước' if above else 'sau'} {other.unit.code}): cụm cần bình xét lại.")


def explain(rule: dict) -> str:
    """The rule in words, for the ranking's page and the Excel file."""
    method = METHOD_WORDS.get(rule.get("method", OTHERS_AVERAGE), rule.get("method", ""))
    breaks = [TIE_WORDS[b] for b in rule.get("tie_break", []) if b in TIE_WORDS]
    text = f"Điểm xếp hạng: {method}."
    if breaks:
        text += " Khi bằng điểm, xét lần lượt: " + "; ".join(f"{b} cao hơn" for b in breaks) + "; sau cùng theo mã đơn vị."
    else:
        text += " Khi bằng điểm: theo mã đơn vị."
    return text
