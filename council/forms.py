from django import forms
from django.forms import BaseFormSet, formset_factory

from core.forms import Form, VNDateField

from .models import CouncilRole, EstablishmentKind


class MeetingForm(Form):
    authority = forms.TypedChoiceField(label="Hội đồng cấp", coerce=int, error_messages={"required": "Chọn Hội đồng."})
    title = forms.CharField(label="Tên phiên họp", max_length=300, error_messages={"required": "Nhập tên phiên họp."})
    date = VNDateField(label="Ngày họp", error_messages={"required": "Nhập ngày họp."})
    place = forms.CharField(label="Địa điểm", max_length=300, required=False)
    dossiers = forms.TypedMultipleChoiceField(label="Hồ sơ trình họp", coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, authorities=(), dossiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [(u.pk, f"Hội đồng Thi đua - Khen thưởng {u.name}") for u in authorities]
        self.fields["dossiers"].choices = [(d.pk, f"{d.code} — {d.title} ({d.unit.name})") for d in dossiers]


class RecuseForm(Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="Lý do không tham gia biểu quyết", max_length=500,
                             error_messages={"required": "Cần ghi lý do không tham gia biểu quyết."})


class CancelForm(Form):
    reason = forms.CharField(label="Lý do hủy phiên họp", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Cần ghi lý do hủy phiên họp."})


# --- establishing decisions -------------------------------------------------------------------------

class EstablishmentForm(Form):
    authority = forms.TypedChoiceField(label="Hội đồng cấp", coerce=int, error_messages={"required": "Chọn Hội đồng."})
    kind = forms.ChoiceField(label="Loại quyết định", choices=EstablishmentKind.choices)
    number = forms.CharField(label="Số, ký hiệu", max_length=60, required=False,
                             help_text="Ví dụ: 125/QĐ-UBND. Để trống nếu chưa có số (hiện “chưa nhập số”).")
    signed_on = VNDateField(label="Ngày ký", required=False)
    issuer = forms.CharField(label="Cơ quan, người ban hành", max_length=200, required=False,
                             help_text="Ví dụ: Chủ tịch UBND phường Phú Lương.")
    valid_from = VNDateField(label="Hiệu lực từ ngày", required=False,
                             help_text="Để trống: có hiệu lực từ trước mọi phiên họp.")
    valid_to = VNDateField(label="Hiệu lực đến ngày", required=False,
                           help_text="Để trống khi chưa có quyết định khác thay thế (quyết định mới hơn tự thay thế quyết định này từ ngày có hiệu lực của nó).")
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].choices = [(u.pk, f"Hội đồng Thi đua - Khen thưởng {u.name}") for u in authorities]


class SeatForm(Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    full_name = forms.CharField(label="Họ và tên", max_length=200, required=False)
    role = forms.ChoiceField(label="Chức danh trong Hội đồng", choices=CouncilRole.choices, initial=CouncilRole.MEMBER)
    job_title = forms.CharField(label="Chức vụ, đơn vị công tác", max_length=300, required=False)
    user = forms.TypedChoiceField(label="Tài khoản (bỏ phiếu trên hệ thống)", coerce=int, required=False, empty_value=None,
                                  error_messages={"invalid_choice": "Tài khoản này không có vai trò ở đơn vị của Hội đồng "
                                                                    "(hay đơn vị trực thuộc, cấp trên): chọn tài khoản khác "
                                                                    "hoặc để trống (thành viên bỏ phiếu giấy)."})
    person_code = forms.CharField(label="Mã cán bộ", max_length=40, required=False)
    term_from = VNDateField(label="Nhiệm kỳ từ ngày", required=False)
    term_to = VNDateField(label="đến ngày", required=False)

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "— không có (bỏ phiếu giấy) —")] + [
            (u.pk, f"{u.display_name} ({u.username})") for u in accounts]
        # The rows are a table without a label per cell: each field says its column and its row.
        row = (self.prefix or "").rsplit("-", 1)[-1]
        n = int(row) + 1 if row.isdigit() else ""
        for name, field in self.fields.items():
            if name not in ("id", "DELETE"):
                field.widget.attrs["aria-label"] = f"{field.label} (dòng {n})" if n else str(field.label)

    @property
    def is_blank(self):
        data = getattr(self, "cleaned_data", None) or {}
        return not any(data.get(k) for k in ("full_name", "job_title", "user", "person_code", "term_from", "term_to"))


class BaseSeatFormSet(BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields and index is not None:
            form.fields["DELETE"].label = "Bỏ"
            form.fields["DELETE"].widget.attrs["aria-label"] = f"Bỏ dòng {index + 1}"


SeatFormSet = formset_factory(SeatForm, formset=BaseSeatFormSet, extra=0, can_delete=True)


class PaperCountForm(Form):
    handed_out = forms.IntegerField(label="Số phiếu phát ra", min_value=0, max_value=999,
                                    error_messages={"required": "Nhập số phiếu phát ra.", "min_value": "Số phiếu phát ra không âm."})
    received = forms.IntegerField(label="Số phiếu thu về", min_value=0, max_value=999,
                                  error_messages={"required": "Nhập số phiếu thu về.", "min_value": "Số phiếu thu về không âm."})
    note = forms.CharField(label="Ghi chú (biên bản kiểm phiếu)", max_length=300, required=False)
