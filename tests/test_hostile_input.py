"""Hostile input, end to end: a list of payloads (control characters, NUL, U+202E,
spreadsheet formulas, 10,000-character strings, "<script>", SQL-looking text, emoji,
Vietnamese typed in combining marks) run through every form that saves text and every
import; then every export is opened.

What a user would notice, and what this checks:
- no page answers 500; a text too long is refused at its field with a Vietnamese
  message naming the field;
- nothing stored carries a control or bidi-override character, and Vietnamese text is
  stored in NFC (so "Nguyễn" typed on a Mac finds "Nguyễn");
- every export answers 200 and opens (openpyxl, python-docx), even over text stored
  before the cleaning existed; a name like =HYPERLINK(…) or =cmd|' /C calc'!A0 is a
  text cell showing exactly that, never a formula.

The tables FORMS, IMPORTS and EXPORTS are the whole list: a new form, import or export
is one more line.
"""

import io
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Callable

import pytest
from django.db import connection
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.cleaning import THIRD_PARTY, is_project_model
from core.excel import append_row
from core.text import clean_text
from movements.models import Movement
from org.models import Person, Unit
from plans.models import Plan
from records.history_import import import_history
from rulebook.models import AwardType, Parameter
from tdkt.testing.plans import make_city_plan, travel
from tdkt.testing.registration import post_registration

pytestmark = pytest.mark.django_db

CONTROL = "Nguyễn\x07\x1b\x01 Văn\x00 Hùng"
HYPERLINK = '=HYPERLINK("http://x","a")'
DDE = "=cmd|' /C calc'!A0"
PAYLOADS = {
    "control": CONTROL,
    "c1_and_del": "Trần\x85\x9b Thị\x7f Bình",
    "bidi": "Lê \u202eVăn\u202c Cường\u2066",
    "hyperlink": HYPERLINK,
    "dde": DDE,
    "plus_minus_at": "+84 912 345 678 -1 @SUM(A1)",
    "long": "Nguyễn " + "A" * 10_000,
    "script": "<script>alert(1)</script> Hoàng Anh",
    "sql": "Robert'); DROP TABLE org_person;-- Phạm",
    "emoji": "Đỗ 😀 Thị 👩‍👩‍👧 Mai",
    "combining": unicodedata.normalize("NFD", "Nguyễn Thị Thủy"),
    "newline_in_single_line": "Vũ\nVăn\rTú\tAn",
}
FORBIDDEN = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\ufeff")
LENGTH_MESSAGE = "dài tối đa"


def stored_texts():
    """Every text value of every model of the project: (model, field, pk, value)."""
    for model in apps.get_models():
        if not is_project_model(model):
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        if not fields:
            continue
        for row in model.objects.values("pk", *[f.attname for f in fields]).iterator():
            for f in fields:
                value = row[f.attname]
                if isinstance(value, str) and value:
                    yield model, f, row["pk"], value


def assert_everything_stored_is_clean():
    bad = [(m.__name__, f.name, pk, v[:60]) for m, f, pk, v in stored_texts()
           if set(v) & FORBIDDEN or unicodedata.normalize("NFC", v) != v
           or (isinstance(f, models.CharField) and set(v) & set("\n\r\t"))]
    assert not bad, bad


def stored_contains(text):
    return any(text in v for _, _, _, v in stored_texts())


# --- the set-up every case shares -------------------------------------------------------------


@dataclass
class Ctx:
    world: object
    plan: Plan
    movement: Movement
    n: int = 0

    def next(self):
        self.n += 1
        return self.n


@pytest.fixture
def ctx(world):
    with travel(2022, 1, 10, 9, 0):
        plan = make_city_plan(world)
    from movements import actions as m_actions

    movement = m_actions.movement_create(
        acting_user=world.users["specialist"], unit=world.city, name="Phong trào thi đua yêu nước", kind="thuong_xuyen",
        start=date(2022, 1, 1), content="Nội dung", criteria="Tiêu chí")
    movement = m_actions.movement_launch(acting_user=world.users["specialist"], movement=movement)
    return Ctx(world, plan, movement)


