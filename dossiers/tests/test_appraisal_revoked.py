"""A revoked award blocks proposing the same achievement again (problem ``revoked``, naming the revocation), and an
award resting on it too, unless its ground allows deciding again (rulebook ``revocation_reproposal_grounds``:
by default only c, an unlawful appraisal or procedure, whose achievement may be real)."""

from datetime import date

import pytest

from org.models import Person, Role, Unit
from rulebook.models import Parameter
from tdkt.testing import user
from tdkt.testing.dossiers import appraise_json, nominate
from tdkt.testing.revocations import give, prepare, sign

pytestmark = pytest.mark.django_db


def revoked_ldtt(ground):
    """P's LĐTT 2025, given by ward W on 10/01/2026 and revoked by W's decision 30/QĐ-UBND of 02/03/2026."""
    ward = Unit.objects.get(code="W")
    p = Person.objects.get(code="P")
    award = give(p, "LDTT", 2025, amount=710_000, number="05/QĐ-UBND", day=date(2026, 1, 10))
    draft = prepare(user("vp.w", Role.SPECIALIST, ward), award, ground=ground, reason="Kiểm tra sau khen thưởng.")
    sign(user("ct.w", Role.CHAIRMAN, ward), draft, number="30", day=date(2026, 3, 2))
    return award


def problems(imported, lines):
    result = appraise_json(nominate(imported, lines, decision_date="2026-04-01"))
    return [[p["code"] for p in line["problems"]] for line in result["lines"]], result


def test_a_revocation_for_fraud_blocks_the_same_achievement_and_what_rests_on_it(imported):
    revoked_ldtt("a")
    codes, result = problems(imported, [{"recipient": "P", "award": "LDTT"}, {"recipient": "P", "award": "CSTDCS"}])
    assert codes == [["revoked"], ["revoked"]]
    ldtt, cstdcs = (line["problems"][0]["message"] for line in result["lines"])
    assert ldtt == ("Lao động tiên tiến năm 2025 đã bị hủy bỏ theo Quyết định số 30/QĐ-UBND ngày 02/03/2026 của Phường "
                    "Phú Lương (điểm a khoản 2 Điều 93 Luật Thi đua, khen thưởng năm 2022): không đề nghị khen thưởng lại "
                    "cho cùng thành tích.")
    assert cstdcs.startswith("Chiến sĩ thi đua cơ sở năm 2025 dựa trên Lao động tiên tiến năm 2025, khen thưởng này đã bị "
                             "hủy bỏ theo Quyết định số 30/QĐ-UBND")


def test_a_revocation_for_an_unlawful_procedure_allows_proposing_it_again(imported):
    revoked_ldtt("c")
    codes, result = problems(imported, [{"recipient": "P", "award": "LDTT"}])
    assert codes == [[]]
    assert result["lines"][0]["notes"] == [
        "Lao động tiên tiến năm 2025 đã bị hủy bỏ theo Quyết định số 30/QĐ-UBND ngày 02/03/2026 của Phường Phú Lương "
        "(điểm c khoản 2 Điều 93 Luật Thi đua, khen thưởng năm 2022): căn cứ hủy bỏ cho phép đề nghị lại theo thủ tục đúng."]


def test_the_grounds_that_allow_it_are_the_rulebooks(imported):
    revoked_ldtt("a")
    row = Parameter.objects.get(key="revocation_reproposal_grounds")
    assert (row.value, row.status) == (["c"], "unverified")
    row.value = ["a", "c"]
    row.save()
    codes, _ = problems(imported, [{"recipient": "P", "award": "LDTT"}])
    assert codes == [[]]


def test_another_recipient_or_year_is_not_blocked(imported):
    revoked_ldtt("b")
    codes, _ = problems(imported, [{"recipient": "M", "award": "LDTT"}])
    assert "revoked" not in codes[0]
