"""Duties: what a user may do, and where.

A role held in a unit grants a set of duties (``ROLE_DUTIES``, the one table
of grants); a duty applies to that unit and everything under it (a ``path``
prefix in the unit tree). Code asks for a duty by name —
``has_duty(user, unit, Duty.RATE)``, ``units_where(user, Duty.REGISTER)``,
``duty_q(user, Duty.VIEW, prefix="unit__")`` — never for a role.
"""

from enum import StrEnum

from django.db.models import Q

from .models import Membership, Role, Unit


class Duty(StrEnum):
    VIEW = "view"                        # see the units, people and records
    REGISTER = "register"                # a unit's part in a plan: register its titles, mark its milestones done (đăng ký thi đua)
    RATE = "rate"                        # record ratings, awards, discipline, initiatives (xếp loại)
    EDIT_PEOPLE = "edit_people"          # add, edit and move people and their work history
    SUBMIT = "submit"                    # propose awards: a unit's dossiers to the level above (trình khen thưởng)
    STANDING_OFFICE = "standing_office"  # plans, movements, unit edits, reopening registration (cơ quan thường trực)
    RECEIVE = "receive"                  # receive the dossiers sent to the level, assign them, return them (tiếp nhận hồ sơ)
    APPRAISE = "appraise"                # appraise dossiers (thẩm định)
    VOTE = "vote"                        # vote in the council (biểu quyết)
    SIGN = "sign"                        # sign decisions (ký quyết định)
    EDIT_RULEBOOK = "edit_rulebook"      # change the rules (sửa quy định)
    MANAGE_ACCOUNTS = "manage_accounts"  # create accounts and grant roles (quản lý tài khoản)


_OFFICER = frozenset({Duty.VIEW, Duty.REGISTER, Duty.RATE, Duty.EDIT_PEOPLE, Duty.SUBMIT})
_OFFICE = frozenset({Duty.STANDING_OFFICE, Duty.RECEIVE, Duty.APPRAISE})

ROLE_DUTIES: dict[str, frozenset[Duty]] = {
    Role.UNIT_OFFICER: _OFFICER,
    Role.SPECIALIST: _OFFICER | _OFFICE,
    Role.COUNCIL_MEMBER: frozenset({Duty.VIEW, Duty.VOTE}),
    Role.CHAIRMAN: frozenset({Duty.VIEW, Duty.SIGN}),
    # The administrator keeps the office's duties and runs the rulebook and the
    # accounts; voting and signing stay with the council and the chairman.
    Role.ADMIN: _OFFICER | _OFFICE | {Duty.EDIT_RULEBOOK, Duty.MANAGE_ACCOUNTS},
}

NOTHING = Q(pk__in=[])
# "Everywhere" as a filter that stays true when combined: Q() would vanish when OR-ed with another filter
# (Q(x) | Q() is Q(x)), and an administrator OR-ed with "the meetings I sit on" saw only those.
EVERYWHERE = ~NOTHING


def _memberships(user):
    # Cached on the user object: one query per request however many checks run.
    cached = getattr(user, "_tdkt_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).values_list("role", "unit__path"))
        user._tdkt_memberships = cached
    return cached


def forget(user):
    """Drop the cached memberships (after a role is granted or taken away)."""
    user.__dict__.pop("_tdkt_memberships", None)


def roles_held(user) -> set[str]:
    """The roles the user holds somewhere: who they are (the home page shows their desk), not what they may do."""
    return {role for role, _ in _memberships(user)}


def duties_held(user) -> set[Duty]:
    """The duties the user's roles grant somewhere (a superuser: the administrator's), for choosing
    what their home page shows. Not for authorisation: ``has_duty`` answers that (a superuser may do anything)."""
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    held = set(ROLE_DUTIES[Role.ADMIN]) if user.is_superuser else set()
    for role, _path in _memberships(user):
        held |= ROLE_DUTIES.get(role, frozenset())
    return held


def paths_where(user, duty: Duty) -> list[str]:
    """The minimal set of tree paths under which ``user`` has ``duty`` ("" = everywhere)."""
    if not user or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [""]
    duty = Duty(duty)
    paths = sorted({path for role, path in _memberships(user) if duty in ROLE_DUTIES.get(role, ())})
    minimal = []
    for path in paths:
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def units_where(user, duty: Duty):
    """The top units where ``user`` has ``duty`` (the duty covers them and everything under them)."""
    paths = paths_where(user, duty)
    if paths == [""]:
        return Unit.objects.get_root_nodes()
    return Unit.objects.filter(path__in=paths)


def duty_q(user, duty: Duty, prefix="") -> Q:
    """A filter for the objects whose unit (reached through ``prefix``) is where ``user`` has ``duty``."""
    paths = paths_where(user, duty)
    if not paths:
        return NOTHING
    if paths == [""]:
        return EVERYWHERE
    q = Q()
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def has_duty(user, unit: Unit | None, duty: Duty) -> bool:
    """Has ``user`` the duty over ``unit`` (or anywhere, when ``unit`` is None)?"""
    paths = paths_where(user, duty)
    if unit is None:
        return bool(paths)
    return any(unit.path.startswith(p) for p in paths)


# What a refusal says when the caller says nothing more precise.
REFUSED = {
    Duty.STANDING_OFFICE: "Chỉ cơ quan thường trực của cấp này được thực hiện thao tác này.",
    Duty.RATE: "Bạn không có quyền ghi nhận cho đơn vị này.",
    Duty.EDIT_RULEBOOK: "Chỉ quản trị hệ thống được sửa quy định.",
    Duty.MANAGE_ACCOUNTS: "Chỉ quản trị hệ thống được quản lý tài khoản.",
}


def require(user, unit: Unit | None, duty: Duty, message: str | None = None):
    """PermissionDenied (``message``, or the duty's own words) unless ``user`` holds ``duty`` over ``unit``
    (anywhere, when ``unit`` is None): the one check every action makes before it writes."""
    if not has_duty(user, unit, duty):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(message or REFUSED.get(Duty(duty), "Bạn không có quyền thực hiện thao tác này tại đơn vị này."))


def roles_granting(duty: Duty) -> list[str]:
    return [role for role, duties in ROLE_DUTIES.items() if Duty(duty) in duties]


def users_at(unit: Unit, duty: Duty):
    """The active users who hold ``duty`` by a role given at ``unit`` itself (its own office, council, chairman),
    or, where nobody there does, at the nearest unit above that has someone: who is told about the unit's work."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    roles = roles_granting(duty)
    for node in [unit, *reversed(list(Unit.objects.get_ancestors(unit)))]:
        found = list(users.filter(memberships__unit=node, memberships__role__in=roles).distinct())
        if found:
            return found
    return []
