"""Writes of the engine's inputs: ratings and discipline (awards are decisions.actions')."""

from collections import namedtuple

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from audit.models import Event
from audit.recording import last_change, record
from core import bulk
from core.stale import guard
from core.text import clean_text
from org import duties
from org.duties import Duty, require
from org.models import Person, Unit

from . import basis, selectors
from .models import Discipline, Rating, RatingLevel

LABEL = dict(RatingLevel.choices)
_Old = namedtuple("_Old", "pk level")  # a rating as it was: read as values, not as model objects
SUMMARY_LIMIT = 200


class ReasonRequired(ValidationError):
    """The change touches ratings that awards already given rest on: say why, or nothing is saved."""

    def __init__(self, affected):
        self.affected = affected  # [{"subject", "award", "old", "new"}]
        n = len(affected)
        super().__init__(f"Thay đổi này sửa xếp loại là căn cứ của {n} khen thưởng đã có quyết định: "
                         "cần ghi lý do sửa. Chưa có xếp loại nào được lưu.")


def _pk(obj):
    return getattr(obj, "pk", obj)


def ratings_save(*, acting_user, unit, year: int, people: dict, unit_level: str | None = None,
                 units: dict | None = None, reason: str = "", expected: dict | None = None) -> int:
    """Set the ratings of ``year`` under ``unit``: ``people`` ({Person or id: level or ""}), the unit's own
    (``unit_level``) and its sub-units' (``units``: {Unit or id: level}). A subject left out is unchanged;
    "" clears its rating.

    Permission follows the unit rated and the year: whoever may edit ``unit`` rates the people who worked
    there that year (even if they have moved since) and the people who work there now. Changing a rating
    that an award given rests on needs ``reason``; it is written in the events. One event per person or
    collective whose rating changed (their own history shows it) and one summary on ``unit``.

    Checked first without holding the database (ratings_check), then written in one short transaction
    that makes sure none of the ratings concerned changed meanwhile (ratings_write): all or nothing.

    ``expected`` ({("person_id" or "unit_id", id): the level the editor saw}, the screen's grid): a rating the
    editor left as they saw it is not written (someone else's change since is kept); one they changed that
    someone else changed meanwhile to another level is refused, nothing saved (core.stale).
    """
    plan = ratings_check(acting_user=acting_user, unit=unit, year=year, people=people, unit_level=unit_level,
                         units=units, reason=reason, expected=expected)
    return ratings_write(plan)


