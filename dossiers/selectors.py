"""Reads of dossiers, user first and already scoped.

Who sees a dossier: whoever may view the unit that sent it, and whoever may view
the authority it is addressed to (its office, council and chairman). The public
sees only the lines published for disclosure, and only name, unit, award and
the achievement summary.
"""

import re
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from core.dates import working_days_between
from core.text import fold
from org.duties import Duty, duty_q, has_duty, paths_where
from org.models import Unit
from rulebook.authorities import authority_level
from rulebook.selectors import parameter_on

from .models import Attachment, Comment, DocumentKind, Dossier, Kind, Line, Outcome, Status
from . import clock
from .models import PauseStage
from .workflow import OPEN, STAYS, STEPS, allowed, may

BIG_UNIT = 5000  # people: above this, candidates come from the eligibility page, not from a live run


def _visible(user) -> Q:
    return duty_q(user, Duty.VIEW, prefix="unit__") | duty_q(user, Duty.VIEW, prefix="authority__")


def dossiers_for(user, *, box: str = "", status: str = "", year: int | None = None, q: str = "", unit: int | None = None,
                 authority: int | None = None, kind: str = ""):
    """The dossiers ``user`` may see. ``box``: "sent" (from units where the user proposes),
    "received" (to authorities whose office the user is), or "" (both). ``q``: a dossier's code (HS-2025-00012),
    or words (without diacritics) of its title, its units' names or the name of a person or collective it proposes;
    ``unit``/``authority``: the id of the unit that sent it / it is addressed to; ``kind``: its Kind."""
    qs = Dossier.objects.filter(_visible(user))
    if box == "sent":
        qs = qs.filter(duty_q(user, Duty.SUBMIT, prefix="unit__"))
    elif box == "received":
        qs = qs.filter(duty_q(user, Duty.RECEIVE, prefix="authority__") | duty_q(user, Duty.APPRAISE, prefix="authority__"))
        qs = qs.exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status == "overdue":
        qs = qs.filter(overdue_q(timezone.localdate()))
    elif status in Status.values:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if unit:
        qs = qs.filter(unit_id=unit)
    if authority:
        qs = qs.filter(authority_id=authority)
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    if q.strip():
        qs = qs.filter(_search(q))
    return (qs.select_related("unit", "authority", "assignee")
            .annotate(n_lines=Count("lines"), n_problems=Count("lines", filter=~Q(lines__problems=[]))).order_by("-updated_at", "-id"))


_CODE = re.compile(r"(?:hs-?)?(\d{4})-0*(\d{1,12})")


def _search(q: str) -> Q:
    """A dossier's code, or every word (folded) in its title and units, or every word in one proposed recipient's name."""
    folded = fold(q).strip()
    code = _CODE.fullmatch(folded.replace(" ", ""))
    if code:
        return Q(year=int(code[1]), pk=int(code[2]))
    words = folded.split()
    if not words:
        return Q()
    named = Q()
    for w in words:
        named &= Q(search_text__contains=w)
    person, collective = Q(), Q()
    for w in words:
        person &= Q(person__search_text__contains=w)
        collective &= Q(unit__search_text__contains=w)
    lines = Line.objects.filter(dossier=OuterRef("pk")).filter(person | collective)
    return named | Exists(lines)


def dossier_filter_choices(user) -> dict:
    """The units that sent, and the authorities that received, the dossiers ``user`` sees (the list's filters)."""
    seen = Dossier.objects.filter(_visible(user))
    units = Unit.objects.filter(pk__in=seen.values("unit_id")).only("pk", "name", "sort_key").order_by("sort_key", "pk")
    authorities = Unit.objects.filter(pk__in=seen.values("authority_id")).only("pk", "name", "depth").order_by("depth", "name")
    return {"units": list(units), "authorities": list(authorities)}


def dossier_get_for_user(user, pk) -> Dossier:
    d = Dossier.objects.filter(_visible(user), pk=pk).select_related("unit", "authority", "assignee", "forwarded_from").first()
    if d is None:
        raise Http404
    return d


def lines_of(dossier):
    return (dossier.lines.select_related("person__unit", "unit", "award_type", "origin__dossier")
            .annotate(n_comments=Count("comments", filter=Q(comments__spam_at__isnull=True)),
                      n_waiting=Count("comments", filter=Q(comments__answer="", comments__spam_at__isnull=True)))
            .prefetch_related("forwards__dossier__authority").order_by("position", "id"))


def line_get(dossier, pk) -> Line:
    line = dossier.lines.filter(pk=pk).select_related("person", "unit", "award_type").first()
    if line is None:
        raise Http404
    return line


def attachments_of(dossier):
    return dossier.attachments.select_related("line__person", "line__unit", "uploaded_by").order_by("kind", "id")


def attachment_get_for_user(user, dossier_pk, pk) -> Attachment:
    d = dossier_get_for_user(user, dossier_pk)
    att = d.attachments.filter(pk=pk).first()
    if att is None:
        raise Http404
    return att


