"""The one guard every uploaded file passes through.

An .xlsx is a zip of XML: a 1 MB file can unpack to gigabytes (one cell of
1 GiB took 628 s and 11 GB of memory before this guard), and a small sheet
can claim millions of rows. So, before anything is parsed:

1. the file's size (``TDKT_UPLOAD_MAX_MB``, default 10 MB);
2. for a zip (.xlsx), from its central directory alone: the total unpacked
   size (``TDKT_UPLOAD_MAX_UNPACKED_MB``, default 100 MB) and each large
   member's compression ratio (``TDKT_UPLOAD_MAX_RATIO``, default 100) —
   Python's zipfile stops a member at its declared size (and fails on the
   CRC), so the declared sizes bound what the parser will ever see;

then, while openpyxl streams the sheet in read-only mode (``guarded_rows``):

3. the number of rows (``TDKT_UPLOAD_MAX_ROWS``, default 200,000) — counted
   as they are read, including the empty rows a reader makes up for a gap
   in row numbers;
4. the length of each cell (``TDKT_UPLOAD_MAX_CELL_CHARS``, default 32,767,
   Excel's own limit) and the number of columns read
   (``TDKT_UPLOAD_MAX_COLUMNS``, default 500).

Each refusal is an ``UploadRefused`` (a ValidationError) with a Vietnamese
message. Forms take files through ``ExcelFileField`` so the message shows at
the field; core.excel.open_workbook and read_rows call the same checks, so a
path without a form (``tdkt import-history``) is guarded too.
"""

import io
import os
import re
import zipfile
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from .forms import VNFileInput
from .text import clean_text, format_count

MB = 1_000_000
# A member smaller than this is not checked for its ratio: tiny XML parts
# (styles, an empty sheet) compress far beyond 100:1 and can do no harm.
RATIO_FLOOR = 1 * MB


