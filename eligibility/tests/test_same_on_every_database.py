"""The same history gives the same answers on SQLite and on PostgreSQL.

A seeded history of 60 people (ratings, awards, initiatives, discipline over
ten years) is imported through `tdkt import-history`, and the whole output of
`tdkt eligibility --json` is compared with the answer kept in
golden/eligibility_2025.json. CI runs this file on both databases, so both
must give exactly that answer. After a deliberate change of the rules,
regenerate the file with TDKT_WRITE_GOLDEN=1 and review the diff.
"""

import json
import os

import pytest

from tdkt.testing.history import GOLDEN, GOLDEN_YEAR, golden_history, run

pytestmark = pytest.mark.django_db


def test_eligibility_output_is_the_golden_answer(tmp_path):
    path = tmp_path / "history.json"
    path.write_text(json.dumps(golden_history(), ensure_ascii=False), encoding="utf-8")
    assert run("import-history", path).status == 0
    answer = run("eligibility", "--year", GOLDEN_YEAR, "--json").json
    if os.environ.get("TDKT_WRITE_GOLDEN"):
        GOLDEN.write_text(json.dumps(answer, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(answer) == len(golden) == 60 * 6 + 2 * 2
    # Enough of every answer for the comparison to mean something.
    eligible = {(o["award"]) for o in golden if o["eligible"]}
    assert eligible >= {"LDTT", "CSTDCS", "BK_TINH", "BK_TTG", "TTLDTT"}
    for got, want in zip(answer, golden):
        assert got == want
