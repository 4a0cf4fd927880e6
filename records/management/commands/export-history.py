from django.core.management.base import BaseCommand

from core.text import format_count
from records.history_export import UNIT_HELP, YEAR_HELP, ExportError, export_history


class Command(BaseCommand):
    help = ("Xuất lịch sử trong cơ sở dữ liệu ra tệp lịch sử (JSON tdkt-history/1, hoặc .xlsx theo đuôi tệp): "
            "đơn vị, cán bộ, quá trình công tác, xếp loại, kỷ luật, sáng kiến và khen thưởng (trừ khen thưởng đã bị hủy bỏ).")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, metavar="N", help=YEAR_HELP)
        parser.add_argument("--unit", metavar="CODE", help=UNIT_HELP)
        parser.add_argument("file", help="tệp sẽ ghi: .json hoặc .xlsx")

    def handle(self, *args, file, year, unit, **options):
        try:
            counts = export_history(file, year=year, unit_code=unit)
        except ExportError as e:
            self.stderr.write(f"Không xuất được: {e}")
            raise SystemExit(1)
        for name, n in counts.items():
            self.stdout.write(f"{name}: {format_count(n)} dòng")
