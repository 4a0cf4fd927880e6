"""The report of a big level (more than TDKT_REPORT_INLINE_PEOPLE people) is computed by the worker once and kept:
the page shows the kept figures and their time, says when the awards changed since, computes them again on
“Tính lại”; the files read the kept figures; a small level stays inline. (Here ward A's few people are "big".)"""

import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from decisions.models import Award
from jobs.models import ExportJob
from reports import kept
from tdkt.testing import reports as report_world
from tdkt.testing.reports import YEAR, award

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(world, settings, tmp_path):
    report_world.build(world)
    settings.TDKT_REPORT_INLINE_PEOPLE = 2  # ward A has more people than that
    settings.DATA_DIR = tmp_path  # the kept files of this test alone
    return world


def page_of(client, world, **kw):
    return client.get(reverse("reports:report"), {"don-vi": world.ward_a.pk, "nam": YEAR, **kw})


def html(page):
    assert page.status_code == 200
    return page.content.decode()


def awards_shown(body):
    return int(re.search(r'id="so-khen-thuong">([\d.]+)<', body).group(1).replace(".", ""))


def test_a_big_level_is_computed_by_the_worker_once_and_read_back_with_its_time(big, as_user):
    client = as_user("officer_a")
    body = html(page_of(client, big))  # the worker runs at once in tests
    job = ExportJob.objects.get(kind=kept.KIND)
    assert job.params == {"unit": big.ward_a.pk, "year": YEAR, "back_label": "Báo cáo tổng kết"}
    assert job.state == "done" and kept.kept_path(job).exists()
    assert awards_shown(body) == 7 and 'id="tong-tien">7.371.000 đ<' in body
    at = timezone.localtime(kept.read(job).computed_at)
    assert f"số liệu lúc {at:%H:%M %d/%m/%Y}" in body
    assert body.count("<svg") >= 3 and "Số liệu đã thay đổi" not in body
    # Read back, not computed again: by anybody who may see the level.
    html(page_of(client, big))
    assert awards_shown(html(page_of(as_user("specialist"), big))) == 7
    assert ExportJob.objects.filter(kind=kept.KIND).count() == 1


def test_a_changed_award_marks_the_kept_figures_stale_until_computed_again(big, as_user):
    client = as_user("officer_a")
    html(page_of(client, big))
    award("GK", person=big.thinh, amount=351_000, source="manual")
    body = html(page_of(client, big))
    assert "Số liệu đã thay đổi từ lúc tính" in body
    assert awards_shown(body) == 7  # still the kept figures
    response = client.post(reverse("reports:recompute") + f"?don-vi={big.ward_a.pk}&nam={YEAR}")
    assert response.status_code == 302
    assert ExportJob.objects.filter(kind=kept.KIND).count() == 2
    body = html(page_of(client, big))
    assert awards_shown(body) == 8 and "Số liệu đã thay đổi" not in body
    # A revocation is a change too.
    Award.objects.filter(person=big.thinh, award_type__code="GK", year=YEAR).update(revoked_on=timezone.localdate())
    assert "Số liệu đã thay đổi từ lúc tính" in html(page_of(client, big))


def test_the_files_of_a_big_level_are_the_kept_figures(big, as_user):
    client = as_user("officer_a")
    html(page_of(client, big))
    award("GK", person=big.thinh, amount=351_000, source="manual")  # after the figures were kept
    response = client.get(reverse("reports:excel"), {"don-vi": big.ward_a.pk, "nam": YEAR})
    assert response.status_code == 200
    summary = {r[0].value: r[1].value for r in load_workbook(io.BytesIO(response.content))["Tổng hợp"].iter_rows(min_row=5)}
    assert summary["Tổng số khen thưởng"] == 7
    word = client.get(reverse("reports:word"), {"don-vi": big.ward_a.pk, "nam": YEAR})
    assert word.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert "đã khen thưởng 7 lượt" in text
    # The worker wrote it with the figures; the request hands that file over.
    job = ExportJob.objects.get(kind=kept.KIND)
    assert word.content == kept.word_path_of(kept.kept_path(job)).read_bytes()


