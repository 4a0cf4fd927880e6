"""`tdkt export-history [--year N] [--unit CODE] FILE` (interchange.md, "Export"): the file imported into an
empty database gives the same `tdkt eligibility --json` answers as the database it came from; revoked awards
are left out; awards issued here carry their decision; --year and --unit export the part they name.

The source database is the test database (commands run in-process); the empty one is a second SQLite file
driven by the real `tdkt` in a subprocess."""

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from core.excel import cell_text

from decisions.models import Award, Decision
from org.models import Person, Unit
from records import history_export
from records.history_import import SPEC
from rulebook.models import AwardType
from tdkt.testing.history import GOLDEN, LISTS, golden_history, import_history, run, sample_history

from .helpers import EmptyDatabases, answers_here, answers_there, export, imported, read

pytestmark = pytest.mark.django_db

@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    return EmptyDatabases(tmp_path_factory.mktemp("export"))


def test_golden_sample_round_trip_gives_the_same_answers(tmp_path, empty):
    import_history(tmp_path, golden_history())
    path = tmp_path / "out.json"
    counts = export(path)
    data = read(path)
    assert data["format"] == "tdkt-history/1"
    assert counts == {name: len(data[name]) for name in LISTS}
    assert counts["people"] == 60 and counts["awards"] > 100 and counts["initiatives"] > 20
    tdkt = imported(empty, path)
    there = answers_there(tdkt, 2025)
    assert there == answers_here(2025)
    assert there == json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert answers_there(tdkt, 2022) == answers_here(2022)
    # Exported again from the database it was imported into, the file is the same.
    again = tmp_path / "again.json"
    assert tdkt("export-history", again).returncode == 0
    assert read(again) == data


def test_xlsx_round_trip(tmp_path, empty):
    import_history(tmp_path, sample_history())
    path = tmp_path / "out.xlsx"
    counts = export(path)
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == LISTS
    sheets = {name: list(wb[name].values) for name in LISTS}
    for name in LISTS:
        assert list(sheets[name][0]) == [c.field for c in SPEC[name]]
        assert len(sheets[name]) - 1 == counts[name]
    authors = {row[0]: row[2] for row in sheets["initiatives"][1:]}
    assert authors["SK-2023-01"] == "A;P"
    gk = [row for row in sheets["awards"][1:] if row[1] == "GK"]
    assert [row[5] for row in gk] == ["SK-2023-01;SK-2023-02"]

    tdkt = imported(empty, path)
    for year in (2024, 2025):
        assert answers_there(tdkt, year) == answers_here(year)
    # Every field came through the workbook: the JSON export of both databases is the same.
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    export(here)
    assert tdkt("export-history", there).returncode == 0
    assert read(there) == read(here)
    p = next(p for p in read(here)["people"] if p["code"] == "P")
    assert (p["birth_date"], p["gender"], p["position"]) == ("1980-02-01", "female", "Chuyên viên")
    x = next(u for u in read(here)["units"] if u["code"] == "X")
    assert (x["parent"], x["valid_to"], x["successor"]) == ("T", "2025-06-30", "V")


def test_revoked_award_is_left_out(tmp_path, empty):
    import_history(tmp_path, golden_history())
    award = Award.objects.filter(award_type__code="CSTDCS", year=2024).order_by("person__code").first()
    award.revoked_on, award.revoked_ground, award.revoked_reason = date(2025, 6, 1), "b", "Hồ sơ giả mạo"
    award.save()
    path = tmp_path / "out.json"
    counts = export(path)
    rows = read(path)["awards"]
    assert counts["awards"] == Award.objects.count() - 1 == len(rows)
    assert not [r for r in rows if (r["recipient"], r["award"], r["year"]) == (award.person.code, "CSTDCS", 2024)]
    tdkt = imported(empty, path)
    assert answers_there(tdkt, 2025) == answers_here(2025)


def test_award_issued_here_carries_its_decision(tmp_path):
    import_history(tmp_path, sample_history())
    decision = Decision.objects.create(authority=Unit.objects.get(code="T"), number="15", symbol="QĐ-UBND",
                                       date=date(2025, 1, 10), year=2024, subject="Về việc khen thưởng", signer_name="Nguyễn Văn Ký")
    ldtt = AwardType.objects.get(code="LDTT")
    for who, number in (("P", decision.reference), ("B", "")):
        Award.objects.create(award_type=ldtt, person=Person.objects.get(code=who), year=2024,
                             decision=decision, decision_number=number, decision_date=decision.date, source="decision")
    path = tmp_path / "out.json"
    export(path)
    rows = {(r["recipient"], r["award"], r["year"]): r for r in read(path)["awards"]}
    for who in ("P", "B"):
        assert rows[(who, "LDTT", 2024)] == {"recipient": who, "award": "LDTT", "year": 2024,
                                             "decision_number": "15/QĐ-UBND", "decision_date": "2025-01-10"}


