"""The unit tree of the demo: planned in memory, then written in bulk.

Calling treebeard's ``add_child`` once per node costs several queries each
(it locks and re-reads the parent); for thousands of units we compute the
materialised paths ourselves, with treebeard's own ``_get_path`` so the format
stays treebeard's, and insert with ``bulk_create``.
"""

from dataclasses import dataclass, field
from datetime import date

from core.text import fold
from org.models import Unit, UnitKind

from . import data

FAR_FUTURE = date.max.toordinal()


@dataclass(eq=False, slots=True)
class Node:
    code: str
    name: str
    kind: str
    role: str                      # province, city_agency, district, district_agency, old_ward,
                                   # old_office, new_ward, new_office, school, health, group
    parent: "Node | None" = None
    valid_from: date | None = None
    valid_to: date | None = None
    profile: str = ""              # data.PROFILES key: who works here
    level: str = "phường"          # "phường" or "xã": how the positions of a ward office read
    staff: int = 0                 # how many people work here today
    successor: "Node | None" = None
    district: "Node | None" = None  # for old wards' units and new wards: the district they come from
    ward: "Node | None" = None      # for units under a new ward: that ward
    children: list = field(default_factory=list)
    predecessors: list = field(default_factory=list)
    places: list = field(default_factory=list)  # new wards: the place names inside them (own name first)
    path: str = ""
    depth: int = 0
    pk: int | None = None

    @property
    def vf(self) -> int:
        return self.valid_from.toordinal() if self.valid_from else 0

    @property
    def vt(self) -> int:
        return self.valid_to.toordinal() if self.valid_to else FAR_FUTURE


class Tree:
    def __init__(self):
        self.nodes: list[Node] = []
        self.by_code: dict[str, Node] = {}

    def add(self, parent, code, name, kind, role, **kw) -> Node:
        if code in self.by_code:
            raise ValueError(f"duplicate unit code {code}")
        node = Node(code=code, name=name, kind=kind, role=role, parent=parent, **kw)
        if parent is not None:
            parent.children.append(node)
        self.nodes.append(node)
        self.by_code[code] = node
        return node

    def roots(self):
        return [n for n in self.nodes if n.parent is None]


def initials(name: str) -> str:
    return "".join(word[0] for word in fold(name).upper().split())


def _random_day(rng, first_year, last_year) -> date:
    start = date(first_year, 1, 1).toordinal()
    return date.fromordinal(rng.randint(start, date(last_year, 12, 31).toordinal()))


# --- planning ---------------------------------------------------------------------

