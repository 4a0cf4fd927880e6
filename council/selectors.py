"""Reads of the council, user first. Counts only: no read can return how a member voted
(the tables do not hold it), and the counts of a ballot are shown once it is closed."""

from django.db.models import Q
from django.http import Http404

from dossiers.models import Dossier, Status as DossierStatus
from org.duties import Duty, duty_q, has_duty
from org.models import Person, Unit

from .models import Establishment, Event, Meeting, MeetingStatus, PaperCount, Receipt, Recusal


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
    if not user.is_authenticated:
        return None
    return meeting.members.filter(user=user).first()


def members_of(meeting):
    return meeting.members.select_related("user", "person").order_by("position", "id")


def ballot_rows(meeting):
    """The lines on the ballot, with their dossier and recipient, in agenda order."""
    return (meeting.tallies.select_related("line__dossier__unit", "line__person__unit", "line__unit", "line__award_type",
                                           "upward")
            .order_by("line__dossier_id", "line__position", "line_id"))


def has_voted(meeting, user) -> bool:
    return Receipt.objects.filter(meeting=meeting, member__user=user, voted=True).exists()


def voted_member_ids(meeting) -> dict:
    """{member id: channel} of the members whose ballot was counted (screen, paper or written)."""
    return dict(Receipt.objects.filter(meeting=meeting, voted=True).values_list("member_id", "channel"))


def receipts_count(meeting) -> int:
    """How many ballots were counted (every member has a receipt from the opening; the counted ones are flipped)."""
    return Receipt.objects.filter(meeting=meeting, voted=True).count()


def recusals_of(meeting):
    return (Recusal.objects.filter(meeting=meeting).select_related("member", "line__person", "line__unit", "line__award_type")
            .order_by("line__dossier_id", "line__position", "member__position", "member_id"))


def my_recused_line_ids(meeting, member) -> set:
    if member is None:
        return set()
    return set(Recusal.objects.filter(meeting=meeting, member=member).values_list("line_id", flat=True))


def paper_counts(meeting):
    return PaperCount.objects.filter(meeting=meeting).order_by("id")


def events_of(meeting):
    return Event.objects.filter(meeting=meeting).select_related("actor").order_by("at", "id")


def results_visible(meeting) -> bool:
    return meeting.status == MeetingStatus.CLOSED


def close_preview(meeting):
    """What closing the ballot now would make stand: {"rows": the ballot's lines, each with ``recused``, ``base``,
    ``needed`` and ``passed`` as ``actions.ballot_close`` would write them (not saved), "missing": the members whose
    ballot is not in, "ballots": how many are, "counts_shown": whether the rows may show their counts, "seen": what
    the confirmation carries so that a ballot counted in between sends the office back to the preview}.

    The counts are shown before the closing only once every member's ballot is in (on screen, on paper, or written
    and not returned, as the counting group enters it): while a member may still vote, two looks at the counts
    around their ballot would tell how they voted."""
    from .actions import _fix_rule, _level, judge, recusal_counts

    counts = recusal_counts(meeting)
    rows = list(ballot_rows(meeting))
    level = None
    for t in rows:
        if t.threshold_pct is None:  # a ballot opened before the rule was fixed at the opening
            level = level or _level(meeting)
            _fix_rule(t, level, meeting.date)
        t.recused = counts.get(t.line_id, (0, 0))[0]
        t.base, t.needed = judge(meeting, t, counts)
        t.passed = t.base > 0 and t.agree >= t.needed
    voted = voted_member_ids(meeting)
    missing = [m for m in members_of(meeting) if m.pk not in voted]
    recusals = sum(total for total, _nominee in counts.values())
    return {"rows": rows, "missing": missing, "ballots": len(voted), "counts_shown": not missing,
            "passed": sum(1 for t in rows if t.passed), "seen": f"{len(voted)}-{recusals}"}


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
    voted = Receipt.objects.filter(member__user=user, voted=True).values("meeting_id")
    open_ = mine.filter(status=MeetingStatus.VOTING).exclude(pk__in=voted)
    coming = mine.filter(status=MeetingStatus.PLANNED)
    return {"to_vote": list(open_[:limit]), "n_to_vote": open_.count(), "coming": list(coming[:limit])}


# --- establishing decisions ----------------------------------------------------------------------

def establishments_for(user, authority=None):
    """The establishing decisions of the councils whose standing office the user is (or whose chairman)."""
    office = duty_q(user, Duty.STANDING_OFFICE, prefix="authority__")
    sign = duty_q(user, Duty.SIGN, prefix="authority__")
    qs = Establishment.objects.filter(office | sign).select_related("authority").prefetch_related("seats")
    if authority is not None:
        qs = qs.filter(authority=authority)
    return qs.order_by("authority__path", "-valid_from", "-id")


def establishment_get_for_user(user, pk) -> Establishment:
    est = establishments_for(user).filter(pk=pk).first()
    if est is None:
        raise Http404
    return est


def in_force(authority, day):
    """The establishing decision of ``authority``'s council in force on ``day``: the latest whose validity covers it."""
    from django.db.models import F

    return (Establishment.objects.filter(authority=authority)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by(F("valid_from").desc(nulls_last=True), "-id").first())


def seats_of(establishment):
    return establishment.seats.select_related("user", "person").order_by("position", "id")


def establishment_history(establishment):
    from audit.recording import events_for

    return events_for(establishment).order_by("-at", "-id")


def establishment_meetings(establishment):
    return establishment.meetings.order_by("-date", "-id")


def seat_accounts(authority):
    """The accounts a seat of ``authority``'s council may be linked to: active accounts holding a role at the
    authority, under it, or above it."""
    from django.contrib.auth import get_user_model

    prefixes = [authority.path[:i] for i in range(Unit.steplen, len(authority.path) + 1, Unit.steplen)]
    return (get_user_model().objects.filter(is_active=True)
            .filter(Q(memberships__unit__path__startswith=authority.path) | Q(memberships__unit__path__in=prefixes))
            .distinct().order_by("full_name", "username"))


def people_by_code(authority, codes) -> dict:
    """{code: Person} of ``codes`` naming people working under ``authority``."""
    return {p.code: p for p in Person.objects.filter(code__in=[c for c in codes if c], unit__path__startswith=authority.path)
            .select_related("unit")}


def in_force_by_authority(user) -> dict:
    """{authority id: the establishing decision in force today} for the councils whose office the user is."""
    from django.utils import timezone

    today = timezone.localdate()
    return {a.pk: in_force(a, today) for a in authorities_for_office(user)}
