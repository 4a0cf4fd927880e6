"""Vietnamese wherever a person reads (issue 15, items 10 and 11), in a browser set to English: every file input says
"Chọn tệp" / "Chưa chọn tệp nào" (also one written by hand in a template), the browser's own validation messages
("Please fill out this field.", "Please select one of these options.") are Vietnamese and name the field, a new
dossier's title follows its year, and a mistyped verification code is a Vietnamese 404."""

import re

import pytest
from playwright.sync_api import expect

from dossiers import actions
from dossiers.models import DocumentKind
from rulebook.models import AwardType
from tdkt.testing import PASSWORD
from tdkt.testing.dossiers import pdf, rate

from .conftest import TIMEOUT_MS, fill_login

pytestmark = pytest.mark.browser


@pytest.fixture
def english(browser, live_server):
    """A page in a browser whose language is English (the browser's own widgets would speak English)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US",
                                  timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _in_disclosure(world):
    """Ward A's dossier on public disclosure, with a citizen's comment waiting for the office's answer."""
    users = world.users
    rate([world.thinh], 2025)
    d = actions.dossier_create(acting_user=users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=2025,
                               title="Đề nghị khen thưởng tổng kết năm 2025")
    actions.lines_add(acting_user=users["officer_a"], dossier=d, items=[
        {"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Hoàn thành xuất sắc nhiệm vụ"}])
    for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
        actions.attachment_add(acting_user=users["officer_a"], dossier=d, kind=kind, upload=pdf())
    actions.dossier_submit(acting_user=users["officer_a"], dossier=d)
    actions.dossier_receive(acting_user=users["ward_specialist"], dossier=d)
    actions.dossier_appraise(acting_user=users["ward_specialist"], dossier=d, disclose=True)
    actions.comment_add(line=d.lines.get(), name="Trần Văn Dân", contact="0912345678", text="Đề nghị làm rõ thành tích.")
    return d


def test_file_inputs_and_validation_messages_are_vietnamese_in_an_english_browser(english, live_world, tmp_path, shot):
    page = english
    d = actions.dossier_create(acting_user=live_world.users["officer_a"], unit=live_world.ward_a, authority=live_world.ward_a,
                               year=2025, title="Đề nghị khen thưởng tổng kết năm 2025")
    fill_login(page, "officer_a", PASSWORD)
    page.goto(f"/ho-so/{d.pk}/")
    inputs = page.locator("input[type=file]")
    assert inputs.count() >= 2  # the lines' Excel file (written in the template) and the signed scans (the form's widget)
    for i in range(inputs.count()):
        picker = inputs.nth(i).locator("xpath=ancestor::span[contains(@class, 'filepicker')]")
        expect(picker.locator(".filepicker-button")).to_have_text("Chọn tệp")
        expect(picker.locator(".filepicker-name")).to_have_text("Chưa chọn tệp nào")
    assert "Choose File" not in page.inner_text("body") and "No file chosen" not in page.inner_text("body")
    # The Excel input written by hand in the template: its Vietnamese button opens the picker and shows the name.
    page.locator("summary", has_text="Nhập danh sách từ Excel").click()
    excel = page.locator("#id_lines_file").locator("xpath=ancestor::span[contains(@class, 'filepicker')]")
    path = tmp_path / "danh-sach-de-nghi.xlsx"
    path.write_bytes(b"PK")
    with page.expect_file_chooser() as chooser:
        excel.locator(".filepicker-button").click()
    chooser.value.set_files(path)
    expect(excel.locator(".filepicker-name")).to_have_text("danh-sach-de-nghi.xlsx")
    shot(page, "1-file-inputs")

    # A radio group and a text the browser checks: its messages say what is missing, in Vietnamese.
    messages = page.evaluate("""() => {
        const form = document.createElement("form");
        form.innerHTML = '<fieldset><legend>Kết quả biểu quyết</legend><label><input type="radio" name="x" value="1" required> Đồng ý</label></fieldset>'
          + '<label for="t">Lý do trả lại</label><input id="t" name="t" required>'
          + '<label for="n">Số phiếu</label><input id="n" name="n" type="number" min="0" max="9" value="12">';
        document.querySelector("main").append(form);
        form.reportValidity();
        return [...form.querySelectorAll("input")].map(el => el.validationMessage);
    }""")
    assert messages[:3] == ["Chưa chọn “Kết quả biểu quyết”.", "Chưa nhập “Lý do trả lại”.", "“Số phiếu” tối đa là 9."]


def test_a_required_answer_left_empty_is_said_in_vietnamese(english, live_world, shot):
    page = english
    d = _in_disclosure(live_world)
    fill_login(page, "ward_specialist", PASSWORD)
    page.goto(f"/ho-so/{d.pk}/")
    answer = page.locator("textarea[name=answer]")
    page.get_by_role("button", name="Gửi trả lời").click()  # nothing typed: the browser stops it
    assert answer.evaluate("el => el.validationMessage") == "Chưa nhập “Trả lời”."
    shot(page, "1-empty-answer")
    answer.fill("Đã bổ sung báo cáo thành tích.")
    assert answer.evaluate("el => el.validationMessage") == ""  # typing clears it
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã bổ sung báo cáo thành tích.")).to_be_visible()


def test_a_new_dossiers_title_follows_its_year_until_the_clerk_types_one(page, login, shot):
    login("officer_a")
    page.goto("/ho-so/moi/")
    year, title = page.locator("#id_year"), page.locator("#id_title")
    shown = int(year.input_value())
    expect(title).to_have_value(f"Đề nghị khen thưởng tổng kết năm {shown}")
    year.fill(str(shown - 1))
    expect(title).to_have_value(f"Đề nghị khen thưởng tổng kết năm {shown - 1}")
    shot(page, "1-year-changed")
    title.fill("Đề nghị khen thưởng chuyên đề phòng, chống bão lũ")
    year.fill(str(shown))
    expect(title).to_have_value("Đề nghị khen thưởng chuyên đề phòng, chống bão lũ")


def test_a_mistyped_verification_code_is_a_vietnamese_404(english, live_world, shot):
    page = english
    for address in ("/xac-minh/ABCD-2345/", "/xac-minh/ABCD-2345/thua"):
        response = page.goto(address)
        assert response.status == 404
        body = page.inner_text("body")
        assert re.search(r"[Kk]hông tìm thấy", body) and "Page not found" not in body and "Traceback" not in body
    shot(page, "1-not-found")
