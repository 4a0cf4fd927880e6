"""An administrator by role takes roles away only in the units whose accounts they manage."""

import pytest
from django.urls import reverse

from org.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward_admin(world):
    """An administrator by role of ward A, who also sees officer_b's account through a role in ward A."""
    Membership.objects.create(user=world.users["officer_b"], unit=world.ward_a, role=Role.COUNCIL_MEMBER)
    return Membership.objects.create(user=world.users["ward_specialist"], unit=world.ward_a, role=Role.ADMIN).user


def test_a_role_in_a_unit_they_do_not_manage_is_404_and_stays(client, world, ward_admin):
    client.force_login(ward_admin)
    officer_b = world.users["officer_b"]
    elsewhere = Membership.objects.get(user=officer_b, unit=world.ward_b)
    url = reverse("accounts:membership_revoke", args=[officer_b.pk, elsewhere.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_a_role_in_their_unit_is_taken_away(client, world, ward_admin):
    client.force_login(ward_admin)
    officer_b = world.users["officer_b"]
    here = Membership.objects.get(user=officer_b, unit=world.ward_a)
    response = client.post(reverse("accounts:membership_revoke", args=[officer_b.pk, here.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:user_detail", args=[officer_b.pk])
    assert not Membership.objects.filter(pk=here.pk).exists()


def test_an_account_with_no_role_in_their_units_is_404(client, world, ward_admin):
    client.force_login(ward_admin)
    assert client.get(reverse("accounts:user_detail", args=[world.users["specialist"].pk])).status_code == 404
    assert client.get(reverse("accounts:user_detail", args=[world.users["officer_a"].pk])).status_code == 200
