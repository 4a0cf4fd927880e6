from django import forms

from core.forms import Form
from org.models import Role, Unit

from .actions import username_error


class UserCreateForm(Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150, error_messages={"required": "Chưa nhập tên đăng nhập."},
                               help_text="Chữ cái không dấu, chữ số và . @ + - _ (không có dấu cách), ví dụ vp.phuluong.")
    full_name = forms.CharField(label="Họ và tên", max_length=200, error_messages={"required": "Chưa nhập họ và tên."})
    email = forms.EmailField(label="Thư điện tử", required=False, error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."})
    password = forms.CharField(label="Mật khẩu ban đầu", widget=forms.PasswordInput, help_text="Ít nhất 10 ký tự, không toàn chữ số.",
                               error_messages={"required": "Chưa nhập mật khẩu."})
    unit = forms.ModelChoiceField(label="Đơn vị", queryset=Unit.objects.none(), empty_label="— Chọn đơn vị —",
                                  error_messages={"required": "Chưa chọn đơn vị của tài khoản."})
    role = forms.ChoiceField(label="Vai trò", choices=[("", "— Chọn vai trò —"), *Role.choices],
                             error_messages={"required": "Chưa chọn vai trò của tài khoản."})

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{'— ' * (u.depth - 1)}{u.name}"
        # The name as typed: text cleaning would quietly drop a control or bidi character,
        # and a user name must be refused, not changed, when it has one.
        self._typed_username = self.data.get("username") if self.is_bound else None

    def clean_username(self):
        typed = self._typed_username if self._typed_username is not None else self.cleaned_data["username"]
        error = username_error(typed)
        if error:
            raise forms.ValidationError(error)
        return self.cleaned_data["username"]
