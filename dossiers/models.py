"""Dossiers (hồ sơ đề nghị khen thưởng): what a unit asks of the authority above it,
line by line, with its documents and its timeline.

A dossier moves only through ``dossiers.workflow`` (the transition table) and
``dossiers.actions`` (one action per transition); every move writes an ``Event``
with the state it left, the state it reached and the reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    """Loại hình khen thưởng (Luật TĐKT 2022, Điều 8)."""

    REGULAR = "thuong_xuyen", "Thường xuyên (tổng kết năm)"
    CAMPAIGN = "theo_dot", "Theo đợt, chuyên đề"
    AD_HOC = "dot_xuat", "Đột xuất"
    CAREER = "cong_hien", "Quá trình cống hiến"
    FOREIGN = "doi_ngoai", "Đối ngoại"


# The occasion of the awards a dossier of each kind gives (domain/interchange.md ``occasion``): a year-end review
# rewards the year's work; the other kinds reward the achievement each line names.
OCCASION_OF_KIND = {Kind.REGULAR: "year_end", Kind.CAMPAIGN: "thematic", Kind.AD_HOC: "ad_hoc", Kind.CAREER: "ad_hoc",
                    Kind.FOREIGN: "ad_hoc"}


class Status(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi, chờ tiếp nhận"
    APPRAISING = "appraising", "Đang thẩm định"
    RETURNED = "returned", "Trả lại để bổ sung"
    DISCLOSURE = "disclosure", "Đang công khai"
    COUNCIL = "council", "Trình Hội đồng"
    DECISION = "decision", "Chờ quyết định"
    DECIDED = "decided", "Đã có quyết định"
    CENTRAL = "central", "Đã trình cấp Trung ương, chờ kết quả"
    FORWARDED = "forwarded", "Đã chuyển cấp trên"
    WITHDRAWN = "withdrawn", "Đã hủy, không trình"


class Dossier(models.Model):
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="dossiers", verbose_name="đơn vị trình")
    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="dossiers_received",
                                  verbose_name="cấp quyết định")
    year = models.PositiveSmallIntegerField("năm thành tích")
    kind = models.CharField("loại hình khen thưởng", max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    title = models.CharField("trích yếu", max_length=300)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    round = models.PositiveSmallIntegerField("lần gửi", default=0)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="dossiers_assigned", verbose_name="chuyên viên thẩm định")
    # A consolidated dossier sent up by a level for what it may not grant itself.
    forwarded_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="forwarded", verbose_name="chuyển từ hồ sơ")
    simplified = models.BooleanField("thủ tục đơn giản (Điều 85)", default=False)
    disclosure_from = models.DateField("công khai từ ngày", null=True, blank=True)
    disclosure_until = models.DateField("công khai đến hết ngày", null=True, blank=True)
    submitted_at = models.DateTimeField("ngày gửi", null=True, blank=True)
    received_on = models.DateField("ngày nhận đủ hồ sơ", null=True, blank=True)
    due_on = models.DateField("hạn giải quyết", null=True, blank=True)
    # Working days after ``received_on`` the clock stood still (dossiers.clock, ``dossier_clock_pauses``): ``due_on``
    # is the processing days plus these.
    paused_days = models.PositiveSmallIntegerField("số ngày làm việc tạm dừng tính hạn", default=0)
    overdue_notified_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.CharField(max_length=700, editable=False, default="")

    class Meta:
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["authority", "status"]), models.Index(fields=["unit", "year"])]

    def __str__(self):
        return f"{self.title} — {self.unit.name}"

    def save(self, *args, **kwargs):
        from core.text import fold

        self.search_text = fold(f"{self.title} {self.unit.name} {self.authority.name}")[:700]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def code(self):
        return f"HS-{self.year}-{self.pk:05d}"

    @property
    def occasion(self):
        return OCCASION_OF_KIND.get(self.kind, "year_end")


class Outcome(models.TextChoices):
    PROPOSED = "proposed", "Đề nghị"
    PASSED = "passed", "Được Hội đồng thông qua"
    NO_VOTE = "no_vote", "Không cần biểu quyết"
    FAILED = "failed", "Không được thông qua"
    FORWARDED = "forwarded", "Chuyển cấp trên"
    AWARDED = "awarded", "Đã khen thưởng"
    SENT_CENTRAL = "sent_central", "Đã trình cấp Trung ương"
    NOT_AWARDED = "not_awarded", "Cấp Trung ương không khen thưởng"
    DROPPED = "dropped", "Không đưa vào quyết định"
    # The appraiser leaves one line out with a reason, without returning the whole dossier (reversible while appraising).
    SET_ASIDE = "set_aside", "Không đề nghị"


class Line(models.Model):
    """One nomination line: who, for which award, on which achievements."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="nominations",
                               verbose_name="cá nhân")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="nominations",
                             verbose_name="tập thể")
    recipient_kind = models.CharField("đối tượng", max_length=12)
    award_type = models.ForeignKey("rulebook.AwardType", on_delete=models.PROTECT, related_name="+",
                                   verbose_name="danh hiệu, hình thức")
    summary = models.TextField("tóm tắt thành tích", blank=True)
    # What an ad hoc or thematic award recognises (one form per achievement); "" in a year-end dossier.
    achievement = models.CharField("thành tích được khen", max_length=300, blank=True, default="", db_default="")
    justification = models.TextField("giải trình", blank=True)
    source = models.CharField("nguồn", max_length=12, default="typed",
                              choices=[("eligibility", "Danh sách đủ điều kiện"), ("typed", "Nhập tay"), ("excel", "Nhập từ Excel"),
                                       ("forwarded", "Chuyển từ cấp dưới")])
    origin = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="forwards",
                               verbose_name="dòng gốc")
    # The last appraisal of the line (dossiers.appraisal), kept for the lists.
    problems = models.JSONField("vấn đề", default=list, blank=True)
    amount = models.BigIntegerField("tiền thưởng (đồng)", default=0)
    notes = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField("kết quả", max_length=12, choices=Outcome.choices, default=Outcome.PROPOSED)
    # Why the appraiser set the line aside (Outcome.SET_ASIDE): shown to the unit beside the struck-through line.
    aside_reason = models.TextField("lý do không đề nghị", blank=True, default="", db_default="")
    # A state award or honorary title submitted to the central level (Huân chương, danh hiệu vinh dự nhà nước …).
    submission = models.ForeignKey("CentralSubmission", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="lines", verbose_name="tờ trình cấp Trung ương")

    class Meta:
        verbose_name = "dòng đề nghị"
        verbose_name_plural = "dòng đề nghị"
        ordering = ["dossier", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False),
                                   name="nomination_one_recipient"),
        ]

    def __str__(self):
        return f"{self.award_type.name} — {self.recipient}"

    @property
    def recipient(self):
        return self.person or self.unit

    @property
    def recipient_name(self):
        return self.person.full_name if self.person_id else self.unit.name

    @property
    def ok(self):
        return not self.problems

    @property
    def kept_with_problems(self):
        return bool(self.problems) and bool(self.justification.strip())


