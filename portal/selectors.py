"""Every read of the portal. Two kinds, kept apart:

- **Public** (no login): only what has been published, and of it only public fields, returned as plain values or
  small dataclasses — never a model row a template could walk from (a person's row holds a birth date, a phone, an
  e-mail). Launched movements and their progress; issued decisions and their awardees (name, unit, award);
  disclosure lists on public comment (dossiers.selectors); published exemplary stories (exemplars.selectors); a
  citizen's proposal by its tracking code.
- **The office's** (login): the citizen proposals sent to the wards where the user is the standing office.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from core.text import search_terms
from org.duties import Duty, duty_q
from org.models import Unit, UnitKind

from .models import CitizenProposal, ProposalEvent, ProposalPhoto, Status

# --- movements ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicTarget:
    label: str
    threshold: Decimal
    value: Decimal | None      # the live value (%) over the launching unit, None when there is nothing to count
    reached: bool

    @property
    def bar(self) -> int:
        """The progress bar's width (% of the threshold, by steps of 5: the stylesheet's classes w0 … w100)."""
        if self.value is None or not self.threshold:
            return 0
        return max(0, min(100, int(round(self.value * 20 / self.threshold)) * 5))


@dataclass(frozen=True)
class PublicMovement:
    id: int
    name: str
    kind: str
    unit: str
    launcher: str
    start: date
    end: date | None
    content: str
    year: int
    targets: tuple


def launched_movements(*, q: str = "", limit: int | None = None, offset: int = 0, with_targets: bool = True):
    """Movements launched and not yet closed, newest first, with each target's live value (movements.selectors) for
    the year they run in now. ``q``: words of the name or content, without diacritics."""
    from movements.models import Movement, MovementStatus

    qs = Movement.objects.filter(status=MovementStatus.LAUNCHED)
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    qs = qs.select_related("unit").only("id", "name", "kind", "unit__name", "unit__path", "launcher", "start", "end",
                                        "content", "launched_at").prefetch_related("targets").order_by("-launched_at", "-start", "-id")
    rows = list(qs[offset:offset + limit] if limit else qs[offset:])
    cache = {}  # the head counts, read once for the movements of one unit
    return [_public_movement(m, with_targets, cache) for m in rows]


def launched_movements_count(q: str = "") -> int:
    from movements.models import Movement, MovementStatus

    qs = Movement.objects.filter(status=MovementStatus.LAUNCHED)
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    return qs.count()


def _target_value(t, unit, year, cache):
    """A target's live value over the launching unit, kept ``TDKT_PORTAL_PROGRESS_SECONDS`` (default 300) in the
    cache: over a city it takes a few hundred milliseconds to count, and a public page is asked by anyone, often."""
    from django.conf import settings
    from django.core.cache import cache as shared

    from movements.selectors import target_values

    seconds = int(getattr(settings, "TDKT_PORTAL_PROGRESS_SECONDS", 300))
    key = f"portal:target:{t.pk}:{t.metric}:{t.threshold}:{t.manual_value}:{unit.pk}:{year}"
    if seconds > 0:
        found = shared.get(key, "missing")
        if found != "missing":
            return found
    value = target_values(t, [unit], year, cache)[unit.pk]
    if seconds > 0:
        shared.set(key, value, seconds)
    return value


def _public_movement(m, with_targets, cache) -> PublicMovement:
    from movements.models import MovementKind

    today = timezone.localdate()
    year = m.end.year if m.end and m.end < today else max(today.year, m.start.year) if m.start > today else today.year
    targets = []
    if with_targets:
        for t in m.targets.all():
            value = _target_value(t, m.unit, year, cache)
            targets.append(PublicTarget(t.label, t.threshold, value, value is not None and value >= t.threshold))
    content = m.content or ""
    return PublicMovement(m.pk, m.name, MovementKind(m.kind).label if m.kind in MovementKind.values else m.kind,
                          m.unit.name, m.launcher, m.start, m.end, content[:400] + ("…" if len(content) > 400 else ""),
                          year, tuple(targets))


# --- decisions and their awardees -------------------------------------------------------------------

@dataclass(frozen=True)
class PublicDecision:
    id: int
    reference: str
    date: date
    year: int
    subject: str
    authority: str
    n_awards: int


AWARDEE_FIELDS = ("id", "year", "achievement", "revoked_on", "person__full_name", "person__unit__name", "unit__name",
                  "award_type__name", "decision_id", "decision__number", "decision__symbol", "decision__date",
                  "decision__authority__name")


@dataclass(frozen=True)
class PublicAwardee:
    """One award as the public sees it: who (name), their unit, the award, the decision. Nothing else of the person."""

    name: str
    unit: str
    collective: bool
    award: str
    achievement: str
    year: int
    decision_id: int
    decision: str
    decision_date: date
    authority: str
    revoked: bool


def _issued():
    from decisions.models import Decision, DecisionStatus

    return Decision.objects.filter(status=DecisionStatus.ISSUED)


def published_decisions(*, year: int | None = None, limit: int | None = None):
    """Issued decisions, newest first, with how many awards each carries."""
    qs = _issued()
    if year:
        qs = qs.filter(year=year)
    qs = (qs.annotate(n=Count("awards")).order_by("-date", "-id")
          .values("id", "number", "symbol", "date", "year", "subject", "authority__name", "n"))
    rows = qs[:limit] if limit else qs
    return [PublicDecision(r["id"], f"{r['number']}/{r['symbol']}", r["date"], r["year"], r["subject"],
                           r["authority__name"], r["n"]) for r in rows]


def published_decision(pk) -> PublicDecision:
    found = [d for d in published_decisions_by_ids([pk])]
    if not found:
        raise Http404("Không tìm thấy quyết định")
    return found[0]


def published_decisions_by_ids(ids):
    qs = (_issued().filter(pk__in=list(ids)).annotate(n=Count("awards"))
          .values("id", "number", "symbol", "date", "year", "subject", "authority__name", "n"))
    return [PublicDecision(r["id"], f"{r['number']}/{r['symbol']}", r["date"], r["year"], r["subject"],
                           r["authority__name"], r["n"]) for r in qs]


def award_years() -> list[int]:
    """The years of achievement of the issued decisions (the search's year list)."""
    return sorted(set(_issued().values_list("year", flat=True)), reverse=True)


def awardees(*, q: str = "", year: int | None = None, decision: int | None = None):
    """The awards of issued decisions as ``values()`` rows of public fields (see ``awardee``), the newest decision
    first, then in the decision's order. ``q``: words (without diacritics) of the name or of the unit."""
    from decisions.models import Award

    qs = Award.objects.filter(decision__in=_issued())
    if decision:
        qs = qs.filter(decision_id=decision)
    if year:
        qs = qs.filter(year=year)
    for term in search_terms(q):
        qs = qs.filter(Q(person__search_text__contains=term) | Q(unit__search_text__contains=term)
                       | Q(person__unit__search_text__contains=term))
    return qs.order_by("-decision__date", "-decision_id", "award_type__rank", "id").values(*AWARDEE_FIELDS)


def awardee(row) -> PublicAwardee:
    collective = not row["person__full_name"]
    return PublicAwardee(
        name=row["unit__name"] if collective else row["person__full_name"],
        unit="" if collective else (row["person__unit__name"] or ""), collective=collective,
        award=row["award_type__name"], achievement=row["achievement"] or "", year=row["year"],
        decision_id=row["decision_id"], decision=f"{row['decision__number']}/{row['decision__symbol']}",
        decision_date=row["decision__date"], authority=row["decision__authority__name"],
        revoked=row["revoked_on"] is not None)


# --- disclosure and stories (the apps' own public reads) -------------------------------------------

def open_disclosures(limit: int | None = None):
    """The dossiers on public comment now (dossiers.selectors.published_dossiers), as (id, title, authority, n,
    until)."""
    from dossiers.selectors import published_dossiers

    rows = published_dossiers()
    rows = rows[:limit] if limit else rows
    return [{"id": d.pk, "title": d.title, "authority": d.authority.name, "n": d.n_lines, "until": d.disclosure_until}
            for d in rows]


def stories(*, q: str = "", year: int | None = None, limit: int | None = None):
    from exemplars.selectors import published_stories

    return published_stories(q=q, year=year, limit=limit)


class StoryPages:
    """The published stories as a sequence a Paginator pages through: counted by one query, and a page read as the
    newest ``stop`` stories (exemplars.selectors.published_stories) cut to the page — never every story at once."""

    def __init__(self, q: str = "", year: int | None = None):
        self.q, self.year = q, year

    def __len__(self):
        from exemplars.models import Exemplar, Status as ExemplarStatus

        qs = Exemplar.objects.filter(published_at__isnull=False, status=ExemplarStatus.ACCEPTED)
        if self.year:
            qs = qs.filter(year=self.year)
        for term in search_terms(self.q):
            qs = qs.filter(search_text__contains=term)
        return qs.count()

    def count(self):
        return len(self)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return stories(q=self.q, year=self.year, limit=index.stop)[index.start or 0:index.stop]
        return stories(q=self.q, year=self.year, limit=index + 1)[index]


def story(pk):
    from exemplars.selectors import published_story

    return published_story(pk)


def story_photo(pk):
    from exemplars.selectors import published_photo

    return published_photo(pk)


# --- the citizen's proposal -----------------------------------------------------------------------

def receiving_units():
    """The wards and communes a citizen may send a proposal to: those in existence today."""
    from org.selectors import active_q

    return Unit.objects.filter(kind=UnitKind.COMMUNE).filter(active_q()).order_by("sort_key", "id")


def receiving_unit_choices():
    return list(receiving_units().values_list("pk", "name"))


def normal_code(typed) -> str | None:
    """A tracking code as typed ("abcd efgh-jkmn") in its printed form ("ABCD-EFGH-JKMN"), or None when it cannot
    be one."""
    from .actions import CODE_ALPHABET, CODE_GROUPS

    raw = "".join(str(typed or "").split()).replace("-", "").upper()
    if len(raw) != 4 * CODE_GROUPS or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@dataclass(frozen=True)
class Tracked:
    """What the tracking page shows: the proposal, its state and the office's answer; never the proposer's contact."""

    code: str
    unit: str
    nominee_name: str
    title: str
    place: str
    deed_on: date
    sent_at: object
    status: str
    status_label: str
    answer: str
    answered_at: object
    steps: tuple              # (when, label) of each step, the citizen's and the office's
    exemplar_code: str
    story_id: int | None      # the published story made from it, if any


PUBLIC_STEP_LABELS = {
    "submit": "Đã tiếp nhận đề xuất", "verify": "Cơ quan bắt đầu xác minh", "accept": "Được công nhận",
    "decline": "Không được công nhận", "exemplar": "Được đề xuất làm điển hình tiên tiến của đơn vị",
}


def proposal_by_code(typed) -> Tracked | None:
    code = normal_code(typed)
    if code is None:
        return None
    p = (CitizenProposal.objects.filter(code=code).select_related("unit")
         .select_related("exemplar").only("id", "code", "unit__name", "nominee_name", "title", "place", "deed_on",
                                          "created_at", "status", "answer", "answered_at", "exemplar__id",
                                          "exemplar__year", "exemplar__status", "exemplar__published_at").first())
    if p is None:
        return None
    steps = tuple((at, PUBLIC_STEP_LABELS.get(verb, verb)) for at, verb in
                  ProposalEvent.objects.filter(proposal=p).order_by("at", "id").values_list("at", "verb"))
    story_id = None
    code_e = ""
    if p.exemplar is not None:
        code_e = p.exemplar.code
        if p.exemplar.published_at is not None and p.exemplar.status == "accepted":
            story_id = p.exemplar.pk
    return Tracked(p.code, p.unit.name, p.nominee_name, p.title, p.place, p.deed_on, p.created_at, p.status,
                   Status(p.status).label, p.answer, p.answered_at, steps, code_e, story_id)


# --- the office -----------------------------------------------------------------------------------

def proposals_for(user, *, status: str = "", q: str = "", unit: int | None = None):
    """The citizen proposals sent to the wards where ``user`` is the standing office (or above them)."""
    qs = CitizenProposal.objects.filter(duty_q(user, Duty.STANDING_OFFICE, prefix="unit__"))
    if status == "open":
        qs = qs.filter(status__in=[Status.RECEIVED, Status.VERIFYING])
    elif status in Status.values:
        qs = qs.filter(status=status)
    if unit:
        qs = qs.filter(unit_id=unit)
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    return qs.select_related("unit").annotate(n_photos=Count("photos")).order_by("-created_at", "-id")


def proposals_open_count(user) -> int:
    return proposals_for(user, status="open").count()


def proposal_get_for_user(user, pk) -> CitizenProposal:
    p = (CitizenProposal.objects.filter(duty_q(user, Duty.STANDING_OFFICE, prefix="unit__"), pk=pk)
         .select_related("unit", "answered_by", "exemplar").first())
    if p is None:
        raise Http404("Không tìm thấy đề xuất")
    return p


def proposal_photos(p):
    return list(ProposalPhoto.objects.filter(proposal=p).order_by("position", "id"))


def proposal_photo_for_user(user, pk, photo_pk) -> ProposalPhoto:
    p = proposal_get_for_user(user, pk)
    photo = ProposalPhoto.objects.filter(proposal=p, pk=photo_pk).first()
    if photo is None:
        raise Http404
    return photo


def proposal_events(p):
    return list(ProposalEvent.objects.filter(proposal=p).select_related("actor").order_by("at", "id"))


def same_sender_count(p) -> int:
    """How many proposals came from the same address as ``p`` (its digest), ``p`` included."""
    if not p.address_digest:
        return 1
    return CitizenProposal.objects.filter(address_digest=p.address_digest).count()


def office_units(user):
    """The wards whose proposals ``user`` answers (the list's filter)."""
    return list(receiving_units().filter(duty_q(user, Duty.STANDING_OFFICE)).values_list("pk", "name"))
