"""`tdkt import-history FILE`: the history file of domain/interchange.md.

JSON (format "tdkt-history/1") or an .xlsx workbook with one sheet per list.
All-or-nothing: every row is checked first and every error names its list,
its row and its field; then everything is written in one transaction.
Importing the same file twice changes nothing the second time.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from core.excel import Column, SheetError, find_sheet, open_workbook, read_rows
from core.forms import DATE_RANGE_MESSAGE, date_in_range
from core.text import clean_text, fold, format_count
from core.uploads import UploadRefused, check_size
from audit.recording import record
from core import bulk
from decisions.actions import Wanted, achievement_key, awards_held, awards_write, initiative_conflicts
from decisions.models import Award, Occasion
from initiatives.models import Initiative, Scope
from org.models import Employment, Gender, Person, Unit, UnitKind
from rulebook.models import AwardType

from .models import Discipline, DisciplineLevel, HistoryImport, Rating, RatingLevel

FORMAT = "tdkt-history/1"
# The note of the Employment assumed for a person imported without memberships.
IMPLICIT = "Ngầm định: thuộc đơn vị này trong mọi năm (tệp lịch sử không có memberships)"
LISTS = ["units", "people", "memberships", "ratings", "disciplines", "initiatives", "awards"]

SPEC = {
    "units": [Column("code", "code", True), Column("name", "name", True), Column("kind", "kind", True), Column("parent", "parent"),
              Column("valid_from", "valid_from", kind="date"), Column("valid_to", "valid_to", kind="date"), Column("successor", "successor")],
    "people": [Column("code", "code", True), Column("full_name", "full_name", True), Column("unit", "unit", True),
               Column("birth_date", "birth_date", kind="date"), Column("gender", "gender"), Column("position", "position")],
    "memberships": [Column("person", "person", True), Column("unit", "unit", True), Column("from", "from", kind="date"), Column("to", "to", kind="date")],
    "ratings": [Column("person", "person"), Column("unit", "unit"), Column("year", "year", True, kind="int"), Column("rating", "rating", True)],
    "disciplines": [Column("person", "person", True), Column("date", "date", True, kind="date"), Column("level", "level", True),
                    Column("decision_number", "decision_number")],
    "initiatives": [Column("code", "code", True), Column("title", "title", True), Column("authors", "authors", True),
                    Column("recognized_on", "recognized_on", True, kind="date"), Column("scope", "scope", True),
                    Column("recognized_by", "recognized_by"), Column("unit", "unit"), Column("decision_number", "decision_number")],
    "awards": [Column("recipient", "recipient", True), Column("award", "award", True), Column("year", "year", True, kind="int"),
               Column("decision_number", "decision_number"), Column("decision_date", "decision_date", kind="date"),
               Column("initiatives", "initiatives"), Column("occasion", "occasion"), Column("achievement", "achievement")],
}
LIST_FIELDS = {("initiatives", "authors"), ("awards", "initiatives")}
GENDERS = {"male": Gender.MALE, "female": Gender.FEMALE, "nam": Gender.MALE, "nu": Gender.FEMALE}


@dataclass
class HistoryError:
    list: str
    row: int | None
    field: str
    message: str

    def __str__(self):
        where = self.list
        if self.row is not None:
            where += f", dòng {self.row}"
        if self.field:
            where += f", trường “{self.field}”"
        return f"{where}: {self.message}"


@dataclass
class Result:
    errors: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # list -> {"created": n, "updated": n, "unchanged": n}
    notes: list = field(default_factory=list)  # what was written as the file says but is worth knowing

    @property
    def ok(self):
        return not self.errors


class Rows:
    """One list's rows: (row number, {field: value}) with where-labels for messages."""

    def __init__(self, name, rows):
        self.name, self.rows = name, rows


# --- reading ------------------------------------------------------------------

