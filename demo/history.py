"""History for the demo: ten years of ratings, initiatives, awards and discipline.

``build_history(seed=…, scale=…)`` runs at the end of ``demo.build()``,
after units, people and work histories exist, and fills the achievement years
2017–2026; 2026 is the year under review: its ratings exist, its titles are not decided yet:

- a task rating for every person and every year in which they worked; each
  person has a "quality" drawn once and the yearly level is drawn around it
  (overall about 20% HTXSNV, 63% HTTNV, 13% HTNV, 4% KHTNV); someone
  disciplined in the year is rated HTNV at best;
- a rating for every unit that exists on 31 December and has members then;
- initiatives: each year about 6% of people author a grassroots (co_so) one
  with colleagues of their unit, about 0.6% a provincial (tinh) one (mostly
  people already on a run of CSTĐCS titles), very rarely a nationwide one;
- the awards the rules give, to a plausible share of those who qualify, in the
  order of the year-end review: LĐTT; CSTĐCS, at most 15% of the unit's LĐTT
  (the old cap of Decree 91/2017), linking the initiative it counted; Bằng
  khen of the city after 2 consecutive CSTĐCS; CSTĐ of the city after 3
  consecutive CSTĐCS with an unused provincial initiative; Bằng khen of the
  Prime Minister after a Bằng khen of the city and 5 good years with 3 CSTĐCS;
  TTLĐTT and TTLĐXS for units whose members meet the conditions;
- disciplines for about 0.4% of people a year.

A few people of Phường Phú Lương get a scripted history instead of a drawn
one (``PERSONAS``), so that the eligibility review of 2026 shows every kind
of answer. They are chosen before the yearly pass and their rows replace the
ones the pass would draw for them: they count first against their unit's cap.

One pass per year, in memory; rows are written with ``bulk_create`` in
batches, many-to-many links through their through models. Only
``random.Random(seed + …)`` decides anything, and no date depends on today.
"""

import math
import random
from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.utils import timezone

from core.text import fold
from decisions.models import Award
from initiatives.models import Initiative, Scope
from org.models import Employment, Person, Unit, UnitKind
from rulebook.models import AwardType

from records.models import Discipline, DisciplineLevel, Rating, RatingLevel

FIRST_YEAR, LAST_YEAR = 2017, 2026
# The year under review: its ratings are in, its titles not decided yet (the year-end review is
# what the demo shows), so what the generator would give that year is not written.
REVIEW_YEAR = LAST_YEAR
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
BATCH = 5000
FAR = date.max.toordinal()

X, T, N, K = RatingLevel.HTXSNV.value, RatingLevel.HTTNV.value, RatingLevel.HTNV.value, RatingLevel.KHTNV.value
GOOD = {X, T}

# Yearly level = Q·quality + E·noise (a standard normal), cut at the quantiles of 20/63/13/4%.
Q, E = 0.75, math.sqrt(1 - 0.75 ** 2)
CUTS = ((0.8416, X), (-0.9542, T), (-1.7507, N))

LDTT_SHARE = 0.9        # of those rated HTTNV or better
CSTDCS_SHARE = 0.7      # of those with HTXSNV or an unused grassroots initiative
CSTDCS_CAP = 0.15       # of the unit's LĐTT (Decree 91/2017, no longer in force)
BK_TINH_SHARE = 0.3
CSTD_TINH_SHARE = 0.5
BK_TTG_SHARE = 0.4
TTLDTT_SHARE = 0.85
TTLDXS_SHARE = 0.8
DISCIPLINE_RATE = 0.004
DISCIPLINES = ((DisciplineLevel.KHIEN_TRACH.value, 0.70), (DisciplineLevel.CANH_CAO.value, 0.25),
               (DisciplineLevel.HA_BAC_LUONG.value, 0.05))
CO_SO_LEAD = 0.0365     # × _AUTHOR_FACTOR, × about 1.7 authors: about 6% of people a year
TINH_LEAD = {0: 0.0018, 1: 0.03, 2: 0.12}  # by the run of CSTĐCS up to last year (× factor for 0)
TOAN_QUOC_LEAD = 0.0015  # rated HTXSNV; 0.01 for holders of CSTĐ of the city
_AUTHOR_FACTOR = {X: 1.8, T: 0.9, N: 0.3, K: 0.0}

