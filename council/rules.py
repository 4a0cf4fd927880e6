"""The rule a council line is judged by, read from the rulebook in force on the meeting's date.

``council_ballot_rules`` lists, per award and council level, the ballot (secret or open), the threshold of "agree"
votes (``threshold_pct`` with ``op``: ">=" from … up, ">" more than …), the base it is counted on (all members of the
council, absent ones included; or the members entitled to vote on the line: all minus those who do not vote on it),
its status and legal basis; the first row that names the line's award (or "*") and the council's level (or "*")
applies. ``council_recusal_base`` says what the nominee's own recusal does to the base of their line when the rule
counts on all members: "entitled_members" takes them out of it, "all_members" keeps them in (their recusal then
weighs as a no).
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from rulebook.selectors import parameter_on

from .models import BaseKind

# What the code uses when the rulebook holds no row for the meeting's date (a database without the seed).
FALLBACK = {"ballot": "open", "threshold_pct": 50, "op": ">", "base": BaseKind.ALL, "status": "unverified",
            "legal_basis": "Chưa có quy định trong Quy định, mức thưởng: biểu quyết theo đa số tổng số thành viên"}

BALLOT_LABELS = {True: "Bỏ phiếu kín", False: "Biểu quyết công khai"}


@dataclass(frozen=True)
class Rule:
    secret: bool
    threshold_pct: Decimal
    op: str
    base: str            # BaseKind: what the threshold is counted on
    recusal_base: str    # BaseKind: the nominee's own line (council_recusal_base)
    status: str
    legal_basis: str


def pct_text(value) -> str:
    """50 → "50", 66.67 → "66,67" (Vietnamese decimal comma)."""
    value = Decimal(value).quantize(Decimal("0.01"))
    return str(int(value)) if value == int(value) else f"{value}".rstrip("0").replace(".", ",")


def _matches(row, award_code, level):
    awards, levels = row.get("awards") or ["*"], row.get("levels") or ["*"]
    return (award_code in awards or "*" in awards) and (level in levels or "*" in levels)


def rule_for(award_code: str, level: str | None, day) -> Rule:
    rows = parameter_on("council_ballot_rules", day, None) or []
    row = next((r for r in rows if _matches(r, award_code, level or "")), FALLBACK)
    recusal = parameter_on("council_recusal_base", day, BaseKind.ENTITLED)
    return Rule(secret=row["ballot"] == "secret", threshold_pct=Decimal(str(row["threshold_pct"])), op=row["op"],
                base=row["base"], recusal_base=recusal, status=row.get("status", ""), legal_basis=row.get("legal_basis", ""))


def base_of(members: int, *, base_rule: str, recusal_base: str, recused: int, recused_nominee: int) -> int:
    """How many members the line's threshold is counted on."""
    if base_rule == BaseKind.ENTITLED:
        return members - recused
    if recusal_base == BaseKind.ENTITLED:
        return members - recused_nominee
    return members


def needed(threshold_pct, op: str, base: int) -> int:
    """The fewest "agree" votes that meet the threshold on ``base`` members (never fewer than one)."""
    exact = Decimal(threshold_pct) * base / 100
    if op == ">":
        n = int(exact) + 1 if exact == int(exact) else math.ceil(exact)
    else:
        n = math.ceil(exact)
    return max(n, 1)


def threshold_text(threshold_pct, op: str, base_rule: str) -> str:
    """"từ 90% tổng số thành viên Hội đồng trở lên", "trên 50% tổng số thành viên Hội đồng"."""
    base = BaseKind(base_rule).label
    return f"từ {pct_text(threshold_pct)}% {base} trở lên" if op == ">=" else f"trên {pct_text(threshold_pct)}% {base}"


def recusal_text(recusal_base: str) -> str:
    if recusal_base == BaseKind.ENTITLED:
        return "thành viên là người được đề nghị không biểu quyết dòng của mình và không tính vào cơ sở tính tỷ lệ của dòng đó"
    return "thành viên là người được đề nghị không biểu quyết dòng của mình và vẫn tính vào tổng số (như một phiếu không đồng ý)"
