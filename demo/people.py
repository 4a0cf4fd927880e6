"""The people of the demo: names, ages, positions and work histories.

Every person works today in a unit that exists today and has one open
Employment row there. Earlier rows come before it without overlapping, all
after the person's 18th birthday, each in a unit that existed for the whole
period. Staff of a merged ward's office mostly came from the offices of the
old wards and the district agencies: their old row ends on 30/06/2025 and the
new one starts on 01/07/2025. Schools and health stations went on unchanged,
so their staff keep one row.
"""

import bisect
from collections import Counter, defaultdict
from datetime import date

from django.db import reset_queries

from org.models import Employment, Gender, Person

from . import data

REF = data.REFERENCE_DATE.toordinal()
MERGE = data.MERGER_DATE.toordinal()
LAST = data.LAST_DAY_BEFORE_MERGER.toordinal()
YEAR = 365

SPECIAL_NAME = "Nguyễn Thị Thịnh"  # tests and the walkthrough search for her: she must be the only one
MOVE_NOTE = "Chuyển công tác khi sắp xếp đơn vị hành chính (01/07/2025)"


class Weighted:
    """Draw from (item, weight) pairs with one random number."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, pairs):
        self.items, self.cum, total = [], [], 0.0
        for item, weight in pairs:
            total += weight
            self.items.append(item)
            self.cum.append(total)
        self.total = total

    def pick(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


class Names:
    def __init__(self):
        self.family = Weighted(data.FAMILY_NAMES)
        self.given = {Gender.MALE: Weighted(data.MALE_GIVEN), Gender.FEMALE: Weighted(data.FEMALE_GIVEN)}
        self.middle = {}
        for gender, pairs, common in ((Gender.MALE, data.MALE_MIDDLE, "Văn"), (Gender.FEMALE, data.FEMALE_MIDDLE, "Thị")):
            for band, factor in enumerate((1.0, 0.75, 0.45, 0.25)):
                self.middle[gender, band] = Weighted([(m, w * factor if m == common else w) for m, w in pairs])
        self.second = Weighted([(m, w) for m, w in data.FEMALE_MIDDLE if m != "Thị"])

    def make(self, rng, gender, birth_year) -> str:
        band = 0 if birth_year < 1975 else 1 if birth_year < 1985 else 2 if birth_year < 1995 else 3
        while True:
            family = self.family.pick(rng)
            middle = self.middle[gender, band].pick(rng)
            given = self.given[gender].pick(rng)
            if given == middle or middle == family:
                continue
            parts = [family, middle]
            # "Nguyễn Thị Thu Trang": a second middle name after "Thị" is common.
            if middle == "Thị" and rng.random() < 0.15:
                second = self.second.pick(rng)
                if second != given:
                    parts.append(second)
            parts.append(given)
            name = " ".join(parts)
            if name != SPECIAL_NAME:
                return name


def _level(position: str, node) -> str:
    return position.replace("{level}", node.level)


_STAFF = {key: Weighted(p.staff or [(pos, 1) for pos, _lo, _hi in p.fixed]) for key, p in data.PROFILES.items()}
_STAFF_POSITIONS = {key: {pos for pos, _w in p.staff} | {pos for pos, *_r in p.fixed} for key, p in data.PROFILES.items()}


def position_at(node, rank, current, most_recent, rng) -> str:
    """What someone who is now ``current`` (leader of ``rank``, or None) was at ``node``."""
    profile = data.PROFILES[node.profile]
    if rank is not None and most_recent and rank + 1 < len(profile.leaders):
        return _level(profile.leaders[rank + 1][0], node)  # a leader was a deputy before
    if current in _STAFF_POSITIONS[node.profile] and rng.random() < 0.8:
        return current
    return _level(_STAFF[node.profile].pick(rng), node)


def staff_positions(node, rng) -> list[tuple[str, int | None]]:
    """(position, leader rank or None) for everyone working in ``node`` today."""
    profile = data.PROFILES[node.profile]
    out = []
    for rank, (pos, lo, hi) in enumerate(profile.leaders):
        out += [(_level(pos, node), rank)] * rng.randint(lo, hi)
    for pos, lo, hi in profile.fixed:
        out += [(_level(pos, node), None)] * rng.randint(lo, hi)
    staff = _STAFF[node.profile]
    while len(out) < node.staff and profile.staff:
        out.append((_level(staff.pick(rng), node), None))
    return out


class Pools:
    """Where people worked before, by the family of their current unit."""

    def __init__(self, tree):
        by_role = defaultdict(list)
        for n in tree.nodes:
            by_role[n.role].append(n)
        self.district_agencies = by_role["district_agency"]
        self.ward_all = by_role["old_office"] + by_role["district_agency"]
        self.ward_by_district = defaultdict(list)
        for n in self.ward_all:
            self.ward_by_district[n.district].append(n)
        self.admin = by_role["city_agency"] + self.ward_all
        self.schools = by_role["school"]
        self.schools_by_profile = defaultdict(list)
        for n in self.schools:
            self.schools_by_profile[n.profile].append(n)
        self.health = by_role["health"]
        self.retired = by_role["old_office"] + self.schools + self.health

    def candidates(self, family, node, rng):
        if family == "ward":
            if node.district is not None and rng.random() < 0.7:
                return self.ward_by_district[node.district]
            return self.ward_all
        if family == "school":
            return self.schools_by_profile[node.profile] if rng.random() < 0.7 else self.schools
        if family == "health":
            return self.health
        if family == "admin":
            return self.admin
        return self.retired


def _periods(rng, w0, w1, k, min_len=YEAR):
    """``k`` consecutive periods inside [w0, w1], each at least ``min_len`` days, short gaps between."""
    span = w1 - w0 + 1
    while k and span < k * min_len:
        k -= 1
    if not k:
        return []
    free = span - k * min_len
    lead = int(free * rng.random() * 0.3)  # the first job need not start on the first possible day
    free -= lead
    cuts = sorted(rng.random() for _ in range(k - 1)) + [1.0]
    out, start, prev = [], w0 + lead, 0.0
    for i, cut in enumerate(cuts):
        end = w1 if i == k - 1 else start + min_len - 1 + int(free * (cut - prev))
        gap = rng.randint(0, 45)  # days between two jobs
        out.append((start, max(start + min_len // 2, end - gap)))
        start, prev = end + 1, cut
    return out


# How many earlier jobs, by situation (weights for 0, 1, 2).
_EARLIER = {
    "usual": Weighted([(0, 22), (1, 48), (2, 30)]),
    "retired": Weighted([(0, 50), (1, 35), (2, 15)]),
    "moved": Weighted([(0, 50), (1, 40), (2, 10)]),   # besides the row that ended on 30/06/2025
    "joined": Weighted([(0, 10), (1, 60), (2, 30)]),  # came to a merged ward after 01/07/2025
}


class Career:
    """Draws one person at a time; keeps the leader slots of the old units taken by movers."""

    def __init__(self, tree, rng):
        self.rng = rng
        self.names = Names()
        self.pools = Pools(tree)
        self.slots = Counter()

    def person(self, node, position, rank):
        rng = self.rng
        profile = data.PROFILES[node.profile]
        female = profile.female * (0.75 if rank == 0 and profile.female < 0.9 else 1)
        gender = Gender.FEMALE if rng.random() < female else Gender.MALE
        if node.role == "group":
            age = rng.randint(45, 59)
        elif rank == 0:
            age = rng.randint(42, 58)
        elif rank is not None:
            age = rng.randint(33, 58)
        else:
            age = min(59, max(23, int(rng.triangular(23, 60, 36))))
        birth = date.fromordinal(REF - int(age * 365.2425) - rng.randint(0, 364))
        if birth.month == 2 and birth.day == 29:
            birth = birth.replace(day=28)
        adult = date(birth.year + 18, birth.month, birth.day).toordinal()
        career = min(REF - 90, adult + rng.randint(3 * YEAR, 7 * YEAR))
        name = self.names.make(rng, gender, birth.year)
        return name, gender, birth, position, node, self.rows(node, position, rank, adult + 1, career)

    def rows(self, node, position, rank, earliest, career):
        rng = self.rng
        rows = []
        moved = None
        if node.role == "new_office":
            if career <= LAST - YEAR and rng.random() < 0.88:
                moved = self._origin(node, rank, position)
            if moved:
                first = max(career, moved[0].vf)
                start = first + int((LAST - YEAR - first) * rng.random() ** 0.8)
                rows.append((moved[0], moved[1], start, LAST, ""))
                rows.append((node, position, MERGE, None, MOVE_NOTE))
                situation = "moved"
            else:
                start = MERGE + rng.randint(1, REF - 30 - MERGE)
                rows.append((node, position, start, None, ""))
                situation = "joined"
        elif node.role == "city_agency" and career <= LAST - YEAR and rng.random() < 0.15:
            # When the districts went, some of their staff moved up to the city.
            origin = self.pools.district_agencies[int(rng.random() * len(self.pools.district_agencies))]
            first = max(career, origin.vf)
            start = first + int((LAST - YEAR - first) * rng.random() ** 0.8)
            moved = (origin, position_at(origin, rank, position, True, rng))
            rows.append((origin, moved[1], start, LAST, ""))
            rows.append((node, position, MERGE, None, MOVE_NOTE))
            situation = "moved"
        else:
            lo, hi = max(career, node.vf), REF - 30
            lo = min(lo, hi)
            rows.append((node, position, lo + int((hi - lo) * rng.random() ** 0.8), None, ""))
            situation = "retired" if node.role == "group" else "usual"

        k = _EARLIER[situation].pick(rng)
        periods = _periods(rng, max(earliest, min(career, rows[0][2] - YEAR)), rows[0][2] - 1, k)
        family = data.PROFILES[node.profile].family
        avoid = {id(node), id(moved[0]) if moved else 0}
        earlier = []
        for i, (start, end) in enumerate(periods):
            most_recent = moved is None and i == len(periods) - 1
            candidates = self.pools.candidates(family, node, rng)
            for _ in range(8):
                unit = candidates[int(rng.random() * len(candidates))]
                if id(unit) not in avoid and unit.vf <= start and end <= unit.vt:
                    earlier.append((unit, position_at(unit, rank, position, most_recent, rng), start, end, ""))
                    avoid.add(id(unit))
                    break
        return earlier + rows

    def _origin(self, node, rank, position):
        """The old unit a merged ward's office took this person from, and the position held there."""
        rng = self.rng
        candidates = [p for p in node.predecessors if p.vf <= LAST - YEAR]
        if not candidates:
            return None
        if rank is not None and rank <= 2:
            want = 0 if rank == 0 else 1
            for origin in rng.sample(candidates, len(candidates)):
                pos, _lo, hi = data.PROFILES[origin.profile].leaders[want]
                if self.slots[origin.code, want] < hi:
                    self.slots[origin.code, want] += 1
                    return origin, _level(pos, origin)
        origin = candidates[int(rng.random() * len(candidates))]
        return origin, position_at(origin, None, position, False, rng)


