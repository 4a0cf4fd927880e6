"""`tdkt export-history` on the demo city (2,000 people, ten years of records): imported into an empty
database, the file gives the same `tdkt eligibility --json` answers, for the whole city and for a district
with --unit; exported again from there, it is the same file.

The demo is built once for the module inside a transaction that is rolled back at the end."""

import pytest

from org.models import Person

from .helpers import EmptyDatabases, answers_here, answers_there, export, imported, read

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    return EmptyDatabases(tmp_path_factory.mktemp("export-demo"))


@pytest.fixture(scope="module")
def whole(demo, empty, tmp_path_factory, django_db_blocker):
    """The demo exported and imported into an empty database: (file, tdkt on that database)."""
    path = tmp_path_factory.mktemp("whole") / "demo.json"
    with django_db_blocker.unblock():
        export(path)
    return path, imported(empty, path)


def test_the_demo_round_trip_gives_the_same_answers(whole):
    path, tdkt = whole
    data = read(path)
    assert len(data["people"]) > 2000 and len(data["awards"]) > 10000
    for year in (2025, 2026):
        there = answers_there(tdkt, year)
        assert len(there) > 10000
        assert there == answers_here(year)


def test_the_demo_exported_again_is_the_same_file(whole, tmp_path):
    path, tdkt = whole
    again = tmp_path / "again.json"
    done = tdkt("export-history", again)
    assert done.returncode == 0, done.stderr
    assert read(again) == read(path)


@pytest.mark.parametrize("unit, year", [("HN-TX", 2024), ("HN-TX2", 2025)])
def test_a_district_alone_gives_its_answers(demo, empty, tmp_path, unit, year):
    path = tmp_path / "part.json"
    counts = export(path, "--unit", unit, "--year", year)
    data = read(path)
    assert 0 < counts["people"] < Person.objects.count() / 3
    assert len(data["ratings"]) == counts["ratings"] and max(r["year"] for r in data["ratings"]) == year
    assert data["units"][0]["code"] == "HN" and data["units"][0]["parent"] is None
    tdkt = imported(empty, path)
    there = answers_there(tdkt, year, "--unit", unit)
    assert len(there) > 100
    assert there == answers_here(year, "--unit", unit)