def timeline(dossier):
    return dossier.events.select_related("actor").order_by("at", "id")


def comments_of(dossier):
    return Comment.objects.filter(line__dossier=dossier).select_related("line__person", "line__unit", "line__award_type",
                                                                        "answered_by", "spam_by")


def comment_get_for_user(user, dossier, pk) -> Comment:
    c = Comment.objects.filter(line__dossier=dossier, pk=pk).select_related("line__dossier").first()
    if c is None:
        raise Http404
    return c


def steps_for(user, dossier) -> dict[str, bool]:
    """{verb: may the user take it now} for the page's buttons (the same table the actions check)."""
    return {verb: allowed(user, dossier, verb) for verb in STEPS}


def days_left(dossier, today: date | None = None, holidays=None, waiting: bool | None = None) -> int | None:
    """Working days to the due date (negative: overdue), for dossiers with a clock running. While the clock stands
    still waiting for the answers to comments (``waiting``; asked when None), the days left when it stopped."""
    if dossier.due_on is None or dossier.status not in OPEN:
        return None
    if holidays is None:
        from notifications.holidays import holiday_set

        holidays = holiday_set()
    today = today or timezone.localdate()
    if waiting is None:
        waiting = _waiting_for_answers(dossier, today)
    if waiting:
        today = min(today, dossier.disclosure_until)
    if today <= dossier.due_on:
        return working_days_between(today, dossier.due_on, holidays)
    return -working_days_between(dossier.due_on, today, holidays)


def with_days_left(dossiers):
    """Each dossier of a page with ``days_left`` and ``overdue_by`` (the holidays read once for the page, the
    dossiers waiting for comments' answers in one query)."""
    from notifications.holidays import holiday_set

    holidays = holiday_set()
    today = timezone.localdate()
    ids = [d.pk for d in dossiers if d.status == Status.DISCLOSURE and d.disclosure_until and d.disclosure_until < today]
    waiting = set(Dossier.objects.filter(_waiting_q(today), pk__in=ids).values_list("pk", flat=True)) if ids else set()
    for d in dossiers:
        d.days_left = days_left(d, today=today, holidays=holidays, waiting=d.pk in waiting)
        d.overdue_by = -d.days_left if d.days_left is not None and d.days_left < 0 else 0
    return dossiers


# --- the law's clock (dossiers.clock) ------------------------------------------------------------

def _waiting_q(today: date) -> Q:
    """Dossiers whose disclosure is over while comments made during it wait for an answer: when the rulebook says
    that wait stops the clock (``dossier_clock_pauses`` "comments"), they are not late for it."""
    from django.db.models import Exists, OuterRef

    if clock.stops(PauseStage.COMMENTS, today) is None:
        return Q(pk__in=[])
    unanswered = Comment.objects.filter(line__dossier=OuterRef("pk"), answer="", spam_at__isnull=True)
    return Q(status=Status.DISCLOSURE, disclosure_until__lt=today) & Q(Exists(unanswered))


def _waiting_for_answers(dossier, today: date) -> bool:
    if dossier.status != Status.DISCLOSURE or not dossier.disclosure_until or dossier.disclosure_until >= today:
        return False
    return Dossier.objects.filter(_waiting_q(today), pk=dossier.pk).exists()


def overdue_q(today: date) -> Q:
    """Dossiers past their due date on ``today`` by the law's clock: the due date already holds the days paused
    (disclosure, a comments' wait that ended); a wait still running holds the days since it began."""
    from django.db.models import F

    late = Q(status__in=OPEN, due_on__lt=today)
    return late & ~(_waiting_q(today) & Q(due_on__gt=F("disclosure_until")))


def due_today_q(today: date) -> Q:
    """Dossiers whose last day is ``today``, the clock running."""
    return Q(status__in=OPEN, due_on=today) & ~_waiting_q(today)


class ClockPause:
    __slots__ = ("stage", "label", "start", "end", "effect", "legal_basis", "rule_status", "running")

    def __init__(self, stage, start, end, effect, legal_basis="", rule_status="", running=False):
        self.stage, self.start, self.end, self.effect = stage, start, end, effect
        self.label = PauseStage(stage).label
        self.legal_basis, self.rule_status, self.running = legal_basis, rule_status, running


def clock_of(dossier, today: date | None = None) -> dict:
    """What the page says of the dossier's clock: the processing days, the pauses of its current clock (running
    ones too; a comments' wait is read from the comments), the working days they added, the due date, and the
    pause it stands in now."""
    from datetime import timedelta

    today = today or timezone.localdate()
    stored = list(dossier.pauses.all())
    received = dossier.received_on
    if dossier.status == Status.RETURNED:
        shown = [p for p in stored if p.end is None]
    elif received is not None and dossier.status not in (Status.WITHDRAWN,):
        shown = [p for p in stored if p.effect == "pause" and p.end is not None and p.end > received]
    else:
        shown = []
    pauses = [ClockPause(p.stage, p.start, p.end, p.effect, p.legal_basis, p.rule_status,
                         running=dossier.status in OPEN | {Status.RETURNED} and (p.end is None or p.start <= today <= p.end))
              for p in shown]
    if _waiting_for_answers(dossier, today):
        rule = clock.stops(PauseStage.COMMENTS, dossier.disclosure_until)
        pauses.append(ClockPause(PauseStage.COMMENTS, dossier.disclosure_until + timedelta(days=1), None, "pause",
                                 rule.legal_basis if rule else "", rule.status if rule else "", running=True))
    pauses.sort(key=lambda p: p.start)
    days = clock.processing_days(dossier.authority, received) if received else None
    return {"days": days, "received_on": received, "paused_days": dossier.paused_days, "pauses": pauses,
            "running": next((p for p in pauses if p.running), None), "due_on": dossier.due_on,
            "rule": clock.rule_row_on(received or today)}