# --- forms ----------------------------------------------------------------------------------------


@dataclass
class FormCase:
    name: str
    persona: str
    url: Callable
    data: Callable  # (ctx, payload) -> POST data; the payload in its text fields
    limit: int | None  # the smallest max_length among the fields that take the payload
    travel: tuple | None = None  # the moment the form is posted at (registration has deadlines)


def _person_data(ctx, p, code=None):
    return {"code": code or f"CBH{ctx.next():04d}", "full_name": f"Nguyễn {p}", "gender": "male", "birth_date": "01/02/1985",
            "position": p, "phone": "0912345678", "email": "a@example.vn"}


FORMS = [
    FormCase("person create", "officer_a", lambda c: reverse("org:person_create") + f"?unit={c.world.office_a.pk}",
             _person_data, 200),
    FormCase("person edit", "officer_a", lambda c: reverse("org:person_edit", args=[c.world.thinh.pk]),
             lambda c, p: _person_data(c, p, code="CB0001"), 200),
    FormCase("person move", "officer_a", lambda c: reverse("org:person_move", args=[c.world.thinh.pk]),
             lambda c, p: {"unit": (c.world.office_a, c.world.school_a)[c.next() % 2].pk, "on": f"{c.n:02d}/03/2026",
                           "position": p, "note": p}, 200),
    FormCase("unit create", "specialist", lambda c: reverse("org:unit_create") + f"?parent={c.world.ward_a.pk}",
             lambda c, p: {"code": f"HN-H{c.next()}", "name": f"Tổ {p}", "kind": "residential_group", "address": p, "phone": "024",
                           "email": "", "parent": c.world.ward_a.pk}, 40),
    FormCase("unit edit", "specialist", lambda c: reverse("org:unit_edit", args=[c.world.school_a.pk]),
             lambda c, p: {"code": "HN-PLU-THCS", "name": f"Trường {p}", "kind": "school", "valid_from": "01/09/1998",
                           "address": p, "phone": "", "email": ""}, 255),
    FormCase("plan create", "specialist", lambda c: reverse("plans:create") + f"?unit={c.world.city.pk}",
             lambda c, p: {"year": 2026, "number": f"{c.next()}/KH", "issued_on": "05/01/2026", "issuer": p, "place": "Hà Nội",
                           "title": f"Kế hoạch {p}", "purposes": p, "requirements": p, "content": p, "recipients": p,
                           "signer_title": "CHỦ TỊCH", "signer_name": p, "unit": c.world.city.pk}, 120),
    FormCase("plan edit", "specialist", lambda c: reverse("plans:edit", args=[c.plan.pk]),
             lambda c, p: {"year": 2022, "number": "319/KH-HĐTĐKT", "issued_on": "24/12/2021", "issuer": "Hội đồng",
                           "place": "Hà Nội", "title": f"Kế hoạch {p}", "purposes": p, "requirements": p, "content": p,
                           "recipients": p, "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn Phong",
                           "reason": f"Sửa {p}"}, 500, travel=(2022, 1, 12, 9, 0)),
    FormCase("milestone add", "specialist", lambda c: reverse("plans:milestone_add", args=[c.plan.pk]),
             lambda c, p: {"title": f"Mốc {p}", "kind": "other", "due_on": "20/02/2022", "note": p, "reason": p}, 500,
             travel=(2022, 1, 12, 9, 0)),
    FormCase("task add", "specialist", lambda c: reverse("plans:task_add", args=[c.plan.pk]),
             lambda c, p: {"responsible": p, "content": p, "reason": p}, 255, travel=(2022, 1, 12, 9, 0)),
    FormCase("movement create", "specialist", lambda c: reverse("movements:create") + f"?unit={c.world.city.pk}",
             lambda c, p: {"name": f"Phong trào {p}", "kind": "thuong_xuyen", "launcher": p, "start": "01/01/2026",
                           "occasions": p, "content": p, "criteria": p, "unit": c.world.city.pk}, 255),
    FormCase("movement target", "specialist",
             lambda c: reverse("movements:target_add", args=[c.movement.pk]) if c.movement else None,
             lambda c, p: {"metric": "manual", "label": f"Chỉ tiêu {p}", "threshold": "50", "manual_value": "10"}, 500),
    FormCase("movement review", "specialist",
             lambda c: reverse("movements:review_add", args=[c.movement.pk]) if c.movement else None,
             lambda c, p: {"kind": "so_ket", "held_on": "01/06/2026", "report": p}, None),
    FormCase("registration reopening", "specialist",
             lambda c: reverse("registration:reopen", args=[c.plan.pk, c.world.ward_a.pk]),
             lambda c, p: {"reason": p, "until": "10/02/2022"}, 2000, travel=(2022, 2, 3, 9, 0)),
    FormCase("registration note", "officer_a",
             lambda c: reverse("registration:form", args=[c.plan.pk]) + f"?unit={c.world.ward_a.pk}",
             lambda c, p: {"unit": c.world.ward_a.pk, "ind": [f"{c.world.thinh.pk}:LDTT"], "action": "draft", "note": p},
             None, travel=(2022, 1, 20, 9, 0)),
    FormCase("initiative", "officer_a", lambda c: reverse("initiatives:create"),
             lambda c, p: {"code": f"SK-H{c.next()}", "title": f"Sáng kiến {p}", "authors": "CB0001", "recognized_on": "01/06/2025",
                           "scope": "co_so", "recognized_by": p, "decision_number": f"{c.n}/QĐ"}, 255),
    FormCase("award", "officer_a", lambda c: reverse("records:person_record", args=[c.world.thinh.pk]),
             lambda c, p: {"form": "award", "a-award_type": AwardType.objects.get(code="LDTT").pk, "a-year": 1990 + c.next(),
                           "a-decision_number": p[:60] if len(p) < 100 else p, "a-decision_date": "10/01/2025"}, 60),
    FormCase("discipline", "officer_a", lambda c: reverse("records:person_record", args=[c.world.thinh.pk]),
             lambda c, p: {"form": "discipline", "d-date": f"{c.next():02d}/01/2024", "d-level": "khien_trach",
                           "d-decision_number": p[:60] if len(p) < 100 else p}, 60),
    FormCase("rulebook parameter", "admin",
             lambda c: reverse("rulebook:parameter_edit", args=[Parameter.objects.order_by("pk").first().pk]),
             lambda c, p: {"value": json.dumps(Parameter.objects.order_by("pk").first().value), "status": "verified",
                           "legal_basis": p}, 500),
    FormCase("account", "admin", lambda c: reverse("accounts:user_create"),
             lambda c, p: {"username": f"nguoidung{c.next()}", "full_name": f"Nguyễn {p}", "email": "",
                           "password": "Mat-khau-rat-dai-2025!", "unit": c.world.ward_a.pk, "role": "unit_officer"}, 200),
]


