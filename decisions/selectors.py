"""Reads of awards, scoped to the user: the awards of people and collectives in the units where the user
has the duty asked (``Duty.VIEW`` unless said), revoked ones included (they show as revoked)."""

from django.db.models import Count, Exists, OuterRef, Q
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
    return qs.select_related("award_type", "revoked_by", "revocation__authority").prefetch_related("initiatives").order_by("-year", "award_type__rank", "pk")


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

DECISION_STATES = {"": "mọi trạng thái", "issued": "Đã ban hành", "revoked": "Có khen thưởng đã bị hủy bỏ"}


def decisions_for(user, *, year=None, q="", authority=None, status="", occasion=""):
    """Decisions of the authorities the user sees (their units, their office, their chairman). ``q``: a number
    ("25", "25/QĐ-UBND"), or words (without diacritics) of the subject or of the name of a person or collective
    awarded; ``authority``: a unit id; ``status``: a key of DECISION_STATES; ``occasion``: an award Occasion."""
    from .models import Decision, DecisionStatus, Occasion

    qs = Decision.objects.filter(duties.duty_q(user, Duty.VIEW, prefix="authority__"))
    if year:
        qs = qs.filter(year=year)
    if authority:
        qs = qs.filter(authority_id=authority)
    if status == "revoked":
        qs = qs.filter(Exists(Award.objects.filter(decision=OuterRef("pk"), revoked_on__isnull=False)))
    elif status in DecisionStatus.values:
        qs = qs.filter(status=status)
    if occasion in Occasion.values:
        qs = qs.filter(Exists(Award.objects.filter(decision=OuterRef("pk"), occasion=occasion)))
    if q.strip():
        qs = qs.filter(_decision_search(qs, q))
    return qs.select_related("authority").annotate(n_awards=Count("awards")).order_by("-date", "-id")


def _decision_search(qs, q) -> Q:
    """By number, or by every word (folded) of the subject or of one recipient's name. The subject is Vietnamese text
    that SQLite cannot compare without diacritics and has no folded column: it is folded here, over the decisions in
    scope (an authority issues tens a year, not thousands)."""
    from core.text import fold

    number = q.strip().split("/")[0].strip()
    words = fold(q).split()
    match = Q(number__iexact=number) if number else Q(pk__in=[])
    if not words:
        return match
    subject = [pk for pk, text in qs.values_list("pk", "subject") if all(w in fold(text) for w in words)]
    person, collective = Q(), Q()
    for w in words:
        person &= Q(person__search_text__contains=w)
        collective &= Q(unit__search_text__contains=w)
    return match | Q(pk__in=subject) | Exists(Award.objects.filter(person | collective, decision=OuterRef("pk")))


