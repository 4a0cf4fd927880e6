from django.contrib.auth.models import AbstractUser
from django.db import models

from core.text import fold


class User(AbstractUser):
    """A person who logs in. What they may do comes from org.Membership rows."""

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
