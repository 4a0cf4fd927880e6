"""The people list in Excel: template, import (all-or-nothing), export.

The sheet layout (documented on the import page and in the template's
"Hướng dẫn" sheet) is the ``people`` list of the interchange contract with
Vietnamese headers; the field codes are accepted as headers too. An export
re-imported unchanged changes nothing.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from core.excel import CellError, Column, SheetError, find_sheet, help_sheet, open_workbook, read_rows, to_bytes, write_sheet
from core.text import fold

from . import actions, scope
from .models import Gender, Person, Unit

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
    help_sheet(wb, COLUMNS, intro="Mỗi dòng của sheet “people” là một người. Xoá dòng ví dụ trước khi nhập. "
               "Nếu một dòng có lỗi, cả tệp không được nhập và hệ thống liệt kê mọi lỗi theo dòng, cột.")
    return to_bytes(wb)


def export_people(people) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    write_sheet(ws, COLUMNS, ({
        "code": p.code, "full_name": p.full_name, "unit": p.unit.code, "birth_date": p.birth_date,
        "gender": p.get_gender_display() if p.gender else None, "position": p.position or None,
        "phone": p.phone or None, "email": p.email or None,
    } for p in people.iterator(chunk_size=2000)))
    return to_bytes(wb)


def _validate(acting_user, rows, errors):
    """Check every row against the database; return the planned changes."""
    today = timezone.localdate()
    codes = [r.values["code"] for r in rows if r.values.get("code")]
    existing = {p.code: p for p in Person.objects.filter(code__in=codes).select_related("unit")}
    unit_codes = {r.values["unit"] for r in rows if r.values.get("unit")}
    units = {u.code: u for u in Unit.objects.filter(code__in=unit_codes)}
    seen = {}
    plan = []
    for r in rows:
        v, where = r.values, r.where
        err = lambda f, m: errors.append(CellError(SHEET, r.number, where[f], m))  # noqa: E731
        code = v.get("code")
        if code:
            if code in seen:
                err("code", f"mã cán bộ “{code}” trùng với dòng {seen[code]}.")
            seen.setdefault(code, r.number)
        if v.get("full_name") and len(v["full_name"].split()) < 2:
            err("full_name", "họ và tên phải có ít nhất họ và tên.")
        if v.get("gender"):
            g = _GENDERS.get(fold(v["gender"]))
            if g is None:
                err("gender", f"“{v['gender']}” không hợp lệ, hãy ghi Nam hoặc Nữ.")
            v["gender"] = g
        bd = v.get("birth_date")
        if bd and (bd > today or bd.year < today.year - 100):
            err("birth_date", f"ngày sinh {bd:%d/%m/%Y} không hợp lệ.")
        if v.get("email") and ("@" not in v["email"] or " " in v["email"]):
            err("email", f"“{v['email']}” không phải địa chỉ thư điện tử.")
        unit = units.get(v.get("unit")) if v.get("unit") else None
        if v.get("unit") and unit is None:
            err("unit", f"không có đơn vị mã “{v['unit']}”.")
        elif unit is not None:
            if not scope.can(acting_user, "edit_people", unit):
                err("unit", f"đơn vị “{unit.name}” ({unit.code}) nằm ngoài phạm vi bạn được quản lý.")
            elif not unit.is_active_on(today):
                err("unit", f"đơn vị “{unit.name}” đã ngừng hoạt động từ {unit.valid_to:%d/%m/%Y}.")
        person = existing.get(code)
        if person is not None and not scope.can(acting_user, "edit_people", person.unit):
            err("code", f"mã “{code}” là của {person.full_name} thuộc “{person.unit.name}”, ngoài phạm vi bạn được quản lý.")
        plan.append((r, person, unit))
    return plan


def import_people(*, acting_user, fileobj, filename="") -> ImportResult:
    result = ImportResult()
    try:
        wb = open_workbook(fileobj)
    except SheetError as e:
        result.errors.append(CellError(filename or "tệp", 0, "", str(e)))
        return result
    ws = find_sheet(wb, [SHEET, "can bo", "danh sach"]) or wb.worksheets[0]
    rows = read_rows(ws, COLUMNS, result.errors)
    for e in result.errors:
        e.sheet = ws.title
    if not rows and not result.errors:
        result.errors.append(CellError(ws.title, 0, "", "không có dòng dữ liệu nào."))
    # Cell-format errors do not stop the checks: the clerk gets every error at once.
    plan = _validate(acting_user, rows, result.errors)
    for e in result.errors:
        e.sheet = ws.title
    if result.errors:
        result.errors.sort(key=lambda e: (e.row, e.column))
        return result
    note = f"Tệp {filename}" if filename else ""
    try:
        with transaction.atomic():
            _apply(acting_user, plan, result, note)
    except (ValidationError, PermissionDenied) as e:
        # A row that passed the checks above failed in the action (e.g. a
        # concurrent change): nothing was written; report it like the others.
        messages = e.messages if isinstance(e, ValidationError) else [str(e)]
        result.errors = [CellError(ws.title, 0, "", m) for m in messages]
        result.created = result.updated = result.moved = result.unchanged = 0
    return result


def _apply(acting_user, plan, result, note):
    today = timezone.localdate()
    for row, person, unit in plan:
        v = row.values
        fields = {f: (v.get(f) if v.get(f) is not None else ("" if f not in ("birth_date",) else None)) for f in _FIELDS}
        if person is None:
            actions.person_create(acting_user=acting_user, unit=unit, code=v["code"], start=today,
                                  event_verb="import", note=note, **fields)
            result.created += 1
            continue
        changed = {f: val for f, val in fields.items() if getattr(person, f) != val}
        if changed:
            actions.person_update(acting_user=acting_user, person=person, event_verb="import", note=note, **changed)
        if person.unit_id != unit.pk:
            actions.person_move(acting_user=acting_user, person=person, unit=unit, on=today, note=note or "Nhập từ Excel")
            result.moved += 1
        elif changed:
            result.updated += 1
        else:
            result.unchanged += 1
