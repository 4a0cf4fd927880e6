"""The initiative registry (sáng kiến) and its path from idea to recognition.

An author (or a unit officer for them) submits an initiative with its authors and their shares; the unit's
initiative council (Hội đồng sáng kiến, a member list per unit and year) scores or votes on it; the standing office
records the recognition decision (number, date, scope) or returns it with a reason; a higher level may widen its
scope later by its own decision (``Widening``); application reports say where it is applied, since when and with
what effect. Every step is an ``Event`` (initiatives/workflow.py is the table of steps).

A row recorded without that path (the registry's own form, a history import, the demo's history) is a recognised
initiative: ``status`` defaults to recognised.
"""

from django.conf import settings
from django.db import models

from core.text import fold


class Scope(models.TextChoices):
    # Codes fixed by domain/interchange.md, narrowest first.
    CO_SO = "co_so", "Phạm vi cơ sở"
    TINH = "tinh", "Phạm vi cấp bộ, ban, ngành, tỉnh"
    TOAN_QUOC = "toan_quoc", "Phạm vi toàn quốc"


SCOPE_RANK = {"co_so": 1, "tinh": 2, "toan_quoc": 3}


class Status(models.TextChoices):
    SUBMITTED = "submitted", "Chờ xét"
    REVIEWING = "reviewing", "Hội đồng sáng kiến đang xét"
    RETURNED = "returned", "Trả lại để bổ sung"
    RECOGNIZED = "recognized", "Đã công nhận"


class Initiative(models.Model):
    code = models.CharField("mã sáng kiến", max_length=40, unique=True)
    title = models.CharField("tên sáng kiến", max_length=500)
    authors = models.ManyToManyField("org.Person", related_name="initiatives", verbose_name="tác giả", through="Authorship")
    # The unit whose initiative council reviews it and whose head recognises it (cơ sở).
    unit = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="initiatives", verbose_name="đơn vị")
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.RECOGNIZED)
    recognized_on = models.DateField("ngày công nhận", null=True, blank=True)
    # The widest scope recognised so far (a widening raises it; the narrower ones stay in ``widenings``).
    scope = models.CharField("phạm vi ảnh hưởng", max_length=12, choices=Scope.choices)
    recognized_by = models.CharField("cơ quan công nhận", max_length=255, blank=True)
    decision_number = models.CharField("số quyết định công nhận", max_length=60, blank=True)
    effect_confirmed = models.BooleanField("đã xác nhận hiệu quả áp dụng", default=False,
                                           help_text="Có giấy xác nhận hiệu quả áp dụng, phạm vi ảnh hưởng của sáng kiến.")
    # What the author describes (Đơn yêu cầu công nhận sáng kiến).
    problem = models.TextField("thực trạng, vấn đề cần giải quyết", blank=True)
    solution = models.TextField("nội dung giải pháp", blank=True)
    applied_where = models.CharField("nơi áp dụng", max_length=500, blank=True)
    applied_since = models.DateField("áp dụng lần đầu từ ngày", null=True, blank=True)
    effect_expected = models.TextField("hiệu quả dự kiến", blank=True)
    effect_measured = models.TextField("hiệu quả đã đạt được", blank=True)
    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The review: the council that scores it, the round (a returned initiative sent again is reviewed afresh) and the
    # rule of the rulebook on the day the review opened (kept, as the minutes cite it).
    council = models.ForeignKey("Council", on_delete=models.SET_NULL, null=True, blank=True, related_name="initiatives",
                                verbose_name="Hội đồng sáng kiến")
    round = models.PositiveSmallIntegerField("lần xét", default=0)
    review_opened_on = models.DateField("ngày đưa ra Hội đồng", null=True, blank=True)
    review_rules = models.JSONField("cách đánh giá", default=dict, blank=True)
    search_text = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-recognized_on", "code"]
        # The registry's list order: a page of a city's 70,000 initiatives is read in index order.
        indexes = [models.Index(fields=["-recognized_on", "code"], name="initiative_list_order"),
                   models.Index(fields=["status", "unit"], name="initiative_status_unit")]

    def __str__(self):
        return f"{self.code} — {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.title}")[:600]
        super().save(*args, **kwargs)

    @property
    def is_recognized(self):
        return self.status == Status.RECOGNIZED


