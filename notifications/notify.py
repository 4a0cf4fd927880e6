"""In-app notifications and e-mail to the people of a unit."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from org.duties import Duty, roles_granting
from org.models import Membership, Unit

from .models import Notification

logger = logging.getLogger(__name__)

# Who hears about a unit's deadlines: whoever registers its titles and its standing office.
RECIPIENT_DUTIES = (Duty.REGISTER, Duty.STANDING_OFFICE)


def unit_users(unit: Unit, duties=RECIPIENT_DUTIES):
    """Users holding, by a role given exactly at ``unit`` (not above it), one of ``duties`` (org.duties: who is told
    is chosen by what they do, never by a role's name)."""
    roles = {role for duty in duties for role in roles_granting(duty)}
    return list({m.user_id: m.user for m in Membership.objects.filter(unit=unit, role__in=roles, user__is_active=True)
                 .select_related("user")}.values())


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


def notify_digest(users, key, title, body="", url="", email=True):
    """One unread notification per user and ``key`` that gathers what keeps coming (the comments on one
    public list): ``title`` holds "{n}", the count so far ("12 ý kiến mới về …"). While the user has not
    read it, it is updated in place — count, title, latest ``body`` — and moves to the top of the list;
    once read, the next one starts again at 1. E-mail goes only with a new digest, not with every update."""
    users = {u.pk: u for u in users}.values()
    started = [u for u in users if _digest_one(u, key, title, body, url)]
    if email:
        _mail(started, title.replace("{n}", "1"), body, url)
    return len(users)


def _digest_one(user, key, title, body, url) -> bool:
    """Add one to the user's unread digest ``key``; True when it had to be started."""
    def titled(n):
        return title.replace("{n}", f"{n:,}".replace(",", "."))[:300]

    for _ in range(3):
        with transaction.atomic():
            open_ = Notification.objects.select_for_update().filter(user=user, digest_key=key, read_at__isnull=True).first()
            if open_ is not None:
                open_.count += 1
                open_.title, open_.body, open_.url, open_.created_at = titled(open_.count), body, url, timezone.now()
                open_.save(update_fields=["count", "title", "body", "url", "created_at"])
                return False
            try:
                with transaction.atomic():
                    Notification.objects.create(user=user, digest_key=key, count=1, title=titled(1), body=body, url=url)
                return True
            except IntegrityError:
                continue  # another process started it meanwhile: add to theirs
    return False


def _mail(users, title, body, url):
    addresses = [u.email for u in users if u.email]
    if addresses:
        try:
            send_mail(title, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, addresses)
        except OSError:
            # The in-app notification is written; a mail server that is down must not undo it.
            logger.warning("could not send reminder e-mail to %s", addresses, exc_info=True)


def notify_unit(unit, title, body="", url="", email=True):
    return notify_users(unit_users(unit), title, body, url, email)


def notify_units_below(unit, title, body="", url="", include_self=False):
    """Everyone responsible in the units directly under ``unit`` (and in ``unit`` if asked)."""
    units = list(Unit.objects.filter(path__startswith=unit.path, depth__in=[unit.depth + 1] + ([unit.depth] if include_self else [])))
    users = [u for unit_ in units for u in unit_users(unit_, (Duty.SUBMIT,))]
    return notify_users(users, title, body, url)
