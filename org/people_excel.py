"""The people list in Excel: template, import (all-or-nothing), export.

The sheet layout (documented on the import page and in the template's
"Hướng dẫn" sheet) is the ``people`` list of the interchange contract with
Vietnamese headers; the field codes are accepted as headers too. An export
re-imported unchanged changes nothing.
"""

import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from openpyxl import Workbook

from core.excel import CellError, Column, SheetError, find_sheet, help_sheet, open_workbook, read_rows, to_bytes, write_sheet
from audit.models import Event
from audit.recording import changes_between, snapshot
from core import bulk
from core.forms import RowValidator
from core.text import fold

from . import actions, duties, imports
from .duties import Duty
from .forms import PersonForm
from .scope import CodeScope
from .models import Employment, Gender, ImportJob, Person, Unit

SHEET = "people"
COLUMNS = [
    Column("code", "Mã cán bộ", required=True, width=14, help="Mã riêng của mỗi người, không trùng (ví dụ CB000123). Dùng để nhận ra người đã có khi nhập lại."),
    Column("full_name", "Họ và tên", required=True, width=28, help="Đầy đủ họ, đệm, tên, có dấu."),
    Column("unit", "Mã đơn vị", required=True, width=16, help="Mã đơn vị đang công tác (xem sheet “Đơn vị”). Đổi mã đơn vị của người đã có = chuyển đơn vị từ hôm nay."),
    Column("birth_date", "Ngày sinh", kind="date", width=13, help="dd/mm/yyyy hoặc ô kiểu ngày của Excel."),
    Column("gender", "Giới tính", width=10, help="Nam hoặc Nữ."),
    Column("position", "Chức vụ", width=30, help="Chức vụ, chức danh hiện tại."),
    Column("phone", "Điện thoại", width=14),
    Column("email", "Thư điện tử", width=26),
]
_GENDERS = {"nam": Gender.MALE, "male": Gender.MALE, "nu": Gender.FEMALE, "female": Gender.FEMALE}
_FIELDS = ["full_name", "birth_date", "gender", "position", "phone", "email"]


