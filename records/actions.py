"""Writes of the engine's inputs: ratings, discipline, historical awards."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from audit.recording import record
from decisions.models import Award
from org import scope

from .models import Discipline, Rating, RatingLevel

LABEL = dict(RatingLevel.choices)


def _require(user, unit, message="Bạn không có quyền ghi nhận cho đơn vị này."):
    if not scope.can(user, "edit_people", unit):
        raise PermissionDenied(message)


@transaction.atomic
def ratings_save(*, acting_user, unit, year: int, people: dict, unit_level: str | None = None) -> int:
    """Set the year's ratings of ``people`` ({Person: level or ""}) and of the unit; one event on the unit."""
    _require(acting_user, unit)
    changes = {}
    for person, level in people.items():
        _require(acting_user, person.unit)
        if level and level not in LABEL:
            raise ValidationError(f"Xếp loại “{level}” không hợp lệ cho {person.full_name}.")
        old = Rating.objects.select_for_update().filter(person=person, year=year).first()
        if _apply(old, level, {"person": person}, year):
            changes[person.full_name] = [old.level if old else "", level or ""]
    if unit_level is not None:
        if unit_level and unit_level not in LABEL:
            raise ValidationError(f"Xếp loại “{unit_level}” không hợp lệ cho tập thể.")
        old = Rating.objects.select_for_update().filter(unit=unit, year=year).first()
        if _apply(old, unit_level, {"unit": unit}, year):
            changes[f"Tập thể {unit.name}"] = [old.level if old else "", unit_level or ""]
    if changes:
        record(actor=acting_user, verb="ratings", target=unit, changes=changes, note=f"Xếp loại năm {year}: {len(changes)} thay đổi")
    return len(changes)


def _apply(old, level, subject, year):
    if old is None and level:
        Rating.objects.create(year=year, level=level, **subject)
        return True
    if old is not None and not level:
        old.delete()
        return True
    if old is not None and old.level != level:
        old.level = level
        old.save(update_fields=["level"])
        return True
    return False


@transaction.atomic
def award_record(*, acting_user, award_type, year: int, person=None, unit=None, decision_number="", decision_date=None,
                 initiatives=()) -> Award:
    """Record an award given in the past (with its decision), for the history the engine reads."""
    subject_unit = person.unit if person else unit
    _require(acting_user, subject_unit)
    kind = "individual" if person else "collective"
    errors = {}
    if kind not in award_type.recipient_kinds:
        errors["award_type"] = f"{award_type.name} không tặng cho {'cá nhân' if person else 'tập thể'}."
    existing = Award.objects.filter(award_type=award_type, year=year, person=person, unit=unit).first()
    if existing:
        errors["year"] = (f"Đã có {award_type.name} năm {year}"
                          + (f" (QĐ {existing.decision_number})" if existing.decision_number else "")
                          + ": mỗi thành tích chỉ khen thưởng một lần.")
    if decision_date and decision_date.year < year:
        errors["decision_date"] = f"Ngày quyết định phải sau năm thành tích {year}."
    for i in initiatives:
        used = i.used_by.exclude(pk=existing.pk if existing else None).first()
        if used:
            errors["initiatives"] = f"Sáng kiến {i.code} đã được dùng cho {used.award_type.name} năm {used.year}."
    if errors:
        raise ValidationError(errors)
    award = Award.objects.create(award_type=award_type, year=year, person=person, unit=unit, source="manual",
                                 decision_number=decision_number, decision_date=decision_date)
    award.initiatives.set(initiatives)
    record(actor=acting_user, verb="award", target=person or unit,
           changes={"Khen thưởng": ["", f"{award_type.name} năm {year}"], "Quyết định": ["", f"{decision_number} {decision_date:%d/%m/%Y}" if decision_date else decision_number]})
    return award


@transaction.atomic
def award_delete(*, acting_user, award: Award):
    _require(acting_user, award.person.unit if award.person else award.unit)
    record(actor=acting_user, verb="award_delete", target=award.person or award.unit,
           changes={"Khen thưởng": [f"{award.award_type.name} năm {award.year}", ""]}, note="Xoá bản ghi nhập sai")
    award.delete()


@transaction.atomic
def discipline_record(*, acting_user, person, date, level, decision_number="", note="") -> Discipline:
    _require(acting_user, person.unit)
    if Discipline.objects.filter(person=person, date=date, level=level).exists():
        raise ValidationError({"date": "Đã có quyết định kỷ luật này."})
    d = Discipline.objects.create(person=person, date=date, level=level, decision_number=decision_number, note=note)
    record(actor=acting_user, verb="discipline", target=person,
           changes={"Kỷ luật": ["", f"{d.get_level_display()} ngày {date:%d/%m/%Y}"]})
    return d