def plans(tree, rng):
    """Everyone working today, unit by unit, in tree order."""
    career = Career(tree, rng)
    for node in tree.nodes:
        if not node.staff:
            continue
        for position, rank in staff_positions(node, rng):
            yield career.person(node, position, rank)
        if node.code == "HN-PLU-VP":
            yield _thinh(tree)


def _thinh(tree):
    # The person of the interchange example, with a history across the merger.
    office = tree.by_code["HN-PLU-VP"]
    rows = [
        (tree.by_code["HN-HD-PLU-VP"], "Công chức Văn hóa - Xã hội", date(2002, 9, 3).toordinal(),
         date(2008, 2, 29).toordinal(), ""),
        (tree.by_code["HN-HD-PL-VP"], "Công chức Văn hóa - Xã hội", date(2008, 3, 1).toordinal(), LAST, ""),
        (office, "Chuyên viên", MERGE, None, MOVE_NOTE),
    ]
    return SPECIAL_NAME, Gender.FEMALE, date(1980, 2, 1), "Chuyên viên", office, rows


def write(tree, rng, say=None, chunk=5000) -> tuple[int, int]:
    """Insert people and their work histories in chunks; returns (people, rows)."""
    n_people = n_rows = 0
    batch = []
    for plan in plans(tree, rng):
        batch.append(plan)
        if len(batch) >= chunk:
            n_rows += _write_chunk(batch, n_people)
            n_people += len(batch)
            batch = []
            reset_queries()  # under DEBUG Django keeps every statement, and these are large
            if say and n_people % 25000 < chunk:
                say(f"  … {n_people:,} cán bộ".replace(",", "."))
    if batch:
        n_rows += _write_chunk(batch, n_people)
        n_people += len(batch)
    return n_people, n_rows


def _write_chunk(batch, offset) -> int:
    people = []
    for i, (name, gender, birth, position, node, _rows) in enumerate(batch, offset + 1):
        person = Person(code=f"CB{i:06d}", full_name=name, gender=gender, birth_date=birth,
                        position=position, unit_id=node.pk)
        person.fill_derived()
        people.append(person)
    Person.objects.bulk_create(people, batch_size=2000)
    rows = [
        Employment(person_id=person.pk, unit_id=unit.pk, position=pos, start=date.fromordinal(start),
                   end=date.fromordinal(end) if end else None, note=note)
        for person, plan in zip(people, batch)
        for unit, pos, start, end, note in plan[5]
    ]
    Employment.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
