"""A typed name that matches several people asks which — with each one's unit and birth year — and never adds one
silently: on the line form (the clerk chooses) and in the Excel import (an error naming the row and the codes). On
a ward's dossier today and a 2017 dossier to a district."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from dossiers.models import Line
from rulebook.models import AwardType
from tdkt.testing import person, unit

from .helpers import dossier_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(case):
    """Two people called Nguyễn Văn Nam under the proposing unit, in different units, born in 1979 and 1990."""
    other = unit(f"{case.unit.code}-TH", f"Trường Tiểu học {case.unit.name.split(' ', 1)[1]}", "school", case.unit,
                 valid_from=date(2000, 1, 1))
    return [person("NAM79", "Nguyễn Văn Nam", case.unit, birth_date=date(1979, 5, 1), start=date(2010, 1, 1)),
            person("NAM90", "Nguyễn Văn Nam", other, birth_date=date(1990, 8, 2), start=date(2010, 1, 1))]


def client_of(u):
    c = Client()
    c.force_login(u)
    return c


def test_the_line_form_asks_which_of_the_namesakes(case, twins):
    d = dossier_of(case, documents=False)
    before = Line.objects.count()
    ldtt = AwardType.objects.get(code="LDTT")
    clerk = client_of(case.officer)
    url = reverse("dossiers:line_add", args=[d.pk])
    page = clerk.post(url, {"recipient": "nguyen van nam", "award_type": ldtt.pk, "summary": "Dẫn đầu phong trào"})
    text = page.content.decode()
    assert page.status_code == 200 and "“nguyen van nam” khớp với 2 người, tập thể" in text
    for p in twins:
        assert p.code in text and p.unit.name in text and str(p.birth_date.year) in text
    assert Line.objects.count() == before  # nothing added before the clerk chooses
    assert 'name="summary" value="Dẫn đầu phong trào"' in text  # what was typed comes along

    # Sent without a choice: asked again.
    again = clerk.post(url, {"recipient": "nguyen van nam", "award_type": ldtt.pk, "pick": ""}).content.decode()
    assert "Chưa chọn người nào" in again and Line.objects.count() == before

    chosen = twins[1]
    r = clerk.post(url, {"recipient": "nguyen van nam", "award_type": ldtt.pk, "summary": "Dẫn đầu phong trào",
                         "pick": f"p:{chosen.pk}"})
    assert r.status_code == 302
    line = Line.objects.get(dossier=d, person__code="NAM90")
    assert (line.award_type, line.summary) == (ldtt, "Dẫn đầu phong trào")
    assert not Line.objects.filter(dossier=d, person__code="NAM79").exists()


def test_a_pick_outside_the_unit_is_refused(case, twins, world):
    d = dossier_of(case, documents=False)
    before = Line.objects.count()
    ldtt = AwardType.objects.get(code="LDTT")
    r = client_of(case.officer).post(reverse("dossiers:line_add", args=[d.pk]),
                                     {"recipient": "pham minh duc", "award_type": ldtt.pk, "pick": f"p:{world.person_b.pk}"},
                                     follow=True)
    assert "Không tìm thấy cá nhân, tập thể nào thuộc đơn vị khớp với “pham minh duc”" in r.content.decode()
    assert Line.objects.count() == before


def _workbook(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(("Mã cá nhân, tập thể", "Danh hiệu, hình thức", "Tóm tắt thành tích"))
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("danh-sach.xlsx", buf.getvalue())


def test_the_excel_import_names_the_row_and_the_codes_of_namesakes(case, twins):
    d = dossier_of(case, documents=False)
    before = Line.objects.count()
    single = case.people[0]
    clerk = client_of(case.officer)
    url = reverse("dossiers:lines_upload", args=[d.pk])
    bad = clerk.post(url, {"file": _workbook([(single.full_name, "GK", ""), ("Nguyen Van Nam", "GK", "Xuất sắc")])},
                     follow=True).content.decode()
    assert "chưa dòng nào được thêm" in bad
    assert ("Dòng 3, cột A (Mã cá nhân, tập thể): “Nguyen Van Nam” trùng với 2 cá nhân, tập thể thuộc đơn vị trình — "
            f"NAM79 (Nguyễn Văn Nam, {case.unit.name}, sinh năm 1979); NAM90 (Nguyễn Văn Nam, {twins[1].unit.name}, "
            "sinh năm 1990). Hãy ghi mã của người được đề nghị.") in bad
    assert Line.objects.count() == before
    unknown = clerk.post(url, {"file": _workbook([("Tran Thi Khong Co", "GK", "")])}, follow=True).content.decode()
    assert "Dòng 2, cột A (Mã cá nhân, tập thể): không có cá nhân, tập thể nào tên “Tran Thi Khong Co” thuộc đơn vị trình." in unknown

    # A name that names one person, and the namesake given by code: both added.
    ok = clerk.post(url, {"file": _workbook([(single.full_name.upper(), "GK", ""), ("NAM79", "GK", "Xuất sắc")])})
    assert ok.status_code == 302
    assert set(Line.objects.filter(dossier=d, award_type__code="GK").values_list("person__code", flat=True)) == {single.code, "NAM79"}