def read_file(path) -> tuple[dict, list]:
    path = Path(path)
    errors = []
    if not path.exists():
        return {}, [HistoryError("tệp", None, "", f"không tìm thấy tệp {path}")]
    try:
        check_size(path)  # the upload guard's size limit (the .xlsx path gets the rest in open_workbook)
    except UploadRefused as e:
        return {}, [HistoryError("tệp", None, "", e.messages[0])]
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, errors), errors
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return {}, [HistoryError("tệp", None, "", f"không đọc được JSON: {e}")]
    if not isinstance(data, dict):
        return {}, [HistoryError("tệp", None, "", "nội dung phải là một đối tượng JSON có các danh sách units, people, …")]
    if data.get("format", FORMAT) != FORMAT:
        errors.append(HistoryError("tệp", None, "format", f"định dạng “{data.get('format')}” không hỗ trợ, cần “{FORMAT}”"))
    lists = {}
    for name in LISTS:
        items = data.get(name, [])
        if not isinstance(items, list):
            errors.append(HistoryError(name, None, "", "phải là một danh sách"))
            continue
        rows = []
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                errors.append(HistoryError(name, i, "", "mỗi phần tử phải là một đối tượng"))
                continue
            rows.append((i, _json_row(name, i, item, errors)))
        lists[name] = rows
    return lists, errors


def _json_row(name, i, item, errors):
    out = {}
    for col in SPEC[name]:
        value = item.get(col.field)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            out[col.field] = None
            continue
        if col.kind == "date":
            try:
                value = date.fromisoformat(str(value))
            except ValueError:
                errors.append(HistoryError(name, i, col.field, f"“{value}” không phải ngày dạng YYYY-MM-DD"))
                value = None
            else:
                if not date_in_range(value):
                    errors.append(HistoryError(name, i, col.field, f"{DATE_RANGE_MESSAGE} (đã ghi {value.isoformat()})"))
                    value = None
        elif col.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                try:
                    value = int(str(value))
                except ValueError:
                    errors.append(HistoryError(name, i, col.field, f"“{value}” không phải số nguyên"))
                    value = None
        elif (name, col.field) in LIST_FIELDS:
            if isinstance(value, str):
                value = [v.strip() for v in value.split(";") if v.strip()]
            elif not isinstance(value, list):
                errors.append(HistoryError(name, i, col.field, "phải là một danh sách mã"))
                value = None
            else:
                value = [str(v).strip() for v in value]
        else:
            value = str(value)
        out[col.field] = value
    return out


def _read_xlsx(path, errors):
    try:
        wb = open_workbook(path)
    except SheetError as e:
        errors.append(HistoryError("tệp", None, "", str(e)))
        return {}
    lists = {}
    for name in LISTS:
        ws = find_sheet(wb, [name])
        if ws is None:
            lists[name] = []
            continue
        cell_errors = []
        rows = read_rows(ws, SPEC[name], cell_errors)
        for e in cell_errors:
            column = e.column.split(" (")[-1].rstrip(")") if e.column else ""
            errors.append(HistoryError(name, e.row or None, column, e.message.rstrip(".")))
        out = []
        for r in rows:
            values = dict(r.values)
            for (lst, fld) in LIST_FIELDS:
                if lst == name and values.get(fld):
                    values[fld] = [v.strip() for v in str(values[fld]).split(";") if v.strip()]
            out.append((r.number, values))
        lists[name] = out
    return lists


# --- checking -------------------------------------------------------------------

