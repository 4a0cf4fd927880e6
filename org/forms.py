from django import forms
from django.utils import timezone

from core.forms import Form, VNDateField
from core.uploads import ExcelFileField

from .models import Gender, Role, Unit, UnitKind


class UnitForm(Form):
    code = forms.CharField(label="Mã đơn vị", max_length=40, help_text="Mã ngắn, không trùng, ví dụ HN-PL-THCS.")
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices)
    valid_from = VNDateField(label="Hoạt động từ ngày", required=False)
    valid_to = VNDateField(label="Hoạt động đến ngày", required=False, help_text="Để trống nếu đơn vị đang hoạt động.")
    head_name = forms.CharField(label="Chủ hộ", max_length=200, required=False,
                                help_text="Chỉ với hộ gia đình: họ và tên chủ hộ.")
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    phone = forms.CharField(label="Điện thoại", max_length=40, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False, error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].error_messages["required"] = "Chưa nhập mã đơn vị."
        self.fields["name"].error_messages["required"] = "Chưa nhập tên đơn vị."

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", "Ngày kết thúc hoạt động phải sau ngày bắt đầu.")
        return data


class MergeForm(Form):
    units = forms.ModelMultipleChoiceField(
        label="Các đơn vị được sáp nhập vào đơn vị này", queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple, error_messages={"required": "Chọn ít nhất một đơn vị được sáp nhập."},
    )
    on = VNDateField(label="Có hiệu lực từ ngày", error_messages={"required": "Chưa nhập ngày có hiệu lực."})
    move_people = forms.BooleanField(label="Chuyển cán bộ đang công tác sang đơn vị này", required=False, initial=True)
    move_children = forms.BooleanField(label="Chuyển các đơn vị trực thuộc đang hoạt động sang đơn vị này", required=False, initial=True)
    note = forms.CharField(label="Căn cứ (số, ngày văn bản)", required=False, max_length=500,
                           widget=forms.TextInput(attrs={"placeholder": "Ví dụ: Nghị quyết 1656/NQ-UBTVQH15 ngày 16/6/2025"}))

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["units"].queryset = candidates
        self.fields["units"].label_from_instance = lambda u: f"{u.name} ({u.code})"


class PersonForm(Form):
    code = forms.CharField(label="Mã cán bộ", max_length=40)
    full_name = forms.CharField(label="Họ và tên", max_length=200)
    gender = forms.ChoiceField(label="Giới tính", choices=[("", "—")] + Gender.choices, required=False)
    birth_date = VNDateField(label="Ngày sinh", required=False)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    phone = forms.CharField(label="Điện thoại", max_length=40, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False, error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].error_messages["required"] = "Chưa nhập mã cán bộ."
        self.fields["full_name"].error_messages["required"] = "Chưa nhập họ và tên."

    # The rules below are also those of the people import (org/people_excel.py
    # checks each row with this form through core.forms.RowValidator).
    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if name and len(name.split()) < 2:
            raise forms.ValidationError("Họ và tên phải có ít nhất họ và tên.")
        return name

    def clean_birth_date(self):
        day = self.cleaned_data.get("birth_date")
        today = timezone.localdate()
        if day and (day > today or day.year < today.year - 100):
            raise forms.ValidationError(f"Ngày sinh {day:%d/%m/%Y} không hợp lệ: sau hôm nay hoặc quá 100 năm trước.")
        return day


class PersonCreateForm(PersonForm):
    start = VNDateField(label="Bắt đầu công tác tại đơn vị từ ngày", required=False, help_text="Để trống: từ hôm nay.")


class MoveForm(Form):
    unit = forms.ModelChoiceField(label="Chuyển đến đơn vị", queryset=Unit.objects.none(), empty_label="— Chọn đơn vị —",
                                  error_messages={"required": "Chưa chọn đơn vị mới.", "invalid_choice": "Đơn vị không hợp lệ."})
    on = VNDateField(label="Từ ngày", error_messages={"required": "Chưa nhập ngày chuyển."})
    position = forms.CharField(label="Chức vụ tại đơn vị mới", max_length=200, required=False)
    note = forms.CharField(label="Căn cứ, ghi chú", max_length=255, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{u.name} ({u.code})"


class ImportForm(Form):
    file = ExcelFileField()


class GrantForm(Form):
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none(), empty_label="— Chọn đơn vị —", error_messages={"required": "Chưa chọn đơn vị."})
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * (u.depth - 1)}{u.name}"
