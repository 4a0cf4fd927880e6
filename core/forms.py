from django import forms
from django.core.exceptions import ValidationError

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class VNDateField(forms.DateField):
    """dd/mm/yyyy in and out, as Vietnamese documents write dates."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "class": "date"}))
        kwargs["error_messages"] = {"invalid": "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.",
                                    **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)


class CleanTextMixin:
    """Every text a form takes passes through ``core.text.clean_text`` before it
    is validated: NFC, no control or bidi-override characters (a single-line
    field also loses its line breaks; a Textarea keeps \t \n \r), and a
    length error that names the field in Vietnamese. Passwords are left as
    typed. Every form of the application has it (``Form``, ``VNModelForm``;
    tests/test_hostile_input.py walks them)."""

    def full_clean(self):
        if self.is_bound:
            self._clean_text_fields()
        super().full_clean()

    def _clean_text_fields(self):
        from .text import clean_text

        data = self.data.copy()
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
                continue
            _vietnamese_text_validators(field, name)
            key = self.add_prefix(name)
            if key not in data:
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            if hasattr(data, "setlist"):
                data.setlist(key, [clean_text(v, multiline=multiline) for v in data.getlist(key)])
            else:
                value = data[key]
                data[key] = ([clean_text(v, multiline=multiline) for v in value] if isinstance(value, (list, tuple))
                             else clean_text(value, multiline=multiline))
        self.data = data


def _vietnamese_text_validators(field, name):
    """Django's "Null characters are not allowed." cannot fire any more (clean_text took
    NUL away); its max-length message becomes one that names the field."""
    from django.core import validators

    from .text import length_message

    if getattr(field, "_vn_text", False):
        return
    label = str(field.label or name).rstrip(":")
    kept = []
    for v in field.validators:
        if isinstance(v, validators.ProhibitNullCharactersValidator):
            continue
        if isinstance(v, validators.MaxLengthValidator):
            def check(value, limit=v.limit_value):
                if value is not None and len(value) > limit:
                    raise ValidationError(length_message(label, limit, len(value)), code="text_length")
            kept.append(check)
            continue
        kept.append(v)
    field.validators = kept
    field._vn_text = True


class Form(CleanTextMixin, forms.Form):
    """The base of the application's forms: text cleaned (``CleanTextMixin``)."""


def apply_validation_error(form, error):
    """Put an action's ValidationError on the form's fields (unknown keys go to the form)."""
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e.message if hasattr(e, "message") else e)
    else:
        for message in error.messages:
            form.add_error(None, message)
