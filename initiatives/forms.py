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


# --- the path ------------------------------------------------------------------------------------------

from core.uploads import ScanFilesField  # noqa: E402

AUTHOR_ROWS = 5


class SubmitForm(Form):
    """The request for recognition (Đơn yêu cầu công nhận sáng kiến): the initiative and its authors with shares."""

    unit = forms.ModelChoiceField(label="Đơn vị xét công nhận (Hội đồng sáng kiến)", queryset=None,
                                  error_messages={"required": "Chọn đơn vị.", "invalid_choice": "Đơn vị không hợp lệ."})
    title = forms.CharField(label="Tên sáng kiến", max_length=500, error_messages={"required": "Cần ghi tên sáng kiến."})
    problem = forms.CharField(label="Thực trạng, vấn đề cần giải quyết", widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Cần ghi thực trạng, vấn đề sáng kiến giải quyết."})
    solution = forms.CharField(label="Nội dung giải pháp", widget=forms.Textarea(attrs={"rows": 4}),
                               error_messages={"required": "Cần ghi nội dung giải pháp."})
    applied_where = forms.CharField(label="Nơi áp dụng", max_length=500, required=False)
    applied_since = VNDateField(label="Áp dụng lần đầu từ ngày", required=False)
    effect_expected = forms.CharField(label="Hiệu quả dự kiến", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    effect_measured = forms.CharField(label="Hiệu quả đã đạt được", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    attachments = ScanFilesField(label="Tệp đính kèm (bản mô tả, ảnh, xác nhận hiệu quả: PDF hoặc ảnh)", required=False)

    def __init__(self, *args, units=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        if units is None:
            self.fields.pop("unit")
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].label_from_instance = lambda u: u.name
        for n in range(1, AUTHOR_ROWS + 1):
            self.fields[f"author_{n}"] = forms.CharField(label=f"Tác giả {n} (mã cán bộ)", max_length=40, required=False)
            self.fields[f"share_{n}"] = forms.CharField(label=f"Tỷ lệ đóng góp của tác giả {n} (%)", max_length=10, required=False)

    def author_rows(self):
        return [(self[f"author_{n}"], self[f"share_{n}"]) for n in range(1, AUTHOR_ROWS + 1)]

    def clean(self):
        data = super().clean()
        rows, missing = [], []
        codes = [(n, (data.get(f"author_{n}") or "").strip(), data.get(f"share_{n}")) for n in range(1, AUTHOR_ROWS + 1)]
        wanted = [c for _n, c, _s in codes if c]
        found = {p.code: p for p in self.people.filter(code__in=wanted)} if self.people is not None and wanted else {}
        for n, code, share in codes:
            if not code:
                if share:
                    self.add_error(f"author_{n}", f"Dòng {n}: có tỷ lệ đóng góp nhưng chưa ghi mã cán bộ.")
                continue
            if code not in found:
                missing.append(code)
                self.add_error(f"author_{n}", f"Dòng {n}: không tìm thấy cán bộ mã “{code}” trong đơn vị.")
                continue
            rows.append((found[code], share))
        if not wanted:
            self.add_error("author_1", "Sáng kiến phải có ít nhất một tác giả.")
        data["authors"] = rows
        return data


class ReturnForm(Form):
    reason = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Cần ghi lý do trả lại để tác giả bổ sung."})


class ScoreForm(Form):
    agree = forms.TypedChoiceField(label="Biểu quyết", choices=[("1", "Đồng ý công nhận"), ("0", "Không đồng ý")],
                                   coerce=lambda v: v == "1", required=False, widget=forms.RadioSelect)
    total = forms.CharField(label="Tổng điểm", max_length=10, required=False)
    comment = forms.CharField(label="Nhận xét", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    member = forms.ModelChoiceField(label="Phiếu của thành viên (nhập phiếu giấy)", queryset=None, required=False)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is None:
            self.fields.pop("member")
        else:
            self.fields["member"].queryset = members


class DecisionForm(Form):
    decision_number = forms.CharField(label="Số quyết định", max_length=60, error_messages={"required": "Cần ghi số quyết định."})
    decided_on = VNDateField(label="Ngày quyết định", error_messages={"required": "Cần ghi ngày quyết định."})
    recognized_by = forms.CharField(label="Người ký, cơ quan công nhận", max_length=255, required=False)


class WidenForm(DecisionForm):
    scope = forms.ChoiceField(label="Phạm vi ảnh hưởng được công nhận", choices=[c for c in Scope.choices if c[0] != "co_so"])


class ApplicationForm(Form):
    where = forms.CharField(label="Nơi áp dụng", max_length=500, error_messages={"required": "Cần ghi nơi áp dụng."})
    since = VNDateField(label="Áp dụng từ ngày", error_messages={"required": "Cần ghi ngày bắt đầu áp dụng."})
    effect = forms.CharField(label="Hiệu quả đạt được", widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Cần ghi hiệu quả đạt được."})


class AttachForm(Form):
    attachments = ScanFilesField(label="Tệp đính kèm (PDF hoặc ảnh)")


COUNCIL_ROWS = 9


class CouncilForm(Form):
    number = forms.CharField(label="Số quyết định thành lập", max_length=60, required=False)
    signed_on = VNDateField(label="Ngày ký", required=False)
    issuer = forms.CharField(label="Người ký, cơ quan ban hành", max_length=200, required=False)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import CouncilRole

        for n in range(1, COUNCIL_ROWS + 1):
            self.fields[f"name_{n}"] = forms.CharField(label=f"Thành viên {n}: họ và tên", max_length=200, required=False)
            self.fields[f"role_{n}"] = forms.ChoiceField(label=f"Thành viên {n}: chức danh trong Hội đồng", choices=CouncilRole.choices,
                                                         required=False, initial=CouncilRole.MEMBER)
            self.fields[f"job_{n}"] = forms.CharField(label=f"Thành viên {n}: chức vụ, đơn vị công tác", max_length=300, required=False)
            self.fields[f"user_{n}"] = forms.ModelChoiceField(label=f"Thành viên {n}: tài khoản chấm điểm", queryset=users,
                                                              required=False, empty_label="— Phiếu giấy —")
            self.fields[f"user_{n}"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"
            for name in (f"role_{n}", f"user_{n}"):
                self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

    def member_rows(self):
        return [(self[f"name_{n}"], self[f"role_{n}"], self[f"job_{n}"], self[f"user_{n}"]) for n in range(1, COUNCIL_ROWS + 1)]

    def members(self):
        d = self.cleaned_data
        return [{"full_name": d.get(f"name_{n}"), "role": d.get(f"role_{n}"), "job_title": d.get(f"job_{n}"), "user": d.get(f"user_{n}")}
                for n in range(1, COUNCIL_ROWS + 1) if d.get(f"name_{n}")]
