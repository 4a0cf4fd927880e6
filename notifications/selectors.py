"""Reads of notifications: a user sees only their own."""

from django.shortcuts import get_object_or_404

from .models import Notification


def notifications_for(user):
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    """One indexed count (user, read_at): the bell asks it on every page."""
    return notifications_for(user).filter(read_at__isnull=True).count()


def notification_get_for_user(user, pk) -> Notification:
    """The user's own notification, or 404."""
    return get_object_or_404(notifications_for(user), pk=pk)


def latest_unread(user, n=5):
    """The user's ``n`` newest unread notifications (the desk shows them)."""
    return list(notifications_for(user).filter(read_at__isnull=True).order_by("-created_at", "-id")[:n])
