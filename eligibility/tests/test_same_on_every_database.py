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
import random
from pathlib import Path

import pytest

from .helpers import run

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden" / "eligibility_2025.json"
YEAR = 2025


def history(seed=2025):
    rng = random.Random(seed)
    units = [{"code": "HN", "name": "Thành phố Hà Nội", "kind": "province", "parent": None},
             {"code": "P1", "name": "Phường Một", "kind": "commune", "parent": "HN"},
             {"code": "P1-VP", "name": "Văn phòng phường Một", "kind": "agency", "parent": "P1"},
             {"code": "P1-TH", "name": "Trường Tiểu học Một", "kind": "school", "parent": "P1"}]
    people, ratings, awards, initiatives, disciplines, memberships = [], [], [], [], [], []
    levels = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
    n_init = 0
    for i in range(60):
        code, unit = f"G{i:03d}", rng.choice(["P1-VP", "P1-TH"])
        people.append({"code": code, "full_name": f"Nguyễn Văn Người{i}", "unit": unit})
        start = rng.choice([None, None, None, f"{YEAR}-0{rng.randint(1, 9)}-01", f"{YEAR - 3}-03-01"])
        if start:
            memberships.append({"person": code, "unit": unit, "from": start})
        quality = rng.random()
        cst_run = 0
        for y in range(YEAR - 9, YEAR + 1):
            r = rng.random()
            level = levels[0] if r < quality * 0.6 else levels[1] if r < 0.9 else levels[2] if r < 0.97 else levels[3]
            ratings.append({"person": code, "year": y, "rating": level})
            if y < YEAR and level in ("HTXSNV", "HTTNV") and rng.random() < 0.85:
                awards.append({"recipient": code, "award": "LDTT", "year": y})
            linked = []
            if rng.random() < 0.15:
                n_init += 1
                scope = rng.choices(["co_so", "tinh", "toan_quoc"], [0.8, 0.17, 0.03])[0]
                initiatives.append({"code": f"SK-{n_init:03d}", "title": f"Sáng kiến {n_init}", "authors": [code],
                                    "recognized_on": f"{y}-11-{rng.randint(10, 28)}", "scope": scope})
                if rng.random() < 0.4:
                    linked = [f"SK-{n_init:03d}"]
            if y < YEAR and level == "HTXSNV" and rng.random() < 0.7:
                awards.append({"recipient": code, "award": "CSTDCS", "year": y, "initiatives": linked})
                cst_run += 1
                if cst_run == 2 and rng.random() < 0.5:
                    awards.append({"recipient": code, "award": "BK_TINH", "year": y})
                if cst_run == 3 and rng.random() < 0.5:
                    awards.append({"recipient": code, "award": "CSTD_TINH", "year": y})
                    cst_run = 0
            else:
                cst_run = 0
            if rng.random() < 0.02:
                level = "khien_trach" if y == YEAR and unit == "P1-VP" else rng.choice(["khien_trach", "canh_cao"])
                disciplines.append({"person": code, "date": f"{y}-06-15", "level": level})
    for u in ("P1-VP", "P1-TH"):
        for y in range(YEAR - 2, YEAR + 1):
            ratings.append({"unit": u, "year": y, "rating": rng.choice(["HTXSNV", "HTTNV"])})
    return {"format": "tdkt-history/1", "units": units, "people": people, "memberships": memberships, "ratings": ratings,
            "disciplines": disciplines, "initiatives": initiatives, "awards": awards}


def test_eligibility_output_is_the_golden_answer(tmp_path):
    path = tmp_path / "history.json"
    path.write_text(json.dumps(history(), ensure_ascii=False), encoding="utf-8")
    assert run("import-history", path).status == 0
    answer = run("eligibility", "--year", YEAR, "--json").json
    if os.environ.get("TDKT_WRITE_GOLDEN"):
        GOLDEN.write_text(json.dumps(answer, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(answer) == len(golden) == 60 * 6 + 2 * 2
    # Enough of every answer for the comparison to mean something.
    eligible = {(o["award"]) for o in golden if o["eligible"]}
    assert eligible >= {"LDTT", "CSTDCS", "BK_TINH", "BK_TTG", "TTLDTT"}
    for got, want in zip(answer, golden):
        assert got == want
