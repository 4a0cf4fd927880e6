"""`tdkt export-history [--year N] [--unit CODE] FILE`: the history held in the database as a history file.

The mirror of history_import: the same lists, fields (SPEC) and list fields
(LIST_FIELDS), JSON ("tdkt-history/1") or an .xlsx workbook with one sheet per
list by the file's extension. Importing the file into an empty database gives
the same `tdkt eligibility --json` answers as the database it came from
(domain/interchange.md, "Export"). Revoked awards are left out.

Rows are streamed list by list (values_list().iterator(), no query per row),
so that a city of 200,000 people is written in constant memory per row; only
the code maps (units, initiatives) and the links (authors, awards' initiatives)
are held in memory.
"""

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from openpyxl import Workbook

from core.excel import append_row
from core.text import format_count
from decisions.models import Award
from initiatives.models import Initiative
from org.models import Employment, Person, Unit

from .history_import import FORMAT, IMPLICIT, LIST_FIELDS, SPEC
from .models import Discipline, Rating

EXTENSIONS = (".json", ".xlsx")
# Rows of one Excel sheet (1,048,576) less the header row.
XLSX_MAX_ROWS = 1_048_575
CHUNK = 5000

YEAR_HELP = ("chỉ những gì cần để xét năm N: mọi đơn vị; mọi cán bộ trừ người chỉ bắt đầu công tác sau năm N; "
             "quá trình công tác bắt đầu đến hết năm N; xếp loại, khen thưởng của các năm đến hết N; "
             "kỷ luật, sáng kiến có ngày đến hết 31/12/N")
UNIT_HELP = ("chỉ các đơn vị thuộc đơn vị có mã này (kèm các đơn vị cấp trên và các đơn vị mà những cán bộ này "
             "từng công tác, để tệp tự đầy đủ), những cán bộ từng công tác ở đó và hồ sơ của họ; "
             "sáng kiến chỉ ghi tác giả là những cán bộ này")


class ExportError(Exception):
    """The export cannot be made; the message is for the person who asked."""


@dataclass
class Scope:
    """What to export: everything, or the part that --year and --unit ask for."""

    year: int | None = None
    unit: Unit | None = None

    @property
    def last_day(self):
        return date(self.year, 12, 31) if self.year is not None else None

    def people(self):
        """The people exported, or None for all of them (no filter needed)."""
        if self.year is None and self.unit is None:
            return None
        qs = Person.objects.all()
        if self.unit is not None:
            worked = Employment.objects.filter(unit__path__startswith=self.unit.path).values("person_id")
            qs = qs.filter(Q(unit__path__startswith=self.unit.path) | Q(pk__in=worked))
        if self.year is not None:
            # A person whose every period starts after N is not part of N's history; written without
            # memberships they would be taken to belong to their unit in every year.
            periods = Employment.objects.filter(person=OuterRef("pk"))
            qs = qs.filter(~Exists(periods) | Exists(periods.filter(self.period_q())))
        return qs

    def period_q(self):
        """The periods of work that began by the end of year N."""
        return Q(start__isnull=True) | Q(start__lte=self.last_day)


