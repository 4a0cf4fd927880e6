from datetime import date

from django import template

from rulebook import schema

register = template.Library()


@register.inclusion_tag("rulebook/_parameter_warnings.html")
def parameter_warnings(year):
    """A warning for each parameter in force on 31/12 of ``year`` whose stored value does not fit its schema."""
    try:
        day = date(int(year), 12, 31)
    except (TypeError, ValueError, OverflowError):
        return {"problems": []}
    return {"problems": schema.problems(day)}
