"""Writes of notifications by their reader: marking them read. (Sending them is
``notify.py``, called by the other rooms on commit.)"""

from django.utils import timezone

from .models import Notification
from .selectors import notifications_for


def notification_mark_read(*, acting_user, notification: Notification) -> Notification:
    if notification.read_at is None and notification.user_id == acting_user.pk:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_read(*, acting_user, pk=None) -> int:
    """Mark the user's unread notifications read (only ``pk`` if given); how many were."""
    qs = notifications_for(acting_user).filter(read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())
