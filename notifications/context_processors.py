def notifications(request):
    """The unread count for the bell in the top bar: one indexed count per page."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from .models import Notification

    return {"unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()}
