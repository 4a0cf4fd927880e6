"""The ratings screen of a unit and a year."""

from django.urls import reverse


def ratings_url(unit, year, **extra):
    query = "&".join(f"{k}={v}" for k, v in {"unit": unit.pk, "year": year, **extra}.items())
    return reverse("records:ratings") + "?" + query
