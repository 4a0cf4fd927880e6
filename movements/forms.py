"""Forms of the movement screens. Rules live in the actions; the forms only parse the
input and give each field a Vietnamese message."""

from django import forms

from core.forms import Form, VNDateField
from plans.forms import offer, plan_label, required_messages

from .models import MovementKind, ReviewKind, TargetMetric


class MovementForm(Form):
    name = forms.CharField(label="Tên phong trào", max_length=500,
                           widget=forms.TextInput(attrs={"placeholder": "Ví dụ: Sáng kiến, sáng tạo Thủ đô"}))
    kind = forms.ChoiceField(label="Hình thức", choices=[("", "— Chọn —")] + MovementKind.choices)
    launcher = forms.CharField(label="Người, cơ quan phát động", max_length=255, required=False,
                               help_text="Để trống: tên cấp phát động.")
    plan = forms.ModelChoiceField(label="Thuộc kế hoạch", queryset=None, required=False, empty_label="— Không —")
    parent = forms.ModelChoiceField(label="Thực hiện phong trào của cấp trên", queryset=None, required=False,
                                    empty_label="— Không —")
    start = VNDateField(label="Từ ngày")
    end = VNDateField(label="Đến ngày", required=False, help_text="Ví dụ giai đoạn 2021–2025: 01/01/2021 – 31/12/2025.")
    scope_units = forms.ModelMultipleChoiceField(label="Đơn vị tham gia", queryset=None, required=False,
                                                 widget=forms.CheckboxSelectMultiple,
                                                 help_text="Không chọn: mọi đơn vị trực thuộc cấp phát động.")
    occasions = forms.CharField(label="Gắn với dịp kỷ niệm", max_length=500, required=False)
    content = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    criteria = forms.CharField(label="Tiêu chí", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, plans, parents_visible, parents_offered, scope_units, **kwargs):
        super().__init__(*args, **kwargs)
        required_messages(self, {"name": "Chưa nhập tên phong trào.", "kind": "Chưa chọn hình thức phong trào.",
                         "start": "Chưa nhập ngày bắt đầu."})
        self.fields["plan"].queryset = plans
        self.fields["plan"].label_from_instance = plan_label
        self.fields["plan"].error_messages["invalid_choice"] = "Kế hoạch không thuộc cấp phát động."
        self.fields["parent"].error_messages["invalid_choice"] = "Không tìm thấy phong trào cấp trên đã chọn."
        offer(self.fields["parent"], parents_visible, parents_offered, lambda m: f"“{m.name}” — {m.unit.name}")
        self.fields["scope_units"].queryset = scope_units
        self.fields["scope_units"].label_from_instance = lambda u: u.name
        self.fields["scope_units"].error_messages["invalid_choice"] = "Đơn vị không thuộc cấp phát động."


class TargetForm(Form):
    metric = forms.ChoiceField(label="Chỉ tiêu", choices=TargetMetric.choices)
    label = forms.CharField(label="Diễn giải", max_length=500,
                            widget=forms.TextInput(attrs={"placeholder": "Ví dụ: Ít nhất 15% cán bộ có sáng kiến được công nhận cấp cơ sở mỗi năm"}))
    threshold = forms.DecimalField(label="Mức phấn đấu (%)", max_digits=6, decimal_places=2,
                                   widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "date"}),
                                   error_messages={"invalid": "Nhập một số, ví dụ 15 hoặc 70,5.",
                                                   "max_digits": "Nhập một tỷ lệ từ 0 đến 100.",
                                                   "max_whole_digits": "Nhập một tỷ lệ từ 0 đến 100.",
                                                   "max_decimal_places": "Tối đa hai chữ số thập phân."})
    manual_value = forms.DecimalField(label="Số liệu nhập (%)", max_digits=6, decimal_places=2, required=False,
                                      widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "date"}),
                                      help_text="Chỉ dùng cho “Chỉ tiêu khác”: các chỉ tiêu còn lại tính từ dữ liệu.",
                                      error_messages={"invalid": "Nhập một số, ví dụ 15 hoặc 70,5.",
                                                      "max_digits": "Nhập một tỷ lệ từ 0 đến 100.",
                                                      "max_whole_digits": "Nhập một tỷ lệ từ 0 đến 100.",
                                                      "max_decimal_places": "Tối đa hai chữ số thập phân."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required_messages(self, {"label": "Chưa nhập diễn giải chỉ tiêu.", "threshold": "Chưa nhập mức phấn đấu."})

    def _decimal(self, name):
        # Vietnamese writes 70,5; accept it as 70.5.
        value = self.data.get(self.add_prefix(name))
        if isinstance(value, str) and "," in value and self.is_bound:
            data = self.data.copy()
            data[self.add_prefix(name)] = value.replace(".", "").replace(",", ".")
            self.data = data

    def full_clean(self):
        if self.is_bound:
            self._decimal("threshold")
            self._decimal("manual_value")
        super().full_clean()

    def clean(self):
        data = super().clean()
        if data.get("metric") == TargetMetric.MANUAL:
            if data.get("manual_value") is not None and not (0 <= data["manual_value"] <= 100):
                self.add_error("manual_value", "Số liệu là một tỷ lệ từ 0 đến 100%.")
        elif data.get("manual_value") is not None:
            self.add_error("manual_value", "Chỉ tiêu này tính từ dữ liệu, không nhập số liệu.")
        return data


class ReviewForm(Form):
    kind = forms.ChoiceField(label="Loại", choices=ReviewKind.choices, initial=ReviewKind.INTERIM,
                             help_text="Tổng kết thì phong trào kết thúc.")
    held_on = VNDateField(label="Ngày sơ kết, tổng kết")
    report = forms.CharField(label="Báo cáo, kết quả", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required_messages(self, {"held_on": "Chưa nhập ngày sơ kết, tổng kết.", "report": "Chưa nhập báo cáo, kết quả."})
