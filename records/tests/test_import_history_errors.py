"""`tdkt import-history FILE` refuses a bad file (interchange.md): exit status 1, every error on
standard error naming its list, its row and its field, and nothing written (all-or-nothing)."""

import copy
import json
import re

import pytest

from org.models import Person, Unit
from records.models import Rating
from tdkt.testing.history import LISTS, import_file, sample_history, write_json, write_xlsx

from .helpers import snapshot

pytestmark = pytest.mark.django_db

ERROR_LINE = re.compile(r"^(%s), dòng (\d+), trường “([a-z_]+)”: \S" % "|".join(LISTS))


def row(h, lst, n):
    return h[lst][n - 1]


def _set(lst, n, **fields):
    def change(h):
        row(h, lst, n).update(fields)
    return change


def _drop(lst, n, field):
    def change(h):
        row(h, lst, n).pop(field)
    return change


def _append(lst, item):
    def change(h):
        h[lst].append(item)
    return change


# (id, change to the sample history, list, row, field) — rows counted from 1 in each list.
BAD = [
    ("rating-code", _set("ratings", 3, rating="XUAT_SAC"), "ratings", 3, "rating"),
    ("rating-unknown-person", _set("ratings", 2, person="KHONG-CO"), "ratings", 2, "person"),
    ("rating-person-and-unit", _set("ratings", 1, unit="U"), "ratings", 1, "person"),
    ("rating-year-not-a-number", _set("ratings", 4, year="năm ngoái"), "ratings", 4, "year"),
    ("rating-missing", _drop("ratings", 5, "rating"), "ratings", 5, "rating"),
    ("rating-twice-same-year", _append("ratings", {"person": "P", "year": 2024, "rating": "HTNV"}), "ratings", 16, "year"),
    ("person-missing-name", _drop("people", 2, "full_name"), "people", 2, "full_name"),
    ("person-unknown-unit", _set("people", 1, unit="KHONG-CO"), "people", 1, "unit"),
    ("person-duplicate-code", _set("people", 2, code="P"), "people", 2, "code"),
    ("unit-kind", _set("units", 2, kind="ministry"), "units", 2, "kind"),
    ("unit-unknown-parent", _set("units", 3, parent="KHONG-CO"), "units", 3, "parent"),
    ("unit-unknown-successor", _set("units", 3, successor="KHONG-CO"), "units", 3, "successor"),
    ("membership-date-not-iso", _set("memberships", 1, **{"from": "01/01/2015"}), "memberships", 1, "from"),
    ("membership-ends-before-start", _set("memberships", 2, to="2017-01-01"), "memberships", 2, "to"),
    ("membership-unknown-person", _set("memberships", 3, person="KHONG-CO"), "memberships", 3, "person"),
    ("discipline-level", _set("disciplines", 2, level="phe_binh"), "disciplines", 2, "level"),
    ("discipline-date", _set("disciplines", 1, date="2023-02-30"), "disciplines", 1, "date"),
    ("initiative-scope", _set("initiatives", 1, scope="huyen"), "initiatives", 1, "scope"),
    ("initiative-unknown-author", _set("initiatives", 2, authors=["P", "KHONG-CO"]), "initiatives", 2, "authors"),
    ("initiative-missing-date", _drop("initiatives", 3, "recognized_on"), "initiatives", 3, "recognized_on"),
    ("initiative-duplicate-code", _set("initiatives", 3, code="SK-2023-01"), "initiatives", 3, "code"),
    ("award-unknown-code", _set("awards", 1, award="HUAN_CHUONG_X"), "awards", 1, "award"),
    ("award-unknown-recipient", _set("awards", 2, recipient="KHONG-CO"), "awards", 2, "recipient"),
    ("award-collective-title-to-a-person", _set("awards", 5, award="TTLDTT"), "awards", 5, "award"),
    ("award-individual-title-to-a-unit", _set("awards", 6, award="CSTDCS"), "awards", 6, "award"),
    ("award-unknown-initiative", _set("awards", 4, initiatives=["SK-KHONG-CO"]), "awards", 4, "initiatives"),
    ("award-decided-before-its-year", _set("awards", 3, decision_date="2021-12-31"), "awards", 3, "decision_date"),
    ("award-same-recipient-award-year-twice", _append("awards", {"recipient": "P", "award": "CSTDCS", "year": 2022}), "awards", 8, "year"),
]


