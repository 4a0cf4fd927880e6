"""Awards in the history: recording one given in the past, deleting a wrong record, and the rule both and every
import and decision follow — one achievement rewarded once (Luật TĐKT 2022, Điều 5.2): a title once per recipient
and year, a form once per achievement, an initiative counted for one award only. ``awards_held`` and
``initiative_conflicts`` decide it, for one award or for the history import's thousands, in a few queries;
``awards_write`` writes, with an event per award created or changed on the recipient's history.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import Event
from audit.recording import record
from core import bulk
from core.text import clean_text, fold
from org.duties import Duty, require
from org.models import Person, Unit
from rulebook.models import Category

from ..models import Award, Occasion


@dataclass
class Wanted:
    """An award to hold: which, for which year and achievement, to whom, on which decision, counting which initiatives."""

    award_type: object
    year: int
    person: Person | None = None
    unit: Unit | None = None
    decision_number: str = ""
    decision_date: date | None = None
    initiatives: list = field(default_factory=list)  # Initiative objects
    extra: dict = field(default_factory=dict)  # more Award fields for a new award (decision, nomination, amount, verify_code)
    occasion: str = Occasion.YEAR_END
    achievement: str = ""

    @property
    def key(self):
        return achievement_key(self.award_type, self.year, self.person.pk if self.person else None,
                               self.unit.pk if self.unit else None, self.occasion, self.achievement)

    @property
    def recipient(self):
        return self.person or self.unit


def achievement_key(award_type, year, person_id, unit_id, occasion=Occasion.YEAR_END, achievement=""):
    """What one award is, for "one achievement is rewarded once" (Luật TĐKT 2022, Điều 5.2): a title
    (danh hiệu) once per recipient and year whatever the occasion; a form (Giấy khen, Bằng khen) once per
    achievement — every year-end award of a year is one achievement, an ad hoc or thematic one is the one
    it names."""
    if award_type.category == Category.TITLE:
        return (award_type.pk, year, person_id, unit_id)
    return (award_type.pk, year, person_id, unit_id, occasion or Occasion.YEAR_END,
            "" if (occasion or Occasion.YEAR_END) == Occasion.YEAR_END else fold(achievement or ""))


def _key(award):
    return achievement_key(award.award_type, award.year, award.person_id, award.unit_id, award.occasion, award.achievement)


def awards_held(wanted) -> dict:
    """{key: Award} of the awards already given for the (award, year, recipient) of ``wanted``, revoked or not:
    a second one for the same key is the same award (Điều 5.2), never another row."""
    wanted = list(wanted)
    found = {}
    for field_name, ids in (("person_id", {w.person.pk for w in wanted if w.person}),
                            ("unit_id", {w.unit.pk for w in wanted if w.unit})):
        types = {w.award_type.pk for w in wanted}
        years = {w.year for w in wanted}
        for chunk in bulk.chunks(ids, 900):
            qs = (Award.objects.filter(**{f"{field_name}__in": chunk}, award_type_id__in=types, year__in=years)
                  .select_related("award_type").order_by())
            found.update({_key(a): a for a in qs})
    keys = {w.key for w in wanted}
    return {k: a for k, a in found.items() if k in keys}


def initiative_conflicts(wanted, held) -> dict[int, str]:
    """{index in ``wanted``: message} for the rows naming an initiative that another award already counted,
    or that an earlier row of ``wanted`` counts for another award: an initiative counts once."""
    wanted = list(wanted)
    ids = {i.pk for w in wanted for i in w.initiatives}
    uses = {}  # initiative id -> [(award id, award name, year)]
    through = Award.initiatives.through
    for chunk in bulk.chunks(ids, 900):
        for iid, aid, name, year in (through.objects.filter(initiative_id__in=chunk).order_by("award_id")
                                     .values_list("initiative_id", "award_id", "award__award_type__name", "award__year")):
            uses.setdefault(iid, []).append((aid, name, year))
    claimed = {}  # initiative id -> (key, award name, year) of the first row counting it
    out = {}
    for n, w in enumerate(wanted):
        own = held.get(w.key)
        for i in w.initiatives:
            other = next(((name, year) for aid, name, year in uses.get(i.pk, ()) if own is None or aid != own.pk), None)
            first = claimed.setdefault(i.pk, (w.key, w.award_type.name, w.year))
            if other is None and first[0] != w.key:
                other = first[1:]
            if other is not None and n not in out:
                out[n] = f"Sáng kiến {i.code} đã được dùng cho {other[0]} năm {other[1]}"
    return out


def _decision_text(number, day):
    return f"{number} {day:%d/%m/%Y}" if day else number


def awards_write(wanted, held, *, acting_user, source, note="") -> dict:
    """Create the awards of ``wanted`` not in ``held``, bring the others to the decision and initiatives
    wanted; one event per award created or changed, on its recipient. Call inside a transaction, after
    the checks. Returns {"created", "updated", "unchanged"} and the awards ({key: Award}) under "awards"."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    new = [w for w in wanted if w.key not in held]
    created = Award.objects.bulk_create([
        Award(award_type=w.award_type, year=w.year, person=w.person, unit=w.unit, source=source, occasion=w.occasion,
              achievement="" if w.occasion == Occasion.YEAR_END else w.achievement,
              decision_number=w.decision_number, decision_date=w.decision_date, **w.extra) for w in new], batch_size=2000)
    awards = dict(held)
    awards.update({w.key: a for w, a in zip(new, created)})
    counts["created"] = len(created)

    through = Award.initiatives.through
    current = {}
    old = [a.pk for a in held.values()]
    for chunk in bulk.chunks(old, 900):
        for aid, iid in through.objects.filter(award_id__in=chunk).values_list("award_id", "initiative_id"):
            current.setdefault(aid, set()).add(iid)
    link_rows, unlink = [], []
    events = bulk.Rows(Event, ["at", "actor", "verb", "target_type", "target_id", "target_label", "changes", "note"])
    types = {Person: ContentType.objects.get_for_model(Person).pk, Unit: ContentType.objects.get_for_model(Unit).pk}
    actor_id = acting_user.pk if getattr(acting_user, "pk", None) else None
    now = timezone.now()
    for w in wanted:
        award = awards[w.key]
        label = f"{w.award_type.name} năm {w.year}" + (f" ({w.achievement})" if w.occasion != Occasion.YEAR_END else "")
        wanted_ids = {i.pk for i in w.initiatives}
        if w.key not in held:
            link_rows += [through(award_id=award.pk, initiative_id=i) for i in sorted(wanted_ids)]
            changes = {"Khen thưởng": ["", label], "Quyết định": ["", _decision_text(w.decision_number, w.decision_date)]}
        else:
            changes = {}
            before = (award.decision_number, award.decision_date)
            if before != (w.decision_number, w.decision_date):
                changes["Quyết định"] = [_decision_text(*before), _decision_text(w.decision_number, w.decision_date)]
                award.decision_number, award.decision_date = w.decision_number, w.decision_date
                award.save(update_fields=["decision_number", "decision_date"])
            had = current.get(award.pk, set())
            if had != wanted_ids:
                changes["Sáng kiến đã dùng"] = [f"{len(had)} sáng kiến",
                                                 ", ".join(sorted(i.code for i in w.initiatives)) or "không có"]
                unlink += [(award.pk, i) for i in had - wanted_ids]
                link_rows += [through(award_id=award.pk, initiative_id=i) for i in sorted(wanted_ids - had)]
            if not changes:
                counts["unchanged"] += 1
                continue
            counts["updated"] += 1
            changes = {"Khen thưởng": [label, label], **changes}
        recipient = w.recipient
        events.add(now, actor_id, "award", types[type(recipient)], recipient.pk, str(recipient)[:300], changes, note)
    for aid, iid in unlink:
        through.objects.filter(award_id=aid, initiative_id=iid).delete()
    through.objects.bulk_create(link_rows, batch_size=2000)
    events.insert()
    counts["awards"] = awards
    return counts



