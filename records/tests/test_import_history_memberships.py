"""Memberships across several imports (interchange.md: "A person's unit is where the person works
now; memberships give the history (when absent, the person is taken to belong to unit for every
year)"). Collective titles count members (Luật TĐKT 2022, Điều 27.1, 28.1), so a person must be
counted once, in the right unit."""

import pytest

from tdkt.testing.history import base, eligibility, import_history, outcome

pytestmark = pytest.mark.django_db

V = {"code": "V", "name": "Sở Tài chính", "kind": "agency", "parent": "T"}


def people_file():
    h = base(units=[V])
    h["people"] = [{"code": "P", "full_name": "Nguyễn Văn Phúc", "unit": "V"},
                   {"code": "Q", "full_name": "Trần Thị Quyên", "unit": "V"},
                   {"code": "A", "full_name": "Lê Văn An", "unit": "U"}]
    h["ratings"] = [{"person": "P", "year": 2024, "rating": "HTTNV"}, {"person": "Q", "year": 2024, "rating": "HTNV"},
                    {"person": "A", "year": 2024, "rating": "HTTNV"},
                    {"unit": "V", "year": 2024, "rating": "HTTNV"}, {"unit": "U", "year": 2024, "rating": "HTTNV"}]
    return h


def test_one_file_with_memberships_counts_each_member_once(tmp_path):
    h = people_file()
    h["memberships"] = [{"person": "P", "unit": "U", "from": "2015-01-01", "to": "2020-12-31"},
                        {"person": "P", "unit": "V", "from": "2021-01-01", "to": None}]
    import_history(tmp_path, h)
    v = outcome(eligibility(2024, award="TTLDTT"), "V", "TTLDTT")
    assert v["eligible"] is False
    assert any("1/2" in s for s in v["unmet"]), v
    assert "P" in {r["recipient"] for r in eligibility(2019, unit="U")}


def test_memberships_imported_later_replace_the_implicit_every_year_membership(tmp_path):
    import_history(tmp_path, people_file(), "people.json")
    later = {"format": "tdkt-history/1",
             "memberships": [{"person": "P", "unit": "U", "from": "2015-01-01", "to": "2020-12-31"},
                             {"person": "P", "unit": "V", "from": "2021-01-01", "to": None}]}
    import_history(tmp_path, later, "memberships.json")
    v = outcome(eligibility(2024, award="TTLDTT"), "V", "TTLDTT")
    assert any("1/2" in s for s in v["unmet"]), v
    assert v["eligible"] is False


def test_new_current_unit_without_memberships_moves_the_person_now(tmp_path):
    h = people_file()
    h["ratings"] += [{"person": "A", "year": 2026, "rating": "HTTNV"}, {"unit": "U", "year": 2026, "rating": "HTTNV"}]
    import_history(tmp_path, h, "first.json")
    moved = {"format": "tdkt-history/1", "people": [{"code": "A", "full_name": "Lê Văn An", "unit": "V"}]}
    import_history(tmp_path, moved, "moved.json")
    assert "A" not in {r["recipient"] for r in eligibility(2026, unit="U")}


def test_overlapping_memberships_in_one_unit_count_once(tmp_path):
    h = people_file()
    h["memberships"] = [{"person": "P", "unit": "V", "from": "2015-01-01", "to": None},
                        {"person": "P", "unit": "V", "from": "2022-01-01", "to": None},
                        {"person": "Q", "unit": "V", "from": "2015-01-01", "to": None}]
    import_history(tmp_path, h)
    v = outcome(eligibility(2024, award="TTLDTT"), "V", "TTLDTT")
    assert any("1/2" in s for s in v["unmet"]), v
    assert v["eligible"] is False