class DocumentKind(models.TextChoices):
    PROPOSAL = "to_trinh", "Tờ trình"
    REPORT = "bao_cao", "Báo cáo thành tích"
    MINUTES = "bien_ban", "Biên bản bình xét"
    CONFIRMATION = "xac_nhan", "Xác nhận sáng kiến, thành tích"
    OTHER = "khac", "Tài liệu khác"


class Attachment(models.Model):
    """A document of the dossier: generated from a template, or an uploaded signed scan."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    line = models.ForeignKey(Line, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    kind = models.CharField("loại tài liệu", max_length=12, choices=DocumentKind.choices)
    file = models.FileField("tệp", upload_to="dossiers/%Y/")
    name = models.CharField("tên tệp", max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu hồ sơ"
        verbose_name_plural = "tài liệu hồ sơ"
        ordering = ["dossier", "kind", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"


VERBS = {
    "create": "Lập hồ sơ", "submit": "Gửi hồ sơ", "resubmit": "Gửi lại hồ sơ", "withdraw": "Rút hồ sơ",
    "receive": "Tiếp nhận", "assign": "Giao chuyên viên thẩm định", "return": "Trả lại để bổ sung",
    "appraise": "Thẩm định đạt", "close_disclosure": "Kết thúc công khai", "forward": "Chuyển cấp trên",
    "forward_all": "Đã chuyển toàn bộ lên cấp trên", "lines_add": "Thêm dòng đề nghị", "line_update": "Sửa dòng đề nghị",
    "line_remove": "Bỏ dòng đề nghị", "attachment_add": "Tải lên tài liệu", "attachment_remove": "Xóa tài liệu",
    "comment": "Góp ý khi công khai", "comment_answer": "Trả lời góp ý",
    "comment_spam": "Đánh dấu góp ý là thư rác", "comment_unspam": "Bỏ đánh dấu thư rác", "council_result": "Kết quả họp Hội đồng",
    "decide": "Ban hành quyết định khen thưởng", "abandon": "Hủy hồ sơ (không trình nữa)",
    "submit_central": "Trình cấp Trung ương", "central_result": "Ghi kết quả của cấp Trung ương",
    "set_aside": "Không đề nghị một dòng", "set_aside_undo": "Đề nghị lại dòng đã để ra",
}


class Event(models.Model):
    """The dossier's timeline: who did what, when, from which state to which, and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verb = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    round = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField("lý do", blank=True)
    # {"field": {"code": ..., "label": ...}}: the code for programs, the label as it read then.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "diễn biến hồ sơ"
        verbose_name_plural = "diễn biến hồ sơ"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb}"

    @property
    def verb_label(self):
        return VERBS.get(self.verb, self.verb)


