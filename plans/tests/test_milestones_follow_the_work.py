"""A plan's milestone is done for a unit when the unit does the work in the application (issue 15, item 6): the
milestone "Hồ sơ khen thưởng tổng kết năm" when the unit sends its year-end dossier of the plan's year to the plan's
level, "Ban hành kế hoạch" when it publishes its own plan implementing this one. The compliance board, the plan's
page, the calendar and the desk then count it — late but done reads "Hoàn thành muộn N ngày", never "Quá hạn, chưa
thực hiện". Tried on a district's plan of 2017 (Quận Hà Đông, before 01/07/2025) and a ward's plan of 2026."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from core.dates import VN_TZ
from dossiers import actions as dossier_actions
from dossiers.models import DocumentKind, Kind
from org.models import Role, Unit
from plans import actions
from plans.models import Completion, DoneWhen
from rulebook.models import AwardType
from tdkt.testing import person, user
from tdkt.testing.dossiers import pdf, rate

pytestmark = pytest.mark.django_db


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=VN_TZ), tick=False)


def send_dossier(officer, unit, authority, people, year, kind=Kind.REGULAR):
    """A dossier of ``unit`` to ``authority`` proposing ``people`` for LĐTT, with its documents, sent."""
    d = dossier_actions.dossier_create(acting_user=officer, unit=unit, authority=authority, year=year, kind=kind,
                                       title=f"Đề nghị khen thưởng tổng kết năm {year}")
    dossier_actions.lines_add(acting_user=officer, dossier=d, items=[
        {"person": p, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Hoàn thành tốt nhiệm vụ",
         "achievement": "" if kind == Kind.REGULAR else "Thành tích đột xuất"} for p in people])
    for doc in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        dossier_actions.attachment_add(acting_user=officer, dossier=d, kind=doc, upload=pdf())
    return dossier_actions.dossier_submit(acting_user=officer, dossier=d)


def status_of(client, plan, milestone, unit_name):
    """The status a unit's row of the compliance board reads."""
    page = client.get(reverse("plans:compliance", args=[plan.pk]) + f"?m={milestone.pk}").content.decode()
    row = page.split(f"<tr><td>{unit_name}</td>")[1].split("</tr>")[0]
    return row.split('class="status')[1].split(">")[1].split("<")[0]


def late_card(desk):
    """The desk's card of late milestones."""
    return desk.split('id="desk-late"')[1].split('class="card"')[0]


# --- a district in 2017 ---------------------------------------------------------------------------------------

@pytest.fixture
def hadong_2017(world):
    """Quận Hà Đông's plan of 2017 (year-end dossiers by 15/12/2017) and Phường Phú Lãm's officer and people."""
    district = Unit.objects.get(code="HN-HD")
    with at(2017, 1, 5, 9, 0):
        plan = actions.plan_create(acting_user=world.users["specialist"], unit=district, year=2017, number="01/KH-HĐTĐKT",
                                   issued_on=date(2017, 1, 5), issuer="Hội đồng Thi đua - Khen thưởng quận Hà Đông")
        ye = actions.milestone_add(acting_user=world.users["specialist"], plan=plan, kind="year_end",
                                   title="Các phường gửi hồ sơ đề nghị khen thưởng tổng kết năm 2017", due_on=date(2017, 12, 15))
        actions.plan_publish(acting_user=world.users["specialist"], plan=plan)
    officer = user("officer_phulam", Role.UNIT_OFFICER, world.old_ward, full_name="Đỗ Thị Lan")
    people = [person("PL0001", "Đỗ Thị Hạnh", world.old_ward, start=date(2010, 1, 1))]
    rate(people, 2017)
    return plan, ye, district, officer, people


def test_a_wards_2017_dossier_to_the_district_completes_the_districts_milestone_late(world, as_user, hadong_2017):
    plan, ye, district, officer, people = hadong_2017
    assert ye.done_when == DoneWhen.DOSSIER  # from its kind: "hồ sơ khen thưởng tổng kết năm"
    office = as_user("specialist")
    with at(2017, 12, 18, 9, 0):
        assert status_of(office, plan, ye, "Phường Phú Lãm") == "Quá hạn, chưa thực hiện"
    with at(2017, 12, 20, 10, 30):
        d = send_dossier(officer, world.old_ward, district, people, 2017)
        c = Completion.objects.get(milestone=ye, unit=world.old_ward)
        assert c.done_at == datetime(2017, 12, 20, 10, 30, tzinfo=VN_TZ) and c.by == officer
        assert c.note.startswith(f"Gửi hồ sơ {d.code}")
        page = office.get(reverse("plans:compliance", args=[plan.pk]) + f"?m={ye.pk}").content.decode()
        assert status_of(office, plan, ye, "Phường Phú Lãm") == "Hoàn thành muộn 5 ngày"
        assert "20/12/2017 10:30" in page and d.code in page and "Đỗ Thị Lan" in page
        assert "Mốc này được ghi nhận tự động khi đơn vị gửi hồ sơ khen thưởng tổng kết năm trên ứng dụng." in page
        # The plan's milestones tab counts it.
        tab = office.get(reverse("plans:detail", args=[plan.pk]) + "?tab=milestones").content.decode()
        assert "1/1 đơn vị" in tab