@pytest.fixture
def existing(tmp_path):
    """A database that already holds a small history, so 'nothing written' also covers updates."""
    h = sample_history()
    first = copy.deepcopy(h)
    first["ratings"] = [r for r in first["ratings"] if r.get("year") != 2024]
    first["awards"] = first["awards"][:2]
    result = import_file(write_json(tmp_path, first, "first.json"))
    assert result.status == 0, result.stderr
    return h


@pytest.mark.parametrize("case_id,change,lst,n,fld", BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_refused_and_nothing_written(tmp_path, existing, case_id, change, lst, n, fld):
    h = copy.deepcopy(existing)
    # also change good rows, which must not be written either
    h["people"][0]["position"] = "Trưởng phòng"
    h["ratings"][0]["rating"] = "HTNV"
    change(h)
    before = snapshot()
    result = import_file(write_json(tmp_path, h))
    assert result.status == 1
    assert snapshot() == before
    lines = result.error_lines
    prefix = f"{lst}, dòng {n}, trường “{fld}”: "
    assert any(line.startswith(prefix) for line in lines), f"{prefix!r} not in:\n{result.stderr}"
    for line in lines:
        if "dòng" in line:
            assert ERROR_LINE.match(line), line


def test_every_error_is_reported_at_once(tmp_path, existing):
    h = copy.deepcopy(existing)
    for _, change, *_ in (BAD[0], BAD[7], BAD[15], BAD[21]):
        change(h)
    result = import_file(write_json(tmp_path, h))
    assert result.status == 1
    for prefix in ("ratings, dòng 3, trường “rating”", "people, dòng 1, trường “unit”",
                   "disciplines, dòng 2, trường “level”", "awards, dòng 1, trường “award”"):
        assert any(line.startswith(prefix) for line in result.error_lines), (prefix, result.stderr)


def test_error_message_says_what_is_wrong(tmp_path, existing):
    h = copy.deepcopy(existing)
    BAD[0][1](h)
    result = import_file(write_json(tmp_path, h))
    line = next(line for line in result.error_lines if line.startswith("ratings, dòng 3"))
    assert "XUAT_SAC" in line
    assert "HTXSNV" in line  # the valid codes are named


def test_nothing_on_stdout_when_refused(tmp_path, existing):
    h = copy.deepcopy(existing)
    BAD[0][1](h)
    result = import_file(write_json(tmp_path, h))
    assert result.status == 1
    assert "mới" not in result.stdout


@pytest.mark.parametrize("content", ["{not json", "[1, 2, 3]", json.dumps({"format": "tdkt-history/9", "units": []}),
                                     json.dumps({"format": "tdkt-history/1", "ratings": {"person": "P"}})])
def test_unreadable_file_is_refused(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = import_file(path)
    assert result.status == 1
    assert result.error_lines
    assert not Unit.objects.exists()


def test_missing_file_is_refused(tmp_path):
    result = import_file(tmp_path / "khong-co.json")
    assert result.status == 1
    assert result.error_lines


def test_xlsx_errors_name_sheet_row_and_field(tmp_path):
    h = sample_history()
    h["ratings"][2]["rating"] = "XUAT_SAC"
    h["people"][1]["unit"] = "KHONG-CO"
    result = import_file(write_xlsx(tmp_path, h))
    assert result.status == 1
    assert not Person.objects.exists()
    # In a workbook the row is the sheet's row: the header is row 1, the third rating is row 4.
    assert any(line.startswith("ratings, dòng 4, trường “rating”: ") for line in result.error_lines), result.stderr
    assert any(line.startswith("people, dòng 3, trường “unit”: ") for line in result.error_lines), result.stderr


def test_xlsx_missing_required_column(tmp_path):
    h = sample_history()
    for r in h["ratings"]:
        r.pop("rating")
    result = import_file(write_xlsx(tmp_path, h))
    assert result.status == 1
    assert any(line.startswith("ratings") and "rating" in line for line in result.error_lines), result.stderr
    assert not Rating.objects.exists()
