from django.core.management.base import BaseCommand

from rulebook.loader import sync


class Command(BaseCommand):
    help = "Nạp tệp quy định (rulebook/data/rulebook.toml) vào cơ sở dữ liệu. --reset: nạp lại toàn bộ, bỏ các sửa đổi."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true")

    def handle(self, *args, reset=False, **options):
        counts = sync(reset=reset)
        self.stdout.write("Đã nạp: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