def held_message(award_type, year, existing) -> str:
    """"Đã có Giấy khen năm 2025 (thành tích “…”, QĐ 12/QĐ-UBND): …" — what "already awarded" says."""
    what = f"thành tích “{existing.achievement}”, " if existing.achievement else ""
    number = f"QĐ {existing.decision_number}" if existing.decision_number else ""
    inside = (what + number).rstrip(", ")
    return f"Đã có {award_type.name} năm {year}" + (f" ({inside})" if inside else "") + ": mỗi thành tích chỉ khen thưởng một lần"


@transaction.atomic
def award_record(*, acting_user, award_type, year: int, person=None, unit=None, decision_number="", decision_date=None,
                 initiatives=(), occasion=Occasion.YEAR_END, achievement="") -> Award:
    """Record an award given in the past (with its decision), for the history the engine reads. A form given
    ad hoc or for a thematic movement names its achievement; a title is held once a year."""
    subject_unit = person.unit if person else unit
    require(acting_user, subject_unit, Duty.RATE)
    kind = "individual" if person else "household" if unit.kind == "household" else "collective"
    achievement = clean_text(achievement or "").strip()
    w = Wanted(award_type=award_type, year=year, person=person, unit=unit, decision_number=decision_number,
               decision_date=decision_date, initiatives=list(initiatives), occasion=occasion or Occasion.YEAR_END,
               achievement=achievement)
    held = awards_held([w])
    errors = {}
    if kind not in award_type.recipient_kinds:
        errors["award_type"] = (f"{award_type.name} không tặng cho "
                                f"{ {'individual': 'cá nhân', 'household': 'hộ gia đình'}.get(kind, 'tập thể') }.")
    if w.occasion not in Occasion.values:
        errors["occasion"] = "Dịp khen thưởng không hợp lệ."
    elif w.occasion != Occasion.YEAR_END and not achievement:
        errors["achievement"] = "Khen thưởng đột xuất, chuyên đề cần ghi thành tích được khen."
    existing = held.get(w.key)
    if existing:
        errors["year"] = held_message(award_type, year, existing) + "."
    if decision_date and decision_date.year < year:
        errors["decision_date"] = f"Ngày quyết định phải sau năm thành tích {year}."
    conflict = initiative_conflicts([w], held).get(0)
    if conflict:
        errors["initiatives"] = conflict + "."
    if errors:
        raise ValidationError(errors)
    return awards_write([w], held, acting_user=acting_user, source="manual")["awards"][w.key]


