"""Ballot type, threshold and its base per award and level are rulebook data with their legal basis, read on the
meeting's date (issue 14, item 5): Nghị định 91/2017 Art. 45.8 for a meeting of 2020, the unverified rule of today for
one of 2026; the ballot and the minutes show them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from council import actions
from council.rules import rule_for
from org.models import Role
from rulebook.models import Parameter
from tdkt.testing import user
from tdkt.testing.council import establish

from .helpers import all_lines, city_dossier_at_council

pytestmark = pytest.mark.django_db


def test_each_award_has_the_rule_of_the_meeting_date_with_its_basis():
    nd91 = rule_for("CSTD_TINH", "province", date(2020, 12, 15))
    assert (nd91.secret, nd91.threshold_pct, nd91.op, nd91.base, nd91.status) == (True, Decimal(90), ">=", "all_members", "verified")
    assert nd91.legal_basis.startswith("Khoản 8 Điều 45 Nghị định 91/2017/NĐ-CP: Hội đồng họp và bỏ phiếu kín")
    today = rule_for("CSTD_TINH", "province", date(2026, 1, 12))
    assert (today.secret, today.threshold_pct, today.status) == (True, Decimal(90), "unverified")
    assert today.legal_basis.startswith("Không thấy quy định trong Nghị định 98/2023, 152/2025")
    before = rule_for("CSTD_TQ", "province", date(2016, 5, 1))
    assert before.status == "unverified" and "Nghị định 42/2010, 65/2014" in before.legal_basis
    pm = rule_for("BK_TTG", "province", date(2026, 1, 12))
    assert (pm.secret, pm.threshold_pct, pm.status) == (True, Decimal(80), "partial")
    others = rule_for("LDTT", "commune", date(2026, 1, 12))
    assert (others.secret, others.threshold_pct, others.op, others.base, others.status) == (False, Decimal(50), ">", "all_members", "unverified")
    assert others.recusal_base == "entitled_members"


@pytest.fixture
def city_council(world):
    """The city's council of five, established in 2019 (before both meetings)."""
    members = [user(f"tp{i}", Role.COUNCIL_MEMBER, world.city, full_name=f"Thành viên Thành phố {i}") for i in range(1, 6)]
    establish(world.city, members, number="4125/QĐ-UBND", valid_from=date(2019, 1, 1), signed_on=date(2019, 1, 1))
    return members


def _hold(world, members, day, agree):
    office = world.users["specialist"]
    d = city_dossier_at_council(world, [world.thinh])
    m = actions.meeting_create(acting_user=office, authority=world.city, title=f"Phiên họp ngày {day:%d/%m/%Y}", date=day,
                               dossiers=[d])
    actions.attendance_set(acting_user=office, meeting=m, present_member_ids=list(m.members.values_list("pk", flat=True)))
    actions.ballot_open(acting_user=office, meeting=m)
    for i, u in enumerate(members):
        actions.ballot_cast(acting_user=u, meeting=m, choices=all_lines(m, "agree" if i < agree else "disagree"))
    return m


def test_a_2020_meeting_and_a_2026_meeting_judge_the_same_votes_by_the_rule_of_their_own_date(as_user, world, city_council):
    # The city sets 80% for Chiến sĩ thi đua cấp tỉnh from 2024 (its own regulation); 2017–2023 stays Nghị định 91's 90%.
    current = Parameter.objects.get(key="council_ballot_rules", valid_from=date(2024, 1, 1))
    current.value = [{**row, "threshold_pct": 80, "legal_basis": "Quy chế của Hội đồng Thi đua - Khen thưởng Thành phố"}
                     if "CSTD_TINH" in row["awards"] else row for row in current.value]
    current.save()
    old = _hold(world, city_council, date(2020, 12, 15), agree=4)
    new = _hold(world, city_council, date(2026, 1, 12), agree=4)
    page = as_user("specialist").get(reverse("council:detail", args=[new.pk])).content.decode()
    assert "bỏ phiếu kín" in page and "từ 80% tổng số thành viên Hội đồng trở lên" in page and "cần 4/5 phiếu đồng ý" in page
    assert "Quy chế của Hội đồng Thi đua - Khen thưởng Thành phố" in page
    for m in (old, new):
        actions.ballot_close(acting_user=world.users["specialist"], meeting=m)
    [t_old], [t_new] = old.tallies.all(), new.tallies.all()
    # 4 of 5 members is 80%: enough in 2026, not under Nghị định 91/2017 (90% of all members).
    assert (t_old.secret, t_old.threshold_pct, t_old.needed, t_old.base, t_old.passed) == (True, 90, 5, 5, False)
    assert t_old.rule_status == "verified" and "Nghị định 91/2017" in t_old.legal_basis
    assert (t_new.secret, t_new.threshold_pct, t_new.needed, t_new.base, t_new.passed) == (True, 80, 4, 5, True)
    assert t_new.rule_status == "unverified"


def test_the_rule_is_fixed_when_the_ballot_opens(world, city_council):
    m = _hold(world, city_council, date(2026, 1, 12), agree=5)
    Parameter.objects.filter(key="council_ballot_rules").update(value=[
        {"awards": ["*"], "levels": ["*"], "ballot": "open", "threshold_pct": 100, "op": ">=", "base": "all_members",
         "status": "unverified", "legal_basis": "Sửa sau khi đã mở phiếu"}])
    actions.ballot_close(acting_user=world.users["specialist"], meeting=m)
    t = m.tallies.get()
    assert (t.secret, t.threshold_pct, t.passed) == (True, 90, True) and "Sửa sau" not in t.legal_basis
