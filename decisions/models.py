"""Awards given: titles and forms with their decision (historical or issued here)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from jobs.models import Tracked


class RevocationGround(models.TextChoices):
    """Why an award is cancelled (Luật Thi đua, khen thưởng 2022, Điều 93.2 a–d)."""

    FRAUD = "a", "a) Gian dối trong việc kê khai thành tích để được khen thưởng"
    FALSE_INFO = "b", "b) Thông tin sai sự thật hoặc giả mạo hồ sơ, giấy tờ"
    UNLAWFUL_PROCEDURE = "c", "c) Thẩm định, xét, đề nghị khen thưởng trái pháp luật"
    LATER_VIOLATION = "d", ("d) Có kết luận, quyết định, bản án cho thấy vi phạm đến mức không đủ tiêu chuẩn "
                            "trong thời gian được tính để khen thưởng")


class Occasion(models.TextChoices):
    """What an award recognises (domain/interchange.md ``occasion``): the year's work, or one achievement."""

    YEAR_END = "year_end", "Tổng kết năm"
    AD_HOC = "ad_hoc", "Đột xuất"
    THEMATIC = "thematic", "Chuyên đề, theo đợt"


class Award(models.Model):
    """A title or form given to a person or a collective for the achievements of ``year``.

    ``initiatives`` are the initiatives this award counted: one achievement is
    rewarded once (Luật TĐKT 2022, Điều 5.2), so the engine does not count them again.
    """

    award_type = models.ForeignKey("rulebook.AwardType", on_delete=models.PROTECT, related_name="awards", verbose_name="danh hiệu, hình thức")
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="awards", verbose_name="cá nhân")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="awards", verbose_name="tập thể")
    year = models.PositiveSmallIntegerField("năm thành tích")
    # One form may be given many times, once per achievement (Luật TĐKT 2022, Điều 5.2): every year-end award of a
    # year is one achievement (achievement ""); an ad hoc or thematic one names what it recognises.
    occasion = models.CharField("dịp khen thưởng", max_length=10, choices=Occasion.choices, default=Occasion.YEAR_END,
                                db_default=Occasion.YEAR_END)
    achievement = models.CharField("thành tích được khen", max_length=300, blank=True, default="", db_default="")
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    initiatives = models.ManyToManyField("initiatives.Initiative", blank=True, related_name="used_by", verbose_name="sáng kiến đã dùng")
    amount = models.BigIntegerField("tiền thưởng (đồng)", null=True, blank=True)
    source = models.CharField("nguồn", max_length=20, default="history", choices=[("history", "Nhập lịch sử"), ("manual", "Nhập tay"), ("decision", "Quyết định trên hệ thống"), ("central", "Quyết định của cấp Trung ương")])
    # Revocation (Điều 93.2): the row stays, with when, why and by which decision; the engine leaves it out.
    revoked_on = models.DateField("ngày hủy bỏ", null=True, blank=True)
    revoked_ground = models.CharField("căn cứ hủy bỏ", max_length=1, choices=RevocationGround.choices, blank=True,
                                      default="", db_default="")
    revoked_reason = models.TextField("lý do hủy bỏ", blank=True, default="", db_default="")
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="người hủy bỏ")
    revocation_decision_number = models.CharField("số quyết định hủy bỏ", max_length=60, blank=True, default="",
                                                  db_default="")
    # Issued here: the decision, the nomination line it answers, the code its certificate's QR carries.
    decision = models.ForeignKey("decisions.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="awards",
                                 verbose_name="quyết định")
    nomination = models.OneToOneField("dossiers.Line", on_delete=models.SET_NULL, null=True, blank=True, related_name="award",
                                      verbose_name="dòng đề nghị")
    verify_code = models.CharField("mã xác minh", max_length=12, unique=True, null=True, blank=True)
    # Số vào sổ: the certificate's number in its authority's register of the year (RegisterBook), given when the
    # decision's files are first made and kept when they are made again.
    register_number = models.PositiveIntegerField("số vào sổ", null=True, blank=True)
    recover_amount = models.BigIntegerField("tiền thưởng phải thu hồi (đồng)", null=True, blank=True)
    items_to_return = models.CharField("hiện vật phải nộp lại", max_length=300, blank=True, default="", db_default="")
    # The decision that revoked it (decisions/revocation.py); revoked before such decisions existed: none. An issued
    # revocation is not deleted while its awards stay (deleted with them, as when a database is emptied, it goes).
    revocation = models.ForeignKey("decisions.Revocation", on_delete=models.RESTRICT, null=True, blank=True,
                                   related_name="awards", verbose_name="quyết định hủy bỏ")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        ordering = ["-year", "award_type__rank"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False), name="award_one_recipient"),
            # A title is held once a year whatever the occasion (decisions.actions checks it: the category is the
            # award type's); the database holds every award to one row per achievement.
            models.UniqueConstraint(fields=["person", "award_type", "year", "occasion", "achievement"],
                                    condition=Q(person__isnull=False), name="award_person_once_per_achievement"),
            models.UniqueConstraint(fields=["unit", "award_type", "year", "occasion", "achievement"],
                                    condition=Q(unit__isnull=False), name="award_unit_once_per_achievement"),
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


