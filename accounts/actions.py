from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.recording import record
from org import scope

User = get_user_model()


@transaction.atomic
def user_create(*, acting_user, username, full_name, email="", password) -> "User":
    if not scope.can(acting_user, "manage_users"):
        raise PermissionDenied("Bạn không có quyền tạo tài khoản.")
    errors = {}
    username = (username or "").strip()
    if not username:
        errors["username"] = "Chưa nhập tên đăng nhập."
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = f"Tên đăng nhập “{username}” đã có người dùng."
    if not (full_name or "").strip():
        errors["full_name"] = "Chưa nhập họ và tên."
    user = User(username=username, full_name=(full_name or "").strip(), email=email)
    try:
        validate_password(password, user)
    except ValidationError as e:
        errors["password"] = e.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    record(actor=acting_user, verb="create", target=user, changes={"Tên đăng nhập": ["", username], "Họ và tên": ["", user.full_name]})
    return user


@transaction.atomic
def user_set_active(*, acting_user, user, active: bool):
    if not scope.can(acting_user, "manage_users"):
        raise PermissionDenied("Bạn không có quyền khoá tài khoản.")
    if user.pk == acting_user.pk and not active:
        raise ValidationError("Không thể tự khoá tài khoản của mình.")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        record(actor=acting_user, verb="update", target=user,
               changes={"Trạng thái": ["Đang hoạt động" if not active else "Đã khoá", "Đang hoạt động" if active else "Đã khoá"]})
    return user


def password_changed(*, acting_user):
    """Called after Django's password-change form saved: leave an event (never the password)."""
    record(actor=acting_user, verb="password_change", target=acting_user)
