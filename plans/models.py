"""Yearly plans (kế hoạch công tác thi đua, khen thưởng) with their tasks, milestones and
the units' completions of them.

The tables keep the names they had when these models lived in ``movements``.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models

from core.dates import VN_TZ
from core.text import fold


def default_signer_title(issuer: str) -> str:
    """How a document of ``issuer`` is signed (NĐ 30/2020, Phụ lục I, mục II.8; documents.nd30.signer_block): a
    council "TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG / CHỦ TỊCH"; a People's Committee "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH
    / PHÓ CHỦ TỊCH" (plans are usually signed by a vice-chairman; enter "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" when the
    chairman signs); the head of another body ("GIÁM ĐỐC", "HIỆU TRƯỞNG")."""
    from documents.nd30 import head_title, signer_block

    folded = fold(issuer or "")
    if folded.startswith("hoi dong"):
        lines = signer_block("chairman", on_behalf="council")
    elif folded.startswith(("uy ban nhan dan", "ubnd")):
        lines = signer_block("deputy", on_behalf="committee")
    else:
        lines = signer_block("chairman", head=head_title(issuer or ""))
    return "\n".join(lines)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    PUBLISHED = "published", "Đã ban hành"


class Plan(models.Model):
    """Kế hoạch công tác thi đua, khen thưởng năm N of one level (city, district, ward, agency)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="plans", verbose_name="cấp ban hành")
    year = models.PositiveSmallIntegerField("năm")
    number = models.CharField("số, ký hiệu", max_length=60, blank=True, help_text="ví dụ 319/KH-HĐTĐKT")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255)
    place = models.CharField("địa danh", max_length=80, default="Hà Nội")
    title = models.CharField("trích yếu", max_length=500)
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
                               verbose_name="thực hiện kế hoạch của cấp trên")
    purposes = models.TextField("mục đích", blank=True)
    requirements = models.TextField("yêu cầu", blank=True)
    content = models.TextField("nội dung, nhiệm vụ trọng tâm", blank=True)
    recipients = models.TextField("nơi nhận", blank=True, help_text="mỗi dòng một nơi nhận")
    # Several lines ("TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"): a text field keeps them.
    signer_title = models.TextField("thẩm quyền, chức vụ người ký", blank=True, default="",
                                    help_text="Để trống: theo cơ quan ban hành (default_signer_title).")
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    published_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        db_table = "movements_plan"
        ordering = ["-year", "unit__path"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"

    def __str__(self):
        return f"Kế hoạch {self.number or '(dự thảo)'} — {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.number} {self.title} {self.issuer}")[:600]
        super().save(*args, **kwargs)

    @property
    def signature_title(self) -> str:
        """The signer's authority and title as entered, else as the issuing body signs."""
        return self.signer_title.strip() or default_signer_title(self.issuer)

    @property
    def document_place(self) -> str:
        """The place its documents carry: the issuing unit's administrative unit (NĐ 30/2020; ``place`` is no longer
        typed)."""
        from documents.nd30 import document_place

        return document_place(self.unit)

    @property
    def citation(self):
        """How a lower plan cites this one: "Kế hoạch số 319/KH-HĐTĐKT ngày 24/12/2021 của …"."""
        date = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"Kế hoạch số {self.number}{date} của {self.issuer}"


