"""Every write on an exemplar: one function per step, keyword-only, ``acting_user=`` always, one transaction, the
exemplar row locked, the step checked against ``exemplars.workflow``, an ``Event`` written, notifications sent on
commit.

Commending on the spot opens an ad hoc line through the dossiers' own actions (``dossier_create``, ``lines_add``):
nothing here writes a dossier's tables.
"""

import re
import uuid
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from core import steps
from core.forms import DATE_MIN
from core.images import read_picture
from core.stale import guard
from core.text import clean_text
from org.duties import Duty, has_duty, users_at
from org.models import Person, Unit, UnitKind

from .models import Event, Exemplar, Photo, Status, SubjectKind
from .rules import authority_above, last_day, rule_on
from .workflow import STEPS, StepRefused, check

MAX_PHOTOS = 10  # photos of one exemplar (a page of them, not an album)
YEAR_MIN = 1945

# What a public page must never show about a person (the portal's rule): a phone number, an e-mail address, an
# identity card number (9 or 12 digits), a birth date.
PRIVATE_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "địa chỉ thư điện tử"),
    (re.compile(r"(?<![\d/.-])(?:\+84|0)(?:[ .-]?\d){8,10}(?![\d/])"), "số điện thoại"),
    (re.compile(r"(?<![\d/.-])(?:\d{9}|\d{12})(?![\d/])"), "số chứng minh nhân dân, căn cước"),
    (re.compile(r"\bsinh\s+(?:ngày|năm)\s*\d", re.IGNORECASE), "ngày sinh"),
]

FIELDS = ["year", "month", "subject_kind", "person", "collective", "outsider_name", "outsider_about", "title", "deed_on",
          "place", "story"]


one_step = steps.one_step(StepRefused, "Đề xuất đang được người khác xử lý; hãy thử lại sau giây lát.")


def today():
    return timezone.localdate()


def _lock(exemplar) -> Exemplar:
    return (Exemplar.objects.select_for_update(of=("self",))
            .select_related("unit", "authority", "person", "collective").get(pk=exemplar.pk))


def _event(e, actor, verb, from_status, to_status, reason="", **data):
    return Event.objects.create(exemplar=e, actor=actor if getattr(actor, "pk", None) else None, verb=verb,
                                from_status=from_status or "", to_status=to_status or "", round=e.round, reason=reason,
                                data=data)


def _move(e, actor, verb, to_status, reason="", said=None, **data):
    """``e`` reaches ``to_status`` by step ``verb``: a state the table names for it (exemplars.workflow). The
    timeline says ``said`` (a step's own word for a case of it: "resubmit"), else the verb."""
    step = STEPS[verb]
    if not step.reaches(e.status, to_status):
        raise AssertionError(f"step {verb} may not lead from {e.status} to {to_status}")
    before = e.status
    e.status = to_status
    e.save()
    return _event(e, actor, said or verb, before, to_status, reason, **data)


def _reason(reason):
    text = clean_text(reason or "", multiline=True).strip()
    if not text:
        raise ValidationError({"reason": "Cần ghi lý do trả lại để đơn vị bổ sung."})
    return text


def _url(e, place=""):
    return reverse("exemplars:detail", args=[e.pk]) + place


def _tell(users, title, body, e, place=""):
    from notifications.notify import notify_users

    users, url = list(users), _url(e, place)
    transaction.on_commit(lambda: notify_users(users, title, body, url))


def _unit_people(unit):
    from notifications.notify import unit_users

    return unit_users(unit, (Duty.SUBMIT,)) or users_at(unit, Duty.SUBMIT)


# --- the fields ----------------------------------------------------------------------------------

