"""Bonus money: coefficient × the base salary in force on the decision date,
rounded up (NĐ 98/2023, restated in NĐ 152/2025; rules.md §4.2)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.money import amount_in_words, bonus_amount, format_money

from .models import AwardType, BaseSalary, Coefficient, RecipientKind, RuleSet

KIND_LABEL = dict(RecipientKind.choices)
# Who signs when the caller does not say: tdkt's home is the commune/ward level.
DEFAULT_ISSUER = "commune"


class BonusError(ValueError):
    """A Vietnamese message saying why no amount can be given."""


@dataclass
class Bonus:
    award: AwardType
    recipient_kind: str
    decision_date: date
    rule_set: RuleSet
    coefficient: Decimal
    base_salary: int
    amount: int
    legal_basis: str
    status: str

    @property
    def amount_in_words(self):
        return amount_in_words(self.amount)

    def as_json(self):
        return {
            "award": self.award.code,
            "recipient_kind": self.recipient_kind,
            "decision_date": self.decision_date.isoformat(),
            "rule_set": self.rule_set.code,
            "coefficient": float(self.coefficient),
            "base_salary": self.base_salary,
            "amount": self.amount,
            "amount_in_words": self.amount_in_words,
            "legal_basis": self.legal_basis,
        }


def _one(qs, day, what):
    rows = list(qs.in_force(day).order_by("-valid_from")[:2])
    if not rows:
        raise BonusError(f"Chưa có {what} áp dụng cho ngày {day:%d/%m/%Y}.")
    return rows[0]


def _coefficient(rule_set, award, kind, issuer):
    rows = list(Coefficient.objects.filter(rule_set=rule_set, award_type=award, recipient_kind=kind))
    if not rows:
        return None
    if len(rows) == 1:
        return rows[0]
    by_issuer = {r.issuer: r for r in rows}
    chosen = by_issuer.get(issuer or DEFAULT_ISSUER) or by_issuer.get("")
    if chosen is None:
        raise BonusError(f"Mức tiền thưởng {award.name} phụ thuộc cấp ký quyết định; hãy chọn một trong: {', '.join(sorted(by_issuer))}.")
    return chosen


def compute_bonus(award_code: str, recipient_kind: str, decision_date: date, issuer: str | None = None) -> Bonus:
    award = AwardType.objects.filter(code=award_code).first()
    if award is None:
        raise BonusError(f"Không có danh hiệu, hình thức khen thưởng mã “{award_code}”.")
    if recipient_kind not in KIND_LABEL:
        raise BonusError(f"Đối tượng “{recipient_kind}” không hợp lệ: individual, collective hoặc household.")
    if recipient_kind not in award.recipient_kinds:
        raise BonusError(f"{award.name} không tặng cho {KIND_LABEL[recipient_kind].lower()}.")
    rule_set = _one(RuleSet.objects.all(), decision_date, "quy định tiền thưởng")
    base = _one(BaseSalary.objects.all(), decision_date, "mức lương cơ sở")
    row = _coefficient(rule_set, award, recipient_kind, issuer)
    statuses = [rule_set.status, base.status]
    if row is not None:
        coefficient, basis = row.coefficient, row.legal_basis
        statuses.append(row.status)
    else:
        individual = _coefficient(rule_set, award, "individual", issuer)
        multiplier = {"collective": rule_set.collective_multiplier if award.category == "form" else None,
                      "household": rule_set.household_multiplier}.get(recipient_kind)
        if individual is None or multiplier is None:
            raise BonusError(f"{rule_set.name} chưa có mức tiền thưởng {award.name} cho {KIND_LABEL[recipient_kind].lower()}.")
        coefficient = individual.coefficient * multiplier
        basis = f"{individual.legal_basis}; {rule_set.multipliers_basis}"
        statuses += [individual.status, "partial"]
    amount = bonus_amount(coefficient, base.amount, step=rule_set.rounding_step)
    legal_basis = f"{basis}; mức lương cơ sở {format_money(base.amount).removesuffix(' đ')} đồng: {base.legal_basis}"
    status = "unverified" if "unverified" in statuses else "partial" if "partial" in statuses else "verified"
    return Bonus(award, recipient_kind, decision_date, rule_set, coefficient.normalize(), base.amount, amount, legal_basis, status)