class DecisionStatus(models.TextChoices):
    ISSUED = "issued", "Đã ban hành"


class RenderStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Đã tạo"
    FAILED = "failed", "Lỗi"


class Decision(Tracked):
    """A decision on awards (quyết định khen thưởng) signed by the chairman or head of ``authority``."""

    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="decisions", verbose_name="cấp quyết định")
    number = models.CharField("số", max_length=20)
    symbol = models.CharField("ký hiệu", max_length=40, default="QĐ-UBND")
    date = models.DateField("ngày ký")
    year = models.PositiveSmallIntegerField("năm thành tích")
    subject = models.CharField("trích yếu", max_length=300)
    legal_bases = models.TextField("căn cứ ban hành", blank=True)
    signer_title = models.TextField("chức danh người ký", default="CHỦ TỊCH")  # one line per line of the signer block
    signer_name = models.CharField("họ tên người ký", max_length=200)
    # Who signs, when known as a person of the system: nobody signs their own award (signer_is_recipient).
    signer = models.ForeignKey("org.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name="người ký")
    status = models.CharField("trạng thái", max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.ISSUED)
    dossiers = models.ManyToManyField("dossiers.Dossier", related_name="decisions", verbose_name="hồ sơ")
    total = models.BigIntegerField("tổng tiền thưởng (đồng)", default=0)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    # The files, made by the worker (decisions/tasks.py) after the decision is issued.
    docx = models.FileField("quyết định (Word)", upload_to="decisions/%Y/", blank=True)
    pdf = models.FileField("quyết định (PDF)", upload_to="decisions/%Y/", blank=True)
    certificates = models.FileField("bằng, giấy chứng nhận (PDF)", upload_to="decisions/%Y/", blank=True)
    signed = models.BooleanField("đã ký số", default=False)
    render_status = models.CharField(max_length=10, choices=RenderStatus.choices, default=RenderStatus.PENDING)
    render_done = models.PositiveIntegerField(default=0)
    render_total = models.PositiveIntegerField(default=0)
    render_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["authority", "number", "symbol", "date"], name="decision_number_once")]

    def __str__(self):
        return f"Quyết định số {self.reference} ngày {self.date:%d/%m/%Y}"

    @property
    def reference(self):
        return f"{self.number}/{self.symbol}"


class RevocationStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo, chờ ký"
    ISSUED = "issued", "Đã ban hành"


class Revocation(Tracked):
    """A decision revoking awards (quyết định hủy bỏ quyết định khen thưởng, Luật TĐKT 2022 Điều 93.2), of the
    authority that gave them: the standing office prepares it as a draft from an award and what rested on it
    (decisions/chain.py), the authority's signer issues it (decisions.revocation.award_revoke); its awards are then
    revoked. A chain crossing authorities makes one per authority: the others ``follow`` the first."""

    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="revocations", verbose_name="cấp quyết định")
    status = models.CharField("trạng thái", max_length=10, choices=RevocationStatus.choices, default=RevocationStatus.DRAFT)
    follows = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="followers",
                                verbose_name="theo quyết định hủy bỏ")
    # The award the revocation started from (the others rested on it).
    root = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="+", verbose_name="khen thưởng bị hủy bỏ đầu tiên")
    ground = models.CharField("căn cứ hủy bỏ", max_length=1, choices=RevocationGround.choices)
    reason = models.TextField("lý do hủy bỏ")
    number = models.CharField("số", max_length=20, blank=True)
    symbol = models.CharField("ký hiệu", max_length=40, default="QĐ-UBND")
    date = models.DateField("ngày ký", null=True, blank=True)
    subject = models.CharField("trích yếu", max_length=300, default="Về việc hủy bỏ quyết định khen thưởng")
    legal_bases = models.TextField("căn cứ ban hành", blank=True)
    signer_title = models.TextField("chức danh người ký", default="CHỦ TỊCH")  # one line per line of the signer block
    signer_name = models.CharField("họ tên người ký", max_length=200, blank=True)
    total = models.BigIntegerField("tổng tiền thu hồi (đồng)", default=0)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name="người lập")
    prepared_at = models.DateTimeField(auto_now_add=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="người ký")
    issued_at = models.DateTimeField(null=True, blank=True)
    # The files, made by the worker (decisions/tasks.py) once issued.
    docx = models.FileField("quyết định hủy bỏ (Word)", upload_to="revocations/%Y/", blank=True)
    pdf = models.FileField("quyết định hủy bỏ (PDF)", upload_to="revocations/%Y/", blank=True)
    signed = models.BooleanField("đã ký số", default=False)
    # Empty while a draft (no file to make: the worker's watch, jobs.tracking, leaves it alone).
    render_status = models.CharField(max_length=10, choices=RenderStatus.choices, blank=True, default="")
    render_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "quyết định hủy bỏ khen thưởng"
        verbose_name_plural = "quyết định hủy bỏ khen thưởng"
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["authority", "number", "symbol", "date"],
                                               condition=Q(status="issued"), name="revocation_number_once")]

    def __str__(self):
        if self.status != RevocationStatus.ISSUED:
            return f"Dự thảo quyết định hủy bỏ khen thưởng ({self.authority.name})"
        return f"Quyết định số {self.reference} ngày {self.date:%d/%m/%Y}"

    @property
    def reference(self):
        return f"{self.number}/{self.symbol}" if self.number else ""

    @property
    def case(self):
        """The first revocation of the chain (this one, or the one it follows)."""
        return self.follows if self.follows_id else self


