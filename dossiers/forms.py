import re

from django import forms

from core.forms import Form, VNDateField
from core.uploads import ExcelFileField, ScanFilesField
from core.years import review_year

from .models import DocumentKind, Kind

TITLE = "Đề nghị khen thưởng tổng kết năm {year}"
TITLE_YEAR = re.compile(r"Đề nghị khen thưởng tổng kết năm ([0-9]{4})")


def default_title(year):
    """The title a new dossier is offered, following its year."""
    return TITLE.format(year=year)


class DossierForm(Form):
    unit = forms.TypedChoiceField(label="Đơn vị trình", coerce=int, error_messages={"required": "Chọn đơn vị trình."})
    authority = forms.TypedChoiceField(label="Trình cấp quyết định", coerce=int,
                                       error_messages={"required": "Chọn cấp có thẩm quyền quyết định."},
                                       help_text="Cấp có thẩm quyền khen thưởng theo quy định hiện hành; những gì cấp này không được tặng sẽ được chuyển lên cấp trên.")
    year = forms.IntegerField(label="Năm thành tích", min_value=1945, max_value=2100,
                              error_messages={"required": "Nhập năm thành tích.", "invalid": "Năm thành tích phải là số."})
    kind = forms.ChoiceField(label="Loại hình khen thưởng", choices=Kind.choices)
    title = forms.CharField(label="Trích yếu", max_length=300, error_messages={"required": "Nhập trích yếu hồ sơ."},
                            widget=forms.TextInput(attrs={"data-follows": "#id_year", "data-template": TITLE}))

    def __init__(self, *args, units=(), authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.fields["authority"].choices = [(u.pk, f"{u.name}") for u in authorities]
        # A new dossier is of the year under review (December and January: the year just ending), titled after it.
        year = review_year()
        self.initial.setdefault("year", year)
        self.initial.setdefault("title", default_title(year))

    def clean(self):
        data = super().clean()
        # The title still as proposed for another year follows the year chosen (static/js/app.js does it on screen).
        typed, year = data.get("title") or "", data.get("year")
        match = TITLE_YEAR.fullmatch(typed.strip())
        if year and match and int(match.group(1)) != year:
            data["title"] = default_title(year)
        return data


class LineForm(Form):
    recipient = forms.CharField(label="Cá nhân hoặc tập thể", max_length=200,
                                error_messages={"required": "Nhập mã hoặc họ tên cá nhân, tên tập thể."},
                                help_text="Mã cán bộ, mã đơn vị, hoặc họ tên (không cần dấu).")
    award_type = forms.TypedChoiceField(label="Danh hiệu, hình thức", coerce=int,
                                        error_messages={"required": "Chọn danh hiệu, hình thức khen thưởng."})
    summary = forms.CharField(label="Tóm tắt thành tích", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    justification = forms.CharField(label="Giải trình (khi dòng chưa đạt thẩm định)", required=False, max_length=4000,
                                    widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, awards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].choices = [("", "— chọn —")] + [(a.pk, a.name) for a in awards]


class LineEditForm(Form):
    summary = forms.CharField(label="Tóm tắt thành tích", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    justification = forms.CharField(label="Giải trình", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(Form):
    reason = forms.CharField(label="Lý do", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Cần ghi lý do."})


class AttachmentForm(Form):
    kind = forms.ChoiceField(label="Loại tài liệu", choices=DocumentKind.choices)
    line = forms.TypedChoiceField(label="Của dòng đề nghị (báo cáo thành tích)", coerce=int, required=False, empty_value=None)
    file = ScanFilesField(label="Bản scan đã ký (PDF hoặc ảnh)",
                          help_text="Chọn được nhiều tệp cùng lúc; một tệp không đạt thì không tệp nào được tải lên.")

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [("", "— cả hồ sơ —")] + [(ln.pk, f"{ln.recipient_name} — {ln.award_type.name}") for ln in lines]


class AssignForm(Form):
    assignee = forms.TypedChoiceField(label="Chuyên viên thẩm định", coerce=int, error_messages={"required": "Chọn chuyên viên."})

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [(u.pk, u.get_full_name() or u.username) for u in users]


class CommentForm(Form):
    name = forms.CharField(label="Họ và tên", max_length=200, error_messages={"required": "Nhập họ và tên."})
    contact = forms.CharField(label="Số điện thoại hoặc thư điện tử", max_length=200,
                              error_messages={"required": "Nhập số điện thoại hoặc thư điện tử để cơ quan trả lời."})
    text = forms.CharField(label="Nội dung góp ý", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Nhập nội dung góp ý."})


class AnswerForm(Form):
    answer = forms.CharField(label="Trả lời", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Nhập nội dung trả lời."})


class LinesUploadForm(Form):
    file = ExcelFileField(label="Danh sách đề nghị (.xlsx)")


class CentralSubmitForm(Form):
    number = forms.CharField(label="Số tờ trình", max_length=40, error_messages={"required": "Nhập số tờ trình."},
                             widget=forms.TextInput(attrs={"placeholder": "ví dụ 125/TTr-UBND"}))
    date = VNDateField(label="Ngày tờ trình", error_messages={"required": "Nhập ngày tờ trình."})
    addressee = forms.CharField(label="Kính gửi", max_length=300, required=False,
                                initial="Thủ tướng Chính phủ (qua Ban Thi đua - Khen thưởng Trung ương, Bộ Nội vụ)")


class CentralResultForm(Form):
    number = forms.CharField(label="Số quyết định", max_length=60, error_messages={"required": "Nhập số quyết định."},
                             widget=forms.TextInput(attrs={"placeholder": "ví dụ 1234/QĐ-CTN"}))
    date = VNDateField(label="Ngày quyết định", error_messages={"required": "Nhập ngày quyết định."})
    issuer = forms.CharField(label="Người quyết định", max_length=200, initial="Chủ tịch nước",
                             error_messages={"required": "Ghi người quyết định."})
    awarded = forms.TypedMultipleChoiceField(label="Được khen thưởng", coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["awarded"].choices = [(ln.pk, f"{ln.recipient_name} — {ln.award_type.name}") for ln in lines]
        self.fields["awarded"].initial = [ln.pk for ln in lines]
