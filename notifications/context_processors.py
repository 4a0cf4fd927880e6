def notifications(request):
    """The unread count for the bell in the top bar: one indexed count per page."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from .selectors import unread_count

    return {"unread_notifications": unread_count(user)}
