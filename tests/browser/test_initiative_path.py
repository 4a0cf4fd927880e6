"""An initiative from submission to recognition: the ward's officer submits it for two authors with their shares, the
ward's standing office puts it before the ward's initiative council, a member votes on the screen and the office
enters a paper sheet, the office records the chairman's decision; the page then shows it recognised, with its
timeline and the council's minutes."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from initiatives import actions
from initiatives.models import Initiative, Status

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def council(live_world):
    year = actions.today().year
    return actions.council_save(acting_user=live_world.users["ward_specialist"], unit=live_world.ward_a, year=year,
                                number="12/QĐ-UBND", signed_on=date(year, 1, 15), issuer="Chủ tịch UBND phường Phú Lương",
                                members=[{"full_name": "Đỗ Văn Chủ", "role": "chair", "job_title": "Phó Chủ tịch UBND phường", "user": None},
                                         {"full_name": "Vũ Hội Viên", "role": "member", "job_title": "Công chức",
                                          "user": live_world.users["council"]},
                                         {"full_name": "Hà Thị Thư", "role": "secretary", "job_title": "Công chức Văn phòng", "user": None}])


def logout(page):
    page.context.clear_cookies()


def test_submit_put_to_the_council_vote_and_recognise(page, login, live_world, council, shot):
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Sáng kiến").click()
    page.get_by_role("link", name="+ Nộp sáng kiến").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nộp sáng kiến đề nghị công nhận")
    page.get_by_label("Đơn vị xét công nhận (Hội đồng sáng kiến)").select_option(label="Phường Phú Lương")
    page.get_by_label("Tên sáng kiến").fill("Số hóa hồ sơ một cửa của phường")
    page.get_by_label("Tác giả 1 (mã cán bộ)").fill("CB0001")
    page.get_by_label("Tỷ lệ đóng góp của tác giả 1 (%)").fill("70")
    page.get_by_label("Tác giả 2 (mã cán bộ)").fill("CB0002")
    page.get_by_label("Tỷ lệ đóng góp của tác giả 2 (%)").fill("20")
    page.get_by_label("Thực trạng, vấn đề cần giải quyết").fill("Hồ sơ giấy thất lạc, tra cứu chậm.")
    page.get_by_label("Nội dung giải pháp").fill("Quét, đánh mã hồ sơ; tra cứu trên máy tính.")
    page.get_by_label("Nơi áp dụng").fill("Bộ phận một cửa phường Phú Lương")
    page.get_by_label("Hiệu quả dự kiến").fill("Tra cứu dưới một phút.")
    page.get_by_role("button", name="Nộp sáng kiến").click()
    # The shares add up to 90%: said, nothing kept.
    expect(page.locator(".errorlist, .msg-error").first).to_contain_text("Tổng tỷ lệ đóng góp của các tác giả phải là 100% (đang là 90%).")
    assert not Initiative.objects.exists()
    page.get_by_label("Tỷ lệ đóng góp của tác giả 2 (%)").fill("30")
    shot(page, "1-form")
    page.get_by_role("button", name="Nộp sáng kiến").click()
    i = Initiative.objects.get()
    expect(page).to_have_url(re.compile(rf"/sang-kien/{i.pk}/$"))
    expect(page.locator("#status")).to_have_text("Chờ xét")
    expect(page.locator("#about-h + dl")).to_contain_text("Nguyễn Thị Thịnh (70%); Trần Văn An (30%)")
    # The officer does not put it before the council: no button.
    expect(page.get_by_role("button", name="Đưa ra Hội đồng sáng kiến")).to_have_count(0)
    shot(page, "2-submitted")

    logout(page)
    login("ward_specialist")
    page.goto(f"/sang-kien/{i.pk}/")
    page.get_by_role("button", name="Đưa ra Hội đồng sáng kiến").click()
    expect(page.locator("#status")).to_have_text("Hội đồng sáng kiến đang xét")
    expect(page.locator("#council")).to_contain_text("Chưa có phiếu nào.")

    logout(page)
    login("council")
    page.goto(f"/sang-kien/{i.pk}/")
    expect(page.locator("#score-form")).to_contain_text("Phiếu của bạn (Vũ Hội Viên)")
    expect(page.locator("#recognize")).to_have_count(0)
    page.get_by_label("Đồng ý công nhận").check()
    page.get_by_label("Nhận xét").fill("Thiết thực, nên nhân rộng.")
    page.get_by_role("button", name="Ghi phiếu").click()
    expect(page.locator("#council")).to_contain_text("Thiết thực, nên nhân rộng.")
    shot(page, "3-member-voted")

    logout(page)
    login("ward_specialist")
    page.goto(f"/sang-kien/{i.pk}/")
    # One sheet of three: not yet the quorum; the recognition is refused with the count.
    page.locator("#recognize").get_by_label("Số quyết định").fill("35/QĐ-UBND")
    page.locator("#recognize").get_by_role("button", name="Ghi quyết định công nhận").click()
    expect(page.locator(".messages")).to_contain_text("1/3 thành viên đã biểu quyết: chưa đủ số thành viên tối thiểu")
    # The chair's paper sheet, entered by the office.
    page.locator("#score-form").get_by_label("Phiếu của thành viên (nhập phiếu giấy)").select_option(label="Đỗ Văn Chủ (Chủ tịch Hội đồng)")
    page.locator("#score-form").get_by_label("Đồng ý công nhận").check()
    page.locator("#score-form").get_by_role("button", name="Ghi phiếu").click()
    expect(page.locator("#result")).to_contain_text("2/3 thành viên đã biểu quyết; 2/2 đồng ý: thông qua")
    page.locator("#recognize").get_by_label("Số quyết định").fill("35/QĐ-UBND")
    shot(page, "4-office-recognises")
    page.locator("#recognize").get_by_role("button", name="Ghi quyết định công nhận").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi quyết định công nhận sáng kiến số 35/QĐ-UBND.")
    expect(page.locator("#status")).to_have_text("Đã công nhận")
    expect(page.locator("#path-timeline")).to_contain_text("Ghi quyết định công nhận")
    i.refresh_from_db()
    assert (i.status, i.decision_number, i.scope) == (Status.RECOGNIZED, "35/QĐ-UBND", "co_so")
    with page.expect_download() as dl:
        page.get_by_role("link", name="Biên bản họp Hội đồng (Word)").click()
    assert dl.value.suggested_filename == f"bien-ban-hoi-dong-sang-kien-{i.code}.docx"
    shot(page, "5-recognised")
