from django.contrib.auth.models import AbstractUser
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.db import models

from core.text import fold


class User(AbstractUser):
    """A person who logs in. What they may do comes from org.Membership rows."""

    # ASCII only (Django's ASCIIUsernameValidator), on every path that saves a user, the
    # command line included: no spaces, control, bidi or look-alike characters.
    username_validator = ASCIIUsernameValidator()
    username = models.CharField(
        "tên đăng nhập", max_length=150, unique=True, validators=[username_validator],
        help_text="Chữ cái không dấu, chữ số và . @ + - _ (không có dấu cách).",
        error_messages={"unique": "Tên đăng nhập này đã có người dùng."},
    )
    full_name = models.CharField("họ và tên", max_length=200, blank=True)
    person = models.ForeignKey(
        "org.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="accounts",
        verbose_name="cán bộ",
    )
    search_text = models.CharField(max_length=400, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.username} {self.full_name} {self.email}")
        super().save(*args, **kwargs)

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self):
        return self.full_name or self.username

    def get_full_name(self):
        """The person's name as typed on the account (Django's default joins first and last names, which this
        account does not use, and every ``get_full_name() or username`` then showed the login name)."""
        return self.full_name.strip()
