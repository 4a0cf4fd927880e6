"""The council (Hội đồng Thi đua - Khen thưởng): who sits on it, its meetings and their secret ballots.

Who sits on it comes from the decision establishing or reorganising it (quyết định thành lập, kiện toàn
Hội đồng: ``Establishment`` and its ``Seat`` rows: name, title in the council, term; a seat may be linked to an
account, to vote on screen, and/or to a person, or to neither: such a member votes on paper). A meeting calls
the members of the decision in force on its date (``Member``: a copy of each seat as it read that day).

Secrecy by construction: no table links a vote to its voter. A member's ballot on screen adds one to the counts
of each line (``Tally``: numbers only, no voter, no time) and flips its ``Receipt`` (who has voted, not how, not
when, not in which order) so that nobody votes twice. Paper ballots (and the written ballots of absent members)
are counted by the counting group and entered as anonymous totals per line (``PaperCount`` keeps only how many
ballots were handed out and received); their members' receipts say "on paper", nothing more. No query, page,
export or administrator can therefore show how a member voted: the information is not stored. Nor is it left in
the database's files: see ``council/disk.py``. Recusals are open (a member says, with a reason, that they do not
vote on a line); the nominee's own line is one by law.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Chuẩn bị họp"
    VOTING = "voting", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kết thúc bỏ phiếu"
    CANCELLED = "cancelled", "Đã hủy"


class CouncilRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    STANDING_VICE = "standing_vice", "Phó Chủ tịch thường trực"
    VICE = "vice", "Phó Chủ tịch"
    MEMBER = "member", "Ủy viên"
    MEMBER_SECRETARY = "member_secretary", "Ủy viên, Thư ký Hội đồng"
    SECRETARY = "secretary", "Thư ký Hội đồng (không là thành viên)"


# The titles that are members of the council: they are called, counted in the base and vote.
VOTING_ROLES = frozenset(CouncilRole) - {CouncilRole.SECRETARY}


class EstablishmentKind(models.TextChoices):
    ESTABLISH = "establish", "Thành lập"
    REORGANISE = "reorganise", "Kiện toàn"


class Establishment(models.Model):
    """A decision establishing or reorganising an authority's council (quyết định thành lập, kiện toàn Hội đồng
    Thi đua - Khen thưởng). The one in force on a meeting's date gives the meeting its members: the latest
    whose validity covers that day."""

    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="council_establishments",
                                  verbose_name="Hội đồng cấp")
    kind = models.CharField("loại quyết định", max_length=12, choices=EstablishmentKind.choices,
                            default=EstablishmentKind.REORGANISE)
    number = models.CharField("số, ký hiệu", max_length=60, blank=True, help_text="Ví dụ: 125/QĐ-UBND. Để trống nếu chưa nhập số.")
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    issuer = models.CharField("cơ quan, người ban hành", max_length=200, blank=True)
    valid_from = models.DateField("hiệu lực từ ngày", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến ngày", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "quyết định thành lập, kiện toàn Hội đồng"
        verbose_name_plural = "quyết định thành lập, kiện toàn Hội đồng"
        ordering = ["authority", "-valid_from", "-id"]

    def __str__(self):
        number = f"Quyết định số {self.number}" if self.number else "Quyết định (chưa nhập số)"
        return f"{number}{f' ngày {self.signed_on:%d/%m/%Y}' if self.signed_on else ''}"

    def covers(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class Seat(models.Model):
    """One member of the council as the establishing decision names them."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="seats")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    full_name = models.CharField("họ và tên", max_length=200)
    role = models.CharField("chức danh trong Hội đồng", max_length=20, choices=CouncilRole.choices, default=CouncilRole.MEMBER)
    job_title = models.CharField("chức vụ, đơn vị công tác", max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="council_seats",
                             verbose_name="tài khoản (bỏ phiếu trên hệ thống)")
    person = models.ForeignKey("org.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="council_seats",
                               verbose_name="cán bộ")
    term_from = models.DateField("nhiệm kỳ từ ngày", null=True, blank=True)
    term_to = models.DateField("nhiệm kỳ đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên Hội đồng (theo quyết định)"
        verbose_name_plural = "thành viên Hội đồng (theo quyết định)"
        ordering = ["establishment", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["establishment", "user"], condition=Q(user__isnull=False),
                                               name="council_seat_account_once")]

    def __str__(self):
        return f"{self.full_name} — {self.get_role_display()}"

    @property
    def votes(self) -> bool:
        return self.role in VOTING_ROLES

    def sits_on(self, day) -> bool:
        """Whether the seat's term covers ``day`` (no term: the decision's)."""
        return (self.term_from is None or self.term_from <= day) and (self.term_to is None or day <= self.term_to)


class Meeting(models.Model):
    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="council_meetings", verbose_name="Hội đồng cấp")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings",
                                      verbose_name="quyết định thành lập, kiện toàn Hội đồng")
    title = models.CharField("tên phiên họp", max_length=300)
    date = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=300, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    dossiers = models.ManyToManyField("dossiers.Dossier", related_name="meetings", verbose_name="hồ sơ trình họp")
    # The members called (fixed when the meeting is convened, from the establishing decision in force on its date).
    members_count = models.PositiveSmallIntegerField("tổng số thành viên", default=0)
    present_count = models.PositiveSmallIntegerField("số thành viên có mặt", default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phiên họp Hội đồng"
        verbose_name_plural = "phiên họp Hội đồng"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.title} ({self.date:%d/%m/%Y})"