# Scripted people of Phường Phú Lương: one entry per year 2017–2026, "<level> <flags>".
# Level: X/T/N. Flags: L LĐTT, C CSTĐCS, B Bằng khen of the city, i a grassroots
# initiative recognised that year and counted by that year's CSTĐCS, p a provincial
# initiative recognised that year and not used. What the 2026 review should say
# (flags of 2026 itself are not written: that year is being reviewed):
PERSONAS = {
    # CSTĐCS 2024 and 2025, rated HTXSNV in 2026:
    # qualifies for LĐTT, CSTĐCS and the Bằng khen of the city; CSTĐ of the city lacks an initiative.
    "bk_tinh": ("T L", "T L", "N", "T L", "T L", "X L", "T L", "X LC", "T LCi", "X"),
    # CSTĐCS 2024, 2025 and qualifying in 2026 (Bằng khen 2025), a provincial initiative of 2026: CSTĐ of the city.
    "cstd_tinh": ("T L", "T L", "T L", "X L", "T L", "T L", "T L", "X LC", "X LCB", "X LCp"),
    # Bằng khen of the city 2020, then 2021–2026 all good with CSTĐCS 2021, 2023, 2025: Bằng khen of the PM.
    "bk_ttg": ("T L", "T L", "X LC", "X LCB", "X LC", "T L", "X LC", "T L", "X LC", "T L"),
    # CSTĐCS 2024 and qualifying in 2026 but not 2025: no Bằng khen of the city (the gap).
    "gap": ("T L", "T L", "T L", "N", "T L", "T L", "T L", "X LC", "T L", "X LC"),
}
# Nguyễn Thị Thịnh (HN-PLU-VP): LĐTT most years, CSTĐCS 2024 and 2025 (the 2025 one on her initiative).
THINH = ("T L", "T L", "N", "T L", "X L", "T L", "T L", "X LC", "T LCi", "T L")
PERSONA_WARD = "HN-PLU"
_LEVEL = {"X": X, "T": T, "N": N}


def build_history(*, seed, scale, stdout=None) -> dict:
    """Write the history of 2017–2026 for the people and units already in the database; returns counts."""
    return _History(seed, scale, stdout).run()


