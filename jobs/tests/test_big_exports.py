"""Exports too big for a request go to the worker with progress on a page, as the eligibility export does: the
people list of a big unit and a big unit's registration template (17.7 s and 25.5 s in the request for 100,000
people before). The file is the same one the small export gives, and only the person who asked gets it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jobs.models import ExportJob
from tdkt.testing.plans import travel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    settings.TDKT_EXPORT_INLINE_ROWS = 2  # ward A has 3 people: "big" here
    settings.DATA_DIR = tmp_path


def _follow_to_file(client, response):
    assert response.status_code == 302 and response["Location"].startswith("/xuat-excel/")
    page = client.get(response["Location"]).content.decode()
    assert "Đã xuất xong" in page  # the worker ran (at once, in tests)
    job = ExportJob.objects.get()
    download = client.get(reverse("jobs:export_download", args=[job.pk]))
    assert download.status_code == 200
    return job, load_workbook(io.BytesIO(b"".join(download.streaming_content)))


def test_a_big_people_list_is_written_by_the_worker(as_user, world, settings):
    settings.TDKT_EXPORT_INLINE_ROWS = 0
    client = as_user("officer_a")
    job, wb = _follow_to_file(client, client.get(reverse("org:people_export") + "?q=nguyen"))
    codes = [r[0] for r in wb.active.iter_rows(min_row=2, values_only=True)]
    assert codes == ["CB0001"]  # the filter the person typed, in their scope
    assert job.filename.startswith("danh-sach-can-bo-") and job.user == world.users["officer_a"]
    # Somebody else's export is not theirs to see.
    assert as_user("officer_b").get(reverse("jobs:export", args=[job.pk])).status_code == 404
    assert as_user("officer_b").get(reverse("jobs:export_download", args=[job.pk])).status_code == 404
    # Under the limit the file comes at once, as before.
    settings.TDKT_EXPORT_INLINE_ROWS = 5000
    assert client.get(reverse("org:people_export")).status_code == 200


def test_a_big_units_registration_template_is_written_by_the_worker(as_user, world, plan):
    client = as_user("officer_a")
    with travel(2022, 1, 20, 9, 0):
        response = client.get(reverse("registration:template", args=[plan.pk]) + f"?unit={world.ward_a.pk}")
        job, wb = _follow_to_file(client, response)
    assert job.filename == f"dang-ky-thi-dua-2022-{world.ward_a.code.lower()}.xlsx"
    assert sorted(r[0] for r in wb["Cá nhân"].iter_rows(min_row=2, values_only=True)) == ["CB0001", "CB0002", "CB0003"]
    page = client.get(reverse("jobs:export", args=[job.pk])).content.decode()
    assert f"?unit={world.ward_a.pk}" in page  # the way back to the registration