def _checked(unit: Unit, data: dict, day: date) -> dict:
    """The proposal's fields cleaned and checked against ``unit``; ValidationError naming each field."""
    errors = {}
    out = {name: data.get(name) for name in FIELDS}
    for name in ("outsider_name", "outsider_about", "title", "place"):
        out[name] = clean_text(out[name] or "").strip()
    out["story"] = clean_text(out["story"] or "", multiline=True).strip()
    year, month = out["year"], out["month"]
    if not isinstance(year, int) or not isinstance(month, int) or not 1 <= month <= 12 or year < YEAR_MIN:
        errors["month"] = "Chọn tháng đề xuất."
    elif (year, month) > (day.year, day.month):
        errors["month"] = f"Tháng {month:02d}/{year} chưa đến: chỉ đề xuất cho tháng này hoặc các tháng trước."
    kind = out["subject_kind"]
    if kind not in SubjectKind.values:
        errors["subject_kind"] = "Chọn người, tập thể được nêu gương."
    elif kind == SubjectKind.PERSON:
        person = out["person"]
        if not isinstance(person, Person):
            errors["person"] = "Chọn cán bộ được nêu gương."
        elif not person.unit.path.startswith(unit.path):
            errors["person"] = f"{person.full_name} không thuộc {unit.name}."
        out["collective"], out["outsider_name"], out["outsider_about"] = None, "", ""
    elif kind == SubjectKind.COLLECTIVE:
        collective = out["collective"]
        if not isinstance(collective, Unit):
            errors["collective"] = "Chọn tập thể được nêu gương."
        elif not collective.path.startswith(unit.path):
            errors["collective"] = f"{collective.name} không thuộc {unit.name}."
        out["person"], out["outsider_name"], out["outsider_about"] = None, "", ""
    else:
        if not out["outsider_name"]:
            errors["outsider_name"] = "Cần ghi họ và tên người được nêu gương."
        out["person"] = out["collective"] = None
    if not out["title"]:
        errors["title"] = "Cần ghi điển hình, việc tốt (nêu ngắn gọn việc làm)."
    if not out["place"]:
        errors["place"] = "Cần ghi địa điểm."
    if not out["story"]:
        errors["story"] = "Cần ghi câu chuyện: việc làm, hoàn cảnh, kết quả."
    deed_on = out["deed_on"]
    if not isinstance(deed_on, date):
        errors["deed_on"] = "Cần ghi thời gian (ngày diễn ra việc làm)."
    elif deed_on > day:
        errors["deed_on"] = f"Ngày {deed_on:%d/%m/%Y} chưa đến."
    elif deed_on < DATE_MIN:
        errors["deed_on"] = f"Ngày phải từ {DATE_MIN:%d/%m/%Y}."
    if errors:
        raise ValidationError(errors)
    return out


def _pictures(uploads, have=0):
    """Every upload read as a picture before anything is kept: all or nothing, each refusal naming its file."""
    uploads = [u for u in uploads or [] if u]
    if have + len(uploads) > MAX_PHOTOS:
        raise ValidationError({"photos": f"Mỗi điển hình có tối đa {MAX_PHOTOS} ảnh (đã có {have})."})
    pictures, errors = [], []
    for upload in uploads:
        name = clean_text(getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:150]
        try:
            pictures.append((read_picture(upload), name))
        except ValidationError as e:
            errors += [f"Tệp “{name}”: {m}" if name else m for m in e.messages]
    if errors:
        raise ValidationError({"photos": errors})
    return pictures


def _keep(e, pictures, actor, caption=""):
    start = (e.photos.aggregate(n=Max("position"))["n"] or 0) + 1
    made = []
    for i, (pic, name) in enumerate(pictures):
        stem = uuid.uuid4().hex
        photo = Photo(exemplar=e, caption=clean_text(caption or "").strip()[:200], width=pic.width, height=pic.height,
                      content_type=pic.content_type, size=len(pic.data), sha256=pic.sha256, position=start + i,
                      uploaded_by=actor if getattr(actor, "pk", None) else None)
        photo.image.save(f"{stem}{pic.ext}", ContentFile(pic.data), save=False)
        photo.thumb.save(f"{stem}-nho{pic.ext}", ContentFile(pic.thumb), save=False)
        photo.save()
        made.append(photo)
    return made


def _remove_files(paths):
    from django.core.files.storage import default_storage

    def run():
        for path in paths:
            try:
                default_storage.delete(path)
            except OSError:
                pass
    transaction.on_commit(run)


# --- the unit's steps ----------------------------------------------------------------------------

