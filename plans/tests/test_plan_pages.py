"""Plan screens: who drafts and publishes, who sees drafts, citing the higher plan,
milestones (absolute and "N working days before"), tasks."""

from datetime import date

import pytest
from django.urls import reverse

from audit.recording import events_for
from core.dates import add_working_days
from notifications.holidays import holiday_set
from plans import actions
from plans.models import Milestone, Plan, PlanStatus
from tdkt.testing.plans import make_plan, plan_body

pytestmark = pytest.mark.django_db


def test_specialist_drafts_a_plan_and_the_ward_officer_may_not(as_user, world):
    officer = as_user("officer_a")
    assert officer.get(reverse("plans:create") + f"?unit={world.city.pk}").status_code == 404
    assert officer.get(reverse("plans:create") + f"?unit={world.ward_a.pk}").status_code == 404
    assert officer.post(reverse("plans:create") + f"?unit={world.ward_a.pk}", plan_body()).status_code == 404
    assert not Plan.objects.exists()

    client = as_user("specialist")
    page = client.get(reverse("plans:create") + f"?unit={world.city.pk}").content.decode()
    assert "Hội đồng Thi đua - Khen thưởng thành phố Hà Nội" in page  # the issuer is proposed
    response = client.post(reverse("plans:create") + f"?unit={world.city.pk}", plan_body())
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert plan.unit == world.city and plan.status == PlanStatus.DRAFT and plan.issued_on == date(2021, 12, 24)
    assert events_for(plan).get().verb == "create"


def test_plan_form_messages_at_the_field(as_user, world):
    client = as_user("specialist")
    body = client.post(reverse("plans:create") + f"?unit={world.city.pk}",
                       plan_body(title="", issued_on="24/12/2019")).content.decode()
    assert "Chưa nhập trích yếu." in body
    body = client.post(reverse("plans:create") + f"?unit={world.city.pk}",
                       plan_body(issued_on="24/12/2019")).content.decode()
    assert "Kế hoạch năm 2022 được ban hành trong năm 2021 hoặc 2022." in body
    assert 'class="field has-error"' in body
    assert not Plan.objects.exists()


def test_draft_is_hidden_from_the_ward_until_published(as_user, world):
    plan = make_plan(world, publish=False)
    officer = as_user("officer_a")
    assert officer.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert plan.title not in officer.get(reverse("plans:list")).content.decode()
    assert officer.post(reverse("plans:publish", args=[plan.pk])).status_code == 404

    response = as_user("specialist").post(reverse("plans:publish", args=[plan.pk]), follow=True)
    assert "Đã ban hành kế hoạch." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED

    listing = officer.get(reverse("plans:list")).content.decode()
    assert "319/KH-HĐTĐKT" in listing
    detail = officer.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Đã ban hành" in detail and "Ban hành</button>" not in detail and "/sua/" not in detail


