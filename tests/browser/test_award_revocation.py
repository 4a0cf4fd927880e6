"""Revoking an award from the person's records page: the ward's standing office opens the form, gives the ground,
the date and the reason; the award stays listed, struck through, with the date and the reason."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from decisions.models import Award
from rulebook.models import AwardType

pytestmark = pytest.mark.browser


def test_ward_specialist_revokes_an_award_and_it_stays_listed_as_revoked(page, login, live_world, shot):
    award = Award.objects.create(person=live_world.thinh, award_type=AwardType.objects.get(code="LDTT"), year=2024,
                                 decision_number="12/QĐ-UBND", decision_date=date(2025, 1, 10))
    login("ward_specialist")
    page.goto(reverse("records:person_record", args=[live_world.thinh.pk]))
    row = page.locator(f"#award-{award.pk}")
    expect(row).to_contain_text("Lao động tiên tiến")
    page.get_by_text("Hủy bỏ Lao động tiên tiến năm 2024").click()
    form = page.locator(f"form[action$='/khen-thuong/{award.pk}/huy-bo/']")
    form.get_by_label("Ngày hủy bỏ").fill("01/06/2025")
    form.get_by_label("Số quyết định hủy bỏ").fill("45/QĐ-UBND")
    form.get_by_label("Căn cứ (Điều 93.2 Luật Thi đua, khen thưởng)").select_option("b")
    form.get_by_label("Lý do hủy bỏ").fill("Hồ sơ kê khai sai thời gian công tác.")
    shot(page, "1-revocation-form")
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    form.get_by_role("button", name="Hủy bỏ").click()
    expect(page.locator(".messages")).to_contain_text("Đã hủy bỏ Lao động tiên tiến năm 2024.")
    assert dialogs and dialogs[0].startswith("Hủy bỏ Lao động tiên tiến năm 2024")
    expect(row).to_contain_text("đã bị hủy bỏ ngày 01/06/2025 (QĐ 45/QĐ-UBND) — lý do: Hồ sơ kê khai sai thời gian công tác.")
    expect(page.get_by_text(re.compile("^Hủy bỏ Lao động tiên tiến"))).to_have_count(0)
    shot(page, "2-revoked-award")
    award.refresh_from_db()
    assert award.revoked_on == date(2025, 6, 1) and award.revoked_ground == "b"


def test_a_unit_officer_sees_the_award_without_the_revocation_form(page, login, live_world):
    Award.objects.create(person=live_world.thinh, award_type=AwardType.objects.get(code="LDTT"), year=2024)
    login("officer_a")
    page.goto(reverse("records:person_record", args=[live_world.thinh.pk]))
    expect(page.get_by_text("Lao động tiên tiến").first).to_be_visible()
    expect(page.get_by_text("Hủy bỏ Lao động tiên tiến năm 2024")).to_have_count(0)
