"""The law as data: the award catalogue, bonus coefficients, base salaries,
criteria, authorities and per-province parameters, each effective-dated with
its legal basis. Seeded from rulebook/data/*.toml; an administrator edits the
rows on screen (every edit is an event)."""

from datetime import date

from django.db import models
from django.db.models import Q

from core.text import fold


class Status(models.TextChoices):
    VERIFIED = "verified", "Đã xác minh"
    PARTIAL = "partial", "Xác minh một phần"
    UNVERIFIED = "unverified", "Chưa xác minh"


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    HOUSEHOLD = "household", "Hộ gia đình"


class Category(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"


class EffectiveQuerySet(models.QuerySet):
    def in_force(self, day: date):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                           Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Effective(models.Model):
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=500, blank=True)
    status = models.CharField("mức xác minh", max_length=12, choices=Status.choices, default=Status.VERIFIED)

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        abstract = True

    def in_force_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class AwardType(Effective):
    """One title or form of the catalogue (interchange code: LDTT, CSTDCS, …)."""

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên", max_length=255)
    local_name = models.CharField("tên tại Hà Nội", max_length=255, blank=True)
    category = models.CharField("loại", max_length=10, choices=Category.choices)
    recipient_kinds = models.JSONField("đối tượng", default=list)
    rank = models.PositiveIntegerField("thứ bậc", default=0, help_text="Cao hơn = danh hiệu, hình thức cao hơn.")
    decidable = models.BooleanField("xét được từ dữ liệu lịch sử", default=False)
    description = models.TextField("tiêu chuẩn (tóm tắt)", blank=True)
    includes = models.JSONField("bao gồm danh hiệu", default=list, blank=True,
                                help_text="Mã các danh hiệu mà người được tặng danh hiệu này được tính là đã đạt "
                                          "khi xét tập thể (Chiến sĩ thi đua cơ sở bao gồm Lao động tiên tiến).")
    search_text = models.CharField(max_length=400, editable=False, default="")

    class Meta:
        ordering = ["rank", "code"]
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh mục khen thưởng"

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.name} {self.local_name}")
        super().save(*args, **kwargs)


class BaseSalary(Effective):
    amount = models.BigIntegerField("mức lương cơ sở (đồng/tháng)")

    class Meta:
        ordering = ["valid_from"]
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"

    def __str__(self):
        return f"{self.amount:,} đ từ {self.valid_from}"


class RuleSet(Effective):
    """A decree's set of money rules (NĐ 91/2017, NĐ 98/2023, NĐ 152/2025)."""

    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên ngắn", max_length=60, blank=True, help_text="Như văn bản viết tắt: NĐ 98/2023/NĐ-CP.")
    rounding_step = models.PositiveIntegerField("làm tròn lên đến bội số của (đồng)", default=10_000)
    # Where no explicit coefficient row exists for a recipient kind:
    collective_multiplier = models.DecimalField("tập thể = × mức cá nhân (hình thức khen thưởng)", max_digits=4, decimal_places=2, null=True, blank=True)
    household_multiplier = models.DecimalField("hộ gia đình = × mức cá nhân", max_digits=4, decimal_places=2, null=True, blank=True)
    multipliers_basis = models.CharField("căn cứ hệ số tập thể, hộ gia đình", max_length=500, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = "bộ quy định tiền thưởng"
        verbose_name_plural = "bộ quy định tiền thưởng"

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """What a person reads where space is short (the code, ND98_2023, is for files and the CLI)."""
        return self.short_name or self.name


class Coefficient(Effective):
    """Bonus coefficient of an award for a recipient kind under a rule set.

    ``issuer`` distinguishes forms whose money depends on who signs (Giấy
    khen of a commune chairman vs of a department head under NĐ 98/2023).
    """

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="coefficients", verbose_name="bộ quy định")
    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="coefficients", verbose_name="khen thưởng")
    recipient_kind = models.CharField("đối tượng", max_length=12, choices=RecipientKind.choices)
    issuer = models.CharField("cấp ký", max_length=20, blank=True, default="")
    coefficient = models.DecimalField("hệ số", max_digits=6, decimal_places=3)

    class Meta:
        ordering = ["rule_set__valid_from", "award_type__rank", "recipient_kind"]
        verbose_name = "hệ số tiền thưởng"
        verbose_name_plural = "hệ số tiền thưởng"
        constraints = [models.UniqueConstraint(fields=["rule_set", "award_type", "recipient_kind", "issuer"], name="coefficient_unique")]

    def __str__(self):
        return f"Hệ số {self.award_type.name} ({self.get_recipient_kind_display().lower()}, {self.rule_set.display_name}): {self.coefficient.normalize()}"


class Authority(Effective):
    """Who may award what, at which level, in which period."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="authorities", verbose_name="khen thưởng")
    level = models.CharField("cấp", max_length=30)
    issuer = models.CharField("người quyết định", max_length=255)

    class Meta:
        ordering = ["award_type__rank", "valid_from"]
        verbose_name = "thẩm quyền"
        verbose_name_plural = "thẩm quyền"

    def __str__(self):
        return f"Thẩm quyền {self.award_type.name}: {self.issuer}"


class Standard(Effective):
    """The standard of an award in a period (tiêu chuẩn): the law that sets it (``legal_basis``) and its summary;
    its criteria are the award's Criterion rows of the same period. Which applies to a year is the one in force
    on 31 December of that year (the law of the achievement year)."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="standards", verbose_name="khen thưởng")
    description = models.TextField("tóm tắt", blank=True)

    class Meta:
        ordering = ["award_type__rank", "valid_from"]
        verbose_name = "tiêu chuẩn theo thời kỳ"
        verbose_name_plural = "tiêu chuẩn theo thời kỳ"

    def __str__(self):
        return f"Tiêu chuẩn {self.award_type.name} ({self.period})"

    @property
    def period(self):
        start = f"{self.valid_from:%d/%m/%Y}" if self.valid_from else "trước đây"
        return f"{start} – {self.valid_to:%d/%m/%Y}" if self.valid_to else f"từ {start}"

    def covers(self, criterion) -> bool:
        return criterion.valid_from == self.valid_from and criterion.valid_to == self.valid_to


