"""Plans for the tests: the city's 2022 plan in the shape of Thanh Xuân's Kế hoạch 319/KH-HĐTĐKT
(registration before 30/01/2022), ward A's plan implementing it, a plan of any unit and year
(``make_plan``), the plan form's fields, and a clock set in Hà Nội time (``travel``).
The ``plan`` fixture (conftest.py) is ``make_city_plan(world)``."""

from datetime import date, datetime

import time_machine

from core.dates import VN_TZ
from plans import actions

CITY_ISSUER = "Hội đồng Thi đua - Khen thưởng thành phố Hà Nội"


def at(*args):
    """A moment in Hà Nội time: at(2022, 1, 30, 23, 0)."""
    return datetime(*args, tzinfo=VN_TZ)


def travel(*args):
    return time_machine.travel(at(*args), tick=False)


def make_city_plan(world):
    sp = world.users["specialist"]
    plan = actions.plan_create(
        acting_user=sp, unit=world.city, year=2022, number="319/KH-HĐTĐKT", issued_on=date(2021, 12, 24),
        issuer=CITY_ISSUER, title="Kế hoạch công tác thi đua, khen thưởng năm 2022",
        purposes="Động viên, khích lệ cán bộ, công chức, viên chức thi đua hoàn thành xuất sắc nhiệm vụ năm 2022.",
        requirements="Công tác khen thưởng đúng người, đúng việc, đúng thành tích.\nCông khai, minh bạch, kịp thời.",
        content="Tổ chức phong trào thi đua với chủ đề “Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển”.",
        recipients="UBND Thành phố\nCác thành viên Hội đồng\nUBND các phường, xã",
        signer_name="Nguyễn Văn Phong")
    actions.milestone_add(acting_user=sp, plan=plan, title="Các đơn vị gửi đăng ký thi đua năm 2022", kind="registration",
                          due_on=date(2022, 1, 30))
    actions.milestone_add(acting_user=sp, plan=plan, title="Hồ sơ đề nghị Chiến sĩ thi đua Thành phố (đợt 1)", kind="cstd",
                          due_on=date(2022, 3, 19))
    actions.plan_task_add(acting_user=sp, plan=plan, responsible="Sở Nội vụ (cơ quan thường trực)",
                          content="Hướng dẫn, tổng hợp đăng ký thi đua của các đơn vị.")
    return actions.plan_publish(acting_user=sp, plan=plan)


def make_ward_plan(world, city_plan):
    sp = world.users["specialist"]
    plan = actions.plan_create(
        acting_user=sp, unit=world.ward_a, year=2022, number="05/KH-HĐTĐKT", issued_on=date(2022, 1, 15),
        issuer="Hội đồng Thi đua - Khen thưởng phường Phú Lương", parent=city_plan,
        title="Kế hoạch công tác thi đua, khen thưởng năm 2022", recipients="UBND phường\nCác đơn vị trực thuộc",
        signer_name="Lê Thị Hoa")
    actions.milestone_add(acting_user=sp, plan=plan, title="Các đơn vị gửi đăng ký thi đua", kind="registration",
                          due_on=date(2022, 1, 25))
    return actions.plan_publish(acting_user=sp, plan=plan)


def plan_body(**over):
    """The plan form's fields, as posted."""
    body = {"year": "2022", "number": "319/KH-HĐTĐKT", "issued_on": "24/12/2021",
            "issuer": "Hội đồng Thi đua - Khen thưởng thành phố Hà Nội", "place": "Hà Nội",
            "title": "Kế hoạch công tác thi đua, khen thưởng năm 2022", "purposes": "Động viên cán bộ thi đua.",
            "signer_title": "CHỦ TỊCH"}
    body.update(over)
    return body


def make_plan(world, unit=None, publish=True, year=2022, number="319/KH-HĐTĐKT", issued_on=date(2021, 12, 24), **kw):
    specialist = world.users["specialist"]
    plan = actions.plan_create(acting_user=specialist, unit=unit or world.city, year=year, number=number, issued_on=issued_on,
                               issuer=kw.pop("issuer", "Hội đồng Thi đua - Khen thưởng thành phố Hà Nội"),
                               title=kw.pop("title", f"Kế hoạch công tác thi đua, khen thưởng năm {year}"), **kw)
    actions.milestone_add(acting_user=specialist, plan=plan, title="Gửi đăng ký thi đua", kind="registration",
                          due_on=date(year, 1, 30))
    if publish:
        actions.plan_publish(acting_user=specialist, plan=plan)
    return plan
