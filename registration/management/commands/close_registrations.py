"""tdkt close_registrations: after the deadline, record the units that did not register as
having no need of emulation titles or commendation that year (the daily worker runs the
same each morning through registration.tasks)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.models import Plan, PlanStatus
from plans.selectors import registration_deadline
from registration.actions import registrations_close


class Command(BaseCommand):
    help = ("Đóng đăng ký thi đua đã hết hạn: đơn vị chưa đăng ký được ghi nhận "
            "“không có nhu cầu thi đua, khen thưởng năm N” (mọi kế hoạch đã ban hành, hoặc --plan).")

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, help="chỉ kế hoạch có mã (pk) này")

    def handle(self, *args, plan=None, **options):
        plans = Plan.objects.filter(status=PlanStatus.PUBLISHED).select_related("unit").order_by("year", "pk")
        if plan is not None:
            plans = plans.filter(pk=plan)
            if not plans.exists():
                raise CommandError(f"Không có kế hoạch đã ban hành mã {plan}.")
        now = timezone.now()
        total = 0
        for p in plans:
            m = registration_deadline(p)
            if m is None or now < m.deadline:
                continue
            n = registrations_close(plan=p, now=now)
            total += n
            if n:
                self.stdout.write(f"{p.number or p.pk} ({p.unit.name}, {p.year}): {n} đơn vị ghi nhận không có nhu cầu "
                                  f"(hết hạn {m.due_on:%d/%m/%Y}).")
        self.stdout.write(f"Đã đóng đăng ký: {total} đơn vị.")
