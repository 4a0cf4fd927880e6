"""Principles (Luật TĐKT 2022, Điều 5.2; NĐ 152/2025, Điều 4): one achievement is rewarded once —
the same award for the same year is not given twice, and the import refuses a duplicate
(recipient, award, year); a lower award is no prerequisite unless the standard names it."""

import pytest

from tdkt.testing.history import Case, check_case, history, import_file, run, write_json

pytestmark = pytest.mark.django_db

N = 2024

# A history in which P (and unit U) would qualify for each award, before it was given.
QUALIFYING = {
    "LDTT": history(ratings={"P": {N: "HTTNV"}}),
    "CSTDCS": history(ratings={"P": {N: "HTXSNV"}}),
    "BK_TINH": history(ratings={"P": {N - 1: "HTXSNV", N: "HTXSNV"}}, awards=[("P", "CSTDCS", N - 1)]),
    "CSTD_TINH": history(ratings={"P": {N: "HTXSNV"}}, awards=[("P", "CSTDCS", N - 2), ("P", "CSTDCS", N - 1)],
                         initiatives=[("SK-T", ["P"], "2023-05-05", "tinh")]),
    "CSTD_TQ": history(awards=[("P", "CSTD_TINH", N - 3), ("P", "CSTD_TINH", N)],
                       initiatives=[("SK-Q", ["P"], "2024-05-05", "toan_quoc")]),
    "BK_TTG": history(ratings={"P": {**{y: "HTTNV" for y in range(2020, N)}, N: "HTXSNV"}},
                      awards=[("P", "BK_TINH", 2019), ("P", "CSTDCS", 2020), ("P", "CSTDCS", 2022)]),
    "TTLDTT": history(ratings={"P": {N: "HTTNV"}}, unit_ratings={"U": {N: "HTTNV"}}),
    "TTLDXS": history(ratings={"P": {N: "HTXSNV"}}, unit_ratings={"U": {N: "HTXSNV"}}),
}
RECIPIENT = {"TTLDTT": "U", "TTLDXS": "U"}


def given(code):
    h = history()
    h.update({k: list(v) for k, v in QUALIFYING[code].items() if isinstance(v, list)})
    h["awards"] = h["awards"] + [{"recipient": RECIPIENT.get(code, "P"), "award": code, "year": N,
                                  "decision_number": "99/QĐ-UBND", "decision_date": "2025-01-20"}]
    return h


QUALIFIES = [Case(f"{code}-qualifies", QUALIFYING[code], N, RECIPIENT.get(code, "P"), code, True, str(N)) for code in QUALIFYING]
ALREADY = [Case(f"{code}-already-given", given(code), N, RECIPIENT.get(code, "P"), code, False, "Đã được tặng") for code in QUALIFYING]


@pytest.mark.parametrize("case", [c.param() for c in QUALIFIES])
def test_qualifies_before_it_is_given(tmp_path, case):
    check_case(tmp_path, case)


@pytest.mark.parametrize("case", [c.param() for c in ALREADY])
def test_same_award_same_year_is_refused(tmp_path, case):
    got = check_case(tmp_path, case)
    assert any("một lần" in s and str(N) in s for s in got["unmet"]), got["unmet"]


@pytest.mark.parametrize("code", ["LDTT", "CSTDCS", "BK_TINH", "TTLDTT"])
def test_same_award_previous_year_does_not_block(tmp_path, code):
    """One form or title may be given many times to the same subject (Điều 5.2)."""
    h = QUALIFYING[code]
    h = {**h, "ratings": h["ratings"] + [r | {"year": N - 2} for r in h["ratings"] if r["year"] == N],
         "awards": h["awards"] + [{"recipient": RECIPIENT.get(code, "P"), "award": code, "year": N - 2}]}
    check_case(tmp_path, Case(code, h, N, RECIPIENT.get(code, "P"), code, True, str(N)))


def test_importing_the_same_award_twice_names_list_row_and_field(tmp_path):
    h = history(awards=[("P", "LDTT", N), ("P", "CSTDCS", N), ("P", "LDTT", N)])
    result = import_file(write_json(tmp_path, h))
    assert result.status == 1
    assert any(line.startswith("awards, dòng 3, trường “") for line in result.error_lines), result.stderr
    line = next(line for line in result.error_lines if line.startswith("awards, dòng 3"))
    assert "dòng 1" in line  # points at the first occurrence
    assert run("eligibility", "--year", N, "--json").stdout.strip() in ("[]", "[\n]")


def test_same_award_in_two_imports_is_one_award(tmp_path):
    """Re-importing an award row (e.g. from a second file) does not create a second award for the year."""
    h = history(ratings={"P": {N: "HTXSNV"}}, awards=[("P", "LDTT", N)])
    assert import_file(write_json(tmp_path, h, "a.json")).status == 0
    h2 = history(awards=[("P", "LDTT", N)])
    h2["awards"][0]["decision_number"] = "7/QĐ-UBND"
    result = import_file(write_json(tmp_path, h2, "b.json"))
    assert result.status == 0
    from decisions.models import Award

    assert Award.objects.filter(person__code="P", award_type__code="LDTT", year=N).count() == 1