class Authorship(models.Model):
    """An author of an initiative and their share of it (Tỷ lệ % đóng góp vào việc tạo ra sáng kiến). The table is the
    one the plain many-to-many used; ``share`` is empty for authors recorded before shares were asked."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE)
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE)
    share = models.DecimalField("tỷ lệ đóng góp (%)", max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        db_table = "initiatives_initiative_authors"
        unique_together = [("initiative", "person")]
        verbose_name = "tác giả sáng kiến"
        verbose_name_plural = "tác giả sáng kiến"


class Attachment(models.Model):
    """A file of the initiative (its description, photos, a confirmation of its effect): PDF or image, checked by
    content (core.uploads)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to="initiatives/%Y/")
    name = models.CharField("tên tệp", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "id"]
        verbose_name = "tệp đính kèm sáng kiến"
        verbose_name_plural = "tệp đính kèm sáng kiến"


class CouncilRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch Hội đồng"
    SECRETARY = "secretary", "Ủy viên kiêm Thư ký"
    MEMBER = "member", "Ủy viên"


class Council(models.Model):
    """A unit's initiative council (Hội đồng sáng kiến) for a year, as its establishing decision names it."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="initiative_councils", verbose_name="đơn vị")
    year = models.PositiveSmallIntegerField("năm")
    number = models.CharField("số quyết định thành lập", max_length=60, blank=True)
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    issuer = models.CharField("người ký, cơ quan ban hành", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("unit", "year")]
        ordering = ["-year", "unit__path"]
        verbose_name = "Hội đồng sáng kiến"
        verbose_name_plural = "Hội đồng sáng kiến"

    def __str__(self):
        return f"Hội đồng sáng kiến {self.unit.name} năm {self.year}"


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    full_name = models.CharField("họ và tên", max_length=200)
    role = models.CharField("chức danh trong Hội đồng", max_length=12, choices=CouncilRole.choices, default=CouncilRole.MEMBER)
    job_title = models.CharField("chức vụ, đơn vị công tác", max_length=300, blank=True)
    # The account the member scores with; none: the member scores on paper and the secretary enters the sheet.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="initiative_seats",
                             verbose_name="tài khoản")

    class Meta:
        ordering = ["council", "position", "id"]
        verbose_name = "thành viên Hội đồng sáng kiến"
        verbose_name_plural = "thành viên Hội đồng sáng kiến"

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"


class Score(models.Model):
    """One member's scoring sheet (phiếu đánh giá) or vote on an initiative in a round. Not secret: the sheets are signed
    and kept with the minutes."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="scores")
    round = models.PositiveSmallIntegerField(default=1)
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="scores")
    points = models.JSONField("điểm theo tiêu chí", default=dict, blank=True)
    total = models.DecimalField("tổng điểm", max_digits=6, decimal_places=2, null=True, blank=True)
    agree = models.BooleanField("đồng ý công nhận", null=True, blank=True)
    comment = models.TextField("nhận xét", blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("initiative", "round", "member")]
        ordering = ["initiative", "round", "member__position", "member_id"]


class Widening(models.Model):
    """A higher level's decision recognising a wider scope (cơ sở → cấp tỉnh → toàn quốc) for an initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="widenings")
    scope = models.CharField("phạm vi ảnh hưởng", max_length=12, choices=Scope.choices)
    previous_scope = models.CharField("phạm vi trước đó", max_length=12, choices=Scope.choices)
    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cấp công nhận")
    decision_number = models.CharField("số quyết định", max_length=60)
    decided_on = models.DateField("ngày quyết định")
    recognized_by = models.CharField("người ký, cơ quan công nhận", max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "decided_on", "id"]


class Application(models.Model):
    """An application report: where the initiative is applied, since when, and with what effect."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="applications")
    where = models.CharField("nơi áp dụng", max_length=500)
    since = models.DateField("áp dụng từ ngày")
    effect = models.TextField("hiệu quả đạt được")
    reported_on = models.DateField("ngày báo cáo")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "since", "id"]


class Event(models.Model):
    """The initiative's timeline: who took which step, when, from which state to which, and why."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verb = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    round = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField("lý do", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["initiative", "at", "id"]

    @property
    def verb_label(self):
        from .workflow import STEPS

        step = STEPS.get(self.verb)
        return step.label if step else self.verb