def plan(scale: str, rng) -> Tree:
    sizes = data.SIZES[scale]
    tree = Tree()
    city = tree.add(None, data.CITY_CODE, data.CITY_NAME, UnitKind.PROVINCE, "province")

    agencies = data.CITY_AGENCIES + (data.CITY_SCALE_AGENCIES if scale == "city" else ())
    for agency in agencies:
        _add_agency(tree, city, agency, sizes, rng)
    if sizes["upper_secondary"]:
        _add_upper_secondary(tree, tree.by_code["HN-SGD"], sizes, rng)

    districts = list(data.DEMO_DISTRICTS)
    new_wards = list(data.DEMO_NEW_WARDS)
    if scale == "city":
        extra_districts, extra_wards = _invent_districts(rng)
        districts += extra_districts
        new_wards += extra_wards

    # Until 30/06/2025: districts, their agencies, their wards and each ward's office.
    for d in districts:
        word = "Xã" if d.title.startswith("huyện") else "Phường"
        dnode = tree.add(city, d.code, d.name, UnitKind.DISTRICT, "district",
                         valid_from=d.valid_from, valid_to=data.LAST_DAY_BEFORE_MERGER)
        for suffix, name, profile in data.DISTRICT_AGENCIES:
            tree.add(dnode, f"{d.code}-{suffix}", name.format(district=d.title), UnitKind.AGENCY,
                     "district_agency", valid_from=d.valid_from, valid_to=data.LAST_DAY_BEFORE_MERGER,
                     profile=profile, district=dnode)
        for suffix, name, _heir in d.wards:
            ward = tree.add(dnode, f"{d.code}-{suffix}", f"{word} {name}", UnitKind.COMMUNE, "old_ward",
                            valid_to=data.LAST_DAY_BEFORE_MERGER, district=dnode, level=word.lower())
            tree.add(ward, f"{ward.code}-VP", f"Văn phòng HĐND và UBND {word.lower()} {name}", UnitKind.AGENCY,
                     "old_office", valid_to=data.LAST_DAY_BEFORE_MERGER, profile="ward_office_old",
                     district=dnode, level=word.lower())

    # From 01/07/2025: the merged wards, directly under the city.
    for code, name, district_code in new_wards:
        word = name.split(" ", 1)[0]
        ward = tree.add(city, code, name, UnitKind.COMMUNE, "new_ward", valid_from=data.MERGER_DATE,
                        district=tree.by_code[district_code], level=word.lower())
        ward.places.append(name.split(" ", 1)[1])
        tree.add(ward, f"{code}-VP", f"Văn phòng HĐND và UBND {word.lower()} {ward.places[0]}", UnitKind.AGENCY,
                 "new_office", valid_from=data.MERGER_DATE, profile="ward_office_new", ward=ward,
                 district=ward.district, level=word.lower(),
                 staff=rng.randint(*sizes["staff"]["ward_office_new"]))

    # Successors: ward → merged ward, ward office → its office, district agencies → the heir's office.
    for d in districts:
        heir_office = tree.by_code[f"{d.heir}-VP"]
        for suffix, _name, _profile in data.DISTRICT_AGENCIES:
            _succeed(tree.by_code[f"{d.code}-{suffix}"], heir_office)
        for suffix, name, new_code in d.wards:
            old = tree.by_code[f"{d.code}-{suffix}"]
            new = tree.by_code[new_code]
            _succeed(old, new)
            _succeed(tree.by_code[f"{old.code}-VP"], tree.by_code[f"{new_code}-VP"])
            if name not in new.places:
                new.places.append(name)

    # The units that went on: schools, health stations, residential groups, now under the new wards.
    for code, _name, _district in new_wards:
        _add_ward_units(tree, tree.by_code[code], sizes, rng)

    _assign_paths(tree)
    return tree


def _succeed(old: Node, new: Node):
    old.successor = new
    new.predecessors.append(old)


def _add_agency(tree, parent, agency, sizes, rng):
    node = tree.add(parent, agency.code, agency.name, UnitKind.AGENCY, "city_agency", profile=agency.profile,
                    staff=rng.randint(*sizes["staff"][agency.profile]))
    for child in agency.children:
        _add_agency(tree, node, child, sizes, rng)


def _add_upper_secondary(tree, department, sizes, rng):
    names = list(data.SCHOOL_PATRONS) + [f"{a} {b}" for a in data.PLACE_FIRST[:12] for b in data.PLACE_SECOND[:12] if a != b]
    names = rng.sample(names, sizes["upper_secondary"])
    for i, name in enumerate(names, 1):
        tree.add(department, f"HN-THPT-{i:03d}", f"Trường THPT {name}", UnitKind.SCHOOL, "school",
                 profile="upper_secondary", valid_from=_random_day(rng, 1960, 2012),
                 staff=rng.randint(*sizes["staff"]["upper_secondary"]))


def _add_ward_units(tree, ward, sizes, rng):
    staff = sizes["staff"]
    # The school named after the ward is fixed (the demo accounts name "Trường THCS Phú Lương"),
    # the others draw from the old wards' names and the usual patrons.
    for (prefix, suffix, profile), (lo, hi) in zip(data.SCHOOL_TYPES, sizes["schools"]):
        count = rng.randint(lo, hi)
        pool = list(ward.places[1:])
        rng.shuffle(pool)
        extra = list(data.KINDERGARTEN_NAMES if profile == "kindergarten" else data.SCHOOL_PATRONS)
        rng.shuffle(extra)
        names = [ward.places[0]] + pool + extra
        for i in range(count):
            tree.add(ward, f"{ward.code}-{suffix}" + (str(i + 1) if i else ""), f"{prefix} {names[i]}",
                     UnitKind.SCHOOL, "school", profile=profile, ward=ward, district=ward.district,
                     valid_from=_random_day(rng, 1990, 2015), staff=rng.randint(*staff[profile]))
    tree.add(ward, f"{ward.code}-TYT", f"Trạm Y tế {ward.level} {ward.places[0]}", UnitKind.OTHER, "health",
             profile="health", ward=ward, district=ward.district, valid_from=_random_day(rng, 1995, 2012),
             staff=rng.randint(*staff["health"]))
    label = "Tổ dân phố số" if ward.level == "phường" else "Thôn"
    for n in range(1, rng.randint(*sizes["groups"]) + 1):
        tree.add(ward, f"{ward.code}-TDP{n:02d}", f"{label} {n}", UnitKind.RESIDENTIAL_GROUP, "group",
                 profile="group", ward=ward, district=ward.district, staff=rng.randint(*staff["group"]))


