from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.recording import record
from org import duties
from org.duties import Duty

User = get_user_model()


USERNAME_RULE = ("Tên đăng nhập chỉ gồm chữ cái không dấu (a–z), chữ số và các ký tự . @ + - _, "
                 "không có dấu cách, tối đa 150 ký tự")
_username_validator = ASCIIUsernameValidator()


def username_error(username) -> str | None:
    """Why ``username`` cannot be a user name (Django's ASCII validator: no spaces, no control,
    bidi or look-alike characters that would let one name pass for another in the history)."""
    if not username:
        return "Chưa nhập tên đăng nhập."
    try:
        _username_validator(username)
    except ValidationError:
        return f"{USERNAME_RULE}."
    if len(username) > 150:
        return f"{USERNAME_RULE}."
    return None


@transaction.atomic
def user_create(*, acting_user, username, full_name, email="", password, unit=None, role=None) -> "User":
    """A new account with its first role (``unit``, ``role``): the role puts the account in the
    creator's scope, so an administrator who is not a superuser sees what they created."""
    if not duties.has_duty(acting_user, None, Duty.MANAGE_ACCOUNTS):
        raise PermissionDenied("Bạn không có quyền tạo tài khoản.")
    errors = {}
    username = username or ""
    if error := username_error(username):
        errors["username"] = error
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = f"Tên đăng nhập “{username}” đã có người dùng."
    if unit is None or not role:
        if not acting_user.is_superuser:
            errors["unit" if unit is None else "role"] = "Chọn đơn vị và vai trò của tài khoản mới."
    elif not duties.has_duty(acting_user, unit, Duty.MANAGE_ACCOUNTS):
        errors["unit"] = f"Bạn không quản lý tài khoản của {unit.name}."
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
    if unit is not None and role:
        from org.actions import membership_grant

        membership_grant(acting_user=acting_user, user=user, unit=unit, role=role)
    return user


@transaction.atomic
def user_set_active(*, acting_user, user, active: bool):
    if not duties.has_duty(acting_user, None, Duty.MANAGE_ACCOUNTS):
        raise PermissionDenied("Bạn không có quyền khóa tài khoản.")
    if user.pk == acting_user.pk and not active:
        raise ValidationError("Không thể tự khóa tài khoản của mình.")
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        record(actor=acting_user, verb="update", target=user,
               changes={"Trạng thái": ["Đang hoạt động" if not active else "Đã khóa", "Đang hoạt động" if active else "Đã khóa"]})
    return user


def password_changed(*, acting_user):
    """Called after Django's password-change form saved: leave an event (never the password)."""
    record(actor=acting_user, verb="password_change", target=acting_user)
