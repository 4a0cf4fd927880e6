"""Reads of awards are scoped: a user reads the awards of the people and collectives they may see."""

import pytest
from django.http import Http404

from decisions import selectors
from decisions.models import Award
from org.duties import Duty
from rulebook.models import AwardType

pytestmark = pytest.mark.django_db


@pytest.fixture
def awards(world):
    ldtt, ttldtt = AwardType.objects.get(code="LDTT"), AwardType.objects.get(code="TTLDTT")
    return {
        "thinh": Award.objects.create(person=world.thinh, award_type=ldtt, year=2024),
        "person_b": Award.objects.create(person=world.person_b, award_type=ldtt, year=2024),
        "office_a": Award.objects.create(unit=world.office_a, award_type=ttldtt, year=2024),
        "older": Award.objects.create(person=world.thinh, award_type=ldtt, year=2023),
    }


def test_awards_of_a_person_outside_the_users_units_are_none(world, awards):
    officer_a = world.users["officer_a"]
    assert list(selectors.awards_of_person(officer_a, world.thinh)) == [awards["thinh"], awards["older"]]
    assert list(selectors.awards_of_person(officer_a, world.person_b)) == []
    assert list(selectors.awards_of_unit(officer_a, world.office_a)) == [awards["office_a"]]
    assert list(selectors.awards_of_unit(world.users["officer_b"], world.office_a)) == []


def test_award_for_user_is_404_outside_the_scope_or_the_duty(world, awards):
    assert selectors.award_for_user(world.users["officer_a"], awards["thinh"].pk) == awards["thinh"]
    with pytest.raises(Http404):
        selectors.award_for_user(world.users["officer_b"], awards["thinh"].pk)
    with pytest.raises(Http404):
        selectors.award_for_user(world.users["officer_a"], awards["thinh"].pk, duty=Duty.STANDING_OFFICE)
    assert selectors.award_for_user(world.users["ward_specialist"], awards["thinh"].pk, duty=Duty.STANDING_OFFICE)
    with pytest.raises(Http404):
        selectors.award_for_user(world.users["officer_a"], awards["thinh"].pk, person=world.person_b)


def test_the_desk_count_is_the_years_awards_the_user_sees(world, awards):
    assert selectors.awards_count(world.users["officer_a"], 2024) == 2
    assert selectors.awards_count(world.users["officer_b"], 2024) == 1
    assert selectors.awards_count(world.users["admin"], 2024) == 3
    assert selectors.awards_count(world.users["specialist"], 2023) == 1
