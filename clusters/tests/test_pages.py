"""The cluster's pages: the list of a year and the cluster's page seen by whom they concern (a ward outside sees
neither), the scoring form saving a unit's points and keeping what was typed when refused, the table locked, the
Excel export read back, and the page's queries not growing with the members."""

import io

from django.test import Client
from openpyxl import load_workbook

from clusters.models import Score

from tdkt.testing.clusters import make_cluster, score_all


def _client(u):
    c = Client()
    c.force_login(u)
    return c


def test_list_and_page_are_seen_by_the_cluster_and_its_level_only(world):
    from datetime import date

    from org.models import Role
    from tdkt.testing import unit, user

    s = make_cluster(world)
    outside = unit("HN-HDG", "Phường Hà Đông", "commune", world.city, valid_from=date(2025, 7, 1))
    stranger = _client(user("officer_e", Role.UNIT_OFFICER, outside))
    year = s.cluster.year
    for who in (s.office, s.officers["C"]):
        page = _client(who).get(f"/cum-thi-dua/?year={year}")
        assert "Cụm thi đua số 1" in page.content.decode()
        assert _client(who).get(f"/cum-thi-dua/{s.cluster.pk}/").status_code == 200
    assert "Cụm thi đua số 1" not in stranger.get(f"/cum-thi-dua/?year={year}").content.decode()
    assert stranger.get(f"/cum-thi-dua/{s.cluster.pk}/").status_code == 404
    assert "Lập cụm, khối thi đua" in _client(s.office).get("/cum-thi-dua/").content.decode()
    assert "+ Lập cụm, khối thi đua" not in _client(s.officers["C"]).get("/cum-thi-dua/").content.decode()


def test_the_scoring_form_saves_and_keeps_what_was_typed_when_refused(world):
    s = make_cluster(world)
    c = _client(s.officers["C"])
    url = f"/cum-thi-dua/{s.cluster.pk}/cham-diem/{s.wards['C'].pk}/"
    page = c.get(url)
    assert page.status_code == 200 and "Phường Kiến Hưng chấm điểm" in page.content.decode()
    k1, k2 = s.criteria["k1"].pk, s.criteria["k2"].pk
    bad = c.post(url, {f"p-{s.wards['C'].pk}-{k1}": "59", f"p-{s.wards['A'].pk}-{k1}": "61",
                       f"note-{k1}": "Hoàn thành 100% chỉ tiêu"})
    body = bad.content.decode()
    assert bad.status_code == 200 and "Phường Phú Lương, “Thực hiện nhiệm vụ kinh tế - xã hội”: điểm phải từ 0 đến 60, không phải 61." in body
    assert 'value="61"' in body and 'value="Hoàn thành 100% chỉ tiêu"' in body
    assert not Score.objects.exists()
    ok = c.post(url, {f"p-{s.wards['C'].pk}-{k1}": "59", f"p-{s.wards['A'].pk}-{k2}": "30,5"})
    assert ok.status_code == 302
    assert {(x.scored.code, x.criterion_id, str(x.points)) for x in Score.objects.select_related("scored")} == {
        ("HN-KH", k1, "59.00"), ("HN-PLU", k2, "30.50")}
    # Another ward's form is not this officer's.
    assert c.get(f"/cum-thi-dua/{s.cluster.pk}/cham-diem/{s.wards['A'].pk}/").status_code == 403


def test_the_criteria_form_replaces_the_table_and_names_a_bad_row(world):
    s = make_cluster(world, lock=False)
    c = _client(s.officers["A"])
    url = f"/cum-thi-dua/{s.cluster.pk}/tieu-chi/"
    bad = c.post(url, {"name": ["Nhiệm vụ chính", "Phong trào"], "kind": ["regular", "bonus"],
                       "max_points": ["70", "không"]})
    assert "Dòng 2, điểm tối đa: “không” không phải là số điểm." in bad.content.decode()
    ok = c.post(url, {"name": ["Nhiệm vụ chính", "Phong trào", ""], "kind": ["regular", "bonus", "regular"],
                      "max_points": ["70", "10", ""]})
    assert ok.status_code == 302
    assert [(k.name, str(k.max_points)) for k in s.cluster.criteria.all()] == [("Nhiệm vụ chính", "70.00"),
                                                                                ("Phong trào", "10.00")]
    assert _client(s.officers["B"]).get(url).status_code == 403


def test_the_excel_export_reads_back_the_ranking(world):
    s = make_cluster(world)
    score_all(s)
    from clusters import actions

    actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    response = _client(s.office).get(f"/cum-thi-dua/{s.cluster.pk}/bang-diem.xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb["Bảng điểm"]
    assert ws["A1"].value == f"BẢNG TỔNG HỢP ĐIỂM CỤM THI ĐUA SỐ 1 NĂM {s.cluster.year}"
    header = [c.value for c in ws[5]]
    assert header[:6] == ["STT", "Đơn vị được chấm", "Phường Phú Lương chấm", "Phường Yên Nghĩa chấm",
                          "Phường Kiến Hưng chấm", "Phường Dương Nội chấm"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=6)]
    assert [(r[1], r[7], r[8]) for r in rows] == [("Phường Kiến Hưng", 85, 1), ("Phường Yên Nghĩa", 85, 2),
                                                  ("Phường Phú Lương", 82, 3), ("Phường Dương Nội", 73.33, 4)]
    assert rows[0][2:6] == [85, 85, None, 85] and rows[0][6] == 103
    assert rows[0][9].startswith("Bằng 85 điểm với Phường Yên Nghĩa")
    assert wb["Chi tiết"].max_row == 1 + 4 * 4 * 4


