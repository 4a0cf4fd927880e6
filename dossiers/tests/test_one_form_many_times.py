"""One form, many times; one title, once a year; one achievement, once (Luật TĐKT 2022 Art. 5.2; interchange.md
``occasion``, ``achievement``, ``signer``): a Giấy khen for each ad hoc achievement of a year, refused only for the
same achievement; a second LĐTT of a year refused whatever its occasion; nobody signs their own award."""

import json

import pytest

from tdkt.testing.dossiers import appraise_json, nominate
from tdkt.testing.history import import_file, write_json

pytestmark = pytest.mark.django_db


def codes(line):
    return [p["code"] for p in line["problems"]]


def test_two_giay_khen_in_a_year_for_two_achievements(imported):
    result = appraise_json(nominate(imported, [
        {"recipient": "P", "award": "GK"},
        {"recipient": "P", "award": "GK", "occasion": "ad_hoc", "achievement": "Cứu người đuối nước ngày 12/3/2025"},
        {"recipient": "P", "award": "GK", "occasion": "ad_hoc", "achievement": "Nhặt được của rơi trả người đánh mất"},
        {"recipient": "P", "award": "GK", "occasion": "ad_hoc", "achievement": "cứu người đuối nước ngày 12/3/2025"},
        {"recipient": "P", "award": "LDTT"},
        {"recipient": "P", "award": "LDTT", "occasion": "ad_hoc", "achievement": "Thi đua đột xuất"},
    ]))
    lines = result["lines"]
    assert [codes(ln) for ln in lines[:3]] == [[], [], []]
    assert codes(lines[3]) == ["duplicate_line"]  # the same achievement, typed again
    assert "cho thành tích" in lines[3]["problems"][0]["message"]
    assert codes(lines[5]) == ["duplicate_line"]  # a title once a year, whatever the occasion
    assert lines[1]["occasion"] == "ad_hoc" and lines[1]["achievement"].startswith("Cứu người")
    assert "occasion" not in lines[0]  # a year-end line reads as before
    assert [ln["amount"] for ln in lines[:3]] == [710_000] * 3  # each Giấy khen is paid (commune, NĐ 152/2025: 0.3 × 2,340,000)


def test_already_awarded_only_for_the_same_achievement(tmp_path, imported):
    history = {"format": "tdkt-history/1", "awards": [
        {"recipient": "P", "award": "GK", "year": 2025, "decision_number": "3/QĐ-UBND", "decision_date": "2025-03-20",
         "occasion": "ad_hoc", "achievement": "Cứu người đuối nước ngày 12/3/2025"},
        {"recipient": "P", "award": "GK", "year": 2025, "decision_number": "9/QĐ-UBND", "decision_date": "2026-01-10"},
    ]}
    assert import_file(write_json(tmp_path, history, "more.json")).status == 0
    result = appraise_json(nominate(tmp_path, [
        {"recipient": "P", "award": "GK"},
        {"recipient": "P", "award": "GK", "occasion": "ad_hoc", "achievement": "Cứu người đuối nước ngày 12/3/2025"},
        {"recipient": "P", "award": "GK", "occasion": "thematic", "achievement": "Phong trào Xóa nhà tạm 2025"},
    ]))
    lines = result["lines"]
    assert codes(lines[0]) == ["already_awarded"] and "9/QĐ-UBND" in lines[0]["problems"][0]["message"]
    assert codes(lines[1]) == ["already_awarded"] and "Cứu người" in lines[1]["problems"][0]["message"]
    assert codes(lines[2]) == []


