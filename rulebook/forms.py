import json

from django import forms

from core.forms import Form, VNDateField

from .models import AwardType, RecipientKind, Status


class ParameterForm(Form):
    value = forms.CharField(label="Giá trị (JSON)", widget=forms.Textarea(attrs={"rows": 2}),
                            help_text='Ví dụ: {"op": ">", "share": 0.5}, 6, true, {"share": 0.15}')
    status = forms.ChoiceField(label="Mức xác minh", choices=Status.choices)
    legal_basis = forms.CharField(label="Căn cứ pháp lý", max_length=500, required=False)

    def clean_value(self):
        try:
            return json.loads(self.cleaned_data["value"])
        except json.JSONDecodeError:
            raise forms.ValidationError("Giá trị không đúng dạng JSON (ví dụ 0.5, true, {\"share\": 0.7}).") from None


class CoefficientForm(Form):
    value = forms.DecimalField(label="Hệ số", min_value=0, max_digits=6, decimal_places=3,
                               error_messages={"invalid": "Hệ số phải là số, ví dụ 0.3 hoặc 1.5."})
    status = forms.ChoiceField(label="Mức xác minh", choices=Status.choices)
    legal_basis = forms.CharField(label="Căn cứ pháp lý", max_length=500, required=False)


class BaseSalaryForm(Form):
    amount = forms.IntegerField(label="Mức lương cơ sở (đồng/tháng)", min_value=1)
    valid_from = VNDateField(label="Áp dụng từ ngày")
    legal_basis = forms.CharField(label="Căn cứ (số, ngày nghị định)", max_length=500)
    status = forms.ChoiceField(label="Mức xác minh", choices=Status.choices)


class BonusForm(Form):
    award = forms.ModelChoiceField(label="Danh hiệu, hình thức", queryset=AwardType.objects.order_by("rank"), to_field_name="code", empty_label="— Chọn —")
    recipient_kind = forms.ChoiceField(label="Đối tượng", choices=RecipientKind.choices)
    decision_date = VNDateField(label="Ngày quyết định")
