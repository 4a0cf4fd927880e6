"""In-app notifications, the log of reminders sent, and public holidays (data).

The tables keep the names they had when these models lived in ``movements``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Holiday(models.Model):
    """A public holiday (ngày nghỉ lễ, Tết): data an administrator edits each year."""

    date = models.DateField("ngày", unique=True)
    name = models.CharField("tên", max_length=120)

    class Meta:
        db_table = "movements_holiday"
        ordering = ["date"]
        verbose_name = "ngày nghỉ lễ"
        verbose_name_plural = "ngày nghỉ lễ"

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # A digest (notify.notify_digest): what it gathers while unread, e.g. "dossier-comments:12"; its count.
    digest_key = models.CharField(max_length=100, blank=True, default="")
    count = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "movements_notification"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="movements_n_user_id_964429_idx")]
        constraints = [
            # One unread digest per user and key: two comments at once update one row, never make two.
            models.UniqueConstraint(fields=["user", "digest_key"], condition=Q(read_at__isnull=True) & ~Q(digest_key=""),
                                    name="notification_one_unread_digest"),
        ]


class ReminderLog(models.Model):
    """One reminder sent for a milestone to a unit: the worker never sends the same one twice."""

    milestone = models.ForeignKey("plans.Milestone", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)  # "before-5", "due", "late-digest"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "movements_reminderlog"
        constraints = [models.UniqueConstraint(fields=["milestone", "unit", "kind"], name="reminder_once")]
