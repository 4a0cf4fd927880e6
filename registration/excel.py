"""Registration in Excel.

- The unit's template: sheet "Cá nhân" lists the people of the unit's subtree,
  sheet "Tập thể" the unit and its sub-units, one column per award offered
  ("Lao động tiên tiến (LDTT)"), "x" to register; what is already registered
  comes prefilled.
- The upload is all-or-nothing: every problem is listed by sheet, row and
  column (core.excel) and nothing is written until the whole file is right.
  The file replaces the registration; a sheet left out of the file leaves that
  part (individuals or collectives) as it was.
- The consolidated export of a plan for the standing office.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.excel import CellError, Column, SheetError, append_row, find_sheet, help_sheet, open_workbook, read_rows, to_bytes, write_sheet
from core.text import fold
from org.models import Person, Unit
from org.selectors import active_q
from rulebook.models import AwardType

from . import actions
from .forms import award_label, registration_awards
from .models import Registration

SHEET_PEOPLE = "Cá nhân"
SHEET_UNITS = "Tập thể"
MARKS = {"x", "co", "1", "v", "yes", "✓", "dk", "dang ky"}

PEOPLE_COLUMNS = [
    Column("code", "Mã cán bộ", required=True, width=12, help="Mã cán bộ như trong danh sách cán bộ; dùng để nhận ra người. Không sửa."),
    Column("full_name", "Họ và tên", width=28, help="Để đối chiếu; khi nhập, hệ thống dựa vào mã cán bộ."),
    Column("position", "Chức vụ", width=24, help="Để đối chiếu."),
    Column("unit", "Đơn vị công tác", width=34, help="Để đối chiếu."),
]
UNIT_COLUMNS = [
    Column("code", "Mã đơn vị", required=True, width=16, help="Mã tập thể (đơn vị) như trong cây đơn vị. Không sửa."),
    Column("name", "Tên tập thể", width=44, help="Để đối chiếu."),
]


def _award_column(award, *, header=True):
    label = award_label(award)
    return Column(award.code, f"{label} ({award.code})" if header else label, width=15,
                  help=f"Ghi x để đăng ký {label}; để trống nếu không đăng ký.")


def _people(unit):
    return Person.objects.filter(unit__path__startswith=unit.path).select_related("unit").order_by("sort_key", "id")


def registration_collectives(unit, day=None):
    """The collectives a unit registers: itself and its active sub-units, in tree order."""
    return Unit.objects.filter(path__startswith=unit.path).filter(active_q(day)).order_by("path")


def _style_marks(ws, first_col, n_cols, n_rows):
    if not n_cols:
        return
    ws.row_dimensions[1].height = 48
    dv = DataValidation(type="list", formula1='"x"', allow_blank=True, showErrorMessage=True,
                        errorTitle="Đăng ký thi đua", error="Ghi x để đăng ký, để trống nếu không đăng ký.")
    ws.add_data_validation(dv)
    last = get_column_letter(first_col + n_cols - 1)
    dv.add(f"{get_column_letter(first_col)}2:{last}{max(n_rows + 1, 2) + 200}")
    for row in ws.iter_rows(min_row=2, min_col=first_col, max_col=first_col + n_cols - 1):
        for cell in row:
            cell.alignment = Alignment(horizontal="center")


def people_over(unit, limit) -> bool:
    """Has ``unit`` more people than ``limit`` (its template is then written by the worker)?"""
    return _people(unit).order_by()[limit:limit + 1].exists()


def write_for_job(job, progress) -> bytes:
    """The registration template as jobs.exports runs it (a unit of many people), in the asker's scope."""
    from django.http import Http404

    from org import duties
    from org.duties import Duty
    from plans.selectors import plan_get_for_user, registration_units

    from . import selectors

    plan = plan_get_for_user(job.user, job.params["plan"])
    unit = registration_units(plan).filter(duties.duty_q(job.user, Duty.VIEW)).filter(pk=job.params["unit"]).first()
    if unit is None:
        raise Http404
    return template_workbook(plan, unit, selectors.registration_of(job.user, plan, unit), progress)