def test_publishing_needs_a_number_and_a_milestone(as_user, world):
    plan = actions.plan_create(acting_user=world.users["specialist"], unit=world.city, year=2022,
                               issuer="Hội đồng Thi đua - Khen thưởng thành phố Hà Nội", title="Kế hoạch năm 2022")
    body = as_user("specialist").post(reverse("plans:publish", args=[plan.pk]), follow=True).content.decode()
    assert "Chưa có số, ký hiệu của kế hoạch." in body and "Kế hoạch chưa có mốc tiến độ nào." in body
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_ward_plan_cites_the_city_plan_but_not_another_wards(as_user, world):
    city_plan = make_plan(world)
    ward_b_plan = make_plan(world, unit=world.ward_b, number="05/KH-HĐTĐKT", issued_on=date(2022, 1, 10),
                            issuer="Hội đồng Thi đua - Khen thưởng phường Yên Nghĩa")
    client = as_user("specialist")
    url = reverse("plans:create") + f"?unit={world.ward_a.pk}"
    form = client.get(url).content.decode()
    assert "Kế hoạch số 319/KH-HĐTĐKT ngày 24/12/2021 của Hội đồng Thi đua - Khen thưởng thành phố Hà Nội" in form
    assert "05/KH-HĐTĐKT" not in form  # a sibling's plan is not offered

    body = client.post(url, plan_body(number="12/KH-HĐTĐKT", issued_on="15/01/2022", parent=ward_b_plan.pk,
                                      issuer="Hội đồng Thi đua - Khen thưởng phường Phú Lương")).content.decode()
    assert f"“{ward_b_plan.title}” không phải kế hoạch của cấp trên của Phường Phú Lương." in body
    assert not Plan.objects.filter(unit=world.ward_a).exists()

    response = client.post(url, plan_body(number="12/KH-HĐTĐKT", issued_on="15/01/2022", parent=city_plan.pk,
                                          issuer="Hội đồng Thi đua - Khen thưởng phường Phú Lương"))
    ward_plan = Plan.objects.get(unit=world.ward_a)
    assert response.status_code == 302 and ward_plan.parent == city_plan
    page = client.get(reverse("plans:detail", args=[ward_plan.pk])).content.decode()
    assert "Thực hiện" in page and "Kế hoạch số 319/KH-HĐTĐKT ngày 24/12/2021" in page
    # The city plan lists the ward plan that implements it.
    city_page = client.get(reverse("plans:detail", args=[city_plan.pk])).content.decode()
    assert "Phường Phú Lương" in city_page and "12/KH-HĐTĐKT" in city_page


def test_milestone_outside_the_plan_year_is_refused(as_user, world):
    plan = make_plan(world, publish=False)
    body = as_user("specialist").post(reverse("plans:milestone_add", args=[plan.pk]), {
        "title": "Hồ sơ Chiến sĩ thi đua Thành phố đợt 1", "kind": "cstd", "due_on": "19/03/2024", "tracked": "on",
    }).content.decode()
    assert "Hạn 19/03/2024 nằm ngoài năm của kế hoạch (2022)." in body
    assert plan.milestones.count() == 1


def test_officer_cannot_add_milestones_or_tasks(as_user, world):
    plan = make_plan(world)
    officer = as_user("officer_a")
    assert officer.get(reverse("plans:milestone_add", args=[plan.pk])).status_code == 404
    assert officer.post(reverse("plans:task_add", args=[plan.pk]), {"responsible": "X", "content": "Y"}).status_code == 404
    assert officer.get(reverse("plans:edit", args=[plan.pk])).status_code == 404


def test_five_working_days_before_counts_over_weekends_and_tet(as_user, world):
    plan = make_plan(world, publish=False)
    registration = plan.milestones.get()  # 30/01/2022, a Sunday
    client = as_user("specialist")
    url = reverse("plans:milestone_add", args=[plan.pk])
    response = client.post(url, {"title": "Đơn vị gửi danh sách đăng ký", "kind": "other", "relative_to": registration.pk,
                                 "working_days_before": "5", "tracked": "on"})
    assert response.status_code == 302
    # Counted by hand: Fri 28, Thu 27, Wed 26, Tue 25, Mon 24 January 2022 (the weekend of 29–30 skipped).
    m = Milestone.objects.get(title="Đơn vị gửi danh sách đăng ký")
    assert m.due_on == date(2022, 1, 24) == add_working_days(date(2022, 1, 30), -5, holiday_set())
    assert m.relative_to == registration and m.working_days_before == 5

    # Across Tết Nhâm Dần: the holidays 31/01–04/02/2022 (seeded in the Holiday table) are not working days.
    results = actions.milestone_add(acting_user=world.users["specialist"], plan=plan, title="Kết quả xét khen thưởng",
                                    due_on=date(2022, 2, 10))
    client.post(url, {"title": "Gửi hồ sơ khen thưởng của Chủ tịch", "kind": "commendation", "relative_to": results.pk,
                      "working_days_before": "5", "tracked": "on"})
    # Wed 9, Tue 8, Mon 7 February; 1–4 February and Mon 31 January are Tết; Fri 28, Thu 27 January.
    m = Milestone.objects.get(title="Gửi hồ sơ khen thưởng của Chủ tịch")
    assert m.due_on == date(2022, 1, 27)
    page = client.get(reverse("plans:detail", args=[plan.pk]) + "?tab=milestones").content.decode()
    assert "27/01/2022" in page and "5 ngày làm việc trước “Kết quả xét khen thưởng”" in page


