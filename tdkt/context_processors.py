def nav(request):
    from org.duties import Duty, has_duty

    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "can_edit_people": has_duty(user, None, Duty.EDIT_PEOPLE),
        "can_rate": has_duty(user, None, Duty.RATE),
        "can_manage_accounts": has_duty(user, None, Duty.MANAGE_ACCOUNTS),
    }
