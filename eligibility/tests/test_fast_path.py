"""The whole-population pass runs each criterion's fast ``test``; the explanation
runs the full check. On thousands of random histories the two must agree."""

import random
from datetime import date

import pytest

from eligibility.engine import Context, Rulebook
from eligibility.facts import InitiativeFact, Subject

pytestmark = pytest.mark.django_db

YEAR = 2025


def random_subject(rng, book, i):
    s = Subject(i, f"P{i}", f"Người {i}")
    for k in range(12):
        if rng.random() < 0.9:
            bit = 1 << k
            s.rated_years |= bit
            level = rng.choices(["X", "T", "N", "K"], [0.35, 0.45, 0.12, 0.08])[0]
            if level in "XTN":
                s.done_years |= bit
            if level in "XT":
                s.good_years |= bit
            if level == "X":
                s.excellent_years |= bit
    for code, p in [("LDTT", 0.6), ("CSTDCS", 0.35), ("BK_TINH", 0.12), ("CSTD_TINH", 0.08), ("BK_TTG", 0.03)]:
        mask = 0
        for k in range(12):
            if rng.random() < p:
                mask |= 1 << k
        if mask:
            aid = book.award_id(code)
            s.award_years[aid] = mask
            s.first_award_year[aid] = YEAR - (mask.bit_length() - 1)
    if rng.random() < 0.2:
        s.first_start = date(YEAR, rng.randint(1, 12), rng.choice([1, 15]))
    for j in range(rng.choice([0, 0, 1, 2, 3])):
        used = rng.choice([None, None, "Chiến sĩ thi đua cơ sở năm 2024"])
        s.initiatives.append(InitiativeFact(f"SK-{i}-{j}", rng.randint(1, 3), date(rng.randint(YEAR - 6, YEAR), rng.randint(1, 12), 1), used))
    return s


def test_fast_test_agrees_with_the_explanation_on_random_histories():
    book = Rulebook(YEAR)
    rng = random.Random(7)
    checked = disagreements = 0
    eligible_seen = set()
    for i in range(3000):
        s = random_subject(rng, book, i)
        ctx = Context(YEAR, book)
        for award in book.individual:
            ctx.current_award = award.id
            fast = all(fn.test(s, ctx) for fn in book.compiled[award.id])
            full = all(r.ok for fn in book.compiled[award.id] for r in fn(s, ctx))
            ctx.results[award.id] = full
            checked += 1
            if fast != full:
                disagreements += 1
            if full:
                eligible_seen.add(award.code)
    assert checked == 3000 * len(book.individual)
    assert disagreements == 0
    # The random histories reach every outcome, so the comparison means something.
    assert eligible_seen >= {"LDTT", "CSTDCS", "BK_TINH", "CSTD_TINH", "BK_TTG"}
