"""Revoking an award lists every award that rested on it (decisions/chain.py, from the criteria each award's
standard of its year declares it reads), transitively, each with its money; nothing is revoked without it."""

from datetime import date

import pytest

from decisions.chain import chain
from decisions.models import Award, RevocationStatus
from tdkt.testing.revocations import give, members, prepare, revoke, sign

pytestmark = pytest.mark.django_db


def reached(c):
    return [(i.award.award_type.code, i.award.year, i.proposed) for i in c.items]


def test_revoking_an_ldtt_takes_the_cstdcs_of_the_same_year_with_its_money(world):
    ldtt = give(world.thinh, "LDTT", 2025, amount=0, number="25/QĐ-UBND", day=date(2026, 1, 20))
    cstdcs = give(world.thinh, "CSTDCS", 2025, amount=2_340_000, number="25/QĐ-UBND", day=date(2026, 1, 20))
    give(world.thinh, "LDTT", 2024, amount=710_000)  # another year: nothing rests on it here
    c = chain(ldtt)
    assert reached(c) == [("LDTT", 2025, True), ("CSTDCS", 2025, True)]
    assert c.items[1].rests_on == ldtt
    assert c.items[1].figures == ["Chiến sĩ thi đua cơ sở năm 2025 cần Lao động tiên tiến năm 2025: có 1 (2025), "
                                  "còn 0 khi hủy bỏ (không còn) — không còn đủ."]
    rev = revoke(world, ldtt)
    assert rev.status == RevocationStatus.ISSUED and rev.total == 2_340_000
    cstdcs.refresh_from_db()
    assert cstdcs.revoked_on == date(2026, 3, 2) and cstdcs.revocation == rev and cstdcs.recover_amount == 2_340_000
    assert "Lao động tiên tiến năm 2025 (QĐ 25/QĐ-UBND ngày 20/01/2026), là căn cứ xét tặng, bị hủy bỏ" in cstdcs.revoked_reason
    assert Award.objects.get(pk=ldtt.pk).revocation == rev


def test_three_cstdcs_make_a_cstd_tinh_that_falls_with_any_of_them_and_the_chain_goes_on(world):
    for y in (2023, 2024, 2025):
        give(world.thinh, "LDTT", y)
        give(world.thinh, "CSTDCS", y, amount=2_340_000)
    tinh = give(world.thinh, "CSTD_TINH", 2025, amount=10_530_000)
    tq = give(world.thinh, "CSTD_TQ", 2028, amount=10_530_000)
    give(world.thinh, "CSTD_TINH", 2028)
    middle = Award.objects.get(person=world.thinh, award_type__code="LDTT", year=2024)
    c = chain(middle)
    assert reached(c) == [("LDTT", 2024, True), ("CSTDCS", 2024, True), ("CSTD_TINH", 2025, True), ("CSTD_TQ", 2028, True)]
    item = c.get(tinh.pk)
    assert item.rests_on.award_type.code == "CSTDCS" and item.rests_on.year == 2024
    assert item.figures == ["Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh năm 2025 cần 3 lần Chiến sĩ thi đua cơ sở các năm "
                            "2023–2025: có 3 (2023, 2024, 2025), còn 2 khi hủy bỏ (2023, 2025) — không còn đủ."]
    assert "cần 2 lần" in c.get(tq.pk).figures[0] and c.get(tq.pk).rests_on == tinh


def test_a_bang_khen_thu_tuong_rests_on_its_bang_khen_tinh(world):
    bk = give(world.thinh, "BK_TINH", 2019, amount=1_490_000)
    for y in (2021, 2022, 2023):
        give(world.thinh, "CSTDCS", y)
    ttg = give(world.thinh, "BK_TTG", 2025, amount=3_500_000)
    assert reached(chain(bk)) == [("BK_TINH", 2019, True), ("BK_TTG", 2025, True)]
    # A second Bằng khen tỉnh in the years counted: the officer sees that it still has one.
    give(world.thinh, "BK_TINH", 2020)
    item = chain(bk).get(ttg.pk)
    assert not item.proposed and not item.included
    assert "còn 1 khi hủy bỏ (2020) — vẫn đủ." in item.figures[0]


def _team(world, holders, others):
    """Members of the office: ``holders`` with LĐTT 2025 (Thịnh the first), ``others`` without; the office's TTLĐTT."""
    people = [world.thinh, world.office_a.people.get(code="CB0002")] + members(world.office_a, holders + others - 2)
    for p in people[:holders]:
        give(p, "LDTT", 2025, amount=0)
    return people, give(world.office_a, "TTLDTT", 2025, amount=1_870_000)


