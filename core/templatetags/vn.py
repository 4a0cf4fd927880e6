"""Vietnamese display: dates dd/mm/yyyy, money 191.360.000 đ."""

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def vndate(value):
    if not value:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value


@register.filter
def vndatetime(value):
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


@register.filter
def vnnum(value):
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value


@register.filter
def money(value):
    if value is None or value == "":
        return ""
    return f"{vnnum(value)} đ"


@register.filter
def dictget(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def page_numbers(page):
    """The page numbers a pager shows: first, last, a few around the current one, … between."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


@register.filter
def minutes(value):
    """A timedelta as whole minutes (rounded up): the lockout page's "trong 15 phút"."""
    try:
        seconds = value.total_seconds()
    except AttributeError:
        return value
    return max(0, -(-int(seconds) // 60))
