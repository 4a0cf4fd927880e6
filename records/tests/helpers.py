import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook


def ratings_url(unit, year, **extra):
    query = "&".join(f"{k}={v}" for k, v in {"unit": unit.pk, "year": year, **extra}.items())
    return reverse("records:ratings") + "?" + query


def template_of(client, unit, year):
    """The unit's ratings file as downloaded: (workbook, its ratings sheet, {code: row number})."""
    content = client.get(reverse("records:ratings_template") + f"?unit={unit.pk}&year={year}").content
    wb = load_workbook(io.BytesIO(content))
    ws = wb["Xếp loại"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    return wb, ws, rows


def upload(client, unit, year, wb, **fields):
    buf = io.BytesIO()
    wb.save(buf)
    return client.post(ratings_url(unit, year), {"file": SimpleUploadedFile("xep-loai.xlsx", buf.getvalue()), **fields})