@pytest.mark.parametrize("case", FORMS, ids=lambda c: c.name)
def test_every_form_cleans_every_payload(case, ctx, as_user):
    client = as_user(case.persona)
    url = case.url(ctx)
    if url is None:
        pytest.fail(f"{case.name}: no object to post to")
    accepted = 0
    for name, payload in PAYLOADS.items():
        context = travel(*case.travel) if case.travel else _nothing()
        with context:
            response = client.post(url, case.data(ctx, payload))
            assert response.status_code < 500, (case.name, name)
        body = response.content.decode() if response.status_code == 200 else ""
        if name == "long" and case.limit is not None:
            assert LENGTH_MESSAGE in body, (case.name, "a 10,000-character text is refused with a message")
        if response.status_code == 302:
            accepted += 1
        if name == "control":
            assert response.status_code == 302, (case.name, body[-2000:])
            assert stored_contains("Nguyễn Văn Hùng"), (case.name, "saved without its control characters")
        assert_everything_stored_is_clean()
    # The cases are real: most payloads are saved (a form refusing everything proves nothing).
    assert accepted >= len(PAYLOADS) - 4, (case.name, accepted)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_every_form_of_the_application_cleans_its_text():
    """The tables above cannot list a form that does not exist yet: this makes sure every
    form class of the project has the cleaning step, and every file field the upload guard."""
    import importlib
    import inspect
    import pkgutil

    from django import forms as dj_forms

    from core.forms import CleanTextMixin
    from core.uploads import ExcelFileField, ScanFileField

    missing = []
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in THIRD_PARTY:
            continue
        for info in pkgutil.walk_packages([config.path], config.name + "."):
            if ".tests" in info.name or ".migrations" in info.name or ".management" in info.name or "demo" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if not (issubclass(cls, dj_forms.BaseForm) and cls.__module__ == info.name):
                    continue
                if not issubclass(cls, CleanTextMixin):
                    missing.append(f"{info.name}.{cls.__name__}")
                # And every file a form takes passes the upload guard (core/uploads.py).
                missing += [f"{info.name}.{cls.__name__}.{name}: neither an ExcelFileField nor a ScanFileField"
                            for name, f in getattr(cls, "base_fields", {}).items()
                            if isinstance(f, dj_forms.FileField) and not isinstance(f, (ExcelFileField, ScanFileField))]
    assert not missing, missing


