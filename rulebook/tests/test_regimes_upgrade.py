"""A database seeded before the older law was added (criteria and parameters without dates, Nghị định 91/2017 from
its signing date) is brought to the rules of every year by `migrate`: its rows dated, the 2003 law's added."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from rulebook.loader import sync
from rulebook.models import Coefficient, Criterion, Parameter, RuleSet, Standard

pytestmark = pytest.mark.django_db

migration = importlib.import_module("rulebook.migrations.0005_regimes_dated")


def _as_seeded_before():
    Criterion.objects.filter(valid_to__isnull=False).delete()
    Criterion.objects.update(valid_from=None)
    Standard.objects.all().delete()
    Parameter.objects.filter(valid_to__isnull=False).delete()
    Parameter.objects.update(valid_from=None)
    Parameter.objects.filter(key="ldtt_min_months").update(value=8)  # an administrator's own choice
    RuleSet.objects.filter(code="ND91_2017").update(valid_from=date(2017, 7, 31))
    Coefficient.objects.filter(rule_set__code="ND91_2017", award_type__code="BK_TTG").update(coefficient=Decimal("1.5"))


def test_migrate_dates_the_old_rows_and_adds_the_older_law():
    _as_seeded_before()
    migration.forwards(apps, None)
    sync()
    cstdcs = Criterion.objects.filter(award_type__code="CSTDCS")
    assert set(cstdcs.values_list("valid_from", "valid_to")) == {(date(2024, 1, 1), None), (None, date(2023, 12, 31))}
    assert Standard.objects.filter(award_type__code="CSTDCS").count() == 2
    months = dict(Parameter.objects.filter(key="ldtt_min_months").values_list("valid_from", "value"))
    assert months == {date(2024, 1, 1): 8, date(2004, 7, 1): 10}  # the administrator's 8 stays the current rule
    assert RuleSet.objects.get(code="ND91_2017").valid_from == date(2017, 10, 1)
    assert Coefficient.objects.get(rule_set__code="ND91_2017", award_type__code="BK_TTG").coefficient == Decimal("3.5")
    # Loading again changes nothing.
    assert not any(sync().values())
