"""Revocation leaves a ledger: the ward's chairman signs a revocation; the ward's standing office finds the money to
recover on the recovery list (Danh sách thu hồi tiền thưởng), filters it, records a first payment (a second one that
would pass what is owed is refused, in Vietnamese, naming the amounts), then the rest with the certificate returned,
and downloads the list as Excel."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from decisions.models import Recovery
from tdkt.testing.revocations import give, members, prepare, sign

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_revocation_then_the_recovery_list_filter_record_and_export(page, login, live_world, shot):
    w = live_world
    cstdcs = give(w.thinh, "CSTDCS", 2025, amount=2_340_000, number="25/QĐ-UBND", day=date(2026, 1, 20))
    for p in members(w.office_a, 2):  # two more revoked earlier, to have something to filter out
        other = give(p, "GK", 2025, amount=710_000, number="25/QĐ-UBND", day=date(2026, 1, 20))
        sign(w.users["chairman"], prepare(w.users["ward_specialist"], other), number=f"{other.pk + 40}", day=date(2026, 2, 2))
    draft = prepare(w.users["ward_specialist"], cstdcs, reason="Báo cáo thành tích kê khai sai số liệu.")

    login("chairman")
    page.goto(reverse("decisions:revocation", args=[draft.pk]))
    page.get_by_label("Họ và tên người ký").fill("Vũ Phương Hà")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Ký ban hành quyết định hủy bỏ").click()
    expect(page.locator(".messages")).to_contain_text("đã bị hủy bỏ")
    reference = re.search(r"Quyết định số (\S+) ngày", page.locator("h1").inner_text()).group(1)

    page.context.clear_cookies()
    login("ward_specialist")
    page.locator(".sidebar").get_by_role("link", name="Quyết định khen thưởng").click()
    page.get_by_role("link", name="Danh sách thu hồi tiền thưởng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Danh sách thu hồi tiền thưởng")
    expect(page.locator("#recoveries tbody tr[id^=recovery-]")).to_have_count(3)
    expect(page.locator("#recoveries")).to_contain_text(f"Phường Phú Lương — Quyết định số {reference}")
    expect(page.locator("#recovery-left")).to_have_text("3.760.000 đ")
    shot(page, "1-list")
    page.get_by_label("Tìm theo họ tên").fill("nguyen thi thinh")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#recoveries tbody tr[id^=recovery-]")).to_have_count(1)
    row = page.locator(f"#recovery-{cstdcs.pk}")
    expect(row).to_contain_text("Chưa nộp lại")
    expect(row).to_contain_text("2.340.000 đ")
    shot(page, "2-filtered")

    row.get_by_role("link", name="Ghi nhận nộp lại").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thu hồi Chiến sĩ thi đua cơ sở năm 2025 — Nguyễn Thị Thịnh")
    today = page.get_by_label("Ngày nộp lại tiền").input_value()
    page.get_by_label("Số tiền nộp lại (đồng)").fill("1000000")
    page.get_by_label("Chứng từ", exact=True).fill("Phiếu thu số 15")
    page.get_by_role("button", name="Ghi nhận nộp lại").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã ghi nhận nộp lại ngày {today}: 1.000.000 đ. Còn phải thu hồi 1.340.000 đ.")
    expect(page.locator("#state")).to_have_text("Đã nộp một phần")
    page.get_by_label("Số tiền nộp lại (đồng)").fill("2000000")
    page.get_by_role("button", name="Ghi nhận nộp lại").click()
    expect(page.locator(".field.has-error")).to_contain_text(
        "Số tiền nộp lại 2.000.000 đ vượt số còn phải thu hồi 1.340.000 đ (phải thu hồi 2.340.000 đ, đã nộp 1.000.000 đ).")
    shot(page, "3-too-much")
    page.get_by_label("Số tiền nộp lại (đồng)").fill("1340000")
    page.get_by_label("Hiện vật đã nộp lại").fill("Giấy chứng nhận danh hiệu bản chính")
    page.get_by_role("button", name="Ghi nhận nộp lại").click()
    expect(page.locator("#state")).to_have_text("Đã thu hồi đủ")
    expect(page.locator("#payments tbody tr")).to_have_count(2)
    shot(page, "4-recovered")
    assert sum(r.amount for r in Recovery.objects.filter(award=cstdcs)) == 2_340_000

    page.get_by_role("link", name="Danh sách thu hồi tiền thưởng").first.click()
    page.get_by_label("Tình trạng").select_option(label="Chưa thu hồi đủ")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#recoveries tbody tr[id^=recovery-]")).to_have_count(2)
    expect(page.locator(f"#recovery-{cstdcs.pk}")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    content = open(download.value.path(), "rb").read()
    ws = load_workbook(io.BytesIO(content)).active
    assert ws.title == "Danh sách thu hồi tiền thưởng"
    names = [r[1] for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(names) == 2 and "Nguyễn Thị Thịnh" not in names
    shot(page, "5-not-yet-recovered")
