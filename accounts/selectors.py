"""Reads of accounts, limited to what the user manages (duty ``manage_accounts``)."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.http import Http404

from core.text import search_terms
from org import duties
from org.duties import Duty
from org.models import Membership

User = get_user_model()


def users_for(user):
    """The accounts ``user`` manages: every account for a superuser, else those holding a role in a unit they manage."""
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(duties.duty_q(user, Duty.MANAGE_ACCOUNTS, prefix="memberships__unit__")).distinct()


def users_search(user, query=""):
    """The accounts ``user`` manages matching ``query``, with their roles, by user name."""
    qs = users_for(user).prefetch_related("memberships__unit").order_by("username")
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs


def user_get_for_user(user, pk):
    """The account, or 404 when the user does not manage it."""
    if not duties.has_duty(user, None, Duty.MANAGE_ACCOUNTS):
        raise Http404("Không tìm thấy tài khoản")
    try:
        return users_for(user).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tài khoản") from None


def user_memberships(target):
    """An account's roles with their units (the account as got through ``user_get_for_user``)."""
    return target.memberships.select_related("unit").order_by("unit__path")


def membership_get_for_user(user, target, pk):
    """One of ``target``'s roles, or 404 when it does not exist or lies in a unit ``user`` does not manage."""
    try:
        membership = target.memberships.select_related("unit").get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy vai trò") from None
    if not duties.has_duty(user, membership.unit, Duty.MANAGE_ACCOUNTS):
        raise Http404("Không tìm thấy vai trò")
    return membership


def user_events(target):
    """An account's history (the account as got through ``user_get_for_user``)."""
    from audit.recording import events_for

    return events_for(target)


def own_events(user, n=5):
    """What the user did last."""
    from audit.models import Event

    return Event.objects.filter(actor=user).select_related("actor")[:n]


def account_counts(user) -> dict:
    """Accounts in use, locked, and without a role, for an administrator's desk (empty for anyone else)."""
    if not duties.has_duty(user, None, Duty.MANAGE_ACCOUNTS):
        return {}
    return {
        "active": User.objects.filter(is_active=True).count(),
        "inactive": User.objects.filter(is_active=False).count(),
        "without_role": User.objects.filter(is_active=True, is_superuser=False)
        .exclude(Exists(Membership.objects.filter(user=OuterRef("pk")))).count(),
    }
