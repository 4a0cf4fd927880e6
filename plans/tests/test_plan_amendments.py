"""A plan after it is issued: its Word file keeps what the user wrote ("Lưu: VT, SNV.")
and is signed as its issuing body signs; changing a published plan is a "sửa đổi, bổ
sung" with a reason, told to the units below and kept in the history; milestones,
tasks and targets are edited and removed, with their events and sensible refusals."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.recording import events_for
from movements import actions as movement_actions
from notifications.models import Notification
from plans import actions as plan_actions
from plans.models import Milestone, PlanTask
from registration import actions as registration_actions
from tdkt.testing.documents import open_docx
from tdkt.testing.movements import city_movement
from tdkt.testing.plans import make_plan, plan_body

pytestmark = pytest.mark.django_db


def signature(doc):
    sign = doc.tables[-1]
    return sign.cell(0, 0).text.split("\n"), [t for t in sign.cell(0, 1).text.split("\n") if t]


def test_word_file_keeps_the_filing_line_as_written(as_user, world):
    plan = make_plan(world, recipients="Các sở, ban, ngành\nUBND các xã, phường\nLưu: VT, SNV.")
    left, _ = signature(open_docx(as_user("specialist").get(reverse("plans:docx", args=[plan.pk]))))
    assert left == ["Nơi nhận:", "- Các sở, ban, ngành;", "- UBND các xã, phường;", "- Lưu: VT, SNV."]


def test_committee_plan_is_signed_for_the_committee_and_a_council_plan_for_the_council(as_user, world):
    committee = make_plan(world, issuer="Ủy ban nhân dân thành phố Hà Nội", number="412/KH-UBND", signer_name="Lê Văn Minh")
    doc = open_docx(as_user("specialist").get(reverse("plans:docx", args=[committee.pk])))
    _, right = signature(doc)
    assert right == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Minh"]
    assert doc.tables[0].cell(0, 0).text.replace("\n", " ").strip() == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    council = make_plan(world, year=2023, number="02/KH-HĐTĐKT", issued_on=date(2022, 12, 20), signer_name="Nguyễn Văn Phong")
    _, right = signature(open_docx(as_user("specialist").get(reverse("plans:docx", args=[council.pk]))))
    assert right == ["TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH", "Nguyễn Văn Phong"]
    # As entered: the chairman signs himself.
    plan_actions.plan_update(acting_user=world.users["specialist"], plan=committee, reason="Chủ tịch trực tiếp ký",
                        signer_title="TM. Ủy ban nhân dân\nChủ tịch")
    _, right = signature(open_docx(as_user("specialist").get(reverse("plans:docx", args=[committee.pk]))))
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Minh"]


def test_editing_a_published_plan_needs_a_reason_and_tells_the_units_below(as_user, world, django_capture_on_commit_callbacks):
    plan = make_plan(world)
    client = as_user("specialist")
    url = reverse("plans:edit", args=[plan.pk])
    body = client.post(url, plan_body(number="319/KH-HĐTĐKT", content="Bổ sung phong trào “Xóa nhà tạm”.")).content.decode()
    assert "Kế hoạch đã ban hành: nhập lý do sửa đổi, bổ sung" in body
    plan.refresh_from_db()
    assert plan.content == "" and not Notification.objects.filter(user=world.users["officer_a"]).exclude(title__startswith="Kế hoạch mới").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, plan_body(content="Bổ sung phong trào “Xóa nhà tạm”.",
                                              reason="Thực hiện chỉ đạo của Thành phố ngày 10/3/2022"))
    assert response.status_code == 302
    note = Notification.objects.filter(user=world.users["officer_a"], title__startswith="Sửa đổi, bổ sung").get()
    assert note.title == "Sửa đổi, bổ sung Kế hoạch số 319/KH-HĐTĐKT"
    assert "Lý do: Thực hiện chỉ đạo của Thành phố ngày 10/3/2022" in note.body
    assert "Nội dung, nhiệm vụ trọng tâm: Bổ sung phong trào “Xóa nhà tạm”." in note.body
    event = events_for(plan).filter(verb="amend").get()
    assert event.note == "Thực hiện chỉ đạo của Thành phố ngày 10/3/2022"
    history = client.get(reverse("plans:detail", args=[plan.pk]) + "?tab=history").content.decode()
    assert "Sửa đổi, bổ sung" in history and "Thực hiện chỉ đạo của Thành phố" in history


def test_milestones_are_edited_and_the_ones_computed_from_them_follow(as_user, world):
    plan = make_plan(world, publish=False)
    sp = world.users["specialist"]
    results = plan_actions.milestone_add(acting_user=sp, plan=plan, title="Kết quả xét khen thưởng", due_on=date(2022, 3, 18))
    dossier = plan_actions.milestone_add(acting_user=sp, plan=plan, title="Gửi hồ sơ khen thưởng", relative_to=results,
                                    working_days_before=5)
    assert dossier.due_on == date(2022, 3, 11)
    client = as_user("specialist")
    response = client.post(reverse("plans:milestone_edit", args=[plan.pk, results.pk]), {
        "title": "Kết quả xét khen thưởng", "kind": "other", "due_on": "25/03/2022", "tracked": "on"}, follow=True)
    body = response.content.decode()
    assert "Tính lại theo mốc này: “Gửi hồ sơ khen thưởng” 11/03/2022 → 18/03/2022." in body
    dossier.refresh_from_db()
    assert dossier.due_on == date(2022, 3, 18)
    event = events_for(plan).filter(verb="update").order_by("-id").first()
    assert event.changes["Mốc “Gửi hồ sơ khen thưởng” (tính lại)"] == ["hạn 11/03/2022", "hạn 18/03/2022"]
    # A milestone others are computed from is not removed: they are named.
    response = client.post(reverse("plans:milestone_remove", args=[plan.pk, results.pk]), follow=True)
    assert "mốc “Gửi hồ sơ khen thưởng” được tính từ mốc này" in response.content.decode()
    assert Milestone.objects.filter(pk=results.pk).exists()
    # A milestone cannot be computed from one computed from it.
    body = client.post(reverse("plans:milestone_edit", args=[plan.pk, results.pk]), {
        "title": "Kết quả", "kind": "other", "relative_to": dossier.pk, "working_days_before": "2"}).content.decode()
    assert "Không thể tính mốc từ chính nó hoặc từ một mốc được tính từ nó." in body
    # The dependent one goes, then the other.
    client.post(reverse("plans:milestone_remove", args=[plan.pk, dossier.pk]))
    client.post(reverse("plans:milestone_remove", args=[plan.pk, results.pk]))
    assert not Milestone.objects.filter(pk__in=[results.pk, dossier.pk]).exists()
    assert events_for(plan).filter(changes__has_key="Bỏ mốc tiến độ").count() == 2


def test_a_milestone_units_have_done_is_not_removed(as_user, world):
    plan = make_plan(world)
    sp = world.users["specialist"]
    m = plan_actions.milestone_add(acting_user=sp, plan=plan, title="Báo cáo sơ kết", due_on=date(2022, 6, 15), reason="Bổ sung mốc")
    plan_actions.milestone_complete(acting_user=world.users["officer_a"], milestone=m, unit=world.ward_a)
    response = as_user("specialist").post(reverse("plans:milestone_remove", args=[plan.pk, m.pk]),
                                          {"reason": "Không cần"}, follow=True)
    assert "1 đơn vị đã thực hiện mốc này" in response.content.decode()
    assert Milestone.objects.filter(pk=m.pk).exists()


def test_a_milestone_before_the_issue_date_is_refused(as_user, world):
    plan = make_plan(world, publish=False, issued_on=date(2022, 1, 10))
    body = as_user("specialist").post(reverse("plans:milestone_add", args=[plan.pk]), {
        "title": "Các phường gửi đăng ký", "kind": "other", "due_on": "08/01/2022", "tracked": "on"}).content.decode()
    assert "Hạn 08/01/2022 trước ngày ban hành kế hoạch (10/01/2022)" in body
    # Moving the issue date past a milestone is refused too, naming it.
    with pytest.raises(ValidationError) as e:
        plan_actions.plan_update(acting_user=world.users["specialist"], plan=plan, issued_on=date(2022, 2, 1))
    assert "Mốc “Gửi đăng ký thi đua” có hạn 30/01/2022, trước ngày ban hành 01/02/2022" in str(e.value)


def test_tasks_are_edited_and_removed_with_a_reason_once_published(as_user, world):
    plan = make_plan(world)
    sp = world.users["specialist"]
    task = plan_actions.plan_task_add(acting_user=sp, plan=plan, responsible="Phòng Văn hóa", content="Tuyên truyền.",
                                 reason="Bổ sung nhiệm vụ tuyên truyền")
    client = as_user("specialist")
    url = reverse("plans:task_edit", args=[plan.pk, task.pk])
    body = client.post(url, {"responsible": "Phòng Văn hóa và Thông tin", "content": "Tuyên truyền."}).content.decode()
    assert "nhập lý do sửa đổi, bổ sung" in body
    assert client.post(url, {"responsible": "Phòng Văn hóa và Thông tin", "content": "Tuyên truyền.",
                             "reason": "Sửa tên phòng"}).status_code == 302
    task.refresh_from_db()
    assert task.responsible == "Phòng Văn hóa và Thông tin"
    client.post(reverse("plans:task_remove", args=[plan.pk, task.pk]), {"reason": "Giao cho phường"})
    assert not PlanTask.objects.filter(pk=task.pk).exists()
    amended = [e.changes for e in events_for(plan).filter(verb="amend").order_by("id")]
    assert amended[1]["Nhiệm vụ"] == ["Phòng Văn hóa: Tuyên truyền.", "Phòng Văn hóa và Thông tin: Tuyên truyền."]
    assert amended[2]["Bỏ nhiệm vụ"] == ["", "Phòng Văn hóa và Thông tin: Tuyên truyền."]
    assert as_user("officer_a").post(reverse("plans:task_remove", args=[plan.pk, task.pk])).status_code == 404


def test_targets_are_edited_and_removed(as_user, world):
    m = city_movement(world)
    t = movement_actions.movement_target_add(acting_user=world.users["specialist"], movement=m, metric="manual",
                                    label="Hộ gia đình văn hóa", threshold=90, manual_value=None)
    client = as_user("specialist")
    response = client.post(reverse("movements:target_edit", args=[m.pk, t.pk]), {
        "metric": "manual", "label": "Hộ gia đình văn hóa", "threshold": "85", "manual_value": "72"})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.threshold == 85 and t.manual_value == 72
    assert as_user("officer_a").post(reverse("movements:target_remove", args=[m.pk, t.pk])).status_code == 404
    client.post(reverse("movements:target_remove", args=[m.pk, t.pk]))
    assert not m.targets.exists()
    changes = [e.changes for e in events_for(m).filter(verb="update").order_by("id")]
    manual = "[Chỉ tiêu khác (nhập số liệu)]"
    assert changes[-3]["Chỉ tiêu"] == ["", f"Hộ gia đình văn hóa {manual}: ≥ 90%"]
    assert changes[-2]["Chỉ tiêu"] == [f"Hộ gia đình văn hóa {manual}: ≥ 90%", f"Hộ gia đình văn hóa {manual}: ≥ 85% (số liệu 72%)"]
    assert changes[-1]["Bỏ chỉ tiêu"][1].startswith("Hộ gia đình văn hóa")


def test_extending_the_registration_deadline_gives_silent_units_their_chance_again(as_user, world):
    from registration.models import Registration, RegistrationStatus

    from tdkt.testing.plans import travel

    plan = make_plan(world)  # registration until 30/01/2022
    plan.refresh_from_db()
    m = plan.milestones.get(kind="registration")
    with travel(2022, 2, 1, 8, 0):
        assert registration_actions.registrations_close(plan=plan) == 3
        plan_actions.milestone_update(acting_user=world.users["specialist"], milestone=m, title=m.title, kind="registration",
                                 due_on=date(2022, 2, 15), reason="Gia hạn do nghỉ Tết Nguyên đán")
        assert not Registration.objects.filter(plan=plan, status=RegistrationStatus.NO_NEED).exists()
        page = as_user("officer_a").get(reverse("registration:form", args=[plan.pk]) + f"?unit={world.ward_a.pk}").content.decode()
        assert "Đang mở" in page and "15/02/2022" in page


def test_every_field_of_a_published_plans_task_or_milestone_needs_the_reason(world):
    """Changing only a task's unit, or only a milestone's kind, tracking or note, is an amendment
    too: refused without a reason (it was saved silently, with no history and no notice)."""
    plan = make_plan(world)
    sp = world.users["specialist"]
    task = plan_actions.plan_task_add(acting_user=sp, plan=plan, responsible="Phòng Văn hóa", content="Tuyên truyền.",
                                 reason="Bổ sung nhiệm vụ")
    with pytest.raises(ValidationError, match="nhập lý do"):
        plan_actions.plan_task_update(acting_user=sp, task=task, responsible="Phòng Văn hóa", content="Tuyên truyền.",
                                 unit=world.ward_a)
    m = plan.milestones.exclude(kind="registration").first() or plan.milestones.first()
    same = {"title": m.title, "kind": m.kind, "due_on": m.due_on, "tracked": m.tracked, "note": m.note}
    for change in ({"tracked": not m.tracked}, {"note": "Gửi qua hệ thống"}):
        with pytest.raises(ValidationError, match="nhập lý do"):
            plan_actions.milestone_update(acting_user=sp, milestone=m, **{**same, **change})
    plan_actions.milestone_update(acting_user=sp, milestone=m, **same)  # nothing changed: no reason asked
    before = events_for(plan).filter(verb="amend").count()
    plan_actions.milestone_update(acting_user=sp, milestone=m, **{**same, "note": "Gửi qua hệ thống"}, reason="Bổ sung ghi chú")
    assert events_for(plan).filter(verb="amend").count() == before + 1
