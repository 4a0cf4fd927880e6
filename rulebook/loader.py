"""Loading rulebook/data/rulebook.toml into the database.

The file is the seed. Rows that are missing (by natural key) are created;
rows that exist are left alone, so an administrator's edits survive upgrades.
`tdkt rulebook --reset` reloads everything from the file.
"""

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

DATA = Path(__file__).parent / "data" / "rulebook.toml"


def _d(value):
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)


# Beside the main file: the state awards and honorary titles (decided at the central level, routed up), and the
# province packs named by TDKT_PROVINCE_PACKS (a province's own titles: data/packs/<name>.toml).
EXTRA = [DATA.parent / "state_awards.toml"]


def _packs():
    from django.conf import settings

    return [DATA.parent / "packs" / f"{name}.toml" for name in getattr(settings, "TDKT_PROVINCE_PACKS", [])]


def load_data(path=DATA) -> dict:
    """The seed: the main file and, when it is the main file, the state awards and the province packs, their lists
    put together (an award, a parameter … of each)."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    if path != DATA:
        return data
    for extra in [*EXTRA, *_packs()]:
        if not extra.exists():
            raise FileNotFoundError(f"rulebook: không có tệp {extra} (TDKT_PROVINCE_PACKS)")
        with open(extra, "rb") as f:
            for key, rows in tomllib.load(f).items():
                if isinstance(rows, list):
                    data.setdefault(key, []).extend(rows)
    return data


@transaction.atomic
def sync(data=None, *, reset=False) -> dict:
    from .models import Authority, AwardType, BaseSalary, Coefficient, Criterion, LegalBasis, Parameter, RuleSet, Standard

    data = data or load_data()
    counts = dict.fromkeys(["base_salary", "rule_set", "award", "coefficient", "authority", "standard", "criterion",
                            "parameter", "legal_basis"], 0)
    if reset:
        for model in (Criterion, Standard, Authority, Coefficient, AwardType, RuleSet, BaseSalary, Parameter, LegalBasis):
            model.objects.all().delete()

    for row in data.get("base_salary", []):
        _, created = BaseSalary.objects.get_or_create(valid_from=_d(row["valid_from"]), defaults=dict(
            amount=row["amount"], valid_to=_d(row.get("valid_to")), legal_basis=row.get("legal_basis", ""),
            status=row.get("status", "verified")))
        counts["base_salary"] += created

    rule_sets = {}
    for row in data.get("rule_set", []):
        rs, created = RuleSet.objects.get_or_create(code=row["code"], defaults=dict(
            name=row["name"], valid_from=_d(row.get("valid_from")), valid_to=_d(row.get("valid_to")),
            legal_basis=row.get("legal_basis", ""), status=row.get("status", "verified"),
            rounding_step=row.get("rounding_step", 10_000),
            collective_multiplier=_dec(row.get("collective_multiplier")),
            household_multiplier=_dec(row.get("household_multiplier")),
            multipliers_basis=row.get("multipliers_basis", ""), short_name=row.get("short_name", "")))
        if not created and not rs.short_name and row.get("short_name"):
            # Added to the file after this database was seeded: a name, not a rule, so filled in.
            rs.short_name = row["short_name"]
            rs.save(update_fields=["short_name"])
        rule_sets[rs.code] = rs
        counts["rule_set"] += created

    for row in data.get("award", []):
        award, created = AwardType.objects.get_or_create(code=row["code"], defaults=dict(
            name=row["name"], local_name=row.get("local_name", ""), category=row["category"],
            recipient_kinds=row["recipients"], rank=row.get("rank", 0), decidable=row.get("decidable", False),
            description=row.get("description", ""), includes=row.get("includes", []), legal_basis=row.get("legal_basis", ""),
            valid_from=_d(row.get("valid_from")), valid_to=_d(row.get("valid_to")), status=row.get("status", "verified")))
        counts["award"] += created
        for c in row.get("coefficients", []):
            rs_code, kind, coef, status, basis, *rest = c
            issuer = rest[0] if rest else ""
            _, created = Coefficient.objects.get_or_create(
                rule_set=rule_sets.get(rs_code) or RuleSet.objects.get(code=rs_code), award_type=award,
                recipient_kind=kind, issuer=issuer,
                defaults=dict(coefficient=_dec(coef), status=status, legal_basis=basis))
            counts["coefficient"] += created
        for a in row.get("authorities", []):
            level, issuer, vf, vt, basis = a
            _, created = Authority.objects.get_or_create(award_type=award, level=level, valid_from=_d(vf), defaults=dict(
                issuer=issuer, valid_to=_d(vt), legal_basis=basis))
            counts["authority"] += created
        standards = row.get("standard") or ([{"criteria": row["criteria"], "legal_basis": row.get("legal_basis", "")}]
                                            if row.get("criteria") else [])
        for std in standards:
            start, end = _d(std.get("valid_from")), _d(std.get("valid_to"))
            _, created = Standard.objects.get_or_create(award_type=award, valid_from=start, defaults=dict(
                valid_to=end, legal_basis=std.get("legal_basis", ""), status=std.get("status", "verified"),
                description=std.get("description", "")))
            counts["standard"] += created
            # A period's criteria are loaded once (an administrator's edits stay); a period added to the file
            # later (an older law, a new one) is added to a database that lacks it.
            if award.criteria.filter(valid_from=start).exists():
                continue
            for i, c in enumerate(std.get("criteria", [])):
                Criterion.objects.create(award_type=award, position=i, kind=c["kind"], params=c.get("params", {}),
                                         text=c["text"], legal_basis=c.get("legal_basis", ""),
                                         valid_from=start, valid_to=end, status=c.get("status", std.get("status", "verified")))
                counts["criterion"] += 1

    from .schema import shape_errors

    for row in data.get("parameter", []):
        if problems := shape_errors(row.get("schema"), row["value"]):
            raise ValueError(f"rulebook: tham số {row['key']} có giá trị không hợp lệ trong tệp: {problems[0]}")
        _, created = Parameter.objects.get_or_create(key=row["key"], valid_from=_d(row.get("valid_from")), defaults=dict(
            name=row["name"], value=row["value"], valid_to=_d(row.get("valid_to")), status=row.get("status", "verified"),
            legal_basis=row.get("legal_basis", ""), description=row.get("description", "")))
        counts["parameter"] += created

    # The căn cứ of decisions (documents/bases.py), by their code.
    for row in data.get("legal_basis", []):
        _, created = LegalBasis.objects.get_or_create(code=row["code"], defaults=dict(
            text=row["text"], kind=row["kind"], levels=row["levels"], order=row.get("order", 0),
            province=row.get("province", ""), valid_from=_d(row.get("valid_from")), valid_to=_d(row.get("valid_to")),
            legal_basis=row.get("legal_basis", ""), status=row.get("status", "verified"), source=row.get("source", "")))
        counts["legal_basis"] += created
    return counts


def _dec(value):
    return None if value is None else Decimal(str(value))


def sync_after_migrate(sender, using="default", plan=None, **kwargs):
    """Seed the rulebook after `migrate`, so every command works on a fresh database."""
    from django.db import connections

    tables = connections[using].introspection.table_names()
    if "rulebook_awardtype" not in tables:
        return
    sync()  # adds only what the file has and the database lacks
    if "rulebook_draft" in tables:
        sync_drafts()


DRAFTS = Path(__file__).parent / "data" / "drafts.toml"


@transaction.atomic
def sync_drafts(path=DRAFTS) -> int:
    """Load the drafts of rulebook/data/drafts.toml (rulebook.Draft, never in force); a draft existing by code is
    left alone. Returns how many were added."""
    from .models import Draft

    added = 0
    for row in load_data(path).get("draft", []):
        _, created = Draft.objects.get_or_create(code=row["code"], defaults=dict(
            name=row["name"], legal_basis=row.get("legal_basis", ""), source=row.get("source", ""),
            status=row.get("status", "unverified"), published_on=_d(row.get("published_on")),
            description=row.get("description", ""), awards=row.get("awards", {}), parameters=row.get("parameters", {})))
        added += created
    return added