# --- imports ----------------------------------------------------------------------------------------


def _xlsx(header, rows, title):
    """A workbook as a clerk's Excel saves it: text cells are text (through the application's writer)."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    append_row(ws, header)
    for r in rows:
        append_row(ws, r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_people_import_cleans_and_refuses_like_the_form(as_user, world):
    # An .xlsx cannot carry C0 controls (XML forbids them): those come through the JSON history import below.
    payloads = {n: p for n, p in PAYLOADS.items() if n != "long" and not ILLEGAL_CHARACTERS_RE.search(p)}
    rows = {f"CBI-{name}": (f"Nguyễn {p}", p) for name, p in payloads.items()}
    content = _xlsx(["Mã cán bộ", "Họ và tên", "Mã đơn vị", "Ngày sinh", "Giới tính", "Chức vụ"],
                    [[code, name, "HN-PLU-VP", "01/02/1985", "Nam", position] for code, (name, position) in rows.items()], "people")
    response = as_user("officer_a").post(reverse("org:people_import"), {"file": SimpleUploadedFile("p.xlsx", content)}, follow=True)
    assert response.status_code == 200
    stored = {p.code: (p.full_name, p.position) for p in Person.objects.filter(code__startswith="CBI")}
    assert stored == {code: (" ".join(clean_text(name).split()), clean_text(position)) for code, (name, position) in rows.items()}
    assert stored["CBI-bidi"] == ("Nguyễn Lê Văn Cường", "Lê Văn Cường")  # U+202E and its friends gone
    assert stored["CBI-hyperlink"][1] == HYPERLINK
    assert stored["CBI-combining"][0] == "Nguyễn Nguyễn Thị Thủy" == unicodedata.normalize("NFC", stored["CBI-combining"][0])
    assert_everything_stored_is_clean()


def test_the_people_import_uses_the_forms_checks(as_user, world):
    """A 10,005-character name, a 5,000-character phone, the e-mail "a@b": each refused at
    its row and column with the person form's message; nothing written."""
    client = as_user("officer_a")
    rows = [["CBJ001", "Nguyễn " + "A" * 9_998, "HN-PLU-VP", "", "", "", ""],
            ["CBJ002", "Trần Văn Bình", "HN-PLU-VP", "", "", "", "0" * 5_000],
            ["CBJ003", "Lê Thị Cúc", "HN-PLU-VP", "", "", "", "", "a@b"]]
    header = ["Mã cán bộ", "Họ và tên", "Mã đơn vị", "Ngày sinh", "Giới tính", "Chức vụ", "Điện thoại", "Thư điện tử"]
    body = client.post(reverse("org:people_import"), {"file": SimpleUploadedFile("p.xlsx", _xlsx(header, rows, "people"))},
                       follow=True).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())  # the error table as read: row, column, message
    assert "2 B (Họ và tên) “Họ và tên” dài tối đa 200 ký tự (đang có 10.005 ký tự)." in text
    assert "3 G (Điện thoại) “Điện thoại” dài tối đa 40 ký tự (đang có 5.000 ký tự)." in text
    assert "4 H (Thư điện tử) Địa chỉ thư điện tử không hợp lệ." in text
    assert not Person.objects.filter(code__startswith="CBJ").exists()


