"""Reads of awards, scoped to the user: the awards of people and collectives in the units where the user
has the duty asked (``Duty.VIEW`` unless said), revoked ones included (they show as revoked)."""

from django.db.models import Count, Q
from django.http import Http404

from org import duties
from org.duties import Duty

from .models import Award


def _scope(user, duty=Duty.VIEW) -> Q:
    """Awards whose recipient (a person's current unit, or the collective) is where ``user`` has ``duty``."""
    paths = duties.paths_where(user, duty)
    if paths == [""]:
        return Q()
    if not paths:
        return Q(pk__in=[])
    # Both sides are non-empty here: an empty Q() would swallow the other side of the OR.
    return duties.duty_q(user, duty, prefix="person__unit__") | duties.duty_q(user, duty, prefix="unit__")


def _listed(qs):
    return qs.select_related("award_type", "revoked_by", "revocation").prefetch_related("initiatives").order_by("-year", "award_type__rank", "pk")


def person_awards(person):
    """A person's awards, for a caller that has already fetched the person for its user
    (org.selectors.person_get_for_user)."""
    return _listed(Award.objects.filter(person=person))


def awards_of_person(user, person):
    return _listed(Award.objects.filter(_scope(user), person=person))


def awards_of_unit(user, unit):
    """The collective awards of ``unit`` itself."""
    return _listed(Award.objects.filter(_scope(user), unit=unit))


