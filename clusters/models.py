"""Emulation clusters and blocks (cụm, khối thi đua): the units a level's standing office groups for a year, the
scoring table the cluster agrees, the points its members give themselves and each other, the ranking and the
proposal of its leaders for the Cờ thi đua and Bằng khen.

A cluster moves only through ``clusters.workflow`` (the steps table) and ``clusters.actions`` (one action per step);
every step writes an ``Event`` with the state it left, the state it reached and the reason.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    CLUSTER = "cum", "Cụm thi đua (đơn vị cùng địa bàn)"
    BLOCK = "khoi", "Khối thi đua (đơn vị cùng ngành, lĩnh vực)"


class Status(models.TextChoices):
    FORMING = "forming", "Đang lập bảng tiêu chí"
    SCORING = "scoring", "Đang chấm điểm"
    CLOSED = "closed", "Đã kết thúc chấm điểm, có xếp hạng"
    PROPOSED = "proposed", "Cụm đã đề nghị khen thưởng"
    OPENED = "opened", "Đã lập hồ sơ đề nghị khen thưởng"


class Cluster(models.Model):
    """One cluster or block of one year, formed by the standing office of ``level``."""

    level = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="clusters_formed",
                              verbose_name="cấp tổ chức")
    year = models.PositiveSmallIntegerField("năm")
    name = models.CharField("tên cụm, khối", max_length=200)
    kind = models.CharField("loại", max_length=8, choices=Kind.choices, default=Kind.CLUSTER)
    head = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="cụm trưởng")
    deputy = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="cụm phó")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.FORMING,
                              db_index=True)
    # The ranking rule read from the rulebook when scoring closed (kept: a later change of the rule does not
    # reorder a closed year).
    rule = models.JSONField("quy tắc xếp hạng đã áp dụng", default=dict, blank=True)
    closed_at = models.DateTimeField("kết thúc chấm điểm", null=True, blank=True)
    proposal_note = models.TextField("ý kiến của cụm khi đề nghị", blank=True)
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name="hồ sơ đề nghị khen thưởng")
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_years",
                                 verbose_name="cụm năm trước")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "cụm, khối thi đua"
        verbose_name_plural = "cụm, khối thi đua"
        ordering = ["-year", "name", "id"]
        indexes = [models.Index(fields=["level", "year"])]
        constraints = [models.UniqueConstraint(fields=["level", "year", "name"], name="cluster_name_once_a_year")]

    def __str__(self):
        return f"{self.name} năm {self.year}"

    @property
    def word(self) -> str:
        return "khối" if self.kind == Kind.BLOCK else "cụm"

    @property
    def head_word(self) -> str:
        return "Khối trưởng" if self.kind == Kind.BLOCK else "Cụm trưởng"

    @property
    def deputy_word(self) -> str:
        return "Khối phó" if self.kind == Kind.BLOCK else "Cụm phó"


class Member(models.Model):
    """A unit of the cluster, in rotation order (``position``); its result once scoring is closed."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="cluster_memberships")
    position = models.PositiveSmallIntegerField(default=0)
    score = models.DecimalField("điểm xếp hạng", max_digits=8, decimal_places=2, null=True, blank=True)
    self_score = models.DecimalField("điểm tự chấm", max_digits=8, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField("thứ hạng", null=True, blank=True)
    rank_note = models.CharField("giải thích thứ hạng", max_length=500, blank=True)
    proposed_award = models.ForeignKey("rulebook.AwardType", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name="đề nghị")
    line = models.ForeignKey("dossiers.Line", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="dòng đề nghị khen thưởng")

    class Meta:
        ordering = ["cluster", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["cluster", "unit"], name="cluster_member_once")]

    def __str__(self):
        return self.unit.name


class CriterionKind(models.TextChoices):
    REGULAR = "regular", "Tiêu chí"
    BONUS = "bonus", "Điểm thưởng"
    PENALTY = "penalty", "Điểm trừ"


class Criterion(models.Model):
    """A row of the cluster's scoring table: a criterion with its maximum, or a bonus or penalty row (up to its
    maximum added or taken away)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField("nội dung tiêu chí", max_length=300)
    kind = models.CharField("loại", max_length=8, choices=CriterionKind.choices, default=CriterionKind.REGULAR)
    max_points = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["cluster", "position", "id"]

    def __str__(self):
        return self.name

    @property
    def sign(self) -> int:
        return -1 if self.kind == CriterionKind.PENALTY else 1


class Score(models.Model):
    """The points ``scorer`` gives ``scored`` on one criterion: its own (self score, with a note and an evidence
    file) or another member's (cross scoring). Penalty rows hold the points taken away, as a positive number."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị chấm")
    scored = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị được chấm")
    points = models.DecimalField("điểm", max_digits=6, decimal_places=2)
    note = models.CharField("giải trình", max_length=500, blank=True)
    evidence = models.FileField("minh chứng", upload_to="clusters/%Y/", blank=True)
    evidence_name = models.CharField(max_length=150, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["cluster", "scored"])]
        constraints = [models.UniqueConstraint(fields=["criterion", "scorer", "scored"], name="cluster_score_once")]

    @property
    def is_self(self) -> bool:
        return self.scorer_id == self.scored_id


VERBS = {
    "create": "Lập cụm, khối thi đua", "edit": "Sửa thành phần", "criteria": "Sửa bảng tiêu chí",
    "lock": "Chốt bảng tiêu chí, mở chấm điểm", "score": "Chấm điểm", "close": "Kết thúc chấm điểm, xếp hạng", "reopen": "Mở lại chấm điểm",
    "propose": "Cụm đề nghị khen thưởng", "open_lines": "Lập hồ sơ đề nghị khen thưởng",
    "next_year": "Lập cụm năm sau",
}


class Event(models.Model):
    """The cluster's timeline: who did what, when, from which state to which, and why."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verb = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    reason = models.TextField("lý do", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "diễn biến cụm, khối thi đua"
        verbose_name_plural = "diễn biến cụm, khối thi đua"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb}"

    @property
    def verb_label(self):
        return VERBS.get(self.verb, self.verb)

    @property
    def note(self):
        return self.data.get("note", "") if isinstance(self.data, dict) else ""

    @property
    def changes(self):
        return self.data.get("changes") if isinstance(self.data, dict) else None


ZERO = Decimal("0")
