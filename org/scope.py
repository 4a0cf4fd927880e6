"""Who may do what, where.

A role held in a unit applies to that unit and everything under it (a
``path`` prefix in the unit tree). This module is the one place that turns a
user's memberships into filters; selectors and actions call it.
"""

from django.db.models import Q

from .models import Membership, Role, Unit

ALL_ROLES = frozenset(Role.values)

# capability → roles that carry it
CAPABILITIES = {
    "view": ALL_ROLES,
    "edit_people": frozenset({Role.UNIT_OFFICER, Role.SPECIALIST, Role.ADMIN}),
    "edit_units": frozenset({Role.SPECIALIST, Role.ADMIN}),
    "manage_users": frozenset({Role.ADMIN}),
}

NOTHING = Q(pk__in=[])


def _memberships(user):
    # Cached on the user object: one query per request however many checks run.
    cached = getattr(user, "_tdkt_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit").values_list("role", "unit__path"))
        user._tdkt_memberships = cached
    return cached


def forget(user):
    user.__dict__.pop("_tdkt_memberships", None)


def scope_paths(user, capability="view") -> list[str]:
    """The minimal set of tree paths under which ``user`` has ``capability``."""
    if not user or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [""]
    roles = CAPABILITIES[capability]
    paths = sorted({path for role, path in _memberships(user) if role in roles})
    minimal = []
    for path in paths:
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def scope_q(user, capability="view", prefix="") -> Q:
    """A filter for the objects whose unit (reached through ``prefix``) is in scope."""
    paths = scope_paths(user, capability)
    if not paths:
        return NOTHING
    if paths == [""]:
        return Q()
    q = Q()
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def can(user, capability, unit: Unit | None = None) -> bool:
    """Has ``user`` the capability somewhere (unit None) or over ``unit``?"""
    paths = scope_paths(user, capability)
    if unit is None:
        return bool(paths)
    return any(unit.path.startswith(p) for p in paths)


def roles_of(user) -> set[str]:
    if user.is_superuser:
        return set(ALL_ROLES)
    return {role for role, _ in _memberships(user)}


def scope_roots(user):
    """The top units a user sees: where the unit tree starts for them."""
    paths = scope_paths(user, "view")
    if paths == [""]:
        return Unit.objects.get_root_nodes()
    return Unit.objects.filter(path__in=paths)
