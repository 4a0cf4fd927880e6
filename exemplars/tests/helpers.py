"""What the exemplar tests share: a proposal's fields and a proposal sent on a given day."""

from datetime import date, datetime

from django.utils import timezone

from exemplars import actions


def fields(year, month, **kw):
    out = {"year": year, "month": month, "subject_kind": "outsider", "outsider_name": "Bà Nguyễn Thị Hoa",
           "outsider_about": "Tổ dân phố số 3", "title": "Nhặt được ví trả lại người đánh rơi",
           "deed_on": date(year, month, 1), "place": "Chợ Phú Lương", "story": "Bà nhặt được ví, trả lại người đánh rơi."}
    out.update(kw)
    return out


def at(day: date, hour=9):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def sent(time_machine, user, unit, year, month, on: date, **kw):
    """A proposal of ``unit`` for ``month``/``year`` created and first sent on ``on``."""
    time_machine.move_to(at(on), tick=False)
    e = actions.exemplar_create(acting_user=user, unit=unit, **fields(year, month, **kw))
    return actions.exemplar_submit(acting_user=user, exemplar=e)