class RevocationLine(models.Model):
    """An award the revocation's chain reached: revoked by it (``included``), or kept — the officer excluded it
    with a reason, or it still stands without what was revoked (``proposed`` False: the figures say why)."""

    revocation = models.ForeignKey(Revocation, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="revocation_lines", verbose_name="khen thưởng")
    rests_on = models.ForeignKey(Award, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                 verbose_name="dựa trên khen thưởng")
    proposed = models.BooleanField("hệ thống đề nghị hủy bỏ", default=True)
    included = models.BooleanField("hủy bỏ", default=True)
    excluded_reason = models.TextField("lý do không hủy bỏ", blank=True)
    figures = models.TextField("căn cứ, số liệu", blank=True)
    recover_amount = models.BigIntegerField("tiền thưởng phải thu hồi (đồng)", default=0)
    items_to_return = models.CharField("hiện vật phải nộp lại", max_length=300, blank=True)

    class Meta:
        verbose_name = "khen thưởng trong quyết định hủy bỏ"
        verbose_name_plural = "khen thưởng trong quyết định hủy bỏ"
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["revocation", "award"], name="revocation_line_once")]


class Recovery(models.Model):
    """Money and items paid back for a revoked award (Điều 93.2: thu hồi hiện vật và tiền thưởng), as the standing
    office records them from the receipt (chứng từ): one row per payment; partial payments add up to the money the
    revocation recovers, never beyond it (decisions.actions.recovery_record)."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="recoveries", verbose_name="khen thưởng bị hủy bỏ")
    paid_on = models.DateField("ngày nộp lại")
    amount = models.BigIntegerField("số tiền nộp lại (đồng)", default=0)
    items_returned = models.CharField("hiện vật đã nộp lại", max_length=300, blank=True, default="")
    voucher = models.CharField("chứng từ", max_length=200, blank=True, default="")  # "Phiếu thu số 15 ngày 10/03/2026"
    voucher_file = models.FileField("bản chụp chứng từ", upload_to="recoveries/%Y/", blank=True)
    note = models.TextField("ghi chú", blank=True, default="")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name="người ghi nhận")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nộp lại tiền thưởng, hiện vật"
        verbose_name_plural = "nộp lại tiền thưởng, hiện vật"
        ordering = ["paid_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="recovery_amount_not_negative")]

    def __str__(self):
        return f"Nộp lại ngày {self.paid_on:%d/%m/%Y} — {self.award}"


class RegisterBook(models.Model):
    """The register (sổ) of the certificates an authority gives in a year: ``last`` is the last number given.
    A decision's awards take the next numbers when its files are made (decisions.actions.register_numbers_assign)."""

    authority = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name="cấp quyết định")
    year = models.PositiveSmallIntegerField("năm")
    last = models.PositiveIntegerField("số vào sổ cuối cùng", default=0)

    class Meta:
        verbose_name = "sổ khen thưởng"
        verbose_name_plural = "sổ khen thưởng"
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="register_book_once_a_year")]

    def __str__(self):
        return f"Sổ khen thưởng {self.year} — {self.authority}"
