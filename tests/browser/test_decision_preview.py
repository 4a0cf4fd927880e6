"""The chairman issues a decision as on paper: the next number of the ward's year is there, the chairman prefilled as
the signer (a deputy offered); "Xem trước quyết định" shows the decision as it will be issued — heading, căn cứ,
articles, the annex and the total in words — and says that issuing cannot be undone; "Sửa lại" keeps what was typed;
"Xác nhận ban hành" issues it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from decisions.models import Decision
from org.models import Person, Role
from tdkt.testing import person, user
from tdkt.testing.decisions import council_passed

pytestmark = pytest.mark.browser

RENDER_MS = 180_000  # the decision's files are made through LibreOffice (tasks run at once in tests)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_chairman_previews_then_issues_the_decision(page, login, live_world, shot):
    w = live_world
    chairman = w.users["chairman"]
    chairman.person = person("CT01", "Vũ Phương Hà", w.ward_a, position="Chủ tịch UBND phường")
    chairman.save()
    deputy = user("phochutich", Role.CHAIRMAN, w.ward_a, full_name="Lê Văn Phó")
    deputy.person = person("PCT01", "Lê Văn Phó", w.ward_a, position="Phó Chủ tịch UBND phường")
    deputy.save()
    council_passed(w, [w.thinh, Person.objects.get(code="CB0002")])

    login("chairman")
    page.locator(".sidebar").get_by_role("link", name="Quyết định khen thưởng").click()
    page.get_by_role("link", name="+ Ban hành quyết định").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ban hành quyết định khen thưởng — Phường Phú Lương")
    expect(page.get_by_label(re.compile(r"^Số\s*\*?$"))).to_have_value("01")
    expect(page.get_by_text(re.compile(r"Số tiếp theo của Phường Phú Lương năm \d{4}: 01\."))).to_be_visible()
    signer = page.get_by_label("Người ký", exact=True)
    expect(signer.locator("option:checked")).to_have_text("Vũ Phương Hà — Chủ tịch UBND phường")
    expect(signer.locator("option")).to_have_text(["Vũ Phương Hà — Chủ tịch UBND phường",
                                                   "Lê Văn Phó — Phó Chủ tịch UBND phường", "Người khác (nhập họ và tên)"])
    shot(page, "1-form")
    page.get_by_role("button", name="Xem trước quyết định").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Xem trước quyết định khen thưởng — Phường Phú Lương")
    expect(page.locator("#irreversible")).to_contain_text("Ban hành rồi thì không sửa, không xóa được quyết định.")
    preview = page.locator("#preview")
    expect(preview).to_contain_text("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG")
    expect(preview).to_contain_text("Số: 01/QĐ-UBND")
    expect(page.locator("#preview-bases")).to_contain_text("Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Phú Lương.")
    expect(page.locator("#preview-articles")).to_contain_text("Điều 1. Khen thưởng 2 cá nhân")
    expect(page.locator("#preview-annex")).to_contain_text("I. Danh hiệu “Lao động tiên tiến” (2 cá nhân)")
    expect(page.locator("#preview-annex tbody tr")).to_have_count(2)
    expect(preview).to_contain_text("Vũ Phương Hà")
    shot(page, "2-preview")
    assert not Decision.objects.exists()

    page.get_by_role("button", name="Sửa lại").click()
    page.get_by_label("Người ký", exact=True).select_option(label="Lê Văn Phó — Phó Chủ tịch UBND phường")
    page.get_by_role("button", name="Xem trước quyết định").click()
    expect(page.locator("#preview")).to_contain_text("KT. CHỦ TỊCH")
    expect(page.locator("#preview")).to_contain_text("Lê Văn Phó")
    total = page.locator("#preview-total").inner_text()

    page.get_by_role("button", name="Xác nhận ban hành quyết định số 01/QĐ-UBND").click(timeout=RENDER_MS)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quyết định số 01/QĐ-UBND ngày", timeout=RENDER_MS)
    expect(page.locator(".messages")).to_contain_text("khen thưởng đã vào lịch sử")
    expect(page.locator(".facts")).to_contain_text(total)
    shot(page, "3-issued")
    decision = Decision.objects.get()
    assert decision.signer.full_name == "Lê Văn Phó" and decision.signer_title == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    assert page.url.endswith(reverse("decisions:detail", args=[decision.pk]))
