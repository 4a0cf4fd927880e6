"""The eligibility page as a clerk uses it: links that keep the unit and year, names instead of codes,
reasons on the page, a unit picker; and the year's results kept ready, recomputed where inputs changed."""

import io
import re
from html import unescape

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from eligibility.models import Result, ResultCount, ResultRun, StaleUnit
from eligibility.results import bring_up_to_date, compute_year
from records import actions as record_actions
from records.models import Rating
from tdkt.testing import person

pytestmark = pytest.mark.django_db

Y = 2024


@pytest.fixture
def ward_people(world):
    """60 people in ward A's school (two pages) and 3 in ward B, all rated in 2024."""
    people = [person(f"S{i:03d}", f"Đỗ Văn Sơn{i:03d}", world.school_a) for i in range(60)]
    for p in [*people, world.thinh, world.person_b]:
        Rating.objects.create(person=p, year=Y, level="HTTNV")
    return people


def links(body):
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', body)]


def test_links_from_a_ward_view_keep_unit_and_year(as_user, world, ward_people):
    client = as_user("specialist")  # the city specialist looks at one ward
    body = client.get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": Y}).content.decode()
    hrefs = links(body)
    export = [h for h in hrefs if h.startswith(reverse("eligibility:unit_export"))]
    headers = [h for h in hrefs if "award=LDTT" in h and "status" not in h]
    nxt = [h for h in hrefs if "page=2" in h]
    assert export and headers and nxt
    for h in export + headers + nxt:
        assert "??" not in h and f"unit={world.ward_a.pk}" in h and f"year={Y}" in h, h
    # "Sau ›" lands on the ward's second page, not on the city.
    second = client.get(nxt[0] if nxt[0].startswith("/") else reverse("eligibility:unit") + nxt[0]).content.decode()
    assert "Phường Phú Lương" in second and "Phạm Minh Đức" not in second
    # The export holds the ward's rows only, of that year.
    url = export[0]
    ws = load_workbook(io.BytesIO(client.get(url).content)).active
    codes = {r[0] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert "CB0001" in codes and "S000" in codes and "CB0101" not in codes
    assert ws.title == f"Xét khen thưởng {Y}"


def test_default_unit_export_link_names_the_unit(as_user, world, ward_people):
    """Opened without parameters, the export link still says which unit and year."""
    body = as_user("officer_a").get(reverse("eligibility:unit")).content.decode()
    export = [h for h in links(body) if h.startswith(reverse("eligibility:unit_export"))][0]
    assert f"unit={world.ward_a.pk}" in export and "year=" in export


def test_columns_are_award_names_and_reasons_are_on_the_page(as_user, world, ward_people):
    body = as_user("officer_a").get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": Y}).content.decode()
    head = re.sub(r"<[^>]+>", " ", body[body.index("<thead>"):body.index("</thead>")])  # the text a user reads
    assert "Chiến sĩ thi đua cơ sở" in head and "Chiến sĩ thi đua Thành phố" in head
    assert "BK_TINH" not in head and "CSTD_TINH" not in head
    # The missing conditions are written in the cells, not hidden in a title attribute.
    assert "Chưa đủ 3 năm liên tục" in body and "Chưa được tặng" in body
    assert 'title="Chưa' not in body


def test_year_list_reaches_next_year(as_user, world, ward_people):
    body = as_user("officer_a").get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": Y}).content.decode()
    this = timezone.localdate().year
    assert f'<option value="{this + 1}"' in body and f'<option value="{this - 10}"' in body
    body = as_user("officer_a").get(reverse("eligibility:person", args=[world.thinh.pk])).content.decode()
    assert f'<option value="{this + 1}"' in body


def test_unit_picker_lists_units_in_scope_only(as_user, world):
    officer = as_user("officer_a")
    body = officer.get(reverse("eligibility:unit_picker"), {"q": "phu luong", "year": Y}, headers={"HX-Request": "true"}).content.decode()
    assert "Phường Phú Lương" in body and f"unit={world.ward_a.pk}" in unescape(body) and f"year={Y}" in unescape(body)
    assert "Yên Nghĩa" not in officer.get(reverse("eligibility:unit_picker"), {"q": "yen nghia"}).content.decode().split("<main")[-1]
    # The city specialist picks a ward directly.
    body = as_user("specialist").get(reverse("eligibility:unit_picker"), {"q": "yen nghia"}).content.decode()
    assert f'href="/xet-khen-thuong/?unit={world.ward_b.pk}"' in body


def test_results_are_kept_and_recomputed_for_the_changed_unit(as_user, world, ward_people):
    client = as_user("officer_a")
    url = reverse("eligibility:unit")
    client.get(url, {"unit": world.ward_a.pk, "year": Y})  # first view: computed (immediately, in tests)
    run = ResultRun.objects.get(year=Y)
    assert run.computed_at and not run.pending
    before_b = list(Result.objects.filter(year=Y, subject_id=world.person_b.pk, kind="p").values_list("id", flat=True))
    assert before_b
    # Thịnh's rating is lowered through the ratings screen's action: an event names ward A's office.
    record_actions.ratings_save(acting_user=world.users["officer_a"], unit=world.office_a, year=Y,
                                people={world.thinh.pk: "KHTNV"}, reason="Sửa theo biên bản")
    body = client.get(url, {"unit": world.ward_a.pk, "year": Y, "award": "LDTT", "status": "eligible"}).content.decode()
    assert "Nguyễn Thị Thịnh" not in body and "Đỗ Văn Sơn000" in body
    row = Result.objects.get(year=Y, subject_id=world.thinh.pk, kind="p")
    assert row.eligible == 0
    # Ward B's rows were not rewritten: only the changed unit was recomputed.
    assert list(Result.objects.filter(year=Y, subject_id=world.person_b.pk, kind="p").values_list("id", flat=True)) == before_b
    assert not StaleUnit.objects.exists()
    # The counts kept per unit after the partial recomputation are those of a computation from scratch.
    kept = {(c.unit_id, c.kind): c.counts for c in ResultCount.objects.filter(year=Y)}
    compute_year(Y)
    assert {(c.unit_id, c.kind): c.counts for c in ResultCount.objects.filter(year=Y)} == kept
    assert kept[world.ward_a.pk, "p"]["all"] == 63 and kept[world.city.pk, "p"]["all"] == 64


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_page_says_when_results_are_being_recomputed(as_user, world, ward_people):
    client = as_user("officer_a")
    url = reverse("eligibility:unit")
    body = client.get(url, {"unit": world.ward_a.pk, "year": Y}).content.decode()
    assert "đang được tính lần đầu" in body  # the worker has not run yet
    bring_up_to_date(Y)  # the worker runs
    body = client.get(url, {"unit": world.ward_a.pk, "year": Y}).content.decode()
    assert "đang được tính" not in body and "Đỗ Văn Sơn000" in body
    record_actions.ratings_save(acting_user=world.users["officer_a"], unit=world.office_a, year=Y, people={world.thinh.pk: "KHTNV"},
                                reason="Sửa theo biên bản")
    body = client.get(url, {"unit": world.ward_a.pk, "year": Y}).content.decode()
    assert "Kết quả đang được tính lại" in body and "cập nhật lúc" in body
    assert StaleUnit.objects.filter(year=Y, unit_id=world.office_a.pk).exists()
    bring_up_to_date(Y)
    body = client.get(url, {"unit": world.ward_a.pk, "year": Y}).content.decode()
    assert "đang được tính" not in body


def test_rows_written_without_an_event_recompute_the_year(as_user, world, ward_people):
    """A bulk load leaves no event: the table's highest id moving is enough to recompute."""
    compute_year(Y)
    Rating.objects.filter(person=world.person_b, year=Y).delete()
    Rating.objects.create(person=world.person_b, year=Y, level="KHTNV")
    bring_up_to_date(Y)
    assert Result.objects.get(year=Y, kind="p", subject_id=world.person_b.pk).eligible == 0


def test_page_agrees_with_a_fresh_evaluation(as_user, world, ward_people):
    """The counts shown are those of the engine run afresh (what the CLI and the export give)."""
    from eligibility.engine import evaluate

    body = as_user("specialist").get(reverse("eligibility:unit"), {"unit": world.city.pk, "year": Y}).content.decode()
    fresh = evaluate(Y, unit=world.city)
    n_ldtt = sum(1 for o in fresh.outcomes if o.award.code == "LDTT" and o.eligible)
    assert n_ldtt == 62
    assert re.search(rf"<b>{n_ldtt}</b><span>đủ điều kiện Lao động tiên tiến", body)


@override_settings(TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}})
def test_a_lost_recomputation_is_queued_again(as_user, world, ward_people):
    """A worker that lost the task must not leave the page "being recomputed" for ever; views meanwhile queue once."""
    from datetime import timedelta

    client = as_user("officer_a")
    url = reverse("eligibility:unit")
    client.get(url, {"unit": world.ward_a.pk, "year": Y})
    first = ResultRun.objects.get(year=Y).queued_at
    client.get(url, {"unit": world.ward_a.pk, "year": Y})
    assert ResultRun.objects.get(year=Y).queued_at == first  # not queued again on every view
    ResultRun.objects.filter(year=Y).update(queued_at=first - timedelta(minutes=20))
    client.get(url, {"unit": world.ward_a.pk, "year": Y})
    assert ResultRun.objects.get(year=Y).queued_at > first