def test_relative_milestone_needs_the_number_of_days(as_user, world):
    plan = make_plan(world, publish=False)
    registration = plan.milestones.get()
    client = as_user("specialist")
    url = reverse("plans:milestone_add", args=[plan.pk])
    body = client.post(url, {"title": "X", "kind": "other", "relative_to": registration.pk}).content.decode()
    assert "Nhập số ngày làm việc trước mốc đó." in body
    body = client.post(url, {"title": "X", "kind": "other", "relative_to": registration.pk, "due_on": "01/01/2022",
                             "working_days_before": "3"}).content.decode()
    assert "Chọn một trong hai" in body
    body = client.post(url, {"title": "X", "kind": "other"}).content.decode()
    assert "Chưa nhập hạn." in body
    body = client.post(url, {"title": "Hạn thứ hai", "kind": "registration", "due_on": "05/01/2022"}).content.decode()
    assert "Kế hoạch đã có hạn đăng ký thi đua." in body
    assert plan.milestones.count() == 1


def test_tasks_per_responsible_unit(as_user, world):
    plan = make_plan(world)
    client = as_user("specialist")
    url = reverse("plans:task_add", args=[plan.pk])
    body = client.post(url, {"responsible": "", "content": ""}).content.decode()
    assert "Chưa nhập nhiệm vụ." in body
    # The plan is published: adding a task is an amendment, with its reason.
    body = client.post(url, {"unit": world.ward_a.pk, "content": "Tổ chức phát động phong trào thi đua tại phường."}).content.decode()
    assert "Kế hoạch đã ban hành: nhập lý do sửa đổi, bổ sung" in body
    response = client.post(url, {"unit": world.ward_a.pk, "content": "Tổ chức phát động phong trào thi đua tại phường.",
                                 "reason": "Bổ sung nhiệm vụ của phường"})
    assert response.status_code == 302
    client.post(url, {"responsible": "Thường trực Hội đồng", "content": "Tham mưu tổng kết năm.", "reason": "Bổ sung"})
    page = as_user("officer_a").get(reverse("plans:detail", args=[plan.pk]) + "?tab=tasks").content.decode()
    assert "Phường Phú Lương" in page and "Tổ chức phát động phong trào thi đua tại phường." in page
    assert "Thường trực Hội đồng" in page and "Thêm nhiệm vụ" not in page


def test_plan_list_filters_by_year_and_level(as_user, world):
    make_plan(world)
    make_plan(world, year=2026, number="01/KH-HĐTĐKT", issued_on=date(2026, 1, 5))
    make_plan(world, unit=world.ward_b, number="05/KH-HĐTĐKT", issued_on=date(2022, 1, 10),
              issuer="Hội đồng Thi đua - Khen thưởng phường Yên Nghĩa", title="Kế hoạch của phường Yên Nghĩa")
    client = as_user("officer_a")
    page = client.get(reverse("plans:list") + "?year=2022").content.decode()
    assert "319/KH-HĐTĐKT" in page and "01/KH-HĐTĐKT" not in page
    assert "Kế hoạch của phường Yên Nghĩa" not in page  # a sibling ward's plan is out of scope
    specialist = as_user("specialist")
    assert "Kế hoạch của phường Yên Nghĩa" not in specialist.get(reverse("plans:list")).content.decode()
    assert "Kế hoạch của phường Yên Nghĩa" in specialist.get(reverse("plans:list") + "?below=1").content.decode()


def test_plan_detail_tabs_render(as_user, world):
    plan = make_plan(world)
    client = as_user("officer_a")
    for tab in ["content", "milestones", "tasks", "movements", "history"]:
        response = client.get(reverse("plans:detail", args=[plan.pk]) + f"?tab={tab}")
        assert response.status_code == 200
    history = client.get(reverse("plans:detail", args=[plan.pk]) + "?tab=history").content.decode()
    assert "Ban hành" in history and "Gửi đăng ký thi đua" in history
