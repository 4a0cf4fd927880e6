"""The cluster's form: name, kind, units (from those directly under the level), head and deputy."""

from django import forms

from core.forms import Form

from .models import Kind


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ClusterForm(Form):
    name = forms.CharField(label="Tên cụm, khối", max_length=200,
                           widget=forms.TextInput(attrs={"placeholder": "Cụm thi đua số 1"}))
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    members = UnitChoices(label="Đơn vị trong cụm, khối (theo thứ tự luân phiên cụm trưởng)", queryset=None,
                          widget=forms.CheckboxSelectMultiple,
                          error_messages={"required": "Chọn các đơn vị của cụm, khối."})
    head = UnitChoice(label="Cụm trưởng (khối trưởng)", queryset=None,
                      error_messages={"required": "Chọn đơn vị cụm trưởng."})
    deputy = UnitChoice(label="Cụm phó (khối phó)", queryset=None, required=False)

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "head", "deputy"):
            self.fields[name].queryset = candidates
        self.fields["deputy"].empty_label = "(không có)"
        self.fields["head"].empty_label = "— chọn —"
