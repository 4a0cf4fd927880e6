"""Rulebook parameters have a shape (issue 7, item 20).

A parameter of the wrong shape ("abc", [], -1 for a share, null, a huge number) used to be saved,
after which /xet-khen-thuong/ and every person's achievements page gave 500 for everyone; a base
salary of thirty 9s gave 500 on save. Each parameter now declares its schema in rulebook.toml;
the edit screen refuses a value outside it with a message at the field, and a value already stored
in a bad shape falls back to the seed file's value with a warning on the pages.
"""

import json

import pytest
from django.db.models import JSONField, Value
from django.urls import reverse

from audit.models import Event
from rulebook import schema
from rulebook.loader import load_data
from rulebook.models import BaseSalary, Parameter

pytestmark = pytest.mark.django_db

BAD_SHAPES = ["\"abc\"", "[]", "-1", "null", "1e30", "999999999999999999999999999999", "NaN", "{}", "true", "abc"]


def edit(client, key, value):
    p = Parameter.objects.get(key=key, valid_to__isnull=True)
    return client.post(reverse("rulebook:parameter_edit", args=[p.pk]), {"value": value, "status": p.status, "legal_basis": p.legal_basis})


def test_every_seeded_parameter_declares_a_schema_its_value_fits():
    for row in load_data()["parameter"]:
        assert row.get("schema"), row["key"]
        assert schema.errors(row["key"], row["value"]) == [], row["key"]


KEYS = ["ttldtt_ldtt_share", "ttldxs_ldtt_share", "ldtt_min_months", "cstdcs_cap_share",
        "registration_required", "disclosure_days", "council_recusal_base", "initiative_recognition_window"]


@pytest.mark.parametrize("key, value", [(k, v) for k in KEYS for v in BAD_SHAPES
                                        if (k, v) != ("registration_required", "true")])  # true is a value of that one
def test_a_value_of_the_wrong_shape_is_refused_at_the_field(as_user, world, key, value):
    before = Parameter.objects.get(key=key, valid_to__isnull=True).value
    response = edit(as_user("city_admin"), key, value)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="field has-error"' in body
    assert Parameter.objects.get(key=key, valid_to__isnull=True).value == before
    assert not Event.objects.filter(verb="rulebook").exists()


@pytest.mark.parametrize("value, message", [
    ('{"op": ">=", "share": -1}', "“share” phải là số từ 0 đến 1"),
    ('{"op": ">=", "share": 70}', "tỷ lệ ghi dạng thập phân: 0.7 là 70%"),
    ('{"op": "=>", "share": 0.7}', "“op” phải là một trong “&gt;”, “&gt;=”"),
    ('{"op": ">=", "shar": 0.7}', "Thiếu khóa “share”"),
    ('{"op": ">=", "share": "0.7"}', "“share” phải là số"),
    ('"abc"', "phải là đối tượng JSON có đúng các khóa"),
    ("abc", "Giá trị không đúng dạng JSON"),
])
def test_the_message_says_what_is_wrong(as_user, world, value, message):
    body = edit(as_user("admin"), "ttldxs_ldtt_share", value).content.decode()
    assert message in body


def test_a_good_value_is_saved_with_history(as_user, world):
    response = edit(as_user("city_admin"), "ttldxs_ldtt_share", '{"op": ">", "share": 0.75}')
    assert response.status_code == 302
    assert Parameter.objects.get(key="ttldxs_ldtt_share", valid_to__isnull=True).value == {"op": ">", "share": 0.75}
    response = edit(as_user("city_admin"), "ldtt_min_months", "3")
    assert response.status_code == 302 and Parameter.objects.get(key="ldtt_min_months", valid_to__isnull=True).value == 3


def test_the_edit_page_says_what_a_valid_value_is(as_user, world):
    p = Parameter.objects.get(key="ldtt_min_months", valid_to__isnull=True)
    body = as_user("admin").get(reverse("rulebook:parameter_edit", args=[p.pk])).content.decode()
    assert "Giá trị hợp lệ: số nguyên từ 0 đến 12 tháng." in body