def test_the_history_file_holds_forms_once_per_achievement_and_titles_once_a_year(tmp_path, imported):
    bad = {"format": "tdkt-history/1", "awards": [
        {"recipient": "A", "award": "GK", "year": 2024, "occasion": "ad_hoc", "achievement": "Hiến máu 5 lần"},
        {"recipient": "A", "award": "GK", "year": 2024, "occasion": "ad_hoc", "achievement": "Phòng chống bão số 3"},
        {"recipient": "A", "award": "GK", "year": 2024, "occasion": "ad_hoc", "achievement": "hiến máu 5 lần"},
        {"recipient": "A", "award": "LDTT", "year": 2024},
        {"recipient": "A", "award": "LDTT", "year": 2024, "occasion": "ad_hoc", "achievement": "x"},
        {"recipient": "A", "award": "GK", "year": 2024, "occasion": "ad_hoc"},
        {"recipient": "A", "award": "GK", "year": 2024, "occasion": "sometimes", "achievement": "y"},
    ]}
    result = import_file(write_json(tmp_path, bad, "bad.json"))
    assert result.status == 1
    assert "awards, dòng 3" in result.stderr and "cho thành tích “hiến máu 5 lần”" in result.stderr
    assert "awards, dòng 5" in result.stderr and "đã có LDTT năm 2024" in result.stderr
    assert "awards, dòng 6" in result.stderr and "achievement" in result.stderr
    assert "awards, dòng 7" in result.stderr and "occasion" in result.stderr
    good = {"format": "tdkt-history/1", "awards": bad["awards"][:2] + bad["awards"][3:4]}
    assert import_file(write_json(tmp_path, good, "good.json")).status == 0
    assert import_file(write_json(tmp_path, good, "good.json")).status == 0  # twice: nothing new
    from decisions.models import Award

    rows = sorted(Award.objects.filter(person__code="A", year=2024).values_list("award_type__code", "occasion", "achievement"))
    assert rows == [("GK", "ad_hoc", "Hiến máu 5 lần"), ("GK", "ad_hoc", "Phòng chống bão số 3"), ("LDTT", "year_end", "")]
    # The export writes them back: the file imported elsewhere gives the same awards.
    from tdkt.testing.history import run

    out = tmp_path / "out.json"
    assert run("export-history", out).status == 0
    exported = [a for a in json.loads(out.read_text(encoding="utf-8"))["awards"] if a["recipient"] == "A" and a["year"] == 2024]
    assert sorted((a["award"], a.get("occasion"), a.get("achievement")) for a in exported) == [
        ("GK", "ad_hoc", "Hiến máu 5 lần"), ("GK", "ad_hoc", "Phòng chống bão số 3"), ("LDTT", None, None)]


def test_nobody_signs_their_own_award(imported):
    result = appraise_json(nominate(imported, [{"recipient": "P", "award": "GK"}, {"recipient": "A", "award": "GK"}],
                                    signer="P"))
    assert codes(result["lines"][0]) == ["signer_is_recipient"] and codes(result["lines"][1]) == []
    assert "KT. CHỦ TỊCH" in result["lines"][0]["problems"][0]["message"]
    assert result["total"] == 710_000  # the line that cannot be signed is not counted


def test_an_ad_hoc_award_is_not_the_year_end_one_for_eligibility(tmp_path, imported):
    """The engine's "already given this year" counts titles and year-end forms: an ad hoc Bằng khen of 2025 does not
    stand in the way of the year-end Bằng khen."""
    history = {"format": "tdkt-history/1", "awards": [
        {"recipient": "P", "award": "BK_TINH", "year": 2025, "occasion": "ad_hoc", "achievement": "Đạt giải Nhất hội thi"}]}
    assert import_file(write_json(tmp_path, history, "bk.json")).status == 0
    from tdkt.testing.history import eligibility, outcome

    got = outcome(eligibility(2025, award="BK_TINH"), "P", "BK_TINH")
    assert not any("Đã được tặng" in u for u in got["unmet"])


def test_the_chairmans_own_line_shows_on_the_dossier_before_anyone_signs(world):
    """On screen: the authority's chairman is the default signer; their own line says so at once."""
    from dossiers import actions
    from rulebook.models import AwardType

    chairman = world.users["chairman"]
    chairman.person = world.thinh
    chairman.save()
    d = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=2025,
                               title="Đề nghị khen thưởng năm 2025")
    actions.lines_add(acting_user=world.users["officer_a"], dossier=d,
                      items=[{"person": world.thinh, "award_type": AwardType.objects.get(code="GK")}])
    assert [p["code"] for p in d.lines.get().problems] == ["signer_is_recipient"]
