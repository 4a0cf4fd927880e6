"""What rested on an award: the awards a revocation takes with it (Luật TĐKT 2022, Điều 93.2).

An award of year Y rests on the awards its criteria of year Y read (the standard in force on 31/12/Y, the law of
the achievement year): each kind of criterion declares them (``eligibility.criteria.rests_on`` → ``Dep``: which
award, in which years before Y, how many, or — for a collective — which share of its members). No table here says
what rests on what: a CSTĐCS on its year's LĐTT, a CSTĐ tỉnh on three CSTĐCS, a CSTĐ toàn quốc on two CSTĐ tỉnh,
a Bằng khen Thủ tướng on a Bằng khen tỉnh, a TTLĐTT on the share of its members holding LĐTT all come from the
rulebook's criteria.

``chain(root)`` follows those declarations from the award revoked, transitively: an award reached is proposed
for revocation when, without the awards revoked before it, it no longer has what it needs (fewer years, fewer
members, a share under the threshold); otherwise it is listed as still standing, with the figures, for the
officer to decide. Nothing is written: the preview, the draft and the signing all ask this.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from .models import Award

# A window wider than this is written "trước năm …" rather than as a list of years.
LONG_WINDOW = 10


@dataclass
class Item:
    """One award the chain reached. ``proposed``: it no longer stands without the awards revoked (the system's
    proposal); ``included``: it is revoked (the proposal, unless the officer chose otherwise)."""

    award: Award
    rests_on: Award | None = None
    proposed: bool = True
    included: bool = True
    figures: list = field(default_factory=list)
    option: bool = False  # the standard has other options the award may stand on

    @property
    def root(self):
        return self.rests_on is None


@dataclass
class Chain:
    items: list  # the root first, then in the order reached

    @property
    def root(self):
        return self.items[0]

    @property
    def included(self):
        return [i for i in self.items if i.included]

    def signature(self) -> list:
        """What the officer saw: each award reached and whether the system proposed it, in order."""
        return [(i.award.pk, i.proposed) for i in self.items]

    def get(self, award_id):
        return next((i for i in self.items if i.award.pk == award_id), None)


def describe(award) -> str:
    text = f"{award.award_type.name} năm {award.year}"
    if award.decision_number:
        text += f" (QĐ {award.decision_number}" + (f" ngày {award.decision_date:%d/%m/%Y})" if award.decision_date else ")")
    return text


def recipient_name(award) -> str:
    return award.person.full_name if award.person_id else award.unit.name


class _Reader:
    """The few reads the chain needs, cached for one computation."""

    def __init__(self, case_ids=()):
        from rulebook.models import AwardType

        self.case_ids = list(case_ids)
        self.types = {t.code: t for t in AwardType.objects.all()}
        # A collective counts a member holding a title or one that includes it (AwardType.includes).
        self.includes = {code: {code, *(t.code for t in self.types.values() if code in (t.includes or ()))}
                         for code in self.types}
        self._deps, self._members, self._person_awards, self._unit_awards = {}, {}, {}, {}
        self._person_units = {}

    def live(self):
        """Awards in force — or revoked by the revocations of this very chain (signing its later drafts)."""
        q = Q(revoked_on__isnull=True)
        if self.case_ids:
            q |= Q(revocation_id__in=self.case_ids)
        return Award.objects.filter(q).select_related("award_type", "person__unit", "unit", "decision__authority")

    def deps(self, award):
        """The Deps of ``award``'s criteria in its year."""
        from eligibility.criteria import rests_on
        from rulebook.models import Criterion

        key = (award.award_type_id, award.year)
        if key not in self._deps:
            rows = (Criterion.objects.in_force(date(award.year, 12, 31)).filter(award_type_id=award.award_type_id)
                    .order_by("position").values_list("kind", "params"))
            self._deps[key] = rests_on(list(rows))
        return self._deps[key]

    def person_awards(self, person_id):
        if person_id not in self._person_awards:
            self._person_awards[person_id] = list(self.live().filter(person_id=person_id).order_by("year", "id"))
        return self._person_awards[person_id]

    def unit_awards(self, unit_id):
        if unit_id not in self._unit_awards:
            self._unit_awards[unit_id] = list(self.live().filter(unit_id=unit_id).order_by("year", "id"))
        return self._unit_awards[unit_id]

    def members(self, unit_id, year) -> list:
        """The collective's members in ``year``, as the engine counts them (eligibility.facts.read_units)."""
        from eligibility.facts import Filter, read_units

        key = (unit_id, year)
        if key not in self._members:
            s = read_units(year, Filter(unit_ids=[unit_id])).get(unit_id)
            self._members[key] = list(s.members) if s is not None else []
        return self._members[key]

    def units_of(self, person_id, first, last) -> set:
        """The units the person worked in at some time in the years ``first``..``last``."""
        from org.models import Employment

        key = (person_id, first, last)
        if key not in self._person_units:
            self._person_units[key] = set(
                Employment.objects.filter(person_id=person_id)
                .filter(Q(start__isnull=True) | Q(start__lte=date(last, 12, 31)),
                        Q(end__isnull=True) | Q(end__gte=date(first, 1, 1)))
                .values_list("unit_id", flat=True))
        return self._person_units[key]

    def member_awards(self, member_ids, codes, years):
        """{person id: [awards of ``codes`` in ``years``]} of the members (live)."""
        out = defaultdict(list)
        ids = list(member_ids)
        for i in range(0, len(ids), 900):
            for a in self.live().filter(person_id__in=ids[i:i + 900], award_type__code__in=codes, year__in=years):
                out[a.person_id].append(a)
        return out


