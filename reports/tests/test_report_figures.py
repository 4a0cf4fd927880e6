"""The year-end report's figures against the hand counts of tdkt/testing/reports.py."""

from decimal import Decimal

import pytest

from reports import selectors

from tdkt.testing import reports as report_world
from tdkt.testing.reports import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(world):
    report_world.build(world)
    return world


def test_counts_and_money_of_the_ward_match_the_hand_count(small):
    r = selectors.year_report(small.ward_a, YEAR)
    assert (r["total"].individuals, r["total"].collectives, r["total"].total) == (6, 1, 7)
    assert r["total"].money == report_world.TOTAL_MONEY == 7_371_000
    assert r["unpaid"] == 0  # Cường's LĐTT, without money, is ward B's
    by_award = {line.key.code: (line.individuals, line.collectives, line.money) for line in r["by_award"]}
    assert by_award == {"LDTT": (3, 0, 2_106_000), "CSTDCS": (1, 0, 1_170_000), "BK_TINH": (1, 0, 2_340_000),
                        "GK": (1, 0, 351_000), "TTLDTT": (0, 1, 1_404_000)}
    # Titles first, the higher first; then forms.
    assert [line.key.code for line in r["by_award"]] == ["CSTDCS", "LDTT", "TTLDTT", "BK_TINH", "GK"]
    by_category = {line.label: line.total for line in r["by_category"]}
    assert by_category == {"Danh hiệu thi đua": 5, "Hình thức khen thưởng": 2}


def test_money_by_source_and_awards_by_deciding_level(small):
    r = selectors.year_report(small.ward_a, YEAR)
    assert {line.key: (line.total, line.money) for line in r["by_source"]} == {
        "decision": (4, 702_000 + 1_170_000 + 2_340_000 + 702_000), "history": (2, 702_000 + 1_404_000),
        "manual": (1, 351_000)}
    # The city's decision is the province's; the rest could be a ward's or an agency's: read as the ward's own.
    assert {line.key: line.total for line in r["by_level"]} == {"province": 1, "commune": 6}


def test_share_of_direct_workers_and_small_collectives(small):
    p = selectors.year_report(small.ward_a, YEAR)["priority"]
    assert (p["individuals"], p["direct"], p["direct_share"]) == (6, 5, Decimal("83.3"))
    assert (p["collectives"], p["small"], p["small_share"]) == (1, 1, Decimal("100.0"))


def test_per_unit_counts_a_person_where_they_worked_that_year(small):
    r = selectors.year_report(small.ward_a, YEAR)
    per_unit = {line.label: (line.individuals, line.collectives) for line in r["per_unit"]}
    assert per_unit == {"Văn phòng HĐND và UBND phường Phú Lương": (4, 0), "Trường THCS Phú Lương": (2, 1)}
    # Cường moved to ward B in July: his award is counted where he ended the year, with Đức's.
    b = selectors.year_report(small.ward_b, YEAR)
    assert (b["total"].individuals, b["total"].collectives) == (2, 0)


def test_earlier_years_are_compared(small):
    r = selectors.year_report(small.ward_a, YEAR)
    years = {line.key: line.total for line in r["years"]}
    assert list(years) == list(range(YEAR - 3, YEAR + 1))
    assert years[YEAR] == 7 and years[YEAR - 1] == 1 and years[YEAR - 2] == 0
    assert r["change"]["awards"] == 6


def test_the_city_counts_everyone_under_it(small):
    r = selectors.year_report(small.city, YEAR)
    assert (r["total"].individuals, r["total"].collectives) == (8, 1)  # ward A's 6, Cường and Đức
    labels = [line.label for line in r["per_unit"]]
    assert labels == ["Phường Phú Lương", "Phường Yên Nghĩa"]


def test_honour_list_puts_collectives_first_then_the_higher_awards(small):
    honours = selectors.honour_list(small.ward_a, YEAR)
    assert [h["name"] for h in honours][:2] == ["Trường THCS Phú Lương", "Nguyễn Thị Thịnh"]
    assert [(h["award"], h["collective"]) for h in honours][:3] == [
        ("Tập thể lao động tiên tiến", True), ("Chiến sĩ thi đua cơ sở", False), ("Lao động tiên tiến", False)]
    assert honours[0]["certificate"] == "Giấy chứng nhận danh hiệu “Tập thể lao động tiên tiến”"
    assert honours[-1]["award"] == "Giấy khen" and honours[-1]["certificate"] == "Giấy khen"
    assert [h["n"] for h in honours] == list(range(1, 8))
    # One turn per award, at most per_turn recipients each.
    turns = selectors.turns(selectors.honour_list(small.ward_a, YEAR, per_turn=2))
    assert [(t["award"], t["count"]) for t in turns] == [
        ("Tập thể lao động tiên tiến", 1), ("Chiến sĩ thi đua cơ sở", 1), ("Lao động tiên tiến", 2),
        ("Lao động tiên tiến", 1), ("Bằng khen cấp bộ, ban, ngành, tỉnh", 1), ("Giấy khen", 1)]


