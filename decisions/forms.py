from django import forms

from core.forms import Form, VNDateField
from core.uploads import ScanFileField


OTHER_SIGNER = "khac"


class DecisionForm(Form):
    """The chairman's decision on the dossiers waiting for it: the number (the authority's next suggested), the date,
    who signs (the authority's chairman prefilled, its deputies offered, nobody the lines propose), the căn cứ."""

    number = forms.CharField(label="Số", max_length=20, error_messages={"required": "Nhập số quyết định."})
    symbol = forms.CharField(label="Ký hiệu", max_length=40, initial="QĐ-UBND", error_messages={"required": "Nhập ký hiệu."})
    date = VNDateField(label="Ngày ký", error_messages={"required": "Nhập ngày ký."})
    subject = forms.CharField(label="Trích yếu", max_length=300, required=False)
    signer = forms.ChoiceField(label="Người ký", required=False,
                               help_text="Chủ tịch, các Phó Chủ tịch có tài khoản ký của cấp này; người có tên trong "
                                         "danh sách khen thưởng không ký quyết định khen thưởng mình.")
    signer_role = forms.ChoiceField(label="Ký với tư cách", choices=[("", "Theo chức vụ của người ký"),
                                                                    ("chairman", "Chủ tịch (người đứng đầu) ký"),
                                                                    ("deputy", "Phó Chủ tịch ký thay (KT. CHỦ TỊCH)"),
                                                                    ("acting", "Quyền Chủ tịch ký (Q. CHỦ TỊCH)")],
                                    initial="", required=False,
                                    help_text="Khối chữ ký theo Nghị định 30/2020: “CHỦ TỊCH”, “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH” "
                                              "hoặc “Q. CHỦ TỊCH” (với cơ quan khác: GIÁM ĐỐC, HIỆU TRƯỞNG…).")
    signer_title = forms.CharField(label="Chức danh người ký (nếu khác)", max_length=200, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text="Để trống: theo người ký. Mỗi dòng một dòng của khối chữ ký.")
    signer_name = forms.CharField(label="Họ và tên người ký (khi chọn người khác)", max_length=200, required=False)
    legal_bases = forms.CharField(label="Căn cứ ban hành", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text="Để trống: các căn cứ của quy định có hiệu lực vào ngày ký, theo cấp quyết định "
                                            "(Quy định, mục Căn cứ ban hành). Nhập thì mỗi dòng một căn cứ, thay cho các căn cứ đó.")
    dossiers = forms.TypedMultipleChoiceField(label="Hồ sơ", coerce=int, widget=forms.CheckboxSelectMultiple,
                                              error_messages={"required": "Chọn ít nhất một hồ sơ."})

    def __init__(self, *args, dossiers=(), signers=(), deputy=None, **kwargs):
        """``signers``: the people who may sign (dossiers.decide.signer_options), the chairman first; ``deputy``:
        tells a deputy (dossiers.decide.is_deputy)."""
        super().__init__(*args, **kwargs)
        self.fields["dossiers"].choices = [(d.pk, f"{d.code} — {d.title} ({d.unit.name})") for d in dossiers]
        self.signers = {str(p.pk): p for p in signers}
        self.deputy = deputy or (lambda p: False)
        self.fields["signer"].choices = [(str(p.pk), f"{p.full_name} — {p.position}" if p.position else p.full_name)
                                         for p in signers] + [(OTHER_SIGNER, "Người khác (nhập họ và tên)")]
        if not signers:
            self.fields["signer"].widget = forms.HiddenInput()
            self.fields["signer_name"].label = "Họ và tên người ký"

    def clean(self):
        data = super().clean()
        person = self.signers.get(data.get("signer") or "")
        data["signer_person"] = person
        if person is not None:
            data["signer_name"] = person.full_name
            if not data.get("signer_role"):
                data["signer_role"] = "deputy" if self.deputy(person) else "chairman"
        elif not data.get("signer_name"):
            self.add_error("signer_name", "Nhập họ và tên người ký.")
        return data


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


class RecoveryForm(Form):
    """The standing office records a payment back for a revoked award (from the receipt)."""

    paid_on = VNDateField(label="Ngày nộp lại tiền", error_messages={"required": "Nhập ngày nộp lại."})
    amount = forms.IntegerField(label="Số tiền nộp lại (đồng)", min_value=0, required=False,
                                error_messages={"min_value": "Số tiền nộp lại không được âm.",
                                                "invalid": "Số tiền nộp lại là số nguyên (đồng), không có dấu chấm."},
                                help_text="Được nộp nhiều lần; tổng các lần không quá số tiền phải thu hồi.")
    items_returned = forms.CharField(label="Hiện vật đã nộp lại", max_length=300, required=False,
                                     help_text="Ví dụ: Giấy khen bản chính. Để trống nếu lần này chỉ nộp tiền.")
    voucher = forms.CharField(label="Chứng từ", max_length=200, required=False,
                              help_text="Số, ngày phiếu thu hoặc giấy nộp tiền vào ngân sách.")
    upload = ScanFileField(label="Bản chụp chứng từ (PDF hoặc ảnh)", required=False)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))
