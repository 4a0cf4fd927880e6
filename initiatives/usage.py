"""Which initiatives an award counts, so that the award records them (``Award.initiatives``) and the engine and the
appraisal do not count them again: the initiatives the eligibility engine's reasons say it counted for the award
(eligibility.criteria.initiatives: COUNTED, COUNTED_AGAIN), for the recipient and the year of the line.

An award met another way (rated HTXSNV for a Chiến sĩ thi đua cơ sở under Luật 2022) counts no initiative. Two lines
of one decision for the same person never record the same initiative: the first in the decision's order keeps it.
"""

from eligibility.criteria.initiatives import COUNTED_TEXTS


def counted(year: int, lines) -> dict:
    """{(person id, award type id): [Initiative]} for ``lines`` [(person, award type)] of ``year``: what each award
    counts. One engine run for all the people; an initiative goes to the first line that counts it."""
    from eligibility.engine import evaluate
    from eligibility.facts import Filter

    from .models import Initiative

    wanted = [(p.pk, a.pk) for p, a in lines if p is not None]
    if not wanted:
        return {}
    result = evaluate(year, flt=Filter(person_ids={pid for pid, _a in wanted}))
    codes = {}
    for o in result.outcomes:
        key = (o.subject.id, o.award.id)
        if o.kind != "person" or key not in set(wanted):
            continue
        codes[key] = [r.values[0] for r in o.reasons if r.ok and r.text in COUNTED_TEXTS and r.values]
    by_code = {i.code: i for i in Initiative.objects.filter(code__in={c for cs in codes.values() for c in cs})}
    out, taken = {}, set()
    for key in wanted:
        mine = []
        for code in codes.get(key, ()):
            i = by_code.get(code)
            if i is not None and (key[0], i.pk) not in taken:
                taken.add((key[0], i.pk))
                mine.append(i)
        out[key] = mine
    return out
