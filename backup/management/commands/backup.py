"""tdkt backup FILE — the database and the files of the installation in one archive."""

import sys

from django.core.management.base import BaseCommand

from backup.engines import EngineError
from backup.operations import make_backup, megabytes, seconds
from core.text import format_count


class Command(BaseCommand):
    # No system checks: one of them opens the database, which would make an empty SQLite file where there is none.
    requires_system_checks = []
    help = ("Sao lưu cơ sở dữ liệu (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump) và các tệp (MEDIA_ROOT: quyết định "
            "Word/PDF, bằng, bản scan) vào một tệp .tar.gz có manifest.json. Chạy được khi ứng dụng đang chạy.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sẽ ghi, ví dụ /var/backups/tdkt/tdkt-2026-01-20.tar.gz")

    def handle(self, *args, file, **options):
        try:
            written = make_backup(file, warn=self.stderr.write)
        except (EngineError, OSError) as e:
            self.stderr.write(f"Không sao lưu được: {e}")
            sys.exit(1)
        self.stdout.write(
            f"Đã ghi bản sao lưu {written.path}: {megabytes(written.size)}; cơ sở dữ liệu "
            f"({megabytes(written.database_size)} trước khi nén) và {format_count(written.files)} tệp; "
            f"{seconds(written.seconds)}.")
        if written.skipped:
            self.stdout.write(f"Bỏ qua {format_count(len(written.skipped))} tệp bị xóa trong lúc sao lưu.")
