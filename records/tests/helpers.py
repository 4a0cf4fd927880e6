import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

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


# --- a second, empty database for the history file's round trip ----------------------------

TDKT = Path(sys.executable).parent / "tdkt"


class EmptyDatabases:
    """Fresh SQLite databases after `tdkt migrate`, each driven by the real `tdkt` in a subprocess.

    The migrated database is made once and copied for each new one."""

    def __init__(self, tmp):
        assert TDKT.exists(), f"{TDKT} is not installed"
        self.tmp, self.n = tmp, 0
        self.template = tmp / "empty.sqlite3"
        done = self._runner(self.template)("migrate", "-v", "0")
        assert done.returncode == 0, done.stderr

    def _runner(self, db):
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "TDKT_DATA_DIR": str(self.tmp),
               "DJANGO_SETTINGS_MODULE": "tdkt.settings"}

        def run(*args):
            return subprocess.run([str(TDKT), *map(str, args)], env=env, capture_output=True, text=True, timeout=900)

        return run

    def new(self):
        self.n += 1
        db = self.tmp / f"db{self.n}.sqlite3"
        shutil.copyfile(self.template, db)
        return self._runner(db)
