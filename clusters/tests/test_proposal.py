"""The cluster proposes its leaders and the office opens the dossier's lines: the first for the city's Cờ thi đua,
the next two for its Bằng khen (rulebook cluster_proposal), in one year-end dossier of the city sent to the city's
chairman; a second cluster of the same year adds its lines to the same draft; next year's head by rotation."""

import pytest
from django.core.exceptions import PermissionDenied

from clusters import actions, selectors
from clusters.models import Status
from dossiers.models import Kind as DossierKind, Line

from tdkt.testing.clusters import make_cluster, score_all


def _closed(world):
    s = make_cluster(world)
    score_all(s)
    actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    return s


def test_the_proposal_opens_the_right_lines(world):
    s = _closed(world)
    with pytest.raises(PermissionDenied):
        actions.cluster_propose(acting_user=s.officers["B"], cluster=s.cluster)
    chosen = actions.cluster_propose(acting_user=s.officers["A"], cluster=s.cluster, note="Cụm thống nhất 4/4")
    assert [(m.unit.name, m.proposed_award.code) for m in chosen] == [
        ("Phường Kiến Hưng", "CO_TINH"), ("Phường Yên Nghĩa", "BK_TINH"), ("Phường Phú Lương", "BK_TINH")]
    # The head proposes; only the level's office opens lines in the city's dossier.
    with pytest.raises(PermissionDenied, match="Chỉ cơ quan thường trực của Thành phố Hà Nội"):
        actions.proposal_open_lines(acting_user=s.officers["A"], cluster=s.cluster)
    dossier = actions.proposal_open_lines(acting_user=s.office, cluster=s.cluster)
    assert (dossier.unit, dossier.authority, dossier.year, dossier.kind) == (world.city, world.city, s.cluster.year,
                                                                           DossierKind.REGULAR)
    lines = list(Line.objects.filter(dossier=dossier).select_related("unit", "award_type").order_by("position"))
    assert [(ln.unit.name, ln.award_type.code, ln.recipient_kind) for ln in lines] == [
        ("Phường Kiến Hưng", "CO_TINH", "collective"), ("Phường Yên Nghĩa", "BK_TINH", "collective"),
        ("Phường Phú Lương", "BK_TINH", "collective")]
    assert lines[0].summary == (f"Dẫn đầu Cụm thi đua số 1 năm {s.cluster.year} (85 điểm, trung bình điểm các đơn vị "
                                "khác trong cụm chấm).")
    assert lines[1].summary.startswith(f"Xếp thứ 2/4 Cụm thi đua số 1 năm {s.cluster.year} (85 điểm")
    s.cluster.refresh_from_db()
    assert s.cluster.status == Status.OPENED and s.cluster.dossier == dossier
    assert {m.unit.code: m.line_id for m in s.cluster.members.select_related("unit")} == {
        "HN-KH": lines[0].pk, "HN-YN": lines[1].pk, "HN-PLU": lines[2].pk, "HN-DN": None}
    assert list(s.cluster.events.values_list("verb", flat=True)) == [
        "create", "criteria", "lock", "score", "score", "score", "score", "close", "propose", "open_lines"]


def test_a_second_cluster_adds_to_the_same_draft_dossier(world):
    from datetime import date

    from org.models import Role
    from tdkt.testing import unit, user

    s = _closed(world)
    actions.cluster_propose(acting_user=s.officers["A"], cluster=s.cluster)
    first = actions.proposal_open_lines(acting_user=s.office, cluster=s.cluster)
    agency1 = unit("HN-SXD", "Sở Xây dựng", "agency", world.city, valid_from=date(2025, 3, 1))
    agency2 = unit("HN-SGTVT", "Sở Giao thông vận tải", "agency", world.city, valid_from=date(2025, 3, 1))
    o1, o2 = user("sxd", Role.UNIT_OFFICER, agency1), user("sgt", Role.UNIT_OFFICER, agency2)
    block = actions.cluster_create(acting_user=s.office, level=world.city, year=s.cluster.year, kind="khoi",
                                   name="Khối các sở quản lý đô thị", members=[agency1, agency2], head=agency2)
    [k] = actions.criteria_save(acting_user=s.office, cluster=block, rows=[{"name": "Nhiệm vụ", "max_points": "100"}])
    actions.criteria_lock(acting_user=o2, cluster=block)
    for officer, me, other, mine, theirs in [(o1, agency1, agency2, "90", "80"), (o2, agency2, agency1, "95", "88")]:
        actions.scores_save(acting_user=officer, cluster=block, scorer=me,
                            points={(me.pk, k.pk): mine, (other.pk, k.pk): theirs})
    results = actions.scoring_close(acting_user=o2, cluster=block)
    assert [(r.unit.name, str(r.score_decimal)) for r in results] == [("Sở Xây dựng", "88.00"), ("Sở Giao thông vận tải", "80.00")]
    actions.cluster_propose(acting_user=o2, cluster=block)
    second = actions.proposal_open_lines(acting_user=s.office, cluster=block)
    assert second == first
    assert Line.objects.filter(dossier=first).count() == 5


def test_next_years_head_passes_on_by_rotation(world):
    s = make_cluster(world)
    assert selectors.suggested_head(s.cluster) == s.wards["B"]
    new = actions.cluster_next_year(acting_user=s.office, cluster=s.cluster)
    assert (new.year, new.head, new.deputy, new.previous) == (s.cluster.year + 1, s.wards["B"], s.wards["A"], s.cluster)
    assert [m.unit for m in new.members.order_by("position")] == [s.wards[k] for k in "ABCD"]
    assert [k.name for k in new.criteria.all()] == [k.name for k in s.cluster.criteria.all()]
    assert new.status == Status.FORMING
    # The last head's successor is the first again.
    new.head = s.wards["D"]
    assert selectors.suggested_head(new) == s.wards["A"]


def test_a_ward_office_forms_a_block_of_its_agencies_and_proposes_a_giay_khen(world):
    from core.years import review_year

    office = world.users["ward_specialist"]
    assert [u.code for u in selectors.levels_for(office)] == ["HN-PLU"]
    assert {u.code for u in selectors.candidates(world.ward_a, review_year())} == {"HN-PLU-VP", "HN-PLU-THCS"}
    block = actions.cluster_create(acting_user=office, level=world.ward_a, year=review_year(), kind="khoi",
                                   name="Khối cơ quan, trường học", members=[world.office_a, world.school_a],
                                   head=world.school_a)
    [k] = actions.criteria_save(acting_user=office, cluster=block, rows=[{"name": "Nhiệm vụ", "max_points": "100"}])
    actions.criteria_lock(acting_user=office, cluster=block)
    for me, other, mine, theirs in [(world.office_a, world.school_a, "90", "92"), (world.school_a, world.office_a, "95", "88")]:
        actions.scores_save(acting_user=office, cluster=block, scorer=me, points={(me.pk, k.pk): mine, (other.pk, k.pk): theirs})
    actions.scoring_close(acting_user=office, cluster=block)
    # At a ward the rulebook names a Giấy khen of the ward's chairman, for the leader and the next ones.
    chosen = actions.cluster_propose(acting_user=office, cluster=block)
    assert [(m.rank, m.unit, m.proposed_award.code) for m in chosen] == [(1, world.school_a, "GK"), (2, world.office_a, "GK")]
    dossier = actions.proposal_open_lines(acting_user=office, cluster=block)
    assert (dossier.unit, dossier.authority) == (world.ward_a, world.ward_a)
    assert [(ln.unit, ln.award_type.code) for ln in dossier.lines.order_by("position")] == [
        (world.school_a, "GK"), (world.office_a, "GK")]
