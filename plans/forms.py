"""Forms of the plan screens. Rules live in the actions; the forms only parse the input
and give each field a Vietnamese message."""

from django import forms

from core.forms import Form, VNDateField

from .models import DoneWhen, MilestoneKind


def required_messages(form, messages):
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


def offer(field, queryset, shown, label):
    """Validate against ``queryset`` (what the user may see) but offer only ``shown``.

    A plan of a sibling ward is visible to the city's standing office but is not a
    higher plan of another ward: choosing it must reach the action, which says why,
    instead of failing as an unknown choice."""
    field.queryset = queryset
    field.choices = [("", field.empty_label)] + [(o.pk, label(o)) for o in shown]


def plan_label(plan):
    return plan.citation if plan.number else f"{plan.title} ({plan.unit.name}, dự thảo)"


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"class": "date", "min": 2000, "max": 2100}))
        kwargs["error_messages"] = {"invalid": "Năm không hợp lệ.", "min_value": "Năm không hợp lệ.",
                                    "max_value": "Năm không hợp lệ.", **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)


def amendment_reason():
    """The reason of a change to a published plan ("sửa đổi, bổ sung"): sent to the units
    below with what changed and kept in the plan's history; the action requires it."""
    return forms.CharField(label="Lý do sửa đổi, bổ sung", required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="Kế hoạch đã ban hành: nội dung thay đổi và lý do được thông báo tới các đơn vị "
                                     "trực thuộc và ghi vào lịch sử kế hoạch.")