def test_the_page_queries_do_not_grow_with_the_members(world, django_assert_max_num_queries):
    s = make_cluster(world)
    score_all(s)
    c = _client(s.office)
    with django_assert_max_num_queries(30):
        assert c.get(f"/cum-thi-dua/{s.cluster.pk}/").status_code == 200
    from clusters import actions

    actions.scoring_close(acting_user=s.officers["A"], cluster=s.cluster)
    actions.cluster_propose(acting_user=s.officers["A"], cluster=s.cluster)
    actions.proposal_open_lines(acting_user=s.office, cluster=s.cluster)
    with django_assert_max_num_queries(30):
        page = c.get(f"/cum-thi-dua/{s.cluster.pk}/")
    assert page.content.decode().count("Đề nghị</span>") == 3  # each proposed line's outcome, as the dossier says
    with django_assert_max_num_queries(15):
        assert c.get(f"/cum-thi-dua/?year={s.cluster.year}").status_code == 200


def test_a_self_scores_evidence_is_downloaded_by_who_sees_the_cluster_only(world, media):
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from org.models import Role
    from tdkt.testing import unit, user

    s = make_cluster(world)
    k = s.criteria["bonus"]
    url = f"/cum-thi-dua/{s.cluster.pk}/cham-diem/{s.wards['A'].pk}/"
    pdf = SimpleUploadedFile("bao-cao-mo-hinh.pdf", b"%PDF-1.4\n1 0 obj\n", content_type="application/pdf")
    _client(s.officers["A"]).post(url, {f"p-{s.wards['A'].pk}-{k.pk}": "4", f"ev-{k.pk}": pdf})
    own = Score.objects.get(scorer=s.wards["A"], scored=s.wards["A"], criterion=k)
    page = _client(s.officers["A"]).get(url).content.decode()
    assert "bao-cao-mo-hinh.pdf" in page
    got = _client(s.officers["C"]).get(f"/cum-thi-dua/{s.cluster.pk}/minh-chung/{own.pk}/")
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert b"".join(got.streaming_content).startswith(b"%PDF-1.4")
    outside = unit("HN-HDG", "Phường Hà Đông", "commune", world.city, valid_from=date(2025, 7, 1))
    stranger = _client(user("officer_e", Role.UNIT_OFFICER, outside))
    assert stranger.get(f"/cum-thi-dua/{s.cluster.pk}/minh-chung/{own.pk}/").status_code == 404


def test_two_editors_of_the_table_never_overwrite_each_other(world):
    s = make_cluster(world, lock=False)
    head, office = _client(s.officers["A"]), _client(s.office)
    url = f"/cum-thi-dua/{s.cluster.pk}/tieu-chi/"
    seen_by_head = head.get(url).context["seen"]
    seen_by_office = office.get(url).context["seen"]
    assert office.post(url, {"seen": seen_by_office, "name": ["Nhiệm vụ chính"], "kind": ["regular"],
                             "max_points": ["100"]}).status_code == 302
    late = head.post(url, {"seen": seen_by_head, "name": ["Nhiệm vụ của cụm"], "kind": ["regular"],
                           "max_points": ["80"]})
    assert "Bảng tiêu chí vừa được specialist lúc" in late.content.decode()
    assert 'value="Nhiệm vụ của cụm"' in late.content.decode()  # what the head typed is still on the form
    assert [(k.name, str(k.max_points)) for k in s.cluster.criteria.all()] == [("Nhiệm vụ chính", "100.00")]
    # More empty rows keep what was typed and save nothing.
    more = head.post(url, {"seen": seen_by_head, "name": ["Nhiệm vụ của cụm"], "kind": ["regular"],
                           "max_points": ["80"], "them": "5"})
    assert more.status_code == 200 and len(more.context["rows"]) == 6
    assert s.cluster.criteria.get().name == "Nhiệm vụ chính"


def test_the_ward_and_the_office_entering_the_same_scores_never_lose_each_others(world):
    s = make_cluster(world)
    k1, k2 = s.criteria["k1"].pk, s.criteria["k2"].pk
    ward, office = _client(s.officers["C"]), _client(s.office)
    url = f"/cum-thi-dua/{s.cluster.pk}/cham-diem/{s.wards['C'].pk}/"
    a, b = s.wards["A"].pk, s.wards["B"].pk
    ward.get(url), office.get(url)  # both open the empty form
    empty = {f"seen-p-{a}-{k1}": "", f"seen-p-{a}-{k2}": "", f"seen-p-{b}-{k1}": ""}
    assert office.post(url, {**empty, f"p-{a}-{k1}": "50", f"p-{a}-{k2}": "", f"p-{b}-{k1}": "44"}).status_code == 302
    # The ward's form still shows A/k1 and B/k1 empty: it leaves A/k1 as shown (the office's 50 stays), enters A/k2,
    # and typed another B/k1 than the office's 44: that one is refused, nothing of the form is kept.
    late = ward.post(url, {**empty, f"p-{a}-{k1}": "", f"p-{a}-{k2}": "30", f"p-{b}-{k1}": "40"})
    assert "Phường Yên Nghĩa, “Thực hiện nhiệm vụ kinh tế - xã hội”: vừa được specialist sửa thành 44" in late.content.decode()
    assert {(x.scored_id, x.criterion_id): str(x.points) for x in Score.objects.all()} == {(a, k1): "50.00", (b, k1): "44.00"}
    ok = ward.post(url, {**empty, f"p-{a}-{k1}": "", f"p-{a}-{k2}": "30", f"p-{b}-{k1}": ""})
    assert ok.status_code == 302
    assert {(x.scored_id, x.criterion_id): str(x.points) for x in Score.objects.all()} == {
        (a, k1): "50.00", (a, k2): "30.00", (b, k1): "44.00"}