def units_proposing(user):
    """The units ``user`` proposes for (duty ``submit``), active today, with a level above to send to: not a
    household. The board follows the rulebook's kinds; any of these may propose."""
    from org.duties import duty_q
    from org.selectors import active_q

    return (Unit.objects.filter(duty_q(user, Duty.SUBMIT)).filter(active_q()).exclude(kind=UnitKind.HOUSEHOLD)
            .order_by("depth", "sort_key"))


@one_step
def exemplar_create(*, acting_user, unit: Unit, photos=(), caption: str = "", **fields) -> Exemplar:
    """A unit's proposal for a month, as a draft (sent by ``exemplar_submit``), with its photos."""
    if not has_duty(acting_user, unit, Duty.SUBMIT):
        raise PermissionDenied(f"Bạn không có quyền đề xuất điển hình cho {unit.name}.")
    day = today()
    data = _checked(unit, fields, day)
    authority = authority_above(unit, min(day, last_day(data["year"], data["month"])))
    if authority is None:
        raise ValidationError(f"{unit.name} không có cấp trên có thẩm quyền khen thưởng để gửi đề xuất.")
    pictures = _pictures(photos)
    e = Exemplar.objects.create(unit=unit, authority=authority, created_by=acting_user, **data)
    made = _keep(e, pictures, acting_user, caption)
    _event(e, acting_user, "create", "", Status.DRAFT, month=e.month_label, authority=authority.name,
           photos=len(made))
    return e


def _changed_by(e):
    def who(_labels):
        last = e.events.exclude(verb__in=["photo_add", "photo_remove"]).order_by("-at", "-id").first()
        if last is None:
            return None
        return (last.actor.display_name if last.actor else None), last.at
    return who


def _shown(e, name):
    value = getattr(e, name)
    if name == "subject_kind":
        return SubjectKind(value).label if value else ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if value is None:
        return ""
    return str(getattr(value, "full_name", None) or getattr(value, "name", None) or value)


@one_step
def exemplar_update(*, acting_user, exemplar: Exemplar, expected: dict | None = None, **fields) -> Exemplar:
    """The unit edits its draft, or a returned proposal before sending it back."""
    e = _lock(exemplar)
    check(acting_user, e, "edit")
    data = _checked(e.unit, {**{n: getattr(e, n) for n in FIELDS}, **fields}, today())
    data = guard(e, {n: data[n] for n in FIELDS if n in fields or n in ("person", "collective", "outsider_name",
                                                                         "outsider_about")},
                 expected, what="Đề xuất này", changed_by=_changed_by(e))
    before = {n: _shown(e, n) for n in FIELDS}
    for name, value in data.items():
        setattr(e, name, value)
    e.save()
    labels = {n: str(Exemplar._meta.get_field(n).verbose_name) for n in FIELDS}
    changes = {labels[n][:1].upper() + labels[n][1:]: [before[n], _shown(e, n)] for n in FIELDS if before[n] != _shown(e, n)}
    if changes:
        _event(e, acting_user, "edit", e.status, e.status, changes=changes)
    return e


@one_step
def photos_add(*, acting_user, exemplar: Exemplar, uploads, caption: str = "") -> list[Photo]:
    e = _lock(exemplar)
    check(acting_user, e, "photo_add")
    pictures = _pictures(uploads, have=e.photos.count())
    if not pictures:
        raise ValidationError({"photos": "Chưa chọn ảnh."})
    made = _keep(e, pictures, acting_user, caption)
    _event(e, acting_user, "photo_add", e.status, e.status, count=len(made))
    return made


@one_step
def photo_remove(*, acting_user, photo: Photo) -> None:
    e = _lock(photo.exemplar)
    check(acting_user, e, "photo_remove")
    photo = Photo.objects.select_for_update().get(pk=photo.pk, exemplar=e)
    paths = [photo.image.name, photo.thumb.name]
    photo.delete()
    _remove_files(paths)
    _event(e, acting_user, "photo_remove", e.status, e.status, caption=photo.caption)


