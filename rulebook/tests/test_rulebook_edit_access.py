"""Only who may edit the rulebook (duty ``edit_rulebook``) opens its edit pages; anyone else gets a 404."""

import pytest
from django.urls import reverse

from rulebook.models import BaseSalary, Coefficient, Parameter

pytestmark = pytest.mark.django_db


def _urls():
    return [reverse("rulebook:parameter_edit", args=[Parameter.objects.order_by("pk").first().pk]),
            reverse("rulebook:coefficient_edit", args=[Coefficient.objects.order_by("pk").first().pk]),
            reverse("rulebook:base_salary_add")]


@pytest.mark.parametrize("persona", ["specialist", "officer_a", "chairman", "council"])
def test_who_may_not_edit_the_rulebook_gets_404_and_changes_nothing(as_user, world, persona):
    client = as_user(persona)
    coefficient = Coefficient.objects.order_by("pk").first()
    n_salaries = BaseSalary.objects.count()
    for url in _urls():
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"value": "9", "status": "verified", "legal_basis": "x", "amount": "9999999",
                                 "valid_from": "01/01/2030"}).status_code == 404, url
    assert Coefficient.objects.get(pk=coefficient.pk).coefficient == coefficient.coefficient
    assert BaseSalary.objects.count() == n_salaries


@pytest.mark.parametrize("persona", ["admin", "city_admin"])
def test_an_editor_opens_them_and_a_missing_row_is_404(as_user, world, persona):
    client = as_user(persona)
    for url in _urls():
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("rulebook:parameter_edit", args=[10**9])).status_code == 404
    assert client.get(reverse("rulebook:coefficient_edit", args=[10**9])).status_code == 404
