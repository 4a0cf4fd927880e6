from datetime import date

from django import forms
from django.core.exceptions import ValidationError

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]

# The one range of dates the application accepts, on screen and from files: a
# date outside it is a typing mistake (31/12/9999, 01/01/0001), and date
# arithmetic on it (the day after 31/12/9999) would overflow. The lower bound is
# 1900, not 1945: people honoured for a lifetime's contribution (quá trình cống
# hiến) were born in the 1930s, and many schools and agencies were founded earlier.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)
DATE_RANGE_MESSAGE = f"Ngày phải trong khoảng {DATE_MIN:%d/%m/%Y} – {DATE_MAX:%d/%m/%Y}"


def date_in_range(value: date | None) -> bool:
    return value is None or DATE_MIN <= value <= DATE_MAX


def check_date(value: date | None) -> date | None:
    """``value`` if it lies within DATE_MIN–DATE_MAX; ValidationError (Vietnamese) otherwise."""
    if not date_in_range(value):
        raise ValidationError(f"{DATE_RANGE_MESSAGE} (đã nhập {value:%d/%m/%Y}).", code="date_range")
    return value


class VNDateField(forms.DateField):
    """dd/mm/yyyy in and out, as Vietnamese documents write dates, within DATE_MIN–DATE_MAX.

    Every date of every form is one of these (tests/test_date_fields.py walks the forms)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "class": "date"}))
        kwargs["error_messages"] = {"invalid": "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.",
                                    **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        check_date(value)


class VNFileInput(forms.FileInput):
    """A file input that speaks Vietnamese: a "Chọn tệp" button and the chosen file's name
    ("Chưa chọn tệp nào" before), instead of the browser's own "Choose File / No file chosen"
    in whatever language the browser has. static/js/app.js shows the name; without
    JavaScript the browser's own input is shown (static/css/app.css, ``.js`` on <html>)."""

    template_name = "core/widgets/file.html"

    def __init__(self, attrs=None):
        attrs = dict(attrs or {})
        attrs["class"] = f"{attrs.get('class', '')} filepicker-input".strip()
        super().__init__(attrs)


class CleanTextMixin:
    """Every text a form takes passes through ``core.text.clean_text`` before it
    is validated: NFC, no control or bidi-override characters (a single-line
    field also loses its line breaks; a Textarea keeps \t \n \r), and a
    length error that names the field in Vietnamese. Passwords are left as
    typed. Every form of the application has it (``Form``;
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


class RowValidator:
    """An import's row checked by the same form a person fills in on screen.

    ``RowValidator(PersonForm)(values)`` → (cleaned values, {field: [messages]}):
    each value present in ``values`` goes through the form's field exactly as a
    typed one would (text cleaning, the field's validators and messages, then
    the form's ``clean_<field>``). One unbound form is reused for every row (a
    form per row would cost a deep copy of its fields each time); the form's
    cross-field ``clean()`` is not run."""

    def __init__(self, form_class, **kwargs):
        self.form = form_class(**kwargs)
        self.steps = {}
        for name, field in self.form.fields.items():
            text = isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)
            if isinstance(field, forms.CharField):
                _vietnamese_text_validators(field, name)
            self.steps[name] = (field, text, isinstance(field.widget, forms.Textarea), getattr(self.form, f"clean_{name}", None))

    def __call__(self, values: dict):
        from .text import clean_text

        form = self.form
        form.cleaned_data = cleaned = {}
        errors = {}
        for name, value in values.items():
            step = self.steps.get(name)
            if step is None:
                continue
            field, text, multiline, clean_method = step
            if text:
                value = "" if value is None else clean_text(value, multiline=multiline)
            try:
                cleaned[name] = field.clean(value)
                if clean_method is not None:
                    cleaned[name] = clean_method()
            except ValidationError as e:
                errors[name] = e.messages
                cleaned.pop(name, None)
        return dict(cleaned), errors


class Form(CleanTextMixin, forms.Form):
    """The base of the application's forms: text cleaned (``CleanTextMixin``)."""


def carry_seen(form, exclude=()):
    """Have ``form``, which edits an existing row, carry beside each editable field the value the editor
    saw (a hidden ``initial-<field>`` input, Django's ``show_hidden_initial``; posted back as it was
    loaded, also when the form is shown again with errors). The action compares them with the locked
    row (core.stale). ``exclude``: fields that are not the row's (a reason, a note for the history).
    Disabled fields, passwords and files are not carried. Returns ``form``."""
    for name, field in form.fields.items():
        if name in exclude or field.disabled or isinstance(field, forms.FileField) \
                or isinstance(field.widget, forms.PasswordInput):
            continue
        field.show_hidden_initial = True
    return form


def seen_values(form) -> dict:
    """{field: the value the editor saw} of a bound form made with ``carry_seen``, each read exactly as
    the field reads a typed value (the field's cleaning, then the form's ``clean_<field>``), so that it
    compares with what the form would save. A field whose seen value was not posted (an older page, a
    script) or does not read is left out: it is saved unguarded, as before."""
    seen = {}
    for name, field in form.fields.items():
        key = form.add_initial_prefix(name)
        if not field.show_hidden_initial or key not in form.data:
            continue
        raw = field.hidden_widget().value_from_datadict(form.data, form.files, key)
        try:
            # An empty seen value is what the row held (nothing), not a missing answer: no "required" check.
            value = field.to_python(raw) if raw in field.empty_values else field.clean(raw)
            method = getattr(form, f"clean_{name}", None)
            if method is not None:
                kept = getattr(form, "cleaned_data", None)
                form.cleaned_data = {**(kept or {}), name: value}
                try:
                    value = method()
                finally:
                    if kept is None:
                        del form.cleaned_data
                    else:
                        form.cleaned_data = kept
        except ValidationError:
            continue
        seen[name] = value
    return seen


def form_submitted(request, form, act, success, back):
    """The POST of a form page, one way: when the form is valid, run ``act(cleaned_data)``; the action's
    ValidationError goes onto the form's fields, else ``success`` (a text, or a function of what the action
    returned) becomes the message and the user goes to ``back``. Returns that redirect, or None to show the
    form again (a GET, or a form with errors)."""
    from django.contrib import messages
    from django.shortcuts import redirect

    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = act(form.cleaned_data)
    except ValidationError as e:
        apply_validation_error(form, e)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(back)


def apply_validation_error(form, error):
    """Put an action's ValidationError on the form's fields (unknown keys go to the form)."""
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e.message if hasattr(e, "message") else e)
    else:
        for message in error.messages:
            form.add_error(None, message)


def refused(request, error, back):
    """A step refused on a page without its own form: each Vietnamese message of ``error`` (a ValidationError,
    or any exception whose text is the message) as an error message, then back to ``back``."""
    from django.contrib import messages
    from django.shortcuts import redirect

    for text in error.messages if isinstance(error, ValidationError) else [str(error)]:
        messages.error(request, text)
    return redirect(back)
