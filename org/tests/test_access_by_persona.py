"""Every org page, tried by someone who may and someone who may not."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_citizen_is_sent_to_login(as_user, world):
    for url in [reverse("home"), reverse("org:unit_tree"), reverse("org:people"),
                reverse("org:person_detail", args=[world.thinh.pk]), reverse("org:unit_detail", args=[world.ward_a.pk])]:
        response = as_user("citizen").get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url


@pytest.mark.parametrize("persona", ["officer_a", "council", "chairman", "specialist", "admin"])
def test_those_over_ward_a_see_its_person(as_user, world, persona):
    response = as_user(persona).get(reverse("org:person_detail", args=[world.thinh.pk]))
    assert response.status_code == 200
    assert "Nguyễn Thị Thịnh" in response.content.decode()


def test_sibling_ward_officer_gets_404_for_ward_a_person_and_unit(as_user, world):
    client = as_user("officer_b")
    assert client.get(reverse("org:person_detail", args=[world.thinh.pk])).status_code == 404
    assert client.get(reverse("org:unit_detail", args=[world.ward_a.pk])).status_code == 404
    assert client.get(reverse("org:person_edit", args=[world.thinh.pk])).status_code == 404
    assert client.get(reverse("org:person_move", args=[world.thinh.pk])).status_code == 404
    # ...but sees their own ward's person
    assert client.get(reverse("org:person_detail", args=[world.person_b.pk])).status_code == 200


def test_ward_officer_cannot_see_the_city_or_the_districts(as_user, world):
    client = as_user("officer_a")
    assert client.get(reverse("org:unit_detail", args=[world.city.pk])).status_code == 404
    assert client.get(reverse("org:unit_detail", args=[world.old_ward.pk])).status_code == 404


def test_people_list_is_limited_to_the_users_subtree(as_user, world):
    body = as_user("officer_a").get(reverse("org:people")).content.decode()
    assert "Nguyễn Thị Thịnh" in body and "Lê Thị Ánh" in body
    assert "Phạm Minh Đức" not in body
    body = as_user("specialist").get(reverse("org:people")).content.decode()
    assert "Phạm Minh Đức" in body and "Nguyễn Thị Thịnh" in body


@pytest.mark.parametrize("persona,status", [("officer_a", 200), ("specialist", 200), ("council", 404), ("chairman", 404), ("officer_b", 404)])
def test_who_may_edit_a_ward_a_person(as_user, world, persona, status):
    assert as_user(persona).get(reverse("org:person_edit", args=[world.thinh.pk])).status_code == status


@pytest.mark.parametrize("persona,status", [("specialist", 200), ("admin", 200), ("officer_a", 404), ("council", 404), ("officer_b", 404)])
def test_who_may_edit_units(as_user, world, persona, status):
    assert as_user(persona).get(reverse("org:unit_edit", args=[world.ward_a.pk])).status_code == status
    assert as_user(persona).get(reverse("org:unit_merge", args=[world.ward_a.pk])).status_code == status
    assert as_user(persona).get(reverse("org:unit_create") + f"?parent={world.ward_a.pk}").status_code == status


@pytest.mark.parametrize("persona,status", [("officer_a", 200), ("specialist", 200), ("council", 404), ("chairman", 404)])
def test_who_may_import_people(as_user, world, persona, status):
    assert as_user(persona).get(reverse("org:people_import")).status_code == status


@pytest.mark.parametrize("persona,status", [("admin", 200), ("specialist", 404), ("officer_a", 404), ("chairman", 404)])
def test_only_administrators_manage_accounts(as_user, world, persona, status):
    assert as_user(persona).get(reverse("accounts:users")).status_code == status
    assert as_user(persona).get(reverse("accounts:user_detail", args=[world.users["officer_a"].pk])).status_code == status


def test_every_page_renders_for_the_administrator(as_user, world):
    client = as_user("admin")
    for url in [reverse("home"), reverse("org:unit_tree") + "?all=1", reverse("org:unit_tree") + "?q=phu+lam",
                reverse("org:unit_tree_children", args=[world.city.pk]),
                reverse("org:unit_detail", args=[world.ward_a.pk]) + "?tab=units",
                reverse("org:unit_detail", args=[world.old_ward.pk]) + "?tab=history",
                reverse("org:unit_detail", args=[world.office_a.pk]) + "?tab=former",
                reverse("org:people"), reverse("org:people") + f"?unit={world.ward_a.pk}&q=thinh",
                reverse("org:person_detail", args=[world.thinh.pk]), reverse("org:person_create") + f"?unit={world.office_a.pk}",
                reverse("org:people_import"), reverse("search") + "?q=phu", reverse("password_change"),
                reverse("accounts:users"), reverse("accounts:user_create"),
                reverse("accounts:user_detail", args=[world.users["officer_a"].pk])]:
        response = client.get(url)
        assert response.status_code == 200, url
