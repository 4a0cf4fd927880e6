"""Helpers of the records tests: the ratings file of a unit, a second empty database driven by the real
`tdkt`, every row an import can write, and `tdkt export-history` with the answers of both databases."""

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from decisions.models import Award
from initiatives.models import Initiative
from org.models import Employment, Person, Unit
from records.models import Discipline, Rating
from tdkt.testing.history import LISTS, run
from tdkt.testing.records import ratings_url


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


# --- what an import writes ---------------------------------------------------------------

def snapshot():
    """Every row the import can write, as comparable values."""
    return {
        "units": sorted(Unit.objects.values_list("code", "name", "kind", "path", "valid_from", "valid_to", "successor_id")),
        "people": sorted(Person.objects.values_list("code", "full_name", "unit_id", "birth_date", "gender", "position")),
        "employment": sorted(Employment.objects.values_list("person_id", "unit_id", "start", "end"), key=str),
        "ratings": sorted(Rating.objects.values_list("person_id", "unit_id", "year", "level"), key=str),
        "disciplines": sorted(Discipline.objects.values_list("person_id", "date", "level")),
        "initiatives": sorted(Initiative.objects.values_list("code", "title", "scope", "recognized_on")),
        "authors": sorted(Initiative.authors.through.objects.values_list("initiative_id", "person_id")),
        "awards": sorted(Award.objects.values_list("person_id", "unit_id", "award_type__code", "year", "decision_number"), key=str),
        "award_initiatives": sorted(Award.initiatives.through.objects.values_list("award_id", "initiative_id")),
    }


# --- `tdkt export-history`, and the answers of both databases -------------------------------

COUNT_LINE = re.compile(r"^(\w+): ([\d.]+) dòng$")


def export(path, *options):
    result = run("export-history", *options, path)
    assert result.status == 0, result.stderr
    counts = {m.group(1): int(m.group(2).replace(".", "")) for line in result.stdout.splitlines()
              if (m := COUNT_LINE.match(line.strip()))}
    assert list(counts) == LISTS, result.stdout
    return counts


def read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def imported(empty, path):
    """A new empty database with ``path`` imported into it."""
    tdkt = empty.new()
    done = tdkt("import-history", path)
    assert done.returncode == 0, done.stderr
    return tdkt


def answers_here(year, *extra):
    result = run("eligibility", "--year", year, *extra, "--json")
    assert result.status == 0, result.stderr
    return result.json


def answers_there(tdkt, year, *extra):
    done = tdkt("eligibility", "--year", year, *extra, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
