"""A cluster's ranking on hand-scored data: the average of the others' totals, the self score kept apart, a tie
broken by the regular criteria and said in words; a full tie falls to the unit's code and says the cluster must
look again."""

from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

from clusters import actions, ranking
from clusters.models import Status

from tdkt.testing.clusters import make_cluster, score_all


def test_ranking_on_hand_scored_data_with_a_tie(world):
    s = make_cluster(world)
    score_all(s)
    results = actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    got = [(r.unit.name, r.rank, ranking.points(r.score)) for r in results]
    assert got == [("Phường Kiến Hưng", 1, "85"), ("Phường Yên Nghĩa", 2, "85"), ("Phường Phú Lương", 3, "82"),
                   ("Phường Dương Nội", 4, "73,33")]
    members = {m.unit.code: m for m in s.cluster.members.select_related("unit")}
    assert members["HN-KH"].rank == 1 and members["HN-KH"].score == Decimal("85.00")
    # The self score is kept beside, never counted: Phú Lương gave itself 101.
    assert members["HN-PLU"].self_score == Decimal("101.00") and members["HN-PLU"].score == Decimal("82.00")
    assert members["HN-KH"].rank_note == ("Bằng 85 điểm với Phường Yên Nghĩa; xếp trên vì điểm các tiêu chí cơ bản "
                                          "(không tính điểm thưởng, điểm trừ) cao hơn: 85,33 so với 82,33.")
    assert members["HN-YN"].rank_note.startswith("Bằng 85 điểm với Phường Kiến Hưng; xếp sau vì")
    assert members["HN-PLU"].rank_note == "" and members["HN-DN"].rank_note == ""
    s.cluster.refresh_from_db()
    assert s.cluster.status == Status.CLOSED
    assert s.cluster.rule["value"]["method"] == "others_average" and s.cluster.rule["status"] == "partial"
    assert "Điều 26 Luật Thi đua, khen thưởng 2022" in s.cluster.rule["legal_basis"]


def test_the_penalty_row_takes_points_away(world):
    s = make_cluster(world)
    score_all(s)
    # Dương Nội's total for Kiến Hưng: 50 + 36 + 0 − 1 = 85 (not 87).
    from clusters.selectors import matrix

    m = matrix(s.cluster)
    row = next(r for r in m["rows"] if r["unit"].code == "HN-KH")
    by_scorer = {c["scorer"].code: c["shown"] for c in row["cells"]}
    assert by_scorer == {"HN-PLU": "85", "HN-YN": "85", "HN-KH": "103", "HN-DN": "85"}


def _u(pk, code, name):
    return SimpleNamespace(pk=pk, code=code, name=name)


def _score(scorer, scored, criterion, points):
    return SimpleNamespace(scorer_id=scorer, scored_id=scored, criterion_id=criterion, points=Decimal(points))


def test_a_full_tie_falls_to_the_unit_code_and_says_so():
    units = [_u(1, "X2", "Phường X2"), _u(2, "X1", "Phường X1"), _u(3, "X3", "Phường X3")]
    criteria = [SimpleNamespace(pk=10, kind="regular")]
    scores = [_score(a, b, 10, p) for a, b, p in [(1, 2, "9"), (3, 2, "9"), (2, 1, "9"), (3, 1, "9"),
                                                  (1, 3, "5"), (2, 3, "6")]]
    rule = {"method": "others_average", "tie_break": ["base_points", "lowest_received"]}
    results = ranking.rank(units, criteria, scores, rule)
    assert [r.unit.code for r in results] == ["X1", "X2", "X3"]
    assert results[0].note.endswith("xếp theo mã đơn vị (X1 trước X2): cụm cần bình xét lại.")
    assert results[2].score == Fraction(11, 2) and results[2].note == ""


def test_lowest_received_breaks_a_tie_the_regular_criteria_leave():
    units = [_u(1, "A", "A"), _u(2, "B", "B"), _u(3, "C", "C"), _u(4, "D", "D")]
    criteria = [SimpleNamespace(pk=10, kind="regular")]
    # A receives 8, 8, 8; B receives 6, 9, 9: both 8 on average, A's lowest (8) beats B's (6).
    scores = [_score(a, 1, 10, p) for a, p in [(2, "8"), (3, "8"), (4, "8")]] + \
             [_score(a, 2, 10, p) for a, p in [(1, "6"), (3, "9"), (4, "9")]]
    results = ranking.rank(units, criteria, scores, {"method": "others_average",
                                                      "tie_break": ["base_points", "lowest_received"]})
    assert [r.unit.code for r in results][:2] == ["A", "B"]
    assert results[0].note == ("Bằng 8 điểm với B; xếp trên vì điểm thấp nhất nhận được từ một đơn vị chấm cao hơn: "
                               "8 so với 6.")
    assert [r.unit.code for r in results][2:] == ["C", "D"] and results[2].note == "Chưa có điểm của đơn vị khác chấm."


def test_all_average_counts_the_self_score():
    units = [_u(1, "A", "A"), _u(2, "B", "B")]
    criteria = [SimpleNamespace(pk=10, kind="regular")]
    scores = [_score(1, 1, 10, "10"), _score(2, 1, 10, "6"), _score(2, 2, 10, "7"), _score(1, 2, 10, "7")]
    others = ranking.rank(units, criteria, scores, {"method": "others_average", "tie_break": []})
    both = ranking.rank(units, criteria, scores, {"method": "all_average", "tie_break": []})
    assert [(r.unit.code, ranking.points(r.score)) for r in others] == [("B", "7"), ("A", "6")]
    assert [(r.unit.code, ranking.points(r.score)) for r in both] == [("A", "8"), ("B", "7")]


def test_the_report_reads_each_clusters_ranking(world):
    from clusters.selectors import report_section

    s = make_cluster(world)
    assert report_section(world.city, s.cluster.year)["table"]["rows"][0][1] is None  # not closed: no rank yet
    score_all(s)
    actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    actions.cluster_propose(acting_user=s.officers["A"], cluster=s.cluster)
    table = report_section(world.city, s.cluster.year)["table"]
    assert [row[1:] for row in table["rows"]] == [
        [1, "Phường Kiến Hưng", 85.0, "Cờ thi đua cấp bộ, ban, ngành, tỉnh"],
        [2, "Phường Yên Nghĩa", 85.0, "Bằng khen cấp bộ, ban, ngành, tỉnh"],
        [3, "Phường Phú Lương", 82.0, "Bằng khen cấp bộ, ban, ngành, tỉnh"], [4, "Phường Dương Nội", 73.33, ""]]
    assert report_section(world.city, s.cluster.year - 1) is None
    assert report_section(world.ward_a, s.cluster.year) is None
