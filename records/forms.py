from django import forms

from core.forms import Form, VNDateField
from core.uploads import ExcelFileField
from decisions.models import Occasion, RevocationGround
from rulebook.models import AwardType

from .models import DisciplineLevel, RatingLevel


class AwardForm(Form):
    award_type = forms.ModelChoiceField(label="Danh hiệu, hình thức", queryset=AwardType.objects.none(), empty_label="— Chọn —",
                                        error_messages={"required": "Chưa chọn danh hiệu, hình thức."})
    year = forms.IntegerField(label="Năm thành tích", min_value=1945, max_value=2100,
                              error_messages={"required": "Chưa nhập năm thành tích.", "invalid": "Năm không hợp lệ."})
    occasion = forms.ChoiceField(label="Dịp khen thưởng", choices=Occasion.choices, initial=Occasion.YEAR_END, required=False)
    achievement = forms.CharField(label="Thành tích được khen (đột xuất, chuyên đề)", max_length=300, required=False,
                                  help_text="Một hình thức (Giấy khen, Bằng khen) có thể được tặng nhiều lần trong năm, "
                                            "mỗi lần cho một thành tích; danh hiệu chỉ một lần một năm.")
    decision_number = forms.CharField(label="Số quyết định", max_length=60, required=False, widget=forms.TextInput(attrs={"placeholder": "ví dụ 125/QĐ-UBND"}))
    decision_date = VNDateField(label="Ngày quyết định", required=False)
    initiatives = forms.ModelMultipleChoiceField(label="Sáng kiến đã dùng làm căn cứ", queryset=None, required=False,
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, kind="individual", initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.all()
        self.fields["award_type"].choices = [("", "— Chọn —")] + [(a.pk, a.name) for a in AwardType.objects.order_by("rank") if kind in a.recipient_kinds]
        self.fields["initiatives"].queryset = initiatives
        self.fields["initiatives"].label_from_instance = lambda i: f"{i.code} — {i.title} ({i.get_scope_display().lower()}, {i.recognized_on:%d/%m/%Y})"


class DisciplineForm(Form):
    date = VNDateField(label="Ngày quyết định kỷ luật", error_messages={"required": "Chưa nhập ngày."})
    level = forms.ChoiceField(label="Hình thức", choices=DisciplineLevel.choices)
    decision_number = forms.CharField(label="Số quyết định", max_length=60, required=False)


class RatingForm(Form):
    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2100, error_messages={"required": "Chưa nhập năm."})
    level = forms.ChoiceField(label="Xếp loại", choices=[("", "— chưa xếp loại —")] + RatingLevel.choices, required=False)
    reason = forms.CharField(label="Lý do sửa (khi xếp loại đã là căn cứ khen thưởng)", max_length=1000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(Form):
    file = ExcelFileField()


class RatingsUploadForm(UploadForm):
    reason = forms.CharField(label="Lý do sửa xếp loại đã là căn cứ khen thưởng (nếu có)", max_length=1000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="Bắt buộc khi tệp sửa xếp loại của người hoặc tập thể đã được khen thưởng dựa trên xếp loại đó.")


class ReasonForm(Form):
    reason = forms.CharField(label="Lý do sửa", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Chưa ghi lý do sửa."})


class RevokeForm(Form):
    """Hủy bỏ khen thưởng (Luật Thi đua, khen thưởng 2022, Điều 93.2): the ground and the reason of the draft; the
    awards that rested on it are the lines below (RevokeLineForm)."""

    ground = forms.ChoiceField(label="Căn cứ (khoản 2 Điều 93 Luật Thi đua, khen thưởng)",
                               choices=[("", "— Chọn căn cứ —")] + RevocationGround.choices,
                               error_messages={"required": "Chưa chọn căn cứ hủy bỏ."})
    reason = forms.CharField(label="Lý do hủy bỏ", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Chưa ghi lý do hủy bỏ."})


class RevokeLineForm(Form):
    """One award of the chain: revoked (its money to recover and items to return) or kept (why)."""

    included = forms.BooleanField(label="Hủy bỏ", required=False)
    recover_amount = forms.IntegerField(label="Tiền thu hồi (đồng)", min_value=0, required=False,
                                        error_messages={"invalid": "Số tiền phải là số nguyên (đồng).",
                                                        "min_value": "Số tiền không được âm."})
    items_to_return = forms.CharField(label="Hiện vật nộp lại", max_length=300, required=False)
    excluded_reason = forms.CharField(label="Lý do không hủy bỏ", max_length=1000, required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    authority = forms.TypedChoiceField(label="Cấp đã quyết định", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, authorities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if authorities is None:  # the award's own decision names it
            del self.fields["authority"]
        else:
            self.fields["authority"].choices = [(u.pk, u.name) for u in authorities]
