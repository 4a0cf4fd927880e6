"""Exemplary models (điển hình tiên tiến, người tốt việc tốt): what a unit proposes each month to the level above,
with its photos and its timeline.

An exemplar moves only through ``exemplars.workflow`` (the steps table) and ``exemplars.actions`` (one action per
step); every step writes an ``Event`` with the state it left, the state it reached and the reason.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi, chờ xét"
    RETURNED = "returned", "Trả lại để bổ sung"
    ACCEPTED = "accepted", "Đã công nhận"


class SubjectKind(models.TextChoices):
    PERSON = "person", "Cán bộ của đơn vị"
    COLLECTIVE = "collective", "Tập thể"
    OUTSIDER = "outsider", "Người ngoài đơn vị (ghi tên)"


class Exemplar(models.Model):
    """One exemplary person, collective or deed a unit proposes for a month (tháng đề xuất)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="exemplars", verbose_name="đơn vị đề xuất")
    # The level above that receives it: the nearest unit above whose chairman decides awards (its standing office).
    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="exemplars_received",
                                  verbose_name="cấp tiếp nhận")
    year = models.PositiveSmallIntegerField("năm")
    month = models.PositiveSmallIntegerField("tháng")
    subject_kind = models.CharField("người, tập thể được nêu gương", max_length=12, choices=SubjectKind.choices)
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="exemplars",
                               verbose_name="cán bộ")
    collective = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="tập thể")
    outsider_name = models.CharField("họ và tên (người ngoài đơn vị)", max_length=200, blank=True)
    outsider_about = models.CharField("giới thiệu ngắn (nơi ở, nghề nghiệp)", max_length=300, blank=True)
    title = models.CharField("điển hình, việc tốt", max_length=300)
    deed_on = models.DateField("thời gian")
    place = models.CharField("địa điểm", max_length=300)
    story = models.TextField("câu chuyện")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    round = models.PositiveSmallIntegerField("lần gửi", default=0)
    # The first sending decides whether the month counts (a proposal mended after a return keeps its first date).
    first_sent_at = models.DateTimeField("gửi lần đầu", null=True, blank=True)
    sent_at = models.DateTimeField("gửi lần cuối", null=True, blank=True)
    decided_at = models.DateTimeField("ngày xét", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="người xét")
    return_reason = models.TextField("lý do trả lại", blank=True)
    published_at = models.DateTimeField("công bố trên cổng thông tin", null=True, blank=True, db_index=True)
    # The ad hoc line the office opened by commending on the spot (dossiers.actions.lines_add): its dossier carries
    # the award from there on.
    commended_line = models.ForeignKey("dossiers.Line", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name="dòng đề nghị khen thưởng đột xuất")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.CharField(max_length=700, editable=False, default="")

    class Meta:
        verbose_name = "điển hình tiên tiến"
        verbose_name_plural = "điển hình tiên tiến"
        ordering = ["-year", "-month", "-id"]
        indexes = [models.Index(fields=["authority", "year", "month"]), models.Index(fields=["unit", "year", "month"])]
        constraints = [models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="exemplar_month_1_12")]

    def __str__(self):
        return f"{self.title} — {self.unit.name} (tháng {self.month}/{self.year})"

    def save(self, *args, **kwargs):
        from core.text import fold

        self.search_text = fold(f"{self.title} {self.subject_name} {self.place}")[:700]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def code(self):
        return f"DH-{self.year}-{self.pk:05d}"

    @property
    def subject_name(self) -> str:
        if self.subject_kind == SubjectKind.PERSON and self.person_id:
            return self.person.full_name
        if self.subject_kind == SubjectKind.COLLECTIVE and self.collective_id:
            return self.collective.name
        return self.outsider_name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def month_label(self) -> str:
        return f"{self.month:02d}/{self.year}"


class Photo(models.Model):
    """A photo of the deed, re-encoded by core.images (upright, without metadata), with its thumbnail."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField("ảnh", upload_to="exemplars/%Y/")
    thumb = models.FileField("ảnh thu nhỏ", upload_to="exemplars/%Y/thumbs/")
    caption = models.CharField("chú thích", max_length=200, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "ảnh điển hình"
        verbose_name_plural = "ảnh điển hình"
        ordering = ["exemplar", "position", "id"]

    def __str__(self):
        return self.caption or f"Ảnh {self.position}"


VERBS = {
    "create": "Lập đề xuất", "edit": "Sửa đề xuất", "photo_add": "Thêm ảnh", "photo_remove": "Xóa ảnh",
    "submit": "Gửi đề xuất", "resubmit": "Gửi lại đề xuất", "accept": "Công nhận điển hình",
    "return": "Trả lại để bổ sung", "commend": "Khen thưởng đột xuất", "publish": "Công bố trên cổng thông tin",
    "unpublish": "Thôi công bố",
}


class Event(models.Model):
    """The exemplar's timeline: who did what, when, from which state to which, and why."""

    exemplar = models.ForeignKey(Exemplar, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verb = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    round = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField("lý do", blank=True)
    # {"field": [old, new]} or {"line": {...}}: the labels as they read then.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "diễn biến đề xuất điển hình"
        verbose_name_plural = "diễn biến đề xuất điển hình"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb}"

    @property
    def verb_label(self):
        return VERBS.get(self.verb, self.verb)


class Reminder(models.Model):
    """One reminder sent about a unit's month (before its deadline, the month missed, the office's digest): the
    worker's daily task never sends the same one twice."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20)  # "before-5", "due", "missed", "digest"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year", "month", "kind"], name="exemplar_reminder_once")]