def decision_filter_authorities(user):
    """The authorities of the decisions ``user`` sees (the list's filter)."""
    from org.models import Unit

    from .models import Decision

    seen = Decision.objects.filter(duties.duty_q(user, Duty.VIEW, prefix="authority__"))
    return list(Unit.objects.filter(pk__in=seen.values("authority_id")).only("pk", "name", "depth").order_by("depth", "name"))


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

    awards = list(decision.awards.select_related("award_type", "person__unit", "unit", "nomination", "revocation__authority")
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


def next_decision_number(authority, year, symbol="QĐ-UBND") -> str:
    """The number ``authority``'s next decision of ``year`` takes ("26" after "25/QĐ-UBND", "05" after "04"): one more
    than the highest of its decisions and issued revocations of that year with that symbol, numbers read as
    documents.nd30 writes them."""
    from .revocation import next_number

    return next_number(authority, year, symbol)


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


# --- the recovery ledger (thu hồi tiền thưởng, hiện vật: Điều 93.2) ------------------------------------------------

RECOVERY_STATES = {"": "Mọi tình trạng", "chua-du": "Chưa thu hồi đủ", "da-du": "Đã thu hồi đủ"}


def _recovery_scope(user) -> Q:
    """The revocations whose authority is where the user is the standing office (who records what is paid back) or
    signs (who reads it)."""
    return (duties.duty_q(user, Duty.STANDING_OFFICE, prefix="authority__")
            | duties.duty_q(user, Duty.SIGN, prefix="authority__"))


def may_see_ledger(user, authority=None) -> bool:
    """The recovery ledger is the standing office's and the signer's (of ``authority``, or of some authority)."""
    return duties.has_duty(user, authority, Duty.STANDING_OFFICE) or duties.has_duty(user, authority, Duty.SIGN)


def _ledger_base(user):
    # From the revocations (few) to their awards by the revocation's index, never through the whole award table.
    return Award.objects.filter(revocation__in=_ledger_revocations(user).values("pk")).filter(
        Q(recover_amount__gt=0) | ~Q(items_to_return=""))


def with_recovered(qs):
    """Each award with ``recovered`` (đồng paid back so far), ``items_back`` (payments that returned items),
    ``last_paid`` (the last payment's date) and ``recovery_done`` (the money all paid and the items, if any, back)."""
    from django.db.models import BooleanField, Case, Count, F, Max, Sum, Value, When
    from django.db.models.functions import Coalesce

    qs = qs.annotate(recovered=Coalesce(Sum("recoveries__amount"), Value(0)),
                     items_back=Count("recoveries", filter=~Q(recoveries__items_returned="")),
                     last_paid=Max("recoveries__paid_on"))
    done = Q(recovered__gte=Coalesce(F("recover_amount"), Value(0))) & (Q(items_to_return="") | Q(items_back__gt=0))
    return qs.annotate(recovery_done=Case(When(done, then=Value(True)), default=Value(False), output_field=BooleanField()))


def recoveries_for(user, *, authority=None, year=None, state="", q=""):
    """The recovery ledger: the revoked awards with money to recover or items to return, of the authorities whose
    standing office or signer the user is; by authority, then by revocation (the newest first)."""
    from core.text import fold

    qs = _ledger_base(user)
    if authority is not None:
        qs = qs.filter(revocation__authority=authority)
    if year:
        qs = qs.filter(revocation__date__year=year)
    folded = fold(q or "").strip()
    if folded:
        qs = qs.filter(Q(person__search_text__contains=folded) | Q(unit__search_text__contains=folded))
    qs = with_recovered(qs)
    if state == "da-du":
        qs = qs.filter(recovery_done=True)
    elif state == "chua-du":
        qs = qs.filter(recovery_done=False)
    from django.db.models import Prefetch

    from .models import Recovery

    return (qs.select_related("award_type", "person__unit", "unit", "revocation__authority")
            .prefetch_related(Prefetch("recoveries", queryset=Recovery.objects.order_by("paid_on", "id")))
            .order_by("revocation__authority__path", "-revocation__date", "-revocation_id", "id"))


def recovery_state(award) -> str:
    """"Đã thu hồi đủ", "Đã nộp một phần", "Chưa nộp lại" of an award with with_recovered's figures."""
    if award.recovery_done:
        return "Đã thu hồi đủ"
    if award.recovered or award.items_back:
        return "Đã nộp một phần"
    return "Chưa nộp lại"


def ledger_details(awards):
    """Each award of the ledger (recoveries_for) with ``left`` (đồng still owed), ``state`` (in words),
    ``paid_dates`` and ``items_list`` (of its payments, prefetched): what a row of the list and the Excel say."""
    awards = list(awards)
    for a in awards:
        payments = list(a.recoveries.all())
        a.left = max((a.recover_amount or 0) - a.recovered, 0)
        a.state = recovery_state(a)
        a.paid_dates = [r.paid_on for r in payments]
        a.items_list = [r.items_returned for r in payments if r.items_returned]
    return awards


def recovery_totals(qs) -> dict:
    """{owed, recovered, left, count} over the ledger's rows ``qs`` (recoveries_for)."""
    from django.db.models import Sum

    from .models import Recovery

    ids = list(qs.values_list("pk", flat=True))
    owed = Award.objects.filter(pk__in=ids).aggregate(s=Sum("recover_amount"))["s"] or 0
    recovered = Recovery.objects.filter(award_id__in=ids).aggregate(s=Sum("amount"))["s"] or 0
    return {"owed": owed, "recovered": recovered, "left": max(owed - recovered, 0), "count": len(ids)}


def _ledger_revocations(user):
    from .models import Revocation, RevocationStatus

    return Revocation.objects.filter(_recovery_scope(user), status=RevocationStatus.ISSUED).order_by()


def recovery_authorities(user):
    """The authorities whose revocations are in the user's ledger (for the filter)."""
    from org.models import Unit

    return Unit.objects.filter(pk__in=_ledger_revocations(user).values("authority")).order_by("path")


def recovery_years(user) -> list[int]:
    return sorted({d.year for d in _ledger_revocations(user).values_list("date", flat=True) if d}, reverse=True)


def recovery_award_for_user(user, pk) -> Award:
    """The revoked award ``pk`` of the user's ledger (with what was recovered so far), else 404."""
    qs = with_recovered(_ledger_base(user)).select_related("award_type", "person__unit", "unit", "revocation__authority",
                                                           "decision__authority")
    try:
        return qs.get(pk=pk)
    except (Award.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy khen thưởng bị hủy bỏ") from None


def recoveries_of(award):
    return list(award.recoveries.select_related("recorded_by").order_by("paid_on", "id"))


def recovery_of_award(user, award_pk, pk):
    """One payment of a revoked award of the user's ledger (its receipt's scan), else 404."""
    award = recovery_award_for_user(user, award_pk)
    found = award.recoveries.filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy chứng từ")
    return found


def may_record_recovery(user, award) -> bool:
    """Recording a payment back is the standing office's of the authority that revoked."""
    return award.revocation_id is not None and may_record_at(user, award.revocation.authority)


def may_record_at(user, authority) -> bool:
    return duties.has_duty(user, authority, Duty.STANDING_OFFICE)


def attach_recoveries(awards, user=None):
    """Each revoked award of ``awards`` (by a revocation decision) with ``recovered`` (đồng paid back so far),
    ``recovery_left`` and ``recovery_state`` in words, and ``recovery_link`` when the user's page should open the
    ledger's entry; one query, none when nothing was revoked. Returns ``awards``."""
    from django.db.models import Count, Sum

    from .models import Recovery

    revoked = [a for a in awards if a.revoked_on and a.revocation_id]
    if not revoked:
        return awards
    sums = {r["award_id"]: r for r in Recovery.objects.filter(award_id__in=[a.pk for a in revoked]).values("award_id")
            .annotate(s=Sum("amount"), items=Count("pk", filter=~Q(items_returned="")))}
    for a in revoked:
        row = sums.get(a.pk, {})
        a.recovered, a.items_back = row.get("s") or 0, row.get("items") or 0
        owed = a.recover_amount or 0
        a.recovery_left = max(owed - a.recovered, 0)
        a.recovery_done = a.recovered >= owed and (not a.items_to_return or a.items_back > 0)
        a.recovery_state = recovery_state(a)
        a.recovery_link = user is not None and a.revocation is not None and may_see_ledger(user, a.revocation.authority)
    return awards


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