def test_sending_it_again_after_a_return_keeps_the_first_time(world, hadong_2017):
    plan, ye, district, officer, people = hadong_2017
    office = user("phongnoivu_hd", Role.SPECIALIST, district, full_name="Ngô Văn Hải")
    with at(2017, 12, 12, 9, 0):
        d = send_dossier(officer, world.old_ward, district, people, 2017)
        dossier_actions.dossier_receive(acting_user=office, dossier=d)
        dossier_actions.dossier_return(acting_user=office, dossier=d, reason="Thiếu chữ ký trên biên bản.")
    with at(2017, 12, 19, 9, 0):
        dossier_actions.dossier_submit(acting_user=officer, dossier=d)
    c = Completion.objects.get(milestone=ye, unit=world.old_ward)
    assert c.done_at == datetime(2017, 12, 12, 9, 0, tzinfo=VN_TZ)  # in time: sent on 12/12


# --- a ward in 2026 -------------------------------------------------------------------------------------------

@pytest.fixture
def phuluong_2026(world):
    """Phường Phú Lương's plan of 2026: year-end dossiers of its units by 04/12/2026, a CSTĐ round ticked by hand."""
    sp = world.users["specialist"]
    with at(2026, 1, 12, 9, 0):
        plan = actions.plan_create(acting_user=sp, unit=world.ward_a, year=2026, number="18/KH-UBND",
                                   issued_on=date(2026, 1, 12), issuer="Ủy ban nhân dân phường Phú Lương")
        ye = actions.milestone_add(acting_user=sp, plan=plan, kind="year_end", title="Hồ sơ khen thưởng tổng kết năm gửi phường",
                                   due_on=date(2026, 12, 4))
        cstd = actions.milestone_add(acting_user=sp, plan=plan, kind="cstd", title="Hồ sơ Chiến sĩ thi đua Thành phố, đợt 2",
                                     due_on=date(2026, 8, 28))
        actions.plan_publish(acting_user=sp, plan=plan)
    officer = user("officer_thcs", Role.UNIT_OFFICER, world.school_a, full_name="Vũ Thị Hà")
    people = [world.thinh.__class__.objects.get(code="CB0003")]
    rate(people, 2026)
    return plan, ye, cstd, officer, people


def test_a_schools_2026_dossier_to_the_ward_completes_the_wards_milestone_in_time(world, as_user, phuluong_2026):
    plan, ye, cstd, officer, people = phuluong_2026
    with at(2026, 11, 27, 15, 0):
        send_dossier(officer, world.school_a, world.ward_a, people, 2026)
    with at(2026, 12, 7, 9, 0):
        office = as_user("ward_specialist")  # signed in on the day (a session ends within the day)
        assert status_of(office, plan, ye, "Trường THCS Phú Lương") == "Đã hoàn thành"
        # The ward's own office did not send one: still late, and only it.
        assert status_of(office, plan, ye, world.office_a.name) == "Quá hạn, chưa thực hiện"
        # A dossier is not a CSTĐ round: that one stays for the unit to record.
        assert status_of(office, plan, cstd, "Trường THCS Phú Lương") == "Quá hạn, chưa thực hiện"
        # The school's desk no longer lists the milestone as late; the ward office's desk counts 1 of 2 missing.
        client = as_user("officer_a")
        client.force_login(officer)
        late = late_card(client.get(reverse("home")).content.decode())
        assert "Hồ sơ khen thưởng tổng kết năm gửi phường" not in late
        late = late_card(office.get(reverse("home")).content.decode())
        assert "Hồ sơ khen thưởng tổng kết năm gửi phường" in late and "<b>1</b>/2 đơn vị chưa thực hiện" in late