def test_certificate_batches_are_by_unit_and_decision(small, world):
    batches = selectors.certificate_batches(world.ward_a, YEAR)
    assert [(b["unit"], b["count"]) for b in batches] == [("Văn phòng HĐND và UBND phường Phú Lương", 1)]
    assert batches[0]["decisions"][0]["decision"].number == "12"


def test_who_leads_is_the_rulebooks_list(small):
    from rulebook.models import Parameter

    row = Parameter.objects.get(key="report_leader_positions")
    assert "chu tich" in row.value and row.status == "unverified"
    Parameter.objects.filter(pk=row.pk).update(value=["chu tich", "chuyen vien"])  # a province reads it otherwise
    p = selectors.year_report(small.ward_a, YEAR)["priority"]
    assert (p["individuals"], p["direct"]) == (6, 2)  # only Ánh's two awards: Thịnh is a chuyên viên, Bình chủ tịch
    Parameter.objects.filter(key="report_small_collectives").update(value={"kinds": ["agency"], "leaf_only": True})
    assert selectors.year_report(small.ward_a, YEAR)["priority"]["small"] == 0  # the school is no longer small


def test_the_report_carries_initiatives_and_the_months_each_unit_missed(small):
    r = selectors.year_report(small.ward_a, YEAR)
    staff = {line["unit"].name: (line["staff"], line["authors"]) for line in r["initiatives"]["rows"]}
    assert staff == {"Văn phòng HĐND và UBND phường Phú Lương": (3, 0), "Trường THCS Phú Lương": (1, 0)}
    assert r["initiatives"]["total"]["author_met"] is False
    # No exemplary model proposed all year: the school (open since 1998) missed twelve months, the ward's office
    # (from 01/07/2025) the six it existed.
    missed = {line["unit"].name: line["missed_months"] for line in r["exemplars"]["missed"]}
    assert missed == {"Văn phòng HĐND và UBND phường Phú Lương": [7, 8, 9, 10, 11, 12],
                      "Trường THCS Phú Lương": list(range(1, 13))}
    assert r["exemplars"]["complete"] == 0
    assert "clusters" not in r  # none formed: the section is left out, not shown empty


def test_the_stage_list_starts_from_the_highest_awards_that_fit():
    counts = [{"rank": 40, "count": 1}, {"rank": 30, "count": 20}, {"rank": 20, "count": 250}, {"rank": 10, "count": 5000}]
    running = 0
    for e in counts:
        running += e["count"]
        e["from_here"] = running
    assert selectors.stage_rank(counts) == (20, "")            # 271 recipients fit; with LĐTT 5,271 do not
    assert selectors.stage_rank(counts, 30) == (30, "")
    rank, note = selectors.stage_rank(counts, 0)               # everyone: too long to read out
    assert rank == 20 and "5.271 tập thể, cá nhân" in note
    assert selectors.stage_rank([]) == (0, "")


def test_plan_milestones_done_on_time_late_and_not_at_all(world):
    from plans.models import Completion
    from tdkt.testing.plans import at, make_city_plan

    plan = make_city_plan(world)  # 2022: registration by 30/01, CSTĐ dossiers by 19/03
    registration, cstd = plan.milestones.order_by("due_on")
    district = world.old_ward.get_parent()
    # The units that report to the plan are plans.selectors.registration_units': the district and the two wards.
    Completion.objects.create(milestone=registration, unit=district, done_at=at(2022, 1, 30, 23, 59))
    Completion.objects.create(milestone=cstd, unit=district, done_at=at(2022, 3, 20, 0, 5))
    rows = {r["milestone"].pk: (r["expected"], r["on_time"], r["late"], r["missing"])
            for r in selectors.year_report(world.city, 2022)["milestones"]}
    assert rows == {registration.pk: (3, 1, 0, 2), cstd.pk: (3, 0, 1, 2)}


def test_the_levels_movement_targets_are_read_live(small):
    from movements import actions as movement_actions
    from tdkt.testing.movements import city_movement

    m = city_movement(small)
    movement_actions.movement_target_add(acting_user=small.users["specialist"], movement=m, metric="ldtt_share",
                                         label="Tỷ lệ cán bộ đạt Lao động tiên tiến", threshold=Decimal("50"))
    (row,) = [x for x in selectors.year_report(small.city, YEAR)["movements"] if x["movement"] == m]
    (target,) = row["targets"]
    # LĐTT of 2025 by people now in the city: Thịnh, Bình, Ánh, Cường, Đức = 5 of 6 people (An has none).
    assert (target["value"], target["met"]) == (Decimal("83.3"), True)
