"""The compliance board (tiến độ thực hiện) and the calendar of milestones."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from core.dates import VN_TZ
from plans import actions
from plans.models import Completion

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 20, 10, 0, tzinfo=VN_TZ)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def plan(world, frozen):
    specialist = world.users["specialist"]
    plan = actions.plan_create(acting_user=specialist, unit=world.city, year=2026, number="02/KH-HĐTĐKT",
                               issued_on=date(2026, 1, 5), issuer="Hội đồng Thi đua - Khen thưởng thành phố Hà Nội",
                               title="Kế hoạch công tác thi đua, khen thưởng năm 2026")
    add = lambda title, day, kind="other": actions.milestone_add(acting_user=specialist, plan=plan, title=title, kind=kind, due_on=day)  # noqa: E731
    plan.m_reg = add("Gửi đăng ký thi đua", date(2026, 1, 30), "registration")
    plan.m_cstd = add("Hồ sơ Chiến sĩ thi đua Thành phố đợt 1", date(2026, 3, 19), "cstd")
    plan.m_interim = add("Báo cáo sơ kết 6 tháng", date(2026, 6, 15))
    plan.m_year_end = add("Hồ sơ khen thưởng cuối năm", date(2026, 12, 15), "year_end")
    actions.plan_publish(acting_user=specialist, plan=plan)
    officer_a, officer_b = world.users["officer_a"], world.users["officer_b"]
    # CSTĐ round 1: ward B on time, ward A a week late.
    actions.milestone_complete(acting_user=officer_b, milestone=plan.m_cstd, unit=world.ward_b, at=datetime(2026, 3, 18, 16, 0, tzinfo=VN_TZ))
    actions.milestone_complete(acting_user=officer_a, milestone=plan.m_cstd, unit=world.ward_a, at=datetime(2026, 3, 25, 9, 0, tzinfo=VN_TZ))
    # Interim report: ward A late in the evening of the last day (still on time); ward B never.
    actions.milestone_complete(acting_user=officer_a, milestone=plan.m_interim, unit=world.ward_a, at=datetime(2026, 6, 15, 23, 30, tzinfo=VN_TZ))
    return plan


def board(client, plan, milestone=None):
    url = reverse("plans:compliance", args=[plan.pk])
    return client.get(url + (f"?m={milestone.pk}" if milestone else "")).content.decode()


def test_board_lists_late_units_with_a_count(as_user, world, plan):
    page = board(as_user("specialist"), plan, plan.m_interim)
    assert "Báo cáo sơ kết 6 tháng" in page
    assert "<b>1/2</b>" in page  # done
    assert "<b>1</b><span>đơn vị trễ hạn (1 chưa thực hiện)</span>" in page
    assert "<strong>Trễ hạn (1):</strong> Phường Yên Nghĩa" in page
    assert "Quá hạn, chưa thực hiện" in page and "15/06/2026 23:30" in page

    page = board(as_user("specialist"), plan, plan.m_cstd)
    assert "<b>2/2</b>" in page and "<strong>Trễ hạn (1):</strong> Phường Phú Lương" in page
    assert "Hoàn thành muộn 6 ngày" in page and "25/03/2026 09:00" in page

    # The summary counts each milestone: the registration deadline passed with nobody registered.
    page = board(as_user("specialist"), plan)
    assert "Phường Phú Lương, Phường Yên Nghĩa" in page
    assert page.count('class="badge badge-late"') == 3  # registration (2), CSTĐ (1), interim (1); year-end not due
    assert "2 đơn vị trễ hạn" in page


def test_default_view_is_the_latest_milestone_with_units_missing(as_user, world, plan):
    page = board(as_user("specialist"), plan)
    assert '<h2>Báo cáo sơ kết 6 tháng <span class="muted">hạn 15/06/2026</span></h2>' in page


def test_officer_sees_only_their_ward_and_marks_it_done(as_user, world, plan, frozen):
    plan.m_year_end = actions.milestone_add(acting_user=world.users["specialist"], plan=plan, title="Báo cáo tổng kết năm",
                                            due_on=date(2026, 12, 1), reason="Bổ sung hạn báo cáo tổng kết.")
    officer = as_user("officer_a")
    page = board(officer, plan, plan.m_year_end)
    assert "Phường Yên Nghĩa" not in page and "Ghi nhận đã thực hiện" in page and "<b>0/1</b>" in page
    url = reverse("plans:compliance", args=[plan.pk])
    done_url = reverse("plans:milestone_complete", args=[plan.pk, plan.m_year_end.pk])
    # Not for the sibling ward, and the sibling's officer not for this one.
    assert officer.post(done_url, {"unit": world.ward_b.pk}).status_code == 404
    assert as_user("officer_b").post(done_url, {"unit": world.ward_a.pk}).status_code == 404
    response = officer.post(done_url, {"unit": world.ward_a.pk}, follow=True)
    assert response.redirect_chain[-1][0] == url + f"?m={plan.m_year_end.pk}"
    assert "Đã ghi nhận Phường Phú Lương thực hiện “Báo cáo tổng kết năm”." in response.content.decode()
    c = Completion.objects.get(milestone=plan.m_year_end)
    assert c.unit == world.ward_a and c.by == world.users["officer_a"] and c.done_at == NOW
    page = board(officer, plan, plan.m_year_end)
    assert "Đã hoàn thành" in page and "20/06/2026 10:00" in page and "Ghi nhận đã thực hiện" not in page


def test_registration_is_recorded_by_registering_not_by_hand(as_user, world, plan):
    officer = as_user("officer_a")
    page = board(officer, plan, plan.m_reg)
    assert "Mốc này được ghi nhận tự động khi đơn vị gửi đăng ký thi đua trên ứng dụng." in page
    assert "Ghi nhận đã thực hiện" not in page
    response = officer.post(reverse("plans:milestone_complete", args=[plan.pk, plan.m_reg.pk]),
                            {"unit": world.ward_a.pk}, follow=True)
    assert "được ghi nhận khi đơn vị gửi đăng ký" in response.content.decode()
    assert not Completion.objects.filter(milestone=plan.m_reg).exists()


def test_the_ward_sees_its_own_status_on_the_plan(as_user, world, plan):
    page = as_user("officer_a").get(reverse("plans:detail", args=[plan.pk]) + "?tab=milestones").content.decode()
    assert "Đơn vị của bạn" in page
    assert "Hoàn thành muộn 6 ngày" in page and "Chưa đến hạn" in page and "Quá hạn, chưa thực hiện" in page


def test_calendar_shows_the_years_milestones_month_by_month(as_user, world, plan):
    page = as_user("specialist").get(reverse("plans:calendar") + "?year=2026").content.decode()
    assert "Lịch tiến độ năm 2026" in page and "4 mốc" in page
    june = page.split("Tháng 6")[1].split("Tháng 7")[0]
    assert "15/06" in june and "Báo cáo sơ kết 6 tháng" in june and "1/2 đơn vị đã thực hiện" in june
    march = page.split("Tháng 3")[1].split("Tháng 4")[0]
    assert "Hồ sơ Chiến sĩ thi đua Thành phố đợt 1" in march

    officer_page = as_user("officer_a").get(reverse("plans:calendar") + "?year=2026").content.decode()
    december = officer_page.split("Tháng 12")[1]
    assert "Hồ sơ khen thưởng cuối năm" in december and "Chưa đến hạn" in december
    assert "Không có mốc nào." in as_user("officer_a").get(reverse("plans:calendar") + "?year=2025").content.decode()


def test_calendar_hides_drafts_of_the_level_above(as_user, world, frozen):
    draft = actions.plan_create(acting_user=world.users["specialist"], unit=world.city, year=2026,
                                issuer="Hội đồng", title="Dự thảo kế hoạch 2026")
    actions.milestone_add(acting_user=world.users["specialist"], plan=draft, title="Mốc của dự thảo", due_on=date(2026, 8, 1))
    assert "Mốc của dự thảo" not in as_user("officer_a").get(reverse("plans:calendar") + "?year=2026").content.decode()
    assert "Mốc của dự thảo" in as_user("specialist").get(reverse("plans:calendar") + "?year=2026").content.decode()
