"""Councils for tests: the establishing decision a meeting calls its members from (council.Establishment)."""

from datetime import date

from council.models import CouncilRole, Establishment, EstablishmentKind, Seat
from org.models import Membership, Role


def establish(authority, members=None, *, without_account=(), number="12/QĐ-UBND", signed_on=date(2025, 7, 1),
              valid_from=date(2025, 7, 1), valid_to=None, roles=None) -> Establishment:
    """``authority``'s council by a decision in force from ``valid_from``: ``members`` (accounts, in order; by default
    every account holding the council member role at ``authority``) then the names in ``without_account`` (members
    with no account: they vote on paper). The first is the chair, the second the standing vice-chair, the others
    members, unless ``roles`` (one CouncilRole per seat) says otherwise."""
    if members is None:
        members = [m.user for m in Membership.objects.filter(unit=authority, role=Role.COUNCIL_MEMBER)
                   .select_related("user").order_by("user_id")]
    est = Establishment.objects.create(authority=authority, kind=EstablishmentKind.ESTABLISH, number=number,
                                       signed_on=signed_on, issuer=f"Chủ tịch UBND {authority.name}",
                                       valid_from=valid_from, valid_to=valid_to)
    seats = [(u.display_name, u, u.person) for u in members] + [(name, None, None) for name in without_account]
    default = [CouncilRole.CHAIR, CouncilRole.STANDING_VICE]
    for i, (name, u, person) in enumerate(seats):
        role = roles[i] if roles else (default[i] if i < len(default) else CouncilRole.MEMBER)
        Seat.objects.create(establishment=est, position=i + 1, full_name=name, role=role, user=u, person=person,
                            job_title="")
    return est
