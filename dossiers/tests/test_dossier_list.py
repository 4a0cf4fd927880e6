"""The dossier list: a search by code, title or the name of someone proposed (without diacritics), filters by year,
status, unit, authority and kind, a pager that keeps them, and an Excel export of what is filtered (at once, or by
the worker for a long list). On a ward's dossiers today and 2017 dossiers to a district."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.text import fold
from dossiers import actions
from dossiers.models import Kind
from jobs.models import ExportJob
from tdkt.testing import unit

from .helpers import dossier_of

pytestmark = pytest.mark.django_db


def client_of(u):
    c = Client()
    c.force_login(u)
    return c


@pytest.fixture
def three(case):
    """The year-end dossier naming the case's people; an ad hoc one of a school under the unit; last year's."""
    year_end = dossier_of(case, documents=False)
    school = unit(f"{case.unit.code}-MN", "Trường Mầm non Hoa Sen", "school", case.unit, valid_from=date(2000, 1, 1))
    storm = actions.dossier_create(acting_user=case.officer, unit=school, authority=case.authority, year=case.year,
                                   title="Khen thưởng đột xuất trong phòng, chống bão số 3", kind=Kind.AD_HOC)
    earlier = actions.dossier_create(acting_user=case.officer, unit=case.unit, authority=case.authority, year=case.year - 1,
                                     title=f"Đề nghị khen thưởng tổng kết năm {case.year - 1}")
    return year_end, storm, earlier


def listed(client, **params):
    page = client.get(reverse("dossiers:list"), params).content.decode()
    return page


def codes_in(page, dossiers):
    return {d.code for d in dossiers if f">{d.code}</a>" in page}


def test_search_and_filters(case, three):
    year_end, storm, earlier = three
    clerk = client_of(case.officer)
    everything = set(three)
    assert codes_in(listed(clerk), everything) == {d.code for d in everything}
    assert codes_in(listed(clerk, q=year_end.code.lower()), everything) == {year_end.code}
    assert codes_in(listed(clerk, q="phong chong bao"), everything) == {storm.code}
    # The name of someone proposed, typed without diacritics, finds the dossier that proposes her.
    name = case.people[0].full_name
    page = listed(clerk, q=fold(name))
    assert codes_in(page, everything) == {year_end.code}
    assert codes_in(listed(clerk, kind=Kind.AD_HOC), everything) == {storm.code}
    assert codes_in(listed(clerk, year=case.year - 1), everything) == {earlier.code}
    assert codes_in(listed(clerk, unit=storm.unit_id), everything) == {storm.code}
    assert codes_in(listed(clerk, authority=case.authority.pk, year=case.year, kind=Kind.REGULAR), everything) == {year_end.code}
    assert codes_in(listed(clerk, status="draft", q="khong co ho so nao ten nay"), everything) == set()
    assert "Không có hồ sơ nào khớp với điều kiện lọc." in listed(clerk, q="khong co ho so nao ten nay")
    # Someone of another ward finds none of them, whatever they type.
    other = client_of(get_user_model().objects.get(username="officer_b"))
    assert codes_in(listed(other, q=fold(name)), everything) == set()


def test_the_pager_keeps_the_filters(case, three):
    for i in range(31):
        actions.dossier_create(acting_user=case.officer, unit=case.unit, authority=case.authority, year=case.year,
                               title=f"Đề nghị khen thưởng chuyên đề số {i + 1}", kind=Kind.CAMPAIGN)
    clerk = client_of(case.officer)
    page = listed(clerk, kind=Kind.CAMPAIGN, year=case.year)
    assert "Trang 1 / 2 · 31 kết quả" in page  # the three others are not of the kind
    assert f'href="?kind=theo_dot&amp;year={case.year}&amp;page=2"' in page
    second = listed(clerk, kind=Kind.CAMPAIGN, year=case.year, page=2)
    assert "Trang 2 / 2" in second and second.count("Đề nghị khen thưởng chuyên đề số") == 1


def _sheet(response):
    content = b"".join(response.streaming_content) if hasattr(response, "streaming_content") else response.content
    return load_workbook(io.BytesIO(content)).active


def test_the_export_holds_what_is_filtered(case, three):
    year_end, storm, earlier = three
    clerk = client_of(case.officer)
    r = clerk.get(reverse("dossiers:export"), {"year": case.year})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = _sheet(r)
    header = [c.value for c in ws[1]]
    assert header[:7] == ["Số hồ sơ", "Trích yếu", "Đơn vị trình", "Cấp quyết định", "Năm thành tích",
                          "Loại hình khen thưởng", "Trạng thái"]
    rows = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {year_end.code, storm.code}
    assert rows[storm.code][5] == "Đột xuất" and rows[storm.code][6] == "Đang soạn"
    money = header.index("Tiền thưởng dự kiến (đồng)")
    assert rows[year_end.code][money] == sum(ln.amount for ln in year_end.lines.all()) > 0
    cell = next(c for c in ws[2 if ws.cell(2, 1).value == year_end.code else 3] if c.column == money + 1)
    assert cell.number_format == "#,##0"
    # The list's link carries the filters to the export.
    page = listed(clerk, year=case.year, kind=Kind.AD_HOC)
    assert f'href="{reverse("dossiers:export")}?year={case.year}&amp;kind=dot_xuat"' in page


def test_a_long_export_is_written_by_the_worker(case, three, settings, tmp_path):
    settings.TDKT_EXPORT_INLINE_ROWS = 1
    settings.DATA_DIR = tmp_path
    clerk = client_of(case.officer)
    r = clerk.get(reverse("dossiers:export"), {"year": case.year})
    assert r.status_code == 302
    assert "Đã xuất xong" in clerk.get(r["Location"]).content.decode()
    job = ExportJob.objects.get()
    assert job.kind == "dossiers" and job.user == case.officer
    ws = _sheet(clerk.get(reverse("jobs:export_download", args=[job.pk])))
    assert {row[0] for row in ws.iter_rows(min_row=2, values_only=True)} == {three[0].code, three[1].code}