def test_the_history_import_cleans_every_text(db, tmp_path):
    h = {"format": "tdkt-history/1",
         "units": [{"code": "U1", "name": f"Đơn vị {CONTROL}", "kind": "province"}],
         "people": [{"code": f"P{i}", "full_name": f"Nguyễn {p}", "unit": "U1", "position": p}
                    for i, (n, p) in enumerate(PAYLOADS.items()) if n != "long"]}
    path = tmp_path / "h.json"
    path.write_text(json.dumps(h), encoding="utf-8")
    result = import_history(path)
    assert result.ok, result.errors
    assert Person.objects.get(code="P0").full_name == "Nguyễn Nguyễn Văn Hùng"
    assert Unit.objects.get(code="U1").name == "Đơn vị Nguyễn Văn Hùng"
    assert_everything_stored_is_clean()


@pytest.mark.parametrize("name", ["c1_and_del", "hyperlink", "long", "bidi", "combining"])
def test_the_ratings_and_registration_imports_answer_every_payload(name, as_user, world, ctx):
    payload = PAYLOADS[name]
    client = as_user("officer_a")
    ratings = _xlsx(["Mã cán bộ", "Họ và tên", "Xếp loại"], [["CB0001", payload, payload]], "Xếp loại")
    response = client.post(reverse("records:ratings") + f"?unit={world.ward_a.pk}&year=2025",
                           {"file": SimpleUploadedFile("x.xlsx", ratings)}, follow=True)
    assert response.status_code == 200
    wb = Workbook()
    ws = wb.active
    ws.title = "Cá nhân"
    ws.append(["Mã cán bộ", "Họ và tên", "Lao động tiên tiến (LDTT)"])
    ws.append(["CB0001", payload, payload])
    buf = io.BytesIO()
    wb.save(buf)
    with travel(2022, 1, 20, 9, 0):
        response = client.post(reverse("registration:upload", args=[ctx.plan.pk]) + f"?unit={world.ward_a.pk}",
                               {"file": SimpleUploadedFile("d.xlsx", buf.getvalue())}, follow=True)
    assert response.status_code == 200
    assert_everything_stored_is_clean()


# --- exports ------------------------------------------------------------------------------------


@dataclass
class ExportCase:
    name: str
    persona: str
    url: Callable
    kind: str = "xlsx"


