"""Emulation movements (phong trào thi đua) with their targets and reviews; a movement may
belong to a plan."""

from django.db import models

from core.text import fold


class MovementKind(models.TextChoices):
    REGULAR = "thuong_xuyen", "Thường xuyên"
    CAMPAIGN = "theo_dot", "Theo đợt"
    THEMATIC = "chuyen_de", "Chuyên đề"
    SPECIAL = "dac_biet", "Đặc biệt"


class MovementStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    LAUNCHED = "launched", "Đã phát động"
    CLOSED = "closed", "Đã tổng kết"


class Movement(models.Model):
    name = models.CharField("tên phong trào", max_length=500)
    kind = models.CharField("hình thức", max_length=20, choices=MovementKind.choices)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="movements", verbose_name="cấp phát động")
    launcher = models.CharField("người, cơ quan phát động", max_length=255, blank=True)
    plan = models.ForeignKey("plans.Plan", on_delete=models.SET_NULL, null=True, blank=True, related_name="movements", verbose_name="thuộc kế hoạch")
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
                               verbose_name="thực hiện phong trào của cấp trên")
    scope_units = models.ManyToManyField("org.Unit", blank=True, related_name="+", verbose_name="đơn vị tham gia",
                                         help_text="Để trống: mọi đơn vị trực thuộc cấp phát động.")
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)
    content = models.TextField("nội dung", blank=True)
    criteria = models.TextField("tiêu chí", blank=True)
    occasions = models.CharField("gắn với dịp kỷ niệm", max_length=500, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=MovementStatus.choices, default=MovementStatus.DRAFT)
    launched_at = models.DateTimeField("phát động lúc", null=True, blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.content}")[:600]
        super().save(*args, **kwargs)


class TargetMetric(models.TextChoices):
    INITIATIVE_SHARE = "initiative_share", "Tỷ lệ cán bộ có sáng kiến được công nhận cấp cơ sở trong năm"
    INITIATIVE_APPLIED = "initiative_applied", "Tỷ lệ sáng kiến được áp dụng hiệu quả"
    LDTT_SHARE = "ldtt_share", "Tỷ lệ cán bộ đạt Lao động tiên tiến"
    REGISTRATION_SHARE = "registration_share", "Tỷ lệ đơn vị đăng ký thi đua đúng hạn"
    MANUAL = "manual", "Chỉ tiêu khác (nhập số liệu)"


class MovementTarget(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    metric = models.CharField("chỉ tiêu", max_length=30, choices=TargetMetric.choices)
    label = models.CharField("diễn giải", max_length=500)
    threshold = models.DecimalField("mức (%)", max_digits=6, decimal_places=2)
    manual_value = models.DecimalField("số liệu nhập (%)", max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["id"]


class ReviewKind(models.TextChoices):
    INTERIM = "so_ket", "Sơ kết"
    FINAL = "tong_ket", "Tổng kết"


class MovementReview(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField("loại", max_length=10, choices=ReviewKind.choices)
    held_on = models.DateField("ngày")
    report = models.TextField("báo cáo, kết quả")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on"]