def template_workbook(plan, unit, registration=None, progress=None) -> bytes:
    individual, collective = registration_awards(plan)
    marked = set()
    if registration is not None and registration.pk:
        for line in registration.lines.all():
            marked.add(("p", line.person_id, line.award_type_id) if line.person_id else ("u", line.unit_id, line.award_type_id))
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_PEOPLE
    people = list(_people(unit))

    def rows():
        for i, p in enumerate(people):
            if progress is not None and i % 2000 == 0:
                progress(i, len(people))
            yield {"code": p.code, "full_name": p.full_name, "position": p.position or None, "unit": p.unit.name,
                   **{a.code: "x" if ("p", p.pk, a.pk) in marked else None for a in individual}}
    write_sheet(ws, PEOPLE_COLUMNS + [_award_column(a) for a in individual], rows())
    _style_marks(ws, len(PEOPLE_COLUMNS) + 1, len(individual), len(people))

    ws = wb.create_sheet(SHEET_UNITS)
    units = list(registration_collectives(unit))
    write_sheet(ws, UNIT_COLUMNS + [_award_column(a) for a in collective], (
        {"code": u.code, "name": ("— " * (u.depth - unit.depth)) + u.name,
         **{a.code: "x" if ("u", u.pk, a.pk) in marked else None for a in collective}}
        for u in units))
    _style_marks(ws, len(UNIT_COLUMNS) + 1, len(collective), len(units))

    awards = {a.code: a for a in [*individual, *collective]}
    help_sheet(wb, PEOPLE_COLUMNS + UNIT_COLUMNS[:1] + [_award_column(a) for a in awards.values()],
               intro=(f"Đăng ký thi đua năm {plan.year} của {unit.name} ({plan.citation}). "
                      f"Sheet “{SHEET_PEOPLE}”: mỗi dòng một cán bộ; sheet “{SHEET_UNITS}”: mỗi dòng một tập thể. "
                      "Ghi x vào ô của danh hiệu, hình thức muốn đăng ký. Tệp nhập vào thay thế toàn bộ đăng ký đang có "
                      "(sheet nào bị xóa khỏi tệp thì phần đó giữ nguyên). Nếu có lỗi, không dòng nào được ghi và hệ "
                      "thống liệt kê mọi lỗi theo dòng, cột."))
    return to_bytes(wb)


@dataclass
class UploadResult:
    errors: list[CellError] = field(default_factory=list)
    individuals: int = 0
    collectives: int = 0
    kept: list[str] = field(default_factory=list)
    registration: object = None

    @property
    def ok(self):
        return not self.errors

    @property
    def summary(self):
        text = f"Đã nhập {self.individuals} đăng ký cá nhân và {self.collectives} đăng ký tập thể."
        if self.kept:
            text += f" Tệp không có sheet {', '.join('“' + k + '”' for k in self.kept)}: phần đó giữ nguyên."
        return text


def _mark(value):
    """True for a registration mark, False for an empty cell, None for anything else."""
    if value in (None, ""):
        return False
    return True if fold(str(value)) in MARKS else None


def _read_marks(ws, row, awards, kind, offered, errors, subject_label):
    out = []
    for code, award in awards.items():
        value = row.values.get(code)
        where = row.where.get(code, code)
        mark = _mark(value)
        if mark is None:
            errors.append(CellError(ws.title, row.number, where, f"“{value}” không hợp lệ: ghi x để đăng ký, để trống nếu không đăng ký."))
        elif mark:
            if kind not in award.recipient_kinds:
                who = "cá nhân" if kind == "individual" else "tập thể"
                errors.append(CellError(ws.title, row.number, where, f"{award_label(award)} không tặng cho {who} ({subject_label})."))
            elif award.code not in offered:
                errors.append(CellError(ws.title, row.number, where, f"{award_label(award)} không có trong danh mục đăng ký của kế hoạch này."))
            else:
                out.append(award)
    return out