def check_path(path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in EXTENSIONS:
        raise ExportError(f"Tệp “{path.name}” phải có đuôi .json hoặc .xlsx (định dạng được chọn theo đuôi tệp).")
    if not path.parent.is_dir():
        raise ExportError(f"Không có thư mục “{path.parent}”.")
    return path


def resolve_unit(code):
    if not code:
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise ExportError(f"Không có đơn vị mã “{code}”.")
    return unit


def export_history(path, *, year=None, unit_code=None) -> dict:
    """Write the history to ``path`` (.json or .xlsx); returns {list: rows written}.

    Raises ExportError, leaving no file behind, when it cannot be done."""
    path = check_path(path)
    scope = Scope(year=year, unit=resolve_unit(unit_code))
    writer_class = XlsxWriter if path.suffix.lower() == ".xlsx" else JsonWriter
    part = path.with_name(f".{path.name}.part")
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            if outermost:
                _snapshot()
            if writer_class is XlsxWriter:
                _check_sheet_sizes(scope)
            counts = {}
            with writer_class(part) as writer:
                for name, rows in _lists(scope):
                    try:
                        counts[name] = writer.write_list(name, rows)
                    finally:
                        rows.close()  # its query's cursor, while the connection is open
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return counts


def _snapshot():
    # The lists are read by several queries: on PostgreSQL they must see one state of the database
    # (SQLite's read transaction already does). It must be the transaction's first statement.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


# --- the lists ------------------------------------------------------------------------

def _lists(scope):
    people = scope.people()
    units = _units(scope, people)  # id -> (code, row)
    unit_code = {uid: code for uid, (code, _) in units.items()}
    yield "units", (row for _, row in units.values())
    yield "people", _people(people, unit_code)
    yield "memberships", _memberships(scope, people, unit_code)
    yield "ratings", _ratings(scope, people, unit_code)
    yield "disciplines", _disciplines(scope, people)
    initiative_code = {}
    yield "initiatives", _initiatives(scope, people, unit_code, initiative_code)
    yield "awards", _awards(scope, people, initiative_code)


def _check_sheet_sizes(scope):
    """A workbook is refused before anything is written when a big list would not fit in a sheet."""
    people = scope.people()
    person_ratings, unit_ratings = _ratings_qs(scope, people)
    sizes = {"people": _people_qs(people), "memberships": _memberships_qs(scope, people),
             "ratings": person_ratings, "awards": _awards_qs(scope, people)}
    for name, qs in sizes.items():
        n = qs.count() + (unit_ratings.count() if name == "ratings" else 0)
        if n > XLSX_MAX_ROWS:
            raise ExportError(_too_long(name, n))


def _too_long(name, n=None):
    many = format_count(n) if n is not None else f"hơn {format_count(XLSX_MAX_ROWS)}"
    return (f"Danh sách {name} có {many} dòng, quá số dòng của một sheet Excel ({format_count(XLSX_MAX_ROWS)}): "
            "hãy xuất ra tệp .json, hoặc xuất từng phần với --unit hay --year.")


def _stream(qs, *fields):
    return qs.values_list(*fields).iterator(chunk_size=CHUNK)


def _units(scope, people):
    """id -> (code, row) of the units exported, parents before children."""
    rows = list(Unit.objects.order_by("path").values_list(
        "id", "code", "name", "kind", "path", "valid_from", "valid_to", "successor_id"))
    if scope.unit is not None:
        ids = {uid for uid, _, _, _, path, *_ in rows if path.startswith(scope.unit.path)}
        # The units these people belong to or belonged to, and every unit above: every code in the file resolves.
        ids |= set(people.order_by().values_list("unit_id", flat=True).distinct())
        ids |= set(_periods(scope, people).order_by().values_list("unit_id", flat=True).distinct())
        paths = {path for uid, _, _, _, path, *_ in rows if uid in ids}
        step = Unit.steplen
        wanted = paths | {p[:k] for p in paths for k in range(step, len(p), step)}
        rows = [row for row in rows if row[4] in wanted]
    code_of = {uid: code for uid, code, *_ in rows}
    by_path, out = {}, {}
    for uid, code, name, kind, path, valid_from, valid_to, successor_id in rows:
        by_path[path] = code
        row = {"code": code, "name": name, "kind": kind, "parent": by_path.get(path[:-Unit.steplen])}
        _put(row, "valid_from", valid_from)
        _put(row, "valid_to", valid_to)
        _put(row, "successor", code_of.get(successor_id))
        out[uid] = (code, row)
    return out


def _people_qs(people):
    return people if people is not None else Person.objects.all()


def _people(people, unit_code):
    qs = _people_qs(people).order_by("id")
    for code, full_name, unit_id, birth_date, gender, position in _stream(
            qs, "code", "full_name", "unit_id", "birth_date", "gender", "position"):
        row = {"code": code, "full_name": full_name, "unit": unit_code[unit_id]}
        _put(row, "birth_date", birth_date)
        _put(row, "gender", gender)
        _put(row, "position", position)
        yield row


def _periods(scope, people):
    qs = Employment.objects.all()
    if people is not None:
        qs = qs.filter(person__in=people)
    if scope.year is not None:
        qs = qs.filter(scope.period_q())
    return qs


def _memberships_qs(scope, people):
    # The period the importer assumed for a person given without memberships ("in their unit in every
    # year") is written back as it came, as no membership, so that importing the file assumes it again.
    others = Employment.objects.filter(person=OuterRef("person")).exclude(pk=OuterRef("pk"))
    assumed = Q(note=IMPLICIT, start__isnull=True, end__isnull=True, unit_id=F("person__unit_id")) & ~Exists(others)
    return _periods(scope, people).exclude(assumed)


def _memberships(scope, people, unit_code):
    qs = _memberships_qs(scope, people).order_by("person_id", "start", "id")
    for person, unit_id, start, end in _stream(qs, "person__code", "unit_id", "start", "end"):
        yield {"person": person, "unit": unit_code[unit_id], "from": _iso(start), "to": _iso(end)}


def _ratings_qs(scope, people):
    """(the people's ratings, the collectives' ratings)."""
    of_people = Rating.objects.filter(person__isnull=False)
    if people is not None:
        of_people = of_people.filter(person__in=people)
    of_units = Rating.objects.filter(_collectives(scope))
    if scope.year is not None:
        of_people, of_units = of_people.filter(year__lte=scope.year), of_units.filter(year__lte=scope.year)
    return of_people, of_units


def _ratings(scope, people, unit_code):
    of_people, of_units = _ratings_qs(scope, people)
    for person, year, level in _stream(of_people.order_by("person_id", "year"), "person__code", "year", "level"):
        yield {"person": person, "year": year, "rating": level}
    for unit_id, year, level in _stream(of_units.order_by("unit__path", "year"), "unit_id", "year", "level"):
        yield {"unit": unit_code[unit_id], "year": year, "rating": level}


def _collectives(scope):
    """The units whose own records (ratings, awards) are exported."""
    if scope.unit is None:
        return Q(unit__isnull=False)
    return Q(unit__path__startswith=scope.unit.path)


def _disciplines(scope, people):
    qs = Discipline.objects.all()
    if people is not None:
        qs = qs.filter(person__in=people)
    if scope.year is not None:
        qs = qs.filter(date__lte=scope.last_day)
    for person, day, level, number in _stream(qs.order_by("id"), "person__code", "date", "level", "decision_number"):
        row = {"person": person, "date": _iso(day), "level": level}
        _put(row, "decision_number", number)
        yield row


def _initiatives(scope, people, unit_code, initiative_code):
    """Recognised initiatives (the history knows no other: one on its way through the initiative council has no
    recognition date yet) with at least one exported author (authors limited to them); fills ``initiative_code``
    (id -> code) with those written, for the awards that counted them."""
    links = Initiative.authors.through.objects.filter(initiative__recognized_on__isnull=False)
    if people is not None:
        links = links.filter(person__in=people)
    if scope.year is not None:
        links = links.filter(initiative__recognized_on__lte=scope.last_day)
    authors = {}
    for initiative_id, person in _stream(links.order_by("initiative_id", "person__code"), "initiative_id", "person__code"):
        authors.setdefault(initiative_id, []).append(person)
    qs = Initiative.objects.filter(recognized_on__isnull=False)
    if scope.year is not None:
        qs = qs.filter(recognized_on__lte=scope.last_day)
    for iid, code, title, recognized_on, scope_, recognized_by, unit_id, number in _stream(
            qs.order_by("id"), "id", "code", "title", "recognized_on", "scope", "recognized_by", "unit_id", "decision_number"):
        if iid not in authors:
            continue
        initiative_code[iid] = code
        row = {"code": code, "title": title, "authors": authors.pop(iid), "recognized_on": _iso(recognized_on), "scope": scope_}
        _put(row, "recognized_by", recognized_by)
        _put(row, "unit", unit_code.get(unit_id))
        _put(row, "decision_number", number)
        yield row


def _awards_qs(scope, people):
    qs = Award.objects.filter(revoked_on__isnull=True)
    if people is not None:
        qs = qs.filter(Q(person__in=people) | _collectives(scope))
    if scope.year is not None:
        qs = qs.filter(year__lte=scope.year)
    return qs


def _awards(scope, people, initiative_code):
    qs = _awards_qs(scope, people)
    counted = {}
    links = Award.initiatives.through.objects.filter(award__revoked_on__isnull=True).order_by("award_id", "initiative_id")
    for award_id, initiative_id in _stream(links, "award_id", "initiative_id"):
        if initiative_id in initiative_code:
            counted.setdefault(award_id, []).append(initiative_code[initiative_id])
    for (aid, person, unit, award, year, number, day, decision_number, decision_symbol, decision_date, occasion,
         achievement) in _stream(
            qs.order_by("id"), "id", "person__code", "unit__code", "award_type__code", "year", "decision_number",
            "decision_date", "decision__number", "decision__symbol", "decision__date", "occasion", "achievement"):
        row = {"recipient": person or unit, "award": award, "year": year}
        if occasion and occasion != "year_end":  # a year-end award says nothing (the default of the format)
            row.update(occasion=occasion, achievement=achievement)
        # An award issued here carries its decision's number; the decision itself is the fallback.
        _put(row, "decision_number", number or (f"{decision_number}/{decision_symbol}" if decision_number else None))
        _put(row, "decision_date", day or decision_date)
        _put(row, "initiatives", counted.pop(aid, None))
        yield row


def _iso(day):
    return day.isoformat() if day is not None else None


def _put(row, name, value):
    """Optional fields are written only when they hold something."""
    if value in (None, "", []):
        return
    row[name] = value.isoformat() if isinstance(value, date) else value


# --- the files ---------------------------------------------------------------------------

class JsonWriter:
    """{"format": …, "units": [ … ], …}, one row a line, written as it is read."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.file = open(self.path, "w", encoding="utf-8")
        self.file.write("{\n " + json.dumps("format") + ": " + json.dumps(FORMAT))
        return self

    def write_list(self, name, rows):
        write = self.file.write
        write(",\n " + json.dumps(name) + ": [")
        n = 0
        for row in rows:
            write(("\n  " if n == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False))
            n += 1
        write("\n ]" if n else "]")
        return n

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.file.write("\n}\n")
        self.file.close()


class XlsxWriter:
    """One sheet per list, named as the list, a header row of field names, list fields joined by ";"."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.workbook = Workbook(write_only=True)
        return self

    def write_list(self, name, rows):
        ws = self.workbook.create_sheet(name)
        fields = [c.field for c in SPEC[name]]
        joined = {f for (lst, f) in LIST_FIELDS if lst == name}
        dates = {c.field for c in SPEC[name] if c.kind == "date"}
        append_row(ws, fields)
        n = 0
        for row in rows:
            n += 1
            if n > XLSX_MAX_ROWS:
                raise ExportError(_too_long(name))
            values = []
            for f in fields:
                v = row.get(f)
                if f in joined and v:
                    v = ";".join(v)
                elif f in dates and v:
                    v = date.fromisoformat(v)
                values.append(v)
            append_row(ws, values)
        return n

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.workbook.save(self.path)
            return
        # Abandoned: each sheet's stream is ended and its temporary file removed.
        for ws in self.workbook.worksheets:
            ws.close()
            ws._writer.cleanup()


