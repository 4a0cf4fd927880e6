"""``tdkt demo-tay-ho-2017``: Quận Tây Hồ's year 2017 as the seed documents count it, into a demo database
(after ``tdkt demo``), so that the district's year-end report of 2017 reads the seed's figures (demo/reports.py).

Kept out of ``tdkt demo`` itself: the seed's 2017 breaks rules the generated history keeps (59 CSTĐCS against
83 LĐTT is beyond Nghị định 91/2017's 15% cap; decisions of December rather than January), which the demo's own
tests check."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from org.models import Unit


class Command(BaseCommand):
    help = "Nạp số liệu tổng kết năm 2017 của quận Tây Hồ theo tài liệu vào dữ liệu mẫu (chạy sau “tdkt demo”)."

    def handle(self, *args, **options):
        from demo.reports import DISTRICT, build_tay_ho_2017

        if not Unit.objects.filter(code=DISTRICT).exists():
            raise CommandError("Chưa có quận Tây Hồ (mã HN-TH): hãy nạp dữ liệu mẫu trước bằng “tdkt demo”.")
        if Unit.objects.filter(code=f"{DISTRICT}-DV01").exists():
            raise CommandError("Số liệu năm 2017 của quận Tây Hồ đã được nạp.")
        with transaction.atomic():
            made = build_tay_ho_2017()
        money = f"{made['district_money']:,}".replace(",", ".")
        self.stdout.write(f"Đã nạp tổng kết năm 2017 quận Tây Hồ: {made['units']} đơn vị, {made['people']} cán bộ, "
                          f"{made['awards']} khen thưởng; tiền thưởng của quận {money} đồng.")