class _History:
    def __init__(self, seed, scale, stdout):
        self.seed, self.scale = seed, scale
        self.say = stdout.write if stdout is not None else (lambda line: None)
        self.counts = defaultdict(int)

    # --- loading ------------------------------------------------------------------

    def load(self):
        self.types = dict(AwardType.objects.values_list("code", "id"))
        self.units = {}
        by_path = {}
        for uid, code, name, kind, path, vf, vt in Unit.objects.values_list(
                "id", "code", "name", "kind", "path", "valid_from", "valid_to"):
            self.units[uid] = (code, name, kind, path, vf.toordinal() if vf else 0, vt.toordinal() if vt else FAR)
            by_path[path] = uid
        steplen = Unit.steplen
        self.parent = {uid: by_path.get(u[3][:-steplen]) for uid, u in self.units.items()}
        self.pids, self.names, self.current_unit = [], [], []
        for pid, name, unit_id in Person.objects.order_by("id").values_list("id", "full_name", "unit_id"):
            self.pids.append(pid)
            self.names.append(name)
            self.current_unit.append(unit_id)
        index = {pid: i for i, pid in enumerate(self.pids)}
        self.rows = [[] for _ in self.pids]
        self.first_start = [None] * len(self.pids)
        for pid, unit_id, start, end in Employment.objects.order_by("person_id", "start").values_list(
                "person_id", "unit_id", "start", "end"):
            i = index[pid]
            # Rows without a start count from the first year of the history.
            self.rows[i].append((unit_id, start.toordinal() if start else 0, end.toordinal() if end else FAR))
            if start is not None and (self.first_start[i] is None or start < self.first_start[i]):
                self.first_start[i] = start
        self.accounts = set(get_user_model().objects.filter(person__isnull=False).values_list("person_id", flat=True))

    def positions(self):
        """Per year: each person's unit (the row covering 31/12, else the last row in the year) or None."""
        self.unit_in, self.covers = {}, {}
        for year in YEARS:
            y0, y1 = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
            units, covers = [None] * len(self.pids), bytearray(len(self.pids))
            for i, rows in enumerate(self.rows):
                best = -1
                for unit_id, s, e in rows:
                    if s <= y1 and e >= y0:
                        if e >= y1:
                            units[i], covers[i] = unit_id, 1
                            break
                        if s > best:
                            best, units[i] = s, unit_id
            self.unit_in[year], self.covers[year] = units, covers

    def worked_enough(self, i, year):
        """The engine's rule for LĐTT: not recruited less than 6 months before the end of the year."""
        start = self.first_start[i]
        if start is None or start.year != year:
            return True
        return 12 - start.month + (1 if start.day == 1 else 0) >= 6

    def employed_span(self, i, year):
        y0, y1 = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        return max((max(s, y0), min(e, y1)) for _u, s, e in self.rows[i] if s <= y1 and e >= y0)

    # --- the scripted people ------------------------------------------------------

    def choose_personas(self):
        """Pick the scripted people among those of PERSONA_WARD who worked there or nearby all ten years."""
        self.script = {}
        self.planted = {}
        ward = next((uid for uid, u in self.units.items() if u[0] == PERSONA_WARD), None)
        thinh = next((i for i, name in enumerate(self.names) if name == "Nguyễn Thị Thịnh"), None)
        members = defaultdict(int)
        for year in YEARS:
            for unit_id in self.unit_in[year]:
                if unit_id is not None:
                    members[unit_id, year] += 1
        taken = defaultdict(int)  # scripted CSTĐCS per (unit, year)

        def fits(i, plan):
            for year, entry in zip(YEARS, plan):
                unit_id = self.unit_in[year][i]
                if unit_id is None:
                    return False
                if "C" in _parse(entry)[1]:
                    # Room under the cap even if only 60% of the unit's people get LĐTT.
                    if taken[unit_id, year] + 1 > int(CSTDCS_CAP * 0.6 * members[unit_id, year] + 1e-9):
                        return False
            return True

        def take(i, role, plan):
            self.script[i] = {year: _parse(entry) for year, entry in zip(YEARS, plan)}
            self.planted[role] = i
            for year, entry in zip(YEARS, plan):
                if "C" in _parse(entry)[1]:
                    taken[self.unit_in[year][i], year] += 1

        if thinh is not None:
            take(thinh, "thinh", THINH)  # hers is fixed whatever the room: she is the example
        if ward is None:
            return
        prefix = self.units[ward][3]
        early = date(FIRST_YEAR, 1, 1)
        candidates = [i for i, unit_id in enumerate(self.current_unit)
                      if self.units[unit_id][3].startswith(prefix) and i != thinh and self.pids[i] not in self.accounts
                      and self.first_start[i] is not None and self.first_start[i] < early]
        for role, plan in PERSONAS.items():
            for i in candidates:
                if i not in self.script and fits(i, plan):
                    take(i, role, plan)
                    break

    # --- the pass -----------------------------------------------------------------

    def run(self) -> dict:
        self.load()
        self.positions()
        self.choose_personas()
        rng = random.Random(self.seed + 7_000_001)
        self.quality = [rng.gauss(0.0, 1.0) for _ in self.pids]
        n = len(self.pids)
        self.cst = [0] * n           # bit (year − FIRST_YEAR): CSTĐCS
        self.good = [0] * n          # bit: rated HTTNV or better
        self.bk_years = {}           # person → years of Bằng khen of the city
        self.last_cstd = {}          # person → last year of CSTĐ of the city
        self.last_ttg = {}           # person → last year of Bằng khen of the PM
        self.cstd_holders = set()
        self.tinh_unused = defaultdict(list)  # person → [Initiative] provincial, not used yet
        self.decisions = {}
        self.used = set()            # initiatives counted by an award (a provincial one may wait 2 years)
        self.text = _Texts(self.units, self.parent)
        # What bulk_create would put in Award.created_at (auto_now_add): when the rows were written.
        self.created_at = connection.ops.adapt_datetimefield_value(timezone.now())
        for year in YEARS:
            self.year(year, random.Random(self.seed + 7_000_000 + year))
        out = {k: self.counts[k] for k in ("ratings", "unit_ratings", "awards", "initiatives", "disciplines")}
        out["planted"] = {role: self.pids[i] for role, i in self.planted.items()}
        return out

    def year(self, year, rng):
        yb = year - FIRST_YEAR
        units, covers = self.unit_in[year], self.covers[year]
        script = {i: s[year] for i, s in self.script.items() if units[i] is not None}
        employed = [i for i, u in enumerate(units) if u is not None]
        by_unit = defaultdict(list)
        for i in employed:
            by_unit[units[i]].append(i)

        # Discipline first: it caps the rating.
        level, punished, disciplines = {}, {}, []
        for i in employed:
            if i not in script and rng.random() < DISCIPLINE_RATE:
                r, acc = rng.random(), 0.0
                for code, share in DISCIPLINES:
                    acc += share
                    if r < acc:
                        break
                punished[i] = code
                lo, hi = self.employed_span(i, year)
                disciplines.append((self.pids[i], date.fromordinal(rng.randint(lo, hi)), code,
                                    self.text.number(units[i], rng), ""))
        for i in employed:
            if i in script:
                level[i] = script[i][0]
            elif i in punished:
                level[i] = N if punished[i] == DisciplineLevel.KHIEN_TRACH else K
            else:
                z = Q * self.quality[i] + E * rng.gauss(0.0, 1.0)
                level[i] = next((lv for cut, lv in CUTS if z > cut), K)
            if level[i] in GOOD:
                self.good[i] |= 1 << yb

        # Initiatives of the year: recognised in October–December, before the year-end review.
        initiatives, authors = [], []
        co_so = defaultdict(list)  # person → [Initiative] grassroots of this year
        seq = iter(range(1, 1_000_000))

        def initiative(scope, people, unit_id):
            day = {Scope.CO_SO: (10, 1, 12, 20), Scope.TINH: (11, 1, 12, 25), Scope.TOAN_QUOC: (12, 1, 12, 28)}[scope]
            lo, hi = date(year, day[0], day[1]).toordinal(), date(year, day[2], day[3]).toordinal()
            code = f"SK-{year}-{next(seq):04d}"
            title = self.text.title(unit_id, rng)
            by, number = self.text.recognizer(scope, unit_id, rng)
            obj = Initiative(code=code, title=title, unit_id=unit_id, scope=scope, recognized_by=by,
                             decision_number=number, recognized_on=date.fromordinal(rng.randint(lo, hi)),
                             search_text=fold(f"{code} {title}")[:600])
            initiatives.append(obj)
            authors.extend((obj, self.pids[p]) for p in people)
            return obj

        for i, (_lv, flags) in sorted(script.items()):
            if "i" in flags:
                co_so[i].append(initiative(Scope.CO_SO, [i], units[i]))
            if "p" in flags:
                self.tinh_unused[i].append(initiative(Scope.TINH, [i], units[i]))
        for unit_id in sorted(by_unit):
            people = [i for i in by_unit[unit_id] if i not in script]
            busy = set()
            for i in people:
                if i in busy:
                    continue
                lead = level[i]
                run = self.run_before(i, yb)
                if rng.random() < (TINH_LEAD[min(run, 2)] if run else TINH_LEAD[0] * _AUTHOR_FACTOR[lead]):
                    team = [i] + self.colleagues(people, busy | {i}, rng.random() < 0.3, rng)
                    obj = initiative(Scope.TINH, team, unit_id)
                    for p in team:
                        self.tinh_unused[p].append(obj)
                    busy.update(team)
                elif rng.random() < CO_SO_LEAD * _AUTHOR_FACTOR[lead]:
                    r = rng.random()
                    team = [i] + self.colleagues(people, busy | {i}, 0 if r < 0.5 else 1 if r < 0.8 else 2, rng)
                    obj = initiative(Scope.CO_SO, team, unit_id)
                    for p in team:
                        co_so[p].append(obj)
                    busy.update(team)
                elif lead == X and rng.random() < (0.01 if i in self.cstd_holders else TOAN_QUOC_LEAD):
                    initiative(Scope.TOAN_QUOC, [i], unit_id)
                    busy.add(i)
        self.save(Initiative, initiatives)
        through = Initiative.authors.through
        self.save(through, [through(initiative_id=obj.pk, person_id=pid) for obj, pid in authors])
        self.counts["initiatives"] += len(initiatives)

        # The year-end review, unit by unit.
        awards, links = [], []
        used = self.used
        got = defaultdict(set)  # person → codes given this year

        def give(code, i, unit_id, initiative=None):
            number, day = self.decision(code, unit_id, year, rng)
            if initiative is None:
                awards.append((self.types[code], self.pids[i], None, year, number, day))
            else:  # its key is needed for the link
                award = Award(award_type_id=self.types[code], person_id=self.pids[i], year=year,
                              decision_number=number, decision_date=day, source="history")
                links.append((award, initiative))
                used.add(initiative)
            got[i].add(code)

        for unit_id in sorted(by_unit):
            people = by_unit[unit_id]
            ldtt, denied = [], []
            for i in people:
                if i in script:
                    if "L" in script[i][1]:
                        ldtt.append(i)
                elif level[i] in GOOD and i not in punished and self.worked_enough(i, year):
                    (ldtt if rng.random() < LDTT_SHARE else denied).append(i)
            scripted = [i for i in people if i in script and "C" in script[i][1]]
            # The scripted people count first; if the cap leaves them no room, the unit gives more LĐTT.
            while denied and len(scripted) > int(CSTDCS_CAP * len(ldtt) + 1e-9):
                ldtt.append(denied.pop())
            for i in ldtt:
                give("LDTT", i, unit_id)
            room = int(CSTDCS_CAP * len(ldtt) + 1e-9) - len(scripted)
            candidates = [i for i in ldtt if i not in script
                          and (level[i] == X or any(o not in used for o in co_so.get(i, ())))
                          and rng.random() < CSTDCS_SHARE]
            rng.shuffle(candidates)
            for i in scripted:
                give("CSTDCS", i, unit_id, co_so[i][0] if "i" in script[i][1] else None)
            chosen = []
            for i in candidates:
                if len(chosen) >= room:
                    break
                relied = None
                if level[i] != X:  # relies on an initiative, which a co-author may have used already
                    relied = next((o for o in co_so[i] if o not in used), None)
                    if relied is None:
                        continue
                give("CSTDCS", i, unit_id, relied)
                chosen.append(i)
            for i in scripted + chosen:
                self.cst[i] |= 1 << yb
            for i in sorted(chosen):
                self.higher(i, yb, year, unit_id, give, used, rng)
            for i in scripted:
                if "B" in script[i][1]:
                    give("BK_TINH", i, unit_id)
                    self.bk_years.setdefault(i, []).append(year)
            # Bằng khen of the PM does not need this year's CSTĐCS.
            for i in people:
                if i not in script and i in self.bk_years and level[i] in GOOD and "BK_TINH" not in got[i]:
                    self.pm(i, yb, year, unit_id, give, rng)

        # Collectives: units that exist on 31/12 and have members then.
        unit_ratings, last_day = [], date(year, 12, 31).toordinal()
        for unit_id in sorted(by_unit):
            vf, vt = self.units[unit_id][4:6]
            if vf > last_day or vt < last_day:
                continue
            members = [i for i in by_unit[unit_id] if covers[i]]
            if not members:
                continue
            share_x = sum(1 for i in members if level[i] == X) / len(members)
            r = rng.random()
            p_x = min(0.7, 0.2 + share_x)
            unit_level = X if r < p_x else T if r < 0.93 else N if r < 0.99 else K
            unit_ratings.append((None, unit_id, year, unit_level, ""))
            clean = not any(i in punished and punished[i] != DisciplineLevel.KHIEN_TRACH for i in members)
            with_ldtt = sum(1 for i in members if "LDTT" in got[i] or "CSTDCS" in got[i])
            share = with_ldtt / len(members)
            if unit_level in GOOD and clean and share > 0.5 and rng.random() < TTLDTT_SHARE:
                self.give_unit("TTLDTT", unit_id, year, awards, rng)
            if (unit_level == X and clean and share >= 0.7 and all(level[i] != K for i in members)
                    and any("CSTDCS" in got[i] for i in members) and rng.random() < TTLDXS_SHARE):
                self.give_unit("TTLDXS", unit_id, year, awards, rng)

        if year == REVIEW_YEAR:
            awards, links = [], []
        ratings = [(self.pids[i], None, year, level[i], "") for i in employed]
        _insert(Rating, ("person", "unit", "year", "level", "note"), ratings + unit_ratings)
        _insert(Discipline, ("person", "date", "level", "decision_number", "note"), disciplines)
        _insert(Award, ("award_type", "person", "unit", "year", "decision_number", "decision_date", "source",
                        "created_at"), [row + ("history", self.created_at) for row in awards])
        self.save(Award, [award for award, _o in links])
        through = Award.initiatives.through
        self.save(through, [through(award_id=a.pk, initiative_id=o.pk) for a, o in links])
        n_awards = len(awards) + len(links)
        self.counts["ratings"] += len(ratings)
        self.counts["unit_ratings"] += len(unit_ratings)
        self.counts["disciplines"] += len(disciplines)
        self.counts["awards"] += n_awards
        if self.scale == "city":
            self.say(f"  … năm {year}: {_n(len(ratings))} kết quả xếp loại, {_n(len(initiatives))} sáng kiến, "
                     f"{_n(n_awards)} khen thưởng, {_n(len(disciplines))} kỷ luật")

    # --- helpers of the pass ------------------------------------------------------

    def run_before(self, i, yb):
        """How many consecutive CSTĐCS up to last year, since the last CSTĐ of the city."""
        run, mask, floor = 0, self.cst[i], self.last_cstd.get(i, FIRST_YEAR - 1) - FIRST_YEAR
        k = yb - 1
        while k > floor and k >= 0 and mask >> k & 1:
            run += 1
            k -= 1
        return run

    @staticmethod
    def colleagues(people, busy, k, rng):
        k = int(k)
        if not k:
            return []
        free = [p for p in people if p not in busy]
        return rng.sample(free, min(k, len(free)))

    def higher(self, i, yb, year, unit_id, give, used, rng):
        """After this year's CSTĐCS: Bằng khen and CSTĐ of the city."""
        mask = self.cst[i]
        bk = self.bk_years.get(i, ())
        if yb >= 1 and mask >> (yb - 1) & 1 and not any(y >= year - 1 for y in bk) and rng.random() < BK_TINH_SHARE:
            give("BK_TINH", i, unit_id)
            self.bk_years.setdefault(i, []).append(year)
        if yb >= 2 and mask >> (yb - 1) & 1 and mask >> (yb - 2) & 1 and self.last_cstd.get(i, 0) < year - 2:
            fit = [o for o in self.tinh_unused.get(i, ()) if o.recognized_on.year >= year - 2 and o not in used]
            if fit and rng.random() < CSTD_TINH_SHARE:
                give("CSTD_TINH", i, unit_id, fit[0])
                self.last_cstd[i] = year
                self.cstd_holders.add(i)
                self.tinh_unused[i] = [o for o in self.tinh_unused[i] if o is not fit[0]]

    def pm(self, i, yb, year, unit_id, give, rng):
        """Bằng khen of the PM: a Bằng khen of the city, then at least 5 good years with 3 CSTĐCS."""
        last = self.last_ttg.get(i, 0)
        for anchor in self.bk_years[i]:
            if anchor <= last or year - anchor < 5:
                continue
            span = range(anchor + 1 - FIRST_YEAR, yb + 1)
            if all(self.good[i] >> k & 1 for k in span) and sum(self.cst[i] >> k & 1 for k in span) >= 3:
                if rng.random() < BK_TTG_SHARE:
                    give("BK_TTG", i, unit_id)
                    self.last_ttg[i] = year
                return

    def decision(self, code, unit_id, year, rng):
        """One decision per issuer, award and year: (number, date in January of the next year)."""
        if code in ("BK_TINH", "CSTD_TINH", "TTLDXS"):
            key, suffix, top = "city", "QĐ-UBND", 900
        elif code == "BK_TTG":
            key, suffix, top = "pm", "QĐ-TTg", 300
        else:
            key, suffix, top = unit_id, self.text.suffix(unit_id, code), 120
        found = self.decisions.get((key, code, year))
        if found is None:
            found = (f"{rng.randint(1, top)}/{suffix}", date(year + 1, 1, rng.randint(5, 28)))
            self.decisions[key, code, year] = found
        return found

    def give_unit(self, code, unit_id, year, awards, rng):
        number, day = self.decision(code, unit_id, year, rng)
        awards.append((self.types[code], None, unit_id, year, number, day))

    @staticmethod
    def save(model, objs):
        if objs:
            model.objects.bulk_create(objs, batch_size=BATCH)
            reset_queries()  # under DEBUG Django keeps every statement


