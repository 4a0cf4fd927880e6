"""Browser: the standing office enters the council's establishing decision (a member without an account, rows added
and removed), convenes from it, a member votes on a phone (360×800) and recusing from a line keeps their other
tick, and the secretary enters the counting group's paper totals — refused naming the line when they exceed the
ballots received (issue 14, item 5)."""

import re

import pytest
from playwright.sync_api import expect

from council import actions
from council.models import Meeting
from org.models import Person, Role
from tdkt.testing import PASSWORD, user
from tdkt.testing.dossiers import dossier_at_council

from .conftest import TIMEOUT_MS, fill_login

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 800}


@pytest.fixture
def ward(live_world):
    w = live_world
    user("hoidong2", Role.COUNCIL_MEMBER, w.ward_a, full_name="Đặng Thị Hường")
    dossier_at_council(w, [w.thinh, Person.objects.get(code="CB0002")])
    return w


@pytest.fixture
def phone(browser, live_server):
    contexts = []

    def open_as(username):
        ctx = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url,
                                  is_mobile=True, has_touch=True)
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append(ctx)
        pg = ctx.new_page()
        fill_login(pg, username, PASSWORD)
        return pg

    yield open_as
    for ctx in contexts:
        ctx.close()


def _row(pg, n):
    """The n-th member row (1-based) of the decision's form: its fields by their labels."""
    return lambda label: pg.get_by_label(f"{label} (dòng {n})", exact=True)


