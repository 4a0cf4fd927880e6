"""Which units decide awards, and at which of the rulebook's levels (commune, district, province, agency, national):
the one answer the appraisal, the dossiers' routing, the council and revocations ask."""

from org.models import Unit

LEVEL_WORDS = {"commune": "cấp xã", "district": "cấp huyện", "province": "cấp tỉnh", "agency": "thủ trưởng cơ quan, đơn vị",
               "national": "cấp Trung ương"}
# The rulebook's parameter when a database lacks it (as seeded in rulebook/data/rulebook.toml).
_DEFAULT_AUTHORITY_UNITS = [{"kind": "province", "under": "", "level": "province"},
                            {"kind": "district", "under": "", "level": "district"},
                            {"kind": "commune", "under": "", "level": "commune"}]


def authority_level(unit, day=None) -> str | None:
    """The rulebook level whose authorities apply to decisions of ``unit``'s head or chairman, or None when the
    unit decides no award (a school, a health station, a residential group, a ward's office): which units are
    authorities is the rulebook's parameter ``authority_units`` (kind, kind of the unit above, level)."""
    from django.utils import timezone

    from .selectors import parameter_on

    rules = parameter_on("authority_units", day or timezone.localdate(), _DEFAULT_AUTHORITY_UNITS)
    parent_kind = None
    for rule in rules:
        if rule["kind"] != unit.kind:
            continue
        if rule.get("under"):
            if parent_kind is None:
                parent = Unit.objects.filter(path=unit.path[:-Unit.steplen]).only("kind").first() if unit.depth > 1 else None
                parent_kind = parent.kind if parent else ""
            if parent_kind != rule["under"]:
                continue
        return rule["level"]
    return None


def issuer_of(level: str | None) -> str:
    """Who signs, for the coefficients that depend on it (Giấy khen: commune chairman or head of agency)."""
    return "commune" if level == "commune" else "agency"