class PlanForm(Form):
    year = YearField(label="Năm kế hoạch")
    number = forms.CharField(label="Số, ký hiệu", max_length=60, required=False,
                             widget=forms.TextInput(attrs={"placeholder": "319/KH-HĐTĐKT"}),
                             help_text="Có thể để trống khi dự thảo; phải có trước khi ban hành.")
    issued_on = VNDateField(label="Ngày ban hành", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255)
    title = forms.CharField(label="Trích yếu", max_length=500)
    parent = forms.ModelChoiceField(label="Thực hiện kế hoạch của cấp trên", queryset=None, required=False,
                                    empty_label="— Không —",
                                    help_text="Kế hoạch đã ban hành của cấp trên, trích dẫn theo số và ngày.")
    purposes = forms.CharField(label="Mục đích", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    requirements = forms.CharField(label="Yêu cầu", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    content = forms.CharField(label="Nội dung, nhiệm vụ trọng tâm", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    recipients = forms.CharField(label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text="Mỗi dòng một nơi nhận.")
    signer_title = forms.CharField(label="Thẩm quyền, chức vụ người ký", max_length=120, required=False,
                                   widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Để trống: theo cơ quan ban hành"}),
                                   help_text="Mỗi dòng một dòng của khối chữ ký. Để trống: theo cơ quan ban hành — "
                                             "Ủy ban nhân dân: “TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”; "
                                             "Hội đồng Thi đua - Khen thưởng: “TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG / CHỦ TỊCH”.")
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=120, required=False)
    reason = amendment_reason()

    def __init__(self, *args, parents_visible, parents_offered, **kwargs):
        super().__init__(*args, **kwargs)
        required_messages(self, {"year": "Chưa nhập năm kế hoạch.", "issuer": "Chưa nhập cơ quan ban hành.",
                         "title": "Chưa nhập trích yếu."})
        self.fields["parent"].error_messages["invalid_choice"] = "Không tìm thấy kế hoạch cấp trên đã chọn."
        offer(self.fields["parent"], parents_visible, parents_offered, plan_label)


class MilestoneForm(Form):
    title = forms.CharField(label="Nội dung", max_length=500,
                            widget=forms.TextInput(attrs={"placeholder": "Ví dụ: Gửi đăng ký thi đua về Phòng Nội vụ"}))
    kind = forms.ChoiceField(label="Loại mốc", choices=MilestoneKind.choices, initial=MilestoneKind.OTHER)
    due_on = VNDateField(label="Hạn cuối (hết ngày)", required=False,
                         help_text="Để trống nếu tính theo số ngày làm việc trước một mốc khác.")
    relative_to = forms.ModelChoiceField(label="Hoặc: tính từ mốc", queryset=None, required=False, empty_label="— Không —")
    working_days_before = forms.IntegerField(label="Số ngày làm việc trước mốc đó", required=False, min_value=1, max_value=120,
                                             widget=forms.NumberInput(attrs={"class": "date", "min": 1, "max": 120}),
                                             error_messages={"invalid": "Nhập một số nguyên.",
                                                             "min_value": "Số ngày làm việc phải từ 1 trở lên.",
                                                             "max_value": "Số ngày làm việc tối đa là 120."},
                                             help_text="Không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết.")
    tracked = forms.BooleanField(label="Theo dõi từng đơn vị thực hiện", required=False, initial=True)
    done_when = forms.ChoiceField(
        label="Ghi nhận hoàn thành", required=False,
        choices=[("", "Theo loại mốc và nội dung")] + [c for c in DoneWhen.choices if c[0] != DoneWhen.REGISTRATION],
        help_text="Hồ sơ khen thưởng tổng kết năm: mốc hoàn thành cho đơn vị khi đơn vị gửi hồ sơ loại hình thường xuyên "
                  "của năm kế hoạch tới cấp ban hành kế hoạch; muộn hơn hạn thì ghi “hoàn thành muộn”. Hạn đăng ký thi đua "
                  "luôn được ghi nhận khi đơn vị gửi đăng ký.",
        error_messages={"invalid_choice": "Chọn cách ghi nhận hoàn thành trong danh sách."})
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)
    reason = amendment_reason()

    def __init__(self, *args, milestones, **kwargs):
        super().__init__(*args, **kwargs)
        required_messages(self, {"title": "Chưa nhập nội dung mốc."})
        field = self.fields["relative_to"]
        field.queryset = milestones
        field.label_from_instance = lambda m: f"{m.title} (hạn {m.due_on:%d/%m/%Y})"
        field.error_messages["invalid_choice"] = "Mốc đã chọn không thuộc kế hoạch này."

    def clean(self):
        data = super().clean()
        if data.get("relative_to") and data.get("due_on"):
            self.add_error("due_on", "Chọn một trong hai: hạn cụ thể, hoặc số ngày làm việc trước một mốc khác.")
        elif not data.get("relative_to") and data.get("working_days_before") and not self.has_error("relative_to"):
            self.add_error("relative_to", "Chọn mốc để tính số ngày làm việc trước đó.")
        return data


class TaskForm(Form):
    unit = forms.ModelChoiceField(label="Đơn vị trực thuộc", queryset=None, required=False, empty_label="— Không chọn —")
    responsible = forms.CharField(label="Đơn vị, bộ phận thực hiện", max_length=255, required=False,
                                  help_text="Ví dụ: Thường trực Hội đồng; Bộ phận Văn hóa - Thông tin. Để trống thì lấy tên đơn vị đã chọn.")
    content = forms.CharField(label="Nhiệm vụ", widget=forms.Textarea(attrs={"rows": 3}))
    reason = amendment_reason()

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        required_messages(self, {"content": "Chưa nhập nhiệm vụ."})
        self.fields["unit"].queryset = units
        self.fields["unit"].error_messages["invalid_choice"] = "Đơn vị không thuộc cấp ban hành kế hoạch."

    def clean(self):
        data = super().clean()
        if not data.get("responsible") and data.get("unit"):
            data["responsible"] = data["unit"].name
        if not data.get("responsible") and not self.has_error("unit"):
            self.add_error("responsible", "Chưa nhập đơn vị, bộ phận thực hiện.")
        return data


class UnitChoiceForm(Form):
    unit = forms.ModelChoiceField(label="Cấp, đơn vị", queryset=None, empty_label="— Chọn —",
                                  error_messages={"required": "Chưa chọn đơn vị.", "invalid_choice": "Đơn vị không hợp lệ."})

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * (u.depth - 1)}{u.name}"
