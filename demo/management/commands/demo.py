"""tdkt demo — load a realistic Hà Nội into an empty database."""

import sys
import time

from django.core.management.base import BaseCommand

from django.conf import settings
from django.db import connection

from demo.builder import DEMO_ACCOUNTS, SCALES, DatabaseNotEmpty, build
from org.models import Unit


def _n(number) -> str:
    return f"{number:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (Hà Nội trước và sau ngày 01/07/2025: đơn vị, cán bộ, quá trình công tác, "
        "tài khoản mẫu, lịch sử xếp loại, sáng kiến, khen thưởng, kỷ luật 2017–2026) vào cơ sở dữ liệu trống. Cùng --seed cho cùng dữ liệu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2025, help="hạt giống ngẫu nhiên (mặc định 2025)")
        parser.add_argument(
            "--scale", choices=SCALES, default="demo",
            help="demo: khoảng 2.000 cán bộ (mặc định); city: khoảng 200.000 cán bộ, 5.000 đơn vị, để đo hiệu năng",
        )

        parser.add_argument("--if-empty", action="store_true", help="không làm gì (và không báo lỗi) nếu cơ sở dữ liệu đã có dữ liệu")
        parser.add_argument("--accounts", action="store_true", help="in danh sách tài khoản mẫu")
        parser.add_argument("--with-tay-ho-2017", action="store_true",
                            help="nạp thêm tổng kết năm 2017 của quận Tây Hồ theo tài liệu (báo cáo tổng kết năm 2017 "
                                 "của quận), chỉ khi vừa nạp dữ liệu mẫu")

    def handle(self, *args, seed, scale, if_empty=False, accounts=False, with_tay_ho_2017=False, **options):
        if if_empty and Unit.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu: giữ nguyên, không nạp dữ liệu mẫu.")
            self._banner()
            return
        started = time.perf_counter()
        progress = self.stdout if options["verbosity"] >= 2 or scale == "city" else None
        try:
            counts = build(seed=seed, scale=scale, stdout=progress)
        except DatabaseNotEmpty as refusal:
            self.stderr.write(str(refusal))
            sys.exit(1)
        # Fresh statistics after a bulk load, so that the planners pick the indexes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        if with_tay_ho_2017:
            # The seed's own year-end of 2017 beside the generated history (kept out of build(): the seed's 59 CSTĐCS
            # against 83 LĐTT are beyond the generated history's 15% rule its tests check).
            from django.db import transaction

            from demo.reports import build_tay_ho_2017

            with transaction.atomic():
                made = build_tay_ho_2017()
            money = f"{made['district_money']:,}".replace(",", ".")
            self.stdout.write(f"Tổng kết năm 2017 quận Tây Hồ theo tài liệu: {_n(made['awards'])} khen thưởng, "
                              f"tiền thưởng của quận {money} đồng.")
        seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
        self.stdout.write(
            f"Đã tạo {_n(counts['units'])} đơn vị ({_n(counts['active_units'])} đang hoạt động), "
            f"{_n(counts['people'])} cán bộ, {_n(counts['employments'])} dòng quá trình công tác, "
            f"{_n(counts['ratings'] + counts['unit_ratings'])} kết quả xếp loại và {_n(counts['awards'])} khen thưởng "
            f"(2017–2026), "
            f"{_n(counts['users'])} tài khoản mẫu trong {seconds} giây."
        )
        if accounts or if_empty:
            self._banner()

    def _banner(self):
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {settings.DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<12} {account.role} — {account.unit}")