def test_a_member_ldtt_takes_the_collective_ttldtt_when_the_share_falls_below_the_threshold(world):
    people, ttldtt = _team(world, holders=3, others=1)  # 3/4 = 75% > 50%; without Thịnh 2/4 = 50%, not above
    ldtt = Award.objects.get(person=world.thinh, year=2025)
    c = chain(ldtt)
    assert reached(c) == [("LDTT", 2025, True), ("TTLDTT", 2025, True)]
    assert c.get(ttldtt.pk).figures == [
        "Tập thể lao động tiên tiến năm 2025 cần trên 50% thành viên đạt Lao động tiên tiến: có 3/4 (75%), "
        "còn 2/4 (50%) khi hủy bỏ — không còn đạt tỷ lệ."]
    rev = revoke(world, ldtt)
    ttldtt.refresh_from_db()
    assert ttldtt.revocation == rev and ttldtt.recover_amount == 1_870_000
    assert "của Nguyễn Thị Thịnh" in ttldtt.revoked_reason


def test_a_collective_ttldtt_whose_share_still_holds_is_shown_with_its_figures_and_kept(world):
    people, ttldtt = _team(world, holders=4, others=1)  # 4/5 = 80%; without Thịnh 3/5 = 60% > 50%
    ldtt = Award.objects.get(person=world.thinh, year=2025)
    item = chain(ldtt).get(ttldtt.pk)
    assert not item.proposed and not item.included
    assert item.figures == ["Tập thể lao động tiên tiến năm 2025 cần trên 50% thành viên đạt Lao động tiên tiến: có 4/5 "
                            "(80%), còn 3/5 (60%) khi hủy bỏ — vẫn đạt tỷ lệ."]
    rev = revoke(world, ldtt)
    ttldtt.refresh_from_db()
    assert ttldtt.revoked_on is None
    kept = rev.lines.get(award=ttldtt)
    assert not kept.included and not kept.proposed and "vẫn đạt tỷ lệ" in kept.figures


def test_an_award_the_officer_leaves_out_needs_a_reason_and_takes_nothing_with_it(world):
    from django.core.exceptions import ValidationError

    ldtt = give(world.thinh, "LDTT", 2024)
    cstdcs = give(world.thinh, "CSTDCS", 2024, amount=1_800_000)
    for y in (2022, 2023):
        give(world.thinh, "CSTDCS", y)
    tinh = give(world.thinh, "CSTD_TINH", 2024)
    assert [i.award for i in chain(ldtt, choices={cstdcs.pk: False}).items] == [ldtt, cstdcs]
    with pytest.raises(ValidationError) as e:
        prepare(world.users["ward_specialist"], ldtt, lines={cstdcs.pk: {"included": False}})
    assert e.value.message_dict[f"l{cstdcs.pk}-excluded_reason"] == [
        "Ghi lý do không hủy bỏ Chiến sĩ thi đua cơ sở năm 2024 của Nguyễn Thị Thịnh."]
    draft = prepare(world.users["ward_specialist"], ldtt,
                    lines={cstdcs.pk: {"included": False, "excluded_reason": "Có sáng kiến, vẫn đủ tiêu chuẩn."}})
    sign(world.users["chairman"], draft)
    cstdcs.refresh_from_db()
    tinh.refresh_from_db()
    assert cstdcs.revoked_on is None and tinh.revoked_on is None


def test_the_money_is_prefilled_and_may_be_changed_within_what_was_paid(world):
    from django.core.exceptions import ValidationError

    ldtt = give(world.thinh, "LDTT", 2025, amount=710_000)
    with pytest.raises(ValidationError) as e:
        prepare(world.users["ward_specialist"], ldtt, lines={ldtt.pk: {"recover_amount": 999_999_999}})
    assert e.value.message_dict[f"l{ldtt.pk}-recover_amount"] == [
        "Số tiền thu hồi của Lao động tiên tiến năm 2025 của Nguyễn Thị Thịnh từ 0 đến 710.000 đ (số tiền đã thưởng)."]
    draft = prepare(world.users["ward_specialist"], ldtt, lines={ldtt.pk: {"recover_amount": 500_000,
                                                                           "items_to_return": "Giấy chứng nhận"}})
    line = draft.lines.get()
    assert (line.recover_amount, line.items_to_return) == (500_000, "Giấy chứng nhận")
    assert draft.total == 500_000


def test_a_chain_changed_since_the_preview_is_shown_again_and_nothing_is_written(world):
    from decisions.revocation import ChainChanged, revocation_prepare

    ldtt = give(world.thinh, "LDTT", 2025)
    seen = chain(ldtt).signature()
    cstdcs = give(world.thinh, "CSTDCS", 2025, amount=2_340_000)  # recorded meanwhile
    with pytest.raises(ChainChanged) as e:
        revocation_prepare(acting_user=world.users["ward_specialist"], award=ldtt, ground="b", reason="x", seen=seen)
    assert e.value.chain.get(cstdcs.pk).proposed
    assert not ldtt.revocation_lines.exists()