def check(lists) -> tuple[list, dict]:
    """Every error in the file, and what the file refers to (resolved codes)."""
    errors = []
    err = lambda lst, row, fld, msg: errors.append(HistoryError(lst, row, fld, msg))  # noqa: E731

    def required(lst, row, values):
        for col in SPEC[lst]:
            if col.required and values.get(col.field) in (None, "", []):
                err(lst, row, col.field, "thiếu giá trị bắt buộc")

    _clean_texts(lists, err)

    units = lists.get("units", [])
    file_units = {}
    for row, v in units:
        required("units", row, v)
        if v.get("kind") and v["kind"] not in UnitKind.values:
            err("units", row, "kind", f"“{v['kind']}” không phải loại đơn vị ({', '.join(UnitKind.values)})")
        if v.get("code"):
            if v["code"] in file_units:
                err("units", row, "code", f"mã “{v['code']}” trùng với dòng {file_units[v['code']][0]}")
            file_units.setdefault(v["code"], (row, v))
        if v.get("valid_from") and v.get("valid_to") and v["valid_to"] < v["valid_from"]:
            err("units", row, "valid_to", "ngày kết thúc trước ngày bắt đầu")
    referenced = {v.get("parent") for _, v in units} | {v.get("successor") for _, v in units}
    referenced |= {v.get("unit") for lst in ("people", "memberships", "ratings", "initiatives") for _, v in lists.get(lst, [])}
    referenced |= {v.get("recipient") for _, v in lists.get("awards", [])}
    db_units = {u.code: u for u in Unit.objects.filter(code__in=[c for c in referenced | set(file_units) if c])}
    known_units = set(file_units) | set(db_units)
    for row, v in units:
        parent = v.get("parent")
        if parent is None:
            if v.get("code") and v["code"] not in db_units and v.get("kind") != "province" and Unit.objects.exists():
                err("units", row, "parent", "chỉ tỉnh, thành phố mới không có đơn vị cấp trên")
        elif parent not in known_units:
            err("units", row, "parent", f"không có đơn vị mã “{parent}”")
        elif parent == v.get("code"):
            err("units", row, "parent", "đơn vị không thể là cấp trên của chính nó")
        if v.get("successor") and v["successor"] not in known_units:
            err("units", row, "successor", f"không có đơn vị mã “{v['successor']}”")
    # cycles in the parent chain
    for code in file_units:
        seen, cur = set(), code
        while cur in file_units and cur not in seen:
            seen.add(cur)
            cur = file_units[cur][1].get("parent")
        if cur in seen:
            err("units", file_units[code][0], "parent", "chuỗi đơn vị cấp trên tạo thành vòng lặp")
            break

    people = lists.get("people", [])
    file_people = {}
    for row, v in people:
        required("people", row, v)
        if v.get("code"):
            if v["code"] in file_people:
                err("people", row, "code", f"mã “{v['code']}” trùng với dòng {file_people[v['code']]}")
            file_people.setdefault(v["code"], row)
        if v.get("unit") and v["unit"] not in known_units:
            err("people", row, "unit", f"không có đơn vị mã “{v['unit']}”")
        if v.get("gender") and fold(v["gender"]) not in GENDERS:
            err("people", row, "gender", f"“{v['gender']}” không hợp lệ (male hoặc female)")
        if v.get("full_name") and len(v["full_name"].split()) < 2:
            err("people", row, "full_name", "họ và tên phải có ít nhất họ và tên")
    person_refs = {v.get("person") for lst in ("memberships", "ratings", "disciplines") for _, v in lists.get(lst, [])}
    person_refs |= {a for _, v in lists.get("initiatives", []) for a in (v.get("authors") or [])}
    person_refs |= {v.get("recipient") for _, v in lists.get("awards", [])}
    db_people = {p.code: p for p in Person.objects.filter(code__in=[c for c in person_refs | set(file_people) if c])}
    known_people = set(file_people) | set(db_people)

    for row, v in lists.get("memberships", []):
        required("memberships", row, v)
        if v.get("person") and v["person"] not in known_people:
            err("memberships", row, "person", f"không có người mã “{v['person']}”")
        if v.get("unit") and v["unit"] not in known_units:
            err("memberships", row, "unit", f"không có đơn vị mã “{v['unit']}”")
        if v.get("from") and v.get("to") and v["to"] < v["from"]:
            err("memberships", row, "to", "ngày kết thúc trước ngày bắt đầu")

    seen_ratings = {}
    for row, v in lists.get("ratings", []):
        required("ratings", row, v)
        if bool(v.get("person")) == bool(v.get("unit")):
            err("ratings", row, "person", "mỗi dòng ghi đúng một trong hai trường person hoặc unit")
        elif v.get("person") and v["person"] not in known_people:
            err("ratings", row, "person", f"không có người mã “{v['person']}”")
        elif v.get("unit") and v["unit"] not in known_units:
            err("ratings", row, "unit", f"không có đơn vị mã “{v['unit']}”")
        if v.get("rating") and v["rating"] not in RatingLevel.values:
            err("ratings", row, "rating", f"“{v['rating']}” không phải mã xếp loại ({', '.join(RatingLevel.values)})")
        _year_ok("ratings", row, v, err)
        key = (v.get("person"), v.get("unit"), v.get("year"))
        if key in seen_ratings and v.get("year"):
            err("ratings", row, "year", f"đã có xếp loại năm {v['year']} cho {v.get('person') or v.get('unit')} ở dòng {seen_ratings[key]}")
        seen_ratings.setdefault(key, row)

    for row, v in lists.get("disciplines", []):
        required("disciplines", row, v)
        if v.get("person") and v["person"] not in known_people:
            err("disciplines", row, "person", f"không có người mã “{v['person']}”")
        if v.get("level") and v["level"] not in DisciplineLevel.values:
            err("disciplines", row, "level", f"“{v['level']}” không phải hình thức kỷ luật ({', '.join(DisciplineLevel.values)})")

    file_initiatives = {}
    for row, v in lists.get("initiatives", []):
        required("initiatives", row, v)
        if v.get("code"):
            if v["code"] in file_initiatives:
                err("initiatives", row, "code", f"mã “{v['code']}” trùng với dòng {file_initiatives[v['code']]}")
            file_initiatives.setdefault(v["code"], row)
        if v.get("scope") and v["scope"] not in Scope.values:
            err("initiatives", row, "scope", f"“{v['scope']}” không phải phạm vi ({', '.join(Scope.values)})")
        for a in v.get("authors") or []:
            if a not in known_people:
                err("initiatives", row, "authors", f"không có người mã “{a}”")
        if v.get("unit") and v["unit"] not in known_units:
            err("initiatives", row, "unit", f"không có đơn vị mã “{v['unit']}”")
    init_refs = {c for _, v in lists.get("awards", []) for c in (v.get("initiatives") or [])}
    db_initiatives = {i.code: i for i in Initiative.objects.filter(code__in=init_refs | set(file_initiatives))}
    known_initiatives = set(file_initiatives) | set(db_initiatives)

    catalogue = {a.code: a for a in AwardType.objects.all()}
    seen_awards = {}
    for row, v in lists.get("awards", []):
        required("awards", row, v)
        award = catalogue.get(v.get("award")) if v.get("award") else None
        if v.get("award") and award is None:
            err("awards", row, "award", f"không có mã khen thưởng “{v['award']}” trong danh mục")
        recipient = v.get("recipient")
        kind = None
        if recipient:
            is_person, is_unit = recipient in known_people, recipient in known_units
            if is_person and is_unit:
                err("awards", row, "recipient", f"mã “{recipient}” vừa là người vừa là đơn vị")
            elif not is_person and not is_unit:
                err("awards", row, "recipient", f"không có người hay đơn vị mã “{recipient}”")
            unit_kind = (file_units[recipient][1].get("kind") if recipient in file_units
                         else db_units[recipient].kind if recipient in db_units else None) if is_unit else None
            kind = "individual" if is_person else ("household" if unit_kind == "household" else "collective") if is_unit else None
        if award and kind and kind not in award.recipient_kinds:
            err("awards", row, "award", f"{award.name} không tặng cho "
                                        f"{ {'individual': 'cá nhân', 'household': 'hộ gia đình'}.get(kind, 'tập thể') }")
        _year_ok("awards", row, v, err)
        if v.get("decision_date") and v.get("year") and v["decision_date"].year < v["year"]:
            err("awards", row, "decision_date", f"quyết định ngày {v['decision_date']:%d/%m/%Y} trước năm thành tích {v['year']}")
        for c in v.get("initiatives") or []:
            if c not in known_initiatives:
                err("awards", row, "initiatives", f"không có sáng kiến mã “{c}”")
        occasion = v.get("occasion") or Occasion.YEAR_END
        if occasion not in Occasion.values:
            err("awards", row, "occasion", f"“{occasion}” không hợp lệ: year_end, ad_hoc hoặc thematic")
        elif occasion != Occasion.YEAR_END and not (v.get("achievement") or "").strip():
            err("awards", row, "achievement", "khen thưởng đột xuất, chuyên đề cần ghi thành tích được khen")
        if recipient and award and v.get("year"):
            # A title once a year; a form once per achievement (Luật TĐKT 2022, Điều 5.2).
            key = (recipient, *achievement_key(award, v["year"], None, None, occasion, v.get("achievement") or ""))
            if key in seen_awards:
                what = f" cho thành tích “{v.get('achievement')}”" if len(key) > 5 and key[-1] else ""
                err("awards", row, "year", f"{recipient} đã có {v['award']} năm {v['year']}{what} ở dòng {seen_awards[key]}: "
                                           "mỗi thành tích chỉ khen thưởng một lần")
            seen_awards.setdefault(key, row)
    errors.sort(key=lambda e: (LISTS.index(e.list) if e.list in LISTS else -1, e.row or 0))
    return errors, {"catalogue": catalogue}