def appraisers_at(dossier):
    """The accounts that may be given the dossier to appraise."""
    from django.contrib.auth import get_user_model

    from org.duties import roles_granting
    from org.models import Membership, Unit

    here_and_above = [dossier.authority.path, *Unit.objects.get_ancestors(dossier.authority).values_list("path", flat=True)]
    ids = Membership.objects.filter(role__in=roles_granting(Duty.APPRAISE), unit__path__in=here_and_above).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("full_name", "username")


def submit_units(user, limit=300):
    """Units the user may propose for: the units where the duty is held and the units right under them."""
    from org.models import Unit

    paths = paths_where(user, Duty.SUBMIT)
    if not paths:
        return Unit.objects.none()
    if paths == [""]:
        return Unit.objects.filter(depth__lte=2, valid_to__isnull=True).order_by("path")[:limit]
    q = Q()
    for p in paths:
        q |= Q(path=p) | Q(path__startswith=p, depth=len(p) // 4 + 1)
    return Unit.objects.filter(q, valid_to__isnull=True).order_by("path")[:limit]


def candidates(user, dossier):
    """Who the unit might propose, from the engine for the dossier's year: (person or unit, award, registered) for
    every pair eligible, under the unit, that the dossier does not hold yet. The registered first."""
    from eligibility.engine import evaluate
    from org.models import Person, Unit

    if not has_duty(user, dossier.unit, Duty.SUBMIT):
        return [], False
    size = Person.objects.filter(unit__path__startswith=dossier.unit.path).count()
    if size > BIG_UNIT:
        return [], True
    result = evaluate(dossier.year, unit=dossier.unit)
    held = set(dossier.lines.values_list("person_id", "unit_id", "award_type_id"))
    registered = _registered(dossier)
    people = {p.pk: p for p in Person.objects.filter(pk__in=[o.subject.id for o in result.outcomes if o.kind == "person" and o.eligible])
              .select_related("unit")}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[o.subject.id for o in result.outcomes if o.kind != "person" and o.eligible])}
    out = []
    for o in result.outcomes:
        if not o.eligible:
            continue
        is_person = o.kind == "person"
        subject = people.get(o.subject.id) if is_person else units.get(o.subject.id)
        if subject is None:
            continue
        key = (subject.pk, None, o.award.id) if is_person else (None, subject.pk, o.award.id)
        if key in held:
            continue
        out.append((subject, o.award, key in registered))
    out.sort(key=lambda t: (not t[2], t[1].rank, getattr(t[0], "sort_key", "") or t[0].name))
    return out, False


def _registered(dossier):
    """(person id, unit id, award id) registered for the dossier's year by the units under it (đăng ký thi đua)."""
    from registration.models import RegistrationLine

    rows = RegistrationLine.objects.filter(registration__plan__year=dossier.year,
                                           registration__unit__path__startswith=dossier.unit.path)
    return set(rows.values_list("person_id", "unit_id", "award_type_id"))


# --- public disclosure ---------------------------------------------------------------------------

def published_dossiers(today: date | None = None):
    """Dossiers in public disclosure now (anyone may read them)."""
    today = today or timezone.localdate()
    return (Dossier.objects.filter(status=Status.DISCLOSURE, disclosure_from__lte=today, disclosure_until__gte=today)
            .select_related("authority", "unit").annotate(n_lines=Count("lines", filter=Q(lines__outcome=Outcome.PROPOSED)))
            .order_by("disclosure_until", "id"))


def published_dossier(pk, today: date | None = None) -> Dossier:
    d = published_dossiers(today).filter(pk=pk).first()
    if d is None:
        raise Http404
    return d


def published_lines(dossier):
    """Only what may be published: name, unit, award, summary — never birth dates, addresses or ID numbers."""
    return (dossier.lines.filter(outcome=Outcome.PROPOSED).select_related("person__unit", "unit", "award_type")
            .only("id", "position", "recipient_kind", "summary", "person__full_name", "person__unit__name", "unit__name",
                  "award_type__name", "award_type__code", "dossier_id").order_by("position", "id"))


def published_line(dossier, pk) -> Line:
    line = published_lines(dossier).filter(pk=pk).first()
    if line is None:
        raise Http404
    return line


