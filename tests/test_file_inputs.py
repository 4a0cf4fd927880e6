"""Every file input of every form is the Vietnamese file picker (issue 7, item 8)."""

from django import forms

from core.forms import VNFileInput

from .helpers import form_classes


def test_every_file_field_of_every_form_uses_the_vietnamese_picker():
    seen = 0
    for cls in form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.FileField):
                seen += 1
                assert isinstance(field.widget, VNFileInput), f"{cls.__module__}.{cls.__name__}.{name}"
    assert seen >= 3


def test_the_picker_renders_vietnamese_labels():
    html = VNFileInput(attrs={"id": "id_file"}).render("file", None)
    assert ">Chọn tệp<" in html and ">Chưa chọn tệp nào<" in html and 'for="id_file"' in html and "filepicker-input" in html
