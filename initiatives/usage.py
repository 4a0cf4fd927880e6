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


def codes_counted(outcome) -> list[str]:
    """The codes of the initiatives an engine outcome counts for its award (its met reasons), in its order."""
    return [r.values[0] for r in outcome.reasons if r.ok and r.text in COUNTED_TEXTS and r.values]


def shared_in_batch(lines, counted_codes) -> dict:
    """{line number: message} for the lines of one person counting an initiative an earlier line of theirs already
    counts: one initiative is the ground of one award only (Công văn 5007/BNV-TĐKT, III.5.c). ``lines``: appraisal
    lines in order; ``counted_codes``: {(is person, recipient id, award id): [codes]}."""
    claimed, out = {}, {}
    for ln in lines:
        if not ln.is_person:
            continue
        for code in counted_codes.get((True, ln.recipient.pk, ln.award.pk), ()):
            first = claimed.setdefault((ln.recipient.pk, code), (ln.number, ln.award.name))
            if first[0] != ln.number and ln.number not in out:
                out[ln.number] = (f"Sáng kiến {code} đã được tính cho {first[1]} ở dòng {first[0]}: "
                                  "mỗi sáng kiến chỉ làm căn cứ cho một khen thưởng")
    return out
