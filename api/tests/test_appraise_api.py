"""POST /api/appraise answers what `tdkt appraise --json` answers."""

import json

import pytest

from tdkt.testing.dossiers import appraise_json as cli_appraise, nominate

pytestmark = pytest.mark.django_db


def test_the_api_and_the_command_agree(imported, client, django_user_model):
    from org.models import Membership, Role, Unit

    lines = [{"recipient": "P", "award": "CSTDCS"}, {"recipient": "A", "award": "LDTT", "justification": "Đột xuất"},
             {"recipient": "P", "award": "CSTD_TINH"}]
    path = nominate(imported, lines)
    user = django_user_model.objects.create_user(username="vp", password="x" * 12)
    Membership.objects.create(user=user, unit=Unit.objects.get(code="W"), role=Role.SPECIALIST)
    client.force_login(user)
    r = client.post("/api/appraise", data=path.read_text(encoding="utf-8"), content_type="application/json")
    assert r.status_code == 200
    assert r.json() == cli_appraise(path)


def test_errors_name_the_line_and_field(imported, client, django_user_model):
    from org.models import Membership, Role, Unit

    user = django_user_model.objects.create_user(username="vp", password="x" * 12)
    Membership.objects.create(user=user, unit=Unit.objects.get(code="W"), role=Role.SPECIALIST)
    client.force_login(user)
    body = {"format": "tdkt-nominations/1", "authority": "W", "decision_date": "2026-01-15", "year": 2025,
            "lines": [{"recipient": "NOBODY", "award": "LDTT"}]}
    r = client.post("/api/appraise", data=json.dumps(body), content_type="application/json")
    assert r.status_code == 400
    assert r.json()["errors"] == [{"line": 1, "field": "recipient", "message": "không có cá nhân hay đơn vị mã “NOBODY” trong phạm vi của bạn"}]


def test_signed_in_and_in_scope_only(imported, client, django_user_model):
    body = {"format": "tdkt-nominations/1", "authority": "W", "decision_date": "2026-01-15", "year": 2025,
            "lines": [{"recipient": "P", "award": "LDTT"}]}
    assert client.post("/api/appraise", data=json.dumps(body), content_type="application/json").status_code == 401
    client.force_login(django_user_model.objects.create_user(username="nobody", password="x" * 12))
    assert client.post("/api/appraise", data=json.dumps(body), content_type="application/json").status_code == 403


def test_another_wards_people_are_unknown_to_a_ward_officer(imported, client, django_user_model):
    """Phú Lương's officer names Yên Nghĩa's X: refused like a code that does not exist, nothing about X said."""
    from org.models import Membership, Role, Unit

    user = django_user_model.objects.create_user(username="pl", password="x" * 12)
    Membership.objects.create(user=user, unit=Unit.objects.get(code="W"), role=Role.UNIT_OFFICER)
    client.force_login(user)
    body = {"format": "tdkt-nominations/1", "authority": "W", "decision_date": "2026-01-15", "year": 2025,
            "lines": [{"recipient": "P", "award": "LDTT"}, {"recipient": "X", "award": "LDTT"}, {"recipient": "V", "award": "TTLDTT"}]}
    r = client.post("/api/appraise", data=json.dumps(body), content_type="application/json")
    assert r.status_code == 400
    assert r.json()["errors"] == [
        {"line": 2, "field": "recipient", "message": "không có cá nhân hay đơn vị mã “X” trong phạm vi của bạn"},
        {"line": 3, "field": "recipient", "message": "không có cá nhân hay đơn vị mã “V” trong phạm vi của bạn"}]
    assert "Xuân" not in r.content.decode() and "Yên Nghĩa" not in r.content.decode()
    # The city's specialist sees both wards: the same list is appraised.
    city = django_user_model.objects.create_user(username="city", password="x" * 12)
    Membership.objects.create(user=city, unit=Unit.objects.get(code="T"), role=Role.SPECIALIST)
    client.force_login(city)
    r = client.post("/api/appraise", data=json.dumps(body), content_type="application/json")
    assert r.status_code == 200 and [ln["recipient"] for ln in r.json()["lines"]] == ["P", "X", "V"]


def test_a_json_nested_too_deep_is_refused_in_words(imported, client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="vp", password="x" * 12))
    r = client.post("/api/appraise", data="[" * 100_000, content_type="application/json")
    assert r.status_code == 400 and "lồng nhau quá sâu" in r.json()["errors"][0]["message"]
