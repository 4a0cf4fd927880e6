"""Defaults that fit December (issue 15, item 11): a new dossier, the ratings screen and the eligibility page open on
the achievement year being reviewed — in December and January the year just ending — and a new dossier's title
follows its year unless the clerk typed their own. The month the review season starts is the setting
TDKT_REVIEW_FROM_MONTH (default 12; core.years)."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from core.dates import VN_TZ
from core.years import review_year
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=VN_TZ), tick=False)


def test_the_year_under_review_is_the_year_just_ending_in_december_and_january(settings):
    assert review_year(date(2026, 12, 1)) == 2026
    assert review_year(date(2027, 1, 20)) == 2026
    assert review_year(date(2017, 12, 6)) == 2017
    assert review_year(date(2018, 1, 31)) == 2017
    assert review_year(date(2026, 6, 15)) == 2025  # mid-year: the last year reviewed
    settings.TDKT_REVIEW_FROM_MONTH = 11  # an office that starts its review in November
    assert review_year(date(2026, 11, 5)) == 2026 and review_year(date(2026, 10, 31)) == 2025


def _selected_year(page):
    """The year chosen in the page's year select (not a unit's option: on PostgreSQL their ids have four digits)."""
    select = re.search(r'<select name="year"[^>]*>(.*?)</select>', page, re.S).group(1)
    return int(re.search(r'<option value="(\d{4})" selected>', select).group(1))


def _field(page, name):
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)


@pytest.mark.parametrize("day, year", [((2026, 12, 6), 2026), ((2027, 1, 15), 2026), ((2017, 12, 6), 2017)])
def test_a_new_dossier_is_of_the_year_under_review_and_titled_after_it(as_user, day, year):
    with at(*day, 9, 0):
        page = as_user("officer_a").get(reverse("dossiers:create")).content.decode()
    assert f'value="{year}"' in _field(page, "year")
    title = _field(page, "title")
    assert f'value="Đề nghị khen thưởng tổng kết năm {year}"' in title
    # The page rewrites the title when the year changes (static/js/app.js), unless the clerk typed their own.
    assert 'data-follows="#id_year"' in title and 'data-template="Đề nghị khen thưởng tổng kết năm {year}"' in title


def test_the_proposed_title_follows_a_year_changed_without_the_script_but_a_typed_title_stays(as_user, world):
    client = as_user("officer_a")
    url = reverse("dossiers:create")
    with at(2026, 12, 6, 9, 0):
        body = {"unit": world.ward_a.pk, "authority": world.ward_a.pk, "kind": "thuong_xuyen"}
        client.post(url, {**body, "year": "2025", "title": "Đề nghị khen thưởng tổng kết năm 2026"})
        client.post(url, {**body, "year": "2025", "title": "Đề nghị khen thưởng chuyên đề phòng, chống bão lũ 2026"})
    assert set(Dossier.objects.values_list("year", "title")) == {
        (2025, "Đề nghị khen thưởng tổng kết năm 2025"), (2025, "Đề nghị khen thưởng chuyên đề phòng, chống bão lũ 2026")}


@pytest.mark.parametrize("day, year", [((2026, 12, 6), 2026), ((2027, 1, 15), 2026), ((2026, 6, 1), 2025)])
def test_the_ratings_screen_opens_on_the_year_under_review(as_user, day, year):
    with at(*day, 9, 0):
        page = as_user("officer_a").get(reverse("records:ratings")).content.decode()
    assert f"Đánh giá, xếp loại năm {year}" in page and _selected_year(page) == year


@pytest.mark.parametrize("day, year", [((2026, 12, 6), 2026), ((2027, 1, 15), 2026), ((2017, 12, 6), 2017)])
def test_the_eligibility_page_opens_on_the_year_under_review(as_user, day, year):
    with at(*day, 9, 0):
        page = as_user("officer_a").get(reverse("eligibility:unit")).content.decode()
    assert _selected_year(page) == year
