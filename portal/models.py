"""What a citizen sends through the public portal: a "người tốt, việc tốt" proposal with its photos and its timeline.

A proposal moves only through ``portal.workflow`` (the steps table) and ``portal.actions`` (one action per step);
every step writes a ``ProposalEvent`` with the state it left, the state it reached and the reason. The citizen
follows it with the tracking code (``code``: random, not sequential), never with the row's id.

The proposer's name and contact are for the ward's office only: no public page shows them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận"
    VERIFYING = "verifying", "Đang xác minh"
    ACCEPTED = "accepted", "Được công nhận là người tốt, việc tốt"
    DECLINED = "declined", "Không được công nhận"


class CitizenProposal(models.Model):
    """A citizen's proposal of a good person or deed (người tốt, việc tốt) to the ward or commune concerned."""

    code = models.CharField("mã theo dõi", max_length=20, unique=True)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="citizen_proposals",
                             verbose_name="phường, xã tiếp nhận")
    nominee_name = models.CharField("người được đề xuất", max_length=200)
    nominee_about = models.CharField("giới thiệu ngắn về người được đề xuất", max_length=300, blank=True)
    title = models.CharField("việc tốt", max_length=300)
    story = models.TextField("câu chuyện")
    place = models.CharField("địa điểm", max_length=300)
    deed_on = models.DateField("thời gian")
    proposer_name = models.CharField("họ và tên người đề xuất", max_length=200)
    proposer_contact = models.CharField("số điện thoại hoặc thư điện tử của người đề xuất", max_length=200)
    status = models.CharField("trạng thái", max_length=12, choices=Status.choices, default=Status.RECEIVED,
                              db_index=True)
    answer = models.TextField("trả lời người đề xuất", blank=True)
    answered_at = models.DateTimeField("ngày trả lời", null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="người trả lời")
    # The ward's own exemplar proposal made from it (exemplars.actions.exemplar_create), when the office made one.
    exemplar = models.ForeignKey("exemplars.Exemplar", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name="đề xuất điển hình của đơn vị")
    # The sender's address as the limits count it, kept as a digest: the office may see that ten proposals came
    # from one place without the application keeping anyone's address.
    address_digest = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField("ngày gửi", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.CharField(max_length=900, editable=False, default="")

    class Meta:
        verbose_name = "đề xuất người tốt, việc tốt của người dân"
        verbose_name_plural = "đề xuất người tốt, việc tốt của người dân"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "status", "created_at"])]

    def __str__(self):
        return f"{self.code} — {self.title}"

    def save(self, *args, **kwargs):
        from core.text import fold

        self.search_text = fold(f"{self.code} {self.title} {self.nominee_name} {self.place} {self.proposer_name}")[:900]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in (Status.RECEIVED, Status.VERIFYING)


class ProposalPhoto(models.Model):
    """A photo the citizen sent, re-encoded by core.images (upright, without metadata: no GPS position)."""

    proposal = models.ForeignKey(CitizenProposal, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField("ảnh", upload_to="citizen/%Y/")
    thumb = models.FileField("ảnh thu nhỏ", upload_to="citizen/%Y/thumbs/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "ảnh đề xuất của người dân"
        verbose_name_plural = "ảnh đề xuất của người dân"
        ordering = ["proposal", "position", "id"]

    def __str__(self):
        return f"Ảnh {self.position}"


VERBS = {
    "submit": "Người dân gửi đề xuất", "verify": "Bắt đầu xác minh", "accept": "Công nhận",
    "decline": "Không công nhận", "exemplar": "Lập đề xuất điển hình của đơn vị",
}


class ProposalEvent(models.Model):
    """The proposal's timeline: who did what, when, from which state to which, and why."""

    proposal = models.ForeignKey(CitizenProposal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")  # None: the citizen
    verb = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    reason = models.TextField("lý do", blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "diễn biến đề xuất của người dân"
        verbose_name_plural = "diễn biến đề xuất của người dân"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.verb}"

    @property
    def verb_label(self):
        return VERBS.get(self.verb, self.verb)
