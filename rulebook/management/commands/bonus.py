import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from core.money import format_money
from rulebook.bonus import BonusError, compute_bonus


class Command(BaseCommand):
    help = "Tiền thưởng của một danh hiệu, hình thức khen thưởng theo quy định có hiệu lực vào ngày quyết định."

    def add_arguments(self, parser):
        parser.add_argument("award")
        parser.add_argument("--recipient-kind", required=True, choices=["individual", "collective", "household"])
        parser.add_argument("--decision-date", required=True)
        parser.add_argument("--issuer", default=None, help="cấp ký khi mức tiền phụ thuộc người ký: commune (mặc định) hoặc agency")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, award, recipient_kind, decision_date, issuer, json: bool, **options):
        try:
            day = date.fromisoformat(decision_date)
        except ValueError:
            raise CommandError(f"Ngày quyết định “{decision_date}” không hợp lệ, cần dạng YYYY-MM-DD.") from None
        try:
            bonus = compute_bonus(award, recipient_kind, day, issuer=issuer)
        except BonusError as e:
            raise CommandError(str(e)) from None
        if json:
            self.stdout.write(_dumps(bonus.as_json()))
            return
        self.stdout.write(f"{bonus.award.name} ({bonus.award.code}) — {bonus.recipient_kind}, quyết định ngày {day:%d/%m/%Y}")
        self.stdout.write(f"  Quy định:        {bonus.rule_set.name}")
        self.stdout.write(f"  Hệ số:           {bonus.coefficient}")
        self.stdout.write(f"  Mức lương cơ sở: {format_money(bonus.base_salary)}")
        self.stdout.write(f"  Tiền thưởng:     {format_money(bonus.amount)} ({bonus.amount_in_words})")
        self.stdout.write(f"  Căn cứ:          {bonus.legal_basis}")


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2)
