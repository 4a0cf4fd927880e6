"""The test database is migrated like a fresh one: post_migrate seeds the rulebook from rulebook.toml,
so the command-line contract works on it (interchange.md: "every command works on a fresh database
after `tdkt migrate`")."""

import pytest

from rulebook.loader import load_data
from rulebook.models import AwardType, BaseSalary, Coefficient, Criterion, Parameter, RuleSet

pytestmark = pytest.mark.django_db

CATALOGUE = {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "XA_TIEU_BIEU",
             "TDP_VAN_HOA", "GDVH", "GK", "BK_TINH", "BK_TTG"}


def test_catalogue_codes_of_the_contract_are_seeded():
    assert CATALOGUE <= set(AwardType.objects.values_list("code", flat=True))


def test_everything_in_the_file_is_seeded():
    data = load_data()
    assert AwardType.objects.count() >= len(data["award"])
    assert BaseSalary.objects.count() >= len(data["base_salary"])
    assert set(RuleSet.objects.values_list("code", flat=True)) >= {r["code"] for r in data["rule_set"]}
    assert set(Parameter.objects.values_list("key", flat=True)) >= {p["key"] for p in data["parameter"]}
    assert Coefficient.objects.exists()


def test_decidable_awards_have_criteria():
    for award in AwardType.objects.filter(decidable=True):
        assert Criterion.objects.filter(award_type=award).exists(), award.code


def test_ttldtt_threshold_default_is_more_than_half():
    p = Parameter.objects.get(key="ttldtt_ldtt_share", valid_to__isnull=True)
    assert p.value == {"op": ">", "share": 0.5}


def test_base_salaries_do_not_overlap():
    rows = list(BaseSalary.objects.order_by("valid_from"))
    for a, b in zip(rows, rows[1:]):
        assert a.valid_to is not None and a.valid_to < b.valid_from, (a, b)


def test_each_award_shows_its_standard_of_each_period_and_the_rule_of_which_applies(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="doc", password="x" * 12))
    page = client.get("/quy-dinh/").content.decode()
    assert "Quy định nào được áp dụng" in page and "năm thành tích" in page and "ngày quyết định" in page
    cstdcs = page[page.index("Chiến sĩ thi đua cơ sở <"):]
    cstdcs = cstdcs[:cstdcs.index("award-card", 10)]
    assert "Tiêu chuẩn từ 01/01/2024" in cstdcs and "Điều 23 Luật Thi đua, khen thưởng 2022" in cstdcs
    assert "Tiêu chuẩn trước đây – 31/12/2023" in cstdcs and "Điều 23 Luật Thi đua, khen thưởng 2003" in cstdcs
    assert "Có sáng kiến được cơ sở công nhận trong năm" in cstdcs
