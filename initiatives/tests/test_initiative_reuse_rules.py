"""What an initiative already counted for an award may still count for, as the rulebook's ``initiative_reuse`` says
(Công văn 5007/BNV-TĐKT: once only; a title's initiative serves no award form and the other way round), and a
higher level's widening counting at its own scope on its own day."""

from datetime import date

import pytest

from eligibility.engine import Context, Rulebook
from eligibility.facts import InitiativeFact, Subject

pytestmark = pytest.mark.django_db

N = 2026
CO_SO, TINH = 1, 2


def subject(book, *initiatives):
    s = Subject(1, "S1", "Nguyễn Văn An")
    s.initiatives = list(initiatives)
    return s


def fact(book, uses=(), levels=(), rank=CO_SO, day=date(N, 5, 1)):
    """An initiative of S1; ``uses``: [(year, award code)]."""
    named = tuple((y, book.award_id(c), f"{book.by_id[book.award_id(c)].name} năm {y}") for y, c in uses)
    return InitiativeFact("SK-1", rank, day, named[0][2] if named else None, named, tuple(levels))


def met(book, s, award, scope="co_so", window=1, rule=None):
    if rule:
        book.overrides["initiative_reuse"] = rule
    ctx = Context(N, book)
    ctx.current_award = book.award_id(award)
    check = book.compile("initiatives", {"scope": scope, "count": 1, "window": window}, "Tiêu chuẩn thử")
    reasons = check(s, ctx)
    assert bool(check.test(s, ctx)) == all(r.ok for r in reasons)
    return all(r.ok for r in reasons), " | ".join(r.render() for r in reasons)


def test_never_twice_for_the_same_award(db):
    book = Rulebook(N)
    for rule in ("title_chain", "same_award", "any_award"):
        ok, text = met(book, subject(book, fact(book, uses=[(N - 1, "CSTDCS")])), "CSTDCS", rule=rule)
        assert not ok and f"đã được dùng để khen thưởng (Chiến sĩ thi đua cơ sở năm {N - 1}), không tính lại" in text, rule


def test_a_title_s_initiative_serves_no_award_form_under_title_chain(db):
    book = Rulebook(N)
    s = subject(book, fact(book, uses=[(N, "CSTDCS")]))
    ok, text = met(book, s, "BK_TINH", rule="title_chain")
    assert not ok and "Chiến sĩ thi đua cơ sở năm" in text
    # The looser rule lets it serve another award.
    ok, text = met(book, s, "BK_TINH", rule="same_award")
    assert ok and "được tính cho danh hiệu này (đã dùng cho Chiến sĩ thi đua cơ sở" in text


def test_widened_it_serves_the_higher_title_under_title_chain_not_under_any_award(db):
    book = Rulebook(N)
    widened = fact(book, uses=[(N - 2, "CSTDCS")], rank=TINH, day=date(N - 2, 11, 1),
                   levels=[(CO_SO, date(N - 2, 11, 1)), (TINH, date(N, 3, 10))])
    ok, text = met(book, subject(book, widened), "CSTD_TINH", scope="tinh", window=3, rule="title_chain")
    assert ok and "phạm vi cấp bộ, ban, ngành, tỉnh, công nhận 10/03/" in text
    ok, _text = met(book, subject(book, widened), "CSTD_TINH", scope="tinh", window=3, rule="any_award")
    assert not ok


def test_the_widening_counts_on_its_own_day(db):
    book = Rulebook(N)
    # Recognised at the ward in N − 4, widened to the city in N: outside a 3-year window at the ward's date,
    # inside it at the city's.
    widened = fact(book, rank=TINH, day=date(N - 4, 6, 1), levels=[(CO_SO, date(N - 4, 6, 1)), (TINH, date(N, 2, 1))])
    assert met(book, subject(book, widened), "CSTD_TINH", scope="tinh", window=3)[0]
    narrow = fact(book, rank=CO_SO, day=date(N - 4, 6, 1))
    assert not met(book, subject(book, narrow), "CSTD_TINH", scope="tinh", window=3)[0]
