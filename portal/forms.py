"""The portal's forms: the citizen's proposal (with its check), the searches, and the office's answer."""

from django import forms

from core.forms import Form, VNDateField
from core.images import PhotosField

from .actions import LENGTHS, MAX_PHOTOS, REQUIRED



def _text(label, name, textarea=False, required=True, help_text=""):
    kwargs = {"label": label, "max_length": LENGTHS[name], "required": required, "help_text": help_text}
    if name in REQUIRED:
        kwargs["error_messages"] = {"required": REQUIRED[name]}
    if textarea:
        kwargs["widget"] = forms.Textarea(attrs={"rows": 6})
    return forms.CharField(**kwargs)


class ProposalForm(Form):
    unit = forms.TypedChoiceField(label="Phường, xã nơi có người tốt, việc tốt", coerce=int,
                                  error_messages={"required": "Chọn phường, xã nơi có người tốt, việc tốt.",
                                                  "invalid_choice": "Chọn phường, xã trong danh sách."})
    nominee_name = _text("Họ và tên người được đề xuất", "nominee_name")
    nominee_about = _text("Giới thiệu ngắn (nghề nghiệp, nơi ở, tuổi — nếu biết)", "nominee_about", required=False)
    title = _text("Việc tốt (nêu ngắn gọn)", "title", help_text="Ví dụ: Nhặt được ví tiền và trả lại người đánh rơi.")
    deed_on = VNDateField(label="Thời gian (ngày diễn ra việc làm)",
                          error_messages={"required": "Cần ghi thời gian (ngày diễn ra việc làm), theo dạng dd/mm/yyyy."})
    place = _text("Địa điểm", "place")
    story = _text("Câu chuyện", "story", textarea=True, help_text="Việc làm, hoàn cảnh, kết quả. Tối đa 5.000 ký tự.")
    photos = PhotosField(most=MAX_PHOTOS, too_many="Gửi tối đa {most} ảnh (đã chọn {n}).",
                         label=f"Ảnh (không bắt buộc, tối đa {MAX_PHOTOS} ảnh JPEG, PNG hoặc WebP)")
    proposer_name = _text("Họ và tên của bạn", "proposer_name")
    proposer_contact = _text("Số điện thoại hoặc thư điện tử của bạn", "proposer_contact",
                             help_text="Chỉ cơ quan tiếp nhận thấy, để liên hệ khi cần xác minh; không công bố.")
    # Checked by portal.challenge (an empty answer included), whatever the other fields say.
    answer = forms.CharField(label="Câu hỏi kiểm tra", max_length=10, required=False,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                                           "size": "4"}))
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    # The honeypot: hidden by portal.css, out of the tab order; a person leaves it empty.
    website = forms.CharField(label="Trang web (để trống)", required=False, max_length=200,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def __init__(self, *args, units=(), question="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— Chọn phường, xã —"), *units]
        if question:
            self.fields["answer"].label = f"Câu hỏi kiểm tra: {question}"


class TrackForm(Form):
    ma = forms.CharField(label="Mã theo dõi", max_length=40, error_messages={"required": "Nhập mã theo dõi."},
                         widget=forms.TextInput(attrs={"placeholder": "ví dụ ACDE-FGHJ-KMNP", "autocomplete": "off"}))


class AnswerForm(Form):
    answer = forms.CharField(label="Trả lời người đề xuất", max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Người đề xuất đọc câu trả lời này trên trang theo dõi. Không công nhận: cần "
                                       "ghi lý do.")
