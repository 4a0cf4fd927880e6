"""Text cleaning at the model level: the backstop under forms and imports.

``clean_instance_text`` runs before every save of a model of the project's own
apps: each editable CharField and TextField is passed through
``core.text.clean_text`` (single-line for CharField, multi-line for TextField)
and a CharField longer than its max_length is refused with a ValidationError
naming the field in Vietnamese (SQLite would store it whole; PostgreSQL would
answer with an English DataError and a 500). ``QuerySet.update`` and
``bulk_create`` send no signal: a bulk path calls ``clean_model_text`` on each
object itself.
"""

from django.core.exceptions import ValidationError
from django.db import models

from .text import clean_text, length_message

# Apps whose models are not ours to change (sessions, permissions, login attempts, the queue).
THIRD_PARTY = {"django", "treebeard", "axes", "huey", "django_htmx"}


def is_project_model(model) -> bool:
    app_config = model._meta.app_config  # None for Django's own MigrationRecorder model
    return app_config is not None and app_config.name.split(".")[0] not in THIRD_PARTY


def text_fields(model):
    """Every text column, derived ones included (a search column computed from a
    name before this step ran must lose the same characters as the name)."""
    return [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]


def clean_model_text(instance, *, update_fields=None):
    """Clean ``instance``'s text fields in place; ValidationError if one a person
    typed (editable, without choices) is too long."""
    errors = {}
    for f in text_fields(type(instance)):
        if update_fields is not None and f.name not in update_fields:
            continue
        value = getattr(instance, f.attname)
        if not isinstance(value, str):
            continue
        cleaned = clean_text(value, multiline=isinstance(f, models.TextField))
        if cleaned != value:
            setattr(instance, f.attname, cleaned)
        if (isinstance(f, models.CharField) and f.max_length and f.editable and not f.choices
                and len(cleaned) > f.max_length):
            errors[f.name] = length_message(str(f.verbose_name).capitalize(), f.max_length, len(cleaned))
    if errors:
        raise ValidationError(errors)


def clean_instance_text(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not is_project_model(sender):
        return
    clean_model_text(instance, update_fields=update_fields)
