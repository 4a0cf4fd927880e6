"""A revocation is a decision of the authority that awarded: the standing office prepares the draft, the signer of
that authority — and nobody else — issues it with its number, date and signer block; the awards are revoked then,
each linked to it, with an event on each recipient's history."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import Event
from decisions.models import Award, Revocation, RevocationStatus
from decisions.revocation import next_number
from org.models import Role
from tdkt.testing import user
from tdkt.testing.revocations import give, prepare, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def ldtt(world):
    return give(world.thinh, "LDTT", 2025, amount=710_000, number="12/QĐ-UBND", day=date(2026, 1, 10))


@pytest.mark.parametrize("who", ["officer_a", "officer_b", "council", "chairman"])
def test_only_the_standing_office_prepares_a_revocation(world, ldtt, who):
    with pytest.raises(PermissionDenied):
        prepare(world.users[who], ldtt)
    assert not Revocation.objects.exists()


def test_the_office_prepares_and_only_the_signer_of_the_awarding_authority_signs(world, ldtt):
    draft = prepare(world.users["ward_specialist"], ldtt)
    assert (draft.authority, draft.status) == (world.ward_a, RevocationStatus.DRAFT)
    ldtt.refresh_from_db()
    assert ldtt.revoked_on is None  # a draft revokes nothing
    city_chairman = user("ct.thanhpho", Role.CHAIRMAN, world.city)
    for who in (world.users["ward_specialist"], world.users["council"], world.users["officer_a"], city_chairman):
        with pytest.raises(PermissionDenied) as e:
            sign(who, draft)
        assert str(e.value) == "Chỉ người có thẩm quyền ký quyết định của Phường Phú Lương được ký quyết định hủy bỏ này."
    rev = sign(world.users["chairman"], draft, signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", signer_name="Lê Văn Phó")
    assert (rev.reference, rev.date, rev.signed_by, rev.status) == ("30/QĐ-UBND", date(2026, 3, 2), world.users["chairman"],
                                                                    RevocationStatus.ISSUED)
    ldtt.refresh_from_db()
    assert (ldtt.revoked_on, ldtt.revocation, ldtt.revocation_decision_number, ldtt.recover_amount) == (
        date(2026, 3, 2), rev, "30/QĐ-UBND", 710_000)
    with pytest.raises(ValidationError):
        sign(world.users["chairman"], draft, number="31")


def test_each_recipient_history_gets_the_revocation(world, ldtt):
    cstdcs = give(world.thinh, "CSTDCS", 2025, amount=2_340_000)
    sign(world.users["chairman"], prepare(world.users["ward_specialist"], ldtt))
    prepared = Event.objects.get(verb="revocation_prepare")
    assert prepared.target_id == world.thinh.pk and prepared.verb_label == "Lập dự thảo quyết định hủy bỏ khen thưởng"
    revoked = Event.objects.filter(verb="award_revoke", target_id=world.thinh.pk)
    assert {e.changes["Khen thưởng bị hủy bỏ"][1] for e in revoked} == {
        "Lao động tiên tiến năm 2025 (QĐ 12/QĐ-UBND ngày 10/01/2026)", "Chiến sĩ thi đua cơ sở năm 2025"}
    one = next(e for e in revoked if "Chiến sĩ" in e.changes["Khen thưởng bị hủy bỏ"][1])
    assert one.changes["Tiền thưởng phải thu hồi"] == ["", "2.340.000 đ"]
    assert one.changes["Quyết định hủy bỏ"] == ["", "30/QĐ-UBND ngày 02/03/2026 của Phường Phú Lương"]
    assert cstdcs.pk in set(Award.objects.filter(revocation__isnull=False).values_list("pk", flat=True))


def test_a_chain_across_authorities_makes_one_draft_for_each_signed_by_its_own_chairman(world):
    for y in (2023, 2024, 2025):
        give(world.thinh, "CSTDCS", y, amount=2_340_000)
    tinh = give(world.thinh, "CSTD_TINH", 2025, amount=10_530_000, number="150/QĐ-UBND", day=date(2026, 2, 1))
    root = Award.objects.get(person=world.thinh, award_type__code="CSTDCS", year=2024)
    ward = prepare(world.users["specialist"], root)
    [city] = ward.followers.all()
    assert (ward.authority, city.authority) == (world.ward_a, world.city)
    assert [ln.award for ln in city.lines.all()] == [tinh] and city.total == 10_530_000
    city_chairman = user("ct.thanhpho", Role.CHAIRMAN, world.city)
    with pytest.raises(PermissionDenied):
        sign(world.users["chairman"], city)
    sign(world.users["chairman"], ward)
    tinh.refresh_from_db()
    assert tinh.revoked_on is None  # the city has not decided yet
    sign(city_chairman, city, number="7")
    tinh.refresh_from_db()
    assert tinh.revocation.authority == world.city and tinh.revocation_decision_number == "07/QĐ-UBND"


def test_the_next_number_follows_the_authoritys_decisions_and_a_number_is_used_once(world, ldtt):
    from decisions.models import Decision

    Decision.objects.create(authority=world.ward_a, number="15", symbol="QĐ-UBND", date=date(2026, 1, 20), year=2025,
                            subject="Về việc khen thưởng", signer_name="Nguyễn Văn Chủ")
    assert next_number(world.ward_a, 2026) == "16"
    draft = prepare(world.users["ward_specialist"], ldtt)
    with pytest.raises(ValidationError) as e:
        sign(world.users["chairman"], draft, number="15")
    assert e.value.message_dict["number"] == ["Số 15/QĐ-UBND đã dùng cho một quyết định khác của Phường Phú Lương năm 2026."]
    sign(world.users["chairman"], draft, number="16")
    assert next_number(world.ward_a, 2026) == "17"


def test_signing_after_the_chain_changed_is_refused_naming_what_changed(world, ldtt):
    draft = prepare(world.users["ward_specialist"], ldtt)
    give(world.thinh, "CSTDCS", 2025, amount=2_340_000)  # recorded after the draft
    with pytest.raises(ValidationError) as e:
        sign(world.users["chairman"], draft)
    assert e.value.messages == [
        "Từ khi lập dự thảo, các khen thưởng dựa trên Lao động tiên tiến năm 2025 (QĐ 12/QĐ-UBND ngày 10/01/2026) đã "
        "thay đổi: thêm Chiến sĩ thi đua cơ sở năm 2025 của Nguyễn Thị Thịnh. Cơ quan thường trực cần hủy dự thảo này "
        "và lập lại."]
    ldtt.refresh_from_db()
    assert ldtt.revoked_on is None


def test_an_award_in_a_draft_is_not_prepared_twice_and_a_draft_is_discarded(world, ldtt):
    from decisions.revocation import revocation_discard

    draft = prepare(world.users["ward_specialist"], ldtt)
    with pytest.raises(ValidationError) as e:
        prepare(world.users["specialist"], ldtt)
    assert "đã có trong dự thảo quyết định hủy bỏ của Phường Phú Lương" in e.value.messages[0]
    with pytest.raises(PermissionDenied):
        revocation_discard(acting_user=world.users["officer_a"], revocation=draft)
    revocation_discard(acting_user=world.users["ward_specialist"], revocation=draft, note="Lập nhầm.")
    assert not Revocation.objects.exists()
    assert Event.objects.filter(verb="revocation_discard", note="Lập nhầm.").exists()
    prepare(world.users["ward_specialist"], ldtt)
