from django import template

from clusters.ranking import points as _points

register = template.Library()


@register.filter
def points(value):
    """92.50 → "92,5"; None → "—"."""
    return _points(value)
