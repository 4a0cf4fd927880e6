"""Inputs the eligibility engine reads: yearly task ratings and discipline."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class RatingLevel(models.TextChoices):
    # Codes fixed by domain/interchange.md, best first.
    HTXSNV = "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"
    HTTNV = "HTTNV", "Hoàn thành tốt nhiệm vụ"
    HTNV = "HTNV", "Hoàn thành nhiệm vụ"
    KHTNV = "KHTNV", "Không hoàn thành nhiệm vụ"


# Higher is better; the engine compares numbers.
RATING_SCORE = {"HTXSNV": 4, "HTTNV": 3, "HTNV": 2, "KHTNV": 1}


class Rating(models.Model):
    """The yearly task rating (đánh giá, xếp loại) of a person or of a collective."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="ratings", verbose_name="cán bộ")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="ratings", verbose_name="tập thể")
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("xếp loại", max_length=8, choices=RatingLevel.choices)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "kết quả xếp loại"
        verbose_name_plural = "kết quả xếp loại"
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False), name="rating_one_subject"),
            models.UniqueConstraint(fields=["person", "year"], condition=Q(person__isnull=False), name="rating_person_year"),
            models.UniqueConstraint(fields=["unit", "year"], condition=Q(unit__isnull=False), name="rating_unit_year"),
        ]
        indexes = [
            models.Index(fields=["year", "person"]),
            models.Index(fields=["year", "unit"]),
            # Covering index for the engine's one grouped pass over every person's ratings.
            models.Index(fields=["person", "year", "level"], condition=Q(person__isnull=False), name="rating_person_cover"),
        ]

    def __str__(self):
        return f"{self.person or self.unit} {self.year}: {self.level}"


class DisciplineLevel(models.TextChoices):
    # Codes fixed by domain/interchange.md, mildest first.
    KHIEN_TRACH = "khien_trach", "Khiển trách"
    CANH_CAO = "canh_cao", "Cảnh cáo"
    HA_BAC_LUONG = "ha_bac_luong", "Hạ bậc lương"
    GIANG_CHUC = "giang_chuc", "Giáng chức"
    CACH_CHUC = "cach_chuc", "Cách chức"
    BUOC_THOI_VIEC = "buoc_thoi_viec", "Buộc thôi việc"


DISCIPLINE_SEVERITY = {code: i + 1 for i, code in enumerate(DisciplineLevel.values)}


class Discipline(models.Model):
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="disciplines", verbose_name="cán bộ")
    date = models.DateField("ngày quyết định")
    level = models.CharField("hình thức kỷ luật", max_length=20, choices=DisciplineLevel.choices)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["person", "date", "level"], name="discipline_unique")]

    def __str__(self):
        return f"{self.person} {self.get_level_display()} {self.date:%d/%m/%Y}"


class HistoryImport(models.Model):
    """One run of `tdkt import-history`: who ran it, on which file, what it changed (one row a run, not a row per line)."""

    at = models.DateTimeField("thời điểm", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name="người nhập")
    file_name = models.CharField("tệp", max_length=255)
    # {list: {"created": n, "updated": n, "unchanged": n}}, as the command prints them.
    counts = models.JSONField("số dòng", default=dict, blank=True)

    class Meta:
        verbose_name = "lần nhập tệp lịch sử"
        verbose_name_plural = "các lần nhập tệp lịch sử"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"Nhập tệp lịch sử {self.file_name}"
