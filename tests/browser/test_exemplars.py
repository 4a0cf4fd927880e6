"""Exemplary models (điển hình tiên tiến): a ward's officer proposes the school's exemplar of the month with a
photo, the ward's office returns it with a reason, the officer mends it and sends it back, the office accepts it,
and the board shows the month."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exemplars.models import Exemplar, Status

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def photo(tmp_path):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (640, 420), (60, 120, 170))
    draw = ImageDraw.Draw(img)
    draw.rectangle((80, 220, 560, 400), fill=(230, 190, 60))
    draw.ellipse((250, 60, 390, 200), fill=(250, 240, 220))
    path = tmp_path / "viec-tot.jpg"
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return path


def test_a_month_exemplar_proposed_returned_mended_accepted_and_on_the_board(page, login, live_world, shot, photo):
    today = timezone.localdate()
    login("officer_a")
    page.locator(".sidebar").get_by_role("link", name="Điển hình tiên tiến").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Điển hình tiên tiến, người tốt việc tốt")
    page.get_by_role("link", name="+ Đề xuất điển hình").first.click()
    page.get_by_label("Đơn vị đề xuất").select_option(label="Trường THCS Phú Lương")
    expect(page.locator(".pagehead")).to_contain_text("Trường THCS Phú Lương")
    expect(page.get_by_label("Tháng đề xuất")).to_have_value(f"{today.year}-{today.month:02d}")
    page.get_by_label("Cán bộ được nêu gương").select_option(label="Lê Thị Ánh — Giáo viên Trường THCS Phú Lương")
    page.get_by_label("Điển hình, việc tốt").fill("Cứu em nhỏ đuối nước ở hồ Văn Quán")
    page.get_by_label("Thời gian").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Địa điểm").fill("Hồ Văn Quán")
    page.get_by_label("Câu chuyện").fill("Cô Ánh nhảy xuống hồ cứu một em nhỏ bị đuối nước, rồi sơ cứu cho em.")
    page.locator("input[name=photos]").set_input_files(str(photo))
    page.get_by_label("Chú thích ảnh").fill("Hồ Văn Quán, nơi cô Ánh cứu em nhỏ")
    shot(page, "1-form")
    page.get_by_role("button", name="Lưu và gửi Phường Phú Lương").click()

    e = Exemplar.objects.get()
    expect(page).to_have_url(re.compile(rf"/dien-hinh/{e.pk}/$"))
    expect(page.locator(".messages")).to_contain_text(f"Đã gửi đề xuất {e.code} đến Phường Phú Lương.")
    expect(page.locator("#photos img")).to_have_count(1)
    shot(page, "2-sent")

    page.context.clear_cookies()
    login("ward_specialist")
    page.goto(f"/dien-hinh/{e.pk}/")
    page.get_by_role("link", name="Trả lại").click()
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".field.has-error")).to_contain_text("Cần ghi lý do trả lại")
    page.get_by_label("Lý do trả lại").fill("Ghi rõ giờ, địa điểm cụ thể và người chứng kiến.")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator("#return-reason")).to_contain_text("Ghi rõ giờ, địa điểm cụ thể")

    page.context.clear_cookies()
    login("officer_a")
    page.goto(f"/dien-hinh/{e.pk}/")
    expect(page.locator("#return-reason")).to_contain_text("Ghi rõ giờ, địa điểm cụ thể và người chứng kiến.")
    shot(page, "3-returned")
    page.get_by_role("link", name="Sửa", exact=True).click()
    page.get_by_label("Địa điểm").fill("Hồ Văn Quán, phường Phú Lương (khoảng 17 giờ), có bà con tổ dân phố 5 chứng kiến")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_role("button", name="Gửi lại").click()
    expect(page.locator(".pagehead")).to_contain_text("Đã gửi, chờ xét")

    page.context.clear_cookies()
    login("ward_specialist")
    page.goto(f"/dien-hinh/{e.pk}/")
    page.get_by_role("button", name="Công nhận điển hình").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã công nhận điển hình {e.code}.")
    timeline = page.locator("ol.timeline")
    for said in ("Lập đề xuất", "Gửi đề xuất", "Trả lại để bổ sung", "Sửa đề xuất", "Gửi lại đề xuất",
                 "Công nhận điển hình"):
        expect(timeline).to_contain_text(said)
    shot(page, "4-accepted")
    e.refresh_from_db()
    assert e.status == Status.ACCEPTED and e.round == 2

    page.get_by_role("link", name="Theo dõi hằng tháng").first.click()
    row = page.locator("table.exemplar-board tbody tr").filter(has_text="Trường THCS Phú Lương")
    expect(row.locator("td").nth(today.month - 1)).to_have_text("✓")
    expect(row.locator("td").nth(today.month - 1)).to_have_class(re.compile("cell-accepted"))
    if today.month > 1:  # the months before, with no proposal, stand out as missed
        expect(row.locator("td").nth(0)).to_have_text("Thiếu")
        expect(row).to_have_class(re.compile("has-missed"))
    shot(page, "5-board")

    page.locator("nav.tabs").get_by_role("link", name="Danh sách đề xuất").click()
    page.get_by_label("Trạng thái").select_option(label="Đã công nhận")
    row = page.locator("table.list tbody tr").filter(has_text=e.code)
    expect(row).to_contain_text("Cứu em nhỏ đuối nước ở hồ Văn Quán")
    expect(row).to_contain_text("Trường THCS Phú Lương → Phường Phú Lương")
    expect(row).to_contain_text("lần 2")
    shot(page, "6-list")
