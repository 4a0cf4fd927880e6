"""The home page is each role's desk: what is coming, what waits for me, who is late."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from core.dates import VN_TZ
from plans import actions
from records.models import Rating

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 20, 10, 0, tzinfo=VN_TZ)


@pytest.fixture
def plan(world):
    with time_machine.travel(NOW, tick=False):
        specialist = world.users["specialist"]
        plan = actions.plan_create(acting_user=specialist, unit=world.city, year=2026, number="02/KH-HĐTĐKT",
                                   issued_on=date(2026, 1, 5), issuer="Hội đồng Thi đua - Khen thưởng thành phố Hà Nội",
                                   title="Kế hoạch công tác thi đua, khen thưởng năm 2026")
        add = lambda title, day, kind="other": actions.milestone_add(acting_user=specialist, plan=plan, title=title, kind=kind, due_on=day)  # noqa: E731
        plan.m_interim = add("Báo cáo sơ kết 6 tháng", date(2026, 6, 15))
        plan.m_month = add("Báo cáo tháng 6", date(2026, 6, 30))
        plan.m_reg = add("Gửi đăng ký thi đua", date(2026, 7, 10), "registration")
        plan.m_far = add("Hồ sơ khen thưởng cuối năm", date(2026, 12, 15), "year_end")
        actions.plan_publish(acting_user=specialist, plan=plan)
        actions.milestone_complete(acting_user=world.users["officer_a"], milestone=plan.m_interim, unit=world.ward_a,
                                   at=datetime(2026, 6, 14, 9, 0, tzinfo=VN_TZ))
    return plan


@pytest.fixture
def home(as_user):
    def get(persona):
        with time_machine.travel(NOW, tick=False):
            return as_user(persona).get(reverse("home")).content.decode()
    return get


def section(body, id_):
    """The card with this id, up to the next card."""
    start = body.index(f'id="{id_}"')
    end = body.find('class="card"', start)
    return body[start:end if end > 0 else None]


def test_unit_officer_sees_deadlines_what_waits_and_nothing_late_of_their_own(world, plan, home):
    Rating.objects.create(person=world.thinh, year=2025, level="HTTNV")
    body = home("officer_a")
    coming = section(body, "desk-coming")
    assert "Báo cáo tháng 6" in coming and "còn 10 ngày" in coming and "<b>1</b>/1 đơn vị chưa hoàn thành" in coming
    assert "Hồ sơ khen thưởng cuối năm" not in coming  # beyond 30 days
    registration = coming[coming.index("Gửi đăng ký thi đua"):]
    assert "chưa hoàn thành" not in registration[:registration.find("</li>")]  # its status is the registration's own
    waiting = section(body, "desk-waiting")
    assert "Đăng ký thi đua năm 2026: Phường Phú Lương" in waiting
    assert "2 cán bộ chưa có xếp loại năm 2025" in waiting  # three people in ward A, one rated
    assert "Đơn vị của bạn không trễ mốc tiến độ nào." in section(body, "desk-late")  # ward A reported on time


def test_officer_of_the_late_ward_sees_it_late(world, plan, home):
    late = section(home("officer_b"), "desk-late")
    assert "Báo cáo sơ kết 6 tháng" in late and "trễ 5 ngày" in late and "<b>1</b>/1 đơn vị chưa thực hiện" in late


def test_standing_office_sees_late_units_registrations_and_what_is_coming(world, plan, home):
    body = home("specialist")
    late = section(body, "desk-late")
    assert "Báo cáo sơ kết 6 tháng" in late and "<b>1</b>/2 đơn vị chưa thực hiện" in late
    regs = section(body, "desk-registrations")
    assert "Năm 2026 — Thành phố Hà Nội" in regs and "<b>0</b>/2 đơn vị đã đăng ký · 2 chưa đăng ký" in regs
    assert "Báo cáo tháng 6" in section(body, "desk-coming")


def test_chairman_is_told_plainly_nothing_waits_for_signature_and_sees_the_figures(world, plan, home):
    body = home("chairman")
    assert "Không có hồ sơ nào chờ bạn ký quyết định." in section(body, "desk-sign")
    figures = section(body, "desk-figures")
    assert "<b>3</b> cán bộ" in figures and "danh hiệu, hình thức khen thưởng đã quyết định cho thành tích năm 2024" in figures


def test_council_member_gets_an_empty_state_that_explains(world, plan, home):
    assert "Không có phiên họp nào đang chờ bạn." in section(home("council"), "desk-meetings")


def test_the_award_path_waits_on_each_desk(world, home, settings, tmp_path):
    """A dossier sent by the ward's officer shows on the office's desk; returned, on the officer's; a ballot open,
    on the council member's; passed, on the chairman's."""
    from council import actions as council_actions
    from dossiers import actions
    from tdkt.testing.council import establish
    from tdkt.testing.dossiers import dossier_at_council

    settings.MEDIA_ROOT = tmp_path
    d = dossier_at_council(world, [world.thinh])
    # Ready for the council: the office's desk offers to convene it (the convene page with the dossier ticked).
    ready = section(home("ward_specialist"), "desk-dossiers-in")
    assert f"/hoi-dong/moi/?authority={world.ward_a.pk}&amp;dossier={d.pk}" in ready and "Triệu tập họp Hội đồng" in ready
    office = world.users["ward_specialist"]
    establish(world.ward_a, [world.users["council"]])
    m = council_actions.meeting_create(acting_user=office, authority=world.ward_a, title="Phiên họp cuối năm",
                                       date=d.updated_at.date(), dossiers=[d])
    assert "Đề nghị khen thưởng tổng kết năm 2025" not in section(home("ward_specialist"), "desk-dossiers-in")  # convened
    council_actions.attendance_set(acting_user=office, meeting=m, present_user_ids=[world.users["council"].pk])
    council_actions.ballot_open(acting_user=office, meeting=m)
    assert "phiếu đang mở, bạn chưa bỏ phiếu" in section(home("council"), "desk-meetings")
    council_actions.ballot_cast(acting_user=world.users["council"], meeting=m,
                                choices={str(t.line_id): "agree" for t in m.tallies.all()})
    council_actions.ballot_close(acting_user=office, meeting=m)
    assert "Phiên họp cuối năm" not in section(home("council"), "desk-meetings")
    sign = section(home("chairman"), "desk-sign")
    assert "Đề nghị khen thưởng tổng kết năm 2025" in sign and "Ban hành quyết định (1 hồ sơ)" in sign
    other = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=2025,
                                   title="Khen thưởng đột xuất phòng chống bão")
    assert "Khen thưởng đột xuất phòng chống bão" in section(home("officer_a"), "desk-dossiers-out")
    assert other.status == "draft"


@pytest.mark.parametrize("persona", ["admin", "city_admin"])
def test_administrator_sees_accounts_and_rulebook_status(world, home, persona):
    body = home(persona)
    accounts = section(body, "desk-accounts")
    assert "tài khoản đang dùng" in accounts and "chưa được giao vai trò" in accounts
    assert "Quy định, mức thưởng" in section(body, "desk-rulebook")


def test_desk_follows_duties_not_role_names_an_administrator_keeps_the_office_desk(world, plan, home):
    # The administrator's role grants the standing office's duties: their desk shows the office's plans too.
    body = home("city_admin")
    assert "Báo cáo sơ kết 6 tháng" in section(body, "desk-late")
    assert "Năm 2026 — Thành phố Hà Nội" in section(body, "desk-registrations")
    assert "tài khoản đang dùng" in section(body, "desk-accounts")
    assert 'id="desk-sign"' not in body and 'id="desk-meetings"' not in body  # signing and voting stay with others


def test_a_dossier_to_receive_waits_on_its_own_office_only(world, home, settings, tmp_path):
    from dossiers import actions
    from tdkt.testing.dossiers import pdf, rate
    from rulebook.models import AwardType
    from dossiers.models import DocumentKind

    settings.MEDIA_ROOT = tmp_path
    rate([world.thinh], 2025)
    d = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=2025,
                               title="Đề nghị khen thưởng của Văn phòng")
    actions.lines_add(acting_user=world.users["officer_a"], dossier=d,
                      items=[{"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT")}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=world.users["officer_a"], dossier=d, kind=kind, upload=pdf())
    actions.dossier_submit(acting_user=world.users["officer_a"], dossier=d)
    assert "Đề nghị khen thưởng của Văn phòng" in section(home("ward_specialist"), "desk-dossiers-in")
    assert "Đề nghị khen thưởng của Văn phòng" not in section(home("specialist"), "desk-dossiers-in")  # the city's office