class Member(models.Model):
    """A council member called to the meeting — a copy of their seat on the establishing decision as it read on
    the meeting's day — and whether they are present. ``user`` is set when they vote on screen."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    seat = models.ForeignKey(Seat, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField("họ và tên", max_length=200, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="thành viên")
    person = models.ForeignKey("org.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField("chức danh trong Hội đồng", max_length=120, blank=True)
    job_title = models.CharField("chức vụ, đơn vị công tác", max_length=300, blank=True)
    present = models.BooleanField("có mặt", default=False)

    class Meta:
        verbose_name = "thành viên dự họp"
        verbose_name_plural = "thành viên dự họp"
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], condition=Q(user__isnull=False),
                                               name="council_member_once")]
        ordering = ["meeting", "position", "id"]

    def __str__(self):
        return self.name


class Receipt(models.Model):
    """That a member's ballot was counted — not how they voted, not when, not in which order. Every member's
    receipt is written when the ballot opens (``voted`` false, in member order); a ballot flips its own row in
    place, so neither the ids nor the order of the rows follow the order of voting. A paper ballot's receipt says
    only that the member was handed a paper ballot (so that they do not also vote on screen)."""

    class Channel(models.IntegerChoices):
        # Every value takes the same room in a SQLite row (2…127: one byte; 0 and 1 would take none), so counting
        # a ballot rewrites its receipt where it lies: a row that grew would move to the page's free end, and the
        # rows' places in the file would then give the order of voting.
        NONE = 2, "Chưa bỏ phiếu"
        SCREEN = 3, "Bỏ phiếu trên hệ thống"
        PAPER = 4, "Phiếu giấy (ban kiểm phiếu nhập tổng số)"
        WRITTEN = 5, "Phiếu gửi của thành viên vắng mặt (ban kiểm phiếu nhập tổng số)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="receipts")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="receipts")
    voted = models.BooleanField(default=False)
    channel = models.PositiveSmallIntegerField(choices=Channel.choices, default=Channel.NONE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="council_one_ballot")]


class BaseKind(models.TextChoices):
    ALL = "all_members", "tổng số thành viên Hội đồng"
    ENTITLED = "entitled_members", "số thành viên được biểu quyết dòng này"


class Tally(models.Model):
    """The counts of one line: numbers only (screen and paper ballots added together), and the rule the line is
    judged by, fixed from the rulebook in force on the meeting's date when the ballot opens."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tallies")
    line = models.ForeignKey("dossiers.Line", on_delete=models.CASCADE, related_name="tallies")
    agree = models.PositiveSmallIntegerField(default=0)
    disagree = models.PositiveSmallIntegerField(default=0)
    abstain = models.PositiveSmallIntegerField(default=0)
    recused = models.PositiveSmallIntegerField(default=0)
    # The rule (council_ballot_rules, council_recusal_base), fixed when the ballot opens.
    secret = models.BooleanField(default=True)
    threshold_pct = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    op = models.CharField(max_length=2, default=">=")
    base_rule = models.CharField(max_length=16, choices=BaseKind.choices, default=BaseKind.ALL)
    recusal_base = models.CharField(max_length=16, choices=BaseKind.choices, default=BaseKind.ALL)
    legal_basis = models.CharField(max_length=500, blank=True)
    rule_status = models.CharField(max_length=12, blank=True)
    # A line beyond this council's power, voted here before it goes up: the level it is proposed to ("đề nghị cấp
    # trên khen thưởng"), fixed when the ballot opens. None: the authority's own award.
    upward = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="đề nghị cấp trên khen thưởng")
    # Set when the ballot closes: how many members the threshold was counted on, how many "agree" it needed.
    base = models.PositiveSmallIntegerField(null=True, blank=True)
    needed = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "line"], name="council_one_tally")]
        ordering = ["meeting", "line__dossier_id", "line__position", "line_id"]


class PaperCount(models.Model):
    """One count of paper ballots by the counting group (ban kiểm phiếu): how many were handed out and received.
    Its totals per line were added to the lines' counts and are not kept apart (kept apart, they would give the
    screen ballots' counts by difference); the paper ballots themselves stay with the council's records."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="paper_counts")
    handed_out = models.PositiveSmallIntegerField("số phiếu phát ra")
    received = models.PositiveSmallIntegerField("số phiếu thu về")
    written = models.PositiveSmallIntegerField("trong đó phiếu gửi của thành viên vắng mặt", default=0)
    note = models.CharField("ghi chú (biên bản kiểm phiếu)", max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["meeting", "id"]


class RecusalKind(models.TextChoices):
    NOMINEE = "nominee", "Là người được đề nghị"
    DECLARED = "declared", "Xin không tham gia biểu quyết"


class Recusal(models.Model):
    """A member who does not vote on a line: the nominee (by law, written when the ballot opens) or a member who
    declares a conflict of interest (the head of the nominee's unit …), with a reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recusals")
    line = models.ForeignKey("dossiers.Line", on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="recusals")
    kind = models.CharField(max_length=10, choices=RecusalKind.choices, default=RecusalKind.DECLARED)
    reason = models.CharField("lý do", max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "line", "member"], name="council_recuse_once")]


class Event(models.Model):
    """The meeting's timeline: who took which step, when, from which state to which, and a note. A ballot writes
    none (its time would give the order of voting): its only trace is its receipt."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verb = models.CharField(max_length=30)
    from_status = models.CharField(max_length=10, choices=MeetingStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=MeetingStatus.choices, blank=True)
    note = models.TextField("ghi chú", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "diễn biến phiên họp"
        verbose_name_plural = "diễn biến phiên họp"
        ordering = ["at", "id"]

    @property
    def verb_label(self):
        from .workflow import STEPS

        step = STEPS.get(self.verb)
        return step.label if step else self.verb