def answered_comments(line):
    """What the public page shows under a line: the answered comments, never those marked as spam."""
    return line.comments.exclude(answer="").filter(spam_at__isnull=True).order_by("at")


def recipients_by_codes(user, unit, codes):
    """({code: person}, {code: unit}) for the codes naming people or collectives under ``unit`` that ``user`` sees."""
    from org.models import Person, Unit

    codes = list(codes)
    people = {p.code: p for p in Person.objects.filter(duty_q(user, Duty.VIEW, prefix="unit__"), code__in=codes,
                                                       unit__path__startswith=unit.path).select_related("unit")}
    units = {u.code: u for u in Unit.objects.filter(duty_q(user, Duty.VIEW), code__in=[c for c in codes if c not in people],
                                                    path__startswith=unit.path)}
    return people, units


def desk(user, limit=5, today: date | None = None) -> dict:
    """What waits on the user among the dossiers, for the home page: each kind counted in one aggregate query per
    duty (a city office covers thousands of units), a few of each listed with the page that takes its step.

    - ``submit`` (a unit): drafts to send, dossiers returned to mend;
    - ``receive``/``appraise`` (the office, of the levels its roles were given at): to receive, to appraise
      (assigned to the user), disclosure ended (to close), ready for the council (not on an open meeting: to
      convene), comments unanswered, due today, overdue — by the law's clock (``overdue_q``);
    - ``sign`` (the chairman): the dossiers waiting for the decision, per authority."""
    from django.db.models import Exists, OuterRef

    from council.models import Meeting

    today = today or timezone.localdate()
    base = Dossier.objects.select_related("unit", "authority").order_by("updated_at", "id")
    out = {}
    if paths_where(user, Duty.SUBMIT):
        mine = base.filter(duty_q(user, Duty.SUBMIT, prefix="unit__"), status__in=[Status.DRAFT, Status.RETURNED])
        counts = mine.aggregate(n=Count("pk"), returned=Count("pk", filter=Q(status=Status.RETURNED)))
        out["n_to_send"], out["n_returned"] = counts["n"], counts["returned"]
        out["to_send"] = list(mine.order_by("-status", "updated_at", "id")[:limit]) if counts["n"] else []
    office_paths = paths_where(user, Duty.RECEIVE)
    if office_paths:
        # The office's own work: dossiers addressed to the units its roles were given in, not to every level below.
        office = base.filter(authority__path__in=office_paths) if office_paths != [""] else base
        on_meeting = Meeting.dossiers.through.objects.filter(dossier_id=OuterRef("pk"), meeting__status__in=["planned", "voting"])
        unanswered = Comment.objects.filter(line__dossier=OuterRef("pk"), answer="", spam_at__isnull=True)
        kinds = {
            "to_receive": Q(status=Status.SUBMITTED),
            "to_appraise": Q(status=Status.APPRAISING, assignee=user),
            "disclosure_over": Q(status=Status.DISCLOSURE, disclosure_until__lt=today),
            "council": Q(status=Status.COUNCIL) & ~Q(Exists(on_meeting)),
            "with_comments": Q(status=Status.DISCLOSURE) & Q(Exists(unanswered)),
            "due_today": due_today_q(today),
            "overdue": overdue_q(today),
        }
        counts = office.aggregate(**{k: Count("pk", filter=q) for k, q in kinds.items()})
        for key, q in kinds.items():
            out[f"n_{key}"] = counts[key]
            rows = office.filter(q)
            if key in ("due_today", "overdue"):
                rows = rows.order_by("due_on", "id")
            out[key] = list(rows[:limit]) if counts[key] else []
        out["n_comments"] = (Comment.objects.filter(line__dossier__in=office.filter(status=Status.DISCLOSURE), answer="",
                                                    spam_at__isnull=True).count() if counts["with_comments"] else 0)
    sign_paths = paths_where(user, Duty.SIGN)
    if sign_paths:
        sign = (base.filter(authority__path__in=sign_paths) if sign_paths != [""] else base).filter(status=Status.DECISION)
        out["to_sign"] = list(sign[:limit])
        out["n_to_sign"] = sign.count() if len(out["to_sign"]) == limit else len(out["to_sign"])
        # One page per authority decides (dossiers:decide?authority=).
        out["sign_authorities"] = list({d.authority_id: d.authority for d in out["to_sign"]}.values())
    return out


# --- where a dossier may go ----------------------------------------------------------------------

def authorities_for(unit: Unit, day: date | None = None) -> list[Unit]:
    """The units whose head or chairman may decide on what ``unit`` proposes: the unit itself and the units above
    it, nearest first, in force on ``day``, that the rulebook counts as authorities (``authority_units``: a ward,
    a district before 01/07/2025, the city, a city department — not a ward's school) with a level that grants
    something."""
    from rulebook.models import Authority

    day = day or timezone.localdate()
    levels = set(Authority.objects.in_force(day).values_list("level", flat=True))
    chain = [unit, *reversed(list(Unit.objects.get_ancestors(unit)))]
    return [u for u in chain if u.is_active_on(day) and authority_level(u, day) in levels]


