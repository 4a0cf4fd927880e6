"""A citizen proposes a người tốt, việc tốt on the public portal with a photo, reads the tracking page, the ward's
office answers, and the citizen sees the answer with the tracking code — at 1366×768 and on a phone (360×800)."""

import re

import pytest
from playwright.sync_api import expect

from portal.challenge import NUMBERS
from portal.models import CitizenProposal, Status
from tdkt.testing.portal import jpeg_file

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TDKT_PORTAL_CHALLENGE_MIN_SECONDS = 0
    settings.TDKT_PORTAL_PROGRESS_SECONDS = 0


def solve(pg):
    """Answer the form's question as a person reads it ("Bảy cộng năm bằng bao nhiêu?")."""
    label = pg.locator("label[for=id_answer]").inner_text()
    a, b = re.search(r"Câu hỏi kiểm tra: (\S+) cộng (\S+) bằng", label).groups()
    return str(NUMBERS.index(a.lower()) + NUMBERS.index(b.lower()))


def propose(pg, ward_name, photo):
    pg.goto("/cong-thong-tin/")
    pg.get_by_role("link", name="Đề xuất người tốt, việc tốt").first.click()
    pg.get_by_label("Phường, xã nơi có người tốt, việc tốt").select_option(label=ward_name)
    pg.get_by_label("Họ và tên người được đề xuất").fill("Bùi Văn Tâm")
    pg.get_by_label("Giới thiệu ngắn").fill("Lái xe ôm, tổ dân phố 5")
    pg.get_by_label("Việc tốt (nêu ngắn gọn)").fill("Trả lại ví tiền 5 triệu đồng nhặt được")
    pg.get_by_label("Thời gian (ngày diễn ra việc làm)").fill("02/12/2026")
    pg.get_by_label("Địa điểm").fill("Chợ Phú Lương")
    pg.get_by_label("Câu chuyện").fill("Anh Tâm nhặt được ví có 5 triệu đồng và giấy tờ, nhờ Công an phường trả lại "
                                       "người đánh rơi ngay trong ngày.")
    pg.locator("input[name=photos]").set_input_files(str(photo))
    pg.get_by_label("Họ và tên của bạn").fill("Đỗ Thị Hoa")
    pg.get_by_label("Số điện thoại hoặc thư điện tử của bạn").fill("0912 345 678")
    pg.get_by_label(re.compile("Câu hỏi kiểm tra")).fill(solve(pg))


def test_a_citizen_proposes_with_a_photo_the_office_answers_and_the_citizen_reads_it(page, login, shot, live_world,
                                                                                   browser, live_server, tmp_path):
    citizen = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", base_url=live_server.url)
    pg = citizen.new_page()
    propose(pg, "Phường Phú Lương", jpeg_file(tmp_path / "vi-tien.jpg"))
    shot(pg, "1-form")
    pg.get_by_role("button", name="Gửi đề xuất").click()
    expect(pg.get_by_text("Đề xuất của bạn đã được gửi tới Phường Phú Lương")).to_be_visible()
    p = CitizenProposal.objects.get()
    expect(pg.locator(".track-code")).to_contain_text(p.code)
    expect(pg.locator(".track-state")).to_have_text("Đã tiếp nhận")
    assert "0912 345 678" not in pg.content()
    shot(pg, "2-tracking")

    office = login("ward_specialist")
    office.get_by_role("link", name="Đề xuất của người dân").click()
    office.get_by_role("link", name="Trả lại ví tiền 5 triệu đồng nhặt được").click()
    expect(office.get_by_text("0912 345 678")).to_be_visible()
    expect(office.locator(".gallery img")).to_have_count(1)
    office.get_by_role("button", name="Bắt đầu xác minh").click()
    office.get_by_label("Trả lời người đề xuất").fill("Phường đã xác minh và biểu dương anh Tâm tại hội nghị tháng 12.")
    shot(office, "3-office")
    office.get_by_role("button", name="Công nhận người tốt, việc tốt").click()
    expect(office.get_by_text("đã ghi; người đề xuất thấy kết quả")).to_be_visible()
    p.refresh_from_db()
    assert p.status == Status.ACCEPTED
    shot(office, "4-office-answered")

    # Later, on the phone: the code typed by hand, lower case, with spaces.
    phone = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN", base_url=live_server.url,
                                is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    mobile.goto("/cong-thong-tin/theo-doi/")
    mobile.get_by_label("Mã theo dõi").fill(p.code.lower().replace("-", " "))
    mobile.get_by_role("button", name="Xem kết quả").click()
    expect(mobile.locator(".track-state")).to_have_text("Được công nhận là người tốt, việc tốt")
    expect(mobile.get_by_text("biểu dương anh Tâm tại hội nghị tháng 12")).to_be_visible()
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    shot(mobile, "5-phone-answer")
    mobile.goto("/cong-thong-tin/nguoi-tot-viec-tot/")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    shot(mobile, "6-phone-form")
    mobile.goto("/cong-thong-tin/")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    shot(mobile, "7-phone-home")
    citizen.close()
    phone.close()


def test_a_refused_proposal_keeps_what_was_typed_and_names_the_field(page, shot, live_world, tmp_path):
    propose(page, "Phường Phú Lương", jpeg_file(tmp_path / "anh.jpg"))
    page.get_by_label("Họ và tên người được đề xuất").fill("")
    page.get_by_label(re.compile("Câu hỏi kiểm tra")).fill("0")
    page.get_by_role("button", name="Gửi đề xuất").click()
    expect(page.get_by_text("Cần ghi họ và tên người được đề xuất.")).to_be_visible()
    expect(page.get_by_text("Câu trả lời kiểm tra chưa đúng.")).to_be_visible()
    expect(page.get_by_label("Việc tốt (nêu ngắn gọn)")).to_have_value("Trả lại ví tiền 5 triệu đồng nhặt được")
    assert not CitizenProposal.objects.exists()
    shot(page, "refused")


def test_a_visitor_reads_the_portal_on_a_computer_and_on_a_phone(page, shot, live_world, browser, live_server):
    from tdkt.testing.portal import published_world

    published_world(live_world)
    page.goto("/cong-thong-tin/")
    expect(page.get_by_text("Thi đua đổi mới sáng tạo năm 2026")).to_be_visible()
    expect(page.locator(".bar-fill.is-reached")).to_have_count(1)
    shot(page, "1-home")
    page.get_by_role("link", name="Khen thưởng", exact=True).click()
    page.get_by_placeholder("Họ tên hoặc đơn vị, không cần dấu").fill("nguyen thi thinh")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("table.awardees tbody tr")).to_have_count(1)
    expect(page.locator("table.awardees")).to_contain_text("Nguyễn Thị Thịnh")
    shot(page, "2-awards-search")
    page.get_by_role("link", name="Gương điển hình").click()
    page.get_by_role("link", name="Trả lại ví tiền nhặt được").click()
    expect(page.locator(".gallery img")).to_have_count(1)
    assert page.locator(".gallery img").evaluate("img => img.naturalWidth") > 0
    shot(page, "3-story")
    phone = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN", base_url=live_server.url,
                                is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    for i, url in enumerate(["/cong-thong-tin/", "/cong-thong-tin/khen-thuong/", "/cong-thong-tin/phong-trao/"]):
        mobile.goto(url)
        assert mobile.evaluate("document.documentElement.scrollWidth") <= 360, url
        shot(mobile, f"4-phone-{i}")
    phone.close()