def _read_subjects(ws, columns, awards, offered, errors, kind, resolve, duplicate_label):
    """Rows of a sheet (people or collectives) as registration lines; ``resolve(codes)``
    gives ``lookup(code) -> (subject, problem)``."""
    rows = read_rows(ws, columns + [_award_column(a, header=False) for a in awards.values()], errors)
    lookup = resolve([r.values["code"] for r in rows if r.values.get("code")])
    lines, seen = [], {}
    for r in rows:
        code = r.values.get("code")
        if not code:
            continue
        if code in seen:
            errors.append(CellError(ws.title, r.number, r.where["code"], f"{duplicate_label} “{code}” trùng với dòng {seen[code]}."))
            continue
        seen[code] = r.number
        subject, problem = lookup(code)
        if problem:
            errors.append(CellError(ws.title, r.number, r.where["code"], problem))
            continue
        name = subject.full_name if kind == "individual" else subject.name
        for award in _read_marks(ws, r, awards, kind, offered, errors, name):
            lines.append((award, subject, None) if kind == "individual" else (award, None, subject))
    return lines


def _read_people(ws, unit, awards, offered, errors):
    def resolve(codes):
        found = {p.code: p for p in Person.objects.filter(code__in=codes).select_related("unit")}

        def lookup(code):
            person = found.get(code)
            if person is None:
                return None, f"không có cán bộ mã “{code}”."
            if not person.unit.path.startswith(unit.path):
                return None, f"mã “{code}” không phải cán bộ của {unit.name}."
            return person, None
        return lookup
    return _read_subjects(ws, PEOPLE_COLUMNS, awards, offered, errors, "individual", resolve, "mã cán bộ")


def _read_units(ws, unit, awards, offered, errors):
    allowed = {u.code: u for u in registration_collectives(unit)}

    def resolve(codes):
        def lookup(code):
            if code not in allowed:
                return None, f"“{code}” không phải mã của {unit.name} hay một đơn vị trực thuộc đang hoạt động."
            return allowed[code], None
        return lookup
    return _read_subjects(ws, UNIT_COLUMNS, awards, offered, errors, "collective", resolve, "mã đơn vị")


def import_registration(*, acting_user, plan, unit, fileobj, filename="", submit=False) -> UploadResult:
    result = UploadResult()
    try:
        wb = open_workbook(fileobj)
    except SheetError as e:
        result.errors.append(CellError(filename or "tệp", 0, "", str(e)))
        return result
    ws_people = find_sheet(wb, [SHEET_PEOPLE, "ca_nhan", "individuals"])
    ws_units = find_sheet(wb, [SHEET_UNITS, "tap_the", "collectives"])
    if ws_people is None and ws_units is None:
        result.errors.append(CellError(filename or "tệp", 0, "", f"không thấy sheet “{SHEET_PEOPLE}” hay “{SHEET_UNITS}”: "
                                                                  "hãy dùng tệp mẫu tải từ trang đăng ký của đơn vị."))
        return result
    individual, collective = registration_awards(plan)
    # Every catalogue code is read, so that a title put in the wrong sheet is named, not ignored.
    awards = {a.code: a for a in AwardType.objects.order_by("rank", "code")}
    reg = Registration.objects.filter(plan=plan, unit=unit).first()
    existing = list(reg.lines.select_related("award_type", "person", "unit")) if reg else []
    lines = []
    if ws_people is not None:
        lines += _read_people(ws_people, unit, awards, {a.code for a in individual}, result.errors)
    else:
        result.kept.append(SHEET_PEOPLE)
        lines += [(x.award_type, x.person, None) for x in existing if x.person_id]
    if ws_units is not None:
        lines += _read_units(ws_units, unit, awards, {a.code for a in collective}, result.errors)
    else:
        result.kept.append(SHEET_UNITS)
        lines += [(x.award_type, None, x.unit) for x in existing if x.unit_id]
    if result.errors:
        result.errors.sort(key=lambda e: (e.sheet != SHEET_PEOPLE, e.sheet, e.row, e.column))
        return result
    try:
        result.registration = actions.registration_save(
            acting_user=acting_user, plan=plan, unit=unit, lines=lines, submit=submit,
            note=reg.note if reg else "")
    except ValidationError as e:
        result.errors = [CellError(filename or "tệp", 0, "", m) for m in e.messages]
        return result
    except PermissionDenied as e:
        result.errors = [CellError(filename or "tệp", 0, "", str(e))]
        return result
    result.individuals = sum(1 for _, p, _ in lines if p is not None)
    result.collectives = len(lines) - result.individuals
    return result


