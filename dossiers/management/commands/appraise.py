import json

from django.core.management.base import BaseCommand

from core.money import format_money
from dossiers.appraisal import appraise
from dossiers.nominations import read_nominations


class Command(BaseCommand):
    help = ("Thẩm định danh sách đề nghị khen thưởng (tdkt-nominations/1, JSON hoặc .xlsx) theo dữ liệu trong hệ thống; "
            "không ghi gì.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, file, json: bool, **options):
        nominations, errors = read_nominations(file)
        if errors:
            self.stderr.write(f"Không thẩm định được tệp: {len(errors)} lỗi.")
            for e in errors:
                self.stderr.write(str(e))
            raise SystemExit(1)
        result = appraise(authority=nominations.authority, decision_date=nominations.decision_date,
                          year=nominations.year, lines=nominations.lines, signer=nominations.signer)
        if json:
            self.stdout.write(_dumps(result.as_json()))
            return
        out = self.stdout
        out.write(f"Thẩm định: {result.authority.name} ({result.authority.code}), năm thành tích {result.year}, "
                  f"quyết định ngày {result.decision_date:%d/%m/%Y}")
        for r in result.lines:
            ln = r.line
            mark = "ĐẠT" if r.ok else "LỖI"
            name = getattr(ln.recipient, "full_name", None) or ln.recipient.name
            out.write(f"{ln.number:>4}  {mark:<4} {ln.recipient.code:<14} {name[:30]:<30} {ln.award.code:<10} {format_money(r.amount):>14}")
            for p in r.problems:
                out.write(f"        - [{p.code}] {p.message}")
            if ln.justification:
                out.write(f"        Giải trình: {ln.justification}")
            for note in r.notes:
                out.write(f"        Ghi chú: {note}")
        out.write(f"Tổng: {len(result.lines)} dòng, {result.count_ok} dòng đạt; tiền thưởng {format_money(result.total)} "
                  f"({result.as_json()['total_in_words']})")


def _dumps(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2)
