"""What the cluster tests share: two more wards with their officers beside the small city's two (tdkt.testing),
a four-member cluster of the city with a hand-made scoring table, and the hand-scored points of the ranking test."""

from dataclasses import dataclass
from datetime import date

from core.years import review_year
from org.models import Role
from tdkt.testing import unit, user

from clusters import actions


@dataclass
class Setup:
    cluster: object
    wards: dict       # "A".."D" → Unit
    officers: dict    # "A".."D" → user (unit officer of that ward)
    criteria: dict    # "k1", "k2", "bonus", "penalty" → Criterion
    office: object    # the city's standing office


def wards_and_officers(world):
    ward_c = unit("HN-KH", "Phường Kiến Hưng", "commune", world.city, valid_from=date(2025, 7, 1))
    ward_d = unit("HN-DN", "Phường Dương Nội", "commune", world.city, valid_from=date(2025, 7, 1))
    wards = {"A": world.ward_a, "B": world.ward_b, "C": ward_c, "D": ward_d}
    officers = {"A": world.users["officer_a"], "B": world.users["officer_b"],
                "C": user("officer_c", Role.UNIT_OFFICER, ward_c), "D": user("officer_d", Role.UNIT_OFFICER, ward_d)}
    return wards, officers


def make_cluster(world, *, lock=True, year=None, name="Cụm thi đua số 1") -> Setup:
    wards, officers = wards_and_officers(world)
    office = world.users["specialist"]
    c = actions.cluster_create(acting_user=office, level=world.city, year=year or review_year(), name=name,
                               members=[wards[k] for k in "ABCD"], head=wards["A"], deputy=wards["B"])
    made = actions.criteria_save(acting_user=office, cluster=c, rows=[
        {"name": "Thực hiện nhiệm vụ kinh tế - xã hội", "kind": "regular", "max_points": "60"},
        {"name": "Công tác thi đua, khen thưởng", "kind": "regular", "max_points": "40"},
        {"name": "Mô hình mới, cách làm hay", "kind": "bonus", "max_points": "5"},
        {"name": "Vi phạm, chậm báo cáo", "kind": "penalty", "max_points": "5"},
    ])
    if lock:
        actions.criteria_lock(acting_user=officers["A"], cluster=c)
    c.refresh_from_db()
    return Setup(c, wards, officers, dict(zip(["k1", "k2", "bonus", "penalty"], made)), office)


# Hand-scored: GIVEN[scorer][scored] = (k1, k2, bonus, penalty). Totals from the others (bonus added, penalty taken
# away), counted by hand:
#   A: 80, 82, 84          → 82
#   B: 85, 85, 85          → 85   (regular criteria only: 80, 85, 82 → 82,33)
#   C: 85, 85, 85          → 85   (regular criteria only: 85, 85, 86 → 85,33) → C before B
#   D: 70, 75, 75          → 73,33
GIVEN = {
    "A": {"A": (58, 38, 5, 0), "B": (50, 30, 5, 0), "C": (55, 30, 0, 0), "D": (40, 30, 0, 0)},
    "B": {"A": (50, 30, 0, 0), "B": (55, 38, 2, 0), "C": (50, 35, 0, 0), "D": (45, 30, 0, 0)},
    "C": {"A": (52, 30, 0, 0), "B": (50, 35, 0, 0), "C": (59, 39, 5, 0), "D": (44, 30, 1, 0)},
    "D": {"A": (54, 30, 0, 0), "B": (48, 34, 3, 0), "C": (50, 36, 0, 1), "D": (60, 40, 5, 0)},
}


def score_all(s: Setup, given=GIVEN, only=None):
    for scorer, row in given.items():
        if only and scorer not in only:
            continue
        points = {}
        for scored, values in row.items():
            for key, value in zip(["k1", "k2", "bonus", "penalty"], values):
                points[(s.wards[scored].pk, s.criteria[key].pk)] = str(value)
        actions.scores_save(acting_user=s.officers[scorer], cluster=s.cluster, scorer=s.wards[scorer], points=points)