@transaction.atomic
def award_delete(*, acting_user, award: Award):
    """Delete an award recorded by mistake (a typing error, not a revocation: that is award_revoke)."""
    award = Award.objects.select_for_update(of=("self",)).select_related("award_type", "person__unit", "unit").get(pk=award.pk)
    require(acting_user, award.person.unit if award.person else award.unit, Duty.RATE)
    if award.revoked_on:
        # Deleting it, then recording it again, would undo the revocation.
        raise ValidationError(f"{describe(award)} đã bị hủy bỏ ngày {award.revoked_on:%d/%m/%Y}: "
                              "bản ghi hủy bỏ được giữ lại, không xóa được.")
    record(actor=acting_user, verb="award_delete", target=award.person or award.unit,
           changes={"Khen thưởng": [f"{award.award_type.name} năm {award.year}", ""]}, note="Xóa bản ghi nhập sai")
    award.delete()


def describe(award) -> str:
    text = f"{award.award_type.name} năm {award.year}"
    if award.decision_number:
        text += f" (QĐ {award.decision_number}" + (f" ngày {award.decision_date:%d/%m/%Y})" if award.decision_date else ")")
    return text


# Revoking an award is a decision of the authority that awarded: decisions/revocation.py (prepared by the
# standing office with what rested on it, issued by the signer: award_revoke).
