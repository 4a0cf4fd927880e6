"""Shares as the report prints them: "85,7%" (a comma before the decimal), "—" when there is nothing to share."""

from django import template

register = template.Library()


@register.filter
def pct(value):
    if value is None or value == "":
        return "—"
    text = f"{value:f}" if hasattr(value, "normalize") else str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"