def award_for_user(user, pk, *, duty=Duty.VIEW, person=None, unit=None) -> Award:
    """The award ``pk`` if ``user`` has ``duty`` over its recipient (and it is ``person``'s or ``unit``'s when
    given), else 404."""
    qs = Award.objects.filter(_scope(user, duty)).select_related("award_type", "person__unit", "unit")
    if person is not None:
        qs = qs.filter(person=person)
    if unit is not None:
        qs = qs.filter(unit=unit)
    try:
        return qs.get(pk=pk)
    except (Award.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy khen thưởng") from None


def awards_count(user, year: int) -> int:
    """How many awards of achievement year ``year`` the people and collectives the user sees received
    (revoked ones included, as the desk has always counted)."""
    return Award.objects.filter(_scope(user), year=year).count()


# --- decisions ----------------------------------------------------------------------------------

def decisions_for(user, *, year=None, q=""):
    """Decisions of the authorities the user sees (their units, their office, their chairman)."""
    from .models import Decision

    qs = Decision.objects.filter(duties.duty_q(user, Duty.VIEW, prefix="authority__"))
    if year:
        qs = qs.filter(year=year)
    if q.strip():
        # By number ("25", "25/QĐ-UBND"): the subject is Vietnamese text, which SQLite cannot compare without case.
        qs = qs.filter(number__iexact=q.strip().split("/")[0])
    return qs.select_related("authority").annotate(n_awards=Count("awards")).order_by("-date", "-id")


def decision_get_for_user(user, pk):
    from .models import Decision

    d = Decision.objects.filter(duties.duty_q(user, Duty.VIEW, prefix="authority__"), pk=pk).select_related("authority").first()
    if d is None:
        raise Http404("Không tìm thấy quyết định")
    return d


def decision_awards(decision, user=None):
    """The decision's awards; given ``user``, each person's ``link`` goes to the page of them that user may open:
    their records (with the duty to record and revoke), else their page (to view), else nowhere."""
    from django.urls import reverse

    awards = list(decision.awards.select_related("award_type", "person__unit", "unit", "nomination", "revocation")
                  .order_by("award_type__rank", "id"))
    if user is not None:
        rate, view = duties.paths_where(user, Duty.RATE), duties.paths_where(user, Duty.VIEW)
        for a in awards:
            a.link = None
            if a.person_id:
                path = a.person.unit.path
                if any(path.startswith(p) for p in rate):
                    a.link = reverse("records:person_record", args=[a.person_id])
                elif any(path.startswith(p) for p in view):
                    a.link = reverse("org:person_detail", args=[a.person_id])
    return awards


def sign_authorities(user):
    """The authorities whose decisions the user signs."""
    from org.selectors import authorities_with_duty

    return authorities_with_duty(user, Duty.SIGN)


def normal_verify_code(typed) -> str | None:
    """A certificate's code as typed or read from paper — " abcd-2345 ", "ABCD 2345" — in the form printed
    ("ABCD2345"), or None when it cannot be a code (a character outside the code's alphabet, a wrong length):
    no query is needed to say that it does not exist."""
    from .actions import VERIFY_ALPHABET

    code = "".join(str(typed or "").split()).replace("-", "").upper()
    if not 4 <= len(code) <= Award._meta.get_field("verify_code").max_length or any(ch not in VERIFY_ALPHABET for ch in code):
        return None
    return code


def award_by_code(code) -> Award | None:
    """The award a certificate's code names (public: who, what, which decision, revoked or not), or None."""
    code = normal_verify_code(code)
    if code is None:
        return None
    return Award.objects.filter(verify_code=code).select_related("award_type", "person__unit", "unit", "decision__authority").first()


def may_remake_files(user, decision) -> bool:
    """The signer and the standing office may have a decision's files made again."""
    return (duties.has_duty(user, decision.authority, Duty.SIGN)
            or duties.has_duty(user, decision.authority, Duty.STANDING_OFFICE))

# --- revocations ------------------------------------------------------------------------------------------------

def revocations_for(user, *, status=None):
    """Revocations (drafts and issued) of the authorities the user sees, and the drafts the user prepared."""
    from .models import Revocation

    qs = Revocation.objects.filter(duties.duty_q(user, Duty.VIEW, prefix="authority__") | Q(prepared_by=user))
    if status:
        qs = qs.filter(status=status)
    return (qs.select_related("authority", "root__award_type", "root__person", "root__unit")
            .annotate(n_lines=Count("lines", filter=Q(lines__included=True))).order_by("status", "-date", "-id"))


def revocation_get_for_user(user, pk):
    from .models import Revocation

    r = (Revocation.objects.filter(duties.duty_q(user, Duty.VIEW, prefix="authority__") | Q(prepared_by=user), pk=pk)
         .select_related("authority", "follows__authority", "root__award_type", "root__person__unit", "root__unit",
                         "prepared_by", "signed_by").first())
    if r is None:
        raise Http404("Không tìm thấy quyết định hủy bỏ")
    return r


def revocation_lines(revocation):
    """The revocation's lines: the awards revoked, then those kept, each with what it rested on."""
    return list(revocation.lines.select_related(
        "award__award_type", "award__person__unit", "award__unit", "award__decision__authority",
        "rests_on__award_type", "rests_on__person", "rests_on__unit").order_by("-included", "position", "id"))


def revocation_related(revocation):
    """The other revocations of the same chain (one per awarding authority)."""
    case = revocation.follows if revocation.follows_id else revocation
    from .models import Revocation

    return list(Revocation.objects.filter(Q(pk=case.pk) | Q(follows=case)).exclude(pk=revocation.pk)
                .select_related("authority").order_by("id"))


def drafts_holding(award_ids) -> dict:
    """{award id: draft revocation} for the awards an unsigned revocation would revoke."""
    from .models import RevocationLine, RevocationStatus

    rows = (RevocationLine.objects.filter(award_id__in=list(award_ids), included=True, revocation__status=RevocationStatus.DRAFT)
            .select_related("revocation__authority"))
    return {ln.award_id: ln.revocation for ln in rows}


def revocation_awards(revocation):
    return list(revocation.awards.select_related("award_type", "person", "unit").order_by("id"))


# --- what waits on the chairman and the office (the home page's desk) -----------------------------------

def decisions_with_files(user, *, since, limit=5):
    """Decisions issued since ``since`` by the authorities whose office or chairman the user is, whose files the
    worker has made (or failed to make): to print, sign, send. ((items, count))."""
    from .models import Decision, RenderStatus

    where = duties.duty_q(user, Duty.STANDING_OFFICE, prefix="authority__") | duties.duty_q(user, Duty.SIGN, prefix="authority__")
    qs = (Decision.objects.filter(where, issued_at__gte=since, render_status__in=[RenderStatus.DONE, RenderStatus.FAILED])
          .select_related("authority").order_by("-issued_at", "-id"))
    return list(qs[:limit]), qs.count()


def revocations_to_sign(user, limit=5):
    """Draft revocations waiting for the signature of an authority the user signs for ((items, count))."""
    from .models import Revocation, RevocationStatus

    qs = (Revocation.objects.filter(duties.duty_q(user, Duty.SIGN, prefix="authority__"), status=RevocationStatus.DRAFT)
          .select_related("authority", "root__award_type", "root__person", "root__unit").order_by("prepared_at", "id"))
    return list(qs[:limit]), qs.count()
