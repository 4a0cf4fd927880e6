"""The decision list: a search by number, subject or the name of someone awarded (without diacritics), filters by
year, status (with revoked awards), kind (the awards' occasion) and authority, a pager that keeps them, and an Excel
export of what is filtered. On a ward's decisions today and a district's decisions of 2017."""

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.text import fold
from decisions.models import Award, Decision
from jobs.models import ExportJob
from org.models import Role, Unit
from rulebook.models import AwardType
from tdkt.testing import person, user

pytestmark = pytest.mark.django_db


def client_of(u):
    c = Client()
    c.force_login(u)
    return c


def _decision(authority, day, recipients, number, subject, occasion="year_end", award="LDTT", amount=390_000):
    d = Decision.objects.create(authority=authority, number=number, symbol="QĐ-UBND", date=day, year=day.year,
                                subject=subject, signer_title="CHỦ TỊCH", signer_name="Nguyễn Văn Ký",
                                total=amount * len(recipients))
    for p in recipients:
        Award.objects.create(award_type=AwardType.objects.get(code=award), person=p, year=d.year, decision=d, amount=amount,
                             decision_number=d.reference, decision_date=day, source="decision", occasion=occasion)
    return d


@pytest.fixture(params=["ward", "district 2017"])
def place(request, world):
    """(authority, the person who reads the list, the day its decisions were signed, its people)."""
    if request.param == "ward":
        day = timezone.localdate()
        return world.ward_a, world.users["officer_a"], day, [world.thinh]
    district = Unit.objects.get_parent(world.old_ward)
    reader = user("office_hadong", Role.SPECIALIST, district, full_name="Chuyên viên Phòng Nội vụ Hà Đông")
    return district, reader, date(2017, 12, 18), [person("PL0001", "Đỗ Thị Hạnh", world.old_ward, start=date(2010, 1, 1))]


@pytest.fixture
def three(place, world):
    authority, reader, day, people = place
    year_end = _decision(authority, day, people, "12", f"Về việc khen thưởng tổng kết phong trào thi đua năm {day.year}")
    storm = _decision(authority, day, [person("BAO01", "Lê Văn Bão", people[0].unit)], "13",
                      "Về việc khen thưởng đột xuất thành tích phòng, chống bão số 3", occasion="ad_hoc", award="GK")
    older = _decision(authority, day.replace(year=day.year - 1), people, "40", "Về việc khen thưởng năm trước")
    Award.objects.filter(decision=older).update(revoked_on=day)
    return year_end, storm, older


def listed(client, **params):
    return client.get(reverse("decisions:list"), params).content.decode()


def refs(page, decisions):
    return {d.number for d in decisions if f">{d.reference}</a>" in page}


def test_search_and_filters(place, three, world):
    year_end, storm, older = three
    authority, reader, day, people = place
    c = client_of(reader)
    assert refs(listed(c), three) == {"12", "13", "40"}
    assert refs(listed(c, q="13/QĐ-UBND"), three) == {"13"}
    assert refs(listed(c, q="phong chong bao"), three) == {"13"}  # the subject, typed without diacritics
    assert refs(listed(c, q=fold(people[0].full_name)), three) == {"12", "40"}  # someone awarded
    assert refs(listed(c, q="le van bao"), three) == {"13"}
    assert refs(listed(c, year=year_end.year), three) == {"12", "13"}
    assert refs(listed(c, status="revoked"), three) == {"40"}
    assert refs(listed(c, occasion="ad_hoc"), three) == {"13"}
    assert refs(listed(c, authority=authority.pk, occasion="year_end", year=year_end.year), three) == {"12"}
    assert "Không có quyết định nào khớp với điều kiện lọc." in listed(c, q="khong co quyet dinh nao")
    # Another ward's officer finds none of them.
    assert refs(listed(client_of(world.users["officer_b"]), q="phong chong bao"), three) == set()


def test_the_export_holds_what_is_filtered(place, three):
    authority, reader, day, people = place
    c = client_of(reader)
    r = c.get(reverse("decisions:export"), {"year": three[0].year})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    header = [cell.value for cell in ws[1]]
    assert header == ["Số, ký hiệu", "Ngày ký", "Trích yếu", "Cấp quyết định", "Năm thành tích", "Người ký",
                      "Số khen thưởng", "Đã hủy bỏ", "Tổng tiền thưởng (đồng)"]
    rows = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"12/QĐ-UBND", "13/QĐ-UBND"}
    assert rows["12/QĐ-UBND"][3] == authority.name and rows["12/QĐ-UBND"][8] == 390_000
    assert ws.cell(2, 9).number_format == "#,##0" and ws.cell(2, 2).number_format == "DD/MM/YYYY"
    page = listed(c, status="revoked", q="nam truoc")
    assert f'href="{reverse("decisions:export")}?status=revoked&amp;q=nam+truoc"' in page
    revoked = load_workbook(io.BytesIO(c.get(reverse("decisions:export"), {"status": "revoked"}).content)).active
    assert [(row[0], row[7]) for row in revoked.iter_rows(min_row=2, values_only=True)] == [("40/QĐ-UBND", 1)]


def test_a_long_export_is_written_by_the_worker(place, three, settings, tmp_path):
    settings.TDKT_EXPORT_INLINE_ROWS = 1
    settings.DATA_DIR = tmp_path
    authority, reader, day, people = place
    c = client_of(reader)
    r = c.get(reverse("decisions:export"), {"q": "khen thuong"})
    assert r.status_code == 302 and "Đã xuất xong" in c.get(r["Location"]).content.decode()
    job = ExportJob.objects.get()
    assert job.kind == "decisions" and job.user == reader
    download = c.get(reverse("jobs:export_download", args=[job.pk]))
    ws = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sorted(row[0] for row in ws.iter_rows(min_row=2, values_only=True)) == ["12/QĐ-UBND", "13/QĐ-UBND", "40/QĐ-UBND"]


def test_the_pager_keeps_the_filters(place):
    authority, reader, day, people = place
    for n in range(31):
        _decision(authority, day, [], str(100 + n), f"Về việc khen thưởng chuyên đề số {n + 1}", occasion="thematic")
    page = listed(client_of(reader), q="chuyen de")
    assert "Trang 1 / 2 · 31 kết quả" in page and 'href="?q=chuyen+de&amp;page=2"' in page
