"""`tdkt eligibility --year N [--unit CODE] [--award CODE] --json` (domain/interchange.md, Commands)."""

import json

import pytest

from tdkt.testing.history import (COLLECTIVE_DECIDABLE, INDIVIDUAL_DECIDABLE, NOT_DECIDABLE, OUTPUT_KEYS, eligibility,
                                  history, import_history, run)

pytestmark = pytest.mark.django_db

N = 2024
UNITS = [
    {"code": "V", "name": "Sở Tài chính", "kind": "agency", "parent": "T"},
    {"code": "U1", "name": "Phòng Tổ chức", "kind": "agency", "parent": "U"},
]


@pytest.fixture
def city(tmp_path):
    """P and A in U, B in U's child U1, C in the sibling V; everyone and every unit rated."""
    h = history(people=("P", "A"), units=UNITS,
                ratings={"P": {N: "HTXSNV"}, "A": {N: "HTTNV"}, "B": {N: "HTXSNV"}, "C": {N: "HTTNV"}},
                unit_ratings={"U": {N: "HTXSNV"}, "U1": {N: "HTTNV"}, "V": {N: "HTTNV"}})
    h["people"] += [{"code": "B", "full_name": "Lê Thị Bình", "unit": "U1"},
                    {"code": "C", "full_name": "Phạm Văn Cường", "unit": "V"}]
    import_history(tmp_path, h)
    return h


def test_every_object_has_exactly_the_contract_keys(city):
    rows = eligibility(N)
    assert rows
    for r in rows:
        assert set(r) == OUTPUT_KEYS, r
        assert r["year"] == N
        assert isinstance(r["eligible"], bool)
        assert isinstance(r["met"], list) and all(isinstance(s, str) and s for s in r["met"])
        assert isinstance(r["unmet"], list) and all(isinstance(s, str) and s for s in r["unmet"])
        assert r["eligible"] == (not r["unmet"])
        assert isinstance(r["legal_basis"], str) and "Điều" in r["legal_basis"]


def test_legal_basis_names_the_article(city):
    rows = eligibility(N)
    articles = {"LDTT": "Điều 24", "CSTDCS": "Điều 23", "CSTD_TINH": "Điều 22", "CSTD_TQ": "Điều 21",
                "BK_TINH": "Điều 74", "BK_TTG": "Điều 73", "TTLDTT": "Điều 28", "TTLDXS": "Điều 27"}
    for r in rows:
        assert articles[r["award"]] in r["legal_basis"], r


def test_one_object_per_recipient_and_award(city):
    rows = eligibility(N)
    pairs = [(r["recipient"], r["award"]) for r in rows]
    assert len(pairs) == len(set(pairs))


def test_only_awards_decidable_from_history(city):
    rows = eligibility(N)
    awards = {r["award"] for r in rows}
    assert not awards & NOT_DECIDABLE
    people = {"P", "A", "B", "C"}
    for code in people:
        assert {r["award"] for r in rows if r["recipient"] == code} == INDIVIDUAL_DECIDABLE
    for code in ("U", "U1", "V"):
        assert {r["award"] for r in rows if r["recipient"] == code} == COLLECTIVE_DECIDABLE


def test_everyone_without_unit(city):
    recipients = {r["recipient"] for r in eligibility(N)}
    assert {"P", "A", "B", "C", "U", "U1", "V"} <= recipients


def test_unit_restricts_to_people_and_collectives_under_it(city):
    rows = eligibility(N, unit="U")
    assert {r["recipient"] for r in rows} == {"P", "A", "B", "U", "U1"}


def test_unit_leaf(city):
    rows = eligibility(N, unit="V")
    assert {r["recipient"] for r in rows} == {"C", "V"}


def test_unit_filter_does_not_change_the_answers(city):
    everyone = {(r["recipient"], r["award"]): r for r in eligibility(N)}
    for r in eligibility(N, unit="U"):
        assert everyone[(r["recipient"], r["award"])] == r


def test_award_restricts_to_one_award(city):
    rows = eligibility(N, award="CSTDCS")
    assert {r["award"] for r in rows} == {"CSTDCS"}
    assert {r["recipient"] for r in rows} == {"P", "A", "B", "C"}
    rows = eligibility(N, award="TTLDTT")
    assert {r["recipient"] for r in rows} == {"U", "U1", "V"}


@pytest.mark.parametrize("award", sorted(INDIVIDUAL_DECIDABLE | COLLECTIVE_DECIDABLE))
def test_award_filter_does_not_change_the_answers(city, award):
    """A standard naming a lower title of the same year must be decided the same with --award."""
    everyone = [r for r in eligibility(N) if r["award"] == award]
    assert sorted(eligibility(N, award=award), key=lambda r: r["recipient"]) == sorted(everyone, key=lambda r: r["recipient"])


def test_only_people_working_in_the_year(tmp_path):
    h = history(people=("P", "A", "B"), ratings={"P": {N: "HTTNV"}, "A": {N - 1: "HTTNV"}, "B": {N + 1: "HTTNV"}},
                memberships=[("P", "U", "2010-01-01", None), ("A", "U", "2010-01-01", "2023-12-31"), ("B", "U", "2025-01-01", None)])
    import_history(tmp_path, h)
    assert {r["recipient"] for r in eligibility(N) if r["award"] == "LDTT"} == {"P"}
    assert {r["recipient"] for r in eligibility(N - 1) if r["award"] == "LDTT"} == {"P", "A"}


def test_award_and_unit_together(city):
    rows = eligibility(N, unit="U1", award="LDTT")
    assert [(r["recipient"], r["award"], r["eligible"]) for r in rows] == [("B", "LDTT", True)]


def test_award_not_decidable_gives_nothing(city):
    assert eligibility(N, award="GK") == []


def test_unknown_unit_or_award_is_an_error(city):
    for args in (("--unit", "KHONG-CO"), ("--award", "KHONG_CO")):
        result = run("eligibility", "--year", N, *args, "--json")
        assert result.status != 0
        assert "Không có" in result.stderr


def test_empty_database_gives_an_empty_array():
    result = run("eligibility", "--year", N, "--json")
    assert result.status == 0
    assert json.loads(result.stdout) == []


def test_stdout_is_only_json(city):
    result = run("eligibility", "--year", N, "--json")
    assert result.status == 0
    json.loads(result.stdout)  # nothing else on stdout


def test_readable_table_without_json(city):
    result = run("eligibility", "--year", N, "--award", "LDTT")
    assert result.status == 0
    assert "P" in result.stdout and "LDTT" in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_json_goes_to_the_command_stdout(city):
    import contextlib
    import io

    from django.core.management import call_command

    buffer, elsewhere = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(elsewhere):
        call_command("eligibility", "--year", str(N), "--json", stdout=buffer)
    assert json.loads(buffer.getvalue())