def _insert(model, fields, rows):
    """What bulk_create does for ``model``, from tuples in the order of ``fields``.

    Ratings and awards are 1.7 and 1.4 million rows at the city scale: building a
    model object and compiling its values per row cost four times the insert itself.
    Rows must carry every value bulk_create would have filled in (defaults, auto_now_add).
    """
    if not rows:
        return
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(f).column) for f in fields)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for k in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[k:k + BATCH])
    reset_queries()


def _parse(entry):
    level, _, flags = entry.partition(" ")
    return _LEVEL[level], flags


def _n(number) -> str:
    return f"{number:,}".replace(",", ".")


# --- texts: titles, who recognises, decision numbers ---------------------------------

_SUBJECTS = {
    "primary": ("Toán", "Tiếng Việt", "Tiếng Anh", "Tự nhiên và Xã hội", "Khoa học", "Tin học"),
    "lower": ("Toán", "Ngữ văn", "Tiếng Anh", "Khoa học tự nhiên", "Lịch sử và Địa lí", "Tin học", "Giáo dục công dân"),
    "upper": ("Toán", "Ngữ văn", "Tiếng Anh", "Vật lí", "Hóa học", "Sinh học", "Lịch sử", "Địa lí", "Tin học"),
}
_GRADES = {"primary": (1, 5), "lower": (6, 9), "upper": (10, 12)}
_SCHOOL = (
    "Giải pháp nâng cao chất lượng dạy học môn {subject} lớp {grade}",
    "Một số biện pháp giúp học sinh lớp {grade} học tốt môn {subject}",
    "Ứng dụng công nghệ thông tin trong dạy học môn {subject} lớp {grade}",
    "Một số biện pháp bồi dưỡng học sinh giỏi môn {subject} lớp {grade}",
    "Tổ chức hoạt động trải nghiệm trong dạy học môn {subject} lớp {grade}",
    "Biện pháp phụ đạo học sinh chưa đạt chuẩn môn {subject} lớp {grade}",
    "Giải pháp giáo dục kỹ năng sống cho học sinh lớp {grade} tại {unit}",
    "Xây dựng kho học liệu số môn {subject} tại {unit}",
)
_KINDERGARTEN = (
    "Một số biện pháp phát triển ngôn ngữ cho trẻ {age} tuổi",
    "Một số biện pháp rèn kỹ năng tự phục vụ cho trẻ {age} tuổi",
    "Giải pháp nâng cao chất lượng bữa ăn bán trú tại {unit}",
    "Một số biện pháp giúp trẻ {age} tuổi làm quen với toán",
    "Tổ chức trò chơi dân gian phát triển vận động cho trẻ {age} tuổi",
)
_HEALTH = (
    "Giải pháp nâng cao tỷ lệ tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi tại {place}",
    "Ứng dụng hồ sơ sức khỏe điện tử trong quản lý người cao tuổi tại {place}",
    "Quản lý người bệnh tăng huyết áp tại cộng đồng {place}",
    "Giải pháp phòng, chống sốt xuất huyết tại {place}",
    "Nâng cao hiệu quả khám sàng lọc đái tháo đường tại {place}",
)
_GROUP = (
    "Mô hình tổ dân phố tự quản về an ninh, trật tự tại {unit}, {place}",
    "Mô hình phân loại rác thải tại nguồn tại {unit}, {place}",
    "Nhóm Zalo kết nối các hộ gia đình tại {unit}, {place}",
    "Mô hình “Tuyến phố văn minh” tại {unit}, {place}",
)
_ADMIN = (
    "Ứng dụng phần mềm quản lý hồ sơ một cửa tại {place}",
    "Số hóa sổ hộ tịch tại {place}",
    "Giải pháp rút ngắn thời gian giải quyết thủ tục {field} tại {place}",
    "Ứng dụng chữ ký số trong quản lý văn bản đi, đến tại {place}",
    "Xây dựng cơ sở dữ liệu {data} tại {place}",
    "Giải pháp nâng cao chất lượng tiếp công dân tại {place}",
    "Giải pháp nâng cao tỷ lệ hồ sơ trực tuyến toàn trình tại {place}",
    "Chuẩn hóa quy trình lưu trữ hồ sơ {field} tại {place}",
)
_FIELDS = ("hộ tịch", "chứng thực", "đất đai", "xây dựng", "đăng ký hộ kinh doanh", "chính sách người có công",
           "bảo trợ xã hội")
