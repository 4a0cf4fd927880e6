from django import forms

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class VNDateField(forms.DateField):
    """dd/mm/yyyy in and out, as Vietnamese documents write dates."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "class": "date"}))
        kwargs["error_messages"] = {"invalid": "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.",
                                    **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)


def apply_validation_error(form, error):
    """Put an action's ValidationError on the form's fields (unknown keys go to the form)."""
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e.message if hasattr(e, "message") else e)
    else:
        for message in error.messages:
            form.add_error(None, message)
