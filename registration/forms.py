"""Forms of the registration screens.

The registration itself is a grid of checkboxes (``ind`` = "person:CODE",
``col`` = "unit:CODE"), too wide for a Django form: ``parse_lines`` turns the
posted values into the (AwardType, Person, Unit) lines of ``registration_save``
and collects what it cannot resolve.
"""

from django import forms

from core.forms import Form, VNDateField
from core.uploads import ExcelFileField
from org.models import Unit
from org.selectors import people_for, units_for
from rulebook.models import AwardType


class ReopenForm(Form):
    reason = forms.CharField(
        label="Lý do mở lại (theo văn bản đề nghị của đơn vị)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": "Mở lại đăng ký phải có lý do bằng văn bản: hãy nhập lý do."})
    until = VNDateField(label="Cho đăng ký bổ sung đến hết ngày",
                        error_messages={"required": "Chưa nhập hạn đăng ký bổ sung."})


class UploadForm(Form):
    file = ExcelFileField()
    submit = forms.BooleanField(label="Gửi đăng ký ngay sau khi nhập (nếu không, lưu thành bản nháp để xem lại)", required=False)


def _split(value):
    pk, _, code = (value or "").partition(":")
    try:
        return int(pk), code.strip()
    except ValueError:
        return None, code


def parse_lines(user, unit: Unit, ind_values, col_values):
    """(lines, errors, selected) from the posted checkboxes.

    People and collectives are looked up among those the user may see, so a
    crafted value names no one outside the user's scope; whether they belong to
    ``unit`` and whether the award suits them is for ``registration_save`` to say.
    """
    errors, lines = [], []
    selected = set(ind_values) | set(col_values)
    codes = {_split(v)[1] for v in [*ind_values, *col_values]}
    awards = {a.code: a for a in AwardType.objects.filter(code__in=codes)}
    person_ids = {_split(v)[0] for v in ind_values} - {None}
    unit_ids = {_split(v)[0] for v in col_values} - {None}
    people = {p.pk: p for p in people_for(user).filter(pk__in=person_ids).select_related("unit")}
    units = {u.pk: u for u in units_for(user).filter(pk__in=unit_ids)}
    outside = False
    for kind, values, found in (("person", ind_values, people), ("unit", col_values, units)):
        for value in values:
            pk, code = _split(value)
            award = awards.get(code)
            if award is None:
                errors.append(f"Không có danh hiệu, hình thức mã “{code}”.")
                continue
            subject = found.get(pk)
            if subject is None:
                outside = True
                continue
            lines.append((award, subject, None) if kind == "person" else (award, None, subject))
    if outside:
        errors.append(f"Có cá nhân hoặc tập thể được chọn không thuộc {unit.name} (hoặc không còn trong danh sách): "
                      "chỉ đăng ký cho cán bộ, tập thể của đơn vị mình.")
    return lines, errors, selected



# The titles and forms a unit registers for, Thanh Xuân 2022 (Kế hoạch 319/KH-HĐTĐKT,
# domain/practice.md); a province changes them with the rulebook parameter
# "registration_awards" = {"individual": [codes], "collective": [codes]}.
DEFAULT_AWARDS = {
    "individual": ["LDTT", "CSTDCS", "BK_TINH", "CSTD_TINH"],
    "collective": ["TTLDTT", "TTLDXS", "BK_TINH", "CO_TINH", "CO_CP"],
}


def award_label(award) -> str:
    return award.local_name or award.name


# Column heads of the registration grid: the abbreviations documents use ("LĐTT",
# "CSTĐCS"), the full name beside them in a title and in the legend under the table.
SHORT_LABELS = {
    "LDTT": "LĐTT", "CSTDCS": "CSTĐCS", "CSTD_TINH": "CSTĐ Thành phố", "BK_TINH": "Bằng khen Thành phố",
    "TTLDTT": "TTLĐTT", "TTLDXS": "TTLĐXS", "CO_TINH": "Cờ Thành phố", "CO_CP": "Cờ Chính phủ",
    "BK_TTG": "Bằng khen Thủ tướng", "CSTD_TQ": "CSTĐ toàn quốc", "GK": "Giấy khen",
}


def short_label(award) -> str:
    return SHORT_LABELS.get(award.code) or award_label(award)


def registration_awards(plan):
    """(individual awards, collective awards) offered for registration under ``plan``."""
    from datetime import date

    from rulebook.models import Parameter

    day = date(plan.year, 1, 1)
    param = Parameter.objects.in_force(day).filter(key="registration_awards").order_by("-valid_from").first()
    codes = param.value if param and isinstance(param.value, dict) else DEFAULT_AWARDS
    # A value of the wrong shape (not lists of codes) stands for the default, not a 500.
    codes = {k: (v if isinstance(v := codes.get(k, []), list) and all(isinstance(c, str) for c in v) else DEFAULT_AWARDS[k])
             for k in DEFAULT_AWARDS}
    by_code = {a.code: a for a in AwardType.objects.in_force(day).filter(code__in=[*codes.get("individual", []), *codes.get("collective", [])])}
    individual = [by_code[c] for c in codes.get("individual", []) if c in by_code and "individual" in by_code[c].recipient_kinds]
    collective = [by_code[c] for c in codes.get("collective", []) if c in by_code and "collective" in by_code[c].recipient_kinds]
    return individual, collective
