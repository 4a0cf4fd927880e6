from django import forms

from core.forms import Form


class UserCreateForm(Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150, error_messages={"required": "Chưa nhập tên đăng nhập."})
    full_name = forms.CharField(label="Họ và tên", max_length=200, error_messages={"required": "Chưa nhập họ và tên."})
    email = forms.EmailField(label="Thư điện tử", required=False, error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."})
    password = forms.CharField(label="Mật khẩu ban đầu", widget=forms.PasswordInput, help_text="Ít nhất 10 ký tự, không toàn chữ số.",
                               error_messages={"required": "Chưa nhập mật khẩu."})