@one_step
def exemplar_submit(*, acting_user, exemplar: Exemplar) -> Exemplar:
    """The unit sends its proposal (again, after a return) to the standing office of the level above."""
    e = _lock(exemplar)
    check(acting_user, e, "submit")
    now = timezone.now()
    again = e.status == Status.RETURNED
    e.round += 1
    e.sent_at = now
    e.first_sent_at = e.first_sent_at or now
    e.return_reason = ""
    _move(e, acting_user, "submit", Status.SUBMITTED, said="resubmit" if again else None)
    rule = rule_on(e.year, e.month)
    late = ""
    if rule is not None and now.astimezone(timezone.get_current_timezone()).date() > rule.deadline(e.year, e.month):
        late = f" (gửi sau hạn của tháng: hết ngày {rule.deadline(e.year, e.month):%d/%m/%Y})"
    _tell(users_at(e.authority, Duty.STANDING_OFFICE), f"Đề xuất điển hình tháng {e.month_label}: {e.unit.name}",
          f"{e.title}{late}", e)
    return e


# --- the standing office's steps -----------------------------------------------------------------

@one_step
def exemplar_accept(*, acting_user, exemplar: Exemplar) -> Exemplar:
    e = _lock(exemplar)
    check(acting_user, e, "accept")
    e.decided_at, e.decided_by = timezone.now(), acting_user
    _move(e, acting_user, "accept", Status.ACCEPTED)
    _tell(_unit_people(e.unit), f"Điển hình tháng {e.month_label} được công nhận", e.title, e)
    return e


@one_step
def exemplar_return(*, acting_user, exemplar: Exemplar, reason: str) -> Exemplar:
    """Back to the unit with a reason: a waiting proposal, or an accepted one not yet published (a story to mend
    before it goes public; a commendation already opened stays). The month counts again once it is sent back."""
    e = _lock(exemplar)
    check(acting_user, e, "return")
    if e.published_at is not None:
        raise StepRefused("Câu chuyện đã công bố: thôi công bố trước khi trả lại để bổ sung.")
    text = _reason(reason)
    e.decided_at, e.decided_by, e.return_reason = timezone.now(), acting_user, text
    _move(e, acting_user, "return", Status.RETURNED, text)
    _tell(_unit_people(e.unit), f"Đề xuất điển hình tháng {e.month_label} bị trả lại", text, e, "#return-reason")
    return e


def _commend_dossier(acting_user, e):
    """The ad hoc dossier of the level's commendations from exemplars this year that is still being drafted, or a
    new one (dossiers.actions.dossier_create): one dossier gathers a month's or a year's commendations."""
    from dossiers import actions as dossier_actions
    from dossiers.models import Kind, Status as DossierStatus

    earlier = (Exemplar.objects.filter(authority=e.authority, year=e.year, commended_line__isnull=False,
                                       commended_line__dossier__status=DossierStatus.DRAFT,
                                       commended_line__dossier__kind=Kind.AD_HOC,
                                       commended_line__dossier__unit=e.authority)
               .select_related("commended_line__dossier").order_by("-id").first())
    if earlier is not None:
        return earlier.commended_line.dossier
    return dossier_actions.dossier_create(
        acting_user=acting_user, unit=e.authority, authority=e.authority, year=e.year, kind=Kind.AD_HOC,
        title=f"Khen thưởng đột xuất điển hình tiên tiến, người tốt việc tốt năm {e.year}")