# The text fields of the file and the columns they are stored in: cleaned as every
# saved text is (core.text.clean_text) and held to the column's length, so that a
# file is refused row by row rather than failing half-way through the write.
TEXT_COLUMNS = {
    "units": {"code": (Unit, "code"), "name": (Unit, "name")},
    "people": {"code": (Person, "code"), "full_name": (Person, "full_name"), "position": (Person, "position")},
    "disciplines": {"decision_number": (Discipline, "decision_number")},
    "initiatives": {"code": (Initiative, "code"), "title": (Initiative, "title"),
                    "recognized_by": (Initiative, "recognized_by"), "decision_number": (Initiative, "decision_number")},
    "awards": {"decision_number": (Award, "decision_number"), "achievement": (Award, "achievement")},
}


def _clean_texts(lists, err):
    for lst, columns in TEXT_COLUMNS.items():
        for row, v in lists.get(lst, []):
            for name, (model, column) in columns.items():
                if not isinstance(v.get(name), str):
                    continue
                v[name] = clean_text(v[name])
                limit = model._meta.get_field(column).max_length
                if limit and len(v[name]) > limit:
                    err(lst, row, name, f"dài tối đa {format_count(limit)} ký tự (đang có {format_count(len(v[name]))} ký tự)")


def _year_ok(lst, row, v, err):
    y = v.get("year")
    if y is not None and not (1945 <= y <= date.today().year + 1):
        err(lst, row, "year", f"năm {y} không hợp lệ")