# --- the consolidated export -------------------------------------------------------

def award_columns(plan):
    """[(key, label, code)] of the consolidated tables: individuals first, then collectives."""
    individual, collective = registration_awards(plan)
    return ([(f"i:{a.code}", f"{award_label(a)} (cá nhân)" if a in collective else award_label(a), a.code) for a in individual]
            + [(f"c:{a.code}", f"{award_label(a)} (tập thể)" if a in individual else award_label(a), a.code) for a in collective])


def export_overview(plan, overview) -> bytes:
    columns = award_columns(plan)
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    summary_cols = [Column("unit_code", "Mã đơn vị", width=14), Column("unit", "Đơn vị", width=36),
                    Column("status", "Tình trạng", width=46)]
    summary_cols += [Column(key, f"{label} ({code})", kind="int", width=14) for key, label, code in columns]
    summary_cols += [Column("n_collectives", "Tổng đăng ký tập thể", kind="int", width=12),
                     Column("n_individuals", "Tổng đăng ký cá nhân", kind="int", width=12)]
    write_sheet(ws, summary_cols, (
        {"unit_code": row["unit"].code, "unit": row["unit"].name, "status": row["status_text"],
         **{key: row["counts"].get(key, 0) for key, _, _ in columns},
         "n_collectives": row["n_collectives"], "n_individuals": row["n_individuals"]}
        for row in overview))
    ws.row_dimensions[1].height = 48
    total = ["", "Cộng", f"{sum(1 for r in overview if r['counted'])}/{len(overview)} đơn vị đã đăng ký"]
    total += [sum(r["counts"].get(key, 0) for r in overview) for key, _, _ in columns]
    total += [sum(r["n_collectives"] for r in overview), sum(r["n_individuals"] for r in overview)]
    append_row(ws, total)

    ws = wb.create_sheet("Cá nhân")
    write_sheet(ws, [Column("registrant", "Đơn vị đăng ký", width=30), Column("code", "Mã cán bộ", width=12),
                     Column("name", "Họ và tên", width=28), Column("position", "Chức vụ", width=24),
                     Column("unit", "Đơn vị công tác", width=34), Column("award", "Danh hiệu, hình thức", width=34),
                     Column("award_code", "Mã danh hiệu", width=12)], (
        {"registrant": row["unit"].name, "code": line.person.code, "name": line.person.full_name,
         "position": line.person.position or None, "unit": line.person.unit.name,
         "award": award_label(line.award_type), "award_code": line.award_type.code}
        for row in overview for line in sorted((x for x in row["lines"] if x.person_id),
                                               key=lambda x: (x.award_type.rank, x.person.sort_key))))

    ws = wb.create_sheet("Tập thể")
    write_sheet(ws, [Column("registrant", "Đơn vị đăng ký", width=30), Column("code", "Mã tập thể", width=16),
                     Column("name", "Tên tập thể", width=40), Column("award", "Danh hiệu, hình thức", width=34),
                     Column("award_code", "Mã danh hiệu", width=12)], (
        {"registrant": row["unit"].name, "code": line.unit.code, "name": line.unit.name,
         "award": award_label(line.award_type), "award_code": line.award_type.code}
        for row in overview for line in sorted((x for x in row["lines"] if x.unit_id),
                                               key=lambda x: (-x.award_type.rank, x.unit.path))))
    wb.properties.title = f"Tổng hợp đăng ký thi đua năm {plan.year}"
    wb.properties.created = timezone.now().replace(tzinfo=None)
    return to_bytes(wb)
