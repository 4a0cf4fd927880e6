"""Every upload passes one guard (core/uploads.py): a 1 GiB cell packed in a couple of
megabytes, five million rows, a file past the size limit — each refused in about a
second with a Vietnamese message, before anything is parsed or written, with memory
bounded. Before the guard, the 1 GiB cell took 17 s and 2.1 GB on its way to a
refusal (628 s and 11.4 GB when the name was accepted), and the people import of
5 million rows ran past 300 s."""

import io
import time
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from core.excel import SheetError, open_workbook
from core.uploads import ExcelFileField, UploadRefused, check_file, limits
from org.forms import ImportForm
from org.models import Person
from org.people_excel import import_people
from records.history_import import import_history
from records.models import Rating
from registration.models import Registration
from tdkt.testing import hostile_files
from tdkt.testing.records import ratings_url

pytestmark = pytest.mark.django_db

GIB_MESSAGE = "Tệp Excel giải nén ra 1.075 MB, vượt giới hạn 100 MB"
ROWS_MESSAGE = "Tệp có quá 200.000 dòng"


@pytest.fixture(scope="module")
def bomb():
    return hostile_files.one_gib_cell(unit_code="HN-PLU-VP")


@pytest.fixture(scope="module")
def five_million_rows():
    return hostile_files.many_rows(5_000_000, unit_code="HN-PLU-VP")


def measured(fn):
    """(result, seconds, peak MiB of Python allocations) of fn()."""
    tracemalloc.start()
    t = time.perf_counter()
    try:
        result = fn()
    finally:
        seconds = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1] / (1 << 20)
        tracemalloc.stop()
    return result, seconds, peak


def test_the_hostile_files_are_what_they_claim(bomb, five_million_rows):
    import zipfile

    sheet = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("xl/worksheets/sheet1.xml")
    assert len(bomb) < 3_000_000 and sheet.file_size > 1 << 30
    archive = zipfile.ZipFile(io.BytesIO(five_million_rows))
    first = archive.open("xl/worksheets/sheet1.xml").read(1 << 20)
    assert first.count(b"<row>") > 7_000  # in the first megabyte, and so on five million times:
    assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 700_000_000


def test_a_one_gib_cell_is_refused_quickly_and_nothing_is_written(world, bomb):
    before = Person.objects.count()
    result, seconds, peak = measured(lambda: import_people(
        acting_user=world.users["officer_a"], fileobj=io.BytesIO(bomb), filename="bom.xlsx"))
    assert len(result.errors) == 1 and GIB_MESSAGE in str(result.errors[0])
    assert Person.objects.count() == before
    assert seconds < 3 and peak < 20, (seconds, peak)


def test_five_million_rows_are_refused_quickly_and_nothing_is_written(world, five_million_rows):
    before = Person.objects.count()
    result, seconds, peak = measured(lambda: import_people(
        acting_user=world.users["officer_a"], fileobj=io.BytesIO(five_million_rows), filename="5tr.xlsx"))
    # 735 MB unpacked: refused on the zip's directory before the rows are even counted.
    assert "Tệp Excel giải nén ra 735 MB, vượt giới hạn 100 MB" in str(result.errors[0])
    assert Person.objects.count() == before
    assert seconds < 3 and peak < 20, (seconds, peak)


@override_settings(TDKT_UPLOAD_MAX_RATIO=10_000)
def test_five_million_small_rows_are_counted_before_parsing(world):
    """Rows small enough to pass the unpacked size (and, here, a lenient ratio): the
    rows are counted in the XML, a megabyte at a time, and the file is refused."""
    data = hostile_files.empty_rows(5_000_000)
    result, seconds, peak = measured(lambda: import_people(
        acting_user=world.users["officer_a"], fileobj=io.BytesIO(data), filename="rong.xlsx"))
    assert ROWS_MESSAGE in str(result.errors[0])
    assert seconds < 3 and peak < 20, (seconds, peak)


def test_rows_a_reader_makes_up_are_counted_while_streaming(world):
    """A header and a row numbered 1,048,576: 1 KB of file, a million rows for a reader."""
    t = time.perf_counter()
    result = import_people(acting_user=world.users["officer_a"], fileobj=io.BytesIO(hostile_files.gap()), filename="gap.xlsx")
    assert ROWS_MESSAGE in str(result.errors[0])
    assert time.perf_counter() - t < 5
    assert not Person.objects.filter(code="CB1").exists()


def test_a_cell_longer_than_excel_allows_is_refused_naming_the_cell(world):
    # openpyxl itself would cut the text at 32,767 characters: the sheet is written by hand.
    h = hostile_files
    data = h.xlsx([(h.SHEET_HEAD + h.row(1, h.PEOPLE_HEADER) + h.row(2, ("CB0900", "Nguyễn " + "A" * 40_000, "HN-PLU-VP"))
                    + h.SHEET_TAIL, 1)])
    result = import_people(acting_user=world.users["officer_a"], fileobj=io.BytesIO(data), filename="dai.xlsx")
    assert "Ô B2 của sheet “people” dài 40.007 ký tự, tối đa 32.767 ký tự." in str(result.errors[0])
    assert not Person.objects.filter(code="CB0900").exists()