# --- writing --------------------------------------------------------------------

def _count(result, lst, what):
    c = result.counts.setdefault(lst, {"created": 0, "updated": 0, "unchanged": 0})
    c[what] += 1


def _upsert(model_obj, values, result, lst):
    changed = [k for k, v in values.items() if getattr(model_obj, k) != v]
    for k in changed:
        setattr(model_obj, k, values[k])
    if changed:
        model_obj.save()
        _count(result, lst, "updated")
    else:
        _count(result, lst, "unchanged")
    return model_obj


@transaction.atomic
def write(lists, refs, result, run=None):
    """Write the checked lists; ``run`` (a HistoryImport, made here when not given) records the run."""
    if run is None:
        run = HistoryImport.objects.create(file_name="")
    units = {u.code: u for u in Unit.objects.all().only("id", "code", "path", "depth", "name", "kind", "valid_from", "valid_to", "successor_id")}
    pending = list(lists.get("units", []))
    # Parents before children.
    while pending:
        progressed = False
        for item in list(pending):
            row, v = item
            parent = v.get("parent")
            if parent and parent not in units:
                continue
            pending.remove(item)
            progressed = True
            values = {"name": v["name"], "kind": v["kind"], "valid_from": v.get("valid_from"), "valid_to": v.get("valid_to")}
            unit = units.get(v["code"])
            if unit is None:
                unit = Unit(code=v["code"], **values)
                unit.fill_derived()
                unit = Unit.objects.add_child(units[parent], instance=unit) if parent else Unit.objects.add_root(instance=unit)
                units[unit.code] = unit
                _count(result, "units", "created")
            else:
                current_parent = Unit.objects.get_parent(unit)
                if parent and (current_parent is None or current_parent.code != parent):
                    Unit.objects.move(unit, units[parent], "last-child")
                    unit.refresh_from_db()
                    values["name"] = v["name"]
                units[unit.code] = _upsert(unit, values, result, "units")
        if not progressed:
            break
    for row, v in lists.get("units", []):
        if v.get("successor"):
            unit = Unit.objects.get(code=v["code"])
            succ = units[v["successor"]]
            if unit.successor_id != succ.pk:
                unit.successor = succ
                unit.save(update_fields=["successor"])

    people = {p.code: p for p in Person.objects.filter(code__in=_codes(lists))}
    for row, v in lists.get("people", []):
        values = {"full_name": " ".join(v["full_name"].split()), "unit": units[v["unit"]], "birth_date": v.get("birth_date"),
                  "gender": GENDERS.get(fold(v["gender"]), "") if v.get("gender") else "", "position": v.get("position") or ""}
        person = people.get(v["code"])
        if person is None:
            person = Person.objects.create(code=v["code"], **values)
            people[person.code] = person
            _count(result, "people", "created")
        else:
            _upsert(person, values, result, "people")
    memberships = lists.get("memberships", [])
    with_history = {v["person"] for _, v in memberships}
    # A history given now replaces the "every year in their unit" assumed when none was.
    Employment.objects.filter(person__code__in=with_history, note=IMPLICIT).delete()
    for row, v in memberships:
        person, unit = people[v["person"]], units[v["unit"]]
        obj = Employment.objects.filter(person=person, unit=unit, start=v.get("from")).first()
        if obj is None:
            Employment.objects.create(person=person, unit=unit, start=v.get("from"), end=v.get("to"), position=person.position)
            _count(result, "memberships", "created")
        else:
            _upsert(obj, {"end": v.get("to")}, result, "memberships")
    # A person without memberships belongs to their unit for every year.
    for row, v in lists.get("people", []):
        person = people[v["code"]]
        if v["code"] in with_history:
            continue
        rows = list(Employment.objects.filter(person=person))
        if not rows:
            Employment.objects.create(person=person, unit=person.unit, start=None, end=None, position=person.position, note=IMPLICIT)
        elif len(rows) == 1 and rows[0].note == IMPLICIT and rows[0].unit_id != person.unit_id:
            rows[0].unit = person.unit
            rows[0].save(update_fields=["unit"])

    for row, v in lists.get("ratings", []):
        subject = {"person": people[v["person"]]} if v.get("person") else {"unit": units[v["unit"]]}
        obj = Rating.objects.filter(year=v["year"], **subject).first()
        if obj is None:
            Rating.objects.create(year=v["year"], level=v["rating"], **subject)
            _count(result, "ratings", "created")
        else:
            _upsert(obj, {"level": v["rating"]}, result, "ratings")

    for row, v in lists.get("disciplines", []):
        _, created = Discipline.objects.get_or_create(person=people[v["person"]], date=v["date"], level=v["level"],
                                                      defaults={"decision_number": v.get("decision_number") or ""})
        _count(result, "disciplines", "created" if created else "unchanged")

    initiatives = {i.code: i for i in Initiative.objects.filter(code__in=[v["code"] for _, v in lists.get("initiatives", [])])}
    for row, v in lists.get("initiatives", []):
        values = {"title": v["title"], "recognized_on": v["recognized_on"], "scope": v["scope"],
                  "recognized_by": v.get("recognized_by") or "", "decision_number": v.get("decision_number") or "",
                  "unit": units.get(v.get("unit")) if v.get("unit") else None}
        obj = initiatives.get(v["code"])
        authors = {people[a].pk for a in v["authors"]}
        if obj is None:
            obj = Initiative.objects.create(code=v["code"], **values)
            obj.authors.set(authors)
            initiatives[obj.code] = obj
            _count(result, "initiatives", "created")
        else:
            before = result.counts.get("initiatives", {}).get("updated", 0)
            _upsert(obj, values, result, "initiatives")
            if set(obj.authors.values_list("pk", flat=True)) != authors:
                obj.authors.set(authors)
                if result.counts["initiatives"]["updated"] == before:
                    result.counts["initiatives"]["unchanged"] -= 1
                    result.counts["initiatives"]["updated"] += 1

    _write_awards(lists, refs, result, people, units, initiatives, run)


