"""Vietnamese display: dates dd/mm/yyyy, money 191.360.000 đ."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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


@register.filter
def percent(value, digits=1):
    """A percentage as Vietnamese write it: 20.5 → "20,5%", 25 → "25%", 1234.5 → "1.234,5%".

    ``value`` is in percent (not a share); rounded half up to ``digits`` decimals, a zero
    decimal part left out. The one formatter of percentages (pages, reasons, exports)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
        digits = int(digits)
    except (InvalidOperation, TypeError, ValueError):
        return value
    if not number.is_finite():
        return value
    number = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(number):.{digits}f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".")
    if fraction.strip("0"):
        text += "," + fraction.rstrip("0")
    return f"{'-' if number < 0 else ''}{text}%"
