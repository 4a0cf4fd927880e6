"""A year of monthly proposals counted by hand: the school proposes to its ward every month but March (nothing),
May (first sent on 03/06, after the month's last day), July (returned and never sent back); August is returned
and sent back in time; September has two, one accepted; the ward's office accepts January, February, April, June
and September. The ward's office (an agency, formed 01/07/2025) proposes only in November."""

from datetime import date

import pytest

from exemplars import actions, selectors
from exemplars.compliance import State

from .helpers import at, sent


@pytest.fixture
def year(world):
    """This year (the wards of the test city exist from 01/07/2025): the proposals are made on their days by
    moving the clock, and the board is read as of a given day."""
    from django.utils import timezone

    return timezone.localdate().year


@pytest.fixture
def proposals(world, media, time_machine, year):
    officer, office = world.users["officer_a"], world.users["ward_specialist"]
    school = world.school_a
    made = {}
    for month in (1, 2, 4, 6, 8, 9, 10, 11, 12):
        made[month] = sent(time_machine, officer, school, year, month, date(year, month, 20))
    made[5] = sent(time_machine, officer, school, year, 5, date(year, 6, 3))      # late: after 31/05
    made[7] = sent(time_machine, officer, school, year, 7, date(year, 7, 15))
    extra_9 = sent(time_machine, officer, school, year, 9, date(year, 9, 21), title="Hiến máu tình nguyện")
    time_machine.move_to(at(date(year, 7, 25)), tick=False)
    actions.exemplar_return(acting_user=office, exemplar=made[7], reason="Câu chuyện chưa rõ kết quả")
    time_machine.move_to(at(date(year, 8, 22)), tick=False)
    actions.exemplar_return(acting_user=office, exemplar=made[8], reason="Thiếu ảnh")
    time_machine.move_to(at(date(year, 9, 2)), tick=False)  # sent back after August: its first sending counts
    actions.exemplar_submit(acting_user=officer, exemplar=made[8])
    for month in (1, 2, 4, 6, 9):
        actions.exemplar_accept(acting_user=office, exemplar=made[month])
    sent(time_machine, officer, world.office_a, year, 11, date(year, 11, 10), title="Giúp dân làm thủ tục ngoài giờ")
    return made | {"9b": extra_9}


def _row(board, unit):
    return next(r for r in board.rows if r.unit.pk == unit.pk)


def test_the_year_counted_by_hand(world, proposals, year):
    b = selectors.board(world.users["ward_specialist"], world.ward_a, year, today=date(year + 1, 1, 15))
    assert {r.unit.pk for r in b.rows} == {world.school_a.pk, world.office_a.pk}
    school = _row(b, world.school_a)
    states = {c.month: c.state for c in school.cells}
    assert states == {1: State.ACCEPTED, 2: State.ACCEPTED, 3: State.MISSED, 4: State.ACCEPTED, 5: State.MISSED,
                      6: State.ACCEPTED, 7: State.MISSED, 8: State.PROPOSED, 9: State.ACCEPTED, 10: State.PROPOSED,
                      11: State.PROPOSED, 12: State.PROPOSED}
    assert school.missed_months == [3, 5, 7]
    sept = school.cells[8]
    assert (sept.sent, sept.accepted) == (2, 1)
    assert school.cells[4].late == 1 and school.cells[4].sent == 0
    office = _row(b, world.office_a)
    assert office.missed_months == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    # Per month: (units owing, units that proposed, units that missed).
    assert b.totals[2] == (2, 0, 2) and b.totals[10] == (2, 2, 0) and b.totals[0] == (2, 1, 1)
    assert b.n_missed == 3 + 11


def test_mid_year_the_month_under_way_is_open_and_later_months_have_not_come(world, proposals, year):
    b = selectors.board(world.users["ward_specialist"], world.ward_a, year, today=date(year, 6, 15))
    states = [c.state for c in _row(b, world.school_a).cells]
    # May's proposal came on 03/06, after May's last day: May is missed on 15/06 as at the end of the year.
    assert states[:5] == [State.ACCEPTED, State.ACCEPTED, State.MISSED, State.ACCEPTED, State.MISSED]
    assert states[6:] == [State.FUTURE] * 6


def test_a_month_without_a_proposal_is_open_until_its_last_day(world, media, year):
    b = selectors.board(world.users["ward_specialist"], world.ward_a, year, today=date(year, 3, 31))
    assert _row(b, world.school_a).cells[2].state == State.OPEN
    b = selectors.board(world.users["ward_specialist"], world.ward_a, year, today=date(year, 4, 1))
    assert _row(b, world.school_a).cells[2].state == State.MISSED


def test_missed_months_for_the_year_report(world, proposals, year):
    missed = selectors.missed_months(world.ward_a, year, today=date(year + 1, 1, 15))
    assert sorted((m.unit.pk, tuple(m.months)) for m in missed) == sorted([
        (world.office_a.pk, (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12)), (world.school_a.pk, (3, 5, 7))])


def test_the_board_is_one_grouped_query_whatever_the_units(world, proposals, year, django_assert_max_num_queries):
    from exemplars import compliance

    units = compliance.owing_units(world.ward_a, year)
    year_rules = selectors.rules.rules_of_year(year)
    with django_assert_max_num_queries(1):
        rows = compliance.rows_for(units, year, date(year + 1, 1, 15), year_rules)
    assert sum(r.n_missed for r in rows) == 14


def test_the_rules_of_a_year_are_one_query(db, year, django_assert_max_num_queries):
    from exemplars.rules import rule_on, rules_of_year

    with django_assert_max_num_queries(1):
        found = rules_of_year(year)
    assert found == {m: rule_on(year, m) for m in range(1, 13)} and found[1].per_month == 1


def test_the_years_totals_for_the_report(world, proposals, year):
    c = selectors.year_compliance(world.ward_a, year, today=date(year + 1, 1, 15))
    school = next(r for r in c.rows if r.unit.pk == world.school_a.pk)
    assert (school.owed, school.accepted, school.proposed, school.missed, school.missed_months) == (12, 5, 4, 3, (3, 5, 7))
    office = next(r for r in c.rows if r.unit.pk == world.office_a.pk)
    assert (office.owed, office.accepted, office.proposed, office.missed) == (12, 0, 1, 11)
    assert (c.units, c.units_complete, c.owed, c.accepted, c.proposed, c.missed) == (2, 0, 24, 5, 5, 14)
    assert c.share_done == 10 / 24
