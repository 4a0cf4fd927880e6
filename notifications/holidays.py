"""Public holidays as data: seeded from core.dates for 2020–2030, then edited on screen."""

from core.dates import vietnamese_public_holidays


def seed(years=range(2020, 2031)):
    from .models import Holiday

    created = 0
    for year in years:
        for day, name in vietnamese_public_holidays(year, include_substitute_days=True):
            _, new = Holiday.objects.get_or_create(date=day, defaults={"name": name})
            created += new
    return created


def seed_after_migrate(sender, using="default", **kwargs):
    from django.db import connections

    if "movements_holiday" in connections[using].introspection.table_names():
        from .models import Holiday

        if not Holiday.objects.exists():
            seed()


def holiday_set():
    from .models import Holiday

    return set(Holiday.objects.values_list("date", flat=True))
