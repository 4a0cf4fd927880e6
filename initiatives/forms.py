from django import forms

from core.forms import Form, VNDateField

from .models import Scope


class InitiativeForm(Form):
    code = forms.CharField(label="Mã sáng kiến", max_length=40, error_messages={"required": "Chưa nhập mã sáng kiến."})
    title = forms.CharField(label="Tên sáng kiến", max_length=500, error_messages={"required": "Chưa nhập tên sáng kiến."})
    authors = forms.CharField(label="Tác giả (mã cán bộ, cách nhau bởi dấu ;)", max_length=1000,
                              error_messages={"required": "Chưa nhập tác giả."}, widget=forms.TextInput(attrs={"placeholder": "CB000123; CB000456"}))
    recognized_on = VNDateField(label="Ngày công nhận", error_messages={"required": "Chưa nhập ngày công nhận."})
    scope = forms.ChoiceField(label="Phạm vi ảnh hưởng", choices=Scope.choices)
    recognized_by = forms.CharField(label="Cơ quan, người công nhận", max_length=255, required=False)
    decision_number = forms.CharField(label="Số quyết định công nhận", max_length=60, required=False)
    effect_confirmed = forms.BooleanField(label="Đã có xác nhận hiệu quả áp dụng", required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people

    def clean_authors(self):
        codes = [c.strip() for c in self.cleaned_data["authors"].replace(",", ";").split(";") if c.strip()]
        found = {p.code: p for p in self.people.filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(f"Không tìm thấy cán bộ mã: {', '.join(missing)} (trong phạm vi bạn quản lý).")
        return list(dict.fromkeys(found[c] for c in codes))