def test_only_a_year_end_dossier_of_the_plans_year_to_the_plans_level_counts(world, phuluong_2026):
    plan, ye, cstd, officer, people = phuluong_2026
    rate(people, 2025)
    with at(2026, 11, 20, 9, 0):
        send_dossier(officer, world.school_a, world.ward_a, people, 2025)  # last year's
        send_dossier(officer, world.school_a, world.ward_a, people, 2026, kind=Kind.AD_HOC)  # not the year-end review
    assert not Completion.objects.filter(milestone=ye).exists()


def test_a_milestone_done_by_the_work_is_not_ticked_by_hand(world, as_user, phuluong_2026):
    plan, ye, cstd, officer, people = phuluong_2026
    with at(2026, 11, 20, 9, 0):
        client = as_user("officer_a")
        client.force_login(officer)
        page = client.get(reverse("plans:compliance", args=[plan.pk]) + f"?m={ye.pk}").content.decode()
        assert "Ghi nhận đã thực hiện" not in page
        response = client.post(reverse("plans:milestone_complete", args=[plan.pk, ye.pk]), {"unit": world.school_a.pk},
                               follow=True)
        assert ("Mốc “Hồ sơ khen thưởng tổng kết năm gửi phường” được ghi nhận tự động khi đơn vị gửi hồ sơ khen thưởng "
                "tổng kết năm trên ứng dụng.") in response.content.decode()
        # The CSTĐ round is ticked by the unit.
        page = client.get(reverse("plans:compliance", args=[plan.pk]) + f"?m={cstd.pk}").content.decode()
        assert "Ghi nhận đã thực hiện" in page
    assert not Completion.objects.filter(milestone=ye).exists()


def test_the_office_says_what_completes_a_milestone_when_writing_the_plan(world, as_user):
    sp = as_user("specialist")
    with at(2026, 1, 12, 9, 0):
        plan = actions.plan_create(acting_user=world.users["specialist"], unit=world.ward_a, year=2026,
                                   issuer="Ủy ban nhân dân phường Phú Lương", title="Kế hoạch 2026")
        form = sp.get(reverse("plans:milestone_add", args=[plan.pk])).content.decode()
        assert "Ghi nhận hoàn thành" in form and "Khi đơn vị gửi hồ sơ khen thưởng tổng kết năm" in form
        sp.post(reverse("plans:milestone_add", args=[plan.pk]), {
            "title": "Gửi hồ sơ đề nghị khen thưởng về phường", "kind": "other", "due_on": "30/11/2026", "tracked": "on",
            "done_when": "dossier"})
        sp.post(reverse("plans:milestone_add", args=[plan.pk]), {
            "title": "Báo cáo tổng kết phong trào", "kind": "other", "due_on": "30/11/2026", "tracked": "on"})
    by_title = {m.title: m.done_when for m in plan.milestones.all()}
    assert by_title == {"Gửi hồ sơ đề nghị khen thưởng về phường": "dossier", "Báo cáo tổng kết phong trào": "report"}


def test_a_unit_publishing_its_own_plan_completes_the_plan_above(world, as_user):
    sp = world.users["specialist"]
    with at(2026, 1, 5, 9, 0):
        city = actions.plan_create(acting_user=sp, unit=world.city, year=2026, number="412/KH-UBND", issued_on=date(2026, 1, 5),
                                   issuer="Ủy ban nhân dân thành phố Hà Nội")
        m = actions.milestone_add(acting_user=sp, plan=city, kind="plan", title="Các phường ban hành kế hoạch thi đua năm 2026",
                                  due_on=date(2026, 1, 31))
        city = actions.plan_publish(acting_user=sp, plan=city)
    with at(2026, 2, 3, 14, 0):
        ward = actions.plan_create(acting_user=world.users["ward_specialist"], unit=world.ward_a, year=2026, parent=city,
                                   number="18/KH-UBND", issued_on=date(2026, 2, 3), issuer="Ủy ban nhân dân phường Phú Lương")
        actions.milestone_add(acting_user=world.users["ward_specialist"], plan=ward, title="Gửi đăng ký thi đua",
                              kind="registration", due_on=date(2026, 2, 20))
        actions.plan_publish(acting_user=world.users["ward_specialist"], plan=ward)
        assert status_of(as_user("specialist"), city, m, "Phường Phú Lương") == "Hoàn thành muộn 3 ngày"
        assert status_of(as_user("specialist"), city, m, "Phường Yên Nghĩa") == "Quá hạn, chưa thực hiện"