def _window(dep, year):
    return year - dep.last, year - dep.first


def _window_text(dep, year):
    lo, hi = _window(dep, year)
    if lo == hi:
        return f"năm {lo}"
    if hi - lo > LONG_WINDOW:
        return f"trước năm {hi + 1}" if dep.first else f"đến năm {hi}"
    return f"các năm {lo}–{hi}"


def _matches(reader, d, dep, x) -> bool:
    """Does the dependent ``d``'s ``dep`` read the award ``x``?"""
    lo, hi = _window(dep, d.year)
    if not lo <= x.year <= hi:
        return False
    if dep.members:
        return (d.unit_id is not None and x.person_id is not None and x.award_type.code in reader.includes.get(dep.award, ())
                and x.person_id in reader.members(d.unit_id, d.year))
    return x.award_type.code == dep.award and x.person_id == d.person_id and x.unit_id == d.unit_id


def _candidates(reader, x):
    """Awards that may rest on ``x``: the recipient's own, and for a person the collectives they belonged to."""
    if x.unit_id:
        return [a for a in reader.unit_awards(x.unit_id) if a.pk != x.pk]
    out = [a for a in reader.person_awards(x.person_id) if a.pk != x.pk]
    for uid in sorted(reader.units_of(x.person_id, x.year, x.year + LONG_WINDOW)):
        out += [a for a in reader.unit_awards(uid) if a.year >= x.year]
    return out


def _pct(n, total):
    return f"{(n / total * 100 if total else 0):.1f}".replace(".", ",").removesuffix(",0")


