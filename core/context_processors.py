def nav(request):
    from org import scope

    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "can_edit_people": scope.can(user, "edit_people"),
        "can_edit_units": scope.can(user, "edit_units"),
        "can_manage_users": scope.can(user, "manage_users"),
    }
