"""Big imports: checked outside the write transaction, written in bulk, run by
the worker with progress on the page, kept as a record; all-or-nothing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Event
from audit.recording import events_for
from org import actions, imports, people_excel
from org.models import Employment, ImportJob, Person

from .helpers import GOOD, upload, xlsx

pytestmark = pytest.mark.django_db


def many(n, unit="HN-PLU-THCS"):
    return [[f"CB9{i:04d}", f"Đỗ Văn Khải{i}", unit, "01/01/1990", "Nam", "Giáo viên"] for i in range(n)]


def test_a_big_file_goes_to_the_worker_and_its_page_shows_the_result(as_user, world, settings):
    settings.PEOPLE_IMPORT_INLINE_ROWS = 10
    client = as_user("officer_a")
    response = upload(client, xlsx(many(25) + GOOD))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("org:people_import_job", args=[job.pk])
    assert (job.status, job.user, job.filename, job.total_rows) == ("done", world.users["officer_a"], "danh-sach.xlsx", 28)
    assert (job.created, job.updated, job.moved, job.unchanged) == (27, 0, 0, 1)
    assert job.write_seconds is not None and not imports.job_file(job).exists()
    body = client.get(response["Location"]).content.decode()
    assert "Đã nhập 28 dòng: 27 người mới, 0 người cập nhật thông tin, 0 người chuyển đơn vị, 1 người không thay đổi." in body
    assert Person.objects.filter(code__startswith="CB9").count() == 25
    history = client.get(reverse("org:people_import")).content.decode()
    assert "Các lần nhập gần đây" in history and "27 mới, 0 cập nhật, 0 chuyển đơn vị, 1 không đổi" in history
    assert "danh-sach.xlsx" not in as_user("officer_b").get(reverse("org:people_import")).content.decode()
    khai = Person.objects.get(code="CB90003")
    assert Employment.objects.get(person=khai).unit == world.school_a
    event = events_for(khai).get()
    assert event.verb == "import" and event.actor == world.users["officer_a"] and event.changes["Đơn vị"] == ["", world.school_a.name]


def test_a_big_file_with_one_bad_row_writes_nothing_and_lists_it(as_user, world, settings):
    settings.PEOPLE_IMPORT_INLINE_ROWS = 10
    client = as_user("officer_a")
    rows = many(25)
    rows[20][2] = "HN-KHONG-CO"
    events = Event.objects.count()
    response = upload(client, xlsx(rows))
    body = client.get(response["Location"]).content.decode()
    assert "Tệp chưa được nhập: 1 lỗi" in body and "không có đơn vị mã “HN-KHONG-CO”" in body
    assert Person.objects.filter(code__startswith="CB9").count() == 0 and Event.objects.count() == events
    assert ImportJob.objects.get().status == "failed"


def test_progress_is_shown_and_polled_while_the_worker_runs(as_user, world):
    job = ImportJob.objects.create(user=world.users["officer_a"], filename="lon.xlsx", total_rows=100_000,
                                   checked_rows=40_000, status=ImportJob.Status.CHECKING)
    url = reverse("org:people_import_job", args=[job.pk])
    body = as_user("officer_a").get(url).content.decode()
    assert "Đang kiểm tra dòng 40.000/100.000" in body and 'hx-trigger="every 1s"' in body
    fragment = as_user("officer_a").get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Đang kiểm tra dòng 40.000/100.000" in fragment and "<html" not in fragment


def test_someone_elses_import_is_not_found(as_user, world):
    job = ImportJob.objects.create(user=world.users["officer_a"], filename="x.xlsx")
    assert as_user("officer_b").get(reverse("org:people_import_job", args=[job.pk])).status_code == 404


def test_a_person_changed_between_check_and_write_stops_the_whole_file(as_user, world, monkeypatch):
    checked = people_excel._validate

    def check_then_someone_edits(*args, **kwargs):
        plan = checked(*args, **kwargs)
        actions.person_update(acting_user=world.users["specialist"], person=world.thinh, phone="0911000111")
        return plan

    monkeypatch.setattr(people_excel, "_validate", check_then_someone_edits)
    rows = [["CB0500", "Hoàng Văn Bình", "HN-PLU-VP", "15/03/1985", "Nam", "Chuyên viên"],
            ["CB0001", "Nguyễn Thị Thịnh", "HN-PLU-VP", "01/02/1980", "Nữ", "Trưởng phòng"]]
    body = upload(as_user("officer_a"), xlsx(rows)).content.decode()
    assert "Nguyễn Thị Thịnh (CB0001) vừa được người khác sửa trong lúc kiểm tra tệp; chưa dòng nào được ghi" in body
    assert not Person.objects.filter(code="CB0500").exists()
    world.thinh.refresh_from_db()
    assert (world.thinh.position, world.thinh.phone) == ("Chuyên viên", "0911000111")


def test_a_new_position_from_the_file_closes_the_old_period_and_opens_one(as_user, world):
    upload(as_user("officer_a"), xlsx([["CB0001", "Nguyễn Thị Thịnh", "HN-PLU-VP", "01/02/1980", "Nữ", "Trưởng phòng"]]))
    periods = list(Employment.objects.filter(person=world.thinh).order_by("start"))
    today = timezone.localdate()
    assert [(p.position, p.start, p.end) for p in periods] == [
        ("Chuyên viên", date(2020, 1, 1), today - timedelta(days=1)), ("Trưởng phòng", today, None)]
    event = events_for(world.thinh).first()
    assert event.verb == "import" and event.changes == {"Chức vụ": ["Chuyên viên", "Trưởng phòng"]}
