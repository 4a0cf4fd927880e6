"""Reads of the council, user first. Counts only: no read can return how a member voted
(the tables do not hold it), and the counts of a ballot are shown once it is closed."""

from django.db.models import Q
from django.http import Http404

from dossiers.models import Dossier, Status as DossierStatus
from org.duties import Duty, duty_q, has_duty

from .models import Meeting, MeetingStatus, Receipt, Recusal


def meetings_for(user):
    """The meetings the user sits on, and those of the councils whose office or chairman they are."""
    meetings = Meeting.objects.select_related("authority").order_by("-date", "-id")
    office = duty_q(user, Duty.STANDING_OFFICE, prefix="authority__")
    sign = duty_q(user, Duty.SIGN, prefix="authority__")
    return meetings.filter(Q(members__user=user) | office | sign).distinct()


def meeting_get_for_user(user, pk) -> Meeting:
    m = meetings_for(user).filter(pk=pk).first()
    if m is None:
        raise Http404
    return m


def is_office(user, meeting) -> bool:
    return has_duty(user, meeting.authority, Duty.STANDING_OFFICE)


def membership(user, meeting):
    return meeting.members.filter(user=user).first()


def members_of(meeting):
    return meeting.members.select_related("user").order_by("id")


def ballot_rows(meeting):
    """The lines on the ballot, with their dossier and recipient, in agenda order."""
    return (meeting.tallies.select_related("line__dossier__unit", "line__person__unit", "line__unit", "line__award_type")
            .order_by("line__dossier_id", "line__position", "line_id"))


def has_voted(meeting, user) -> bool:
    return Receipt.objects.filter(meeting=meeting, user=user, voted=True).exists()


def voted_user_ids(meeting) -> set:
    return set(Receipt.objects.filter(meeting=meeting, voted=True).values_list("user_id", flat=True))


def receipts_count(meeting) -> int:
    """How many ballots were counted (every member has a receipt from the opening; the counted ones are flipped)."""
    return Receipt.objects.filter(meeting=meeting, voted=True).count()


def recusals_of(meeting):
    return Recusal.objects.filter(meeting=meeting).select_related("user", "line__person", "line__unit", "line__award_type")


def my_recused_line_ids(meeting, user) -> set:
    return set(Recusal.objects.filter(meeting=meeting, user=user).values_list("line_id", flat=True))


def results_visible(meeting) -> bool:
    return meeting.status == MeetingStatus.CLOSED


def authorities_for_office(user):
    from org.selectors import authorities_with_duty

    return authorities_with_duty(user, Duty.STANDING_OFFICE)


def dossiers_awaiting(user, authority):
    if not has_duty(user, authority, Duty.STANDING_OFFICE):
        return Dossier.objects.none()
    return (Dossier.objects.filter(authority=authority, status=DossierStatus.COUNCIL).select_related("unit")
            .order_by("updated_at", "id"))


def desk(user, limit=5) -> dict:
    """The meetings of the councils the user sits on: ballots open and not yet cast, meetings to come."""
    mine = Meeting.objects.filter(members__user=user).select_related("authority").order_by("date", "id")
    voted = Receipt.objects.filter(user=user, voted=True).values("meeting_id")
    open_ = mine.filter(status=MeetingStatus.VOTING).exclude(pk__in=voted)
    coming = mine.filter(status=MeetingStatus.PLANNED)
    return {"to_vote": list(open_[:limit]), "n_to_vote": open_.count(), "coming": list(coming[:limit])}
