"""The award path in the browser, as each persona does it on their own screen: the ward officer
builds and sends a dossier; the ward's standing office receives it, returns it with a reason,
receives it again and passes the appraisal; the council meets and votes (secret ballot, each member
on their own screen); the chairman issues the decision; a citizen checks an award by its code.
And the public disclosure: a citizen comments, the standing office sees it on the dossier."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from decisions.models import Award
from dossiers import actions as dossier_actions
from dossiers.models import DocumentKind, Dossier, Status
from org.models import Person, Role
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing import PASSWORD, user
from tdkt.testing.council import establish
from tdkt.testing.dossiers import pdf, rate

from .conftest import TIMEOUT_MS, fill_login

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1366, "height": 768}
RENDER_MS = 180_000  # the decision's Word → PDF runs through LibreOffice in the request (tasks run at once in tests)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def screen(browser, live_server):
    """screen("council") → a page in a browser of its own, signed in as that persona (None: nobody signed in)."""
    contexts, errors = [], []

    def open_as(username=None):
        ctx = browser.new_context(viewport=VIEWPORT, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        if username:
            fill_login(pg, username, PASSWORD)
            pg.get_by_role("heading", name=re.compile("Xin chào")).wait_for()
        return pg

    yield open_as
    for ctx in contexts:
        ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def scan(tmp_path, name, title):
    """A small real PDF, as a scanner would give (one page, a line of text)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({title}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path = tmp_path / name
    path.write_bytes(bytes(out))
    return path


@pytest.fixture
def snap(shot):
    """shot() from the top of the page: a full-page screenshot taken where an anchor (#lines, #documents) scrolled
    the page draws the sticky top bar across the middle of the picture."""

    def take(pg, step):
        pg.evaluate("window.scrollTo(0, 0)")
        return shot(pg, step)

    return take


def messages(pg):
    return pg.locator(".messages")


def upload(pg, kind, path):
    docs = pg.locator("#documents")
    docs.get_by_label("Loại tài liệu").select_option(label=kind)
    docs.locator("input[type=file]").set_input_files(str(path))
    docs.get_by_role("button", name="Tải lên").click()
    expect(messages(pg)).to_contain_text(f"Đã tải lên {kind.lower()}.")
    expect(docs.locator("tbody tr").filter(has_text=path.name)).to_contain_text(kind)


def status(pg):
    return pg.locator(".facts .status")


@pytest.fixture
def council_of_three(live_world):
    """Ward A's council: the persona ``council`` and two more members."""
    w = live_world
    user("hoidong2", Role.COUNCIL_MEMBER, w.ward_a, full_name="Đặng Thị Hường")
    user("hoidong3", Role.COUNCIL_MEMBER, w.ward_a, full_name="Bùi Quốc Việt")
    establish(w.ward_a)
    return ["council", "hoidong2", "hoidong3"]


def test_dossier_to_council_to_decision_to_verification(page, login, screen, live_world, council_of_three, tmp_path, snap):
    w = live_world
    year = timezone.localdate().year - 1
    today = timezone.localdate().strftime("%d/%m/%Y")
    an = Person.objects.get(code="CB0002")
    rate([w.thinh, an], year)  # both completed their tasks excellently: the lines come out clean

    # 1. The ward officer builds the dossier.
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Hồ sơ đề nghị khen thưởng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hồ sơ đề nghị khen thưởng")
    page.get_by_role("link", name="+ Lập hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lập hồ sơ đề nghị khen thưởng")
    page.get_by_label("Trình cấp quyết định").select_option(label="Phường Phú Lương")
    page.get_by_label("Năm thành tích").fill(str(year))
    page.get_by_label("Trích yếu").fill(f"Đề nghị tặng danh hiệu Lao động tiên tiến năm {year}")
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(messages(page)).to_contain_text(re.compile(r"Đã lập hồ sơ \S+\. Thêm các dòng đề nghị và tài liệu, rồi gửi hồ sơ\."))
    dossier = Dossier.objects.get()
    code = dossier.code
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đề nghị tặng danh hiệu Lao động tiên tiến năm {year}")
    expect(status(page)).to_have_text("Đang soạn")
    expect(page.locator("#lines")).to_contain_text("Chưa có dòng đề nghị nào.")

    # A line typed by name, without diacritics.
    lines = page.locator("#lines")
    lines.get_by_label("Cá nhân hoặc tập thể").fill("tran van an")
    lines.get_by_label("Danh hiệu, hình thức").select_option(label="Lao động tiên tiến")
    lines.get_by_label("Tóm tắt thành tích").fill("Hoàn thành xuất sắc nhiệm vụ văn thư, lưu trữ.")
    lines.get_by_role("button", name="Thêm dòng").click()
    expect(messages(page)).to_contain_text("Đã thêm Trần Văn An.")
    rows = page.locator("#lines tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Trần Văn An")
    expect(rows.first).to_contain_text("Lao động tiên tiến")
    expect(rows.first).to_contain_text("đạt")

    # A line from the eligible list.
    page.get_by_role("link", name="Chọn từ danh sách đủ điều kiện").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đủ điều kiện năm {year} — Phường Phú Lương")
    candidates = page.locator("tbody tr")
    # Trần Văn An's LĐTT is in the dossier already: not offered again.
    expect(candidates.filter(has_text="Trần Văn An").filter(has_text="Lao động tiên tiến")).to_have_count(0)
    thinh = candidates.filter(has_text="Nguyễn Thị Thịnh").filter(has_text="Lao động tiên tiến")
    expect(thinh).to_have_count(1)
    expect(thinh).to_contain_text("chưa đăng ký")
    thinh.locator("input[type=checkbox]").check()
    page.get_by_role("button", name="Thêm các dòng đã chọn").click()
    expect(messages(page)).to_contain_text("Đã thêm 1 dòng từ danh sách đủ điều kiện.")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Nguyễn Thị Thịnh")).to_contain_text("Lao động tiên tiến")
    expect(page.get_by_role("heading", name="Danh sách đề nghị (2)")).to_be_visible()

    # The signed proposal and minutes.
    checklist = page.locator(".checklist")
    expect(checklist.locator("li.missing")).to_have_count(2)
    upload(page, "Tờ trình", scan(tmp_path, "to-trinh-da-ky.pdf", "To trinh"))
    upload(page, "Biên bản bình xét", scan(tmp_path, "bien-ban-binh-xet.pdf", "Bien ban"))
    expect(checklist.locator("li.missing")).to_have_count(0)
    expect(checklist).to_contain_text("Mọi dòng đạt thẩm định hoặc có giải trình")
    snap(page, "1-dossier-before-submit")

    page.get_by_role("link", name="Gửi hồ sơ…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gửi hồ sơ:")
    page.get_by_role("button", name="Xác nhận gửi hồ sơ").click()
    expect(messages(page)).to_contain_text("Đã gửi hồ sơ.")
    expect(status(page)).to_have_text("Đã gửi, chờ tiếp nhận")
    expect(page.get_by_role("link", name="Gửi hồ sơ…")).to_have_count(0)

    # 2. The ward's standing office receives it and returns it with a reason.
    office = screen("ward_specialist")
    office.locator(".sidebar").get_by_role("link", name="Hồ sơ đề nghị khen thưởng").click()
    office.get_by_role("link", name="Hồ sơ gửi đến").click()
    expect(office.locator("tbody tr").filter(has_text=code)).to_contain_text("Đã gửi, chờ tiếp nhận")
    office.get_by_role("link", name=code, exact=True).click()
    office.get_by_role("button", name="Tiếp nhận và giao thẩm định").click()
    expect(messages(office)).to_contain_text("Đã tiếp nhận hồ sơ; giao ward_specialist thẩm định.")
    expect(status(office)).to_have_text("Đang thẩm định")
    office.get_by_role("link", name="Trả lại để bổ sung").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text("Trả lại để bổ sung")
    office.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(office.locator(".field.has-error")).to_contain_text("Cần ghi lý do.")
    reason = "Biên bản bình xét chưa có chữ ký của thư ký cuộc họp."
    office.get_by_label("Lý do").fill(reason)
    office.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(messages(office)).to_contain_text("Đã trả lại hồ sơ cho đơn vị.")
    expect(status(office)).to_have_text("Trả lại để bổ sung")

    # The officer sees why, fixes it and sends it again.
    page.reload()
    expect(status(page)).to_have_text("Trả lại để bổ sung")
    expect(page.locator(".timeline")).to_contain_text(f"Lý do: {reason}")
    expect(page.get_by_role("link", name="Gửi lại hồ sơ…")).to_be_visible()
    snap(page, "2-dossier-returned")
    upload(page, "Biên bản bình xét", scan(tmp_path, "bien-ban-binh-xet-du-chu-ky.pdf", "Bien ban du chu ky"))
    page.get_by_role("link", name="Gửi lại hồ sơ…").click()
    page.get_by_role("button", name="Xác nhận gửi lại hồ sơ").click()
    expect(messages(page)).to_contain_text("Đã gửi hồ sơ.")
    expect(page.locator(".facts")).to_contain_text("lần gửi 2")

    # The office receives it again and passes the appraisal.
    office.reload()
    expect(status(office)).to_have_text("Đã gửi, chờ tiếp nhận")
    office.get_by_role("button", name="Tiếp nhận và giao thẩm định").click()
    expect(status(office)).to_have_text("Đang thẩm định")
    office.get_by_role("button", name="Thẩm định đạt…").click()
    office.get_by_role("button", name="Xác nhận thẩm định đạt").click()
    expect(messages(office)).to_contain_text("Thẩm định đạt; hồ sơ chuyển sang bước “Trình Hội đồng”.")
    expect(status(office)).to_have_text("Trình Hội đồng")

    # 3. The council meets.
    office.locator(".sidebar").get_by_role("link", name="Hội đồng Thi đua - Khen thưởng").click()
    office.get_by_role("link", name="+ Triệu tập phiên họp").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Triệu tập phiên họp Hội đồng")
    expect(office.get_by_label("Tên phiên họp")).to_have_value("Phiên họp Hội đồng Thi đua - Khen thưởng Phường Phú Lương")
    expect(office.get_by_label("Ngày họp")).to_have_value(today)
    office.get_by_label("Địa điểm").fill("Hội trường UBND phường Phú Lương")
    expect(office.get_by_label(re.compile(code))).to_be_checked()
    office.get_by_role("button", name="Triệu tập").click()
    expect(messages(office)).to_contain_text("Đã triệu tập phiên họp. Điểm danh thành viên có mặt rồi mở phiếu.")
    facts = office.locator(".facts")
    expect(facts).to_contain_text("0/3 thành viên có mặt")
    expect(office.get_by_role("button", name="Mở phiếu")).to_be_disabled()
    for name in ("council", "Đặng Thị Hường", "Bùi Quốc Việt"):
        office.get_by_label(f"{name} có mặt").check()
    office.get_by_role("button", name="Lưu điểm danh").click()
    expect(messages(office)).to_contain_text("Đã lưu điểm danh.")
    expect(facts).to_contain_text("3/3 thành viên có mặt")
    office.get_by_role("button", name="Mở phiếu").click()
    expect(messages(office)).to_contain_text("Đã mở phiếu.")
    expect(office.get_by_text("Số phiếu của từng dòng chỉ hiện khi kết thúc bỏ phiếu.")).to_be_visible()
    meeting_url = office.url

    # Each member votes on their own screen: Thịnh 3 agree; An 1 agree, 1 disagree, 1 abstain (needs 2 of 3).
    votes = {"council": ("Đồng ý", "Đồng ý"), "hoidong2": ("Đồng ý", "Không đồng ý"), "hoidong3": ("Đồng ý", "Không có ý kiến")}
    for i, member in enumerate(council_of_three):
        mine = screen(member)
        mine.locator(".sidebar").get_by_role("link", name="Hội đồng Thi đua - Khen thưởng").click()
        mine.get_by_role("link", name="Phiên họp Hội đồng Thi đua - Khen thưởng Phường Phú Lương").click()
        ballot = mine.locator("section", has=mine.get_by_role("heading", name="Phiếu bầu của bạn"))
        expect(ballot).to_contain_text("Phiếu kín")
        expect(ballot.locator(".ballot-line")).to_have_count(2)
        expect(ballot.locator(".ballot-line").filter(has_text="Nguyễn Thị Thịnh")).to_contain_text(
            "biểu quyết công khai · cần 2/3 phiếu đồng ý (trên 50% tổng số thành viên Hội đồng)")
        for name, choice in zip(("Nguyễn Thị Thịnh", "Trần Văn An"), votes[member]):
            ballot.get_by_role("group", name=name).get_by_label(choice, exact=True).check()
        if i == 0:
            snap(mine, "3-council-ballot")
        ballot.get_by_role("button", name="Bỏ phiếu").click()
        expect(messages(mine)).to_contain_text("Đã ghi nhận phiếu của bạn.")
        expect(mine.get_by_text("Bạn đã bỏ phiếu.")).to_be_visible()
        expect(mine.get_by_role("heading", name="Phiếu bầu của bạn")).to_have_count(0)
        expect(mine.locator(".facts")).to_contain_text(f"{i + 1}/3")

    office.goto(meeting_url)
    expect(facts).to_contain_text("3/3")
    expect(office.locator("tbody tr").filter(has_text="Bùi Quốc Việt")).to_contain_text("đã bỏ phiếu")
    # Closing shows the counts that will stand and asks once.
    office.get_by_role("link", name="Kết thúc bỏ phiếu…").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Kết thúc bỏ phiếu: xem trước kết quả")
    expect(office.locator(".pagehead")).to_contain_text("3/3 thành viên đã bỏ phiếu")
    expect(office.locator("table.close-preview tbody tr").filter(has_text="Nguyễn Thị Thịnh")).to_contain_text("thông qua")
    snap(office, "close-preview")
    office.get_by_role("button", name="Xác nhận kết thúc bỏ phiếu").click()
    expect(messages(office)).to_contain_text("Đã kết thúc bỏ phiếu; kết quả đã chuyển sang các hồ sơ.")
    results = office.locator("section", has=office.get_by_role("heading", name="Kết quả bỏ phiếu"))
    thinh_row = results.locator("tbody tr").filter(has_text="Nguyễn Thị Thịnh")
    an_row = results.locator("tbody tr").filter(has_text="Trần Văn An")
    rule = "2/3 (trên 50% tổng số thành viên Hội đồng)"
    expect(thinh_row.locator("td")).to_have_text([code, "Nguyễn Thị Thịnh", "Lao động tiên tiến", "công khai", "3", "0", "0", "0",
                                                  rule, "thông qua"])
    expect(an_row.locator("td")).to_have_text([code, "Trần Văn An", "Lao động tiên tiến", "công khai", "1", "1", "1", "0", rule,
                                               "không thông qua"])
    snap(office, "4-council-results")

    # 4. The chairman issues the decision.
    chairman = screen("chairman")
    chairman.locator(".sidebar").get_by_role("link", name="Quyết định khen thưởng").click()
    chairman.get_by_role("link", name="+ Ban hành quyết định").click()
    expect(chairman.get_by_role("heading", level=1)).to_have_text("Ban hành quyết định khen thưởng — Phường Phú Lương")
    expect(chairman.get_by_text("1 dòng sẽ được khen thưởng.")).to_be_visible()
    to_award = chairman.locator("section", has=chairman.get_by_role("heading", name="Các dòng được khen thưởng")).locator("tbody tr")
    expect(to_award).to_have_count(1)
    expect(to_award).to_contain_text("Nguyễn Thị Thịnh")
    chairman.get_by_label(re.compile(r"^Số\s*\*?$")).fill("15")
    expect(chairman.get_by_label("Ký hiệu")).to_have_value("QĐ-UBND")
    expect(chairman.get_by_label("Ngày ký")).to_have_value(today)
    chairman.get_by_label("Họ và tên người ký").fill("Nguyễn Văn Chủ")
    chairman.get_by_role("button", name="Xem trước quyết định").click()
    expect(chairman.locator("#preview-annex")).to_contain_text("Nguyễn Thị Thịnh")
    chairman.get_by_role("button", name="Xác nhận ban hành quyết định số 15/QĐ-UBND").click(timeout=RENDER_MS)
    expect(chairman.get_by_role("heading", level=1)).to_have_text(f"Quyết định số 15/QĐ-UBND ngày {today}", timeout=RENDER_MS)
    expect(messages(chairman)).to_contain_text(f"Đã ban hành Quyết định số 15/QĐ-UBND ngày {today}; khen thưởng đã vào lịch sử.")
    award = Award.objects.get(decision__number="15")
    money = f"{award.amount:,}".replace(",", ".") + " đ"
    listed = chairman.locator("section", has=chairman.get_by_role("heading", name="Danh sách kèm theo")).locator("tbody tr")
    expect(listed).to_have_count(1)
    expect(listed.first.locator("td")).to_have_text(["1", "Nguyễn Thị Thịnh", "Văn phòng HĐND và UBND phường Phú Lương",
                                                     "Lao động tiên tiến", money, "1", award.verify_code, "Còn hiệu lực"])
    expect(chairman.locator(".facts")).to_contain_text(money)
    files = chairman.locator("#files")
    for name in ("Quyết định (Word)", "Quyết định (PDF)", "Giấy chứng nhận (PDF, 1 trang)", "Danh sách chi tiền thưởng (Excel)"):
        expect(files.get_by_role("link", name=name)).to_be_visible()
    certificates = chairman.request.get(files.get_by_role("link", name=re.compile("^Giấy chứng nhận")).get_attribute("href"))
    assert certificates.ok and certificates.body().startswith(b"%PDF")
    snap(chairman, "5-decision")

    # The officer's dossier reads the outcome line by line.
    page.reload()
    expect(status(page)).to_have_text("Đã có quyết định")
    expect(rows.filter(has_text="Nguyễn Thị Thịnh")).to_contain_text("Đã khen thưởng")
    expect(rows.filter(has_text="Trần Văn An")).to_contain_text("Không được thông qua")

    # 5. A citizen, signed in nowhere, follows the award's verification code.
    href = chairman.get_by_role("link", name=award.verify_code).get_attribute("href")
    assert href == reverse("decisions:verify", args=[award.verify_code])
    citizen = screen()
    citizen.goto(href)
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Xác minh khen thưởng")
    expect(citizen.get_by_role("status")).to_contain_text("đang có hiệu lực")
    facts = citizen.locator(".verify table")
    expect(facts.locator("tr").filter(has_text="Mã xác minh")).to_contain_text(award.verify_code)
    expect(facts.locator("tr").filter(has_text="Cá nhân, tập thể")).to_contain_text("Nguyễn Thị Thịnh")
    expect(facts.locator("tr").filter(has_text="Đơn vị")).to_contain_text("Văn phòng HĐND và UBND phường Phú Lương")
    expect(facts.locator("tr").filter(has_text="Danh hiệu, hình thức")).to_contain_text(f"Lao động tiên tiến năm {year}")
    expect(facts.locator("tr").filter(has_text="Quyết định")).to_contain_text(f"Số 15/QĐ-UBND ngày {today} của Phường Phú Lương")
    snap(citizen, "6-verification")


def test_a_citizen_comments_on_the_public_list_and_the_office_sees_it(page, login, screen, live_world, snap):
    w = live_world
    year = timezone.localdate().year - 1
    Rating.objects.create(person=w.thinh, year=year, level="HTXSNV")
    officer, office = w.users["officer_a"], w.users["ward_specialist"]
    d = dossier_actions.dossier_create(acting_user=officer, unit=w.ward_a, authority=w.ward_a, year=year,
                                       title=f"Đề nghị khen thưởng tổng kết năm {year}")
    dossier_actions.lines_add(acting_user=officer, dossier=d, items=[{
        "person": w.thinh, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Dẫn đầu phong trào cải cách hành chính."}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        dossier_actions.attachment_add(acting_user=officer, dossier=d, kind=kind, upload=pdf())
    dossier_actions.dossier_submit(acting_user=officer, dossier=d)
    dossier_actions.dossier_receive(acting_user=office, dossier=d)
    d = dossier_actions.dossier_appraise(acting_user=office, dossier=d, disclose=True)
    assert d.status == Status.DISCLOSURE
    until = d.disclosure_until.strftime("%d/%m/%Y")

    citizen = screen()
    citizen.goto(reverse("dossiers:public_list"))
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Công khai danh sách đề nghị khen thưởng")
    row = citizen.locator("tbody tr").filter(has_text=d.title)
    expect(row).to_contain_text(until)
    row.get_by_role("link", name=d.title).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(d.title)
    expect(citizen.locator("tbody tr").first).to_contain_text("Dẫn đầu phong trào cải cách hành chính.")
    expect(citizen.locator("body")).not_to_contain_text("CB0001")  # no staff code in public
    form = citizen.locator("section", has=citizen.get_by_role("heading", name="Gửi góp ý"))
    expect(form.get_by_label("Góp ý về")).to_have_text("Nguyễn Thị Thịnh — Lao động tiên tiến")
    form.get_by_role("button", name="Gửi góp ý").click()
    expect(form).to_contain_text("Nhập họ và tên.")
    form.get_by_label("Họ và tên").fill("Lê Văn Dân")
    form.get_by_label("Số điện thoại hoặc thư điện tử").fill("0912 345 678")
    form.get_by_label("Nội dung góp ý").fill("Đề nghị xem lại số ngày nghỉ phép của bà Thịnh trong năm.")
    form.get_by_role("button", name="Gửi góp ý").click()
    expect(citizen.get_by_role("status")).to_contain_text("Cảm ơn bạn đã góp ý.")
    snap(citizen, "1-public-comment-sent")

    # The ward's standing office sees it on the dossier, with who wrote it, and answers.
    login("ward_specialist")
    page.goto(reverse("dossiers:detail", args=[d.pk]))
    expect(page.get_by_role("note").filter(has_text="Đang công khai")).to_contain_text(f"Đang công khai đến hết ngày {until}")
    line = page.locator("#lines tbody tr").filter(has_text="Nguyễn Thị Thịnh")
    expect(line).to_contain_text("1 góp ý, 1 chưa trả lời")
    comments = page.locator("#comments")
    expect(comments).to_contain_text("Lê Văn Dân (0912 345 678) về Nguyễn Thị Thịnh — Lao động tiên tiến")
    expect(comments).to_contain_text("Đề nghị xem lại số ngày nghỉ phép của bà Thịnh trong năm.")
    comments.get_by_label("Trả lời").fill("Đã đối chiếu bảng chấm công: bà Thịnh nghỉ phép 12 ngày, đúng quy định.")
    comments.get_by_role("button", name="Gửi trả lời").click()
    expect(messages(page)).to_contain_text("Đã trả lời góp ý.")
    expect(comments).to_contain_text("Trả lời: Đã đối chiếu bảng chấm công")
    snap(page, "2-office-sees-comment")

    # The answer is public; the name and contact are not.
    citizen.reload()
    expect(citizen.locator("tbody tr").first).to_contain_text("Trả lời: Đã đối chiếu bảng chấm công")
    expect(citizen.locator("tbody")).not_to_contain_text("Lê Văn Dân")


def test_the_officer_abandons_a_draft_the_ward_will_not_send(page, login, screen, live_world, snap):
    """A draft the ward will not send: Hủy hồ sơ asks for a reason, then the dossier stays on record, read-only,
    with the reason on its timeline, and the ward's office does not find it among the dossiers sent to it."""
    w = live_world
    year = timezone.localdate().year - 1
    d = dossier_actions.dossier_create(acting_user=w.users["officer_a"], unit=w.ward_a, authority=w.ward_a, year=year,
                                       title=f"Đề nghị khen thưởng chuyên đề năm {year} (lập nhầm)")
    login("officer_a")
    page.goto(reverse("dossiers:detail", args=[d.pk]))
    expect(status(page)).to_have_text("Đang soạn")
    page.get_by_role("link", name="Hủy hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hủy hồ sơ (không trình nữa)")
    page.get_by_role("button", name="Hủy hồ sơ (không trình nữa)").click()
    expect(page.locator(".field.has-error")).to_contain_text("Cần ghi lý do.")
    reason = "Lập nhầm: các dòng đã đưa vào hồ sơ tổng kết năm."
    page.get_by_label("Lý do").fill(reason)
    page.get_by_role("button", name="Hủy hồ sơ (không trình nữa)").click()
    expect(messages(page)).to_contain_text("Đã hủy hồ sơ; hồ sơ được lưu lại, không trình nữa.")
    expect(status(page)).to_have_text("Đã hủy, không trình")
    expect(page.locator(".timeline")).to_contain_text(f"Hủy hồ sơ (không trình nữa) — Đang soạn → Đã hủy, không trình")
    expect(page.locator(".timeline")).to_contain_text(f"Lý do: {reason}")
    for gone in ("Gửi hồ sơ…", "Hủy hồ sơ"):
        expect(page.get_by_role("button", name=gone, exact=True)).to_have_count(0)
        expect(page.get_by_role("link", name=gone, exact=True)).to_have_count(0)
    snap(page, "abandoned")

    office = screen("ward_specialist")
    office.goto(reverse("dossiers:list") + "?box=received")
    expect(office.locator("body")).not_to_contain_text(d.title)