def _write_awards(lists, refs, result, people, units, initiatives, run):
    """The awards through decisions' rule (one achievement rewarded once, an initiative counted once):
    existing ones found in bulk, the new ones created in bulk, an event for each one created or changed."""
    rows = lists.get("awards", [])
    missing = {c for _, v in rows for c in (v.get("initiatives") or []) if c not in initiatives}
    for chunk in bulk.chunks(missing, 900):
        initiatives.update({i.code: i for i in Initiative.objects.filter(code__in=chunk)})
    catalogue = refs["catalogue"]
    wanted = []
    for row, v in rows:
        code = v["recipient"]
        subject = {"person": people[code]} if code in people else {"unit": units[code]}
        wanted.append(Wanted(award_type=catalogue[v["award"]], year=v["year"], **subject,
                             decision_number=v.get("decision_number") or "", decision_date=v.get("decision_date"),
                             initiatives=[initiatives[c] for c in (v.get("initiatives") or [])],
                             occasion=v.get("occasion") or Occasion.YEAR_END, achievement=v.get("achievement") or ""))
    held = awards_held(wanted)
    # The file is the record of what was decided: an initiative it counts for two awards (co-authors' awards,
    # in old records) is kept as written, and the run's record says so (award_record refuses it).
    conflicts = initiative_conflicts(wanted, held)
    result.notes = [f"awards, dòng {rows[n][0]}: {message}" for n, message in sorted(conflicts.items())]
    counts = awards_write(wanted, held, acting_user=run.actor, source="history", note=f"{run} (lần nhập số {run.pk})")
    counts.pop("awards")
    if rows:
        result.counts["awards"] = counts


