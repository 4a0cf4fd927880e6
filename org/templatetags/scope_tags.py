"""Scope in templates: whether a unit (or a person's unit) lies in what the user may see,
so that a page links only to what the user may open."""

from django import template

from org import duties
from org.duties import Duty

register = template.Library()


@register.filter
def visible_to(unit, user) -> bool:
    """{% if person.unit|visible_to:request.user %}<a …>{% endif %}"""
    return unit is not None and duties.has_duty(user, unit, Duty.VIEW)