@one_step
def exemplar_commend(*, acting_user, exemplar: Exemplar):
    """The office commends on the spot: an ad hoc line (Giấy khen at a ward or district, as the rulebook's
    ``exemplar_monthly.commend_award`` says for the level) for the person or collective, its achievement the
    exemplar's deed and its summary the story, in the level's ad hoc dossier; a waiting proposal is accepted with
    it. Returns the line."""
    from dossiers import actions as dossier_actions
    from dossiers.workflow import StepRefused as DossierRefused
    from rulebook.authorities import authority_level
    from rulebook.models import AwardType

    e = _lock(exemplar)
    check(acting_user, e, "commend")
    if e.commended_line_id is not None:
        raise StepRefused("Điển hình này đã được đề nghị khen thưởng đột xuất (có thể người khác vừa làm; hãy tải lại trang).")
    if e.subject_kind == SubjectKind.OUTSIDER:
        raise ValidationError(f"{e.outsider_name} không có trong danh sách cán bộ: khen thưởng đột xuất từ đây chỉ cho cán "
                              "bộ hoặc tập thể có trong danh sách. Hãy thêm người này vào danh sách cán bộ rồi lập hồ sơ "
                              "khen thưởng đột xuất.")
    day = today()
    rule = rule_on(day.year, day.month) or rule_on(e.year, e.month)
    level = authority_level(e.authority, day)
    code = (rule.commend_award if rule else {}).get(level or "")
    award_type = AwardType.objects.filter(code=code).first() if code else None
    if award_type is None:
        raise ValidationError(f"Quy định chưa nêu hình thức khen thưởng đột xuất của {e.authority.name} "
                              "(tham số exemplar_monthly, commend_award).")
    try:
        dossier = _commend_dossier(acting_user, e)
        [line] = dossier_actions.lines_add(acting_user=acting_user, dossier=dossier, items=[{
            "person": e.person if e.subject_kind == SubjectKind.PERSON else None,
            "unit": e.collective if e.subject_kind == SubjectKind.COLLECTIVE else None,
            "award_type": award_type, "summary": e.story, "achievement": e.title}])
    except DossierRefused as refusal:
        raise StepRefused(str(refusal)) from refusal
    if e.status == Status.SUBMITTED:
        e.decided_at, e.decided_by = timezone.now(), acting_user
    e.commended_line = line
    before = e.status
    e.status = Status.ACCEPTED
    e.save()
    _event(e, acting_user, "commend", before, e.status, dossier={"id": dossier.pk, "code": dossier.code,
                                                                  "label": dossier.title},
           line={"id": line.pk, "award": award_type.code, "label": f"{award_type.name} — {line.recipient_name}"})
    _tell(_unit_people(e.unit), f"Điển hình tháng {e.month_label} được đề nghị {award_type.name} đột xuất",
          f"{e.subject_name}: {e.title}", e)
    return line


def private_details(e) -> list[str]:
    """What the public fields of ``e`` hold that a public page must not show ("số điện thoại trong Câu chuyện")."""
    texts = {"Điển hình, việc tốt": e.title, "Địa điểm": e.place, "Câu chuyện": e.story,
             "Giới thiệu ngắn": e.outsider_about, "Họ và tên": e.outsider_name}
    texts.update({f"Chú thích ảnh {i}": p.caption for i, p in enumerate(e.photos.all(), 1)})
    found = []
    for where, text in texts.items():
        for pattern, what in PRIVATE_PATTERNS:
            if text and pattern.search(text):
                found.append(f"{what} trong “{where}”")
    return found


@one_step
def exemplar_publish(*, acting_user, exemplar: Exemplar) -> Exemplar:
    """The office marks an accepted story "published": the portal shows its public fields and photos. A story
    that holds a phone number, an e-mail address, an identity number or a birth date is refused, naming where."""
    e = _lock(exemplar)
    check(acting_user, e, "publish")
    if e.published_at is not None:
        raise StepRefused("Câu chuyện đã được công bố (có thể người khác vừa làm; hãy tải lại trang).")
    found = private_details(e)
    if found:
        raise ValidationError("Chưa công bố được: có " + "; ".join(found) + ". Thông tin riêng của một người không "
                              "được đưa lên cổng thông tin: hãy trả lại để đơn vị bỏ phần đó rồi gửi lại.")
    e.published_at = timezone.now()
    e.save(update_fields=["published_at", "updated_at"])
    _event(e, acting_user, "publish", e.status, e.status)
    return e


@one_step
def exemplar_unpublish(*, acting_user, exemplar: Exemplar, reason: str = "") -> Exemplar:
    e = _lock(exemplar)
    check(acting_user, e, "unpublish")
    if e.published_at is None:
        raise StepRefused("Câu chuyện chưa được công bố (có thể người khác vừa thôi công bố; hãy tải lại trang).")
    e.published_at = None
    e.save(update_fields=["published_at", "updated_at"])
    _event(e, acting_user, "unpublish", e.status, e.status, clean_text(reason or "", multiline=True).strip())
    return e
