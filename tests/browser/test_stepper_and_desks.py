"""A ward dossier from draft to decision, seen at each stage by the person who acts next: the stepper at the top of
its page (where it is, what comes next, who, by when) and that person's desk with the link to the step. A dossier
on public disclosure is not overdue for it: the clock stands still (rulebook dossier_clock_pauses)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tdkt.testing import PASSWORD

from .conftest import fill_login

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(live_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    names = {"officer_a": "Lê Thị Hồng", "ward_specialist": "Trần Thị Hoa", "chairman": "Nguyễn Văn Chung",
             "council": "Phạm Quốc Bảo"}
    for login, name in names.items():
        live_world.users[login].full_name = name
        live_world.users[login].save()
    return live_world


@pytest.fixture
def open_as(browser, live_server, shot):
    """open_as("officer_a") → a page of a fresh browser context signed in as that persona."""
    contexts = []

    def do(persona):
        ctx = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN",
                                  timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
        contexts.append(ctx)
        pg = ctx.new_page()
        fill_login(pg, persona, PASSWORD)
        pg.get_by_role("heading", name=re.compile("Xin chào")).wait_for()
        return pg

    yield do
    for ctx in contexts:
        ctx.close()


def at(time_machine, day):
    time_machine.move_to(f"{day} 09:00 +0700", tick=False)


def test_the_stepper_and_the_desks_at_each_stage_of_a_ward_dossier(people, open_as, shot, time_machine):
    from council import actions as council_actions
    from dossiers import actions, decide
    from dossiers.models import DocumentKind, Dossier
    from records.models import Rating
    from rulebook.models import AwardType
    from tdkt.testing.council import establish

    world, users = people, people.users
    at(time_machine, "2026-12-07")
    Rating.objects.create(person=world.thinh, year=2025, level="HTXSNV")
    d = actions.dossier_create(acting_user=users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=2025,
                               title="Đề nghị khen thưởng tổng kết năm 2025")
    actions.lines_add(acting_user=users["officer_a"], dossier=d, items=[
        {"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Hoàn thành xuất sắc nhiệm vụ"}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=users["officer_a"], dossier=d, kind=kind,
                               upload=SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"))

    # Draft: the unit's officer finishes and sends it, from the desk.
    officer = open_as("officer_a")
    expect(officer.locator("#desk-dossiers-out")).to_contain_text("Hoàn thiện và gửi: Đề nghị khen thưởng tổng kết năm 2025")
    shot(officer, "1-draft-desk")
    officer.get_by_role("link", name=re.compile("Hoàn thiện và gửi")).click()
    stepper = officer.locator("#stepper")
    expect(stepper).to_contain_text("Bước hiện tại: Lập hồ sơ.")
    expect(stepper).to_contain_text("Lê Thị Hồng")
    shot(officer, "1-draft")
    expect(stepper.get_by_role("link", name="Kiểm tra và gửi hồ sơ")).to_be_visible()
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    officer.reload()
    expect(officer.locator("#stepper")).to_contain_text("Bước hiện tại: Gửi, chờ tiếp nhận.")

    # Submitted: the ward's office receives it from its desk.
    office = open_as("ward_specialist")
    expect(office.locator("#desk-to-receive")).to_be_visible()
    shot(office, "2-submitted-desk")
    office.get_by_role("link", name=re.compile("Tiếp nhận: Đề nghị")).click()
    expect(office.locator("#stepper")).to_contain_text("Cơ quan thường trực — Phường Phú Lương")
    shot(office, "2-submitted")
    office.get_by_role("button", name="Tiếp nhận và giao thẩm định").click()

    # Appraising: due in 10 working days (21/12/2026).
    expect(office.locator("#stepper")).to_contain_text("Bước hiện tại: Thẩm định.")
    expect(office.locator("#stepper")).to_contain_text("Hạn: 21/12/2026")
    office.goto("/")
    expect(office.locator("#desk-to-appraise")).to_contain_text("Bạn thẩm định (1)")
    shot(office, "3-appraising-desk")
    office.get_by_role("link", name=re.compile("Thẩm định: Đề nghị")).click()
    shot(office, "3-appraising")
    actions.dossier_appraise(acting_user=users["ward_specialist"], dossier=d, disclose=True)

    # Disclosure: 07/12 … 18/12; the due date moves by the nine working days after the day of receipt.
    office.reload()
    expect(office.locator("#stepper")).to_contain_text("Bước hiện tại: Công khai, nhận góp ý.")
    expect(office.locator(".facts")).to_contain_text("Tạm dừng tính hạn: đang công khai (từ 07/12/2026 đến 18/12/2026)")
    expect(office.locator("#due-on")).to_have_text("04/01/2027")
    shot(office, "4-disclosure")

    # The day after the first due date: disclosure over, not overdue; the desk says to close the disclosure.
    at(time_machine, "2026-12-22")
    office = open_as("ward_specialist")  # a new day's session
    expect(office.locator("#desk-disclosure-over")).to_be_visible()
    expect(office.locator("#desk-dossiers-in")).not_to_contain_text("quá hạn")
    shot(office, "5-disclosure-over-desk")
    office.get_by_role("link", name=re.compile("Kết thúc công khai: Đề nghị")).click()
    expect(office.locator(".facts")).not_to_contain_text("quá hạn")
    expect(office.locator(".facts")).to_contain_text("còn 8 ngày làm việc")
    shot(office, "5-disclosed-not-overdue")
    office.locator(".pagehead").get_by_role("button", name="Kết thúc công khai").click()

    # Council: the office convenes it from the stepper, the convene page has the dossier ticked.
    establish(world.ward_a, [users["council"]], without_account=["Hoàng Văn Chủ"])
    office.reload()
    expect(office.locator("#stepper")).to_contain_text("Hội đồng Thi đua - Khen thưởng Phường Phú Lương")
    expect(office.locator("#stepper")).to_contain_text("Phạm Quốc Bảo, Hoàng Văn Chủ")
    shot(office, "6-council")
    office.locator("#stepper").get_by_role("link", name="Triệu tập họp Hội đồng").click()
    expect(office.get_by_label(re.compile(r"HS-2025-\d+"))).to_be_checked()
    shot(office, "6-convene")
    d = Dossier.objects.get(pk=d.pk)
    m = council_actions.meeting_create(acting_user=users["ward_specialist"], authority=world.ward_a,
                                       title="Phiên họp xét khen thưởng năm 2025", date=d.updated_at.date(), dossiers=[d])
    council_actions.attendance_set(acting_user=users["ward_specialist"], meeting=m,
                                   present_member_ids=list(m.members.values_list("pk", flat=True)))
    council_actions.ballot_open(acting_user=users["ward_specialist"], meeting=m)
    member = open_as("council")
    expect(member.locator("#desk-meetings")).to_contain_text("Bỏ phiếu: Phiên họp xét khen thưởng năm 2025")
    shot(member, "6-council-member-desk")
    member.get_by_role("link", name=re.compile("Bỏ phiếu: Phiên họp")).click()
    expect(member).to_have_url(re.compile(r"/hoi-dong/\d+/#ballot-h$"))
    council_actions.ballot_cast(acting_user=users["council"], meeting=m,
                                choices={str(t.line_id): "agree" for t in m.tallies.all()})
    paper = m.members.get(user__isnull=True)
    council_actions.paper_count_enter(acting_user=users["ward_specialist"], meeting=m, handed_out=1, received=1,
                                      member_ids=[paper.pk], totals={t.line_id: {"agree": 1, "disagree": 0, "abstain": 0}
                                                                     for t in m.tallies.all()})
    council_actions.ballot_close(acting_user=users["ward_specialist"], meeting=m)

    # Decision: the chairman signs from the desk.
    chairman = open_as("chairman")
    expect(chairman.locator("#desk-sign")).to_contain_text("Đề nghị khen thưởng tổng kết năm 2025")
    shot(chairman, "7-decision-desk")
    chairman.goto(f"/ho-so/{d.pk}/")
    expect(chairman.locator("#stepper")).to_contain_text("Bước hiện tại: Quyết định khen thưởng.")
    expect(chairman.locator("#stepper")).to_contain_text("Nguyễn Văn Chung")
    shot(chairman, "7-decision")
    decide.decision_issue(acting_user=users["chairman"], authority=world.ward_a, dossiers=[Dossier.objects.get(pk=d.pk)],
                          number="25", date=d.updated_at.date(), signer_name="Nguyễn Văn Chung")

    # Decided: every stage done — draft, submitted, appraisal, disclosure, council, decision, decided.
    officer = open_as("officer_a")
    officer.goto(f"/ho-so/{d.pk}/")
    expect(officer.locator("#stepper .stage-done")).to_have_count(7)
    expect(officer.locator("#stepper .stage-current")).to_have_count(0)
    shot(officer, "8-decided")
