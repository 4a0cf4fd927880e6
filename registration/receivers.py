"""Registration's answers to the plans' signals."""

from django.dispatch import receiver

from audit.recording import record
from plans.signals import registration_deadline_extended

from .actions import registration_event
from .models import Registration, RegistrationStatus


@receiver(registration_deadline_extended, dispatch_uid="registration_reopens_no_need")
def reopen_no_need(sender, *, milestone, acting_user, **kwargs):
    """Units recorded as having no need because they missed the old deadline may register
    again until the new one."""
    plan = milestone.plan
    for reg in Registration.objects.filter(plan=plan, status=RegistrationStatus.NO_NEED).select_for_update():
        reg.status, reg.closed_on = RegistrationStatus.DRAFT, None
        reg.save(update_fields=["status", "closed_on"])
        record(actor=acting_user, verb="registration", target=reg,
               changes={"Trạng thái": [f"Không có nhu cầu thi đua, khen thưởng năm {plan.year}", "Chưa đăng ký"]},
               note=f"Gia hạn đăng ký đến hết {milestone.due_on:%d/%m/%Y}")
        registration_event(acting_user=acting_user, registration=reg, verb="extend", from_status=RegistrationStatus.NO_NEED,
                           reason=f"Gia hạn đăng ký đến hết {milestone.due_on:%d/%m/%Y}",
                           data={"deadline": {"code": milestone.due_on.isoformat(), "label": f"{milestone.due_on:%d/%m/%Y}"}})
