import json

from django import forms

from core.forms import Form, VNDateField

from . import schema
from .actions import BASE_SALARY_MAX
from .models import AwardType, RecipientKind, Status


def _no_constant(name):
    raise ValueError(name)  # NaN, Infinity: JSON has no such numbers


class ParameterForm(Form):
    value = forms.CharField(label="Giá trị (JSON)", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                            help_text='Ví dụ: {"op": ">", "share": 0.5}, 6, true, {"share": 0.15}',
                            error_messages={"required": "Chưa nhập giá trị."})
    status = forms.ChoiceField(label="Mức xác minh", choices=Status.choices)
    legal_basis = forms.CharField(label="Căn cứ pháp lý", max_length=500, required=False)

    def __init__(self, *args, parameter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parameter = parameter
        if parameter is not None:
            self.fields["value"].help_text = f"Giá trị hợp lệ: {schema.describe(schema.schema_for(parameter.key))}."

    def clean_value(self):
        try:
            value = json.loads(self.cleaned_data["value"], parse_constant=_no_constant)
        except (json.JSONDecodeError, ValueError, RecursionError):
            raise forms.ValidationError("Giá trị không đúng dạng JSON (ví dụ 0.5, true, {\"share\": 0.7}).") from None
        # Whether the value fits the parameter's schema is checked by rulebook.actions.parameter_update.
        return value


class CoefficientForm(Form):
    value = forms.DecimalField(label="Hệ số", min_value=0, max_digits=6, decimal_places=3,
                               error_messages={"invalid": "Hệ số phải là số, ví dụ 0.3 hoặc 1.5.", "required": "Chưa nhập hệ số.",
                                               "min_value": "Hệ số không được âm.",
                                               "max_digits": "Hệ số có nhiều nhất 6 chữ số (3 sau dấu thập phân), ví dụ 1.5.",
                                               "max_decimal_places": "Hệ số có nhiều nhất 3 chữ số sau dấu thập phân.",
                                               "max_whole_digits": "Hệ số có nhiều nhất 3 chữ số trước dấu thập phân."})
    status = forms.ChoiceField(label="Mức xác minh", choices=Status.choices)
    legal_basis = forms.CharField(label="Căn cứ pháp lý", max_length=500, required=False)


class BaseSalaryForm(Form):
    amount = forms.IntegerField(
        label="Mức lương cơ sở (đồng/tháng)", min_value=1, max_value=BASE_SALARY_MAX,
        error_messages={"invalid": "Mức lương cơ sở phải là số đồng, ví dụ 2340000.",
                        "required": "Chưa nhập mức lương cơ sở.",
                        "min_value": "Mức lương cơ sở phải lớn hơn 0.",
                        "max_value": f"Mức lương cơ sở phải từ 1 đến {BASE_SALARY_MAX:,} đồng/tháng.".replace(",", ".")})
    valid_from = VNDateField(label="Áp dụng từ ngày")
    legal_basis = forms.CharField(label="Căn cứ (số, ngày nghị định)", max_length=500)
    status = forms.ChoiceField(label="Mức xác minh", choices=Status.choices)


class BonusForm(Form):
    award = forms.ModelChoiceField(label="Danh hiệu, hình thức", queryset=AwardType.objects.order_by("rank"), to_field_name="code", empty_label="— Chọn —")
    recipient_kind = forms.ChoiceField(label="Đối tượng", choices=RecipientKind.choices)
    decision_date = VNDateField(label="Ngày quyết định")