class UploadRefused(ValidationError):
    """The file is refused before (or while) it is read."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_unpacked: int
    max_ratio: float
    max_rows: int
    max_cell: int
    max_columns: int


def limits() -> Limits:
    return Limits(
        max_bytes=int(float(getattr(settings, "TDKT_UPLOAD_MAX_MB", 10)) * MB),
        max_unpacked=int(float(getattr(settings, "TDKT_UPLOAD_MAX_UNPACKED_MB", 100)) * MB),
        max_ratio=float(getattr(settings, "TDKT_UPLOAD_MAX_RATIO", 100)),
        max_rows=int(getattr(settings, "TDKT_UPLOAD_MAX_ROWS", 200_000)),
        max_cell=int(getattr(settings, "TDKT_UPLOAD_MAX_CELL_CHARS", 32_767)),
        max_columns=int(getattr(settings, "TDKT_UPLOAD_MAX_COLUMNS", 500)),
    )


def _mb(n: int) -> str:
    """1_234_567 → "1,2"; 10_000_000 → "10"; 1_073_741_824 → "1.074" (MB, Vietnamese digits)."""
    value = round(n / MB, 1)
    if value >= 100 or value == int(value):
        return format_count(round(value))
    return f"{value:.1f}".replace(".", ",")


def _size(fileobj) -> int:
    size = getattr(fileobj, "size", None)
    if isinstance(size, int):
        return size
    if isinstance(fileobj, (str, os.PathLike)):
        return os.path.getsize(fileobj)
    pos = fileobj.tell()
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(pos)
    return size


def check_size(fileobj, lim: Limits | None = None) -> None:
    lim = lim or limits()
    size = _size(fileobj)
    if size > lim.max_bytes:
        raise UploadRefused(f"Tệp quá lớn: {_mb(size)} MB, tối đa {_mb(lim.max_bytes)} MB.", code="upload_size")


def check_zip(fileobj, lim: Limits | None = None) -> None:
    """Unpacked size and compression ratio from the zip's directory, then the number of
    rows of each sheet counted in its XML (unpacked a megabyte at a time, not parsed).

    A file that is not a zip is left to the reader, which says it cannot read it."""
    lim = lim or limits()
    if not isinstance(fileobj, (str, os.PathLike)):
        pos = fileobj.tell()
        fileobj.seek(0)
    try:
        try:
            archive = zipfile.ZipFile(fileobj)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return
        with archive:
            _check_members(archive, lim)
    finally:
        if not isinstance(fileobj, (str, os.PathLike)):
            fileobj.seek(pos)


def _check_members(archive, lim):
    members = archive.infolist()
    total = sum(m.file_size for m in members)
    if total > lim.max_unpacked:
        raise UploadRefused(f"Tệp Excel giải nén ra {_mb(total)} MB, vượt giới hạn {_mb(lim.max_unpacked)} MB: "
                            "hãy chia nhỏ tệp hoặc kiểm tra lại tệp.", code="upload_unpacked")
    for m in members:
        if m.file_size >= RATIO_FLOOR and m.file_size > lim.max_ratio * max(m.compress_size, 1):
            ratio = m.file_size / max(m.compress_size, 1)
            raise UploadRefused(f"Tệp Excel nén bất thường (phần “{m.filename}” giải nén gấp {format_count(round(ratio))} lần, "
                                f"tối đa {format_count(round(lim.max_ratio))} lần): tệp không được đọc.", code="upload_ratio")
    for m in members:
        if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"):
            try:
                rows = _count_rows(archive, m, lim.max_rows)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                return  # a damaged member: the reader will say it cannot read the file
            if rows > lim.max_rows:
                raise UploadRefused(f"Tệp có quá {format_count(lim.max_rows)} dòng: hãy chia thành nhiều tệp nhỏ hơn.",
                                    code="upload_rows")


_PREFIXED_ROW = re.compile(rb"<[A-Za-z_][\w.-]*:row[\s>/]")


def _count_rows(archive, member, stop_after):
    """The <row> elements of a sheet's XML, counted up to ``stop_after`` + 1.

    Each megabyte is counted up to its last ">" (a tag cannot straddle that
    point unseen); the rest is carried over to the next one."""
    count, tail = 0, b""
    with archive.open(member) as f:
        while chunk := f.read(1 << 20):
            buf = tail + chunk
            end = buf.rfind(b">") + 1
            part, tail = buf[:end], buf[end:][-1024:] if end else buf[-1024:]
            count += part.count(b"<row>") + part.count(b"<row ") + part.count(b"<row/") + part.count(b"<row\n")
            if b":row" in part:
                count += len(_PREFIXED_ROW.findall(part))
            if count > stop_after:
                break
    return count


def sheet_rows(fileobj) -> int:
    """Rows of the largest sheet of an .xlsx, counted in its XML as check_zip counts them (nothing is
    parsed, and files that carry no sheet dimension are counted too); 0 for what is not a readable .xlsx."""
    pos = fileobj.tell()
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            return max((_count_rows(archive, m, float("inf")) for m in archive.infolist()
                        if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml")), default=0)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return 0
    finally:
        fileobj.seek(pos)


def check_file(fileobj, lim: Limits | None = None) -> None:
    """Everything that can be checked before parsing: size, then (for a zip) its directory."""
    lim = lim or limits()
    check_size(fileobj, lim)
    check_zip(fileobj, lim)


def guarded_rows(ws, lim: Limits | None = None):
    """The rows of a read-only worksheet as tuples of values, refused past the row or
    cell-length limit (UploadRefused, naming the sheet, row and cell); cells past
    the column limit are not read.

    The sheet's own claim of its size (its <dimension>) is ignored: a file saying
    A1:XFD1048576 would otherwise have every row padded to 16,384 cells."""
    from openpyxl.utils import get_column_letter

    lim = lim or limits()
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    max_rows, max_cell, max_columns = lim.max_rows, lim.max_cell, lim.max_columns
    number = 0
    for values in ws.iter_rows(values_only=True):
        number += 1
        if number > max_rows:
            raise UploadRefused(f"Tệp có quá {format_count(max_rows)} dòng (sheet “{ws.title}”): "
                                "hãy chia thành nhiều tệp nhỏ hơn.", code="upload_rows")
        if len(values) > max_columns:
            values = values[:max_columns]
        for idx, value in enumerate(values):
            if value.__class__ is str and len(value) > max_cell:
                raise UploadRefused(f"Ô {get_column_letter(idx + 1)}{number} của sheet “{ws.title}” dài "
                                    f"{format_count(len(value))} ký tự, tối đa {format_count(max_cell)} ký tự.",
                                    code="upload_cell")
        yield values


XLSX_CONTENT_TYPES = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def validate_upload(f):
    """The form-level check (size and zip directory), so the message shows at the field."""
    check_file(f)


class ExcelFileField(forms.FileField):
    """The file field of every Excel upload form: the guard runs as its validator."""

    default_validators = [validate_upload]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Tệp Excel (.xlsx)")
        kwargs["error_messages"] = {
            "required": "Chưa chọn tệp Excel.", "empty": "Tệp rỗng.", "invalid": "Không nhận được tệp: hãy chọn lại tệp.",
            "missing": "Không nhận được tệp: hãy chọn lại tệp.",
            "max_length": "Tên tệp quá dài.", **kwargs.get("error_messages", {})}
        kwargs.setdefault("widget", VNFileInput(attrs={"accept": XLSX_CONTENT_TYPES}))
        super().__init__(**kwargs)


# A signed scan (bản scan có chữ ký, dấu): what its first bytes say it is, never its name.
SCAN_TYPES = [
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
]
SCAN_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def sniff_scan(fileobj) -> tuple[str, str]:
    """(content type, extension) of a PDF, JPEG or PNG file, by its content; UploadRefused otherwise."""
    check_size(fileobj)
    pos = fileobj.tell() if hasattr(fileobj, "tell") else 0
    head = fileobj.read(16)
    fileobj.seek(pos)
    if not head:
        raise UploadRefused("Tệp rỗng.", code="upload_empty")
    for magic, content_type, ext in SCAN_TYPES:
        if head.startswith(magic):
            return content_type, ext
    raise UploadRefused("Tệp không phải PDF hay ảnh (JPEG, PNG): hãy tải lên bản scan văn bản đã ký dưới dạng PDF hoặc ảnh.",
                        code="upload_type")


def validate_scan(f):
    sniff_scan(f)


class ScanFileField(forms.FileField):
    """A signed document's scan: PDF, JPEG or PNG, checked by content and size."""

    default_validators = [validate_scan]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Tệp (PDF hoặc ảnh)")
        kwargs["error_messages"] = {
            "required": "Chưa chọn tệp.", "empty": "Tệp rỗng.", "invalid": "Không nhận được tệp: hãy chọn lại tệp.",
            "missing": "Không nhận được tệp: hãy chọn lại tệp.", "max_length": "Tên tệp quá dài.",
            **kwargs.get("error_messages", {})}
        kwargs.setdefault("widget", VNFileInput(attrs={"accept": SCAN_ACCEPT}))
        super().__init__(**kwargs)


