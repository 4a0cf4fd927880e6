"""A ratings file is for one year; a rating that an award given rests on is changed only with a reason."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import Event
from decisions.models import Award
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.records import ratings_url

from .helpers import template_of, upload

pytestmark = pytest.mark.django_db


def test_a_file_of_another_year_is_refused_and_nothing_is_written(as_user, world):
    Rating.objects.create(person=world.thinh, year=2025, level="HTNV")
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.office_a, 2026)  # headed "Năm 2026 — …"
    ws.cell(row=rows["CB0001"], column=3).value = "HTXSNV"
    ws.cell(row=rows["CB0002"], column=3).value = "HTTNV"

    response = upload(client, world.office_a, 2025, wb)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp chưa được nhập: 1 lỗi" in body
    assert "tệp là xếp loại năm 2026, trang đang nhập xếp loại năm 2025" in body
    assert dict(Rating.objects.filter(person__isnull=False).values_list("person__code", "level")) == {"CB0001": "HTNV"}
    assert not Event.objects.filter(verb="ratings").exists()


def test_a_file_with_a_year_cell_of_its_own_is_checked_too(as_user, world):
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.office_a, 2025)
    ws["F1"] = "Năm"
    ws["G1"] = 2024
    ws.cell(row=rows["CB0001"], column=3).value = "HTXSNV"
    body = upload(client, world.office_a, 2025, wb).content.decode()
    assert "tệp là xếp loại năm 2024, trang đang nhập xếp loại năm 2025" in body
    assert not Rating.objects.exists()


def test_the_file_of_the_pages_year_is_taken(as_user, world):
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.office_a, 2025)
    assert ws["F1"].value == "Năm 2025 — Văn phòng HĐND và UBND phường Phú Lương"
    ws.cell(row=rows["CB0001"], column=3).value = "HTXSNV"
    assert upload(client, world.office_a, 2025, wb).status_code == 302
    assert Rating.objects.get(person=world.thinh).year == 2025


@pytest.fixture
def award_on_2025(world):
    """Thịnh was rated HTXSNV in 2025 and given Chiến sĩ thi đua cơ sở for 2025 on that basis."""
    Rating.objects.create(person=world.thinh, year=2025, level="HTXSNV")
    return Award.objects.create(person=world.thinh, award_type=AwardType.objects.get(code="CSTDCS"), year=2025,
                                decision_number="12/QĐ-UBND", decision_date=date(2026, 1, 15))


def test_changing_a_rating_behind_an_award_asks_for_a_reason_first(as_user, world, award_on_2025):
    client = as_user("officer_a")
    url = ratings_url(world.office_a, 2025)

    response = client.post(url, {f"p{world.thinh.pk}": "HTNV"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "Xếp loại đã là căn cứ khen thưởng: cần ghi lý do sửa" in body
    assert "Chiến sĩ thi đua cơ sở năm 2025 (QĐ 12/QĐ-UBND ngày 15/01/2026)" in body
    assert f'name="p{world.thinh.pk}" value="HTNV"' in body  # the change is carried to the confirmation
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTXSNV"

    body = client.post(url, {f"p{world.thinh.pk}": "HTNV", "confirm": "1", "reason": ""}).content.decode()
    assert "Chưa ghi lý do sửa." in body
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTXSNV"

    reason = "Hội đồng đánh giá lại theo Kết luận thanh tra số 5/KL-TTr"
    response = client.post(url, {f"p{world.thinh.pk}": "HTNV", "confirm": "1", "reason": reason})
    assert response.status_code == 302
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTNV"
    own = Event.objects.get(verb="ratings", target_type__model="person", target_id=world.thinh.pk)
    assert own.changes == {"Xếp loại năm 2025": ["HTXSNV", "HTNV"]}
    assert reason in own.note and "Chiến sĩ thi đua cơ sở năm 2025" in own.note
    summary = Event.objects.get(verb="ratings", target_type__model="unit", target_id=world.office_a.pk)
    assert reason in summary.note


def test_a_rating_outside_every_awards_years_needs_no_reason(as_user, world, award_on_2025):
    Rating.objects.create(person=world.thinh, year=2024, level="HTNV")
    Award.objects.create(person=world.thinh, award_type=AwardType.objects.get(code="LDTT"), year=2023)
    client = as_user("officer_a")
    # LĐTT 2023 rests on 2023 only, CSTĐCS 2025 on 2025 only: 2024 is free to change.
    assert client.post(ratings_url(world.office_a, 2024), {f"p{world.thinh.pk}": "HTTNV"}).status_code == 302
    assert Rating.objects.get(person=world.thinh, year=2024).level == "HTTNV"


def test_an_award_of_several_years_rests_on_each_of_them(as_user, world):
    # CSTĐ cấp tỉnh 2025 = CSTĐCS 2023, 2024 and 2025: it rests on the 2023 rating too.
    Rating.objects.create(person=world.thinh, year=2023, level="HTXSNV")
    Award.objects.create(person=world.thinh, award_type=AwardType.objects.get(code="CSTD_TINH"), year=2025,
                         decision_number="99/QĐ-UBND")
    body = as_user("officer_a").post(ratings_url(world.office_a, 2023), {f"p{world.thinh.pk}": "HTNV"}).content.decode()
    assert "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh năm 2025 (QĐ 99/QĐ-UBND)" in body
    assert Rating.objects.get(person=world.thinh, year=2023).level == "HTXSNV"


def test_a_revoked_award_needs_no_reason(as_user, world, award_on_2025):
    award_on_2025.revoked_on = date(2026, 3, 1)
    award_on_2025.save()
    assert as_user("officer_a").post(ratings_url(world.office_a, 2025), {f"p{world.thinh.pk}": "HTNV"}).status_code == 302


def test_an_import_that_changes_a_rating_behind_an_award_needs_the_reason_in_the_form(as_user, world, award_on_2025):
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.office_a, 2025)
    assert ws.cell(row=rows["CB0001"], column=3).value == "Hoàn thành xuất sắc nhiệm vụ"
    ws.cell(row=rows["CB0001"], column=3).value = "Hoàn thành nhiệm vụ"
    ws.cell(row=rows["CB0002"], column=3).value = "Hoàn thành tốt nhiệm vụ"

    body = upload(client, world.office_a, 2025, wb).content.decode()
    assert "Tệp sửa xếp loại là căn cứ của khen thưởng đã có quyết định" in body
    assert "Chiến sĩ thi đua cơ sở năm 2025 (QĐ 12/QĐ-UBND ngày 15/01/2026)" in body
    assert dict(Rating.objects.values_list("person__code", "level")) == {"CB0001": "HTXSNV"}  # nothing written

    response = upload(client, world.office_a, 2025, wb, reason="Sửa theo biên bản họp Hội đồng ngày 20/01/2026")
    assert response.status_code == 302
    assert dict(Rating.objects.values_list("person__code", "level")) == {"CB0001": "HTNV", "CB0002": "HTTNV"}
    own = Event.objects.get(verb="ratings", target_type__model="person", target_id=world.thinh.pk)
    assert "Sửa theo biên bản họp Hội đồng ngày 20/01/2026" in own.note


def test_the_persons_record_page_asks_for_the_reason_too(as_user, world, award_on_2025):
    client = as_user("officer_a")
    url = reverse("records:person_record", args=[world.thinh.pk])
    body = client.post(url, {"form": "rating", "r-year": 2025, "r-level": "HTNV"}).content.decode()
    assert "cần ghi lý do sửa" in body and "Chiến sĩ thi đua cơ sở năm 2025" in body
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTXSNV"
    response = client.post(url, {"form": "rating", "r-year": 2025, "r-level": "HTNV", "r-reason": "Đánh giá lại"})
    assert response.status_code == 302
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTNV"