@pytest.mark.parametrize("stored", ["abc", [], -1, None, 10**30, {"op": ">=", "share": -1}, {"share": "x"}])
def test_a_bad_value_already_stored_does_not_take_the_eligibility_pages_down(as_user, world, stored):
    if stored is None:  # JSON null, as a hand-made UPDATE would store it
        stored = Value(None, output_field=JSONField())
    for key in ("ttldtt_ldtt_share", "ttldxs_ldtt_share", "ldtt_min_months"):
        Parameter.objects.filter(key=key).update(value=stored)
    assert Parameter.objects.get(key="ldtt_min_months", valid_to__isnull=True).value == (None if isinstance(stored, Value) else stored)
    for persona in ("officer_a", "specialist"):
        client = as_user(persona)
        for url in [reverse("eligibility:unit") + "?year=2025", reverse("eligibility:person", args=[world.thinh.pk]) + "?year=2025",
                    reverse("eligibility:unit") + "?year=2025&award=TTLDXS"]:
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content.decode()
            assert "đang lưu giá trị không hợp lệ" in body and "tạm dùng giá trị mặc định" in body, url
    # The seed values stand in: TTLĐXS still reads "ít nhất 70%".
    body = as_user("specialist").get(reverse("eligibility:unit") + f"?year=2025&award=TTLDXS&unit={world.ward_a.pk}").content.decode()
    assert "ít nhất 70%" in body


def test_with_good_values_there_is_no_warning(as_user, world):
    body = as_user("specialist").get(reverse("eligibility:unit") + "?year=2025").content.decode()
    assert "đang lưu giá trị không hợp lệ" not in body


@pytest.mark.parametrize("amount", ["9" * 30, "1000000001", "-5", "0", "abc"])
def test_a_base_salary_out_of_range_is_refused_with_a_message(as_user, world, amount):
    n = BaseSalary.objects.count()
    response = as_user("city_admin").post(reverse("rulebook:base_salary_add"),
                                          {"amount": amount, "valid_from": "01/07/2026", "legal_basis": "Nghị định mới", "status": "verified"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mức lương cơ sở" in body and ("phải từ 1 đến 1.000.000.000 đồng/tháng" in body or "phải lớn hơn 0" in body
                                          or "phải là số đồng" in body)
    assert BaseSalary.objects.count() == n


def test_the_schema_checker():
    assert schema.errors("cstdcs_cap_share", {"share": "none"}) == []
    assert schema.errors("cstdcs_cap_share", {"share": 0.15}) == []
    assert schema.errors("cstdcs_cap_share", {"share": "all"})
    assert schema.errors("ldtt_min_months", True)  # a boolean is not a number
    assert schema.errors("ldtt_min_months", 6.5)
    assert schema.errors("ttldxs_ldtt_share", {"op": ">=", "share": float("nan")})
    assert json.dumps(schema.default_for("ttldxs_ldtt_share")) == '{"op": ">=", "share": 0.7}'


def test_the_parameters_tab_flags_a_stored_value_of_the_wrong_shape(as_user, world):
    Parameter.objects.filter(key="ldtt_min_months").update(value="abc")
    body = as_user("admin").get(reverse("rulebook:index") + "?tab=parameters").content.decode()
    assert "Tham số “Số tháng công tác tối thiểu trong năm để xét Lao động tiên tiến” đang lưu giá trị không hợp lệ" in body


@pytest.mark.parametrize("stored, collective", [({"individual": 5, "collective": ["TTLDXS"]}, ["TTLDXS"]),
                                                ({"individual": [1, None]}, []), ("abc", None), ([], None)])
def test_a_registration_awards_parameter_of_the_wrong_shape_falls_back_to_the_default(world, stored, collective):
    from datetime import date as d

    from plans.models import Plan
    from registration.forms import DEFAULT_AWARDS, registration_awards

    Parameter.objects.create(key="registration_awards", name="Danh hiệu đăng ký", value=stored)
    individual, collectives = registration_awards(Plan(year=2025, unit=world.city, issued_on=d(2025, 1, 1)))
    assert [a.code for a in individual] == DEFAULT_AWARDS["individual"]
    assert [a.code for a in collectives] == (DEFAULT_AWARDS["collective"] if collective is None else collective)


def test_the_parameters_tab_says_what_is_wrong_with_a_stored_value(as_user, world):
    Parameter.objects.filter(key="ttldxs_ldtt_share").update(value={"op": ">=", "share": 70})
    body = as_user("admin").get(reverse("rulebook:index") + "?tab=parameters").content.decode()
    assert "“share” phải là số từ 0 đến 1 (tỷ lệ ghi dạng thập phân: 0.7 là 70%); 70 nằm ngoài khoảng." in body


def test_a_seed_file_with_a_value_outside_its_schema_is_not_loaded(world):
    from rulebook.loader import sync

    data = load_data()
    row = next(r for r in data["parameter"] if r["key"] == "ldtt_min_months")
    row["value"] = 60
    with pytest.raises(ValueError, match="ldtt_min_months"):
        sync(data)