EXPORTS = [
    ExportCase("people", "officer_a", lambda c: reverse("org:people_export")),
    ExportCase("people template", "officer_a", lambda c: reverse("org:people_template")),
    ExportCase("unit codes", "officer_a", lambda c: reverse("org:people_import_units_export")),
    ExportCase("eligibility ward", "officer_a",
               lambda c: reverse("eligibility:unit_export") + f"?unit={c.world.ward_a.pk}&year=2025"),
    ExportCase("eligibility city", "specialist",
               lambda c: reverse("eligibility:unit_export") + f"?unit={c.world.city.pk}&year=2025"),
    ExportCase("ratings template", "officer_a",
               lambda c: reverse("records:ratings_template") + f"?unit={c.world.ward_a.pk}&year=2025"),
    ExportCase("registration template", "officer_a",
               lambda c: reverse("registration:template", args=[c.plan.pk]) + f"?unit={c.world.ward_a.pk}"),
    ExportCase("consolidated registrations", "specialist", lambda c: reverse("registration:overview_excel", args=[c.plan.pk])),
    ExportCase("consolidated registrations (Word)", "specialist",
               lambda c: reverse("registration:overview_docx", args=[c.plan.pk]), "docx"),
    ExportCase("plan (Word)", "specialist", lambda c: reverse("plans:docx", args=[c.plan.pk]), "docx"),
]


def _hostile_data_stored_before_cleaning(ctx):
    """Text as it could be stored before the cleaning existed (update() sends no signal)."""
    w = ctx.world
    with travel(2022, 1, 20, 9, 0):
        post_registration_for(ctx)
    Person.objects.filter(pk=w.thinh.pk).update(full_name=HYPERLINK, position=DDE)
    # PostgreSQL cannot store a NUL at all (it refuses the write), so only SQLite gets one.
    nul = "\x00" if connection.vendor == "sqlite" else ""
    Person.objects.filter(code="CB0002").update(full_name="Trần\x07\x1b\x01 Văn An", position="@SUM(1+1)" + nul)
    Unit.objects.filter(pk=w.school_a.pk).update(name="Trường\x07 THCS \u202ePhú Lương", address="-2+3")
    Plan.objects.filter(pk=ctx.plan.pk).update(purposes="Mục đích\x07\x1b\x01", signer_name="=1+1")


def post_registration_for(ctx):
    from django.test import Client

    client = Client()
    client.force_login(ctx.world.users["officer_a"])
    post_registration(client, ctx.plan, ctx.world.ward_a, ind=[f"{ctx.world.thinh.pk}:LDTT", f"{ctx.world.thinh.pk}:CSTDCS"],
                      col=[f"{ctx.world.school_a.pk}:TTLDTT"], action="submit")


def _cells(content):
    wb = load_workbook(io.BytesIO(content))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                yield cell


@pytest.mark.parametrize("case", EXPORTS, ids=lambda c: c.name)
def test_every_export_opens_over_hostile_stored_text(case, ctx, as_user):
    _hostile_data_stored_before_cleaning(ctx)
    response = as_user(case.persona).get(case.url(ctx))
    assert response.status_code == 200, case.name
    if case.kind == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert "\x07" not in text
        return
    cells = list(_cells(response.content))
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no formula is ever written"
    values = {c.value for c in cells if isinstance(c.value, str)}
    assert not [v for v in values if set(v) & FORBIDDEN]
    if case.name in {"people", "ratings template", "registration template", "consolidated registrations",
                     "eligibility ward", "eligibility city"}:
        assert HYPERLINK in values, "the name is there, as the text it is"
        formula_cells = [c for c in cells if c.value in (HYPERLINK, DDE)]
        assert all(c.data_type == "s" and c.quotePrefix for c in formula_cells)
    if case.name in {"people", "ratings template", "registration template"}:
        assert "Trần Văn An" in values or any("Trần Văn An" in v for v in values)


def test_the_history_import_refuses_a_text_too_long_by_row_and_field(db, tmp_path):
    h = {"format": "tdkt-history/1", "units": [{"code": "U1", "name": "Đơn vị", "kind": "province"}],
         "people": [{"code": "P1", "full_name": "Nguyễn " + "A" * 9_998, "unit": "U1"}]}
    path = tmp_path / "h.json"
    path.write_text(json.dumps(h), encoding="utf-8")
    result = import_history(path)
    assert [str(e) for e in result.errors] == [
        "people, dòng 1, trường “full_name”: dài tối đa 200 ký tự (đang có 10.005 ký tự)"]
    assert not Person.objects.exists()