def test_year_exports_what_the_year_needs(tmp_path, empty):
    h = golden_history()
    import_history(tmp_path, h)
    path = tmp_path / "2023.json"
    export(path, "--year", 2023)
    data = read(path)
    assert [u["code"] for u in data["units"]] == [u["code"] for u in h["units"]]
    assert max(r["year"] for r in data["ratings"]) == 2023 and max(r["year"] for r in data["awards"]) == 2023
    assert max(d["date"] for d in data["disciplines"]) <= "2023-12-31"
    assert max(i["recognized_on"] for i in data["initiatives"]) <= "2023-12-31"
    # Who only started in 2025 was not there in 2023; everyone else is.
    late = {m["person"] for m in h["memberships"] if m["from"].startswith("2025")}
    assert late and {p["code"] for p in data["people"]} == {p["code"] for p in h["people"]} - late
    assert not [m for m in data["memberships"] if m["from"] and m["from"] > "2023-12-31"]
    tdkt = imported(empty, path)
    assert answers_there(tdkt, 2023) == answers_here(2023)
    assert answers_there(tdkt, 2021) == answers_here(2021)


def test_unit_exports_its_subtree_and_the_people_who_worked_there(tmp_path, empty):
    import_history(tmp_path, sample_history())
    path = tmp_path / "x.json"
    export(path, "--unit", "X")
    data = read(path)
    # X, the province above it, and V where its one person works now; not U or U's people.
    assert [u["code"] for u in data["units"]] == ["T", "X", "V"]
    assert [p["code"] for p in data["people"]] == ["B"]
    assert {m["unit"] for m in data["memberships"]} == {"X", "V"}
    assert {r.get("person") or r.get("unit") for r in data["ratings"]} == {"B", "X"}
    assert {r["recipient"] for r in data["awards"]} <= {"B", "X"}
    tdkt = imported(empty, path)
    for year in (2024, 2025):
        assert answers_there(tdkt, year, "--unit", "X") == answers_here(year, "--unit", "X")
    assert answers_there(tdkt, 2025, "--unit", "V") == answers_here(2025, "--unit", "V")


def test_initiatives_of_a_unit_export_name_only_its_people(tmp_path):
    import_history(tmp_path, sample_history())
    path = tmp_path / "u.json"
    export(path, "--unit", "U")
    data = read(path)
    assert {p["code"] for p in data["people"]} == {"P", "A"}
    assert {i["code"]: i["authors"] for i in data["initiatives"]} == {
        "SK-2023-01": ["A", "P"], "SK-2023-02": ["P"], "SK-2024-01": ["A"]}


def test_unknown_unit_exits_1_and_writes_nothing(tmp_path):
    import_history(tmp_path, sample_history())
    path = tmp_path / "out.json"
    path.write_text("trước", encoding="utf-8")
    result = run("export-history", "--unit", "KHONG-CO", path)
    assert result.status == 1
    assert "Không có đơn vị mã “KHONG-CO”" in result.stderr
    assert result.stdout.strip() == ""
    assert path.read_text(encoding="utf-8") == "trước"


def test_bad_extension_exits_1(tmp_path):
    path = tmp_path / "out.csv"
    result = run("export-history", path)
    assert result.status == 1
    assert ".json hoặc .xlsx" in result.stderr
    assert not path.exists()


def test_a_list_longer_than_a_sheet_refuses_the_xlsx_and_leaves_no_file(tmp_path, monkeypatch):
    import_history(tmp_path, sample_history())
    monkeypatch.setattr(history_export, "XLSX_MAX_ROWS", 5)
    result = run("export-history", tmp_path / "out.xlsx")
    assert result.status == 1
    assert "quá số dòng của một sheet Excel" in result.stderr and ".json" in result.stderr
    assert list(tmp_path.glob("out.xlsx*")) == [] and list(tmp_path.glob(".out.xlsx*")) == []
    assert run("export-history", tmp_path / "out.json").status == 0


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+84 912", "-1", "@SUM(A1)", "\tTab", "\rCR"])
def test_a_text_excel_would_read_as_a_formula_goes_out_as_text(tmp_path, text):
    import_history(tmp_path, sample_history())
    Person.objects.filter(code="P").update(position=text)
    path = tmp_path / "out.xlsx"
    export(path)
    wb = load_workbook(path)
    people = wb["people"]
    header = [c.value for c in people[1]]
    row = next(r for r in people.iter_rows(min_row=2) if r[header.index("code")].value == "P")
    cell = row[header.index("position")]
    assert cell.data_type == "s" and cell.value == cell_text(text)