def granted_above(authority: Unit, day: date | None = None) -> dict:
    """{award type id: the nearest unit above ``authority`` whose level may grant it on ``day``}: where each
    line beyond this level goes up (two queries, whatever the number of lines)."""
    from rulebook.models import Authority

    day = day or timezone.localdate()
    levels = {}
    for award_id, level in Authority.objects.in_force(day).values_list("award_type_id", "level"):
        levels.setdefault(level, set()).add(award_id)
    out = {}
    for u in authorities_for(authority, day)[1:]:
        for award_id in levels.get(authority_level(u, day), ()):
            out.setdefault(award_id, u)
    return out


def signers_at(authority: Unit) -> list:
    """The people who may sign the authority's decisions (accounts holding the sign duty there, with their person):
    the chairman first, then the deputies (position "Phó …")."""
    from django.contrib.auth import get_user_model

    from org.duties import roles_granting

    users = (get_user_model().objects.filter(is_active=True, memberships__unit=authority,
                                             memberships__role__in=roles_granting(Duty.SIGN), person__isnull=False)
             .select_related("person").distinct())
    people = [u.person for u in users]
    return sorted({p.pk: p for p in people}.values(), key=lambda p: (fold(p.position or "").startswith("pho"), p.sort_key))


def default_signer(authority: Unit):
    """Who signs the authority's decisions unless someone else is chosen: its chairman, when the system knows them."""
    people = signers_at(authority)
    return people[0] if people else None


def central_award_ids(authority: Unit, day: date | None = None) -> set:
    """The awards decided at the central level (the rulebook's level "national": Huân chương, danh hiệu vinh dự
    nhà nước, CSTĐ toàn quốc …) that ``authority``'s own level may not grant: passed by its council, they are
    submitted to the central level rather than put in its decision."""
    from rulebook.models import Authority

    day = day or timezone.localdate()
    rows = list(Authority.objects.in_force(day).values_list("award_type_id", "level"))
    here = authority_level(authority, day)
    national = {a for a, level in rows if level == "national"}
    return national - {a for a, level in rows if level == here}


def central_lines(dossier: Dossier, day: date | None = None) -> list:
    """The dossier's lines waiting to be submitted to the central level (passed, or needing no vote)."""
    ids = central_award_ids(dossier.authority, day)
    return list(dossier.lines.filter(outcome__in=[Outcome.PASSED, Outcome.NO_VOTE], award_type_id__in=ids)
                .select_related("person__unit", "unit", "award_type").order_by("position", "id"))


def central_submissions(dossier: Dossier):
    return dossier.central_submissions.prefetch_related("lines__person", "lines__unit", "lines__award_type")


def dossiers_to_decide(user, authority):
    """The dossiers waiting for the decision of ``authority`` (none unless the user signs there)."""
    if not has_duty(user, authority, Duty.SIGN):
        return Dossier.objects.none()
    return Dossier.objects.filter(authority=authority, status=Status.DECISION).select_related("unit").order_by("updated_at", "id")


# --- what the appraisal checks (read by the page, the steps and the council's agenda) -------------------

class Item:
    __slots__ = ("label", "ok", "detail")

    def __init__(self, label, ok, detail=""):
        self.label, self.ok, self.detail = label, ok, detail


def forwardable(line: Line, above: dict) -> bool:
    """This level may not grant the line's award and a level above may (``above``: granted_above of the
    dossier's authority): the line goes up (dossier_forward)."""
    return line.award_type_id in above and any(p["code"] == "beyond_authority" for p in line.problems)


def blocking(line: Line, above: dict) -> list[dict]:
    """The problems a reviewer must see justified: all but "beyond this level" when a level above may grant it."""
    if forwardable(line, above):
        return [p for p in line.problems if p["code"] != "beyond_authority"]
    return list(line.problems)


# A line beyond this level goes up once this level's council has passed it, or when it needs no vote here.
GOES_UP_AFTER = (Outcome.PASSED, Outcome.NO_VOTE)
ALL_LEVELS = ["province", "district", "commune", "agency"]


def council_reviews_upward(authority: Unit, day: date | None = None) -> bool:
    """Whether ``authority``'s council votes the lines it proposes to the level above before they go up (rulebook
    ``council_reviews_upward``, by the authority's level on ``day``; every level when the rulebook lacks it)."""
    day = day or timezone.localdate()
    levels = parameter_on("council_reviews_upward", day, ALL_LEVELS)
    return (authority_level(authority, day) or "agency") in set(levels or [])


def lines_to_forward(dossier: Dossier, above: dict | None = None) -> list[Line]:
    """The dossier's lines ready to go up (dossier_forward): beyond this level, and passed by its council or
    needing no vote here."""
    above = granted_above(dossier.authority) if above is None else above
    lines = (dossier.lines.filter(outcome__in=GOES_UP_AFTER).select_related("award_type", "person", "unit")
             .order_by("position", "id"))
    return [ln for ln in lines if forwardable(ln, above)]