class Comment(models.Model):
    """A comment from anyone on a line published for disclosure (công khai), and the office's answer."""

    line = models.ForeignKey(Line, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField("họ và tên người góp ý", max_length=200)
    contact = models.CharField("số điện thoại hoặc thư điện tử", max_length=200)
    text = models.TextField("nội dung góp ý")
    at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField("trả lời", blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    # Marked as spam (thư rác) by the office: hidden from the public page, needs no answer before the council.
    spam_at = models.DateTimeField("đánh dấu thư rác lúc", null=True, blank=True)
    spam_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "góp ý khi công khai"
        verbose_name_plural = "góp ý khi công khai"
        ordering = ["at", "id"]

    @property
    def answered(self):
        return bool(self.answer.strip())

    @property
    def spam(self):
        return self.spam_at is not None


class CentralSubmission(models.Model):
    """What a province's standing office sends to the central level outside the application (state awards and
    honorary titles: the President or the Prime Minister decides): the province's tờ trình (number, date, to whom),
    then the outcome decision, whose awards enter the history."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="central_submissions")
    number = models.CharField("số tờ trình", max_length=40)
    date = models.DateField("ngày tờ trình")
    addressee = models.CharField("kính gửi", max_length=300)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    outcome_number = models.CharField("số quyết định của cấp Trung ương", max_length=60, blank=True)
    outcome_date = models.DateField("ngày quyết định", null=True, blank=True)
    outcome_issuer = models.CharField("người quyết định", max_length=200, blank=True)
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "tờ trình cấp Trung ương"
        verbose_name_plural = "tờ trình cấp Trung ương"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"Tờ trình số {self.number} ngày {self.date:%d/%m/%Y}"


class PauseStage(models.TextChoices):
    """The stages that may stop the statutory clock (rulebook ``dossier_clock_pauses``)."""

    DISCLOSURE = "disclosure", "đang công khai"
    COMMENTS = "comments", "chờ trả lời góp ý"
    RETURNED = "returned", "trả lại để bổ sung"


class Pause(models.Model):
    """A span during which the dossier's processing clock stood still, or (``effect`` restart) after which it
    starts again from the day the complete dossier comes back. ``end`` None: still running. The rule's wording
    and basis on the day it began are kept with it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    round = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField("giai đoạn", max_length=12, choices=PauseStage.choices)
    effect = models.CharField("tác dụng", max_length=8, default="pause")  # "pause" or "restart"
    start = models.DateField("từ ngày")
    end = models.DateField("đến hết ngày", null=True, blank=True)
    legal_basis = models.TextField("căn cứ", blank=True)
    rule_status = models.CharField(max_length=12, blank=True)

    class Meta:
        verbose_name = "tạm dừng tính hạn"
        verbose_name_plural = "tạm dừng tính hạn"
        ordering = ["dossier", "start", "id"]

    def __str__(self):
        return f"{self.get_stage_display()} từ {self.start:%d/%m/%Y}" + (f" đến {self.end:%d/%m/%Y}" if self.end else "")