def test_a_big_export_is_written_by_the_worker_with_progress(as_user, world, ward_people, monkeypatch, settings, tmp_path):
    from eligibility import views

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(views, "BIG_EXPORT_PEOPLE", 10)  # ward A has 63 people: "big" here
    client = as_user("specialist")
    response = client.get(reverse("eligibility:unit_export"), {"unit": world.ward_a.pk, "year": Y})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đã xuất xong" in page  # the worker ran (immediately, in tests)
    download = [unescape(h) for h in re.findall(r'href="([^"]*tai-ve/)"', page)][0]
    ws = load_workbook(io.BytesIO(b"".join(client.get(download).streaming_content))).active
    codes = {r[0] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert "S000" in codes and "CB0001" in codes and "CB0101" not in codes
    # Someone else's export is not theirs to see.
    assert as_user("officer_a").get(response["Location"]).status_code == 404
    assert as_user("officer_a").get(download).status_code == 404


def test_results_are_kept_when_award_ids_are_large(as_user, world, ward_people):
    """Award ids grow as a rulebook is reloaded (and never reset on PostgreSQL): the kept results
    place each award at a small bit, not at ``1 << id`` (which overflowed the 64-bit column)."""
    from rulebook.models import AwardType

    ldtt = AwardType.objects.get(code="LDTT")
    old, new = ldtt.pk, 5000
    AwardType.objects.filter(pk=old).update(id=new)
    for rel in AwardType._meta.related_objects:
        rel.related_model._base_manager.filter(**{rel.field.attname: old}).update(**{rel.field.attname: new})
    assert compute_year(Y) > 0
    body = as_user("specialist").get(reverse("eligibility:unit"), {"unit": world.city.pk, "year": Y}).content.decode()
    assert re.search(r"<b>62</b><span>đủ điều kiện Lao động tiên tiến", body)
    listed = as_user("specialist").get(reverse("eligibility:unit"),
                                       {"unit": world.ward_a.pk, "year": Y, "award": "LDTT", "status": "eligible"})
    assert listed.status_code == 200 and "61 kết quả" in listed.content.decode()  # the ward's 60 + Thịnh


def test_a_person_who_moved_out_of_scope_is_listed_without_a_link(as_user, world, ward_people):
    """Who worked in the ward during the year is evaluated with it; their own page, now in another
    ward, is not the officer's to open, so the name is not a link (it led to a 404)."""
    from datetime import date

    from org.models import Employment

    moved = ward_people[0]
    Employment.objects.filter(person=moved).update(end=date(2024, 12, 31))
    Employment.objects.create(person=moved, unit=world.ward_b, position="Chuyên viên", start=date(2025, 1, 1))
    type(moved).objects.filter(pk=moved.pk).update(unit=world.ward_b)
    compute_year(Y)
    client = as_user("officer_a")
    for params in ({}, {"award": "LDTT"}):
        body = client.get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": Y, **params}).content.decode()
        assert moved.full_name in body
        assert reverse("eligibility:person", args=[moved.pk]) not in body
        assert reverse("eligibility:person", args=[ward_people[1].pk]) in body
        for href in links(body):
            if "/thanh-tich/" in href:
                assert client.get(href).status_code == 200, href


def test_a_collective_that_qualifies_reads_so_on_both_pages(as_user, world, ward_people):
    """Collectives are read as the worker kept them; the page must read each award at its kept position."""
    from eligibility.engine import evaluate

    Rating.objects.create(unit=world.school_a, year=Y, level="HTTNV")
    fresh = {o.award.code for o in evaluate(Y, unit=world.school_a).outcomes
             if o.kind == "unit" and o.subject.id == world.school_a.pk and o.eligible}
    assert "TTLDTT" in fresh
    client = as_user("officer_a")
    listed = client.get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": Y, "award": "TTLDTT"}).content.decode()
    row = listed[listed.index(world.school_a.name):]
    row = row[:row.index("</tr>")]
    assert "Đủ điều kiện" in row and "Chưa đủ" not in row
    matrix = client.get(reverse("eligibility:unit"), {"unit": world.ward_a.pk, "year": Y}).content.decode()
    row = matrix[matrix.rindex(world.school_a.name):]
    row = row[:row.index("</tr>")]
    assert row.count("✓ Đủ") == len(fresh & {"TTLDTT", "TTLDXS"})


def test_many_events_since_the_last_run_recompute_the_year_whole(world, ward_people, monkeypatch):
    """After a big import (one event per person) the log is not traced event by event: past
    MANY_EVENTS the year is marked for a whole recomputation (tracing 100,000 people passed
    PostgreSQL's limit on query parameters)."""
    from audit.recording import record
    from eligibility import results

    compute_year(Y)
    run = ResultRun.objects.get(year=Y)
    monkeypatch.setattr(results, "MANY_EVENTS", 3)
    for p in ward_people[:4]:
        record(actor=None, verb="update", target=p, changes={"Điện thoại": ["", "1"]})
    units, full, last = results.stale_units_since(run.last_event_id)
    assert (units, full) == (set(), True) and last == results._last_event_id()
    monkeypatch.setattr(results, "MANY_EVENTS", 5000)
    units, full, _ = results.stale_units_since(run.last_event_id)
    assert world.school_a.pk in units and not full


def test_an_export_that_fails_says_so_instead_of_running_for_ever(as_user, world, ward_people, monkeypatch, settings, tmp_path):
    from eligibility import export, views
    from jobs.models import ExportJob

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(views, "BIG_EXPORT_PEOPLE", 10)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export, "export_workbook", broken)
    client = as_user("specialist")
    response = client.get(reverse("eligibility:unit_export"), {"unit": world.ward_a.pk, "year": Y})
    assert ExportJob.objects.get().state == ExportJob.State.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Không xuất được tệp" in page and "Đã xuất xong" not in page and "Thử lại" in page
    # Mended, the same export is tried again from its page.
    monkeypatch.undo()
    settings.DATA_DIR = tmp_path
    client.post(response["Location"] + "thu-lai/")
    page = client.get(response["Location"]).content.decode()
    assert ExportJob.objects.get().state == ExportJob.State.DONE and "Đã xuất xong" in page
