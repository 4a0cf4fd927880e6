"""Units' registrations (đăng ký thi đua) under a plan and their lines.

The tables keep the names they had when these models lived in ``movements``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi đăng ký"
    NO_NEED = "no_need", "Không có nhu cầu thi đua, khen thưởng"
    REOPENED = "reopened", "Được mở lại"


class Registration(models.Model):
    """A unit's registration (đăng ký thi đua) under a plan."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="registrations", verbose_name="đơn vị")
    status = models.CharField("trạng thái", max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    closed_on = models.DateField("ghi nhận không có nhu cầu ngày", null=True, blank=True)
    reopened_until = models.DateField("được đăng ký bổ sung đến hết ngày", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        db_table = "movements_registration"
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="registration_once")]
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"

    def __str__(self):
        return f"Đăng ký thi đua {self.plan.year} — {self.unit}"


class RegistrationLine(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="lines")
    award_type = models.ForeignKey("rulebook.AwardType", on_delete=models.PROTECT, related_name="+", verbose_name="danh hiệu, hình thức")
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="registrations", verbose_name="cá nhân")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="tập thể")

    class Meta:
        db_table = "movements_registrationline"
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False), name="line_one_subject"),
            models.UniqueConstraint(fields=["registration", "award_type", "person"], condition=Q(person__isnull=False), name="line_person_once"),
            models.UniqueConstraint(fields=["registration", "award_type", "unit"], condition=Q(unit__isnull=False), name="line_unit_once"),
        ]


# The timeline's verbs as the screen names them.
VERBS = {
    "save": "Đơn vị lưu bản nháp",
    "submit": "Đơn vị gửi đăng ký",
    "close": "Ghi nhận không có nhu cầu thi đua, khen thưởng",
    "reopen": "Mở lại đăng ký",
    "extend": "Gia hạn đăng ký",
}


class RegistrationEvent(models.Model):
    """The registration's timeline: who did what, when, from which status to which, and why.
    (``audit.Event`` keeps the edit history: which lines were added or dropped.)"""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("thời điểm", default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name="người thực hiện")
    verb = models.CharField("thao tác", max_length=20)
    from_status = models.CharField("từ trạng thái", max_length=12, choices=RegistrationStatus.choices, blank=True)
    to_status = models.CharField("sang trạng thái", max_length=12, choices=RegistrationStatus.choices, blank=True)
    reason = models.TextField("lý do", blank=True)
    # {"field": {"code": ..., "label": ...}}: the code for programs, the label as it read then.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "diễn biến đăng ký thi đua"
        verbose_name_plural = "diễn biến đăng ký thi đua"

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb}"

    @property
    def verb_label(self):
        return VERBS.get(self.verb, self.verb)
