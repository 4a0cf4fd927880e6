"""Reads of dossiers, user first and already scoped.

Who sees a dossier: whoever may view the unit that sent it, and whoever may view
the authority it is addressed to (its office, council and chairman). The public
sees only the lines published for disclosure, and only name, unit, award and
the achievement summary.
"""

from datetime import date

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from core.dates import working_days_between
from core.text import fold
from org.duties import Duty, duty_q, has_duty, paths_where
from org.models import Unit
from rulebook.authorities import authority_level
from rulebook.selectors import parameter_on

from .models import Attachment, Comment, DocumentKind, Dossier, Line, Outcome, Status
from .workflow import OPEN, STEPS, allowed

BIG_UNIT = 5000  # people: above this, candidates come from the eligibility page, not from a live run


def _visible(user) -> Q:
    return duty_q(user, Duty.VIEW, prefix="unit__") | duty_q(user, Duty.VIEW, prefix="authority__")


def dossiers_for(user, *, box: str = "", status: str = "", year: int | None = None, q: str = ""):
    """The dossiers ``user`` may see. ``box``: "sent" (from units where the user proposes),
    "received" (to authorities whose office the user is), or "" (both)."""
    qs = Dossier.objects.filter(_visible(user))
    if box == "sent":
        qs = qs.filter(duty_q(user, Duty.SUBMIT, prefix="unit__"))
    elif box == "received":
        qs = qs.filter(duty_q(user, Duty.RECEIVE, prefix="authority__") | duty_q(user, Duty.APPRAISE, prefix="authority__"))
        qs = qs.exclude(status__in=[Status.DRAFT, Status.WITHDRAWN])
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status == "overdue":
        qs = qs.filter(status__in=OPEN, due_on__lt=timezone.localdate())
    elif status in Status.values:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if q:
        from core.text import fold

        for word in fold(q).split():
            qs = qs.filter(search_text__contains=word)
    return (qs.select_related("unit", "authority", "assignee")
            .annotate(n_lines=Count("lines"), n_problems=Count("lines", filter=~Q(lines__problems=[]))).order_by("-updated_at", "-id"))


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


def days_left(dossier, today: date | None = None, holidays=None) -> int | None:
    """Working days to the due date (negative: overdue), for dossiers with a clock running."""
    if dossier.due_on is None or dossier.status not in OPEN:
        return None
    if holidays is None:
        from notifications.holidays import holiday_set

        holidays = holiday_set()
    today = today or timezone.localdate()
    if today <= dossier.due_on:
        return working_days_between(today, dossier.due_on, holidays)
    return -working_days_between(dossier.due_on, today, holidays)


def with_days_left(dossiers):
    """Each dossier of a page with ``days_left`` and ``overdue_by`` (the holidays read once for the page)."""
    from notifications.holidays import holiday_set

    holidays = holiday_set()
    for d in dossiers:
        d.days_left = days_left(d, holidays=holidays)
        d.overdue_by = -d.days_left if d.days_left is not None and d.days_left < 0 else 0
    return dossiers


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


def desk(user, limit=5) -> dict:
    """What waits for the user on the home page: their units' dossiers to send or mend, the dossiers to receive
    and appraise, those waiting for the signature, and how many are overdue."""
    from django.utils import timezone

    today = timezone.localdate()
    base = Dossier.objects.select_related("unit", "authority").order_by("updated_at", "id")
    out = {}
    if paths_where(user, Duty.SUBMIT):
        mine = base.filter(duty_q(user, Duty.SUBMIT, prefix="unit__"), status__in=[Status.DRAFT, Status.RETURNED])
        out["to_send"] = list(mine[:limit])
        out["n_to_send"] = mine.count()
    office_paths = paths_where(user, Duty.RECEIVE)
    if office_paths:
        # The office's own work: dossiers addressed to the units its roles were given in, not to every level below.
        office = base.filter(authority__path__in=office_paths) if office_paths != [""] else base
        waiting = office.filter(status=Status.SUBMITTED)
        mine = office.filter(status=Status.APPRAISING, assignee=user)
        out["to_receive"], out["n_to_receive"] = list(waiting[:limit]), waiting.count()
        out["to_appraise"], out["n_to_appraise"] = list(mine[:limit]), mine.count()
        out["n_overdue"] = office.filter(status__in=OPEN, due_on__lt=today).count()
        out["n_comments"] = Comment.objects.filter(line__dossier__in=office.filter(status=Status.DISCLOSURE), answer="",
                                                   spam_at__isnull=True).count()
    sign_paths = paths_where(user, Duty.SIGN)
    if sign_paths:
        sign = (base.filter(authority__path__in=sign_paths) if sign_paths != [""] else base).filter(status=Status.DECISION)
        out["to_sign"], out["n_to_sign"] = list(sign[:limit]), sign.count()
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