def _codes(lists):
    codes = {v["code"] for _, v in lists.get("people", [])}
    for lst, fld in (("memberships", "person"), ("ratings", "person"), ("disciplines", "person"), ("awards", "recipient")):
        codes |= {v.get(fld) for _, v in lists.get(lst, []) if v.get(fld)}
    codes |= {a for _, v in lists.get("initiatives", []) for a in (v.get("authors") or [])}
    return codes


def import_history(path, *, acting_user=None) -> Result:
    """Import the file; one HistoryImport row and one event on it record the run (who, which file, the counts),
    written in the same transaction as the rows."""
    result = Result()
    lists, errors = read_file(path)
    if lists:
        more, refs = check(lists)
        errors += more
    if errors:
        result.errors = errors
        return result
    _write_and_record(lists, refs, result, Path(path).name, acting_user)
    return result


@transaction.atomic
def _write_and_record(lists, refs, result, file_name, acting_user):
    actor = acting_user if getattr(acting_user, "pk", None) else None
    run = HistoryImport.objects.create(file_name=file_name[:255], actor=actor)
    write(lists, refs, result, run)
    for name in LISTS:
        result.counts.setdefault(name, {"created": 0, "updated": 0, "unchanged": 0})
    run.counts = {name: result.counts[name] for name in LISTS}
    run.save(update_fields=["counts"])
    note = file_name
    if result.notes:
        note += (f". {len(result.notes)} dòng khen thưởng tính sáng kiến đã được tính cho khen thưởng khác: "
                 + "; ".join(result.notes[:20]) + ("; …" if len(result.notes) > 20 else ""))
    record(actor=actor, verb="history_import", target=run, note=note,
           changes={name: ["", f"{c['created']} mới, {c['updated']} cập nhật, {c['unchanged']} không đổi"]
                    for name, c in run.counts.items()})