class Criterion(Effective):
    """One condition of an award, as a predicate the engine knows (``kind``) with parameters."""

    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="criteria", verbose_name="khen thưởng")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField("loại điều kiện", max_length=40)
    params = models.JSONField("tham số", default=dict, blank=True)
    text = models.TextField("nội dung")

    class Meta:
        ordering = ["award_type__rank", "position"]
        verbose_name = "tiêu chuẩn"
        verbose_name_plural = "tiêu chuẩn"

    def __str__(self):
        return f"Tiêu chuẩn {self.award_type.name}: {self.text}"


class Parameter(Effective):
    """A per-province setting with a default (UNVERIFIED rules are parameters, never literals)."""

    key = models.CharField("khóa", max_length=60)
    name = models.CharField("tên", max_length=255)
    value = models.JSONField("giá trị")
    description = models.TextField("giải thích", blank=True)

    class Meta:
        ordering = ["key", "valid_from"]
        verbose_name = "tham số"
        verbose_name_plural = "tham số"

    def __str__(self):
        return f"Tham số: {self.name}"

    @property
    def value_json(self):
        """The value as the edit form takes it (JSON), not as Python prints it."""
        import json

        return json.dumps(self.value, ensure_ascii=False)


class BasisKind(models.TextChoices):
    """What a legal basis (căn cứ) of a decision is, in the order a decision cites them."""

    COMPETENCE = "competence", "Thẩm quyền (luật về tổ chức chính quyền địa phương)"
    TDKT = "tdkt", "Luật, nghị định về thi đua, khen thưởng"
    PROVINCE = "province", "Quy định của tỉnh, thành phố"
    OTHER = "other", "Khác"


BASIS_KIND_ORDER = {BasisKind.COMPETENCE: 0, BasisKind.TDKT: 1, BasisKind.PROVINCE: 2, BasisKind.OTHER: 3}

BASIS_LEVELS = {"commune": "cấp xã", "district": "cấp huyện", "province": "cấp tỉnh", "agency": "cơ quan, đơn vị"}


class LegalBasis(Effective):
    """One line of the căn cứ ban hành of a decision ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6
    năm 2025"), in force from ``valid_from`` to ``valid_to``, for the levels of authority in ``levels``. A decision
    cites the lines in force on its date for its authority's level: the competence law first, then the TĐKT law and
    decrees, then the province's regulation (``province``: the name of the province or city it belongs to; blank =
    any). ``legal_basis`` names the instrument (Luật 72/2025/QH15); ``source`` says where its dates were read."""

    code = models.CharField("mã", max_length=40, unique=True)
    text = models.TextField("câu căn cứ", help_text="Như văn bản viết, không có dấu chấm phẩy ở cuối.")
    kind = models.CharField("loại", max_length=12, choices=BasisKind.choices)
    levels = models.JSONField("áp dụng cho cấp", default=list,
                              help_text="Các cấp: commune (cấp xã), district (cấp huyện), province (cấp tỉnh), agency (cơ quan, đơn vị).")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    province = models.CharField("tỉnh, thành phố", max_length=120, blank=True, default="",
                                help_text="Chỉ áp dụng cho quyết định của đơn vị thuộc tỉnh, thành phố này; để trống = mọi nơi.")
    source = models.TextField("nguồn xác minh", blank=True, default="")

    class Meta:
        ordering = ["valid_from", "order", "code"]
        verbose_name = "căn cứ ban hành"
        verbose_name_plural = "căn cứ ban hành quyết định"

    def __str__(self):
        return self.text

    @property
    def period(self):
        start = f"{self.valid_from:%d/%m/%Y}" if self.valid_from else "trước đây"
        return f"{start} – {self.valid_to:%d/%m/%Y}" if self.valid_to else f"từ {start}"

    @property
    def levels_display(self):
        return ", ".join(BASIS_LEVELS.get(level, level) for level in self.levels)


class Draft(models.Model):
    """A rulebook version that is not in force (dự thảo): what it would change, so that one may preview who would
    gain or lose a title under it. It never decides anything: only eligibility's preview reads it, when asked for it
    by code; the engine's normal path, the appraisal, the dossiers and the decisions never do. Seeded from
    rulebook/data/drafts.toml (rows existing by code are left alone).

    ``awards``: {award code: change}, a change being a replacement standard ({"legal_basis", "description",
    "criteria": [{kind, params, text, legal_basis}]}, applied over the standard in force on 31 December of the year
    previewed), and/or a new ``name`` and a ``note`` (a change the engine cannot decide, said in words).
    ``parameters``: {parameter key: value} replacing the parameters in force."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    legal_basis = models.CharField("văn bản (dự thảo)", max_length=500, blank=True)
    source = models.TextField("nguồn", blank=True)
    status = models.CharField("mức xác minh", max_length=12, choices=Status.choices, default=Status.UNVERIFIED)
    published_on = models.DateField("ngày công bố", null=True, blank=True)
    description = models.TextField("tóm tắt", blank=True)
    awards = models.JSONField("thay đổi theo danh hiệu, hình thức", default=dict, blank=True)
    parameters = models.JSONField("tham số thay đổi", default=dict, blank=True)

    class Meta:
        ordering = ["-published_on", "code"]
        verbose_name = "dự thảo quy định"
        verbose_name_plural = "dự thảo quy định"

    def __str__(self):
        return self.name
