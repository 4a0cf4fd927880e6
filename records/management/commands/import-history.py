from django.core.management.base import BaseCommand

from records.history_import import LISTS, import_history


class Command(BaseCommand):
    help = "Nhập tệp lịch sử (JSON tdkt-history/1 hoặc .xlsx): tất cả hoặc không gì cả."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        result = import_history(file)
        if not result.ok:
            self.stderr.write(f"Không nhập gì: {len(result.errors)} lỗi.")
            for e in result.errors:
                self.stderr.write(str(e))
            raise SystemExit(1)
        for name in LISTS:
            c = result.counts[name]
            self.stdout.write(f"{name}: {c['created']} mới, {c['updated']} cập nhật, {c['unchanged']} không đổi")
