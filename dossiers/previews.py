"""What a step that cannot be undone will do, read before it is taken (the confirm pages of submit, appraise and
forward: GET shows this, POST acts). Reads only, from the dossier the page already fetched for its user; the same
rules the actions apply (dossiers.actions, dossiers.selectors), so that what the page announces is what happens."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from org.duties import Duty, users_at
from rulebook.selectors import parameter_on

from . import selectors
from .models import Outcome


def _today():
    return timezone.localdate()


def _lines(d):
    return list(selectors.lines_of(d))


def _people_named(users) -> list[str]:
    return sorted({u.display_name for u in users})


@dataclass
class SubmitPreview:
    lines: list
    set_aside: list
    documents: list
    total: int
    authority: object
    receivers: list[str]
    missing: list = field(default_factory=list)  # checklist items not met: the step would be refused
    resubmit: bool = False


def submit_preview(d) -> SubmitPreview:
    """Submit (gửi, gửi lại): the lines, the documents, the money, and who receives it at the authority."""
    lines = _lines(d)
    open_lines = [ln for ln in lines if ln.outcome == Outcome.PROPOSED]
    missing = [i for i in selectors.checklist(d, open_lines) if not i.ok]
    return SubmitPreview(
        lines=open_lines, set_aside=[ln for ln in lines if ln.outcome == Outcome.SET_ASIDE],
        documents=list(selectors.attachments_of(d)), total=sum(ln.amount for ln in open_lines), authority=d.authority,
        receivers=_people_named(users_at(d.authority, Duty.RECEIVE)), missing=missing, resubmit=d.status == "returned")


def disclosure_window(day: date) -> tuple[date, date]:
    """(from, until) of a list published on ``day``: ``disclosure_days`` working days with that day (as
    dossiers.actions.dossier_appraise publishes it)."""
    from core.dates import add_working_days
    from notifications.holidays import holiday_set

    days = int(parameter_on("disclosure_days", day, 10) or 0)
    return day, add_working_days(day, max(days - 1, 0), holiday_set())


@dataclass
class AppraisePreview:
    passing: list          # this level's lines that pass on
    going_up: list         # lines beyond this level, to be forwarded
    set_aside: list        # lines left out, with their reasons
    kept_with_problems: list
    disclose: bool         # public disclosure follows
    disclosure_required: bool
    disclosure_awards: list[str]
    disclosure_from: date | None
    disclosure_until: date | None
    next_status: str       # "disclosure", "council" or "decision"
    simplified: bool
    total: int
    missing: list = field(default_factory=list)


def appraise_preview(d, disclose: bool = False) -> AppraisePreview:
    """Appraise (thẩm định đạt): which lines pass, which are set aside, which go up, and what follows — public
    disclosure (and until when), the council, or the decision (simplified procedure)."""
    from rulebook.models import AwardType

    lines = _lines(d)
    above = selectors.granted_above(d.authority)
    open_lines = [ln for ln in lines if ln.outcome == Outcome.PROPOSED]
    here = [ln for ln in open_lines if not selectors.forwardable(ln, above)]
    up = [ln for ln in open_lines if selectors.forwardable(ln, above)]
    for ln in up:
        ln.goes_to = above.get(ln.award_type_id)
    wanted = set(parameter_on("disclosure_awards", _today(), []) or [])
    required = any(ln.award_type.code in wanted for ln in here)
    disclose = disclose or required
    start, until = disclosure_window(_today()) if disclose else (None, None)
    names = {a.code: a.name for a in AwardType.objects.filter(code__in=wanted)} if wanted else {}
    missing = [i for i in selectors.checklist(d, open_lines) if not i.ok]
    return AppraisePreview(
        passing=here, going_up=up, set_aside=[ln for ln in lines if ln.outcome == Outcome.SET_ASIDE],
        kept_with_problems=[ln for ln in here if selectors.blocking(ln, above)], disclose=disclose,
        disclosure_required=required, disclosure_awards=sorted({names.get(ln.award_type.code, ln.award_type.name)
                                                                 for ln in here if ln.award_type.code in wanted}),
        disclosure_from=start, disclosure_until=until,
        next_status="disclosure" if disclose else ("decision" if d.simplified else "council"), simplified=d.simplified,
        total=sum(ln.amount for ln in here), missing=missing)


@dataclass
class Group:
    authority: object
    lines: list
    files: int


@dataclass
class ForwardPreview:
    groups: list[Group]
    documents: list      # the dossier's own documents each new dossier gets a copy of (its proposal, its minutes)

    @property
    def n_lines(self):
        return sum(len(g.lines) for g in self.groups)


def forward_preview(d) -> ForwardPreview:
    """Forward (chuyển cấp trên): which lines go up (selectors.lines_to_forward, as dossier_forward takes them) to
    which authority, each with its own files, and the dossier's documents that go with every new dossier."""
    from .actions import FORWARDED_DOCUMENTS

    above = selectors.granted_above(d.authority)
    attachments = list(selectors.attachments_of(d))
    by_line = {}
    for a in attachments:
        if a.line_id:
            by_line.setdefault(a.line_id, []).append(a)
    groups = {}
    for ln in selectors.lines_to_forward(d, above):
        ln.files = by_line.get(ln.pk, [])
        groups.setdefault(above[ln.award_type_id], []).append(ln)
    own = [a for a in attachments if not a.line_id and a.kind in FORWARDED_DOCUMENTS]
    return ForwardPreview(groups=[Group(authority=a, lines=ls, files=sum(len(ln.files) for ln in ls) + len(own))
                                  for a, ls in groups.items()], documents=own)
