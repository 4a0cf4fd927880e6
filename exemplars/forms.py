"""The exemplar's forms: the unit's proposal (with its photos), photos added later, the office's reason."""

from datetime import date

from django import forms

from core.forms import Form, VNDateField
from core.images import PhotosField

from .actions import MAX_PHOTOS
from .models import SubjectKind


def months_offered(today: date, back: int = 12, keep: tuple | None = None) -> list[tuple[str, str]]:
    """The months a unit may propose for: this month and the ``back`` before it, newest first ("2026-12",
    "Tháng 12/2026"); ``keep``: a (year, month) the proposal already has, offered even when older."""
    out, y, m = [], today.year, today.month
    for _ in range(back + 1):
        out.append((f"{y}-{m:02d}", f"Tháng {m:02d}/{y}"))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    if keep and f"{keep[0]}-{keep[1]:02d}" not in dict(out):
        out.append((f"{keep[0]}-{keep[1]:02d}", f"Tháng {keep[1]:02d}/{keep[0]}"))
    return out



class ExemplarForm(Form):
    period = forms.ChoiceField(label="Tháng đề xuất", error_messages={"required": "Chọn tháng đề xuất.",
                                                                      "invalid_choice": "Chọn tháng đề xuất trong danh sách."})
    subject_kind = forms.ChoiceField(label="Người, tập thể được nêu gương", choices=SubjectKind.choices,
                                     widget=forms.RadioSelect, initial=SubjectKind.PERSON,
                                     error_messages={"required": "Chọn người, tập thể được nêu gương."})
    person = forms.TypedChoiceField(label="Cán bộ được nêu gương", required=False, coerce=int, empty_value=None,
                                    error_messages={"invalid_choice": "Chọn cán bộ trong danh sách của đơn vị."})
    collective = forms.TypedChoiceField(label="Tập thể được nêu gương", required=False, coerce=int, empty_value=None,
                                        error_messages={"invalid_choice": "Chọn tập thể trong danh sách."})
    outsider_name = forms.CharField(label="Họ và tên (người ngoài đơn vị)", max_length=200, required=False)
    outsider_about = forms.CharField(label="Giới thiệu ngắn (nơi ở, nghề nghiệp)", max_length=300, required=False,
                                     help_text="Không ghi ngày sinh, số điện thoại, số căn cước.")
    title = forms.CharField(label="Điển hình, việc tốt", max_length=300,
                            error_messages={"required": "Cần ghi điển hình, việc tốt (nêu ngắn gọn việc làm)."},
                            widget=forms.TextInput(attrs={"placeholder": "Ví dụ: Nhặt được tài sản trả lại người đánh rơi"}))
    deed_on = VNDateField(label="Thời gian", error_messages={"required": "Cần ghi thời gian (ngày diễn ra việc làm)."})
    place = forms.CharField(label="Địa điểm", max_length=300, error_messages={"required": "Cần ghi địa điểm."})
    story = forms.CharField(label="Câu chuyện", max_length=20000, widget=forms.Textarea(attrs={"rows": 7}),
                            error_messages={"required": "Cần ghi câu chuyện: việc làm, hoàn cảnh, kết quả."},
                            help_text="Việc làm, hoàn cảnh, kết quả, tác dụng lan tỏa. Câu chuyện được công bố thì "
                                      "không được có số điện thoại, thư điện tử, số căn cước, ngày sinh.")
    photos = PhotosField(most=MAX_PHOTOS, label="Ảnh (chọn được nhiều ảnh một lần)",
                         help_text=f"JPEG, PNG hoặc WebP; tối đa {MAX_PHOTOS} ảnh. Ảnh được xoay đúng chiều và bỏ "
                                   "thông tin vị trí trước khi lưu.")
    caption = forms.CharField(label="Chú thích ảnh", max_length=200, required=False)

    def __init__(self, *args, people=(), collectives=(), months=(), with_photos=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.collectives = {u.pk: u for u in collectives}
        self.fields["period"].choices = list(months)
        self.fields["person"].choices = [("", "— chọn cán bộ —")] + [
            (p.pk, f"{p.full_name} — {p.position or ''} {p.unit.name}".replace("  ", " ")) for p in people]
        self.fields["collective"].choices = [("", "— chọn tập thể —")] + [(u.pk, u.name) for u in collectives]
        if not with_photos:
            del self.fields["photos"], self.fields["caption"]

    def clean(self):
        data = super().clean()
        kind = data.get("subject_kind")
        if kind == SubjectKind.PERSON and not data.get("person") and "person" not in self.errors:
            self.add_error("person", "Chọn cán bộ được nêu gương.")
        if kind == SubjectKind.COLLECTIVE and not data.get("collective") and "collective" not in self.errors:
            self.add_error("collective", "Chọn tập thể được nêu gương.")
        if kind == SubjectKind.OUTSIDER and not data.get("outsider_name"):
            self.add_error("outsider_name", "Cần ghi họ và tên người được nêu gương.")
        return data

    def action_fields(self, values: dict | None = None) -> dict:
        """The cleaned values (or ``values``, such as the values the editor saw) as the actions take them: year
        and month from the month chosen, the person and the collective as objects."""
        d = self.cleaned_data if values is None else values
        out = {}
        if d.get("period"):
            out["year"], out["month"] = (int(x) for x in d["period"].split("-"))
        if "person" in d:
            out["person"] = self.people.get(d["person"])
        if "collective" in d:
            out["collective"] = self.collectives.get(d["collective"])
        for name in ("subject_kind", "outsider_name", "outsider_about", "title", "deed_on", "place", "story"):
            if name in d:
                out[name] = d[name] if d[name] is not None else ""
        return out


class PhotosForm(Form):
    photos = PhotosField(most=MAX_PHOTOS, label="Thêm ảnh", required=True)
    caption = forms.CharField(label="Chú thích ảnh", max_length=200, required=False)


class ReasonForm(Form):
    reason = forms.CharField(label="Lý do trả lại", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Cần ghi lý do trả lại để đơn vị bổ sung."})
