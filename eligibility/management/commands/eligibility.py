import json

from django.core.management.base import BaseCommand, CommandError

from core.text import format_count
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
        parser.add_argument("--rules", metavar="NAME",
                            help="xem trước theo dự thảo quy định NAME (mã dự thảo): ai được thêm, ai mất danh hiệu nào "
                                 "so với quy định hiện hành; dự thảo không quyết định điều gì")

    def handle(self, *args, year, unit, award, json: bool, rules=None, **options):
        unit_obj = None
        if unit:
            unit_obj = Unit.objects.filter(code=unit).first()
            if unit_obj is None:
                raise CommandError(f"Không có đơn vị mã “{unit}”.")
        if award and not AwardType.objects.filter(code=award).exists():
            raise CommandError(f"Không có mã khen thưởng “{award}” trong danh mục.")
        if rules is not None:
            return self.preview(year, unit_obj, award, rules, json)
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

    def preview(self, year, unit, award, rules, as_json):
        from eligibility.preview import UnknownDraft, compare

        try:
            c = compare(year, draft=rules, unit=unit, award_code=award)
        except UnknownDraft as e:
            raise CommandError(str(e)) from None
        if as_json:
            self.stdout.write(_dumps(c.as_json()))
            return
        _preview_table(c, self.stdout.write)


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False)


def _lines(items):
    return "; ".join(items) if items else "—"


def _preview_table(c, write):
    """The comparison as a clerk reads it: what the draft is, then the losses and gains with both sides' reasons,
    then the figures per unit and in total."""
    totals, by_unit = c.tally()
    write(f"Xem trước theo dự thảo: {c.draft.name} ({c.draft.code})")
    write(f"Văn bản: {c.draft.legal_basis}")
    write(f"Mức xác minh: {c.draft.get_status_display()} — dự thảo, không dùng để quyết định khen thưởng.")
    write(f"Năm thành tích {c.year}: {format_count(c.n_people)} cá nhân, {format_count(c.n_units)} tập thể được xét lại "
          "theo cả hai bộ quy định.")
    for code, name, note in c.notes:
        write(f"Ghi chú ({name}): {note}")
    for title, rows in (("MẤT DANH HIỆU, HÌNH THỨC", c.losses), ("ĐƯỢC THÊM DANH HIỆU, HÌNH THỨC", c.gains)):
        write("")
        write(f"{title} ({len(rows)})")
        if not rows:
            write("  (không có)")
        for ch in rows:
            write(f"  {ch.subject.code:<14} {ch.subject.name[:30]:<30} {ch.place.code:<16} {ch.award.code:<10}")
            if ch.direction == "loss":
                write(f"      theo dự thảo còn thiếu: {_lines(ch.unmet())}")
                write(f"      hiện hành (đủ): {_lines(ch.in_force_met())}")
            else:
                write(f"      theo dự thảo (đủ): {_lines(ch.met())}")
                write(f"      hiện hành còn thiếu: {_lines(ch.in_force_unmet())}")
    write("")
    write("THEO ĐƠN VỊ")
    write(f"  {'Mã':<16} {'Đơn vị':<44} {'Được thêm':>9} {'Mất':>6}")
    for place, gains, losses in by_unit:
        write(f"  {place.code:<16} {place.name[:44]:<44} {gains:>9} {losses:>6}")
    write("")
    write(f"TỔNG CỘNG: được thêm {totals['gains']}, mất {totals['losses']}")
    for code, n in totals["by_award"].items():
        write(f"  {code:<10} được thêm {n['gains']}, mất {n['losses']}")