def test_while_the_worker_computes_the_page_shows_progress_and_polls(big, as_user, monkeypatch):
    monkeypatch.setattr("jobs.exports.enqueue", lambda job_id: None)  # no worker yet
    client = as_user("officer_a")
    body = html(page_of(client, big))
    job = ExportJob.objects.get(kind=kept.KIND)
    poll_url = reverse("reports:report_job", args=[job.pk])
    assert "Đang tính số liệu của báo cáo" in body and f'hx-get="{poll_url}?don-vi={big.ward_a.pk}&amp;nam={YEAR}"' in body
    assert 'id="so-khen-thuong"' not in body
    # A second look does not start a second computation; the files wait for the figures.
    html(page_of(client, big))
    assert ExportJob.objects.filter(kind=kept.KIND).count() == 1
    excel = client.get(reverse("reports:excel"), {"don-vi": big.ward_a.pk, "nam": YEAR})
    assert excel.status_code == 302 and excel["Location"].startswith(reverse("reports:report"))
    poll = client.get(poll_url, {"don-vi": big.ward_a.pk, "nam": YEAR}, headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "Đang tính số liệu" in poll.content.decode()
    from jobs.exports import run

    run(job.pk)
    done = client.get(poll_url, {"don-vi": big.ward_a.pk, "nam": YEAR}, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert awards_shown(html(page_of(client, big))) == 7


def test_another_wards_user_cannot_read_a_levels_kept_report(big, as_user):
    html(page_of(as_user("officer_a"), big))
    job = ExportJob.objects.get(kind=kept.KIND)
    other = as_user("officer_b")
    assert page_of(other, big).status_code == 404
    assert other.get(reverse("reports:excel"), {"don-vi": big.ward_a.pk, "nam": YEAR}).status_code == 404
    poll_url = reverse("reports:report_job", args=[job.pk])
    assert other.get(poll_url, {"don-vi": big.ward_a.pk, "nam": YEAR}).status_code == 404
    assert other.get(poll_url, {"don-vi": big.ward_b.pk, "nam": YEAR}).status_code == 404  # not that level's job
    assert other.post(reverse("reports:recompute") + f"?don-vi={big.ward_a.pk}&nam={YEAR}").status_code == 404
    assert ExportJob.objects.filter(kind=kept.KIND).count() == 1


def test_a_small_level_stays_inline(world, as_user):
    report_world.build(world)
    body = html(page_of(as_user("officer_a"), world))
    assert awards_shown(body) == 7 and "số liệu lúc" not in body
    assert not ExportJob.objects.filter(kind=kept.KIND).exists()


def test_the_kept_page_reads_few_queries(big, as_user, django_assert_max_num_queries):
    client = as_user("officer_a")
    html(page_of(client, big))
    with django_assert_max_num_queries(14):
        html(page_of(client, big))


def test_the_programme_of_a_big_level_waits_for_the_kept_figures(big, as_user, monkeypatch):
    monkeypatch.setattr("jobs.exports.enqueue", lambda job_id: None)  # no worker yet
    client = as_user("officer_a")
    programme = reverse("reports:programme")
    waiting = client.get(programme, {"don-vi": big.ward_a.pk, "nam": YEAR})
    assert waiting.status_code == 302 and waiting["Location"].startswith(reverse("reports:report"))
    body = html(client.get(waiting["Location"]))
    assert "đang được tính (đơn vị lớn)" in body and "chương trình hội nghị" in body
    from jobs.exports import run

    run(ExportJob.objects.get(kind=kept.KIND).pk)
    done = client.get(programme, {"don-vi": big.ward_a.pk, "nam": YEAR})
    assert done.status_code == 200 and done.content[:2] == b"PK"


def test_kept_figures_read_back_equal_the_figures_computed_inline(big):
    """Everything the page and the files show survives the keeping: the tables of the workbook are the same."""
    from reports import exports, selectors

    report = selectors.year_report(big.ward_a, YEAR)
    back = kept.decode(json.loads(json.dumps(kept.encode(report))))  # as the file holds it
    assert exports.tables(back) == exports.tables(report)
    assert back["total"].money == report["total"].money and back["priority"] == report["priority"]
    assert [line.key.code for line in back["by_award"]] == [line.key.code for line in report["by_award"]]
