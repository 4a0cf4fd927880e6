"""Units (a tree with validity periods and successors), people, their work
history, and the roles users hold in units."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from treebeard.mp_tree import MP_Node

from core.text import fold, person_sort_key, text_sort_key
from jobs.models import Tracked


class UnitKind(models.TextChoices):
    # Codes fixed by the interchange contract (domain/interchange.md); add, never rename.
    PROVINCE = "province", "Tỉnh, thành phố"
    DISTRICT = "district", "Quận, huyện"
    COMMUNE = "commune", "Xã, phường"
    AGENCY = "agency", "Cơ quan, phòng ban"
    SCHOOL = "school", "Trường học"
    ENTERPRISE = "enterprise", "Doanh nghiệp"
    RESIDENTIAL_GROUP = "residential_group", "Tổ dân phố, thôn"
    OTHER = "other", "Đơn vị khác"
    # A household (hộ gia đình) under its residential group: a recipient of its own (Gia đình văn hóa, a
    # household's Giấy khen), never an agency; its head and address are the unit's.
    HOUSEHOLD = "household", "Hộ gia đình"


# Levels that have their own council and standing office.
ADMINISTRATIVE_KINDS = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}


class Unit(MP_Node):
    """A collective: an administrative level, an agency, a school, a residential group.

    The tree is materialised paths (treebeard): "everything under my unit" is a
    ``path LIKE 'prefix%'`` on an indexed column, which is what permission scope
    needs on every request.
    """

    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    kind = models.CharField("loại đơn vị", max_length=30, choices=UnitKind.choices)
    valid_from = models.DateField("hoạt động từ ngày", null=True, blank=True)
    valid_to = models.DateField("hoạt động đến ngày", null=True, blank=True)
    successor = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="predecessors",
        verbose_name="đơn vị kế thừa",
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    head_name = models.CharField("chủ hộ", max_length=200, blank=True, default="", db_default="",
                                 help_text="Hộ gia đình: họ tên chủ hộ.")
    phone = models.CharField("điện thoại", max_length=40, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")
    sort_key = models.CharField(max_length=600, editable=False, db_index=True, default="")

    node_order_by = None  # siblings keep insertion order; lists sort by sort_key

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_period",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self):
        self.search_text = fold(f"{self.name} {self.code}")
        self.sort_key = text_sort_key(self.name)[:600]

    def is_active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_dissolved(self):
        from django.utils import timezone

        return self.valid_to is not None and self.valid_to < timezone.localdate()

    def subtree_q(self, prefix=""):
        """Filter for this unit and everything under it (``prefix`` names the FK path)."""
        return Q(**{f"{prefix}path__startswith": self.path})


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class Person(models.Model):
    code = models.CharField("mã cán bộ", max_length=40, unique=True)
    full_name = models.CharField("họ và tên", max_length=200)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    position = models.CharField("chức vụ", max_length=200, blank=True)
    # Where the person works now; Employment keeps where they worked before.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people", verbose_name="đơn vị")
    phone = models.CharField("điện thoại", max_length=40, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True, default="")
    sort_key = models.CharField(max_length=600, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        ordering = ["sort_key", "id"]
        # A unit's members in name order, a page at a time (a unit may have 100,000).
        indexes = [models.Index(fields=["unit", "sort_key", "id"], name="person_unit_sorted")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self):
        self.search_text = fold(f"{self.full_name} {self.code} {self.position}")[:400]
        self.sort_key = person_sort_key(self.full_name)[:600]


class Employment(models.Model):
    """A period during which a person belonged to a unit (quá trình công tác).

    Rows are closed, never rewritten: a move ends one row and opens another.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments", verbose_name="cán bộ")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="employments", verbose_name="đơn vị")
    position = models.CharField("chức vụ", max_length=200, blank=True)
    start = models.DateField("từ ngày", null=True, blank=True)
    end = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["person", "start", "id"]
        indexes = [models.Index(fields=["unit", "start", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="employment_period",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.unit}"


class Role(models.TextChoices):
    UNIT_OFFICER = "unit_officer", "Cán bộ phụ trách thi đua của đơn vị"
    SPECIALIST = "specialist", "Chuyên viên cơ quan thường trực"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng"
    CHAIRMAN = "chairman", "Chủ tịch (người ký)"
    ADMIN = "admin", "Quản trị hệ thống"


class Membership(models.Model):
    """A user's role in a unit; it applies to the unit and everything under it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name="tài khoản")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name="đơn vị")
    role = models.CharField("vai trò", max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class ImportJob(Tracked):
    """One Excel import (of people, of a unit's ratings…): who, which file, how far, what it did.

    A big file is checked and written by the task worker; the page polls this
    row for progress. It stays as the record of the import afterwards. What
    each kind does is in org.imports.KINDS.
    """

    class Kind(models.TextChoices):
        PEOPLE = "people", "Danh sách cán bộ"
        RATINGS = "ratings", "Xếp loại"

    class Status(models.TextChoices):
        PENDING = "pending", "Đang chờ xử lý"
        READING = "reading", "Đang đọc tệp"
        CHECKING = "checking", "Đang kiểm tra"
        WRITING = "writing", "Đang ghi vào cơ sở dữ liệu"
        DONE = "done", "Đã nhập"
        FAILED = "failed", "Chưa nhập (tệp có lỗi)"

    kind = models.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.PEOPLE)
    # What the import needs besides the file (ratings: {"unit": id, "year": 2025, "reason": "…"}).
    params = models.JSONField("tham số", default=dict, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người nhập")
    filename = models.CharField("tên tệp", max_length=255, blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField("số dòng", default=0)
    checked_rows = models.PositiveIntegerField("số dòng đã xử lý", default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    moved = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # [{"sheet", "row", "column", "message"}], the first ERRORS_KEPT of them; n_errors counts all.
    errors = models.JSONField(default=list, blank=True)
    n_errors = models.PositiveIntegerField(default=0)
    # What it did, as the person reads it (kinds other than people; people's counts are the fields above).
    summary = models.TextField("kết quả", blank=True)
    write_seconds = models.FloatField("thời gian ghi (giây)", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    ERRORS_KEPT = 1000

    class Meta:
        verbose_name = "lần nhập Excel"
        verbose_name_plural = "các lần nhập Excel"
        ordering = ["-created_at", "-id"]

    @property
    def running(self):
        return self.status in (self.Status.PENDING, self.Status.READING, self.Status.CHECKING, self.Status.WRITING)

    @property
    def ok(self):
        return self.status == self.Status.DONE

    @property
    def retryable(self):
        """Failed without a verdict on the file (the process died, or a system error), its file still kept:
        it may be run again as it is."""
        from .imports import job_file

        return self.status == self.Status.FAILED and job_file(self).exists()

    @property
    def total(self):
        return self.created + self.updated + self.moved + self.unchanged

    @property
    def percent(self):
        return int(100 * self.checked_rows / self.total_rows) if self.total_rows else 0

    @property
    def result_text(self):
        if self.kind == self.Kind.PEOPLE:
            n = lambda v: f"{v:,}".replace(",", ".")  # noqa: E731 - 100.000, as vnnum writes it
            return (f"Đã nhập {n(self.total)} dòng: {n(self.created)} người mới, {n(self.updated)} người cập nhật thông tin, "
                    f"{n(self.moved)} người chuyển đơn vị, {n(self.unchanged)} người không thay đổi.")
        return self.summary

    @property
    def page_url(self):
        """The import page that shows this job."""
        from django.urls import reverse

        if self.kind == self.Kind.RATINGS:
            return (f"{reverse('records:ratings')}?unit={self.params.get('unit')}&year={self.params.get('year')}"
                    f"&job={self.pk}")
        return reverse("org:people_import_job", args=[self.pk])

    @property
    def result_link(self):
        """(address, text) of the page showing what was imported."""
        from django.urls import reverse

        if self.kind == self.Kind.RATINGS:
            return (f"{reverse('records:ratings')}?unit={self.params.get('unit')}&year={self.params.get('year')}",
                    f"Xem xếp loại năm {self.params.get('year')} →")
        return reverse("org:people"), "Xem danh sách cán bộ →"
