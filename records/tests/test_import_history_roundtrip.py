"""`tdkt import-history FILE`: counts per list, idempotent re-import, and the .xlsx form of the same
history giving the same answers as the JSON form (interchange.md)."""

import copy
import re

import pytest

from decisions.models import Award
from initiatives.models import Initiative
from org.models import Employment, Person, Unit
from records.models import Discipline, Rating
from tdkt.testing.history import LISTS, eligibility, import_file, run, sample_history, write_json, write_xlsx

from .helpers import snapshot

pytestmark = pytest.mark.django_db

COUNT_LINE = re.compile(r"^(\w+): (\d+) mới, (\d+) cập nhật, (\d+) không đổi$")


def counts(stdout):
    out = {}
    for line in stdout.splitlines():
        m = COUNT_LINE.match(line.strip())
        if m:
            out[m.group(1)] = tuple(int(x) for x in m.group(2, 3, 4))
    return out


def test_first_import_prints_counts_per_list(tmp_path):
    h = sample_history()
    result = import_file(write_json(tmp_path, h))
    assert result.status == 0, result.stderr
    c = counts(result.stdout)
    assert set(c) == set(LISTS)
    for lst in LISTS:
        assert c[lst] == (len(h[lst]), 0, 0), (lst, c[lst])
    assert Unit.objects.count() == len(h["units"])
    assert Person.objects.count() == len(h["people"])
    assert Rating.objects.count() == len(h["ratings"])
    assert Discipline.objects.count() == len(h["disciplines"])
    assert Initiative.objects.count() == len(h["initiatives"])
    assert Award.objects.count() == len(h["awards"])
    assert set(Initiative.objects.get(code="SK-2023-01").authors.values_list("code", flat=True)) == {"P", "A"}
    assert set(Award.objects.get(person__code="A", award_type__code="GK").initiatives.values_list("code", flat=True)) == {
        "SK-2023-01", "SK-2023-02"}
    assert Unit.objects.get(code="X").successor.code == "V"


def test_reimport_changes_nothing(tmp_path):
    path = write_json(tmp_path, sample_history())
    assert import_file(path).status == 0
    before = snapshot()
    employments = Employment.objects.count()
    again = import_file(path)
    assert again.status == 0, again.stderr
    c = counts(again.stdout)
    assert set(c) == set(LISTS)
    for lst, (new, updated, unchanged) in c.items():
        assert (new, updated) == (0, 0), (lst, c[lst])
    assert c["ratings"][2] == len(sample_history()["ratings"])
    assert snapshot() == before
    assert Employment.objects.count() == employments


def test_reimport_of_a_file_without_memberships_changes_nothing(tmp_path):
    h = sample_history()
    h["memberships"] = []
    path = write_json(tmp_path, h)
    assert import_file(path).status == 0
    before = snapshot()
    assert import_file(path).status == 0
    assert snapshot() == before


def test_changed_rows_are_updated(tmp_path):
    h = sample_history()
    assert import_file(write_json(tmp_path, h)).status == 0
    h2 = copy.deepcopy(h)
    h2["ratings"][0]["rating"] = "KHTNV"
    h2["awards"][0]["decision_number"] = "123/QĐ-UBND"
    h2["people"][0]["position"] = "Trưởng phòng"
    result = import_file(write_json(tmp_path, h2, "h2.json"))
    assert result.status == 0
    c = counts(result.stdout)
    assert c["ratings"] == (0, 1, len(h["ratings"]) - 1)
    assert c["awards"] == (0, 1, len(h["awards"]) - 1)
    assert c["people"] == (0, 1, len(h["people"]) - 1)
    assert Rating.objects.get(person__code="P", year=2019).level == "KHTNV"


def _all_answers():
    return {year: eligibility(year) for year in (2022, 2023, 2024, 2025)}


def _forget_everything():
    Award.objects.all().delete()
    Initiative.objects.all().delete()
    Discipline.objects.all().delete()
    Rating.objects.all().delete()
    Employment.objects.all().delete()
    Person.objects.all().delete()
    Unit.objects.update(successor=None)
    for unit in Unit.objects.order_by("-depth"):
        unit.delete()
    assert not Unit.objects.exists()


@pytest.mark.parametrize("date_cells", [False, True], ids=["iso-text-dates", "date-cells"])
def test_xlsx_gives_the_same_eligibility_as_json(tmp_path, date_cells):
    h = sample_history()
    assert import_file(write_json(tmp_path, h)).status == 0
    from_json = _all_answers()
    assert any(r["eligible"] for rows in from_json.values() for r in rows)
    _forget_everything()
    result = import_file(write_xlsx(tmp_path, h, date_cells=date_cells))
    assert result.status == 0, result.stderr
    assert counts(result.stdout) == {lst: (len(h[lst]), 0, 0) for lst in LISTS}
    assert _all_answers() == from_json


def test_xlsx_after_json_changes_nothing(tmp_path):
    h = sample_history()
    assert import_file(write_json(tmp_path, h)).status == 0
    before = snapshot()
    result = import_file(write_xlsx(tmp_path, h))
    assert result.status == 0, result.stderr
    for lst, (new, updated, _) in counts(result.stdout).items():
        assert (new, updated) == (0, 0), lst
    assert snapshot() == before


def test_xlsx_list_fields_are_split_on_semicolons(tmp_path):
    h = sample_history()
    assert import_file(write_xlsx(tmp_path, h)).status == 0
    assert set(Initiative.objects.get(code="SK-2023-01").authors.values_list("code", flat=True)) == {"P", "A"}
    assert set(Award.objects.get(person__code="A", award_type__code="GK").initiatives.values_list("code", flat=True)) == {
        "SK-2023-01", "SK-2023-02"}


def test_file_then_commands_end_to_end(tmp_path):
    """The three commands chained as an integration script would chain them."""
    h = sample_history()
    assert import_file(write_json(tmp_path, h)).status == 0
    rows = eligibility(2024, unit="U", award="BK_TTG")
    p = next(r for r in rows if r["recipient"] == "P")
    # BK_TINH 2019; 2020–2024 HTTNV or better; CSTĐCS 2020, 2022, 2023 (given) and 2024 (qualifies now).
    assert p["eligible"] is True, p
    money = run("bonus", "BK_TTG", "--recipient-kind", "individual", "--decision-date", "2025-03-01", "--json")
    assert money.status == 0 and money.json["amount"] == 8_190_000

