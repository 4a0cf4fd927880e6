"""Rule sets are read by their names, not their codes (issue 7, item 8): "NĐ 98/2023/NĐ-CP", not
"ND98_2023". The short name is data in rulebook.toml; the code stays for files and the CLI."""

import pytest
from django.urls import reverse

from audit.recording import events_for
from rulebook.loader import sync
from rulebook.models import Coefficient, RuleSet

pytestmark = pytest.mark.django_db


def test_the_money_table_heads_its_columns_with_the_decrees_names(as_user, world):
    body = as_user("officer_a").get(reverse("rulebook:index") + "?tab=money").content.decode()
    for name in ["NĐ 91/2017/NĐ-CP", "NĐ 98/2023/NĐ-CP", "NĐ 152/2025/NĐ-CP"]:
        assert name in body
    for code in ["ND91_2017", "ND98_2023", "ND152_2025"]:
        assert code not in body


def test_a_coefficient_edit_is_named_by_the_decree_in_the_history(as_user, world):
    c = Coefficient.objects.filter(rule_set__code="ND98_2023").select_related("award_type").first()
    response = as_user("admin").post(reverse("rulebook:coefficient_edit", args=[c.pk]),
                                     {"value": str(c.coefficient + 1), "status": c.status, "legal_basis": c.legal_basis})
    assert response.status_code == 302
    event = events_for(c).get()
    assert "NĐ 98/2023/NĐ-CP" in event.target_label and "ND98_2023" not in event.target_label
    body = as_user("admin").get(reverse("rulebook:index") + "?tab=history").content.decode()
    assert "ND98_2023" not in body


def test_a_database_seeded_before_short_names_gets_them_on_the_next_sync(world):
    RuleSet.objects.update(short_name="")
    sync()
    assert RuleSet.objects.get(code="ND98_2023").short_name == "NĐ 98/2023/NĐ-CP"
    # An administrator's own wording is kept.
    RuleSet.objects.filter(code="ND98_2023").update(short_name="Nghị định 98")
    sync()
    assert RuleSet.objects.get(code="ND98_2023").short_name == "Nghị định 98"
