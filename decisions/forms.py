from django import forms

from core.forms import Form, VNDateField


class DecisionForm(Form):
    number = forms.CharField(label="Số", max_length=20, error_messages={"required": "Nhập số quyết định."})
    symbol = forms.CharField(label="Ký hiệu", max_length=40, initial="QĐ-UBND", error_messages={"required": "Nhập ký hiệu."})
    date = VNDateField(label="Ngày ký", error_messages={"required": "Nhập ngày ký."})
    subject = forms.CharField(label="Trích yếu", max_length=300, required=False)
    signer_role = forms.ChoiceField(label="Người ký", choices=[("chairman", "Chủ tịch (người đứng đầu) ký"),
                                                           ("deputy", "Phó Chủ tịch ký thay (KT. CHỦ TỊCH)"),
                                                           ("acting", "Quyền Chủ tịch ký (Q. CHỦ TỊCH)")],
                               initial="chairman", required=False,
                               help_text="Khối chữ ký theo Nghị định 30/2020: “CHỦ TỊCH”, “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH” "
                                         "hoặc “Q. CHỦ TỊCH” (với cơ quan khác: GIÁM ĐỐC, HIỆU TRƯỞNG…).")
    signer_title = forms.CharField(label="Chức danh người ký (nếu khác)", max_length=200, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text="Để trống: theo người ký. Mỗi dòng một dòng của khối chữ ký.")
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=200, error_messages={"required": "Nhập họ và tên người ký."})
    legal_bases = forms.CharField(label="Căn cứ ban hành", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text="Để trống: các căn cứ của quy định có hiệu lực vào ngày ký, theo cấp quyết định "
                                            "(Quy định, mục Căn cứ ban hành). Nhập thì mỗi dòng một căn cứ, thay cho các căn cứ đó.")
    dossiers = forms.TypedMultipleChoiceField(label="Hồ sơ", coerce=int, widget=forms.CheckboxSelectMultiple,
                                              error_messages={"required": "Chọn ít nhất một hồ sơ."})

    def __init__(self, *args, dossiers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].choices = [(d.pk, f"{d.code} — {d.title} ({d.unit.name})") for d in dossiers]


class RevocationSignForm(Form):
    """The signer issues a revocation: number (the next of the authority's register suggested), date, who signs."""

    number = forms.CharField(label="Số", max_length=20, error_messages={"required": "Nhập số quyết định."})
    symbol = forms.CharField(label="Ký hiệu", max_length=40, initial="QĐ-UBND", error_messages={"required": "Nhập ký hiệu."})
    date = VNDateField(label="Ngày ký", error_messages={"required": "Nhập ngày ký."})
    signer_role = forms.ChoiceField(label="Người ký", choices=[("chairman", "Chủ tịch ký"),
                                                           ("deputy", "Phó Chủ tịch ký thay (KT. CHỦ TỊCH)")],
                                    initial="chairman", widget=forms.RadioSelect,
                                    error_messages={"required": "Chọn người ký."})
    signer_name = forms.CharField(label="Họ và tên người ký", max_length=200, error_messages={"required": "Nhập họ và tên người ký."})
    legal_bases = forms.CharField(label="Căn cứ ban hành", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text="Để trống: các căn cứ của quyết định khen thưởng vào ngày ký, thêm Luật 2003 khi "
                                            "có khen thưởng quyết định trước năm 2024 và các quyết định khen thưởng bị hủy bỏ.")