def checklist(dossier: Dossier, lines=None) -> list[Item]:
    """What the appraisal checks before a dossier moves on: documents, every line clean or justified, caps."""
    lines = list(lines if lines is not None else dossier.lines.filter(outcome=Outcome.PROPOSED).select_related("award_type", "person", "unit"))
    kinds = {}
    for a in dossier.attachments.all():
        kinds.setdefault((a.kind, a.line_id), 0)
        kinds[(a.kind, a.line_id)] += 1
    have = {k for k, _ in kinds}
    items = [Item("Có ít nhất một dòng đề nghị", bool(lines), f"{len(lines)} dòng")]
    items.append(Item("Tờ trình đề nghị khen thưởng", DocumentKind.PROPOSAL in have))
    if not dossier.simplified:
        items.append(Item("Biên bản họp bình xét", DocumentKind.MINUTES in have))
        needs = set(parameter_on("report_required_awards", timezone.localdate(), []) or [])
        wanting = [ln for ln in lines if ln.award_type.code in needs and (DocumentKind.REPORT, ln.pk) not in kinds]
        if any(ln.award_type.code in needs for ln in lines):
            items.append(Item("Báo cáo thành tích của từng cá nhân, tập thể đề nghị danh hiệu cao",
                              not wanting, "Thiếu: " + "; ".join(f"{ln.recipient_name} ({ln.award_type.name})" for ln in wanting[:10])
                              + ("…" if len(wanting) > 10 else "") if wanting else ""))
    above = granted_above(dossier.authority)
    bad = [ln for ln in lines if blocking(ln, above) and not ln.justification]
    items.append(Item("Mọi dòng đạt thẩm định hoặc có giải trình", not bad,
                      "Chưa giải trình: " + "; ".join(f"{ln.recipient_name} ({ln.award_type.name})" for ln in bad[:10])
                      + ("…" if len(bad) > 10 else "") if bad else ""))
    cap = (parameter_on("cstdcs_cap_share", timezone.localdate(), {}) or {}).get("share", "none")
    if cap != "none":
        n_ldtt = sum(1 for ln in lines if ln.award_type.code == "LDTT")
        n_cstd = sum(1 for ln in lines if ln.award_type.code == "CSTDCS")
        items.append(Item(f"Chiến sĩ thi đua cơ sở không quá {round(cap * 100)}% số Lao động tiên tiến",
                          n_cstd <= cap * max(n_ldtt, 0), f"{n_cstd}/{n_ldtt}"))
    return items


# --- a typed name that matches several people: the clerk picks one ------------------------------------

def recipient_key(recipient) -> str:
    """"p:<id>" for a person, "u:<id>" for a collective: how a pick among candidates comes back."""
    return f"{'p' if hasattr(recipient, 'full_name') else 'u'}:{recipient.pk}"


def recipient_pick(user, unit: Unit, key: str):
    """The person or collective ``key`` (recipient_key) under ``unit`` that ``user`` sees, else None."""
    from core.params import parse_int
    from org.selectors import active_q, people_for, units_for

    kind, _, pk = (key or "").partition(":")
    pk = parse_int(pk, min_value=1)
    if pk is None:
        return None
    if kind == "p":
        return people_for(user).filter(unit__path__startswith=unit.path, pk=pk).first()
    if kind == "u":
        return units_for(user).filter(active_q(), path__startswith=unit.path, pk=pk).first()
    return None


def recipients_named(user, unit: Unit, text: str, limit: int = 20) -> list:
    """The people and collectives under ``unit`` whom ``text`` names (a code, or the words of a name without
    diacritics), each person with its unit: one means that one, several mean asking which."""
    from org.selectors import recipients_under

    return recipients_under(user, unit, text, limit=limit)


# --- the stepper: where the dossier is on its own path, what comes next, who acts and by when ---------------

# What each state is called as a stage of the path (the step out of it is named by dossiers.workflow).
STAGE_LABELS = {
    Status.DRAFT: "Lập hồ sơ", Status.RETURNED: "Bổ sung theo yêu cầu", Status.SUBMITTED: "Gửi, chờ tiếp nhận",
    Status.APPRAISING: "Thẩm định", Status.DISCLOSURE: "Công khai, nhận góp ý", Status.COUNCIL: "Họp Hội đồng",
    Status.DECISION: "Quyết định khen thưởng", Status.CENTRAL: "Trình cấp Trung ương", Status.DECIDED: "Đã có quyết định",
    Status.FORWARDED: "Đã chuyển cấp trên", Status.WITHDRAWN: "Đã hủy, không trình",
}


class Stage:
    """One stage of the stepper: ``state`` "done", "current" or "todo"; ``step`` the step that leaves it."""

    def __init__(self, status, step=None, why=""):
        self.status, self.step, self.why = status, step, why
        self.label = STAGE_LABELS.get(status, Status(status).label)
        self.state = "todo"
        self.body = ""          # who must act: the unit, the office, the council, the chairman
        self.people = []        # the full names of those holding the duty there
        self.due = None         # by when
        self.due_label = ""
        self.done_at = None
        self.done_by = ""
        self.action = None      # (label, url) the user may follow to take the step
        self.note = ""


