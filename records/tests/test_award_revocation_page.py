"""The person's records page: the standing office revokes an award there; the award stays listed, marked revoked."""

from datetime import date

import pytest
from django.urls import reverse

from decisions.models import Award
from rulebook.models import AwardType

pytestmark = pytest.mark.django_db


@pytest.fixture
def ldtt(world):
    return Award.objects.create(person=world.thinh, award_type=AwardType.objects.get(code="LDTT"), year=2024,
                                decision_number="12/QĐ-UBND", decision_date=date(2025, 1, 10))


def page(world):
    return reverse("records:person_record", args=[world.thinh.pk])


def revoke_url(world, award):
    return reverse("records:award_revoke", args=[world.thinh.pk, award.pk])


def form(award, **kw):
    p = f"h{award.pk}-"
    return {p + "on": "01/06/2025", p + "ground": "a", p + "reason": "Kê khai thành tích không trung thực.",
            p + "decision_number": "45/QĐ-UBND"} | {p + k: v for k, v in kw.items()}


def test_the_ward_standing_office_sees_the_form_a_unit_officer_does_not(as_user, world, ldtt):
    assert revoke_url(world, ldtt) in as_user("ward_specialist").get(page(world)).content.decode()
    body = as_user("officer_a").get(page(world)).content.decode()
    assert "Lao động tiên tiến" in body and revoke_url(world, ldtt) not in body


def test_a_unit_officer_cannot_revoke_by_posting(as_user, world, ldtt):
    assert as_user("officer_a").post(revoke_url(world, ldtt), form(ldtt)).status_code == 404
    ldtt.refresh_from_db()
    assert ldtt.revoked_on is None


def test_without_a_reason_the_form_says_so_and_nothing_changes(as_user, world, ldtt):
    r = as_user("ward_specialist").post(revoke_url(world, ldtt), form(ldtt, reason=""))
    assert r.status_code == 200
    assert "Chưa ghi lý do hủy bỏ." in r.content.decode()
    ldtt.refresh_from_db()
    assert ldtt.revoked_on is None


def test_revoked_award_stays_listed_with_date_and_reason(as_user, world, ldtt):
    client = as_user("ward_specialist")
    r = client.post(revoke_url(world, ldtt), form(ldtt))
    assert r.status_code == 302
    body = client.get(page(world)).content.decode()
    assert "đã bị hủy bỏ ngày 01/06/2025" in body
    assert "lý do: Kê khai thành tích không trung thực." in body
    assert revoke_url(world, ldtt) not in body  # revoked once: no form any more
    again = client.post(revoke_url(world, ldtt), form(ldtt, on="02/06/2025"))
    assert "đã bị hủy bỏ ngày 01/06/2025" in again.content.decode()
    ldtt.refresh_from_db()
    assert ldtt.revoked_on == date(2025, 6, 1)


def test_a_revoked_award_has_no_delete_button_and_a_posted_delete_keeps_it(as_user, world, ldtt):
    as_user("ward_specialist").post(revoke_url(world, ldtt), form(ldtt))
    officer = as_user("officer_a")
    delete_url = reverse("records:award_delete", args=[world.thinh.pk, ldtt.pk])
    assert delete_url not in officer.get(page(world)).content.decode()
    r = officer.post(delete_url, follow=True)
    assert "không xóa được" in r.content.decode()
    assert Award.objects.filter(pk=ldtt.pk).exists()
