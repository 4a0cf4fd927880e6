"""The registration grid of a large unit: people 100 a page, filtered by sub-unit and by
name; saving one page never drops what was registered on another; the standing
office's index counts without reading lines."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.recording import events_for
from org.models import Person
from registration.models import Registration
from tdkt.testing.plans import travel
from tdkt.testing.registration import form_url

pytestmark = pytest.mark.django_db


def add_people(unit, n, start=500):
    people = []
    for i in range(n):
        p = Person(code=f"CB{start + i:04d}", full_name=f"Phạm Văn Người{i:03d}", unit=unit, position="Giáo viên")
        p.fill_derived()
        people.append(p)
    Person.objects.bulk_create(people)
    return list(Person.objects.filter(code__in=[p.code for p in people]).order_by("sort_key", "id"))


def rows(page):
    return page.count('name="ind"') // 4  # four individual titles a row


def test_people_come_a_hundred_a_page_and_saving_a_page_keeps_the_others(as_user, world, plan):
    add_people(world.school_a, 150)
    client = as_user("officer_a")
    everyone = list(Person.objects.filter(unit__path__startswith=world.ward_a.path).order_by("sort_key", "id"))
    first, second = everyone[:100], everyone[100:]
    with travel(2022, 1, 20, 9, 0):
        page1 = client.get(form_url(plan, world.ward_a)).content.decode()
        assert rows(page1) == 100 and "Trang 1 / 2" in page1 and "153 kết quả" in page1
        page2 = client.get(form_url(plan, world.ward_a) + "&page=2").content.decode()
        assert rows(page2) == 53
        # Register someone on page 2, then save page 1 with one of its people.
        shown2 = ",".join(str(p.pk) for p in second)
        client.post(form_url(plan, world.ward_a) + "&page=2", {"unit": world.ward_a.pk, "shown": shown2,
                                                                "ind": [f"{second[-1].pk}:LDTT"], "action": "draft"})
        shown1 = ",".join(str(p.pk) for p in first)
        response = client.post(form_url(plan, world.ward_a), {"unit": world.ward_a.pk, "shown": shown1,
                                                              "ind": [f"{first[0].pk}:CSTDCS"],
                                                              "col": [f"{world.school_a.pk}:TTLDXS"], "action": "submit"},
                               follow=True)
        body = response.content.decode()
    assert "2 lượt cá nhân, 1 lượt tập thể" in body
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    assert set(reg.lines.values_list("person_id", "award_type__code")) == {
        (second[-1].pk, "LDTT"), (first[0].pk, "CSTDCS"), (None, "TTLDXS")}
    # Unticking on page 2 removes only that line, and the history says whose.
    with travel(2022, 1, 21, 9, 0):
        client.post(form_url(plan, world.ward_a) + "&page=2", {"unit": world.ward_a.pk, "shown": shown2,
                                                                "col": [f"{world.school_a.pk}:TTLDXS"], "action": "submit"})
    assert set(reg.lines.values_list("person_id", flat=True)) == {first[0].pk, None}
    last = events_for(reg).order_by("-id").first()
    assert last.changes["Bỏ đăng ký"][1] == f"{second[-1].full_name} ({second[-1].position}) — Lao động tiên tiến"


def test_filter_by_sub_unit_and_name(as_user, world, plan):
    add_people(world.school_a, 120)
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        page = client.get(form_url(plan, world.ward_a) + f"&sub={world.office_a.pk}").content.decode()
        assert rows(page) == 2 and "Nguyễn Thị Thịnh" in page and "Người001" not in page
        page = client.get(form_url(plan, world.ward_a) + "&q=nguoi01").content.decode()
        assert rows(page) == 10 and "Phạm Văn Người010" in page and "Nguyễn Thị Thịnh" not in page
        # A sub-unit outside the unit is ignored, not an error.
        page = client.get(form_url(plan, world.ward_a) + f"&sub={world.ward_b.pk}&page=abc")
        assert page.status_code == 200 and rows(page.content.decode()) == 100


def test_office_index_does_not_read_registration_lines(as_user, world, plan):
    people = add_people(world.school_a, 60)
    client = as_user("specialist")
    with travel(2022, 1, 20, 9, 0):
        post = {"unit": world.ward_a.pk, "ind": [f"{people[0].pk}:LDTT"], "action": "submit"}
        as_user("officer_a").post(form_url(plan, world.ward_a), post)
        overview = reverse("registration:overview", args=[plan.pk])
        with CaptureQueriesContext(connection) as few:
            page = client.get(reverse("registration:index")).content.decode()
        with CaptureQueriesContext(connection) as few_overview:
            client.get(overview)
        assert "<b>1/3</b><span>đơn vị đã đăng ký</span>" in page
        post["ind"] = [f"{p.pk}:LDTT" for p in people]
        as_user("officer_a").post(form_url(plan, world.ward_a), post)
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("registration:index"))
        with CaptureQueriesContext(connection) as many_overview:
            body = client.get(overview).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    assert not any("movements_registrationline" in q["sql"] for q in many.captured_queries)
    # The consolidated view counts with one grouped query, whatever the number of lines.
    assert len(many_overview.captured_queries) == len(few_overview.captured_queries)
    assert not any('FROM "org_person"' in q["sql"] for q in many_overview.captured_queries)  # no line, no person read
    assert "<b>60</b><span>lượt đăng ký cá nhân</span>" in body


def test_after_the_deadline_silent_units_read_overdue_then_no_need(as_user, world, plan):
    from registration import actions

    client = as_user("specialist")
    with travel(2022, 1, 25, 9, 0):
        body = client.get(reverse("registration:overview", args=[plan.pk])).content.decode()
        assert "Chưa đăng ký, đã quá hạn" not in body and "Chưa đăng ký" in body
    with travel(2022, 1, 31, 9, 0):
        body = client.get(reverse("registration:overview", args=[plan.pk])).content.decode()
        assert body.count("Chưa đăng ký, đã quá hạn") == 3
        index = client.get(reverse("registration:index")).content.decode()
        assert "<b>3</b><span>chưa đăng ký, đã quá hạn (sẽ được ghi nhận không có nhu cầu)</span>" in index
        actions.registrations_close(plan=plan)
        body = client.get(reverse("registration:overview", args=[plan.pk])).content.decode()
        assert "đã quá hạn" not in body and body.count("Không có nhu cầu thi đua, khen thưởng năm 2022 (từ ngày 31/01/2022)") == 3


def test_collectives_come_a_hundred_a_page_and_saving_one_keeps_the_others(as_user, world, plan):
    from datetime import date

    from tdkt.testing import unit

    for i in range(105):
        unit(f"HN-PLU-TDP{i:03d}", f"Tổ dân phố số {i + 1:03d}", "residential", world.ward_a, valid_from=date(2000, 1, 1))
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        page1 = client.get(form_url(plan, world.ward_a)).content.decode()
        assert page1.count('name="col"') == 100 * 5 and "Tập thể: trang 1 / 2 · 108 tập thể" in page1
        page2 = client.get(form_url(plan, world.ward_a) + "&cpage=2").content.decode()
        assert page2.count('name="col"') == 8 * 5
        shown_units = page1.split('name="shown_units" value="')[1].split('"')[0]
        first_unit = int(shown_units.split(",")[0])
        client.post(form_url(plan, world.ward_a), {"unit": world.ward_a.pk, "shown": "", "shown_units": shown_units,
                                                   "col": [f"{first_unit}:TTLDTT"], "action": "draft"})
        shown_units2 = page2.split('name="shown_units" value="')[1].split('"')[0]
        last_unit = int(shown_units2.split(",")[-1])
        client.post(form_url(plan, world.ward_a) + "&cpage=2", {"unit": world.ward_a.pk, "shown": "", "shown_units": shown_units2,
                                                                 "col": [f"{last_unit}:TTLDXS"], "action": "draft"})
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    assert set(reg.lines.values_list("unit_id", "award_type__code")) == {(first_unit, "TTLDTT"), (last_unit, "TTLDXS")}


def test_bad_filter_values_are_ignored_and_the_name_search_finds_words_in_any_order(as_user, world, plan):
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        for bad in ["²", "-1", "99999999999999999999", "abc"]:
            page = client.get(form_url(plan, world.ward_a) + f"&sub={bad}")
            assert page.status_code == 200 and "3 kết quả" in page.content.decode(), bad
        found = client.get(form_url(plan, world.ward_a) + "&q=anh le").content.decode()
        assert "Lê Thị Ánh" in found and "1 kết quả" in found
        response = client.post(form_url(plan, world.ward_a), {"unit": world.ward_a.pk, "shown": "²,x",
                                                              "ind": [f"{world.thinh.pk}:LDTT"], "action": "draft"})
        assert response.status_code in (200, 302)
