"""Every persona, every duty: where they hold it, and one page per duty tried by
someone who may and someone who may not.

The table below is written out by hand on purpose (not computed from
``ROLE_DUTIES``): changing a grant must change this test too."""

import pytest
from django.urls import reverse

from org.duties import Duty, has_duty
from tdkt.testing.plans import travel

pytestmark = pytest.mark.django_db

A, B, CITY = "ward_a", "ward_b", "city"
ALL = {A, B, CITY}
V, REG, RATE, PEOPLE, SUBMIT, OFFICE, RECEIVE, APPR, VOTE, SIGN, RULES, ACCOUNTS = (
    Duty.VIEW, Duty.REGISTER, Duty.RATE, Duty.EDIT_PEOPLE, Duty.SUBMIT, Duty.STANDING_OFFICE, Duty.RECEIVE,
    Duty.APPRAISE, Duty.VOTE, Duty.SIGN, Duty.EDIT_RULEBOOK, Duty.MANAGE_ACCOUNTS)

# persona → duty → the places (of ward_a, ward_b, the city) where the persona holds it
EXPECTED = {
    "officer_a": {V: {A}, REG: {A}, RATE: {A}, PEOPLE: {A}, SUBMIT: {A}, OFFICE: set(), RECEIVE: set(), APPR: set(), VOTE: set(), SIGN: set(), RULES: set(), ACCOUNTS: set()},
    "officer_b": {V: {B}, REG: {B}, RATE: {B}, PEOPLE: {B}, SUBMIT: {B}, OFFICE: set(), RECEIVE: set(), APPR: set(), VOTE: set(), SIGN: set(), RULES: set(), ACCOUNTS: set()},
    "specialist": {V: ALL, REG: ALL, RATE: ALL, PEOPLE: ALL, SUBMIT: ALL, OFFICE: ALL, RECEIVE: ALL, APPR: ALL, VOTE: set(), SIGN: set(), RULES: set(), ACCOUNTS: set()},
    "ward_specialist": {V: {A}, REG: {A}, RATE: {A}, PEOPLE: {A}, SUBMIT: {A}, OFFICE: {A}, RECEIVE: {A}, APPR: {A}, VOTE: set(), SIGN: set(), RULES: set(), ACCOUNTS: set()},
    "council": {V: {A}, REG: set(), RATE: set(), PEOPLE: set(), SUBMIT: set(), OFFICE: set(), RECEIVE: set(), APPR: set(), VOTE: {A}, SIGN: set(), RULES: set(), ACCOUNTS: set()},
    "chairman": {V: {A}, REG: set(), RATE: set(), PEOPLE: set(), SUBMIT: set(), OFFICE: set(), RECEIVE: set(), APPR: set(), VOTE: set(), SIGN: {A}, RULES: set(), ACCOUNTS: set()},
    "city_admin": {V: ALL, REG: ALL, RATE: ALL, PEOPLE: ALL, SUBMIT: ALL, OFFICE: ALL, RECEIVE: ALL, APPR: ALL, VOTE: set(), SIGN: set(), RULES: ALL, ACCOUNTS: ALL},
    "admin": {V: ALL, REG: ALL, RATE: ALL, PEOPLE: ALL, SUBMIT: ALL, OFFICE: ALL, RECEIVE: ALL, APPR: ALL, VOTE: ALL, SIGN: ALL, RULES: ALL, ACCOUNTS: ALL},
}


def test_the_table_names_every_duty():
    assert all(set(duties) == set(Duty) for duties in EXPECTED.values())


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_where_each_persona_holds_each_duty(world, persona):
    user = world.users[persona]
    places = {A: world.ward_a, B: world.ward_b, CITY: world.city}
    held = {duty: {name for name, unit in places.items() if has_duty(user, unit, duty)} for duty in Duty}
    assert held == EXPECTED[persona]
    # "anywhere" (unit None) is true exactly when the duty is held somewhere
    assert {duty for duty in Duty if has_duty(user, None, duty)} == {duty for duty, where in EXPECTED[persona].items() if where}


def test_an_account_without_a_role_holds_no_duty(world):
    from tdkt.testing import user

    nobody = user("nobody")
    assert not any(has_duty(nobody, unit, duty) for duty in Duty for unit in (None, world.ward_a, world.city))


def _get(as_user, persona, url):
    return as_user(persona).get(url).status_code


def test_view_a_ward(as_user, world):
    url = reverse("org:unit_detail", args=[world.ward_a.pk])
    assert _get(as_user, "council", url) == 200
    assert _get(as_user, "officer_b", url) == 404


def test_register_a_ward(as_user, world, plan):
    url = reverse("registration:upload", args=[plan.pk]) + f"?unit={world.ward_a.pk}"
    with travel(2022, 1, 20, 9, 0):
        assert _get(as_user, "officer_a", url) == 200
        assert _get(as_user, "chairman", url) == 404


def test_rate_a_person(as_user, world):
    url = reverse("records:person_record", args=[world.thinh.pk])
    assert _get(as_user, "officer_a", url) == 200
    assert _get(as_user, "council", url) == 404


def test_edit_a_person(as_user, world):
    url = reverse("org:person_edit", args=[world.thinh.pk])
    assert _get(as_user, "ward_specialist", url) == 200
    assert _get(as_user, "chairman", url) == 404


def test_standing_office_edits_a_unit(as_user, world):
    url = reverse("org:unit_edit", args=[world.ward_a.pk])
    assert _get(as_user, "ward_specialist", url) == 200
    assert _get(as_user, "officer_a", url) == 404
    assert _get(as_user, "ward_specialist", reverse("org:unit_edit", args=[world.ward_b.pk])) == 404


def test_edit_the_rulebook(as_user, world):
    url = reverse("rulebook:base_salary_add")
    assert _get(as_user, "city_admin", url) == 200
    assert _get(as_user, "specialist", url) == 404


def test_manage_accounts(as_user, world):
    url = reverse("accounts:users")
    assert _get(as_user, "city_admin", url) == 200
    assert _get(as_user, "specialist", url) == 404

# appraise, vote and sign have no page yet (the dossier workflow uses them next):
# the matrix above is their test until then.
