"""The report's pages: scoped to the user's units, the figures shown, charts drawn without a script, queries bounded."""

import pytest
from django.urls import reverse

from tdkt.testing import reports as report_world
from tdkt.testing.reports import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(world):
    report_world.build(world)
    return world


def test_the_ward_officer_reads_the_ward_report_with_its_charts(small, as_user):
    page = as_user("officer_a").get(reverse("reports:report"), {"don-vi": small.ward_a.pk, "nam": YEAR})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="so-khen-thuong">7<' in html
    assert 'id="tong-tien">7.371.000 đ<' in html
    assert "83,3%" in html  # direct workers
    assert html.count("<svg") >= 3 and "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    assert 'id="bieu-do-khen-thuong"' in html


def test_another_ward_is_not_found(small, as_user):
    page = as_user("officer_b").get(reverse("reports:report"), {"don-vi": small.ward_a.pk, "nam": YEAR})
    assert page.status_code == 404
    assert as_user("officer_b").get(reverse("reports:excel"), {"don-vi": small.ward_a.pk}).status_code == 404
    assert as_user("officer_b").get(reverse("reports:conference"), {"don-vi": small.ward_a.pk}).status_code == 404


def test_without_a_level_the_users_own_is_shown(small, as_user):
    page = as_user("officer_a").get(reverse("reports:report"), {"nam": YEAR})
    assert page.status_code == 200
    assert page.context["unit"] == small.ward_a


def test_the_conference_page_lists_the_honours_and_the_batches(small, as_user):
    page = as_user("specialist").get(reverse("reports:conference"), {"don-vi": small.ward_a.pk, "nam": YEAR})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lượt 1" in html and "Trường THCS Phú Lương" in html
    assert "Quyết định 12/QĐ-UBND ngày 20/01/2026" in html
