"""The council's meetings and secret ballots (Hội đồng Thi đua - Khen thưởng).

Secrecy by construction: no table links a vote to its voter. A member's ballot
adds one to the counts of each line (``Tally``: numbers only, no voter, no time)
and flips its ``Receipt`` (who has voted, not how, not when, not in which order)
so that nobody votes twice. No query, page, export or administrator can therefore
show how a member voted: the information is not stored. Nor is it left in the
database's files: see ``council/disk.py``. Recusals are open (a member says, with a
reason, that they do not vote on a line) and, with a base of all members, weigh
as a "no".
"""

from django.conf import settings
from django.db import models


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Chuẩn bị họp"
    VOTING = "voting", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kết thúc bỏ phiếu"


class Meeting(models.Model):
    authority = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="council_meetings", verbose_name="Hội đồng cấp")
    title = models.CharField("tên phiên họp", max_length=300)
    date = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=300, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    dossiers = models.ManyToManyField("dossiers.Dossier", related_name="meetings", verbose_name="hồ sơ trình họp")
    # Fixed when the ballot opens, from the rulebook in force: the result reads them, not today's rulebook.
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
    """A council member called to the meeting, and whether they are present."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên")
    title = models.CharField("chức danh trong Hội đồng", max_length=120, blank=True)
    present = models.BooleanField("có mặt", default=False)

    class Meta:
        verbose_name = "thành viên dự họp"
        verbose_name_plural = "thành viên dự họp"
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="council_member_once")]
        ordering = ["meeting", "id"]


class Receipt(models.Model):
    """That a member's ballot was counted — not how they voted, not when, not in which order. Every member's
    receipt is written when the ballot opens (``voted`` false, in member order); a ballot flips its own row in
    place, so neither the ids nor the order of the rows follow the order of voting."""

    class Channel(models.IntegerChoices):
        # Every value takes the same room in a SQLite row (2…127: one byte; 0 and 1 would take none), so counting
        # a ballot rewrites its receipt where it lies: a row that grew would move to the page's free end, and the
        # rows' places in the file would then give the order of voting.
        NONE = 2, "Chưa bỏ phiếu"
        SCREEN = 3, "Bỏ phiếu trên hệ thống"
        PAPER = 4, "Phiếu giấy (thư ký nhập)"
        WRITTEN = 5, "Phiếu gửi của thành viên vắng mặt (thư ký nhập)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    voted = models.BooleanField(default=False)
    channel = models.PositiveSmallIntegerField(choices=Channel.choices, default=Channel.NONE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="council_one_ballot")]


class Tally(models.Model):
    """The counts of one line: numbers only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="tallies")
    line = models.ForeignKey("dossiers.Line", on_delete=models.CASCADE, related_name="tallies")
    agree = models.PositiveSmallIntegerField(default=0)
    disagree = models.PositiveSmallIntegerField(default=0)
    abstain = models.PositiveSmallIntegerField(default=0)
    recused = models.PositiveSmallIntegerField(default=0)
    # Set when the ballot closes: the rule the line was judged by.
    threshold_pct = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    secret = models.BooleanField(default=True)
    passed = models.BooleanField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "line"], name="council_one_tally")]
        ordering = ["meeting", "line__dossier_id", "line__position", "line_id"]


class Recusal(models.Model):
    """A member who does not vote on a line (the nominee, or the head of the nominee's unit)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recusals")
    line = models.ForeignKey("dossiers.Line", on_delete=models.CASCADE, related_name="recusals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("lý do", max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "line", "user"], name="council_recuse_once")]
