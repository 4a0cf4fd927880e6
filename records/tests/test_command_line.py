"""The real `tdkt` executable on a fresh database (interchange.md, Commands): exit statuses, JSON on
standard output, errors on standard error. The other tests run the same commands in-process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt.testing.history import OUTPUT_KEYS, history, write_json

TDKT = Path(sys.executable).parent / "tdkt"


@pytest.fixture(scope="module")
def tdkt(tmp_path_factory):
    if not TDKT.exists():
        pytest.skip(f"{TDKT} is not installed")
    tmp = tmp_path_factory.mktemp("cli")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'tdkt.sqlite3'}", "DJANGO_SETTINGS_MODULE": "tdkt.settings"}

    def run(*args):
        return subprocess.run([str(TDKT), *map(str, args)], env=env, capture_output=True, text=True, timeout=300)

    migrated = run("migrate", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    run.tmp = tmp
    return run


def test_import_eligibility_bonus(tdkt):
    h = history(people=("P", "A"), ratings={"P": {2024: "HTXSNV"}, "A": {2024: "HTNV"}}, unit_ratings={"U": {2024: "HTTNV"}})
    imported = tdkt("import-history", write_json(tdkt.tmp, h, "ok.json"))
    assert imported.returncode == 0, imported.stderr
    assert "people: 2 mới, 0 cập nhật, 0 không đổi" in imported.stdout

    out = tdkt("eligibility", "--year", 2024, "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert all(set(r) == OUTPUT_KEYS for r in rows)
    got = {(r["recipient"], r["award"]): r["eligible"] for r in rows}
    assert got[("P", "LDTT")] is True and got[("P", "CSTDCS")] is True
    assert got[("A", "LDTT")] is False
    assert got[("U", "TTLDTT")] is False  # 1 of 2 is not more than 50%

    money = tdkt("bonus", "LDTT", "--recipient-kind", "individual", "--decision-date", "2026-07-15", "--json")
    assert money.returncode == 0, money.stderr
    data = json.loads(money.stdout)
    assert (data["amount"], data["amount_in_words"]) == (760_000, "Bảy trăm sáu mươi nghìn đồng")


def test_bad_file_exit_status_1(tdkt):
    h = history(people=("Q",), ratings={"Q": {2022: "TOT", 2023: "HTTNV", 2024: "HTTNV"}})
    h["ratings"].reverse()  # the bad one is the third row
    bad = tdkt("import-history", write_json(tdkt.tmp, h, "bad.json"))
    assert bad.returncode == 1
    assert "ratings, dòng 3, trường “rating”: " in bad.stderr
    assert bad.stdout.strip() == ""
    # nothing written: Q is unknown afterwards
    out = json.loads(tdkt("eligibility", "--year", 2024, "--award", "LDTT", "--json").stdout)
    assert "Q" not in {r["recipient"] for r in out}


def test_bonus_error_exit_non_zero(tdkt):
    res = tdkt("bonus", "LDTT", "--recipient-kind", "household", "--decision-date", "2025-07-01", "--json")
    assert res.returncode != 0
    assert "hộ gia đình" in res.stderr
    assert res.stdout.strip() == ""