class PlanTask(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(default=0)
    responsible = models.CharField("đơn vị thực hiện", max_length=255)
    unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    content = models.TextField("nhiệm vụ")

    class Meta:
        db_table = "movements_plantask"
        ordering = ["position", "id"]


class MilestoneKind(models.TextChoices):
    REGISTRATION = "registration", "Đăng ký thi đua"
    PLAN = "plan", "Ban hành kế hoạch của đơn vị"
    INITIATIVE = "initiative", "Hồ sơ công nhận sáng kiến"
    CSTD = "cstd", "Hồ sơ Chiến sĩ thi đua"
    HONOURS = "honours", "Hồ sơ danh hiệu, kỷ niệm chương"
    EXEMPLAR = "exemplar", "Đề xuất điển hình tiên tiến"
    YEAR_END = "year_end", "Hồ sơ khen thưởng cuối năm"
    COMMENDATION = "commendation", "Hồ sơ đề nghị khen thưởng"
    OTHER = "other", "Khác"


class DoneWhen(models.TextChoices):
    """What a unit does in the application that completes a milestone for it (plans.actions.work_done);
    "manual" and "report" are recorded by the unit on the compliance board (the application keeps no unit reports)."""

    MANUAL = "manual", "Đơn vị tự ghi nhận trên bảng tiến độ"
    REGISTRATION = "registration", "Khi đơn vị gửi đăng ký thi đua"
    DOSSIER = "dossier", "Khi đơn vị gửi hồ sơ khen thưởng tổng kết năm"
    PLAN = "plan", "Khi đơn vị ban hành kế hoạch thực hiện kế hoạch này"
    REPORT = "report", "Khi đơn vị gửi báo cáo (đơn vị tự ghi nhận)"


# Done by what the unit does in the application: no "Ghi nhận đã thực hiện" button for these.
AUTOMATIC_WORK = (DoneWhen.REGISTRATION, DoneWhen.DOSSIER, DoneWhen.PLAN)


def default_done_when(kind: str, title: str = "") -> str:
    """What completes a milestone when its plan does not say: from its kind, else from its wording ("Hồ sơ khen
    thưởng tổng kết năm …" is a year-end dossier, "… báo cáo …" a report)."""
    if kind == MilestoneKind.REGISTRATION:
        return DoneWhen.REGISTRATION
    if kind == MilestoneKind.PLAN:
        return DoneWhen.PLAN
    if kind in (MilestoneKind.YEAR_END, MilestoneKind.COMMENDATION):
        return DoneWhen.DOSSIER
    words = fold(title or "")
    if kind == MilestoneKind.OTHER and "ho so" in words and "tong ket" in words:
        return DoneWhen.DOSSIER
    if "bao cao" in words:
        return DoneWhen.REPORT
    return DoneWhen.MANUAL


class Milestone(models.Model):
    """A deadline of a plan (tiến độ). ``due_on`` is the last day: the deadline is the end of
    that day, Asia/Ho_Chi_Minh. A relative milestone ("5 ngày làm việc trước …") is computed
    from another one over working days and public holidays."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField("loại", max_length=20, choices=MilestoneKind.choices, default=MilestoneKind.OTHER)
    title = models.CharField("nội dung", max_length=500)
    due_on = models.DateField("hạn cuối (hết ngày)")
    relative_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="dependents",
                                    verbose_name="tính từ mốc")
    working_days_before = models.PositiveSmallIntegerField("số ngày làm việc trước mốc đó", null=True, blank=True)
    tracked = models.BooleanField("theo dõi từng đơn vị thực hiện", default=True)
    # Empty until saved: then from the kind and the wording (default_done_when), e.g. for the demo's seed plans.
    done_when = models.CharField("ghi nhận hoàn thành", max_length=20, choices=DoneWhen.choices, blank=True, default="")
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        db_table = "movements_milestone"
        ordering = ["due_on", "position", "id"]
        verbose_name = "mốc tiến độ"
        verbose_name_plural = "tiến độ"

    def __str__(self):
        return f"{self.title} (hạn {self.due_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        if self.kind == MilestoneKind.REGISTRATION:
            self.done_when = DoneWhen.REGISTRATION
        elif not self.done_when:
            self.done_when = default_done_when(self.kind, self.title)
        super().save(*args, **kwargs)

    @property
    def done_when_text(self) -> str:
        """What completes it, inside a sentence: "khi đơn vị gửi hồ sơ khen thưởng tổng kết năm"."""
        label = self.get_done_when_display()
        return label[:1].lower() + label[1:]

    @property
    def automatic(self) -> bool:
        """Done by what the unit does in the application (not ticked on the board)."""
        return self.done_when in AUTOMATIC_WORK

    @property
    def deadline(self):
        """The moment after which the milestone is late: the end of ``due_on`` in Hà Nội."""
        if self.due_on >= date.max:  # stored before dates were bounded: never late
            return datetime.max.replace(tzinfo=VN_TZ)
        return datetime.combine(self.due_on + timedelta(days=1), time(0, 0), tzinfo=VN_TZ)


class Completion(models.Model):
    """A unit has done a milestone (e.g. sent its registration)."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="completions")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField("hoàn thành lúc")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        db_table = "movements_completion"
        constraints = [models.UniqueConstraint(fields=["milestone", "unit"], name="completion_once")]