def _assess(reader, d, gone):
    """(proposed, figures, matched): does ``d`` still stand without the awards ``gone`` ({pk: Award})? Only the Deps
    that read one of them count; ``matched`` is the first award of ``gone`` it rested on."""
    from eligibility.criteria.collective import share_met
    from rulebook.selectors import parameter_on

    falls, figures, matched, option = False, [], None, False
    for dep in reader.deps(d):
        hit = [x for x in gone.values() if _matches(reader, d, dep, x)]
        if not hit:
            continue
        matched = matched or hit[0]
        option = option or dep.option
        name = reader.types[dep.award].name if dep.award in reader.types else dep.award
        lo, hi = _window(dep, d.year)
        if dep.members:
            members = reader.members(d.unit_id, d.year)
            held = reader.member_awards(members, reader.includes.get(dep.award, {dep.award}), range(lo, hi + 1))
            before = sum(1 for pid in members if held.get(pid))
            after = sum(1 for pid in members if any(a.pk not in gone for a in held.get(pid, ())))
            total = len(members)
            if dep.share:
                rule = parameter_on(dep.share, date(d.year, 12, 31), {"op": ">=", "share": 0.7})
                ok = share_met(after, total, rule)
                need = ("trên " if rule.get("op") == ">" else "ít nhất ") + _pct(float(rule.get("share", 0)), 1) + "%"
                figures.append(f"{d.award_type.name} năm {d.year} cần {need} thành viên đạt {name}: có {before}/{total} "
                               f"({_pct(before, total)}%), còn {after}/{total} ({_pct(after, total)}%) khi hủy bỏ — "
                               + ("vẫn đạt tỷ lệ." if ok else "không còn đạt tỷ lệ."))
            else:
                ok = after >= dep.count
                figures.append(f"{d.award_type.name} năm {d.year} cần ít nhất {dep.count} thành viên đạt {name}: có {before}, "
                               f"còn {after} khi hủy bỏ — " + ("vẫn đủ." if ok else "không còn đủ."))
        else:
            own = [a for a in (reader.person_awards(d.person_id) if d.person_id else reader.unit_awards(d.unit_id))
                   if a.award_type.code == dep.award and lo <= a.year <= hi]
            before = sorted({a.year for a in own})
            after = sorted({a.year for a in own if a.pk not in gone})
            ok = len(after) >= dep.count
            need = f"{dep.count} lần {name}" if dep.count > 1 else name
            left = ", ".join(map(str, after)) if after else "không còn"
            figures.append(f"{d.award_type.name} năm {d.year} cần {need} {_window_text(dep, d.year)}: có "
                           f"{len(before)} ({', '.join(map(str, before))}), còn {len(after)} khi hủy bỏ ({left}) — "
                           + ("vẫn đủ." if ok else "không còn đủ."))
        falls = falls or not ok
    if option and falls:
        figures.append("Tiêu chuẩn có phương án khác: cần xem khen thưởng có đứng được trên phương án đó không.")
    return falls, figures, matched, option


def chain(root, *, choices=None, case_ids=()) -> Chain:
    """The awards that rested on ``root``, transitively, each with the figures and the proposal.

    ``choices``: {award id: included} the officer decided against the proposal (exclude one proposed, include
    one that still stands); an award left out takes nothing with it. ``case_ids``: the revocations already
    issued from this chain (their awards still count as reached)."""
    choices = choices or {}
    reader = _Reader(case_ids)
    root = reader.live().filter(pk=root.pk).first() or Award.objects.select_related(
        "award_type", "person__unit", "unit", "decision__authority").get(pk=root.pk)
    gone = {root.pk: root}
    reached = {}  # pk -> Award, in the order reached
    expanded = set()
    while True:
        for pk in [p for p in gone if p not in expanded]:
            expanded.add(pk)
            for d in _candidates(reader, gone[pk]):
                if d.pk not in gone and d.pk not in reached and any(_matches(reader, d, dep, gone[pk]) for dep in reader.deps(d)):
                    reached[d.pk] = d
        grew = False
        for d in reached.values():
            if d.pk in gone:
                continue
            falls = _assess(reader, d, gone)[0]
            if choices.get(d.pk, falls):
                gone[d.pk] = d
                grew = True
        if not grew and all(p in expanded for p in gone):
            break
    items = [Item(root, None, True, True, [])]
    for d in reached.values():
        others = {pk: a for pk, a in gone.items() if pk != d.pk}
        falls, figures, matched, option = _assess(reader, d, others)
        items.append(Item(d, matched, falls, d.pk in gone, figures, option))
    return Chain(items)  # the root first, then in the order reached: what rested on it, then on those
