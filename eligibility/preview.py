"""Previewing a draft of the rulebook (rulebook.Draft): who would gain and who would lose which title under it.

A draft never decides anything. Here, and only here, its changes are applied over the rules in force on
31 December of the year (``engine.Rulebook(year, draft=…)``), and both rule sets judge the same history, read once:

- the year previewed is judged afresh by both: what was already decided for it (its awards, and the initiatives
  those awards used) is set aside, so that a title given this year under the rules in force neither hides that
  the draft would refuse it, nor props up a higher title or a collective that rests on it under the draft;
- a change is a (recipient, award) whose standard one rule set finds met and the other not: a gain (met only
  under the draft) or a loss (met only under the rules in force), with the reasons of both sides.

The command line (``tdkt eligibility --rules``), the page ("Xem trước theo dự thảo") and the Excel export all
read ``compare``; a unit too big for a request is compared by the worker (eligibility/preview_export.py).
"""

from typing import NamedTuple

from .engine import Outcome, Rulebook, decide, read_subjects
from .facts import Filter

GAIN, LOSS = "gain", "loss"
DIRECTION_LABEL = {GAIN: "Được thêm", LOSS: "Mất"}


class UnknownDraft(LookupError):
    """No draft of that code; ``known`` lists the codes there are."""

    def __init__(self, name, known):
        self.name, self.known = name, known
        there = ", ".join(known) if known else "chưa có dự thảo nào"
        super().__init__(f"Không có dự thảo quy định “{name}”. Các dự thảo hiện có: {there}.")


def drafts():
    """The drafts one may preview, newest first."""
    from rulebook.models import Draft

    return list(Draft.objects.all())


def get_draft(name):
    """The draft of code ``name`` (letter case aside), or UnknownDraft naming those there are."""
    from rulebook.models import Draft

    if isinstance(name, Draft):
        return name
    found = Draft.objects.filter(code__iexact=(name or "").strip()).first()
    if found is None:
        raise UnknownDraft(name, list(Draft.objects.order_by("code").values_list("code", flat=True)))
    return found


def notes(draft):
    """[(award code, name under the draft, note)]: what the draft changes that is said in words, not compared."""
    from rulebook.models import AwardType

    names = dict(AwardType.objects.filter(code__in=list(draft.awards or {})).values_list("code", "name"))
    return [(code, change.get("name") or names.get(code, code), change["note"])
            for code, change in (draft.awards or {}).items() if change.get("note")]


# --- judging the year afresh ------------------------------------------------------------

def set_year_aside(year, people, units, judged):
    """Forget what was decided for ``year`` about the awards both rule sets judge (``judged``: award ids): those
    awards of the year, and the initiatives only they used, so that both judge the year from the history before it.
    Other awards (a Giấy khen for an initiative) stay: they are not judged again."""
    for s in (*people.values(), *units.values()):
        s.given_now = s.given_now - judged
        s.award_years = {aid: mask & ~1 if aid in judged else mask for aid, mask in s.award_years.items()}
        if s.initiatives:
            s.initiatives = [_unused_since(i, year, judged) for i in s.initiatives]


def _unused_since(initiative, year, judged):
    if not initiative.used_for:
        return initiative
    kept = [(y, type_id, text) for y, type_id, text in initiative.uses if y < year or type_id not in judged]
    return initiative._replace(used_for=kept[0][2] if kept else None, uses=tuple(kept))


# --- the comparison -----------------------------------------------------------------------

class Place(NamedTuple):
    """A unit where changes are counted: a person's unit at the end of their work in the year, a collective itself."""

    id: int
    code: str
    name: str
    path: str


NOWHERE = Place(0, "", "(không rõ đơn vị)", "")