@dataclass
class ImportResult:
    errors: list[CellError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    moved: int = 0
    unchanged: int = 0
    write_seconds: float | None = None
    write_steps: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors

    @property
    def total(self):
        return self.created + self.updated + self.moved + self.unchanged

    @property
    def summary(self):
        return (f"Đã nhập {self.total} dòng: {self.created} người mới, {self.updated} người cập nhật thông tin, "
                f"{self.moved} người chuyển đơn vị, {self.unchanged} người không thay đổi.")


def template_workbook(units=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    write_sheet(ws, COLUMNS, [{
        "code": "CB900001", "full_name": "Nguyễn Văn An", "unit": "MÃ-ĐƠN-VỊ", "birth_date": None,
        "gender": "Nam", "position": "Chuyên viên",
    }])
    help_sheet(wb, COLUMNS, intro="Mỗi dòng của sheet “people” là một người. Xóa dòng ví dụ trước khi nhập. "
               "Nếu một dòng có lỗi, cả tệp không được nhập và hệ thống liệt kê mọi lỗi theo dòng, cột.")
    return to_bytes(wb)


def export_people(people, progress=None, total=None) -> bytes:
    """The people as the import reads them back. ``progress(done, total)`` every 2,000 rows (a worker's export)."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET

    def rows():
        for i, p in enumerate(people.iterator(chunk_size=2000)):
            if progress is not None and i % 2000 == 0:
                progress(i, total or 0)
            yield {"code": p.code, "full_name": p.full_name, "unit": p.unit.code, "birth_date": p.birth_date,
                   "gender": p.get_gender_display() if p.gender else None, "position": p.position or None,
                   "phone": p.phone or None, "email": p.email or None}
    write_sheet(ws, COLUMNS, rows())
    return to_bytes(wb)


def write_for_job(job, progress) -> bytes:
    """The people export as jobs.exports runs it: the list the person filtered, in their scope."""
    from . import selectors

    params = job.params
    unit = selectors.unit_get_for_user(job.user, params["unit"]) if params.get("unit") else None
    people = selectors.people_search(job.user, params.get("q", ""), unit=unit, subunits=params.get("sub", True))
    total = people.count()
    return export_people(people.select_related("unit"), progress, total)


UNIT_COLUMNS = [
    Column("code", "Mã đơn vị", width=18),
    Column("name", "Tên đơn vị", width=50),
    Column("kind", "Loại", width=22),
    Column("parent", "Thuộc", width=40),
]


def export_unit_codes(units) -> bytes:
    """The unit codes a clerk may use in the people sheet, with names and where each belongs."""
    units = list(units.only("code", "name", "kind", "path", "depth"))
    names = {u.path: u.name for u in units}
    wb = Workbook()
    ws = wb.active
    ws.title = "Đơn vị"
    write_sheet(ws, UNIT_COLUMNS, ({
        "code": u.code, "name": u.name, "kind": u.get_kind_display(),
        "parent": names.get(u.path[:-Unit.steplen], ""),
    } for u in units))
    return to_bytes(wb)




_FORM_FIELDS = ["code", "full_name", "birth_date", "position", "phone", "email"]


def _validate(acting_user, rows, errors, progress=None):
    """Check every row against the database; return the planned changes.

    Reads only (no transaction is held): the people of the file in a few
    queries of 900 codes each, the units in as many.
    """
    today = timezone.localdate()
    scope = CodeScope(acting_user, Duty.EDIT_PEOPLE)
    codes = [r.values["code"] for r in rows if r.values.get("code")]
    existing = {}
    for chunk in bulk.chunks(set(codes)):
        # order_by(): without it the default name order makes SQLite walk the name index
        # instead of looking the codes up.
        existing.update((p.code, p) for p in Person.objects.filter(code__in=chunk).select_related("unit").order_by())
    unit_codes = {r.values["unit"] for r in rows if r.values.get("unit")}
    units = {}
    for chunk in bulk.chunks(unit_codes):
        units.update((u.code, u) for u in Unit.objects.filter(code__in=chunk))
    seen = {}
    plan = []
    check_fields = RowValidator(PersonForm)
    for i, r in enumerate(rows, start=1):
        if progress is not None and i % imports.PROGRESS_EVERY == 0:
            progress(ImportJob.Status.CHECKING, i)
        v, where = r.values, r.where
        err = lambda f, m: errors.append(CellError(SHEET, r.number, where[f], m))  # noqa: E731
        code = v.get("code")
        if code:
            if code in seen:
                err("code", f"mã cán bộ “{code}” trùng với dòng {seen[code]}.")
            seen.setdefault(code, r.number)
        if v.get("gender"):
            g = _GENDERS.get(fold(v["gender"]))
            if g is None:
                err("gender", f"“{v['gender']}” không hợp lệ, hãy ghi Nam hoặc Nữ.")
            v["gender"] = g
        # The same checks and messages as the person form (lengths, e-mail, name,
        # birth date), and the same text cleaning: what is written is what the form gives.
        cleaned, problems = check_fields({f: v.get(f) for f in _FORM_FIELDS if v.get(f) is not None})
        for f, messages in problems.items():
            for m in messages:
                err(f, m)
        v.update(cleaned)
        unit = units.get(v.get("unit")) if v.get("unit") else None
        # A unit or a person outside the user's scope is named by its code only (org.scope).
        if v.get("unit") and (unit is None or not scope.covers(unit)):
            err("unit", scope.no_unit(v["unit"]) + ".")
        elif unit is not None and not unit.is_active_on(today):
            err("unit", f"đơn vị “{unit.name}” đã ngừng hoạt động từ {unit.valid_to:%d/%m/%Y}.")
        person = existing.get(code)
        if person is not None and not scope.covers_person(person):
            err("code", scope.code_taken(code) + ".")
        plan.append((r, person, unit))
    return plan




def import_people(*, acting_user, fileobj, filename="", progress=None) -> ImportResult:
    """Read, check, then write the whole file — or nothing.

    Reading and checking hold no transaction (another user's save goes on
    meanwhile); the write is one short transaction in bulk that first makes
    sure none of the people concerned changed since they were checked.
    ``progress(stage, rows_done)`` is told how far it got.
    """
    result = ImportResult()
    progress = progress or (lambda stage, n: None)
    try:
        wb = open_workbook(fileobj)
    except SheetError as e:
        result.errors.append(CellError(filename or "tệp", 0, "", str(e)))
        return result
    ws = find_sheet(wb, [SHEET, "can bo", "danh sach"]) or wb.worksheets[0]
    rows = read_rows(imports.CountingSheet(ws, progress), COLUMNS, result.errors)
    for e in result.errors:
        e.sheet = ws.title
    if not rows and not result.errors:
        result.errors.append(CellError(ws.title, 0, "", "không có dòng dữ liệu nào."))
    # Cell-format errors do not stop the checks: the clerk gets every error at once.
    plan = _validate(acting_user, rows, result.errors, progress)
    for e in result.errors:
        e.sheet = ws.title
    if result.errors:
        result.errors.sort(key=lambda e: (e.row, e.column))
        return result
    progress(ImportJob.Status.WRITING, len(rows))
    note = f"Tệp {filename}" if filename else ""
    try:
        _write(acting_user, plan, result, note)
    except (ValidationError, PermissionDenied) as e:
        # A person changed, or a code was taken, between the check and the
        # write: nothing was written; report it like the other errors.
        messages = e.messages if isinstance(e, ValidationError) else [str(e)]
        result.errors = [CellError(ws.title, 0, "", m) for m in messages]
        result.created = result.updated = result.moved = result.unchanged = 0
    return result




def _write(acting_user, plan, result, note):
    """Write the checked plan in one short transaction, with an event per change."""
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    now = timezone.now()
    actor_id = acting_user.pk if getattr(acting_user, "pk", None) else None
    person_type = ContentType.objects.get_for_model(Person).pk
    move_note = (note + " — " if note else "") + f"Từ ngày {today:%d/%m/%Y}"
    person_fields = ["code", *_FIELDS, "unit", "search_text", "sort_key", "created_at", "updated_at"]
    new_people = bulk.Rows(Person, person_fields)
    new_periods = bulk.Rows(Employment, ["person", "unit", "position", "start", "end", "note"])
    events = bulk.Rows(Event, ["at", "actor", "verb", "target_type", "target_id", "target_label", "changes", "note"])
    updates = []
    for row, person, unit in plan:
        v = row.values
        fields = {f: (v.get(f) if v.get(f) is not None else ("" if f != "birth_date" else None)) for f in _FIELDS}
        if person is None:
            p = Person(code=v["code"], unit=unit, **fields)
            p.fill_derived()
            later = bulk.Later(p.code)
            new_people.add(p.code, *(getattr(p, f) for f in _FIELDS), unit.pk, p.search_text, p.sort_key, now, now)
            new_periods.add(later, unit.pk, p.position, today, None, "")
            events.add(now, actor_id, "import", person_type, later, str(p)[:300],
                       {**changes_between({}, snapshot(p, actions.PERSON_FIELDS)), "Đơn vị": ["", unit.name]}, note)
            result.created += 1
            continue
        changed = {f: val for f, val in fields.items() if getattr(person, f) != val}
        if not changed and person.unit_id == unit.pk:
            result.unchanged += 1
            continue
        updates.append((person, unit, changed))

    # Changes to people already there: their open periods are read now and
    # checked again under the write lock (through updated_at, which every
    # change of a person or of their periods touches).
    seen = {p.pk: (p.unit_id, p.updated_at) for p, _, _ in updates}
    current = {}
    for chunk in bulk.chunks(seen):
        for e in Employment.objects.filter(person_id__in=chunk, end__isnull=True).order_by("start", "id"):
            current[e.person_id] = e  # the latest open period
    changed_people = []
    closed_periods = []
    for person, unit, changed in updates:
        before = snapshot(person, actions.PERSON_FIELDS)
        old_unit = person.unit
        for f, val in changed.items():
            setattr(person, f, val)
        person.fill_derived()
        if changed:
            events.add(now, actor_id, "import", person_type, person.pk, str(person)[:300],
                       changes_between(before, snapshot(person, actions.PERSON_FIELDS)), note)
        period = current.get(person.pk)
        if person.unit_id != unit.pk:
            # As actions.person_move: the old period ends the day before, a new one opens.
            if period is not None:
                closed_periods.append((max(yesterday, period.start) if period.start else yesterday, period.position, period.pk))
            new_periods.add(person.pk, unit.pk, person.position, today, None, note or "Nhập từ Excel")
            events.add(now, actor_id, "move", person_type, person.pk, str(person)[:300],
                       {"Đơn vị": [old_unit.name, unit.name]}, move_note)
            person.unit = unit
            result.moved += 1
        else:
            if "position" in changed and period is not None:
                # As actions.person_update: a new position starts a new period from today.
                if period.start == today:
                    closed_periods.append((period.end, person.position, period.pk))
                else:
                    closed_periods.append((yesterday, period.position, period.pk))
                    new_periods.add(person.pk, unit.pk, person.position, today, None, "Thay đổi chức vụ")
            result.updated += 1
        changed_people.append([*(getattr(person, f) for f in _FIELDS), person.unit_id, person.search_text, person.sort_key, now, person.pk])
    qn = connection.ops.quote_name
    update_person = (f"UPDATE {qn(Person._meta.db_table)} SET "
                     + ", ".join(f"{qn(Person._meta.get_field(f).column)} = %s" for f in [*_FIELDS, "unit", "search_text", "sort_key", "updated_at"])
                     + " WHERE id = %s")
    changed_people = [[Person._meta.get_field(f).get_db_prep_save(v, connection) for f, v in
                       zip([*_FIELDS, "unit", "search_text", "sort_key", "updated_at", "id"], r)] for r in changed_people]
    end_f, pos_f = Employment._meta.get_field("end"), Employment._meta.get_field("position")
    update_period = f"UPDATE {qn(Employment._meta.db_table)} SET {qn('end')} = %s, {qn('position')} = %s WHERE id = %s"
    closed_periods = [(end_f.get_db_prep_save(end, connection), pos_f.get_db_prep_save(pos, connection), pk) for end, pos, pk in closed_periods]

    started = time.perf_counter()
    steps = result.write_steps

    def lap(name):
        steps[name] = round(time.perf_counter() - started - sum(steps.values()), 3)

    try:
        with transaction.atomic():
            stale = []
            for chunk in bulk.chunks(seen):
                for pk, unit_id, updated_at in (Person.objects.select_for_update().filter(pk__in=chunk).order_by()
                                                .values_list("pk", "unit_id", "updated_at")):
                    if seen[pk] != (unit_id, updated_at):
                        stale.append(pk)
            if stale:
                names = {p.pk: f"{p.full_name} ({p.code})" for p, _, _ in updates}
                raise ValidationError([f"{names[pk]} vừa được người khác sửa trong lúc kiểm tra tệp; chưa dòng nào được ghi, hãy nhập lại tệp."
                                       for pk in stale[:20]])
            lap("check")
            new_people.insert()
            lap("people")
            ids = {}
            for chunk in bulk.chunks(r[0] for r in new_people.rows):
                ids.update(Person.objects.filter(code__in=chunk).order_by().values_list("code", "pk"))
            lap("ids")
            with connection.cursor() as cursor:
                for chunk in bulk.chunks(changed_people, 5000):
                    cursor.executemany(update_person, chunk)
                for chunk in bulk.chunks(closed_periods, 5000):
                    cursor.executemany(update_period, chunk)
            lap("updates")
            new_periods.insert(ids)
            lap("periods")
            events.insert(ids)
            lap("events")
        lap("commit")
    except IntegrityError:
        # A code of the file was given to someone else between the check and the write.
        raise ValidationError("Một mã cán bộ trong tệp vừa được dùng cho người khác trong lúc kiểm tra tệp; "
                              "chưa dòng nào được ghi, hãy nhập lại tệp.") from None
    result.write_seconds = time.perf_counter() - started


# --- the import as a job: small files at once, big ones in the worker (org.imports) ---

def start_import(*, acting_user, upload) -> ImportJob:
    """Record the import and run it now when the file is small; else hand it to the worker."""
    job, _ = imports.start(kind=ImportJob.Kind.PEOPLE, acting_user=acting_user, upload=upload)
    return job


def run_for_job(job, fileobj, progress) -> ImportResult:
    """The people import as org.imports runs it."""
    result = import_people(acting_user=job.user, fileobj=fileobj, filename=job.filename, progress=progress)
    result.job_fields = {"created": result.created, "updated": result.updated, "moved": result.moved,
                         "unchanged": result.unchanged}
    return result
