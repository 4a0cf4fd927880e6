"""The initiative registry (sáng kiến): recognised solutions and their scope."""

from django.db import models

from core.text import fold


class Scope(models.TextChoices):
    # Codes fixed by domain/interchange.md, narrowest first.
    CO_SO = "co_so", "Phạm vi cơ sở"
    TINH = "tinh", "Phạm vi cấp bộ, ban, ngành, tỉnh"
    TOAN_QUOC = "toan_quoc", "Phạm vi toàn quốc"


SCOPE_RANK = {"co_so": 1, "tinh": 2, "toan_quoc": 3}


class Initiative(models.Model):
    code = models.CharField("mã sáng kiến", max_length=40, unique=True)
    title = models.CharField("tên sáng kiến", max_length=500)
    authors = models.ManyToManyField("org.Person", related_name="initiatives", verbose_name="tác giả")
    unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="initiatives", verbose_name="đơn vị")
    recognized_on = models.DateField("ngày công nhận")
    scope = models.CharField("phạm vi ảnh hưởng", max_length=12, choices=Scope.choices)
    recognized_by = models.CharField("cơ quan công nhận", max_length=255, blank=True)
    decision_number = models.CharField("số quyết định công nhận", max_length=60, blank=True)
    effect_confirmed = models.BooleanField("đã xác nhận hiệu quả áp dụng", default=False,
                                           help_text="Có giấy xác nhận hiệu quả áp dụng, phạm vi ảnh hưởng của sáng kiến.")
    search_text = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-recognized_on", "code"]
        # The registry's list order: a page of a city's 70,000 initiatives is read in index order.
        indexes = [models.Index(fields=["-recognized_on", "code"], name="initiative_list_order")]

    def __str__(self):
        return f"{self.code} — {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.title}")[:600]
        super().save(*args, **kwargs)