class Change:
    """One (recipient, award) judged differently: ``now`` under the rules in force, ``new`` under the draft."""

    __slots__ = ("direction", "kind", "subject", "award", "place", "now", "new")

    def __init__(self, direction, kind, subject, award, place, now, new):
        self.direction, self.kind, self.subject, self.award, self.place = direction, kind, subject, award, place
        self.now, self.new = now, new

    @property
    def label(self):
        return DIRECTION_LABEL[self.direction]

    def met(self):
        """Under the draft: the conditions met."""
        return self.new.met()

    def unmet(self):
        """Under the draft: the conditions missing."""
        return self.new.unmet()

    def in_force_met(self):
        return self.now.met()

    def in_force_unmet(self):
        return self.now.unmet()

    def summary(self):
        """One line: "Mất: Chiến sĩ thi đua cơ sở — theo dự thảo còn thiếu: …; hiện hành: … (đủ)"."""
        if self.direction == LOSS:
            return (f"{self.label}: {self.award.name} — theo dự thảo còn thiếu: {'; '.join(self.unmet())}; "
                    f"hiện hành: {'; '.join(self.in_force_met())} (đủ)")
        return (f"{self.label}: {self.award.name} — theo dự thảo: {'; '.join(self.met())} (đủ); "
                f"hiện hành còn thiếu: {'; '.join(self.in_force_unmet())}")

    def as_json(self):
        return {
            "recipient": self.subject.code,
            "name": self.subject.name,
            "kind": self.kind,
            "award": self.award.code,
            "unit": self.place.code,
            "met": self.met(),
            "unmet": self.unmet(),
            "in_force_met": self.in_force_met(),
            "in_force_unmet": self.in_force_unmet(),
        }


def tally(changes):
    """(totals, by unit) of ``changes``: ({"gains", "losses", "by_award": {code: {"gains", "losses"}}},
    [(Place, gains, losses)] in tree order)."""
    totals = {"gains": 0, "losses": 0, "by_award": {}}
    per_unit = {}
    for c in changes:
        key = "gains" if c.direction == GAIN else "losses"
        totals[key] += 1
        totals["by_award"].setdefault(c.award.code, {"gains": 0, "losses": 0})[key] += 1
        row = per_unit.setdefault(c.place, [0, 0])
        row[0 if c.direction == GAIN else 1] += 1
    by_unit = [(place, g, lost) for place, (g, lost) in sorted(per_unit.items(), key=lambda kv: (kv[0].path, kv[0].id))]
    return totals, by_unit


class Comparison:
    """Every change of one preview, in list order (award, losses first, unit, name), with what it was asked for."""

    def __init__(self, year, draft, unit, changes, notes, people, units):
        self.year, self.draft, self.unit, self.changes, self.notes = year, draft, unit, changes, notes
        self.people, self.units = people, units  # every subject judged: {id: Subject}

    @property
    def n_people(self):
        return len(self.people)

    @property
    def n_units(self):
        return len(self.units)

    @property
    def gains(self):
        return [c for c in self.changes if c.direction == GAIN]

    @property
    def losses(self):
        return [c for c in self.changes if c.direction == LOSS]

    def filtered(self, award=None, direction=None):
        return [c for c in self.changes if (award is None or c.award.code == award)
                and (direction is None or c.direction == direction)]

    def tally(self, award=None):
        return tally(self.filtered(award))

    def as_json(self):
        totals, by_unit = self.tally()
        return {
            "rules": self.draft.code,
            "year": self.year,
            "legal_basis": self.draft.legal_basis,
            "name": self.draft.name,
            "status": self.draft.status,
            "gains": [c.as_json() for c in self.gains],
            "losses": [c.as_json() for c in self.losses],
            "by_unit": [{"unit": p.code, "name": p.name, "gains": g, "losses": lost} for p, g, lost in by_unit],
            "totals": totals,
            "notes": [{"award": code, "name": name, "note": note} for code, name, note in self.notes],
        }


def books(year, draft):
    """(the rules in force, the draft applied over them), compiled for ``year``."""
    return Rulebook(year), Rulebook(year, draft=get_draft(draft))


