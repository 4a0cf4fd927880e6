"""Big ratings files: checked outside the write transaction, written in bulk in one short one, run by the
worker as an import job (the same as the people import's) with progress on the ratings page; all-or-nothing."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import Event
from decisions.models import Award
from org import imports
from org.models import ImportJob, Person
from records import actions, ratings_excel
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing.records import ratings_url

from .helpers import template_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(settings):
    settings.PEOPLE_IMPORT_INLINE_ROWS = 2  # the ward's file (its units and people) is "big"


def test_a_big_ratings_file_goes_to_the_worker_and_the_ratings_page_shows_the_result(as_user, world, big):
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.ward_a, 2025)
    ws.cell(row=rows["CB0001"], column=3).value = "Hoàn thành tốt nhiệm vụ"
    ws.cell(row=rows["CB0003"], column=3).value = "HTXSNV"
    ws.cell(row=rows["HN-PLU-THCS"], column=3).value = "hoan thanh nhiem vu"

    response = upload(client, world.ward_a, 2025, wb)

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == ratings_url(world.ward_a, 2025, job=job.pk)
    assert (job.kind, job.status, job.user, job.total_rows) == ("ratings", "done", world.users["officer_a"], len(rows))
    assert job.params == {"unit": world.ward_a.pk, "year": 2025, "reason": ""}
    assert job.write_seconds is not None and not imports.job_file(job).exists()
    body = client.get(response["Location"]).content.decode()
    assert "Đã nhập tệp xếp loại năm 2025: 3 xếp loại thay đổi." in body and "Xem xếp loại năm 2025 →" in body
    assert dict(Rating.objects.filter(year=2025, person__isnull=False).values_list("person__code", "level")) == {
        "CB0001": "HTTNV", "CB0003": "HTXSNV"}
    assert Rating.objects.get(unit=world.school_a, year=2025).level == "HTNV"
    own = Event.objects.get(verb="ratings", target_id=world.thinh.pk, target_type__model="person")
    assert own.changes == {"Xếp loại năm 2025": ["", "HTTNV"]} and own.actor == world.users["officer_a"]
    # The people import's history lists people imports only.
    assert "xep-loai.xlsx" not in client.get(reverse("org:people_import")).content.decode()


def test_a_big_file_with_one_bad_row_writes_nothing_and_lists_the_row(as_user, world, big):
    Rating.objects.create(person=world.thinh, year=2025, level="HTNV")
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.ward_a, 2025)
    ws.cell(row=rows["CB0001"], column=3).value = "Hoàn thành xuất sắc nhiệm vụ"
    ws.cell(row=rows["CB0003"], column=3).value = "Giỏi lắm"
    events = Event.objects.count()

    body = client.get(upload(client, world.ward_a, 2025, wb)["Location"]).content.decode()

    assert "Tệp chưa được nhập: 1 lỗi" in body and "“Giỏi lắm” không phải xếp loại" in body
    assert f"<td>{rows['CB0003']}</td><td>C (Xếp loại)</td>" in body
    assert ImportJob.objects.get().status == "failed"
    assert list(Rating.objects.values_list("person__code", "level")) == [("CB0001", "HTNV")]
    assert Event.objects.count() == events


def test_a_big_file_of_another_year_writes_nothing(as_user, world, big):
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.ward_a, 2026)
    ws.cell(row=rows["CB0001"], column=3).value = "HTXSNV"

    body = client.get(upload(client, world.ward_a, 2025, wb)["Location"]).content.decode()

    assert "tệp là xếp loại năm 2026, trang đang nhập xếp loại năm 2025" in body
    assert not Rating.objects.exists() and not Event.objects.filter(verb="ratings").exists()


def test_a_big_file_changing_a_rating_behind_an_award_needs_the_reason_and_then_is_taken(as_user, world, big):
    Rating.objects.create(person=world.thinh, year=2025, level="HTXSNV")
    Award.objects.create(person=world.thinh, award_type=AwardType.objects.get(code="CSTDCS"), year=2025,
                         decision_number="12/QĐ-UBND", decision_date=date(2026, 1, 15))
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.ward_a, 2025)
    ws.cell(row=rows["CB0001"], column=3).value = "HTNV"
    ws.cell(row=rows["CB0003"], column=3).value = "HTTNV"

    body = client.get(upload(client, world.ward_a, 2025, wb)["Location"]).content.decode()
    assert "ghi lý do sửa rồi nhập lại tệp" in body
    assert "Chiến sĩ thi đua cơ sở năm 2025 (QĐ 12/QĐ-UBND ngày 15/01/2026)" in body
    assert list(Rating.objects.values_list("person__code", "level")) == [("CB0001", "HTXSNV")]

    reason = "Sửa theo biên bản họp Hội đồng ngày 20/01/2026"
    body = client.get(upload(client, world.ward_a, 2025, wb, reason=reason)["Location"]).content.decode()
    assert "2 xếp loại thay đổi" in body
    assert Rating.objects.get(person=world.thinh, year=2025).level == "HTNV"
    assert reason in Event.objects.filter(verb="ratings", target_id=world.thinh.pk).latest("pk").note


def test_progress_is_polled_on_the_ratings_page_through_the_one_job_view(as_user, world):
    job = ImportJob.objects.create(kind=ImportJob.Kind.RATINGS, user=world.users["officer_a"], filename="lon.xlsx",
                                   params={"unit": world.ward_a.pk, "year": 2025, "reason": ""},
                                   total_rows=100_000, checked_rows=40_000, status=ImportJob.Status.CHECKING)
    client = as_user("officer_a")
    poll = reverse("org:import_job", args=[job.pk])
    for page in (ratings_url(world.ward_a, 2025, job=job.pk), ratings_url(world.ward_a, 2025)):  # asked for, or still running
        body = client.get(page).content.decode()
        assert "Đang kiểm tra dòng 40.000/100.000" in body and f'hx-get="{poll}"' in body
    assert "Đang kiểm tra" not in client.get(ratings_url(world.ward_a, 2024)).content.decode()
    fragment = client.get(poll, headers={"HX-Request": "true"}).content.decode()
    assert "Đang kiểm tra dòng 40.000/100.000" in fragment and "<html" not in fragment
    assert client.get(poll)["Location"] == ratings_url(world.ward_a, 2025, job=job.pk)
    assert as_user("officer_b").get(poll, headers={"HX-Request": "true"}).status_code == 404


def test_a_rating_changed_between_check_and_write_stops_the_whole_file(as_user, world, monkeypatch):
    checked = actions.ratings_check

    def check_then_someone_saves(**kwargs):
        plan = checked(**kwargs)
        actions.ratings_write(checked(acting_user=world.users["specialist"], unit=world.office_a, year=2025,
                                      people={world.thinh: "KHTNV"}))
        return plan

    monkeypatch.setattr(actions, "ratings_check", check_then_someone_saves)
    client = as_user("officer_a")
    wb, ws, rows = template_of(client, world.ward_a, 2025)
    ws.cell(row=rows["CB0001"], column=3).value = "HTXSNV"
    ws.cell(row=rows["CB0003"], column=3).value = "HTTNV"

    body = upload(client, world.ward_a, 2025, wb).content.decode()

    assert "vừa được người khác sửa trong lúc kiểm tra; chưa có xếp loại nào được lưu" in body
    assert list(Rating.objects.values_list("person__code", "level")) == [("CB0001", "KHTNV")]


def test_the_write_is_short_and_in_bulk(world):
    """The write transaction runs the same few queries for 3 ratings as for 300 (no query per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.testing import person

    def write(year, people):
        plan = actions.ratings_check(acting_user=world.users["officer_a"], unit=world.ward_a, year=year,
                                     people={p.pk: "HTTNV" for p in people})
        with CaptureQueriesContext(connection) as queries:
            assert actions.ratings_write(plan) == len(people)
        return len(queries)

    few = list(Person.objects.filter(unit__path__startswith=world.ward_a.path))
    assert len(few) == 3
    small = write(2025, few)
    many = [*few, *(person(f"B{i:04d}", f"Đỗ Văn Bình{i:03d}", world.school_a) for i in range(297))]
    assert write(2024, many) == small <= 12
    assert Event.objects.filter(verb="ratings", target_type__model="person").count() == 3 + 300
    result = ratings_excel.ImportResult(year=2025, changed=12_837)
    assert result.summary == "Đã nhập tệp xếp loại năm 2025: 12.837 xếp loại thay đổi."
