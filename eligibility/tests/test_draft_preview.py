"""A draft of the rulebook, previewed (eligibility/preview.py): the engine answers under the draft applied over the
rules in force when asked to (``evaluate(…, draft=…)``), and the comparison says who gains and who loses which
title, per unit and in total, with the reasons of both sides."""

import pytest

from eligibility.engine import Rulebook, evaluate
from eligibility.preview import GAIN, LOSS, UnknownDraft, compare
from org.models import Unit
from rulebook.models import Draft
from tdkt.testing.history import import_history
from tdkt.testing.previews import DRAFT, N, PREVIEW_CHANGES, preview_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(tmp_path):
    import_history(tmp_path, preview_history())


def answer(result, code, award):
    return next(o for o in result.outcomes if o.subject.code == code and o.award.code == award)


def test_evaluate_under_the_draft_answers_by_its_standard_and_names_it(loaded):
    now, under = evaluate(N), evaluate(N, draft=DRAFT)
    assert answer(now, "A", "CSTDCS").eligible
    a = answer(under, "A", "CSTDCS")
    assert not a.eligible
    assert any("chưa đạt hoàn thành xuất sắc nhiệm vụ" in line for line in a.unmet())
    assert "dự thảo" in a.legal_basis and "Điều 23" in a.legal_basis
    assert answer(now, "A", "CSTDCS").legal_basis == "Điều 23 Luật Thi đua, khen thưởng 2022"
    # D was recruited on 01/09/2025: not LĐTT, so not CSTĐCS today; the draft no longer asks the LĐTT standard.
    assert not answer(now, "D", "CSTDCS").eligible
    assert answer(under, "D", "CSTDCS").eligible
    # What the draft leaves alone answers as today.
    assert answer(under, "C", "LDTT").as_json() == answer(now, "C", "LDTT").as_json()


def test_who_gains_and_who_loses_with_the_reasons_of_both_sides(loaded):
    c = compare(N, draft=DRAFT)
    assert {(ch.subject.code, ch.award.code): ch.direction for ch in c.changes} == PREVIEW_CHANGES
    p = next(ch for ch in c.losses if ch.subject.code == "P")
    assert p.unmet() == ["Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025"]
    assert "Năm 2025 được xếp loại hoàn thành xuất sắc nhiệm vụ" in p.met()
    assert p.in_force_met() == ["Đạt tiêu chuẩn Lao động tiên tiến năm 2025", "Năm 2025 được xếp loại hoàn thành xuất sắc nhiệm vụ"]
    assert p.in_force_unmet() == []
    assert p.summary().startswith("Mất: Chiến sĩ thi đua cơ sở — theo dự thảo còn thiếu: Chưa có sáng kiến")
    assert p.summary().endswith("hoàn thành xuất sắc nhiệm vụ (đủ)")
    d = next(ch for ch in c.gains if ch.subject.code == "D")
    assert d.unmet() == [] and any("SK-D" in line for line in d.met())
    assert any("Mới tuyển dụng từ 01/09/2025" in line for line in d.in_force_unmet())
    u1 = next(ch for ch in c.losses if ch.subject.code == "U1")
    assert u1.kind == "unit" and any("Chiến sĩ thi đua cơ sở" in line for line in u1.unmet())


def test_the_years_own_awards_are_judged_again_but_not_the_awards_the_engine_does_not_judge(loaded):
    c = compare(N, draft=DRAFT)
    changed = {ch.subject.code for ch in c.changes}
    # P's CSTĐCS 2025 is set aside: under the draft P would not have it.
    assert "P" in changed
    # SK-B was used for B's CSTĐCS of this very year: judged afresh, it counts under the draft.
    assert "B" not in changed
    # SK-G rewarded G's Giấy khen, which is not judged again: it stays used, and HTXSNV alone no longer suffices.
    g = next(ch for ch in c.losses if ch.subject.code == "G")
    assert any("SK-G đã được dùng" in line for line in g.unmet())


def test_per_unit_and_in_total(loaded):
    c = compare(N, draft=DRAFT)
    totals, by_unit = c.tally()
    assert totals == {"gains": 1, "losses": 4, "by_award": {"CSTDCS": {"gains": 1, "losses": 3}, "TTLDXS": {"gains": 0, "losses": 1}}}
    assert [(p.code, g, lost) for p, g, lost in by_unit] == [("U", 1, 2), ("U1", 0, 2)]
    cstdcs_totals, _ = c.tally("CSTDCS")
    assert (cstdcs_totals["gains"], cstdcs_totals["losses"]) == (1, 3)


def test_under_a_unit_and_for_one_award(loaded):
    c = compare(N, draft=DRAFT, unit=Unit.objects.get(code="U1"))
    assert {(ch.subject.code, ch.award.code) for ch in c.changes} == {("P", "CSTDCS"), ("U1", "TTLDXS")}
    c = compare(N, draft=DRAFT, award_code="TTLDXS")
    assert [(ch.subject.code, ch.direction) for ch in c.changes] == [("U1", LOSS)]


def test_a_drafts_parameters_replace_those_in_force(loaded):
    d = Draft.objects.create(code="THU_THAM_SO", name="Dự thảo thử tham số", parameters={"ldtt_min_months": 12})
    assert Rulebook(N, draft=d).param("ldtt_min_months") == 12
    assert Rulebook(N).param("ldtt_min_months") == 6
    c = compare(N, draft=d)
    # Twelve months: nobody recruited in 2025 is LĐTT (D already was not); nothing else changes.
    assert [(ch.subject.code, ch.award.code, ch.direction) for ch in c.changes] == []
    d.parameters = {"ldtt_min_months": 3}
    d.save()
    assert (("D", "LDTT", GAIN) in {(ch.subject.code, ch.award.code, ch.direction) for ch in compare(N, draft=d).changes})


def test_an_unknown_draft_names_those_there_are(loaded):
    with pytest.raises(UnknownDraft) as e:
        compare(N, draft="KHONG_CO")
    assert str(e.value) == f"Không có dự thảo quy định “KHONG_CO”. Các dự thảo hiện có: {DRAFT}."
    # Letter case aside.
    assert compare(N, draft=DRAFT.lower()).draft.code == DRAFT
