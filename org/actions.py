"""Every write to units, people and roles. One transaction each, an event each."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.recording import changes_between, last_change, record, snapshot
from core.stale import guard

from . import duties
from .duties import Duty, require
from .models import ADMINISTRATIVE_KINDS, Employment, Membership, Person, Role, Unit, UnitKind

UNIT_FIELDS = ["code", "name", "kind", "valid_from", "valid_to", "head_name", "address", "phone", "email"]
PERSON_FIELDS = ["code", "full_name", "gender", "birth_date", "position", "phone", "email"]


def _lock(model, pk):
    return model.objects.select_for_update().get(pk=pk)


def _clean_unit(unit: Unit, parent: Unit | None):
    errors = {}
    unit.code = (unit.code or "").strip()
    unit.name = " ".join((unit.name or "").split())
    if not unit.code:
        errors["code"] = "Chưa nhập mã đơn vị."
    elif Unit.objects.filter(code=unit.code).exclude(pk=unit.pk).exists():
        errors["code"] = f"Mã đơn vị “{unit.code}” đã được dùng cho đơn vị khác."
    if not unit.name:
        errors["name"] = "Chưa nhập tên đơn vị."
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        errors["valid_to"] = "Ngày kết thúc hoạt động phải sau ngày bắt đầu."
    if parent is not None and parent.valid_to and (unit.valid_to is None or unit.valid_to > parent.valid_to) and not unit.pk:
        errors["parent"] = f"Đơn vị cấp trên “{parent.name}” đã ngừng hoạt động từ {parent.valid_to:%d/%m/%Y}."
    if parent is None and unit.kind != "province" and not unit.pk:
        errors["parent"] = "Chỉ tỉnh, thành phố mới không có đơn vị cấp trên."
    unit.head_name = " ".join((unit.head_name or "").split())
    if unit.kind == UnitKind.HOUSEHOLD:
        if not unit.head_name:
            errors["head_name"] = "Hộ gia đình cần ghi họ và tên chủ hộ."
        if not (unit.address or "").strip():
            errors["address"] = "Hộ gia đình cần ghi địa chỉ."
        if parent is not None and parent.kind not in (UnitKind.RESIDENTIAL_GROUP, UnitKind.COMMUNE):
            errors["parent"] = (f"Hộ gia đình thuộc một tổ dân phố, thôn hoặc xã, phường; “{parent.name}” là "
                                f"{parent.get_kind_display().lower()}.")
    elif unit.head_name:
        errors["head_name"] = "Chỉ hộ gia đình mới có chủ hộ."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def unit_create(*, acting_user, parent: Unit | None, code, name, kind, valid_from=None, valid_to=None,
                address="", phone="", email="", head_name="") -> Unit:
    if parent is None:
        if not acting_user.is_superuser:
            raise PermissionDenied("Chỉ quản trị hệ thống mới tạo được đơn vị gốc.")
    else:
        parent = _lock(Unit, parent.pk)
        require(acting_user, parent, Duty.STANDING_OFFICE)
    unit = Unit(code=code, name=name, kind=kind, valid_from=valid_from, valid_to=valid_to,
                address=address, phone=phone, email=email, head_name=head_name)
    _clean_unit(unit, parent)
    unit.fill_derived()
    unit = Unit.objects.add_child(parent, instance=unit) if parent else Unit.objects.add_root(instance=unit)
    record(actor=acting_user, verb="create", target=unit,
           changes=changes_between({}, snapshot(unit, UNIT_FIELDS)),
           note=f"Thuộc {parent.name}" if parent else "")
    return unit


@transaction.atomic
def unit_update(*, acting_user, unit: Unit, expected=None, **fields) -> Unit:
    """Change ``fields``. ``expected`` ({field: value the editor saw}): a field someone else changed
    meanwhile is kept unless this edit changes it too, which is refused (core.stale)."""
    unit = _lock(Unit, unit.pk)
    require(acting_user, unit, Duty.STANDING_OFFICE)
    unknown = set(fields) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    fields = guard(unit, fields, expected, what="Đơn vị này", changed_by=lambda labels: last_change(unit, labels))
    before = snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        setattr(unit, name, value)
    _clean_unit(unit, None)
    changes = changes_between(before, snapshot(unit, UNIT_FIELDS))
    if changes:
        unit.save()
        record(actor=acting_user, verb="update", target=unit, changes=changes)
    return unit


@transaction.atomic
def units_merge(*, acting_user, units: list[Unit], successor: Unit, on: date,
                move_people=True, move_children=True, note="") -> Unit:
    """Record that ``units`` were merged into ``successor`` with effect from ``on``.

    The old units end the day before and point to their successor; they stay
    in the tree and in history. Current staff get a new Employment in the
    successor (the old one is closed, not rewritten); active sub-units are
    moved under the successor.
    """
    successor = _lock(Unit, successor.pk)
    require(acting_user, successor, Duty.STANDING_OFFICE)
    errors = []
    if not units:
        errors.append("Chưa chọn đơn vị bị sáp nhập.")
    locked = []
    for u in units:
        u = _lock(Unit, u.pk)
        require(acting_user, u, Duty.STANDING_OFFICE)
        if u.pk == successor.pk:
            errors.append(f"“{u.name}” không thể sáp nhập vào chính nó.")
        elif successor.path.startswith(u.path):
            errors.append(f"“{successor.name}” nằm trong “{u.name}”, không thể là đơn vị kế thừa của nó.")
        elif u.successor_id:
            errors.append(f"“{u.name}” đã được sáp nhập vào “{u.successor.name}”.")
        elif u.valid_from and on <= u.valid_from:
            errors.append(f"Ngày sáp nhập phải sau ngày “{u.name}” bắt đầu hoạt động ({u.valid_from:%d/%m/%Y}).")
        locked.append(u)
    if successor.valid_to and successor.valid_to < on:
        errors.append(f"Đơn vị kế thừa “{successor.name}” đã ngừng hoạt động từ {successor.valid_to:%d/%m/%Y}.")
    if errors:
        raise ValidationError(errors)
    last_day = on - timedelta(days=1)
    for u in locked:
        if move_children:
            for child in list(Unit.objects.filter(path__startswith=u.path, depth=u.depth + 1)):
                if child.valid_to is None or child.valid_to >= on:
                    child.refresh_from_db()
                    Unit.objects.move(child, Unit.objects.get(pk=successor.pk), "last-child")
                    record(actor=acting_user, verb="reparent", target=child,
                           changes={"Đơn vị cấp trên": [u.name, successor.name]},
                           note=f"Theo sáp nhập từ {on:%d/%m/%Y}")
        u.refresh_from_db()
        moved = 0
        if move_people:
            for person in Person.objects.select_for_update().filter(unit=u):
                _move(person, successor, on, person.position, f"Sáp nhập {u.name} vào {successor.name}")
                record(actor=acting_user, verb="move", target=person,
                       changes={"Đơn vị": [u.name, successor.name]}, note=f"Theo sáp nhập từ {on:%d/%m/%Y}")
                moved += 1
        before = snapshot(u, ["valid_to"])
        u.valid_to = last_day
        u.successor = successor
        u.save()
        record(actor=acting_user, verb="merge", target=u,
               changes={**changes_between(before, snapshot(u, ["valid_to"])), "Đơn vị kế thừa": ["", successor.name]},
               note=note or f"{moved} cán bộ chuyển sang đơn vị kế thừa")
    record(actor=acting_user, verb="merge_target", target=successor,
           changes={"Tiếp nhận": ["", ", ".join(u.name for u in locked)]},
           note=note or f"Có hiệu lực từ {on:%d/%m/%Y}")
    return successor


def _clean_person(person: Person, unit: Unit | None = None):
    """``unit``: the unit the person is being put in (checked to be active)."""
    errors = {}
    person.code = (person.code or "").strip()
    person.full_name = " ".join((person.full_name or "").split())
    if not person.code:
        errors["code"] = "Chưa nhập mã cán bộ."
    elif Person.objects.filter(code=person.code).exclude(pk=person.pk).exists():
        errors["code"] = f"Mã cán bộ “{person.code}” đã được dùng cho người khác."
    if not person.full_name:
        errors["full_name"] = "Chưa nhập họ và tên."
    elif len(person.full_name.split()) < 2:
        errors["full_name"] = "Họ và tên phải có ít nhất họ và tên."
    if person.birth_date:
        today = timezone.localdate()
        if person.birth_date > today:
            errors["birth_date"] = "Ngày sinh không thể ở tương lai."
        elif person.birth_date.year < today.year - 100:
            errors["birth_date"] = "Ngày sinh không hợp lệ (quá 100 năm)."
    if unit is not None and unit.valid_to and unit.valid_to < timezone.localdate():
        errors["unit"] = f"Đơn vị “{unit.name}” đã ngừng hoạt động từ {unit.valid_to:%d/%m/%Y}."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_create(*, acting_user, unit: Unit, code, full_name, gender="", birth_date=None, position="",
                  phone="", email="", start: date | None = None, event_verb="create", note="") -> Person:
    require(acting_user, unit, Duty.EDIT_PEOPLE, "Bạn không có quyền thêm cán bộ vào đơn vị này.")
    person = Person(unit=unit, code=code, full_name=full_name, gender=gender, birth_date=birth_date,
                    position=position, phone=phone, email=email)
    _clean_person(person, unit)
    person.save()
    Employment.objects.create(person=person, unit=unit, position=position, start=start or timezone.localdate())
    record(actor=acting_user, verb=event_verb, target=person,
           changes={**changes_between({}, snapshot(person, PERSON_FIELDS)), "Đơn vị": ["", unit.name]}, note=note)
    return person


@transaction.atomic
def person_update(*, acting_user, person: Person, event_verb="update", note="", expected=None, **fields) -> Person:
    """Change ``fields``. ``expected`` ({field: value the editor saw}) guards
    against lost updates (core.stale): a field someone else changed since is kept
    unless this edit changes it too; then nothing is written and StaleEdit says who and when."""
    person = _lock(Person, person.pk)
    require(acting_user, person.unit, Duty.EDIT_PEOPLE, "Bạn không có quyền sửa thông tin cán bộ này.")
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    fields = guard(person, fields, expected, what="Hồ sơ này", changed_by=lambda labels: last_change(person, labels))
    before = snapshot(person, PERSON_FIELDS)
    for name, value in fields.items():
        setattr(person, name, value)
    _clean_person(person)
    changes = changes_between(before, snapshot(person, PERSON_FIELDS))
    if changes:
        person.save()
        if "Chức vụ" in changes:
            _new_position_period(person)
        record(actor=acting_user, verb=event_verb, target=person, changes=changes, note=note)
    return person


def _new_position_period(person):
    """A change of position starts a new period in the same unit from today; the
    old period keeps the position held then (history is not rewritten)."""
    today = timezone.localdate()
    current = Employment.objects.filter(person=person, end__isnull=True).order_by("-start").first()
    if current is None or current.start == today:
        if current is not None:
            current.position = person.position
            current.save(update_fields=["position"])
        return
    current.end = today - timedelta(days=1)
    current.save(update_fields=["end"])
    Employment.objects.create(person=person, unit=person.unit, position=person.position, start=today, note="Thay đổi chức vụ")


def _move(person, unit, on, position, note):
    current = Employment.objects.filter(person=person, end__isnull=True).order_by("-start").first()
    if current is not None:
        current.end = max(on - timedelta(days=1), current.start) if current.start else on - timedelta(days=1)
        current.save(update_fields=["end"])
    Employment.objects.create(person=person, unit=unit, position=position, start=on, note=note)
    person.unit = unit
    person.position = position
    person.save()


@transaction.atomic
def person_move(*, acting_user, person: Person, unit: Unit, on: date, position=None, note="") -> Person:
    """Move a person to another unit from ``on``: the old Employment is closed, a new one opened."""
    person = _lock(Person, person.pk)
    old_unit = person.unit
    require(acting_user, old_unit, Duty.EDIT_PEOPLE, "Bạn không có quyền chuyển cán bộ này.")
    require(acting_user, unit, Duty.EDIT_PEOPLE, "Bạn không có quyền chuyển cán bộ đến đơn vị này.")
    errors = {}
    if unit.pk == old_unit.pk:
        errors["unit"] = "Cán bộ đang công tác tại đơn vị này."
    elif not unit.is_active_on(on):
        errors["unit"] = f"Đơn vị “{unit.name}” không hoạt động vào ngày {on:%d/%m/%Y}."
    current = Employment.objects.filter(person=person, end__isnull=True).order_by("-start").first()
    if current and current.start and on <= current.start:
        errors["on"] = f"Ngày chuyển phải sau ngày bắt đầu công tác tại đơn vị hiện tại ({current.start:%d/%m/%Y})."
    if errors:
        raise ValidationError(errors)
    new_position = person.position if position is None else position
    changes = {"Đơn vị": [old_unit.name, unit.name]}
    if new_position != person.position:
        changes["Chức vụ"] = [person.position, new_position]
    _move(person, unit, on, new_position, note)
    record(actor=acting_user, verb="move", target=person, changes=changes,
           note=(note + " — " if note else "") + f"Từ ngày {on:%d/%m/%Y}")
    return person


@transaction.atomic
def membership_grant(*, acting_user, user, unit: Unit, role: str) -> Membership:
    require(acting_user, unit, Duty.MANAGE_ACCOUNTS)
    if role not in Role.values:
        raise ValidationError({"role": "Vai trò không hợp lệ."})
    if role in (Role.SPECIALIST, Role.COUNCIL_MEMBER, Role.CHAIRMAN) and unit.kind not in ADMINISTRATIVE_KINDS:
        raise ValidationError({"unit": "Vai trò này chỉ giao tại một cấp hành chính (tỉnh, quận/huyện, xã/phường), nơi có Hội đồng Thi đua - Khen thưởng."})
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if created:
        record(actor=acting_user, verb="role_grant", target=user,
               changes={"Vai trò": ["", f"{membership.get_role_display()} — {unit.name}"]})
    duties.forget(user)
    return membership


@transaction.atomic
def membership_revoke(*, acting_user, membership: Membership):
    require(acting_user, membership.unit, Duty.MANAGE_ACCOUNTS)
    record(actor=acting_user, verb="role_revoke", target=membership.user,
           changes={"Vai trò": [f"{membership.get_role_display()} — {membership.unit.name}", ""]})
    membership.delete()
    duties.forget(membership.user)
