from django import template

register = template.Library()


@register.filter
def answers_citizens(user) -> bool:
    """Whether ``user`` is the standing office somewhere (the sidebar's link to the citizens' proposals)."""
    from org.duties import Duty, has_duty

    return bool(user and user.is_authenticated and has_duty(user, None, Duty.STANDING_OFFICE))
