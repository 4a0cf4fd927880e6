"""Existing databases meet the rules of every year since 2014 (issue 14): rows the seed file now dates are dated
here, so that the older law's rows, added by the loader after `migrate`, do not overlap them.

- the criteria of the decidable awards, seeded without dates, are Luật 06/2022's: in force from 01/01/2024
  (the loader then adds the Luật 2003/2013 standards, to 31/12/2023);
- the parameters that now have a period each (ldtt_min_months, ttldtt_ldtt_share, cstdcs_cap_share): the row
  seeded without dates is the current one, from 01/01/2024;
- Nghị định 91/2017 was in force from 01/10/2017, not its signing date (31/07/2017): the money of a decision
  of August or September 2017 is Nghị định 42/2010's;
- its Bằng khen of the Prime Minister is 3.5 × the base salary, not 1.5 (Điều 73.1);
- the base salary from 01/07/2026 is Nghị định 161/2026/NĐ-CP's.

A coefficient or a date an administrator changed is left as it is (each is checked against the seeded value)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

DECIDABLE = ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG", "TTLDTT", "TTLDXS"]
NEW_LAW = date(2024, 1, 1)


def forwards(apps, schema_editor):
    Criterion = apps.get_model("rulebook", "Criterion")
    Parameter = apps.get_model("rulebook", "Parameter")
    RuleSet = apps.get_model("rulebook", "RuleSet")
    Coefficient = apps.get_model("rulebook", "Coefficient")
    BaseSalary = apps.get_model("rulebook", "BaseSalary")
    Standard = apps.get_model("rulebook", "Standard")
    AwardType = apps.get_model("rulebook", "AwardType")

    Criterion.objects.filter(award_type__code__in=DECIDABLE, valid_from__isnull=True, valid_to__isnull=True) \
        .update(valid_from=NEW_LAW)
    for award in AwardType.objects.filter(code__in=DECIDABLE):
        if Criterion.objects.filter(award_type=award, valid_from=NEW_LAW).exists():
            Standard.objects.get_or_create(award_type=award, valid_from=NEW_LAW,
                                           defaults={"legal_basis": award.legal_basis, "status": "verified"})
    # The undated row is the current rule (as seeded, or as an administrator set it).
    Parameter.objects.filter(key__in=["ldtt_min_months", "ttldtt_ldtt_share", "cstdcs_cap_share"],
                             valid_from__isnull=True, valid_to__isnull=True).update(valid_from=NEW_LAW)
    RuleSet.objects.filter(code="ND91_2017", valid_from=date(2017, 7, 31)).update(
        valid_from=date(2017, 10, 1), legal_basis="Nghị định 91/2017/NĐ-CP ngày 31/7/2017, có hiệu lực từ 01/10/2017")
    Coefficient.objects.filter(rule_set__code="ND91_2017", award_type__code="BK_TTG", recipient_kind="individual",
                               coefficient=Decimal("1.5")).update(
        coefficient=Decimal("3.5"), legal_basis="Điều 73.1 Nghị định 91/2017/NĐ-CP (nhiều nguồn thứ cấp)")
    BaseSalary.objects.filter(valid_from=date(2026, 7, 1), amount=2_530_000, status="partial").update(
        legal_basis="Điều 3.2 Nghị định 161/2026/NĐ-CP ngày 15/5/2026", status="verified")


class Migration(migrations.Migration):
    dependencies = [("rulebook", "0004_standard")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
