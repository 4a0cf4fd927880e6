"""The person's records page: the standing office opens an award's revocation, sees every award resting on it with
its money, and confirms once; the draft waits for the signer; the award then stays listed, marked revoked."""

from datetime import date

import pytest
from django.urls import reverse

from decisions.models import Award, Revocation
from rulebook.models import AwardType
from tdkt.testing.revocations import give, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def ldtt(world):
    return Award.objects.create(person=world.thinh, award_type=AwardType.objects.get(code="LDTT"), year=2024,
                                decision_number="12/QĐ-UBND", decision_date=date(2025, 1, 10), amount=710_000)


def page(world):
    return reverse("records:person_record", args=[world.thinh.pk])


def revoke_url(world, award):
    return reverse("records:award_revoke", args=[world.thinh.pk, award.pk])


def confirm(client, world, award, **kw):
    """Open the page, then confirm what it showed."""
    shown = client.get(revoke_url(world, award))
    seen = shown.context["seen"]
    data = {"ground": "a", "reason": "Kê khai thành tích không trung thực.", "seen": seen, "action": "confirm"}
    for i in shown.context["chain"].items:
        p = f"l{i.award.pk}-"
        data.update({p + "recover_amount": str(i.award.amount or 0), p + "items_to_return": "Giấy chứng nhận"})
        if i.included:
            data[p + "included"] = "on"
    return client.post(revoke_url(world, award), data | kw)


def test_the_ward_standing_office_sees_the_way_to_revoke_a_unit_officer_does_not(as_user, world, ldtt):
    assert revoke_url(world, ldtt) in as_user("ward_specialist").get(page(world)).content.decode()
    body = as_user("officer_a").get(page(world)).content.decode()
    assert "Lao động tiên tiến" in body and revoke_url(world, ldtt) not in body


def test_a_unit_officer_cannot_open_or_post_a_revocation(as_user, world, ldtt):
    officer = as_user("officer_a")
    assert officer.get(revoke_url(world, ldtt)).status_code == 404
    assert officer.post(revoke_url(world, ldtt), {"ground": "a", "reason": "x", "action": "confirm"}).status_code == 404
    assert not Revocation.objects.exists()


def test_the_page_shows_the_chain_with_the_money_before_anything_is_written(as_user, world, ldtt):
    cstdcs = give(world.thinh, "CSTDCS", 2024, amount=1_800_000)
    r = as_user("ward_specialist").get(revoke_url(world, ldtt))
    body = r.content.decode()
    assert f'id="chain-{cstdcs.pk}"' in body and "Chiến sĩ thi đua cơ sở năm 2024 cần Lao động tiên tiến năm 2024" in body
    assert 'name="l%d-recover_amount" value="1800000"' % cstdcs.pk in body
    assert "2.510.000 đ" in body  # 710.000 + 1.800.000 to recover
    assert not Revocation.objects.exists()


def test_without_a_reason_the_page_says_so_and_nothing_is_written(as_user, world, ldtt):
    r = confirm(as_user("ward_specialist"), world, ldtt, reason="")
    assert r.status_code == 200
    assert "Chưa ghi lý do hủy bỏ." in r.content.decode()
    assert not Revocation.objects.exists()


def test_confirming_writes_a_draft_that_the_records_page_shows_until_it_is_signed(as_user, world, ldtt):
    client = as_user("ward_specialist")
    r = confirm(client, world, ldtt)
    draft = Revocation.objects.get()
    assert r.status_code == 302 and r.url == reverse("decisions:revocation", args=[draft.pk])
    body = client.get(page(world)).content.decode()
    assert "Chờ ký quyết định hủy bỏ" in body and revoke_url(world, ldtt) not in body
    sign(world.users["chairman"], draft, number="45", day=date(2025, 6, 1))
    body = client.get(page(world)).content.decode()
    assert "Đã bị hủy bỏ</span> ngày 01/06/2025 theo" in body and "Quyết định số 45/QĐ-UBND" in body
    assert "Đã hủy</span> đã bị hủy bỏ" not in body  # said once
    assert "lý do: Kê khai thành tích không trung thực." in body and "tiền thưởng phải thu hồi: 710.000 đ" in body
    assert revoke_url(world, ldtt) not in body


def test_a_revoked_award_has_no_delete_button_and_a_posted_delete_keeps_it(as_user, world, ldtt):
    confirm(as_user("ward_specialist"), world, ldtt)
    sign(world.users["chairman"], Revocation.objects.get(), number="45", day=date(2025, 6, 1))
    officer = as_user("officer_a")
    delete_url = reverse("records:award_delete", args=[world.thinh.pk, ldtt.pk])
    assert delete_url not in officer.get(page(world)).content.decode()
    r = officer.post(delete_url, follow=True)
    assert "không xóa được" in r.content.decode()
    assert Award.objects.filter(pk=ldtt.pk).exists()