class VNMultipleFileInput(VNFileInput):
    """The Vietnamese file picker taking several files at once (``multiple``)."""

    allow_multiple_selected = True


class ScanFilesField(ScanFileField):
    """Several scans in one upload: each checked as ScanFileField checks one (size, content), the lot refused
    when one fails, each refusal naming its file ("Tệp “bien-ban.docx”: Tệp không phải PDF hay ảnh …").
    Cleans to a list of files."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", VNMultipleFileInput(attrs={"accept": SCAN_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if not files:
            super().clean(None, initial)  # "Chưa chọn tệp." when required
            return []
        out, errors = [], []
        for f in files:
            try:
                out.append(super().clean(f, initial))
            except ValidationError as e:
                name = clean_text(getattr(f, "name", "") or "")[:150]
                errors += [f"Tệp “{name}”: {m}" if name else m for m in e.messages]
        if errors:
            raise ValidationError(errors)
        return out


class SizeLimitUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: a file past the size limit is counted, not kept.

    Django would otherwise write a 1 GB upload to a temporary file before any
    form looks at it. Past ``max_bytes`` the chunks are dropped here (the
    handlers after this one no longer receive them) and the form gets an empty
    stand-in carrying the real size, which ExcelFileField refuses with
    "Tệp quá lớn: … MB, tối đa … MB"."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received, self.too_big, self.limit = 0, False, limits().max_bytes

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_big = True
            return None
        return raw_data

    def file_complete(self, file_size):
        if not self.too_big:
            return None
        return InMemoryUploadedFile(io.BytesIO(b""), self.field_name, self.file_name, self.content_type,
                                    self.received, self.charset, self.content_type_extra)
