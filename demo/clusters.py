"""The city's emulation clusters and blocks of the year under review, taken through clusters.actions as users would.

- Cụm thi đua số 5 (the south-western wards, formerly of Hà Đông): Phú Lương is its head (the demo login
  ``phuluong``), Yên Nghĩa its deputy; every ward has scored itself and the others, Phú Lương closed the scoring,
  proposed its leader for the city's Cờ thi đua and the next two for the city's Bằng khen, and the city's office
  (``sonoivu``) opened their lines in a year-end dossier of the city.
- Cụm thi đua số 3 (the central wards): scored and closed; the proposal waits for its head.
- Khối các sở, cơ quan thuộc Thành phố (departments): its table locked, three of four have scored.

Points come from ``random.Random(seed)`` around a level per unit, in half points, so the same seed gives the same
ranking. Wards without an account are scored by the city's office for them (it holds their ``submit`` duty).
"""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from clusters import actions
from core.years import review_year
from org.models import Unit

CRITERIA = [
    ("Thực hiện các chỉ tiêu kinh tế - xã hội, quốc phòng - an ninh được giao", "regular", 40),
    ("Cải cách hành chính, chuyển đổi số", "regular", 20),
    ("Tổ chức phong trào thi đua, khen thưởng; phát hiện, nhân rộng điển hình tiên tiến", "regular", 20),
    ("Xây dựng hệ thống chính trị, chính quyền, đoàn thể vững mạnh", "regular", 20),
    ("Mô hình mới, cách làm hay được Thành phố ghi nhận", "bonus", 5),
    ("Chậm, thiếu báo cáo; vi phạm bị cấp có thẩm quyền xử lý", "penalty", 5),
]

CLUSTERS = [
    # name, kind, member codes (rotation order), head, deputy, how far it goes
    ("Cụm thi đua số 5 (các phường phía Tây Nam)", "cum", ["HN-PLU", "HN-YN", "HN-HD2", "HN-DN", "HN-KH"],
     "HN-PLU", "HN-YN", "opened"),
    ("Cụm thi đua số 3 (các phường trung tâm)", "cum", ["HN-TX2", "HN-KD", "HN-PLI", "HN-HBT2", "HN-VT", "HN-BM"],
     "HN-HBT2", "HN-TX2", "closed"),
    ("Khối các sở, cơ quan thuộc Thành phố", "khoi", ["HN-SNV", "HN-VP", "HN-SGD", "HN-SYT"], "HN-SGD", "HN-SYT",
     "scoring"),
]
ACCOUNTS = {"HN-PLU": "phuluong", "HN-YN": "yennghia"}


def _half(x: float, top: int) -> Decimal:
    return Decimal(str(min(max(round(x * 2) / 2, 0), top)))


def build_clusters(seed: int = 2025) -> dict:
    rng = random.Random(seed * 31 + 5)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["sonoivu", *ACCOUNTS.values()])}
    office = users.get("sonoivu")
    city = Unit.objects.filter(code="HN").first()
    if office is None or city is None:
        return {"clusters": 0, "scores": 0, "lines": 0}
    year = review_year()
    made = {"clusters": 0, "scores": 0, "lines": 0}
    for name, kind, codes, head_code, deputy_code, goal in CLUSTERS:
        units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
        if len(units) != len(codes):
            continue
        members = [units[c] for c in codes]
        c = actions.cluster_create(acting_user=office, level=city, year=year, name=name, kind=kind, members=members,
                                   head=units[head_code], deputy=units[deputy_code])
        made["clusters"] += 1
        criteria = actions.criteria_save(acting_user=office, cluster=c, rows=[
            {"name": n, "kind": k, "max_points": str(top)} for n, k, top in CRITERIA])
        head_user = users.get(ACCOUNTS.get(head_code, ""), office)
        actions.criteria_lock(acting_user=head_user, cluster=c)
        # How well each unit did (a share of each maximum), and how generous each scorer is.
        level = {u.pk: rng.uniform(0.78, 0.95) for u in members}
        scorers = members if goal != "scoring" else members[:3]
        for scorer in scorers:
            lean = rng.uniform(-0.03, 0.03)
            points, notes = {}, {}
            for scored in members:
                own = 0.04 if scored.pk == scorer.pk else 0.0  # units score themselves a little higher
                for k in criteria:
                    if k.kind == "regular":
                        value = _half(float(k.max_points) * (level[scored.pk] + lean + own + rng.uniform(-0.04, 0.04)),
                                      int(k.max_points))
                    elif k.kind == "bonus":
                        value = _half(rng.choice([0, 0, 1, 2, 3]) if level[scored.pk] > 0.86 else 0, int(k.max_points))
                    else:
                        value = _half(rng.choice([0, 0, 0, 0.5, 1]), int(k.max_points))
                    points[(scored.pk, k.pk)] = value
            bonus = next(k for k in criteria if k.kind == "bonus")
            if points[(scorer.pk, bonus.pk)]:
                notes[bonus.pk] = "Mô hình “Tổ dân phố không rác thải nhựa” được Thành phố biểu dương"
            made["scores"] += actions.scores_save(acting_user=users.get(ACCOUNTS.get(scorer.code, ""), office),
                                                  cluster=c, scorer=scorer, points=points, notes=notes)
        if goal == "scoring":
            continue
        actions.scoring_close(acting_user=head_user, cluster=c)
        if goal == "opened":
            actions.cluster_propose(acting_user=head_user, cluster=c,
                                    note="Cụm đã họp bình xét, thống nhất 5/5 đơn vị.")
            dossier = actions.proposal_open_lines(acting_user=office, cluster=c)
            made["lines"] = dossier.lines.count()
    return made