def test_the_message_shows_at_the_file_field(bomb):
    form = ImportForm(files={"file": SimpleUploadedFile("bom.xlsx", bomb)}, data={})
    assert not form.is_valid()
    assert GIB_MESSAGE in form.errors["file"][0]
    big = SimpleUploadedFile("lon.xlsx", b"PK" + b"\0" * 11_000_000)
    with pytest.raises(ValidationError, match="Tệp quá lớn: 11 MB, tối đa 10 MB."):
        ExcelFileField().clean(big)


def test_the_people_import_page_refuses_the_bomb_at_the_field(as_user, bomb):
    before = Person.objects.count()
    t = time.perf_counter()
    response = as_user("officer_a").post(reverse("org:people_import"), {"file": SimpleUploadedFile("bom.xlsx", bomb)})
    assert response.status_code == 200
    assert GIB_MESSAGE in response.content.decode()
    assert time.perf_counter() - t < 5
    assert Person.objects.count() == before


def test_an_upload_past_the_size_limit_is_not_kept_and_is_named_too_large(as_user):
    """Django would write the whole upload to a temporary file; past the limit the
    chunks are dropped and the form says how large the file was."""
    content = b"PK" + b"x" * 12_000_000
    response = as_user("officer_a").post(reverse("org:people_import"), {"file": SimpleUploadedFile("lon.xlsx", content)})
    assert "Tệp quá lớn: 12 MB, tối đa 10 MB." in response.content.decode()


def test_the_ratings_import_refuses_the_bomb(as_user, world, bomb):
    response = as_user("officer_a").post(ratings_url(world.ward_a, 2025), {"file": SimpleUploadedFile("xl.xlsx", bomb)},
                                         follow=True)
    assert GIB_MESSAGE in response.content.decode()
    assert not Rating.objects.exists()


def test_the_registration_import_refuses_the_bomb(as_user, world, plan, bomb):  # noqa: F811 - fixture
    response = as_user("officer_a").post(reverse("registration:upload", args=[plan.pk]) + f"?unit={world.ward_a.pk}",
                                         {"file": SimpleUploadedFile("dk.xlsx", bomb)}, follow=True)
    assert GIB_MESSAGE in response.content.decode()
    assert not Registration.objects.filter(unit=world.ward_a).exists()


def test_the_history_import_command_refuses_the_bomb(db, tmp_path, bomb, capsys):
    path = tmp_path / "lich-su.xlsx"
    path.write_bytes(bomb)
    result = import_history(path)
    assert GIB_MESSAGE in str(result.errors[0]) and not Person.objects.exists()
    with pytest.raises(SystemExit) as exit_:
        call_command("import-history", str(path))
    assert exit_.value.code == 1
    assert GIB_MESSAGE in capsys.readouterr().err


def test_a_json_history_past_the_size_limit_is_refused(db, tmp_path, settings):
    settings.TDKT_UPLOAD_MAX_MB = 0.001
    path = tmp_path / "lich-su.json"
    path.write_text('{"format": "tdkt-history/1", "people": []}' + " " * 2000)
    assert "Tệp quá lớn" in str(import_history(path).errors[0])


def test_limits_are_settings(settings):
    settings.TDKT_UPLOAD_MAX_ROWS = 3
    assert limits().max_rows == 3
    wb = Workbook()
    for i in range(5):
        wb.active.append([i])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(UploadRefused, match="Tệp có quá 3 dòng"):
        check_file(io.BytesIO(buf.getvalue()))
    with pytest.raises(SheetError, match="Tệp có quá 3 dòng"):
        open_workbook(io.BytesIO(buf.getvalue()))


def test_an_ordinary_file_passes_and_the_file_position_is_kept():
    wb = Workbook()
    wb.active.append(["Mã cán bộ"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    check_file(buf)
    assert buf.tell() == 0
    assert open_workbook(buf).active is not None


def test_a_member_compressed_far_beyond_the_ratio_is_refused(world):
    """50 MB of one letter packed into a few tens of kilobytes: under the unpacked limit, but
    no spreadsheet compresses a thousand to one."""
    h = hostile_files
    data = h.xlsx([(h.SHEET_HEAD + h.row(1, h.PEOPLE_HEADER) + '<row r="2"><c r="A2" t="inlineStr"><is><t>', 1),
                   ("A" * (1 << 20), 50), ("</t></is></c></row>" + h.SHEET_TAIL, 1)])
    result = import_people(acting_user=world.users["officer_a"], fileobj=io.BytesIO(data), filename="nen.xlsx")
    assert "Tệp Excel nén bất thường (phần “xl/worksheets/sheet1.xml” giải nén gấp" in str(result.errors[0])
    assert "tối đa 100 lần" in str(result.errors[0])


def test_rows_are_counted_without_parsing_even_when_the_file_states_no_dimension():
    """A file written in openpyxl's write-only mode carries no sheet dimension: the count that decides
    "at once or in the worker" read 0 for it, so a file of any size ran inside the request."""
    import io

    from openpyxl import Workbook

    from core.uploads import sheet_rows
    from org.imports import count_rows

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("people")
    ws.append(["Mã cán bộ", "Họ và tên"])
    for i in range(2500):
        ws.append([f"CB{i:05d}", "Nguyễn Văn A"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(7)
    assert sheet_rows(buf) == 2501 and count_rows(buf) == 2500
    assert buf.tell() == 7  # the reader finds the file where it was
    assert sheet_rows(io.BytesIO(b"not a zip")) == 0
