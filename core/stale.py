"""No lost updates: two people editing the same row do not silently overwrite each other.

The one mechanism, used by every form that edits an existing row (optimistic locking by values,
not by a version column, so no model needs a migration for it):

1. The form carries, beside each editable field, the value the editor saw when the page was
   loaded (``core.forms.carry_seen``: Django's hidden initial inputs, ``initial-<field>``), and
   the view reads them back (``core.forms.seen_values``) into ``expected={field: seen value}``.
2. The action locks the row, then calls ``guard``: per field,
   - the editor left it as they saw it → the row keeps what it holds now (a change someone else
     made meanwhile is kept: the two edits merge);
   - the editor changed it, and someone else changed it meanwhile to something else → ``StaleEdit``,
     nothing is written, and the message says who changed the row and when, and asks to reload;
   - otherwise the editor's value is written.
   Without ``expected`` (an import, the API, a test calling the action) every field given is written.

The seen values are not signed. They are not a permission: they only say what the editor's page
showed, and forging them can at worst write the editor's own values over someone else's — which
the editor, who may edit the row, can do anyway by reloading the page and saving. Signing would add
a key-rotation failure mode and nothing else.

core imports no app: who changed the row and when (the audit trail, a dossier's timeline) comes
from the caller as ``changed_by``, called only when an edit is refused.
"""

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone


class StaleEdit(ValidationError):
    """The row changed since the form was loaded, in a field this edit also changes."""


def _shown(value):
    if value == "":
        return None
    if isinstance(value, str):
        return value.replace("\r\n", "\n")  # a browser posts every line break of a form as CR LF
    return value


def same(a, b) -> bool:
    """Equal as a form shows them: an empty text and no value are the same (0 and no value are not),
    and so are line breaks written CR LF and LF."""
    return _shown(a) == _shown(b)


def stale_message(what: str, who: str | None, at: datetime | None, fields=()) -> str:
    """“Đơn vị này vừa được Nguyễn Văn A sửa lúc 09:15 ngày 12/03/2026 (ô “Điện thoại”); …”."""
    where = ""
    if fields:
        quoted = ", ".join(f"“{f}”" for f in fields)
        where = f" (ô {quoted})" if len(fields) == 1 else f" (các ô {quoted})"
    when = ""
    if at is not None:
        at = timezone.localtime(at)
        when = f" lúc {at:%H:%M} ngày {at:%d/%m/%Y}"
    return (f"{what} vừa được {who or 'người khác'} sửa{when}{where}; thay đổi của bạn chưa được lưu, "
            "hãy tải lại trang để xem thông tin mới rồi sửa lại.")


def _label(row, name, labels):
    if labels and name in labels:
        return str(labels[name])
    try:
        label = str(row._meta.get_field(name).verbose_name)
    except Exception:  # not a model field (a form's own field): its name
        return str(name)
    return label[:1].upper() + label[1:]


def _stored(row, name, shown):
    """What the row holds in ``name``: its model field's value, else (not a column) the value as shown."""
    meta = getattr(row, "_meta", None)
    if meta is None:
        return getattr(row, name, shown) if isinstance(name, str) else shown
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist:
        return shown
    return shown if field.many_to_many or field.one_to_many else getattr(row, name)


def guard(row, fields: dict, expected: dict | None, *, what: str,
          changed_by: Callable[[list[str]], tuple[str | None, datetime | None] | None],
          current: dict | None = None, labels: dict | None = None) -> dict:
    """The values this edit writes, ``fields`` merged with what the (locked) ``row`` holds now.

    ``row``: the locked row (None for a set of rows, given by ``current`` and ``labels``);
    ``fields``: {field: the editor's value}; ``expected``: {field: the value the editor saw};
    ``current``: {field: the row's value as the form shows it}, where that is not ``getattr(row, field)``
    (compared with the seen value; a field kept keeps the row's own value);
    ``what``: the row as the message names it ("Đơn vị này"); ``labels``: field names as the
    message names them (default: the model field's verbose name); ``changed_by(labels)``: (who, when)
    of the last change of the row (of these fields, where the history can tell), for the message. Raises StaleEdit when a field this edit changes was
    changed by someone else since the editor's page was loaded.
    """
    if not expected:
        return dict(fields)
    now = {name: (current[name] if current and name in current else getattr(row, name)) for name in fields}
    merged, clashes = {}, []
    for name, value in fields.items():
        if name not in expected:
            merged[name] = value
        elif same(value, expected[name]):
            merged[name] = _stored(row, name, now[name])  # not this editor's change: keep what the row holds
        elif not same(now[name], expected[name]) and not same(now[name], value):
            clashes.append(name)
        else:
            merged[name] = value
    if clashes:
        named = [_label(row, n, labels) for n in clashes]
        raise StaleEdit(stale_message(what, *(changed_by(named) or (None, None)), fields=named), code="stale")
    return merged
