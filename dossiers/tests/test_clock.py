"""The law's clock: the working days a level has for a complete dossier (``dossier_processing_days``) do not run
while the rulebook says a stage stops them (``dossier_clock_pauses``: public disclosure, waiting for the answers
to its comments, a return to the unit). A dossier handled in time is never shown overdue, nor told as overdue.

The example of issue 15: received on 06/12/2026, due 18/12/2026 (10 working days of a ward), on disclosure to
17/12/2026 — it was shown overdue from 19/12 although the council met as soon as the disclosure allowed."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dossiers import actions, selectors
from dossiers.models import DocumentKind, Dossier, Pause, Status
from notifications.models import Notification
from org.models import Role, Unit
from records.models import Rating
from rulebook.models import AwardType, Parameter
from tdkt.testing import person, unit, user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def at(time_machine, day, hour=9):
    time_machine.move_to(f"{day} {hour:02d}:00 +0700", tick=False)


def ready(officer, unit_, authority, who, year=2025):
    """A dossier of ``unit_`` to ``authority`` proposing ``who`` for a Lao động tiên tiến, its documents attached."""
    Rating.objects.update_or_create(person=who, year=year, defaults={"level": "HTXSNV"})
    d = actions.dossier_create(acting_user=officer, unit=unit_, authority=authority, year=year,
                               title=f"Đề nghị khen thưởng tổng kết năm {year}")
    actions.lines_add(acting_user=officer, dossier=d, items=[{"person": who, "award_type": AwardType.objects.get(code="LDTT"),
                                                             "summary": "Hoàn thành xuất sắc nhiệm vụ", "justification": "Đủ tiêu chuẩn"}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=officer, dossier=d, kind=kind,
                               upload=SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"))
    return d


def fresh(d):
    return Dossier.objects.get(pk=d.pk)


def overdue_ids(user, day):
    return set(selectors.dossiers_for(user, status="overdue").values_list("pk", flat=True))


@pytest.fixture
def disclosed(world, time_machine):
    """The issue's example: ward A's dossier received on Sunday 06/12/2026 and put on disclosure the same day."""
    users = world.users
    at(time_machine, "2026-12-06")
    d = ready(users["officer_a"], world.ward_a, world.ward_a, world.thinh)
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    assert fresh(d).due_on == date(2026, 12, 18)  # 10 working days of a ward
    actions.dossier_appraise(acting_user=users["ward_specialist"], dossier=d, disclose=True)
    return fresh(d)


def test_public_disclosure_does_not_count_against_the_due_date(disclosed, world, time_machine, as_user):
    d = disclosed
    assert (d.status, d.disclosure_from, d.disclosure_until) == (Status.DISCLOSURE, date(2026, 12, 6), date(2026, 12, 17))
    # The nine working days of disclosure after the day of receipt are added: 18/12 becomes 31/12.
    assert (d.paused_days, d.due_on) == (9, date(2026, 12, 31))
    pause = Pause.objects.get(dossier=d)
    assert (pause.stage, pause.start, pause.end) == ("disclosure", date(2026, 12, 6), date(2026, 12, 17))
    assert "Nghị định 152/2025" in pause.legal_basis

    at(time_machine, "2026-12-18")
    actions.disclosure_close(acting_user=world.users["ward_specialist"], dossier=d)
    assert fresh(d).status == Status.COUNCIL
    Notification.objects.all().delete()
    for day in ("2026-12-21", "2026-12-31"):
        at(time_machine, day)
        assert d.pk not in overdue_ids(world.users["ward_specialist"], day)
        assert actions.overdue_notify() == 0
    page = as_user("ward_specialist").get(f"/ho-so/{d.pk}/").content.decode()
    assert "Tạm dừng tính hạn: đang công khai (từ 06/12/2026 đến 17/12/2026)" in page
    assert '<span id="due-on">31/12/2026</span>' in page and "quá hạn" not in page
    assert "10 ngày làm việc từ 06/12/2026, cộng 9 ngày tạm dừng" in page

    # The clock is honest: past the new due date, it is late, and told so.
    at(time_machine, "2027-01-04")
    assert d.pk in overdue_ids(world.users["ward_specialist"], "2027-01-04")
    assert actions.overdue_notify() == 1
    assert "quá hạn 1 ngày làm việc" in as_user("ward_specialist").get(f"/ho-so/{d.pk}/").content.decode()


def test_waiting_for_the_answers_to_comments_stops_the_clock_until_the_last_answer(disclosed, world, time_machine, as_user):
    d = disclosed
    line = d.lines.get()
    at(time_machine, "2026-12-10")
    comment = actions.comment_add(line=line, name="Lê Văn Dân", contact="0912345678", text="Đề nghị làm rõ thành tích.")
    # Past the due date of 31/12, still waiting for the answer: the clock stands still since 18/12.
    at(time_machine, "2027-01-05")
    assert d.pk not in overdue_ids(world.users["ward_specialist"], "2027-01-05")
    assert actions.overdue_notify() == 0
    page = as_user("ward_specialist").get(f"/ho-so/{d.pk}/").content.decode()
    assert "Tạm dừng tính hạn: chờ trả lời góp ý (từ 18/12/2026, đang tạm dừng)" in page and "quá hạn" not in page
    assert "còn 10 ngày làm việc" in page  # what was left when the clock stopped: 18/12 … 31/12
    at(time_machine, "2027-01-07")
    actions.comment_answer(acting_user=world.users["ward_specialist"], comment=comment, answer="Đã làm rõ.")
    at(time_machine, "2027-01-08")
    actions.disclosure_close(acting_user=world.users["ward_specialist"], dossier=d)
    d = fresh(d)
    # 18/12 … 07/01: 14 working days more (01/01 a holiday); the ten days left run again from 08/01.
    assert (d.paused_days, d.due_on) == (9 + 14, date(2027, 1, 21))
    assert list(Pause.objects.filter(dossier=d).values_list("stage", "start", "end")) == [
        ("disclosure", date(2026, 12, 6), date(2026, 12, 17)), ("comments", date(2026, 12, 18), date(2027, 1, 7))]
    at(time_machine, "2027-01-21")
    assert d.pk not in overdue_ids(world.users["ward_specialist"], "2027-01-21")


def test_a_returned_dossier_starts_its_clock_again_from_the_complete_dossier(world, time_machine, as_user):
    users = world.users
    at(time_machine, "2026-12-01")
    d = ready(users["officer_a"], world.ward_a, world.ward_a, world.thinh)
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    assert fresh(d).due_on == date(2026, 12, 15)
    at(time_machine, "2026-12-03")
    actions.dossier_return(acting_user=users["ward_specialist"], dossier=d, reason="Thiếu chữ ký trên biên bản.")
    at(time_machine, "2026-12-16")  # past the first due date, the unit still completing it: not late
    assert fresh(d).due_on is None and d.pk not in overdue_ids(users["ward_specialist"], "2026-12-16")
    page = as_user("officer_a").get(f"/ho-so/{d.pk}/").content.decode()
    assert "Tạm dừng tính hạn: trả lại để bổ sung (từ 03/12/2026, đang tạm dừng) — thời hạn tính lại từ khi nhận lại đủ hồ sơ" in page
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    at(time_machine, "2026-12-17")
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    d = fresh(d)
    assert (d.received_on, d.due_on) == (date(2026, 12, 17), date(2026, 12, 31))
    assert Pause.objects.get(dossier=d, stage="returned").end == date(2026, 12, 16)


def test_where_the_rule_only_pauses_for_a_return_the_days_with_the_unit_are_added(world, time_machine):
    row = Parameter.objects.get(key="dossier_clock_pauses", valid_from=date(2025, 7, 1))
    row.value = [{**r, "effect": "pause"} if r["stage"] == "returned" else r for r in row.value]
    row.save()
    users = world.users
    at(time_machine, "2026-12-01")
    d = ready(users["officer_a"], world.ward_a, world.ward_a, world.thinh)
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    at(time_machine, "2026-12-03")
    actions.dossier_return(acting_user=users["ward_specialist"], dossier=d, reason="Thiếu chữ ký trên biên bản.")
    at(time_machine, "2026-12-10")
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    at(time_machine, "2026-12-11")
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    d = fresh(d)
    # Received on 01/12; 03/12 … 10/12 with the unit (6 working days) added to the 10: 23/12.
    assert (d.received_on, d.paused_days, d.due_on) == (date(2026, 12, 1), 6, date(2026, 12, 23))


@pytest.fixture
def district_2017(world, time_machine):
    """Quận Hà Đông in December 2017: the old ward Phú Lãm proposes to the district (20 working days)."""
    at(time_machine, "2017-12-04")
    district = Unit.objects.get(code="HN-HD")
    officer = user("officer_pl", Role.UNIT_OFFICER, world.old_ward, full_name="Đỗ Thị Lan")
    office = user("phongnoivu", Role.SPECIALIST, district, full_name="Ngô Văn Hải")
    who = person("CB0901", "Bùi Văn Sơn", world.old_ward, start=date(2010, 1, 1))
    return district, officer, office, who


def test_a_district_in_2017_keeps_the_clock_of_2017(district_2017, world):
    district, officer, office, who = district_2017
    d = ready(officer, world.old_ward, district, who, year=2017)
    actions.dossier_submit(acting_user=officer, dossier=d)
    actions.dossier_receive(acting_user=office, dossier=d)
    assert fresh(d).due_on == date(2018, 1, 1)  # 20 working days of a district (no holidays on record for 2017)
    actions.dossier_appraise(acting_user=office, dossier=d, disclose=True)
    d = fresh(d)
    assert (d.disclosure_until, d.paused_days, d.due_on) == (date(2017, 12, 15), 9, date(2018, 1, 12))
    # The rule of 2017 (Luật 2003, Nghị định 91/2017), not today's, is the one kept with the pause.
    assert "Nghị định 91/2017" in Pause.objects.get(dossier=d).legal_basis


def test_the_rule_of_the_day_decides_whether_disclosure_stops_the_clock(district_2017, world, time_machine):
    """The parameter's dates decide: a province whose rule of 2017 counted the disclosure keeps its 2017 dossiers'
    due dates, while a dossier of 2026 under today's rule still pauses."""
    row = Parameter.objects.get(key="dossier_clock_pauses", valid_to=date(2023, 12, 31))
    row.value = [{**r, "effect": "none"} if r["stage"] == "disclosure" else r for r in row.value]
    row.save()
    district, officer, office, who = district_2017
    d = ready(officer, world.old_ward, district, who, year=2017)
    actions.dossier_submit(acting_user=officer, dossier=d)
    actions.dossier_receive(acting_user=office, dossier=d)
    actions.dossier_appraise(acting_user=office, dossier=d, disclose=True)
    assert (fresh(d).paused_days, fresh(d).due_on) == (0, date(2018, 1, 1))
    assert not Pause.objects.filter(dossier=d).exists()

    at(time_machine, "2026-12-07")
    d = ready(world.users["officer_a"], world.ward_a, world.ward_a, world.thinh)
    actions.dossier_submit(acting_user=world.users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=world.users["ward_specialist"], dossier=d)
    actions.dossier_appraise(acting_user=world.users["ward_specialist"], dossier=d, disclose=True)
    assert fresh(d).paused_days == 9
