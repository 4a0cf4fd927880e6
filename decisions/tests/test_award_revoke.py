"""Revoking an award (hủy bỏ, Luật TĐKT 2022, Điều 93.2): prepared by the standing office on a ground a–d with a
reason, issued by the awarding authority's signer; the award stays on record, marked, and no longer counts."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import Event
from decisions.models import Award, RevocationGround
from eligibility.engine import evaluate
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.revocations import prepare, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def ldtt(world):
    Rating.objects.create(person=world.thinh, year=2024, level="HTTNV")
    return Award.objects.create(person=world.thinh, award_type=AwardType.objects.get(code="LDTT"), year=2024,
                                decision_number="12/QĐ-UBND", decision_date=date(2025, 1, 10))


def revoke(office, award, signer=None, *, day=date(2025, 6, 1), **kw):
    args = {"ground": RevocationGround.FALSE_INFO, "reason": "Hồ sơ kê khai sai ngày công tác."} | kw
    draft = prepare(office, award, **args)
    return sign(signer, draft, number="45", day=day) if signer else draft


def test_the_reason_is_required_at_its_field(world, ldtt):
    with pytest.raises(ValidationError) as e:
        revoke(world.users["ward_specialist"], ldtt, reason="   ")
    assert e.value.message_dict["reason"] == ["Chưa ghi lý do hủy bỏ."]
    assert not ldtt.revocation_lines.exists()


def test_a_ground_of_article_93_2_is_required(world, ldtt):
    with pytest.raises(ValidationError) as e:
        revoke(world.users["ward_specialist"], ldtt, ground="e")
    assert "ground" in e.value.message_dict


def test_revoked_award_is_kept_with_when_why_who_and_which_decision(world, ldtt):
    rev = revoke(world.users["ward_specialist"], ldtt, world.users["chairman"])
    ldtt.refresh_from_db()
    assert ldtt.revoked_on == date(2025, 6, 1)
    assert ldtt.revoked_ground == "b"
    assert ldtt.revoked_reason == "Hồ sơ kê khai sai ngày công tác."
    assert ldtt.revoked_by == world.users["chairman"]
    assert ldtt.revocation == rev and ldtt.revocation_decision_number == "45/QĐ-UBND"


def test_an_award_is_revoked_once(world, ldtt):
    revoke(world.users["ward_specialist"], ldtt, world.users["chairman"])
    with pytest.raises(ValidationError) as e:
        revoke(world.users["specialist"], ldtt)
    assert e.value.messages == ["Lao động tiên tiến năm 2024 (QĐ 12/QĐ-UBND ngày 10/01/2025) đã bị hủy bỏ ngày 01/06/2025."]
    ldtt.refresh_from_db()
    assert ldtt.revoked_on == date(2025, 6, 1) and ldtt.revoked_by == world.users["chairman"]


@pytest.mark.parametrize("who", ["ward_specialist", "specialist", "city_admin", "admin"])
def test_the_standing_office_over_the_unit_may_prepare(world, ldtt, who):
    draft = revoke(world.users[who], ldtt)
    assert draft.lines.get().award == ldtt


@pytest.mark.parametrize("who", ["officer_a", "officer_b", "council", "chairman"])
def test_others_may_not_prepare(world, ldtt, who):
    with pytest.raises(PermissionDenied):
        revoke(world.users[who], ldtt)
    assert not Event.objects.filter(verb__in=["award_revoke", "revocation_prepare"]).exists()


def test_a_revoked_award_names_its_ground_code_and_wording_in_the_history(world, ldtt):
    revoke(world.users["ward_specialist"], ldtt, world.users["chairman"])
    event = Event.objects.get(verb="award_revoke")
    assert event.target_id == world.thinh.pk and event.actor == world.users["chairman"]
    assert event.verb_label == "Hủy bỏ khen thưởng"
    assert event.changes["Căn cứ (khoản 2 Điều 93, điểm)"] == ["", "b"]
    assert event.changes["Căn cứ hủy bỏ"] == ["", "b) Thông tin sai sự thật hoặc giả mạo hồ sơ, giấy tờ"]
    assert event.changes["Ngày hủy bỏ"] == ["", "01/06/2025"]
    assert event.note == "Lý do: Hồ sơ kê khai sai ngày công tác."


def test_a_revoked_ldtt_no_longer_counts_as_given(world, ldtt):
    """While the LĐTT of 2024 stands, the engine says it was already given; once revoked it no longer counts."""
    [before] = evaluate(2024, person=world.thinh, award_code="LDTT").outcomes
    assert not before.eligible
    assert any("một lần" in s for s in before.unmet())
    revoke(world.users["ward_specialist"], ldtt, world.users["chairman"])
    [after] = evaluate(2024, person=world.thinh, award_code="LDTT").outcomes
    assert after.eligible, after.unmet()


def test_a_revoked_cstdcs_breaks_the_run_a_bang_khen_needs(world):
    t = world.thinh
    cstdcs = AwardType.objects.get(code="CSTDCS")
    for y in (2024, 2025):
        Rating.objects.create(person=t, year=y, level="HTXSNV")
    old = Award.objects.create(person=t, award_type=cstdcs, year=2024, decision_number="9/QĐ-UBND",
                               decision_date=date(2025, 1, 9))
    [o] = evaluate(2025, person=t, award_code="BK_TINH").outcomes
    assert o.eligible
    revoke(world.users["specialist"], old, world.users["chairman"], ground=RevocationGround.FRAUD)
    [o] = evaluate(2025, person=t, award_code="BK_TINH").outcomes
    assert not o.eligible
    assert "thiếu năm 2024" in " ".join(o.unmet())


def test_a_revoked_award_cannot_be_deleted_and_recorded_again(world, ldtt):
    from decisions.actions import award_delete, award_record

    revoke(world.users["ward_specialist"], ldtt, world.users["chairman"])
    with pytest.raises(ValidationError):
        award_delete(acting_user=world.users["officer_a"], award=ldtt)
    with pytest.raises(ValidationError):
        award_record(acting_user=world.users["officer_a"], person=world.thinh, award_type=ldtt.award_type, year=2024)
    assert Award.objects.get(person=world.thinh).revoked_on == date(2025, 6, 1)
