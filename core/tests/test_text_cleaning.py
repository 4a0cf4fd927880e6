"""One text-cleaning step on every save: NFC, no control or bidi-override characters,
lengths with a Vietnamese message naming the field — in forms, imports and models."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from core.forms import RowValidator
from core.text import clean_text
from org.forms import PersonForm
from org.models import Person
from registration.forms import ReopenForm

NAME = "Nguyễn\x07\x1b\x01 Văn\x00 An"


def test_clean_text():
    assert clean_text(NAME) == "Nguyễn Văn An"
    assert clean_text("Lê \u202eVăn\u202c Cường\u2066\u200f") == "Lê Văn Cường"
    assert clean_text("Trần\x85\x9b Thị\x7f Bình") == "Trần Thị Bình"
    assert clean_text("  Vũ\nVăn\tTú ") == "Vũ Văn Tú"
    assert clean_text("dòng 1\r\n\tdòng 2\x00", multiline=True) == "dòng 1\r\n\tdòng 2"
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Thủy")
    assert nfd != "Nguyễn Thị Thủy" and clean_text(nfd) == "Nguyễn Thị Thủy"
    assert clean_text("Đỗ 😀 👩‍👩‍👧 Mai") == "Đỗ 😀 👩‍👩‍👧 Mai"  # emoji, and the joiners inside them, are kept
    assert clean_text(None) is None and clean_text(5) == 5


def test_the_person_form_stores_the_name_without_control_characters():
    form = PersonForm({"code": "CB9", "full_name": NAME, "position": "Chuyên\x1b viên", "email": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["full_name"] == "Nguyễn Văn An"
    assert form.cleaned_data["position"] == "Chuyên viên"


def test_nul_is_removed_not_refused_in_english():
    form = PersonForm({"code": "CB9\x00", "full_name": "Lê\x00 Văn A"})
    assert form.is_valid(), form.errors
    assert "Null characters are not allowed." not in str(form.errors)


def test_a_multi_line_field_keeps_its_lines():
    form = ReopenForm({"reason": "Công văn số 12\r\nngày 03/02/2022\x07", "until": "10/02/2022"})
    form.is_valid()
    assert form.cleaned_data["reason"] == "Công văn số 12\r\nngày 03/02/2022"


def test_too_long_names_the_field_in_vietnamese():
    form = PersonForm({"code": "CB9", "full_name": "Nguyễn " + "A" * 9_998, "phone": "0" * 5_000, "email": "a@b"})
    assert not form.is_valid()
    assert form.errors["full_name"] == ["“Họ và tên” dài tối đa 200 ký tự (đang có 10.005 ký tự)."]
    assert form.errors["phone"] == ["“Điện thoại” dài tối đa 40 ký tự (đang có 5.000 ký tự)."]
    assert form.errors["email"] == ["Địa chỉ thư điện tử không hợp lệ."]


def test_an_import_row_gets_the_forms_checks_and_cleaning():
    check = RowValidator(PersonForm)
    cleaned, errors = check({"code": "CB9", "full_name": NAME, "phone": "0" * 5_000})
    assert cleaned["full_name"] == "Nguyễn Văn An"
    assert errors == {"phone": ["“Điện thoại” dài tối đa 40 ký tự (đang có 5.000 ký tự)."]}
    cleaned, errors = check({"full_name": "An"})
    assert errors == {"full_name": ["Họ và tên phải có ít nhất họ và tên."]}


@pytest.mark.django_db
def test_the_model_backstop_cleans_whatever_path_saves(world):
    """An action, a shell, a future API: a model save never stores a control character."""
    p = Person.objects.get(code="CB0001")
    p.full_name = NAME
    p.position = unicodedata.normalize("NFD", "Thủ quỹ\u202e")
    p.save()
    p.refresh_from_db()
    assert (p.full_name, p.position) == ("Nguyễn Văn An", "Thủ quỹ")
    assert "\x07" not in p.search_text
    p.phone = "0" * 41
    with pytest.raises(ValidationError) as e:
        p.save()
    assert e.value.message_dict == {"phone": ["“Điện thoại” dài tối đa 40 ký tự (đang có 41 ký tự)."]}
