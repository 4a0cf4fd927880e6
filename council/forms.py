from django import forms

from core.forms import Form, VNDateField


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
