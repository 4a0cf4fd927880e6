"""Which awards given rest on a rating: changing that rating afterwards needs a reason.

An award of year N rests on the ratings of the years its criteria read: one
year for Lao động tiên tiến and Chiến sĩ thi đua cơ sở, three for Chiến sĩ thi
đua cấp tỉnh (three CSTĐCS in a row), six for Chiến sĩ thi đua toàn quốc (two
CSTĐ cấp tỉnh three years apart), five for Bằng khen Thủ tướng. The span is
read from the rulebook's criteria, not written here, so that it follows the
rules as data.
"""

from collections import defaultdict

from decisions.models import Award
from rulebook.models import Criterion


def rating_spans() -> dict[str, int]:
    """{award code: how many years of the recipient's own ratings, ending with the award's year, it rests on}:
    what each kind of criterion declares it reads (eligibility.criteria), over every standard of the award."""
    from eligibility.criteria import rating_spans as spans

    criteria = defaultdict(list)
    for code, kind, params in Criterion.objects.values_list("award_type__code", "kind", "params"):
        criteria[code].append((kind, params))
    return spans(criteria)


def awards_resting_on(year, *, person_ids=(), unit_ids=()) -> list[Award]:
    """The awards (not revoked) of these people and units that rest on their rating of ``year``."""
    spans = rating_spans()
    longest = max(spans.values(), default=1)
    found = []
    for field, ids in (("person_id", list(person_ids)), ("unit_id", list(unit_ids))):
        for i in range(0, len(ids), 5000):
            qs = (Award.objects.filter(**{f"{field}__in": ids[i:i + 5000]}, year__gte=year, year__lt=year + longest,
                                       revoked_on__isnull=True)
                  .select_related("award_type", "person", "unit").order_by("year", "award_type__rank"))
            found += [a for a in qs if a.year - year < spans.get(a.award_type.code, 0)]
    return found


def describe(award) -> str:
    """“Chiến sĩ thi đua cơ sở năm 2025 (QĐ 24/QĐ-UBND ngày 10/01/2026)”."""
    text = f"{award.award_type.name} năm {award.year}"
    if award.decision_number:
        text += f" (QĐ {award.decision_number}"
        text += f" ngày {award.decision_date:%d/%m/%Y})" if award.decision_date else ")"
    return text
