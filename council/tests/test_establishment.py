"""The council as the decrees write it (issue 14, item 5): its members come from the decision establishing or
reorganising it (quyết định thành lập, kiện toàn Hội đồng); a meeting calls those of the decision in force on its
date, and none is convened without one."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.recording import events_for
from council import actions
from council.models import CouncilRole, Establishment, Meeting
from org.models import Role
from tdkt.testing import user
from tdkt.testing.council import establish
from tdkt.testing.dossiers import dossier_at_council

pytestmark = pytest.mark.django_db


def _convene(world, day, dossiers=()):
    return actions.meeting_create(acting_user=world.users["ward_specialist"], authority=world.ward_a, title="Phiên họp",
                                  date=day, dossiers=list(dossiers))


def test_without_an_establishing_decision_no_meeting_is_convened_and_the_office_is_told_what_to_enter(as_user, world):
    with pytest.raises(ValidationError) as refused:
        _convene(world, date(2026, 1, 12))
    [message] = refused.value.message_dict["date"]
    assert message.startswith("Phường Phú Lương chưa có quyết định thành lập, kiện toàn Hội đồng Thi đua - Khen thưởng "
                              "có hiệu lực ngày 12/01/2026: hãy nhập quyết định")
    # The convening page says so before anyone tries, with the way to enter one.
    page = as_user("ward_specialist").get(reverse("council:create")).content.decode()
    assert "chưa có quyết định thành lập, kiện toàn Hội đồng có hiệu lực" in page
    assert reverse("council:establishment_create") in page
    assert not Meeting.objects.exists()


def test_a_meeting_calls_the_members_of_the_decision_in_force_on_its_date(world):
    second = user("hoidong2", Role.COUNCIL_MEMBER, world.ward_a, full_name="Đặng Thị Hường")
    third = user("hoidong3", Role.COUNCIL_MEMBER, world.ward_a, full_name="Bùi Quốc Việt")
    first = establish(world.ward_a, [world.users["council"], second, third], number="125/QĐ-UBND",
                      valid_from=date(2025, 7, 15))
    # Reorganised from 01/03/2026: the third member leaves, two join, one of them without an account.
    later = establish(world.ward_a, [world.users["council"], second], without_account=["Nguyễn Văn Mặt Trận"],
                      number="40/QĐ-UBND", valid_from=date(2026, 3, 1))
    january = _convene(world, date(2026, 1, 12))
    april = _convene(world, date(2026, 4, 2))
    assert january.establishment == first and april.establishment == later
    assert [(m.name, m.title, m.user_id) for m in january.members.order_by("position")] == [
        ("council", "Chủ tịch Hội đồng", world.users["council"].pk), ("Đặng Thị Hường", "Phó Chủ tịch thường trực", second.pk),
        ("Bùi Quốc Việt", "Ủy viên", third.pk)]
    assert [(m.name, m.user_id) for m in april.members.order_by("position")] == [
        ("council", world.users["council"].pk), ("Đặng Thị Hường", second.pk), ("Nguyễn Văn Mặt Trận", None)]
    assert (january.members_count, april.members_count) == (3, 3)
    # Before the first decision took effect there was no council.
    with pytest.raises(ValidationError, match="có hiệu lực ngày 01/07/2025"):
        _convene(world, date(2025, 7, 1))


def test_a_secretary_who_is_not_a_member_and_a_member_whose_term_ended_are_not_called(world):
    est = establish(world.ward_a, [world.users["council"]], without_account=["Lê Văn Thư Ký", "Trần Thị Hết Nhiệm Kỳ"],
                    roles=[CouncilRole.CHAIR, CouncilRole.SECRETARY, CouncilRole.MEMBER])
    est.seats.filter(full_name="Trần Thị Hết Nhiệm Kỳ").update(term_to=date(2025, 12, 31))
    m = _convene(world, date(2026, 1, 12))
    assert list(m.members.values_list("name", flat=True)) == ["council"]
    assert m.members_count == 1


def _post_decision(client, url, head, rows, **extra):
    data = {"seats-TOTAL_FORMS": str(len(rows)), "seats-INITIAL_FORMS": "0", "seats-MIN_NUM_FORMS": "0",
            "seats-MAX_NUM_FORMS": "1000", **head, **extra}
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"seats-{i}-{k}"] = v
    return client.post(url, data)


def test_the_office_enters_a_decision_with_its_whole_member_list_then_adds_and_removes_rows(as_user, world):
    hd2 = user("hoidong2", Role.COUNCIL_MEMBER, world.ward_a, full_name="Đặng Thị Hường")
    client = as_user("ward_specialist")
    create = reverse("council:establishment_create") + f"?authority={world.ward_a.pk}"
    form = client.get(create).content.decode()
    assert "Danh sách thành viên" in form and "— không có (bỏ phiếu giấy) —" in form
    head = {"authority": world.ward_a.pk, "kind": "establish", "number": "125/QĐ-UBND", "signed_on": "15/07/2025",
            "issuer": "Chủ tịch UBND phường Phú Lương", "valid_from": "15/07/2025", "valid_to": "", "note": ""}
    rows = [{"full_name": "Nguyễn Văn Chủ", "role": "chair", "job_title": "Chủ tịch UBND phường", "user": "", "person_code": ""},
            {"full_name": "", "role": "standing_vice", "job_title": "Phó Chủ tịch UBND phường", "user": world.users["council"].pk,
             "person_code": ""},
            {"full_name": "Đặng Thị Hường", "role": "member", "job_title": "Hiệu trưởng", "user": hd2.pk, "person_code": "CB0003"},
            {"full_name": "", "role": "member", "job_title": "", "user": "", "person_code": ""}]  # a blank row is left out
    r = _post_decision(client, create, head, rows)
    est = Establishment.objects.get()
    assert r.status_code == 302 and r.url == reverse("council:establishment", args=[est.pk])
    seats = list(est.seats.order_by("position"))
    assert [(s.full_name, s.role, s.user_id, getattr(s.person, "code", None)) for s in seats] == [
        ("Nguyễn Văn Chủ", "chair", None, None), ("council", "standing_vice", world.users["council"].pk, None),
        ("Đặng Thị Hường", "member", hd2.pk, "CB0003")]
    page = client.get(r.url).content.decode()
    assert "Quyết định số 125/QĐ-UBND ngày 15/07/2025" in page and "không có — bỏ phiếu giấy" in page

    # Editing: "+ Thêm dòng" gives blank rows without saving; then one row removed, one added, in one save.
    edit = reverse("council:establishment_edit", args=[est.pk])
    kept = [{"id": s.pk, "full_name": s.full_name, "role": s.role, "job_title": s.job_title, "user": s.user_id or "",
             "person_code": s.person.code if s.person else ""} for s in seats]
    more = _post_decision(client, edit, head, kept, more="1")
    assert more.status_code == 200 and more.content.decode().count('name="seats-') > 0
    assert 'name="seats-5-full_name"' in more.content.decode() and est.seats.count() == 3
    kept[2]["DELETE"] = "on"
    kept.append({"full_name": "Phạm Thị Mặt Trận", "role": "member", "job_title": "Chủ tịch Ủy ban MTTQ phường", "user": "",
                 "person_code": ""})
    r = _post_decision(client, edit, head, kept)
    assert r.status_code == 302
    assert list(est.seats.order_by("position").values_list("full_name", flat=True)) == ["Nguyễn Văn Chủ", "council", "Phạm Thị Mặt Trận"]
    # The history names what changed in the member list.
    latest = events_for(est).order_by("-id").first()
    before, after = latest.changes["Thành viên"]
    assert "Đặng Thị Hường" in before and "Đặng Thị Hường" not in after and "Phạm Thị Mặt Trận (Ủy viên" in after
    assert "Lịch sử sửa đổi" in client.get(reverse("council:establishment", args=[est.pk])).content.decode()


def test_a_decision_is_refused_row_by_row_in_vietnamese(as_user, world):
    client = as_user("ward_specialist")
    create = reverse("council:establishment_create") + f"?authority={world.ward_a.pk}"
    head = {"authority": world.ward_a.pk, "kind": "establish", "number": "", "signed_on": "", "issuer": "", "valid_from": "",
            "valid_to": "", "note": ""}
    rows = [{"full_name": "Nguyễn Văn A", "role": "chair", "user": "", "person_code": "CB9999"},
            {"full_name": "Nguyễn Văn B", "role": "chair", "user": "", "person_code": "CB0101"}]
    page = _post_decision(client, create, head, rows).content.decode()
    assert "Không có cán bộ mã CB9999 thuộc Phường Phú Lương." in page
    assert "Không có cán bộ mã CB0101 thuộc Phường Phú Lương." in page  # another ward's person
    rows[0]["person_code"] = rows[1]["person_code"] = ""
    page = _post_decision(client, create, head, rows).content.decode()
    assert "Hội đồng chỉ có một Chủ tịch Hội đồng: Nguyễn Văn A, Nguyễn Văn B." in page
    # An account of another ward, sent by hand, is not one the list offers.
    rows[1].update(role="member", user=world.users["officer_b"].pk)
    page = _post_decision(client, create, head, rows).content.decode()
    assert "Tài khoản này không có vai trò ở đơn vị của Hội đồng" in page
    assert not Establishment.objects.exists()


@pytest.mark.parametrize("who", ["officer_a", "council", "officer_b"])
def test_only_the_standing_office_sees_and_enters_the_decisions(as_user, world, who):
    establish(world.ward_a, [world.users["council"]])
    client = as_user(who)
    assert client.get(reverse("council:establishments")).status_code == 404
    assert client.get(reverse("council:establishment_create")).status_code == 404
    est = Establishment.objects.get()
    assert client.get(reverse("council:establishment", args=[est.pk])).status_code == 404
    assert client.get(reverse("council:establishment_edit", args=[est.pk])).status_code == 404


def test_a_planned_meeting_follows_its_decision_when_the_office_corrects_it(world):
    hd2 = user("hoidong2", Role.COUNCIL_MEMBER, world.ward_a, full_name="Đặng Thị Hường")
    est = establish(world.ward_a, [world.users["council"], hd2])
    m = _convene(world, date(2026, 1, 12))
    actions.attendance_set(acting_user=world.users["ward_specialist"], meeting=m, present_user_ids=[world.users["council"].pk])
    seats = [{"id": s.pk, "full_name": s.full_name, "role": s.role, "job_title": "", "user": s.user, "person": None,
              "term_from": None, "term_to": None} for s in est.seats.order_by("position")]
    seats.append({"full_name": "Nguyễn Văn Giấy", "role": "member", "job_title": "", "user": None, "person": None,
                  "term_from": None, "term_to": None})
    actions.establishment_save(acting_user=world.users["ward_specialist"], authority=world.ward_a, establishment=est,
                               kind=est.kind, number=est.number, signed_on=est.signed_on, issuer=est.issuer,
                               valid_from=est.valid_from, seats=seats)
    m.refresh_from_db()
    assert list(m.members.order_by("position").values_list("name", "present")) == [
        ("council", True), ("Đặng Thị Hường", False), ("Nguyễn Văn Giấy", False)]
    assert (m.members_count, m.present_count) == (3, 1)


def test_a_closed_meeting_keeps_the_members_it_called(world):
    from .helpers import all_lines

    est = establish(world.ward_a, [world.users["council"]])
    d = dossier_at_council(world, [world.thinh])
    m = _convene(world, d.updated_at.date(), [d])
    office = world.users["ward_specialist"]
    actions.attendance_set(acting_user=office, meeting=m, present_user_ids=[world.users["council"].pk])
    actions.ballot_open(acting_user=office, meeting=m)
    actions.ballot_cast(acting_user=world.users["council"], meeting=m, choices=all_lines(m, "agree"))
    actions.ballot_close(acting_user=office, meeting=m)
    seats = [{"full_name": "Người Khác", "role": "chair", "job_title": "", "user": None, "person": None, "term_from": None,
              "term_to": None}]
    actions.establishment_save(acting_user=office, authority=world.ward_a, establishment=est, kind=est.kind, number="12/QĐ-UBND",
                               valid_from=est.valid_from, seats=seats)
    assert list(m.members.values_list("name", flat=True)) == ["council"]