_DATA = ("hộ nghèo, hộ cận nghèo", "người có công", "đất đai", "cán bộ, công chức", "nhà ở", "người cao tuổi")


def _lower_first(name):
    return name[:1].lower() + name[1:]


class _Texts:
    """Per unit: what its initiatives are about, who recognises them, how its decisions are numbered."""

    def __init__(self, units, parent):
        self.units, self.parent, self.cache = units, parent, {}
        self.by_path = {u[3]: uid for uid, u in units.items()}

    def info(self, unit_id):
        found = self.cache.get(unit_id)
        if found is not None:
            return found
        code, name, kind, path, _vf, _vt = self.units[unit_id]
        parent = self.parent.get(unit_id)
        parent_name = self.units[parent][1] if parent else ""
        place, head, family, ministry = name, "Thủ trưởng " + name, "admin", "Bộ trưởng Bộ Nội vụ"
        if name.startswith("Văn phòng HĐND và UBND "):
            place = name.removeprefix("Văn phòng HĐND và UBND ")
            head = "Chủ tịch UBND " + place
        elif name.startswith("Văn phòng UBND"):
            head = "Chánh " + name
        elif kind == UnitKind.SCHOOL:
            head, ministry = "Hiệu trưởng " + name, "Bộ trưởng Bộ Giáo dục và Đào tạo"
            family = ("kindergarten" if "Mầm non" in name else "primary" if "Tiểu học" in name
                      else "upper" if "THPT" in name else "lower")
        elif name.startswith("Trạm Y tế"):
            head, family, ministry = "Trưởng " + name, "health", "Bộ trưởng Bộ Y tế"
            place = name.removeprefix("Trạm Y tế ")
        elif kind == UnitKind.RESIDENTIAL_GROUP:
            place = _lower_first(parent_name)
            head, family = "Chủ tịch UBND " + place, "group"
        elif name.startswith("Sở "):
            head = "Giám đốc " + name
        elif name.startswith("Phòng ") and parent_name:
            head = "Chủ tịch UBND " + _lower_first(parent_name)
        elif name.startswith("Ban "):
            head = "Trưởng " + name
        # Decisions are the People's Committee's, or a city department's (its initials), or, for what
        # the head of a school or health station decides (LĐTT, discipline, grassroots initiatives), theirs.
        board = "QĐ-UBND"
        top = self.by_path.get(path[:2 * Unit.steplen])
        if top is not None and self.units[top][1].startswith("Sở "):
            board = "QĐ-" + self.units[top][0].removeprefix("HN-")
        own = board
        if kind == UnitKind.SCHOOL:
            words = name.split()
            grade = {"Mầm": "MN", "Tiểu": "TH"}.get(words[1], words[1])
            rest = words[3:] if grade in ("MN", "TH") else words[2:]
            own = "QĐ-" + grade + fold("".join(w[0] for w in rest)).upper()
        elif family == "health":
            own = "QĐ-TYT"
        found = {"name": name, "place": place, "head": head, "family": family, "ministry": ministry, "own": own, "board": board}
        self.cache[unit_id] = found
        return found

    def suffix(self, unit_id, code=None):
        """LĐTT is decided by the head of the unit; CSTĐCS and collective titles by the committee or department."""
        return self.info(unit_id)["own" if code in (None, "LDTT") else "board"]

    def number(self, unit_id, rng):
        return f"{rng.randint(1, 150)}/{self.suffix(unit_id)}"

    def recognizer(self, scope, unit_id, rng):
        info = self.info(unit_id)
        if scope == Scope.CO_SO:
            return info["head"], f"{rng.randint(1, 200)}/{info['own']}"
        if scope == Scope.TINH:
            return "Chủ tịch UBND Thành phố Hà Nội", f"{rng.randint(1000, 6000)}/QĐ-UBND"
        ministry = info["ministry"]
        initials = {"Bộ trưởng Bộ Giáo dục và Đào tạo": "BGDĐT", "Bộ trưởng Bộ Y tế": "BYT"}.get(ministry, "BNV")
        return ministry, f"{rng.randint(100, 3000)}/QĐ-{initials}"

    def title(self, unit_id, rng):
        info = self.info(unit_id)
        family = info["family"]
        if family in _SUBJECTS:
            lo, hi = _GRADES[family]
            return rng.choice(_SCHOOL).format(subject=rng.choice(_SUBJECTS[family]), grade=rng.randint(lo, hi),
                                              unit=info["name"])
        if family == "kindergarten":
            return rng.choice(_KINDERGARTEN).format(age=rng.randint(3, 5), unit=info["name"])
        if family == "health":
            return rng.choice(_HEALTH).format(place=info["place"])
        if family == "group":
            return rng.choice(_GROUP).format(unit=_lower_first(info["name"]), place=info["place"])
        return rng.choice(_ADMIN).format(place=info["place"], field=rng.choice(_FIELDS), data=rng.choice(_DATA))
