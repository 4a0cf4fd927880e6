"""Reads for the home page: each user's desk (what is coming, what waits for me, who is late).

The sections follow the duties the user's roles grant (``org.duties``), not role names.
Read-only, over the apps' own selectors (this module queries no model itself), limited to the user's
scope. Every section is a few aggregate queries, not one per unit: a city
specialist's desk covers thousands of units.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from org import duties, selectors as org_selectors
from org.duties import Duty

HORIZON_DAYS = 30  # "coming": milestones due within this many days
LATE_DAYS = 120  # "late": milestones past due within this many days
MAX_PLANS = 12  # plans looked at per desk (the most recent first)
FILES_DAYS = 30  # "files made": decisions issued within this many days whose files the worker made


@dataclass
class MilestoneLine:
    milestone: object
    plan: object
    days: int  # days left (negative: days late)
    waiting: int = 0  # units (of the user's) that have not done it
    total: int = 0

    @property
    def days_late(self):
        return -self.days


@dataclass
class Desk:
    duties: set  # the duties the user's roles grant (org.duties.duties_held)
    today: date
    rating_year: int
    coming: list = field(default_factory=list)
    late: list = field(default_factory=list)
    registrations: list = field(default_factory=list)  # officer: units not yet registered; office: plan summaries
    ratings_missing: int | None = None
    ratings_unit: object = None  # org.models.Unit
    notifications: list = field(default_factory=list)
    n_unread: int = 0
    figures: dict = field(default_factory=dict)
    accounts: dict = field(default_factory=dict)
    rulebook: dict = field(default_factory=dict)
    dossiers: dict = field(default_factory=dict)   # dossiers.selectors.desk
    meetings: dict = field(default_factory=dict)   # council.selectors.desk
    decisions: dict = field(default_factory=dict)  # decisions made (files) and revocations to sign

    @property
    def waiting_total(self):
        """How many things wait on the user's action (the desk's headline)."""
        d, m, x = self.dossiers, self.meetings, self.decisions
        return sum(d.get(k, 0) or 0 for k in ("n_to_send", "n_to_receive", "n_to_appraise", "n_disclosure_over", "n_council",
                                               "n_comments", "n_to_sign")) + (m.get("n_to_vote", 0) or 0) + (x.get("n_revocations", 0) or 0)

    @property
    def is_office(self):
        return Duty.STANDING_OFFICE in self.duties

    @property
    def is_officer(self):
        return Duty.REGISTER in self.duties and not self.is_office

    @property
    def is_chairman(self):
        return Duty.SIGN in self.duties

    @property
    def is_council(self):
        return Duty.VOTE in self.duties

    @property
    def is_admin(self):
        return bool(self.accounts)


def rating_year(today: date) -> int:
    """The year whose ratings are being entered: the current one from November, else the last."""
    return today.year if today.month >= 11 else today.year - 1


def _published_plans(user, years):
    from plans.models import PlanStatus
    from plans.selectors import plans_for

    return plans_for(user).filter(status=PlanStatus.PUBLISHED, year__in=years)


def _office_plans(user, years):
    """Plans issued at a level where the user works in the standing office (specialist)."""
    paths = duties.paths_where(user, Duty.STANDING_OFFICE)
    if not paths:
        return []
    plans = _published_plans(user, years)
    if paths != [""]:
        plans = plans.filter(unit__path__in=paths)
    else:
        plans = plans.filter(unit__depth=1)
    return list(plans.order_by("-year", "unit__path")[:MAX_PLANS])


def _registering_plans(user, years):
    """Plans under which a unit the user registers for (duty ``register``) registers, with those units."""
    from plans.selectors import registration_units

    out = []
    q = duties.duty_q(user, Duty.REGISTER)
    for plan in _published_plans(user, years).order_by("-year", "unit__path")[:MAX_PLANS]:
        units = list(registration_units(plan).filter(q).only("pk", "name", "path"))
        if units:
            out.append((plan, units))
    return out


def _milestone_lines(plans_units, today):
    """(coming, late): tracked milestones due in the next HORIZON_DAYS, and those past due
    within LATE_DAYS that units (the user's, or all registering units) have still not
    done, with the count of those units. Two queries for all the plans together."""
    from plans.models import MilestoneKind
    from plans.selectors import tracked_milestones, units_done

    plans = {p.pk: (p, None if units is None else {u.pk for u in units}) for p, units in plans_units}
    if not plans:
        return [], []
    milestones = tracked_milestones(list(plans), today - timedelta(days=LATE_DAYS), today + timedelta(days=HORIZON_DAYS))
    done = units_done(milestones)
    coming, late = [], []
    for m in milestones:
        plan, ids = plans[m.plan_id]
        total = len(ids) if ids is not None else 0
        waiting = len(ids - done.get(m.pk, set())) if ids is not None else 0
        if m.kind == MilestoneKind.REGISTRATION:
            waiting = 0  # registration is done by sending it, not by ticking the milestone: shown apart
        line = MilestoneLine(m, plan, (m.due_on - today).days, waiting, total)
        if m.due_on >= today:
            coming.append(line)
        elif waiting:
            late.append(line)
    return coming, late[::-1]


def _unsent_registrations(plans_units, now):
    from registration.actions import registration_is_open
    from registration.models import Registration
    from registration.selectors import registration_counts, registrations_by_plan_unit

    out = []
    current = [(plan, units) for plan, units in plans_units if plan.year >= now.year]
    regs = registrations_by_plan_unit([(plan, [u.pk for u in units]) for plan, units in current])
    for plan, units in current:
        for u in units:
            reg = regs.get((plan.pk, u.pk))
            if registration_counts(reg):
                continue
            probe = reg or Registration(plan=plan, unit=u)
            probe.plan = plan
            if registration_is_open(probe, now):
                out.append({"plan": plan, "unit": u, "registration": reg})
    return out


def _office_lines(user, years, today, now):
    """For a standing office: its plans' milestones coming and late (units still missing),
    and each plan's registration counts."""
    from plans.selectors import registration_units
    from registration.selectors import registration_summary

    plans = _office_plans(user, years)
    plans_units = [(p, list(registration_units(p).only("pk"))) for p in plans]
    summaries = [{"plan": p, **registration_summary(p, now)} for p in plans if p.year >= today.year]
    return (*_milestone_lines(plans_units, today), summaries)


def _ratings_missing(user, year):
    """People in the units where the user rates (duty ``rate``) without a rating for ``year``, and the unit to open."""
    from records.selectors import unrated_count

    top = org_selectors.units_under_duty(user, Duty.RATE).order_by("depth", "path").first()
    if top is None:
        return None, None
    return unrated_count(org_selectors.people_under_duty(user, Duty.RATE), year), top


def _figures(user, year):
    """The year's figures a chairman or council member looks at, for their level."""
    from decisions.selectors import awards_count
    from registration.selectors import registration_summary

    people = org_selectors.people_under_duty(user, Duty.VIEW)
    plan = _published_plans(user, [year]).filter(unit__in=duties.units_where(user, Duty.VIEW)).first()
    return {
        "people": people.count(),
        "year": year,
        "registration": registration_summary(plan) if plan else None,
        "plan": plan,
        # Titles of a year are decided early the next: the last year with decisions.
        "awards_year": year - 1,
        "awards": awards_count(user, year - 1),
    }


def desk_for(user, today=None) -> Desk:
    from accounts.selectors import account_counts
    from notifications.selectors import latest_unread, unread_count
    from rulebook.selectors import unverified_counts

    today = today or timezone.localdate()
    now = timezone.now()
    held = duties.duties_held(user)
    years = [today.year - 1, today.year, today.year + 1]
    desk = Desk(duties=held, today=today, rating_year=rating_year(today))
    desk.n_unread = unread_count(user)
    desk.notifications = latest_unread(user, 5) if desk.n_unread else []
    if desk.is_office:
        desk.coming, desk.late, desk.registrations = _office_lines(user, years, today, now)
    elif desk.is_officer:
        plans_units = _registering_plans(user, years)
        desk.coming, desk.late = _milestone_lines(plans_units, today)
        desk.registrations = _unsent_registrations(plans_units, now)
        desk.ratings_missing, desk.ratings_unit = _ratings_missing(user, desk.rating_year)
    elif desk.is_chairman or desk.is_council:
        desk.coming, _ = _milestone_lines([(p, None) for p in _published_plans(user, years)
                                           .filter(unit__in=duties.units_where(user, Duty.VIEW)).order_by("-year")[:MAX_PLANS]], today)
    if desk.is_chairman or desk.is_council:
        desk.figures = _figures(user, desk.rating_year)
    if held & {Duty.SUBMIT, Duty.RECEIVE, Duty.SIGN}:
        from dossiers.selectors import desk as dossier_desk

        desk.dossiers = dossier_desk(user, today=today)
    if held & {Duty.STANDING_OFFICE, Duty.SIGN}:
        from decisions.selectors import decisions_with_files, revocations_to_sign

        files, n_files = decisions_with_files(user, since=now - timedelta(days=FILES_DAYS))
        desk.decisions = {"files": files, "n_files": n_files}
        if Duty.SIGN in held:
            desk.decisions["revocations"], desk.decisions["n_revocations"] = revocations_to_sign(user)
    if desk.is_council:
        from council.selectors import desk as council_desk

        desk.meetings = council_desk(user)
    if Duty.MANAGE_ACCOUNTS in held:
        desk.accounts = account_counts(user)
        unverified = unverified_counts()
        desk.rulebook = {"unverified": unverified, "n_unverified": sum(unverified.values())}
    return desk