def test_the_office_enters_the_decision_convenes_from_it_and_enters_the_paper_count(page, login, shot, phone, ward):
    office = login("ward_specialist")
    office.locator(".sidebar").get_by_role("link", name="Hội đồng Thi đua - Khen thưởng").click()
    office.get_by_role("link", name="Quyết định thành lập, kiện toàn Hội đồng").click()
    expect(office.locator(".msg-warning").first).to_contain_text("chưa triệu tập được phiên họp của Hội đồng này")
    office.get_by_role("link", name="+ Nhập quyết định").first.click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Nhập quyết định thành lập, kiện toàn Hội đồng")
    office.get_by_label("Số, ký hiệu").fill("125/QĐ-UBND")
    office.get_by_label("Ngày ký").fill("15/07/2025")
    office.get_by_label("Hiệu lực từ ngày").fill("15/07/2025")
    rows = [("Nguyễn Văn Chủ", "Chủ tịch Hội đồng", "Chủ tịch UBND phường", None),
            ("", "Phó Chủ tịch thường trực", "Phó Chủ tịch UBND phường", "council (council)"),
            ("", "Ủy viên", "Hiệu trưởng", "Đặng Thị Hường (hoidong2)"),
            ("Lê Văn Nhầm", "Ủy viên", "", None)]
    for n, (name, role, job, account) in enumerate(rows, start=1):
        field = _row(office, n)
        if name:
            field("Họ và tên").fill(name)
        field("Chức danh trong Hội đồng").select_option(label=role)
        field("Chức vụ, đơn vị công tác").fill(job)
        if account:
            field("Tài khoản (bỏ phiếu trên hệ thống)").select_option(label=account)
    # More rows, keeping what was typed; then one row taken out before saving.
    office.get_by_role("button", name="+ Thêm dòng").click()
    expect(_row(office, 8)("Họ và tên")).to_be_visible()
    expect(_row(office, 4)("Họ và tên")).to_have_value("Lê Văn Nhầm")
    office.get_by_label("Bỏ dòng 4", exact=True).check()
    _row(office, 5)("Họ và tên").fill("Phạm Thị Mặt Trận")
    _row(office, 5)("Chức vụ, đơn vị công tác").fill("Chủ tịch Ủy ban MTTQ phường")
    expect(_row(office, 8)("Chức danh trong Hội đồng")).to_have_value("member")  # a new row is an "Ủy viên"
    expect(office.locator("tr.has-error")).to_have_count(0)
    office.evaluate("window.scrollTo(0, 0)")
    shot(office, "1-decision-form")
    office.get_by_role("button", name="Lưu quyết định").click()
    expect(office.locator(".messages")).to_contain_text("Đã lưu Quyết định số 125/QĐ-UBND ngày 15/07/2025 (4 thành viên).")
    members = office.locator("table.list tbody tr")
    expect(members).to_have_count(4)
    expect(members.nth(0)).to_contain_text("Nguyễn Văn Chủ")
    expect(members.nth(0)).to_contain_text("không có — bỏ phiếu giấy")
    expect(members.nth(3)).to_contain_text("Phạm Thị Mặt Trận")
    expect(office.get_by_text("Lê Văn Nhầm")).to_have_count(0)
    expect(office.locator(".timeline")).to_contain_text("Tạo mới")
    shot(office, "2-decision")

    # Convened from it: four members, two of them on paper.
    office.locator(".sidebar").get_by_role("link", name="Hội đồng Thi đua - Khen thưởng").click()
    office.get_by_role("link", name="+ Triệu tập phiên họp").click()
    expect(office.get_by_text(re.compile(r"theo Quyết định số 125/QĐ-UBND ngày 15/07/2025 \(4 người\)"))).to_be_visible()
    office.get_by_role("button", name="Triệu tập").click()
    for name in ("Nguyễn Văn Chủ", "council", "Đặng Thị Hường", "Phạm Thị Mặt Trận"):
        office.get_by_label(f"{name} có mặt").check()
    office.get_by_role("button", name="Lưu điểm danh").click()
    office.get_by_role("button", name="Mở phiếu").click()
    expect(office.locator(".messages")).to_contain_text("Đã mở phiếu.")
    meeting_url = office.url
    m = Meeting.objects.get()

    # The member "council" votes on a phone: agrees on Thịnh; on An asks not to vote but forgets the reason.
    mine = phone("council")
    mine.goto(meeting_url)
    ballot = mine.locator("form.ballot")
    thinh, an = ballot.locator(".ballot-line").filter(has_text="Nguyễn Thị Thịnh"), ballot.locator(".ballot-line").filter(has_text="Trần Văn An")
    expect(thinh).to_contain_text("cần 3/4 phiếu đồng ý (trên 50% tổng số thành viên Hội đồng)")
    thinh.get_by_label("Đồng ý", exact=True).check()
    an.get_by_text("Xin không tham gia biểu quyết (xung đột lợi ích)…").click()
    an.get_by_label("Tôi không tham gia biểu quyết dòng này").check()
    shot(mine, "3-phone-ballot")
    ballot.get_by_role("button", name="Bỏ phiếu").click()
    expect(mine.locator(".messages")).to_contain_text("Dòng của Trần Văn An (Lao động tiên tiến): cần ghi lý do không tham gia biểu quyết.")
    ballot = mine.locator("form.ballot")
    thinh, an = ballot.locator(".ballot-line").filter(has_text="Nguyễn Thị Thịnh"), ballot.locator(".ballot-line").filter(has_text="Trần Văn An")
    expect(thinh.get_by_label("Đồng ý", exact=True)).to_be_checked()  # the other tick is kept
    expect(an.get_by_label("Tôi không tham gia biểu quyết dòng này")).to_be_checked()
    shot(mine, "4-phone-ballot-kept")
    an.get_by_label("Lý do").fill("Là thủ trưởng đơn vị của người được đề nghị")
    ballot.get_by_role("button", name="Bỏ phiếu").click()
    expect(mine.locator(".messages")).to_contain_text("Đã ghi nhận phiếu của bạn.")
    width = mine.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the ballot page is {width}px wide on a {PHONE['width']}px phone"

    # Đặng Thị Hường votes on her own screen (not what this test looks at).
    actions.ballot_cast(acting_user=m.members.get(name="Đặng Thị Hường").user, meeting=m,
                        choices={str(t.line_id): "agree" for t in m.tallies.all()})

    # The secretary enters the counting group's totals of the two paper ballots.
    office.goto(meeting_url)
    paper = office.locator("form.paper")
    expect(paper.get_by_label(re.compile("Nguyễn Văn Chủ"))).to_be_checked()
    expect(paper.get_by_label(re.compile("Phạm Thị Mặt Trận"))).to_be_checked()
    paper.get_by_label("Số phiếu phát ra").fill("2")
    paper.get_by_label("Số phiếu thu về").fill("2")
    paper.get_by_label("Nguyễn Thị Thịnh: Đồng ý").fill("2")
    paper.get_by_label("Nguyễn Thị Thịnh: Không đồng ý").fill("1")
    paper.get_by_label("Trần Văn An: Đồng ý").fill("1")
    paper.get_by_label("Trần Văn An: Không có ý kiến").fill("1")
    paper.get_by_role("button", name="Nhập kết quả kiểm phiếu").click()
    expect(office.locator("form.paper")).to_contain_text(
        "Dòng của Nguyễn Thị Thịnh (Lao động tiên tiến): 3 phiếu (đồng ý, không đồng ý, không có ý kiến) nhiều hơn 2 phiếu thu về.")
    paper = office.locator("form.paper")
    expect(paper.get_by_label("Trần Văn An: Không có ý kiến")).to_have_value("1")  # what was typed is kept
    shot(office, "5-paper-refused")
    paper.get_by_label("Nguyễn Thị Thịnh: Không đồng ý").fill("")
    paper.get_by_role("button", name="Nhập kết quả kiểm phiếu").click()
    expect(office.locator(".messages")).to_contain_text("Đã nhập kết quả kiểm phiếu giấy: 2 phiếu thu về.")
    expect(office.locator("table.list tbody tr").filter(has_text="Phạm Thị Mặt Trận")).to_contain_text("đã bỏ phiếu giấy")
    office.get_by_role("link", name="Kết thúc bỏ phiếu…").click()
    office.get_by_role("button", name="Xác nhận kết thúc bỏ phiếu").click()
    results = office.locator("section", has=office.get_by_role("heading", name="Kết quả bỏ phiếu"))
    # Thịnh: 1 + 1 + 2 = 4 of 4. An: 1 on screen + 1 on paper, council did not vote (weighs as a no): 2 of 4.
    expect(results.locator("tbody tr").filter(has_text="Nguyễn Thị Thịnh")).to_contain_text("thông qua")
    expect(results.locator("tbody tr").filter(has_text="Trần Văn An")).to_contain_text("không thông qua")
    expect(office.locator(".timeline")).to_contain_text("Nhập kết quả kiểm phiếu giấy")
    shot(office, "6-results")
