"""Every page that edits an existing row carries the values the editor saw, and two people editing the
same row at once do not overwrite each other (core.stale): a change to another field is merged, a
change to the same field is refused with who changed it and when, nothing overwritten.

A new edit page of an existing row belongs in EDIT_PAGES."""

from datetime import date

import pytest
from django.urls import reverse

from dossiers import actions as dossier_actions
from initiatives.actions import initiative_save
from movements import actions as movement_actions
from plans import actions as plan_actions
from records.models import Rating
from rulebook.models import AwardType, Coefficient, Parameter
from tdkt.testing.forms import loaded_form
from tdkt.testing.movements import city_movement
from tdkt.testing.plans import make_plan

pytestmark = pytest.mark.django_db


def _unit(world):
    return reverse("org:unit_edit", args=[world.school_a.pk]), world.school_a


def _person(world):
    return reverse("org:person_edit", args=[world.thinh.pk]), world.thinh


def _line(world):
    Rating.objects.create(person=world.thinh, year=2025, level="HTXSNV")
    d = dossier_actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a,
                                       year=2025, title="Đề nghị khen thưởng tổng kết năm 2025")
    [line] = dossier_actions.lines_add(acting_user=world.users["officer_a"], dossier=d, items=[
        {"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Hoàn thành tốt"}])
    return reverse("dossiers:line_edit", args=[d.pk, line.pk]), line


def _plan(world):
    plan = make_plan(world, publish=False)
    return reverse("plans:edit", args=[plan.pk]), plan


def _milestone(world):
    plan = make_plan(world, publish=False)
    m = plan.milestones.get()
    return reverse("plans:milestone_edit", args=[plan.pk, m.pk]), m


def _task(world):
    plan = make_plan(world, publish=False)
    task = plan_actions.plan_task_add(acting_user=world.users["specialist"], plan=plan, responsible="Sở Nội vụ",
                                      content="Hướng dẫn đăng ký thi đua.")
    return reverse("plans:task_edit", args=[plan.pk, task.pk]), task


def _target(world):
    m = city_movement(world)
    t = movement_actions.movement_target_add(acting_user=world.users["specialist"], movement=m, metric="manual",
                                             label="Tỷ lệ đơn vị có mô hình mới", threshold=15)
    return reverse("movements:target_edit", args=[m.pk, t.pk]), t


def _parameter(world):
    p = Parameter.objects.get(key="council_quorum_share")
    return reverse("rulebook:parameter_edit", args=[p.pk]), p


def _coefficient(world):
    c = Coefficient.objects.order_by("pk").first()
    return reverse("rulebook:coefficient_edit", args=[c.pk]), c


def _initiative(world):
    i = initiative_save(acting_user=world.users["officer_a"], initiative=None, authors=[world.thinh], code="SK-01",
                        title="Một cửa liên thông", recognized_on=date(2025, 11, 20), scope="co_so", recognized_by="",
                        decision_number="", effect_confirmed=False)
    return reverse("initiatives:edit", args=[i.pk]), i


