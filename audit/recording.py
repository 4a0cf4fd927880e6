"""Writing events. Called by actions inside their transaction."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.text import clean_text

from .models import Event


def _cleaned(value):
    """Every text inside an event's changes as it would be stored (JSON columns get no model-level cleaning;
    PostgreSQL refuses a NUL inside JSON)."""
    if isinstance(value, str):
        return clean_text(value, multiline=True)
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_cleaned(v) for v in value]
    return value


def display_value(value):
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def snapshot(instance, fields):
    """Displayed values of ``fields`` ({label: text}), for a before/after diff."""
    out = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.choices:
            value = getattr(instance, f"get_{name}_display")()
        elif isinstance(field, models.ForeignKey):
            value = getattr(instance, name)
        else:
            value = getattr(instance, name)
        label = str(field.verbose_name)
        out[label[:1].upper() + label[1:]] = display_value(value)
    return out


def changes_between(before: dict, after: dict) -> dict:
    return {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}


def record(*, actor, verb, target, changes=None, note=""):
    return Event.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target._meta.model),
        target_id=target.pk,
        target_label=str(target)[:300],
        changes=_cleaned(changes or {}),
        note=note,
    )


def events_for(target):
    return (
        Event.objects.filter(
            target_type=ContentType.objects.get_for_model(target._meta.model), target_id=target.pk
        )
        .select_related("actor")
    )



def last_change(target, labels=(), verbs=None):
    """(who, when) of the last event on ``target`` that changed one of ``labels`` (the history's field
    labels), else of its last event (of one of ``verbs``), or None: what a refused stale edit names
    (core.stale)."""
    events = events_for(target)
    if verbs:
        events = events.filter(verb__in=verbs)
    recent = list(events[:50])
    wanted = set(labels)
    last = next((e for e in recent if wanted & set(e.changes or {})), recent[0] if recent else None)
    if last is None:
        return None
    return (last.actor.display_name if last.actor else None), last.at
