"""Awards given: titles and forms with their decision (historical or issued here)."""

from django.db import models
from django.db.models import Q


class Award(models.Model):
    """A title or form given to a person or a collective for the achievements of ``year``.

    ``initiatives`` are the initiatives this award counted: one achievement is
    rewarded once (Luật TĐKT 2022, Điều 5.2), so the engine does not count them again.
    """

    award_type = models.ForeignKey("rulebook.AwardType", on_delete=models.PROTECT, related_name="awards", verbose_name="danh hiệu, hình thức")
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="awards", verbose_name="cá nhân")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="awards", verbose_name="tập thể")
    year = models.PositiveSmallIntegerField("năm thành tích")
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    initiatives = models.ManyToManyField("initiatives.Initiative", blank=True, related_name="used_by", verbose_name="sáng kiến đã dùng")
    amount = models.BigIntegerField("tiền thưởng (đồng)", null=True, blank=True)
    source = models.CharField("nguồn", max_length=20, default="history", choices=[("history", "Nhập lịch sử"), ("manual", "Nhập tay"), ("decision", "Quyết định trên hệ thống")])
    revoked_on = models.DateField("ngày hủy bỏ", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        ordering = ["-year", "award_type__rank"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False), name="award_one_recipient"),
            models.UniqueConstraint(fields=["person", "award_type", "year"], condition=Q(person__isnull=False), name="award_person_once_a_year"),
            models.UniqueConstraint(fields=["unit", "award_type", "year"], condition=Q(unit__isnull=False), name="award_unit_once_a_year"),
        ]
        indexes = [
            models.Index(fields=["year", "award_type"]),
            # Revoked awards are few; the engine reads them apart from the rest.
            models.Index(fields=["revoked_on"], condition=Q(revoked_on__isnull=False), name="award_revoked"),
        ]

    def __str__(self):
        return f"{self.award_type.name} {self.year} — {self.person or self.unit}"

    @property
    def recipient(self):
        return self.person or self.unit