def _invent_districts(rng):
    """The other 26 districts of Hà Nội, with invented ward names, and the wards they merge into."""
    taken = {name for d in data.DEMO_DISTRICTS for _s, name, _h in d.wards}
    taken |= {title.split(" ", 1)[1].removeprefix("xã ") for _c, _n, title, _k in data.CITY_SCALE_DISTRICTS}
    combos = [f"{a} {b}" for a in data.PLACE_FIRST for b in data.PLACE_SECOND if a != b and f"{a} {b}" not in taken]
    total = sum(n for *_rest, n in data.CITY_SCALE_DISTRICTS)
    names = iter(rng.sample(combos, total))
    used_codes = {code for code, _n, _d in data.DEMO_NEW_WARDS} | {d.code for d in data.DEMO_DISTRICTS}
    used_codes |= {code for code, *_rest in data.CITY_SCALE_DISTRICTS}
    districts, new_wards = [], []
    for code, name, title, n_old in data.CITY_SCALE_DISTRICTS:
        word = "Xã" if title.startswith("huyện") else "Phường"
        old = [next(names) for _ in range(n_old)]
        suffixes = []
        for ward_name in old:
            suffix = base_suffix = initials(ward_name)
            n = 2
            while suffix in suffixes or suffix in ("VP", "NV", "GD", "VH"):  # "DL" → "DL2"
                suffix = f"{base_suffix}{n}"
                n += 1
            suffixes.append(suffix)
        n_new = max(2, round(n_old / data.OLD_WARDS_PER_NEW_WARD))
        # Split the old wards into n_new neighbouring runs; each run becomes one new ward.
        cuts = sorted(rng.sample(range(1, n_old), n_new - 1))
        runs = [old[a:b] for a, b in zip([0] + cuts, cuts + [n_old])]
        heir = None
        new_of = {}
        for i, run in enumerate(runs):
            base = name.split(" ", 1)[1] if i == 0 else run[0]
            if i == 0 and title.startswith("thị xã"):
                base = name.split(" ", 2)[2]
            new_code = f"HN-{initials(base)}"
            n = 2
            while new_code in used_codes:
                new_code = f"HN-{initials(base)}{n}"
                n += 1
            used_codes.add(new_code)
            new_wards.append((new_code, f"{word} {base}", code))
            heir = heir or new_code
            for ward_name in run:
                new_of[ward_name] = new_code
        wards = tuple((s, w, new_of[w]) for s, w in zip(suffixes, old))
        districts.append(data.District(code, name, title, None, heir, wards))
    return districts, new_wards


def _assign_paths(tree: Tree):
    """treebeard's materialised paths: one 4-character base-36 step per level, siblings numbered from 1."""
    stack = []
    for i, root in enumerate(tree.roots(), 1):
        root.depth = 1
        root.path = Unit._get_path(None, 1, i)
        stack.append(root)
    while stack:
        node = stack.pop()
        for i, child in enumerate(node.children, 1):
            child.depth = node.depth + 1
            child.path = Unit._get_path(node.path, child.depth, i)
            stack.append(child)


# --- writing ----------------------------------------------------------------------

def write(tree: Tree, batch_size=1000) -> int:
    """Insert every unit; successors first, so each predecessor can point at its successor's key."""
    first = [n for n in tree.nodes if n.successor is None]
    second = [n for n in tree.nodes if n.successor is not None]
    for group in (first, second):
        units = []
        for n in group:
            unit = Unit(path=n.path, depth=n.depth, numchild=len(n.children), code=n.code, name=n.name,
                        kind=n.kind, valid_from=n.valid_from, valid_to=n.valid_to,
                        successor_id=n.successor.pk if n.successor else None)
            unit.fill_derived()
            units.append(unit)
        Unit.objects.bulk_create(units, batch_size=batch_size)
        for n, unit in zip(group, units):
            n.pk = unit.pk
    return len(tree.nodes)