# page: (row builder, the two editors, the editable fields the form must carry,
#        the field both change and the two values, another field and the second editor's value for it)
EDIT_PAGES = {
    "unit": (_unit, ("specialist", "ward_specialist"), ["code", "name", "kind", "valid_from", "valid_to", "head_name", "address", "phone", "email"],
             ("name", "Trường THCS Phú Lương A", "Trường THCS Phú Lương B"), ("phone", "024 3355 1234")),
    "person": (_person, ("officer_a", "specialist"), ["code", "full_name", "gender", "birth_date", "position", "phone", "email"],
               ("phone", "0912345678", "0987654321"), ("position", "Phó Chánh Văn phòng")),
    "dossier line": (_line, ("officer_a", "ward_specialist"), ["summary", "justification"],
                     ("summary", "Hoàn thành xuất sắc nhiệm vụ", "Tóm tắt khác"), ("justification", "Đã bổ sung xác nhận")),
    "plan": (_plan, ("specialist", "city_admin"), ["year", "number", "issued_on", "issuer", "title", "parent", "purposes",
                                              "requirements", "content", "recipients", "signer_title", "signer_name"],
             ("title", "Kế hoạch thi đua năm 2022 (sửa lần 1)", "Kế hoạch thi đua năm 2022 (sửa lần 2)"),
             ("signer_name", "Nguyễn Văn Phong")),
    "milestone": (_milestone, ("specialist", "city_admin"), ["title", "kind", "due_on", "relative_to", "working_days_before", "tracked", "done_when", "note"],
                  ("title", "Gửi đăng ký thi đua về Sở Nội vụ", "Gửi đăng ký thi đua (bản giấy)"), ("note", "Gửi kèm bản mềm")),
    "plan task": (_task, ("specialist", "city_admin"), ["unit", "responsible", "content"],
                  ("content", "Hướng dẫn và tổng hợp đăng ký.", "Hướng dẫn đăng ký, báo cáo Hội đồng."),
                  ("responsible", "Thường trực Hội đồng")),
    "movement target": (_target, ("specialist", "admin"), ["metric", "label", "threshold", "manual_value"],
                        ("label", "Tỷ lệ đơn vị có mô hình hay", "Tỷ lệ đơn vị có cách làm mới"), ("threshold", "20.00")),
    "rulebook parameter": (_parameter, ("admin", "city_admin"), ["value", "status", "legal_basis"],
                           ("legal_basis", "Điều 35 Nghị định 152/2025/NĐ-CP", "Điều 36 Nghị định 152/2025/NĐ-CP"),
                           ("status", "partial")),
    "rulebook coefficient": (_coefficient, ("admin", "city_admin"), ["value", "status", "legal_basis"],
                             ("legal_basis", "Điều 50 Nghị định 152/2025/NĐ-CP", "Điều 51 Nghị định 152/2025/NĐ-CP"),
                             ("value", "2.500")),
    "initiative": (_initiative, ("officer_a", "specialist"), ["code", "title", "authors", "recognized_on", "scope",
                                                               "recognized_by", "decision_number", "effect_confirmed"],
                   ("title", "Một cửa liên thông điện tử", "Một cửa liên thông hiện đại"), ("decision_number", "12/QĐ-UBND")),
}


def _two_forms(as_user, world, page):
    build, (one, two), _, _, _ = EDIT_PAGES[page]
    url, row = build(world)
    first, second = as_user(one), as_user(two)
    return url, row, first, second, loaded_form(first, url), loaded_form(second, url)


@pytest.mark.parametrize("page", EDIT_PAGES)
def test_the_edit_page_carries_the_value_the_editor_saw_for_each_field(as_user, world, page):
    url, row, first, _, form, _ = _two_forms(as_user, world, page)
    carried = {k[len("initial-"):] for k in form if k.startswith("initial-")}
    assert carried == set(EDIT_PAGES[page][2])


@pytest.mark.parametrize("page", EDIT_PAGES)
def test_a_change_to_another_field_is_merged_and_both_changes_are_kept(as_user, world, page):
    url, row, first, second, form_1, form_2 = _two_forms(as_user, world, page)
    (field, value_1, _), (other, value_2) = EDIT_PAGES[page][3], EDIT_PAGES[page][4]

    assert first.post(url, {**form_1, field: value_1}).status_code == 302
    assert second.post(url, {**form_2, other: value_2}).status_code == 302

    form = loaded_form(first, url)
    assert (form[field], form[other]) == (value_1, value_2)


@pytest.mark.parametrize("page", EDIT_PAGES)
def test_a_change_to_the_same_field_is_refused_naming_who_and_when_and_nothing_is_overwritten(as_user, world, page):
    url, row, first, second, form_1, form_2 = _two_forms(as_user, world, page)
    (field, value_1, value_2), (other, other_value) = EDIT_PAGES[page][3], EDIT_PAGES[page][4]
    before_other = form_1[other]

    assert first.post(url, {**form_1, field: value_1}).status_code == 302
    response = second.post(url, {**form_2, field: value_2, other: other_value})

    assert response.status_code == 200
    body = response.content.decode()
    who = world.users[EDIT_PAGES[page][1][0]].display_name
    assert f"vừa được {who} sửa lúc" in body and "hãy tải lại trang để xem thông tin mới rồi sửa lại" in body
    assert value_2 in body  # what the second person typed is kept in the form
    form = loaded_form(first, url)
    assert (form[field], form[other]) == (value_1, before_other)
