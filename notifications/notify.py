"""In-app notifications and e-mail to the people of a unit."""

import logging

from django.conf import settings
from django.core.mail import send_mail

from org.models import Membership, Role, Unit

from .models import Notification

logger = logging.getLogger(__name__)

# Who hears about a unit's deadlines: its officers and its standing office.
RECIPIENT_ROLES = (Role.UNIT_OFFICER, Role.SPECIALIST)


def unit_users(unit: Unit, roles=RECIPIENT_ROLES):
    """Users holding one of ``roles`` exactly at ``unit`` (not above it)."""
    return [m.user for m in Membership.objects.filter(unit=unit, role__in=roles, user__is_active=True).select_related("user")]


def notify_users(users, title, body="", url="", email=True):
    users = {u.pk: u for u in users}.values()
    Notification.objects.bulk_create([Notification(user=u, title=title[:300], body=body, url=url) for u in users])
    if email:
        addresses = [u.email for u in users if u.email]
        if addresses:
            try:
                send_mail(title, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, addresses)
            except OSError:
                # The in-app notification is written; a mail server that is down must not undo it.
                logger.warning("could not send reminder e-mail to %s", addresses, exc_info=True)
    return len(users)


def notify_unit(unit, title, body="", url="", email=True):
    return notify_users(unit_users(unit), title, body, url, email)


def notify_units_below(unit, title, body="", url="", include_self=False):
    """Everyone responsible in the units directly under ``unit`` (and in ``unit`` if asked)."""
    units = list(Unit.objects.filter(path__startswith=unit.path, depth__in=[unit.depth + 1] + ([unit.depth] if include_self else [])))
    users = [u for unit_ in units for u in unit_users(unit_, (Role.UNIT_OFFICER,))]
    return notify_users(users, title, body, url)
