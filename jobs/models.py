"""Work done outside the request: who took it (``Tracked``) and the exports too big for a request (``ExportJob``)."""

from django.conf import settings
from django.db import models


class Tracked(models.Model):
    """A job some process works on: which process (jobs.liveness) and when it last said so. A job whose process
    died is noticed (jobs.tracking.reap) and failed with a message, or run again."""

    runner = models.CharField("tiến trình xử lý", max_length=200, blank=True, default="", db_default="")
    beat_at = models.DateTimeField("lần báo tiến độ cuối", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def waited_long(self) -> bool:
        """Waited for the worker longer than it takes to start (its page then says the worker may be missing)."""
        from .tracking import waited_long

        return waited_long(self)


class ExportJob(Tracked):
    """An Excel export too big to write during a request: written by the worker, with progress; the file kept
    for a while under TDKT_DATA_DIR/exports/ and downloaded by the person who asked for it."""

    class State(models.TextChoices):
        PENDING = "pending", "Đang chờ"
        RUNNING = "running", "Đang ghi"
        DONE = "done", "Xong"
        FAILED = "failed", "Không xuất được"

    kind = models.CharField("loại", max_length=30)
    # What the export needs ({"unit": id, "year": 2025, …}) and what its page says of it.
    params = models.JSONField(default=dict, blank=True)
    title = models.CharField("tiêu đề", max_length=300)
    filename = models.CharField("tên tệp", max_length=200)
    back_url = models.CharField(max_length=500, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    total = models.PositiveIntegerField(default=0)
    written = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "lần xuất Excel"
        verbose_name_plural = "các lần xuất Excel"
        ordering = ["-created_at", "-id"]

    @property
    def percent(self):
        return int(self.written * 100 / self.total) if self.total else 0

    @property
    def running(self):
        return self.state in (self.State.PENDING, self.State.RUNNING)
