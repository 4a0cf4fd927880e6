"""tdkt restore [--check] [--force] FILE — an archive of `tdkt backup` back into the database and MEDIA_ROOT."""

import sys

from django.core.management.base import BaseCommand

from backup import engines
from backup.archive import Refused
from backup.engines import EngineError
from backup.operations import check, restore, seconds
from core.text import format_count


def _when(manifest) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(manifest["created_at"]).strftime("%d/%m/%Y %H:%M")
    except (KeyError, TypeError, ValueError):
        return "không rõ"


class Command(BaseCommand):
    # No system checks: one of them opens the database, which makes an empty SQLite file; a refused restore
    # must leave the place as it was.
    requires_system_checks = []
    help = ("Phục hồi một bản sao lưu của “tdkt backup” vào cơ sở dữ liệu trống và MEDIA_ROOT, tất cả hoặc không gì. "
            "Với SQLite hãy dừng ứng dụng (web và worker) trước. --check: chỉ kiểm tra tệp, không ghi gì.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .tar.gz do “tdkt backup” ghi")
        parser.add_argument("--check", action="store_true",
                            help="chỉ kiểm tra bản sao lưu (nguyên vẹn, phục hồi được vào đây), không ghi gì")
        parser.add_argument("--force", action="store_true",
                            help="thay thế cả khi cơ sở dữ liệu hay thư mục tệp đã có dữ liệu (bản cũ của SQLite "
                                 "và thư mục tệp được giữ lại bên cạnh)")

    def handle(self, *args, file, check: bool, force: bool, **options):
        try:
            if check:
                self._check(file)
            else:
                self._restore(file, force)
        except (Refused, EngineError) as e:
            self.stderr.write(str(e))
            sys.exit(1)

    def _check(self, file):
        import time

        started = time.monotonic()
        manifest = check(file)
        rows = manifest.get("rows", {})
        self.stdout.write(
            f"Bản sao lưu {file} nguyên vẹn: tạo lúc {_when(manifest)} bởi tdkt {manifest.get('tdkt_version')}, "
            f"cơ sở dữ liệu {engines.engine_name(manifest['database']['engine'])} ({engines.describe(rows)}) và "
            f"{format_count(len(manifest['members']) - 1)} tệp; phục hồi được vào cơ sở dữ liệu đang cấu hình. "
            f"Kiểm tra trong {seconds(time.monotonic() - started)}; không ghi gì.")

    def _restore(self, file, force):
        if engines.engine() == "sqlite":
            self.stdout.write("Lưu ý: ứng dụng (web và worker) phải dừng trong lúc phục hồi.")
        done = restore(file, force=force, say=self.stdout.write)
        manifest = done.manifest
        self.stdout.write(
            f"Đã phục hồi từ {file} (sao lưu lúc {_when(manifest)}, tdkt {manifest.get('tdkt_version')}): "
            f"cơ sở dữ liệu ({engines.describe(manifest.get('rows', {}))}) và {format_count(done.files)} tệp; "
            f"{seconds(done.seconds)}.")
        for path in done.kept:
            self.stdout.write(f"Bản cũ giữ lại ở {path} (xóa khi không cần nữa).")
        if done.migrated:
            self.stdout.write("Đã cập nhật cơ sở dữ liệu lên mã hiện tại (migrate).")