def compare(year, *, draft, unit=None, flt=None, award_code=None, compiled=None) -> Comparison:
    """Who gains and who loses which title in ``year`` under ``draft`` (a rulebook.Draft or its code) against the
    rules in force, for everyone, those under ``unit``, or ``flt``; ``award_code``: that award's changes only
    (every award is still judged: one may rest on another). ``compiled``: ``books(year, draft)`` made already."""
    draft = get_draft(draft)
    in_force, drafted = compiled or books(year, draft)
    people, units = read_subjects(year, unit=unit, flt=flt)
    judged = {a.id for a in (*in_force.individual, *in_force.collective, *drafted.individual, *drafted.collective)}
    set_year_aside(year, people, units, judged)
    now, _ = decide(year, in_force, people, units)
    new, _ = decide(year, drafted, people, units)
    by_id = in_force.by_id
    found = []
    for (s, ctx_now, kind, _awards, _flags), (s2, ctx_new, _k, _a, _f) in zip(now, new, strict=True):
        assert s is s2
        for aid, met_now in ctx_now.results.items():
            met_new = ctx_new.results.get(aid)
            if met_new is None or met_new == met_now:
                continue
            award = by_id[aid]
            if award_code is not None and award.code != award_code:
                continue
            found.append((GAIN if met_new else LOSS, kind, s, award, met_now, ctx_now, met_new, ctx_new))
    # Where each changed subject is counted, and the list order (people by their stored Vietnamese sort key).
    places, sort_keys = _places(year, unit, {s.id for _d, kind, s, *_ in found if kind == "person"},
                                {s.id for _d, kind, s, *_ in found if kind == "unit"})
    changes = [Change(direction, kind, s, award, places.get((kind, s.id), NOWHERE),
                      # Judged afresh, nothing is "already given": eligible on each side is its standard met.
                      Outcome(s, award, year, met_now, ctx_now, kind), Outcome(s, award, year, met_new, ctx_new, kind))
               for direction, kind, s, award, met_now, ctx_now, met_new, ctx_new in found]
    changes.sort(key=lambda c: (c.award.rank, c.direction != LOSS, c.place.path, c.kind != "person",
                                sort_keys.get((c.kind, c.subject.id), ""), c.subject.code))
    return Comparison(year, draft, unit, changes, notes(draft), people, units)


def _places(year, unit, person_ids, unit_ids):
    """({(kind, id): Place}, {(kind, id): sort key}) for the people and collectives given: a person is counted in
    their unit under ``unit`` at the end of their work in the year (the latest period that overlaps it), a
    collective in itself."""
    from datetime import date

    from org.models import Employment, Unit

    first, last = date(year, 1, 1), date(year, 12, 31)
    best, sort_keys = {}, {}
    ids = sorted(person_ids)
    for i in range(0, len(ids), 5000):
        periods = Employment.objects.filter(person_id__in=ids[i:i + 5000]).exclude(start__gt=last).exclude(end__lt=first)
        if unit is not None:
            periods = periods.filter(unit__path__startswith=unit.path)
        for pid, uid, start, end, key in periods.values_list("person_id", "unit_id", "start", "end", "person__sort_key"):
            rank = (end or date.max, start or date.min, uid)
            if pid not in best or rank > best[pid][0]:
                best[pid] = (rank, uid)
            sort_keys["person", pid] = key
    info = {}
    wanted = sorted({uid for _rank, uid in best.values()} | set(unit_ids))
    for i in range(0, len(wanted), 5000):
        for uid, code, name, path, key in Unit.objects.filter(pk__in=wanted[i:i + 5000]).values_list(
                "id", "code", "name", "path", "sort_key"):
            info[uid] = Place(uid, code, name, path)
            if uid in unit_ids:
                sort_keys["unit", uid] = key
    places = {("person", pid): info.get(uid, NOWHERE) for pid, (_rank, uid) in best.items()}
    places.update({("unit", uid): info.get(uid, NOWHERE) for uid in unit_ids})
    return places, sort_keys


def explain(year, draft, rows):
    """The changes of ``rows`` ([(kind, subject id, award code)], as the worker kept them) worked out afresh from
    the data as it is now: {(kind, id, award code): the Change, or, when it is no longer one, the subject (None
    when it is no longer judged in the year)}."""
    person_ids = sorted({sid for kind, sid, _a in rows if kind == "person"})
    unit_ids = sorted({sid for kind, sid, _a in rows if kind == "unit"})
    found = {}
    compiled = books(year, draft)
    for flt in ((Filter(person_ids=person_ids) if person_ids else None), (Filter(unit_ids=unit_ids) if unit_ids else None)):
        if flt is None:
            continue
        c = compare(year, draft=draft, flt=flt, compiled=compiled)
        for ch in c.changes:
            found[(ch.kind, ch.subject.id, ch.award.code)] = ch
        for kind, subjects in (("person", c.people), ("unit", c.units)):
            for row in rows:
                if row[0] == kind and row not in found and row[1] in subjects:
                    found[row] = subjects[row[1]]
    return {row: found.get(row) for row in rows}
