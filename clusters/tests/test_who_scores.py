"""Who may score what: a member scores for itself only (or the office for it), a unit outside the cluster cannot
score nor be scored, nothing is scored before the table is locked nor changed after the head closes; points
outside a criterion's range are refused naming the unit and the criterion, and nothing of the form is kept."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from clusters import actions, ranking, selectors
from clusters.models import Score
from clusters.workflow import StepRefused
from org.models import Role
from tdkt.testing import unit, user

from tdkt.testing.clusters import make_cluster, score_all


def _points(s, scored, values):
    return {(s.wards[scored].pk, s.criteria[k].pk): v for k, v in zip(["k1", "k2", "bonus", "penalty"], values)}


def test_a_ward_scores_for_itself_not_for_another_member(world):
    s = make_cluster(world)
    actions.scores_save(acting_user=s.officers["B"], cluster=s.cluster, scorer=s.wards["B"],
                        points=_points(s, "A", ["50", "30", "0", "0"]))
    with pytest.raises(PermissionDenied, match="không có quyền chấm điểm thay Phường Phú Lương"):
        actions.scores_save(acting_user=s.officers["B"], cluster=s.cluster, scorer=s.wards["A"],
                            points=_points(s, "B", ["60", "40", "5", "0"]))
    assert not Score.objects.filter(scorer=s.wards["A"]).exists()


def test_a_unit_outside_the_cluster_cannot_score_nor_be_scored(world):
    s = make_cluster(world)
    outside = unit("HN-HDG", "Phường Hà Đông", "commune", world.city, valid_from=date(2025, 7, 1))
    officer = user("officer_e", Role.UNIT_OFFICER, outside)
    with pytest.raises(PermissionDenied, match="Phường Hà Đông không thuộc Cụm thi đua số 1"):
        actions.scores_save(acting_user=officer, cluster=s.cluster, scorer=outside,
                            points=_points(s, "A", ["10", "10", "0", "0"]))
    with pytest.raises(ValidationError, match="không thuộc Cụm thi đua số 1"):
        actions.scores_save(acting_user=s.officers["A"], cluster=s.cluster, scorer=s.wards["A"],
                            points={(outside.pk, s.criteria["k1"].pk): "10"})
    # Nor does its officer see the cluster at all.
    with pytest.raises(Http404):
        selectors.cluster_get_for_user(officer, s.cluster.pk)
    assert not Score.objects.exists()


def test_nothing_is_scored_before_the_table_is_locked(world):
    s = make_cluster(world, lock=False)
    with pytest.raises(StepRefused, match="Đang lập bảng tiêu chí"):
        actions.scores_save(acting_user=s.officers["A"], cluster=s.cluster, scorer=s.wards["A"],
                            points=_points(s, "A", ["50", "30", "0", "0"]))


def test_only_the_head_or_the_office_locks_the_table(world):
    s = make_cluster(world, lock=False)
    with pytest.raises(PermissionDenied, match="Chỉ cụm trưởng"):
        actions.criteria_lock(acting_user=s.officers["B"], cluster=s.cluster)
    actions.criteria_lock(acting_user=s.officers["A"], cluster=s.cluster)
    with pytest.raises(StepRefused):
        actions.criteria_save(acting_user=s.office, cluster=s.cluster, rows=[{"name": "Mới", "max_points": "10"}])


def test_points_out_of_range_are_refused_naming_where_and_nothing_is_kept(world):
    s = make_cluster(world)
    with pytest.raises(ValidationError) as e:
        actions.scores_save(acting_user=s.officers["A"], cluster=s.cluster, scorer=s.wards["A"], points={
            **_points(s, "B", ["50", "41", "0", "0"]), **_points(s, "C", ["abc", "30", "0", "6"]),
            **_points(s, "D", ["8,555", "30", "0", "0"])})
    text = " ".join(e.value.messages)
    assert "Phường Yên Nghĩa, “Công tác thi đua, khen thưởng”: điểm phải từ 0 đến 40, không phải 41." in text
    assert "Phường Kiến Hưng, “Thực hiện nhiệm vụ kinh tế - xã hội”: “abc” không phải là số điểm." in text
    assert "Phường Kiến Hưng, “Vi phạm, chậm báo cáo”: điểm trừ phải từ 0 đến 5, không phải 6." in text
    assert "8,555: điểm chỉ lấy đến hai chữ số thập phân" in text
    assert not Score.objects.exists()


def test_scores_cannot_change_after_the_head_closes(world):
    s = make_cluster(world)
    score_all(s)
    actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    with pytest.raises(StepRefused, match="Đã kết thúc chấm điểm"):
        actions.scores_save(acting_user=s.officers["D"], cluster=s.cluster, scorer=s.wards["D"],
                            points=_points(s, "D", ["60", "40", "5", "0"]))
    kept = Score.objects.get(scorer=s.wards["D"], scored=s.wards["A"], criterion=s.criteria["k1"])
    assert kept.points == Decimal("54")


def test_the_head_cannot_close_while_a_member_has_not_scored(world):
    s = make_cluster(world)
    score_all(s, only="ABC")
    with pytest.raises(ValidationError, match="Phường Dương Nội chưa chấm Phường Phú Lương \\(0/4 tiêu chí\\)"):
        actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    with pytest.raises(PermissionDenied):
        actions.scoring_close(acting_user=s.officers["C"], cluster=s.cluster)


def test_a_self_score_keeps_its_note_and_evidence_checked_by_content(world, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    s = make_cluster(world)
    pdf = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%...\n", content_type="application/pdf")
    actions.scores_save(acting_user=s.officers["A"], cluster=s.cluster, scorer=s.wards["A"],
                        points=_points(s, "A", ["58", "38", "5", "0"]),
                        notes={s.criteria["bonus"].pk: "Mô hình “Chợ 4.0”"}, evidence={s.criteria["bonus"].pk: pdf})
    own = Score.objects.get(scorer=s.wards["A"], scored=s.wards["A"], criterion=s.criteria["bonus"])
    assert own.note == "Mô hình “Chợ 4.0”" and own.evidence_name == "bao-cao.pdf" and own.evidence.name
    with pytest.raises(ValidationError, match="Giải trình, minh chứng “Công tác thi đua, khen thưởng”: hãy nhập điểm tự"):
        actions.scores_save(acting_user=s.officers["A"], cluster=s.cluster, scorer=s.wards["A"],
                            points={(s.wards["A"].pk, s.criteria["k2"].pk): ""},
                            notes={s.criteria["k2"].pk: "Đã tổ chức 4 đợt thi đua"})
    assert Score.objects.filter(scorer=s.wards["A"], criterion=s.criteria["k2"]).exists()
    fake = SimpleUploadedFile("anh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Minh chứng “Mô hình mới, cách làm hay” \\(tệp “anh.pdf”\\)"):
        actions.scores_save(acting_user=s.officers["A"], cluster=s.cluster, scorer=s.wards["A"],
                            points={}, evidence={s.criteria["bonus"].pk: fake})


def test_a_unit_belongs_to_one_cluster_of_a_level_a_year(world):
    s = make_cluster(world)
    with pytest.raises(ValidationError, match="Phường Phú Lương đã thuộc Cụm thi đua số 1"):
        actions.cluster_create(acting_user=s.office, level=world.city, year=s.cluster.year, name="Cụm thi đua số 2",
                               members=[s.wards["A"], world.ward_b], head=s.wards["A"])
    with pytest.raises(PermissionDenied, match="Chỉ cơ quan thường trực"):
        actions.cluster_create(acting_user=s.officers["A"], level=world.city, year=s.cluster.year + 1,
                               name="Cụm thi đua số 2", members=[s.wards["A"], world.ward_b], head=s.wards["A"])


def test_the_office_changes_the_members_until_the_table_is_locked(world):
    s = make_cluster(world, lock=False)
    actions.cluster_update(acting_user=s.office, cluster=s.cluster, name="Cụm thi đua số 1", kind="cum",
                           members=[s.wards[k] for k in "ABC"], head=s.wards["C"], deputy=s.wards["A"])
    s.cluster.refresh_from_db()
    assert [m.unit for m in s.cluster.members.order_by("position")] == [s.wards[k] for k in "ABC"]
    assert s.cluster.head == s.wards["C"]
    edit = s.cluster.events.get(verb="edit")
    assert edit.data["changes"]["Cụm trưởng"] == ["Phường Phú Lương", "Phường Kiến Hưng"]
    with pytest.raises(ValidationError, match="Phường Dương Nội không có trong danh sách đơn vị của cụm"):
        actions.cluster_update(acting_user=s.office, cluster=s.cluster, name="Cụm thi đua số 1", kind="cum",
                               members=[s.wards[k] for k in "ABC"], head=s.wards["D"])
    with pytest.raises(PermissionDenied):
        actions.cluster_update(acting_user=s.officers["C"], cluster=s.cluster, name="Cụm của tôi", kind="cum",
                               members=[s.wards[k] for k in "ABC"], head=s.wards["C"])
    actions.criteria_lock(acting_user=s.officers["C"], cluster=s.cluster)
    with pytest.raises(StepRefused, match="Đang chấm điểm"):
        actions.cluster_update(acting_user=s.office, cluster=s.cluster, name="Cụm thi đua số 1", kind="cum",
                               members=[s.wards[k] for k in "ABCD"], head=s.wards["C"])


def test_hostile_text_is_kept_as_text(world):
    s = make_cluster(world, lock=False)
    [k] = actions.criteria_save(acting_user=s.office, cluster=s.cluster, rows=[
        {"name": "<script>alert(1)</script>\x00 Nhiệm vụ", "kind": "regular", "max_points": "10"}])
    assert k.name == "<script>alert(1)</script> Nhiệm vụ"
    from django.test import Client

    client = Client()
    client.force_login(s.office)
    body = client.get(f"/cum-thi-dua/{s.cluster.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    with pytest.raises(ValidationError, match="Dòng 1: loại tiêu chí không hợp lệ"):
        actions.criteria_save(acting_user=s.office, cluster=s.cluster, rows=[{"name": "X", "kind": "drop table",
                                                                               "max_points": "1"}])
    for bad in ("1e400", "NaN", "-5", "Infinity"):
        with pytest.raises(ValidationError):
            actions.criteria_save(acting_user=s.office, cluster=s.cluster, rows=[{"name": "X", "max_points": bad}])


def test_the_office_reopens_scoring_with_a_reason_before_the_proposal(world):
    s = make_cluster(world)
    score_all(s)
    actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    with pytest.raises(PermissionDenied, match="Chỉ cơ quan thường trực của Thành phố Hà Nội"):
        actions.scoring_reopen(acting_user=s.officers["A"], cluster=s.cluster, reason="Chấm nhầm cột")
    with pytest.raises(ValidationError, match="Cần ghi lý do mở lại chấm điểm"):
        actions.scoring_reopen(acting_user=s.office, cluster=s.cluster, reason="  ")
    actions.scoring_reopen(acting_user=s.office, cluster=s.cluster, reason="Phường Dương Nội chấm nhầm cột")
    s.cluster.refresh_from_db()
    assert s.cluster.status == "scoring" and s.cluster.closed_at is None
    assert set(s.cluster.members.values_list("rank", flat=True)) == {None}
    # Dương Nội mends Phú Lương's first criterion (54 → 60): Phú Lương now averages 84 and still ranks third.
    actions.scores_save(acting_user=s.officers["D"], cluster=s.cluster, scorer=s.wards["D"],
                        points={(s.wards["A"].pk, s.criteria["k1"].pk): "60"})
    results = actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    assert [(r.unit.code, ranking.points(r.score)) for r in results] == [
        ("HN-KH", "85"), ("HN-YN", "85"), ("HN-PLU", "84"), ("HN-DN", "73,33")]
    reopen = s.cluster.events.get(verb="reopen")
    assert reopen.reason == "Phường Dương Nội chấm nhầm cột" and reopen.to_status == "scoring"
    actions.cluster_propose(acting_user=s.officers["A"], cluster=s.cluster)
    with pytest.raises(StepRefused):
        actions.scoring_reopen(acting_user=s.office, cluster=s.cluster, reason="Muộn")
