"""The reasons for reopening a registration were kept in the audit log only (verb
"reopen", the reason as its note): copied into the typed timeline, so a database of
before keeps them on its screens."""

import re
from datetime import date

from django.db import migrations

_STATUS_BY_LABEL = {
    "Đang soạn": "draft",
    "Chưa đăng ký": "draft",
    "Đã gửi đăng ký": "submitted",
    "Không có nhu cầu thi đua, khen thưởng": "no_need",
    "Được mở lại": "reopened",
}
_UNTIL = re.compile(r"(\d{2})/(\d{2})/(\d{4})\s*$")


def _from_status(label):
    label = (label or "").strip()
    if label in _STATUS_BY_LABEL:
        return _STATUS_BY_LABEL[label]
    if label.startswith("Không có nhu cầu"):
        return "no_need"
    if label.startswith("Mở lại") or label.startswith("Được mở lại"):
        return "reopened"
    return ""


def copy_reopen_events(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Event = apps.get_model("audit", "Event")
    Registration = apps.get_model("registration", "Registration")
    RegistrationEvent = apps.get_model("registration", "RegistrationEvent")
    types = list(ContentType.objects.filter(app_label__in=["registration", "movements"], model="registration"))
    if not types:
        return
    existing = set(RegistrationEvent.objects.filter(verb="reopen").values_list("registration_id", "at"))
    known = set(Registration.objects.values_list("pk", flat=True))
    new = []
    for e in Event.objects.filter(target_type__in=types, verb="reopen").order_by("at", "id").iterator():
        if e.target_id not in known or (e.target_id, e.at) in existing:
            continue
        old, new_text = (list(e.changes.get("Trạng thái") or []) + ["", ""])[:2]
        data = {}
        m = _UNTIL.search(new_text or "")
        if m:
            day, month, year = (int(x) for x in m.groups())
            try:
                until = date(year, month, day)
            except ValueError:
                until = None
            if until is not None:
                data["until"] = {"code": until.isoformat(), "label": f"{until:%d/%m/%Y}"}
        new.append(RegistrationEvent(registration_id=e.target_id, at=e.at, actor_id=e.actor_id, verb="reopen",
                                     from_status=_from_status(old), to_status="reopened", reason=e.note, data=data))
    RegistrationEvent.objects.bulk_create(new, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("registration", "0002_registration_event"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("movements", "0003_plans_registration_notifications_apart"),
    ]

    operations = [migrations.RunPython(copy_reopen_events, migrations.RunPython.noop)]
