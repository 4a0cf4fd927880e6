import json

from django.core.management.base import BaseCommand, CommandError

from eligibility.engine import evaluate
from org.models import Unit
from rulebook.models import AwardType


class Command(BaseCommand):
    help = "Xét điều kiện mọi danh hiệu, hình thức khen thưởng xét được từ lịch sử, cho năm thành tích N."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="chỉ người và tập thể thuộc đơn vị này (mã đơn vị)")
        parser.add_argument("--award", help="chỉ một mã khen thưởng")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, year, unit, award, json: bool, **options):
        unit_obj = None
        if unit:
            unit_obj = Unit.objects.filter(code=unit).first()
            if unit_obj is None:
                raise CommandError(f"Không có đơn vị mã “{unit}”.")
        if award and not AwardType.objects.filter(code=award).exists():
            raise CommandError(f"Không có mã khen thưởng “{award}” trong danh mục.")
        result = evaluate(year, unit=unit_obj, award_code=award)
        outcomes = sorted(result.outcomes, key=lambda o: (o.kind != "person", o.subject.code, o.award.rank, o.award.code))
        if json:
            out = self.stdout
            out.write("[", ending="\n")
            for i, o in enumerate(outcomes):
                out.write(("," if i else "") + _dumps(o.as_json()), ending="\n")
            out.write("]", ending="\n")
            return
        for o in outcomes:
            mark = "ĐỦ" if o.eligible else "—"
            self.stdout.write(f"{o.subject.code:<14} {o.subject.name[:30]:<30} {o.award.code:<10} {mark:<3} "
                              + "; ".join(o.unmet() if not o.eligible else o.met()))


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False)
