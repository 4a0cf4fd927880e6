"""Revoking an award from the person's records page: the ward's standing office sees every award that rested on it
(the CSTĐCS of the same year, the office's TTLĐTT whose share falls) with the money, confirms once; the ward's
chairman signs the draft (a deputy, KT. CHỦ TỊCH); the awards stay listed, revoked by that decision."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from decisions.models import Award, Revocation
from tdkt.testing.revocations import give, members

pytestmark = pytest.mark.browser


def test_revoking_from_the_records_page_through_the_chain_to_the_signed_decision(page, login, live_world, shot):
    w = live_world
    day = date(2026, 1, 20)
    ldtt = give(w.thinh, "LDTT", 2025, amount=0, number="25/QĐ-UBND", day=day)
    cstdcs = give(w.thinh, "CSTDCS", 2025, amount=2_340_000, number="25/QĐ-UBND", day=day)
    an = w.office_a.people.get(code="CB0002")
    others = members(w.office_a, 2)
    for p in (an, others[0]):
        give(p, "LDTT", 2025, amount=710_000, number="25/QĐ-UBND", day=day)
    ttldtt = give(w.office_a, "TTLDTT", 2025, amount=1_870_000, number="25/QĐ-UBND", day=day)  # 3 of 4 members

    login("ward_specialist")
    page.goto(reverse("records:person_record", args=[w.thinh.pk]))
    page.get_by_role("link", name="Hủy bỏ Lao động tiên tiến năm 2025…").click()
    expect(page.get_by_role("heading", name=re.compile("Hủy bỏ Lao động tiên tiến năm 2025"))).to_be_visible()
    chain = page.locator("#chain")
    expect(chain.locator(f"#chain-{cstdcs.pk}")).to_contain_text("Chiến sĩ thi đua cơ sở năm 2025 cần Lao động tiên tiến năm 2025")
    expect(chain.locator(f"#chain-{ttldtt.pk}")).to_contain_text("có 3/4 (75%), còn 2/4 (50%) khi hủy bỏ — không còn đạt tỷ lệ.")
    expect(page.locator("#chain-total")).to_have_text("4.210.000 đ")
    page.get_by_label("Căn cứ (khoản 2 Điều 93 Luật Thi đua, khen thưởng)").select_option("b")
    page.get_by_label("Lý do hủy bỏ").fill("Báo cáo thành tích kê khai sai số liệu ngày công.")
    shot(page, "1-chain-preview")
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.get_by_role("button", name="Lập dự thảo quyết định hủy bỏ").click()
    expect(page.locator(".messages")).to_contain_text("Đã lập dự thảo quyết định hủy bỏ")
    assert dialogs == ["Lập dự thảo quyết định hủy bỏ 3 khen thưởng (tiền thu hồi 4.210.000 đ)?"]
    expect(page.get_by_role("heading", name="Dự thảo quyết định hủy bỏ khen thưởng")).to_be_visible()
    expect(page.get_by_role("button", name="Ký ban hành quyết định hủy bỏ")).to_have_count(0)
    shot(page, "2-draft-for-the-signer")
    ldtt.refresh_from_db()
    assert ldtt.revoked_on is None
    draft = Revocation.objects.get()

    page.context.clear_cookies()
    login("chairman")
    page.goto(reverse("decisions:revocation", args=[draft.pk]))
    expect(page.locator("input[name=number]")).to_have_value("01")
    page.get_by_label("Phó Chủ tịch ký thay (KT. CHỦ TỊCH)").check()
    page.get_by_label("Họ và tên người ký").fill("Lê Văn Phó")
    shot(page, "3-signing")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Ký ban hành quyết định hủy bỏ").click()
    expect(page.locator(".messages")).to_contain_text("3 khen thưởng đã bị hủy bỏ")
    expect(page.locator("h1")).to_contain_text("Quyết định số 01/QĐ-UBND ngày")
    expect(page.locator("#revocation-total")).to_have_text("4.210.000 đ")
    expect(page.locator("#revoked-lines")).to_contain_text("Tập thể lao động tiên tiến năm 2025")
    expect(page.get_by_role("link", name="Quyết định hủy bỏ (Word)")).to_be_visible(timeout=120_000)
    shot(page, "4-signed-revocation")

    page.context.clear_cookies()
    login("ward_specialist")
    page.goto(reverse("records:person_record", args=[w.thinh.pk]))
    row = page.locator(f"#award-{cstdcs.pk}")
    expect(row).to_contain_text("theo Quyết định số 01/QĐ-UBND")
    expect(row).to_contain_text("tiền thưởng phải thu hồi: 2.340.000 đ")
    expect(page.get_by_role("link", name=re.compile("^Hủy bỏ Lao động tiên tiến năm 2025"))).to_have_count(0)
    shot(page, "5-records-after")
    assert set(Award.objects.filter(revocation__isnull=False).values_list("pk", flat=True)) == {ldtt.pk, cstdcs.pk, ttldtt.pk}


def test_a_unit_officer_sees_the_award_without_the_way_to_revoke_it(page, login, live_world):
    give(live_world.thinh, "LDTT", 2024)
    login("officer_a")
    page.goto(reverse("records:person_record", args=[live_world.thinh.pk]))
    expect(page.get_by_text("Lao động tiên tiến").first).to_be_visible()
    expect(page.get_by_text("Hủy bỏ Lao động tiên tiến năm 2024")).to_have_count(0)