def _path_flags(dossier, lines):
    """What decides the dossier's path: disclosure, simplified, forwarded, central."""
    open_lines = [ln for ln in lines if ln.outcome == Outcome.PROPOSED and not getattr(ln, "goes_up", False)]
    wanted = set(parameter_on("disclosure_awards", timezone.localdate(), []) or [])
    disclosure = (dossier.disclosure_from is not None or dossier.status == Status.DISCLOSURE
                  or (dossier.status in (Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPRAISING)
                      and any(ln.award_type.code in wanted for ln in open_lines)))
    central_ids = central_award_ids(dossier.authority)
    central = (dossier.status == Status.CENTRAL or any(ln.outcome in (Outcome.SENT_CENTRAL, Outcome.NOT_AWARDED) for ln in lines)
               or any(ln.award_type_id in central_ids and ln.outcome in (Outcome.PROPOSED, Outcome.PASSED, Outcome.NO_VOTE)
                      and not getattr(ln, "goes_up", False) for ln in lines))
    return {"disclosure": disclosure, "simplified": dossier.simplified, "central": central,
            "forwarded": dossier.status == Status.FORWARDED}


def _choose(step, flags):
    """The target a step reaches on this dossier's path (the table's ``targets``, chosen as its ``why`` says)."""
    options = [t for t in step.targets if t != STAYS]
    if Status.DISCLOSURE in options and flags["disclosure"]:
        return Status.DISCLOSURE
    options = [t for t in options if t != Status.DISCLOSURE and not (t == Status.COUNCIL and flags["simplified"])]
    return options[0] if options else None


def _progress_step(status, flags, seen):
    """The step that moves the dossier on from ``status`` along its path: the first of the table (in its order)
    that starts there, needs no reason (those go back: withdraw, return, abandon) and reaches a state not yet on
    the path."""
    for step in STEPS.values():
        if status not in step.sources or step.needs_reason or step.verb in ("forward", "edit", "assign"):
            continue
        if step.verb == "submit_central" and not flags["central"]:
            continue
        target = _choose(step, flags)
        if target is not None and target != status and target not in seen:
            return step, target
    return None, None


def path_of(dossier, lines) -> list[Stage]:
    """The stages the dossier passes on its own path, walked through dossiers.workflow.STEPS from the state a new
    dossier starts in: with or without disclosure, without the council (simplified procedure), forwarded whole to
    the level above, through the central level."""
    flags = _path_flags(dossier, lines)
    status, seen, stages = STEPS["create"].target, set(), []
    while status is not None and status not in seen:
        seen.add(status)
        step, target = _progress_step(status, flags, seen)
        if status == Status.DECISION and flags["central"]:
            step, target = STEPS["submit_central"], Status.CENTRAL  # this level's own lines are decided on the way
        why = step.why if step is not None and len([t for t in step.targets if t != STAYS]) > 1 else ""
        stages.append(Stage(status, step, why))
        status = target
    if flags["forwarded"]:
        # Forwarded whole: the path ends where it left for the level above.
        left = dossier.events.filter(verb="forward_all").order_by("-at", "-id").values_list("from_status", flat=True).first()
        keep = [s.status for s in stages].index(left) + 1 if left in [s.status for s in stages] else len(stages)
        stages = stages[:keep] + [Stage(Status.FORWARDED)]
    if dossier.status == Status.WITHDRAWN:
        stages = stages[:1] + [Stage(Status.WITHDRAWN)]
    return stages


def _names(users):
    return [u.display_name for u in users]


def _who(dossier, stage, today):
    """The body that must act at ``stage`` and the people holding that duty there, by full name."""
    from org.duties import users_at

    step = stage.step
    if step is None:
        return "", []
    if stage.status == Status.COUNCIL:
        body = f"Hội đồng Thi đua - Khen thưởng {dossier.authority.name}"
        return body, council_members(dossier.authority, today)
    if step.duty == Duty.SIGN:
        people = signers_at(dossier.authority)
        names = [p.full_name for p in people] or _names(users_at(dossier.authority, Duty.SIGN))
        return f"Chủ tịch Ủy ban nhân dân {dossier.authority.name}", names
    if step.at == "unit":
        return dossier.unit.name, _names(users_at(dossier.unit, step.duty))
    if step.duty == Duty.APPRAISE and dossier.assignee_id:
        return f"Cơ quan thường trực — {dossier.authority.name}", [dossier.assignee.display_name]
    return f"Cơ quan thường trực — {dossier.authority.name}", _names(users_at(dossier.authority, step.duty))


def council_members(authority, day) -> list[str]:
    """The members of the authority's council by its establishing decision in force on ``day`` (full names)."""
    from django.db.models import F

    from council.models import Establishment

    est = (Establishment.objects.filter(authority=authority)
           .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))
           .order_by(F("valid_from").desc(nulls_last=True), "-id").first())
    if est is None:
        return []
    return [s.full_name for s in est.seats.order_by("position", "id")
            if (s.term_from is None or s.term_from <= day) and (s.term_to is None or s.term_to >= day)]