class RatingsPlan:
    """What ratings_check found: the changes to make and everything their events say, ready to write."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __len__(self):
        return len(self.diffs)


def _current(year, people, collectives):
    """{(field, subject id): (rating id, level)} of the ratings of ``year`` these subjects have now."""
    found = {}
    for field, wanted in (("person_id", people), ("unit_id", collectives)):
        for chunk in bulk.chunks(wanted, 5000):
            found.update({(field, sid): _Old(pk, level) for sid, pk, level in Rating.objects
                          .filter(year=year, **{f"{field}__in": chunk}).order_by().values_list(field, "pk", "level")})
    return found


def _resting(year, diffs):
    changed_old = [(f, sid) for f, sid, old, _ in diffs if old is not None]
    return basis.awards_resting_on(year, person_ids=[s for f, s in changed_old if f == "person_id"],
                                   unit_ids=[s for f, s in changed_old if f == "unit_id"])


def _affected(resting, diffs):
    by_subject = {(f, s): (old.level if old else "", level) for f, s, old, level in diffs}
    return [{
        "subject": a.recipient, "award": basis.describe(a),
        "old": by_subject[("person_id", a.person_id) if a.person_id else ("unit_id", a.unit_id)][0],
        "new": by_subject[("person_id", a.person_id) if a.person_id else ("unit_id", a.unit_id)][1],
    } for a in resting]


def ratings_check(*, acting_user, unit, year: int, people: dict, unit_level: str | None = None,
                  units: dict | None = None, reason: str = "", members: set | None = None,
                  expected: dict | None = None) -> RatingsPlan:
    """Everything ratings_save checks, reading only (no transaction held; bulk lookups); the plan to write.

    ``members``: selectors.member_ids(unit, year, people) when the caller has just read it (the Excel
    import checks each row with it), spared a second lookup. Raises PermissionDenied, ValidationError
    or ReasonRequired as ratings_save does.
    """
    require(acting_user, unit, Duty.RATE)
    reason = clean_text(reason or "", multiline=True).strip()
    people = {_pk(p): (level or "") for p, level in people.items()}
    collectives = {_pk(u): (level or "") for u, level in (units or {}).items()}
    if unit_level is not None:
        collectives[unit.pk] = unit_level or ""
    for level in [*people.values(), *collectives.values()]:
        if level and level not in LABEL:
            raise ValidationError(f"Xếp loại “{level}” không hợp lệ.")

    allowed = members if members is not None else selectors.member_ids(unit, year, people)
    outside = [pid for pid in people if pid not in allowed]
    if outside:
        # Named only when the user may see them (org.scope): an id sent by hand says nothing of whose it is.
        seen = list(Person.objects.filter(duties.duty_q(acting_user, Duty.VIEW, prefix="unit__"), pk__in=outside[:5])
                    .values_list("full_name", flat=True))
        unseen, more = min(len(outside), 5) - len(seen), max(len(outside) - 5, 0)
        who = ", ".join(seen + ([f"{unseen} người ngoài phạm vi của bạn"] if unseen else [])
                        + ([f"{more} người khác"] if more else []))
        raise PermissionDenied(f"{who} không công tác tại {unit.name} (hoặc đơn vị trực thuộc) trong năm {year}: "
                               "không ghi xếp loại được.")
    inside = set()
    for chunk in bulk.chunks(collectives, 5000):
        inside |= set(Unit.objects.filter(pk__in=chunk, path__startswith=unit.path).values_list("pk", flat=True))
    if len(inside) != len(collectives):
        raise PermissionDenied(f"Chỉ ghi được xếp loại của {unit.name} và các đơn vị trực thuộc.")

    current = _current(year, people, collectives)
    if expected:
        people, collectives, current = _merged(year, people, collectives, current, expected)
    # What changes: [(field, id, old rating or None, new level)].
    diffs = []
    for field, wanted in (("person_id", people), ("unit_id", collectives)):
        for sid, level in wanted.items():
            old = current.get((field, sid))
            if (old.level if old else "") != level:
                diffs.append((field, sid, old, level))
    plan = RatingsPlan(acting_user=acting_user, unit=unit, year=year, reason=reason, diffs=diffs, current=current,
                       people=people, collectives=collectives, resting=[],
                       creates=bulk.Rows(Rating, ["person", "unit", "year", "level", "note"]),
                       events=bulk.Rows(Event, ["at", "actor", "verb", "target_type", "target_id", "target_label",
                                                "changes", "note"]))
    if not diffs:
        return plan

    resting = _resting(year, diffs)
    if resting and not reason:
        raise ReasonRequired(_affected(resting, diffs))
    plan.resting = resting

    resting_by = {}
    for a in resting:
        resting_by.setdefault(("person_id", a.person_id) if a.person_id else ("unit_id", a.unit_id), []).append(basis.describe(a))
    names = {}
    for chunk in bulk.chunks([s for f, s, _, _ in diffs if f == "person_id"], 5000):
        names.update(Person.objects.filter(pk__in=chunk).order_by().values_list("pk", "full_name"))
    for chunk in bulk.chunks([s for f, s, _, _ in diffs if f == "unit_id"], 5000):
        names.update({("unit", pk): name for pk, name in Unit.objects.filter(pk__in=chunk).values_list("pk", "name")})
    label = f"Xếp loại năm {year}"
    person_type, unit_type = ContentType.objects.get_for_model(Person), ContentType.objects.get_for_model(Unit)
    actor_id = acting_user.pk if getattr(acting_user, "pk", None) else None
    now = timezone.now()
    summary = {}
    # The new ratings and the events, made database-ready now (bulk.Rows), sent in the short write.
    for field, sid, old, level in diffs:
        if old is None:
            plan.creates.add(sid if field == "person_id" else None, sid if field == "unit_id" else None, year, level, "")
    for field, sid, old, level in diffs:
        pair = [old.level if old else "", level]
        subject = names.get(sid) if field == "person_id" else f"Tập thể {names.get(('unit', sid))}"
        summary[subject] = pair
        note = ""
        if (field, sid) in resting_by:
            note = f"Lý do sửa: {reason} (căn cứ của {'; '.join(resting_by[(field, sid)])})"
        elif reason:
            note = f"Lý do sửa: {reason}"
        if field == "person_id":
            plan.events.add(now, actor_id, "ratings", person_type.pk, sid, (names.get(sid) or "")[:300], {label: pair}, note)
        elif sid != unit.pk:
            plan.events.add(now, actor_id, "ratings", unit_type.pk, sid, (names.get(("unit", sid)) or "")[:300],
                            {label: pair}, note)
    # The unit's summary names at most SUMMARY_LIMIT changes; each person's own history has the rest.
    plan.summary = dict(list(summary.items())[:SUMMARY_LIMIT])
    plan.summary_note = f"{label}: {len(diffs)} thay đổi"
    if len(summary) > SUMMARY_LIMIT:
        plan.summary_note += f" (liệt kê {SUMMARY_LIMIT} thay đổi đầu; từng người có trong lịch sử của mình)"
    if reason:
        plan.summary_note += f". Lý do sửa: {reason}"
    return plan


def _merged(year, people, collectives, current, expected):
    """The grid's ratings less those the editor left as they saw them (core.stale): someone else's change since is
    kept. A rating both changed is refused, naming the people and who changed the last of them."""
    wanted = {**{("person_id", k): v for k, v in people.items()}, **{("unit_id", k): v for k, v in collectives.items()}}
    now = {key: (current[key].level if key in current else "") for key in wanted}
    seen = {key: (level or "") for key, level in expected.items() if key in wanted}
    labels = {}
    if seen:
        clashing = [key for key in seen if now[key] != seen[key] and now[key] != wanted[key] != seen[key]]
        names = dict(Person.objects.filter(pk__in=[i for f, i in clashing if f == "person_id"]).values_list("pk", "full_name"))
        units = dict(Unit.objects.filter(pk__in=[i for f, i in clashing if f == "unit_id"]).values_list("pk", "name"))
        labels = {("person_id", i): names.get(i, "?") for f, i in clashing if f == "person_id"}
        labels.update({("unit_id", i): f"Tập thể {units.get(i, '?')}" for f, i in clashing if f == "unit_id"})

    def changed_by(_labels):
        field, sid = next(iter(labels))
        target = Person(pk=sid) if field == "person_id" else Unit(pk=sid)
        return last_change(target, verbs=("ratings",))

    merged = guard(None, wanted, seen, what=f"Xếp loại năm {year}", changed_by=changed_by, current=now, labels=labels)
    kept = {key for key in merged if key in seen and wanted[key] == seen[key]}
    people = {sid: level for (f, sid), level in merged.items() if f == "person_id" and (f, sid) not in kept}
    collectives = {sid: level for (f, sid), level in merged.items() if f == "unit_id" and (f, sid) not in kept}
    current = {key: old for key, old in current.items() if key not in kept}
    return people, collectives, current


class RatingsChanged(ValidationError):
    """Ratings of the plan changed (another user's save) between the check and the write."""


@transaction.atomic
def ratings_write(plan: RatingsPlan) -> int:
    """Write a ratings_check plan in one short transaction, or nothing if any rating concerned changed meanwhile."""
    if not plan.diffs:
        return 0
    year = plan.year
    # The ratings as they are now, under the write lock, against what was checked.
    locked = {}
    for field, wanted in (("person_id", plan.people), ("unit_id", plan.collectives)):
        for chunk in bulk.chunks(wanted, 5000):
            locked.update({(field, sid): _Old(pk, level) for sid, pk, level in Rating.objects.select_for_update()
                           .filter(year=year, **{f"{field}__in": chunk}).order_by().values_list(field, "pk", "level")})
    if locked != plan.current:
        raise RatingsChanged("Xếp loại của một số người hoặc tập thể vừa được người khác sửa trong lúc kiểm tra; "
                             "chưa có xếp loại nào được lưu, hãy làm lại.")
    if not plan.reason:
        resting = _resting(year, plan.diffs)
        if resting:
            raise ReasonRequired(_affected(resting, plan.diffs))  # an award was recorded meanwhile: ask for the reason

    diffs = plan.diffs
    plan.creates.insert()
    table = connection.ops.quote_name(Rating._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in bulk.chunks([(old.pk,) for _, _, old, level in diffs if old is not None and not level], 5000):
            cursor.executemany(f"DELETE FROM {table} WHERE id = %s", chunk)
        for chunk in bulk.chunks([(new, old.pk) for _, _, old, new in diffs if old is not None and new], 5000):
            cursor.executemany(f"UPDATE {table} SET level = %s WHERE id = %s", chunk)
    plan.events.insert()
    record(actor=plan.acting_user, verb="ratings", target=plan.unit, changes=plan.summary, note=plan.summary_note)
    return len(diffs)


@transaction.atomic
def discipline_record(*, acting_user, person, date, level, decision_number="", note="") -> Discipline:
    require(acting_user, person.unit, Duty.RATE)
    if Discipline.objects.filter(person=person, date=date, level=level).exists():
        raise ValidationError({"date": "Đã có quyết định kỷ luật này."})
    d = Discipline.objects.create(person=person, date=date, level=level, decision_number=decision_number, note=note)
    record(actor=acting_user, verb="discipline", target=person,
           changes={"Kỷ luật": ["", f"{d.get_level_display()} ngày {date:%d/%m/%Y}"]})
    return d