def _open_meeting(dossier):
    """The meeting the dossier is on that has not closed (planned or voting), if any."""
    return dossier.meetings.filter(status__in=["planned", "voting"]).order_by("-date", "-id").first()


def _action(user, dossier, stage):
    """(label, url) that takes the current stage's step, when the user may take it."""
    from django.urls import reverse

    step = stage.step
    if step is None:
        return None
    here = reverse("dossiers:detail", args=[dossier.pk])
    if stage.status == Status.COUNCIL:
        if not may(user, dossier, "council_result"):
            return None
        meeting = _open_meeting(dossier)
        if meeting is not None:
            return ("Mở phiên họp Hội đồng", reverse("council:detail", args=[meeting.pk]))
        return ("Triệu tập họp Hội đồng", reverse("council:create") + f"?authority={dossier.authority_id}&dossier={dossier.pk}")
    if not allowed(user, dossier, step.verb) and not (dossier.status == Status.RETURNED and allowed(user, dossier, "submit")):
        return None
    if step.verb == "decide":
        return (step.label, reverse("dossiers:decide") + f"?authority={dossier.authority_id}")
    if step.verb == "receive":
        return ("Tiếp nhận và giao thẩm định", here + "#assign")
    if step.verb in ("appraise", "submit"):
        # The checklist first; the step's own button (with its preview) heads the page.
        return ("Kiểm tra và gửi hồ sơ" if step.verb == "submit" else "Kiểm tra và thẩm định", here + "#check-h")
    if step.verb == "close_disclosure":
        if dossier.disclosure_until and timezone.localdate() <= dossier.disclosure_until:
            return None  # not before its last day is over (dossiers.actions.disclosure_close)
        return (step.label, here + "#comments")
    if step.verb in ("submit_central", "central_result"):
        return (step.label, here + "#central")
    return (step.label, here)


def stepper(user, dossier, lines=None, events=None, today: date | None = None) -> dict:
    """The stepper at the top of the dossier's page: its stages, which are done (when, by whom), where it is,
    what comes next, who must act (the body and the people holding the duty, by full name) and by when; for a
    returned dossier, the return's reason, who returned it and when."""
    today = today or timezone.localdate()
    lines = list(lines) if lines is not None else list(lines_of(dossier))
    events = list(events) if events is not None else list(timeline(dossier))
    stages = path_of(dossier, lines)
    statuses = [s.status for s in stages]
    current = Status.DRAFT if dossier.status == Status.RETURNED else dossier.status
    if dossier.status == Status.DECIDED and Status.CENTRAL in statuses and not dossier.central_submissions.exists():
        current = Status.CENTRAL  # this level's lines decided, the state awards still to submit
    index = statuses.index(current) if current in statuses else len(stages) - 1
    reached = {}
    for e in events:
        if e.to_status and e.to_status != e.from_status:
            reached[e.to_status] = e
    for i, s in enumerate(stages):
        s.state = "done" if i < index else "current" if i == index else "todo"
        if s.state == "done" and i + 1 < len(stages):
            e = reached.get(stages[i + 1].status)
            if e is not None:
                s.done_at, s.done_by = e.at, (e.actor.display_name if e.actor else "")
    final = stages[index].status in (Status.DECIDED, Status.FORWARDED, Status.WITHDRAWN) and stages[index].step is None
    if final:
        stages[index].state = "done"
        e = reached.get(stages[index].status)
        if e is not None:
            stages[index].done_at, stages[index].done_by = e.at, (e.actor.display_name if e.actor else "")
    for s in stages[index:]:
        if s.state == "done":
            continue
        s.body, s.people = _who(dossier, s, today)
        if dossier.due_on and s.step is not None and s.step.at == "authority" and dossier.status in OPEN:
            s.due, s.due_label = dossier.due_on, "hạn giải quyết"
    cur = stages[index]
    if cur.state == "current":
        cur.action = _action(user, dossier, cur)
        if cur.status == Status.DISCLOSURE and dossier.disclosure_until:
            cur.due, cur.due_label = dossier.disclosure_until, "công khai đến hết ngày"
            if today > dossier.disclosure_until:
                cur.note = "Đã hết thời gian công khai: trả lời mọi góp ý rồi kết thúc công khai."
        elif cur.status in (Status.DRAFT, Status.RETURNED) and dossier.status == Status.RETURNED:
            cur.label = STAGE_LABELS[Status.RETURNED]
    returned = None
    if dossier.status == Status.RETURNED:
        e = next((e for e in reversed(events) if e.verb == "return"), None)
        if e is not None:
            returned = {"reason": e.reason, "by": e.actor.display_name if e.actor else "", "at": e.at, "round": e.round}
    nxt = next((s for s in stages if s.state == "todo"), None)
    return {"stages": stages, "current": cur if cur.state == "current" else None, "next": nxt, "returned": returned}
