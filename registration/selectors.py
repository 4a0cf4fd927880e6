"""Reads of registration: the consolidated view of a plan for its standing office, the
status as the documents say it, and what feeds eligibility (who registered for what)."""

from django.db.models import Count, Q
from django.utils import timezone

from org import duties
from org.duties import Duty
from org.models import Unit
from plans.models import Plan, PlanStatus
from plans.selectors import path_prefixes, registration_deadline, registration_units

from .actions import registration_is_open
from .models import Registration, RegistrationEvent, RegistrationLine, RegistrationStatus


def registrations_for(user, plan, units=None):
    """The registrations under ``plan`` of the units the user sees (among ``units`` when given)."""
    qs = Registration.objects.filter(duties.duty_q(user, Duty.VIEW, prefix="unit__"), plan=plan)
    return qs if units is None else qs.filter(unit__in=units)


def registration_of(user, plan, unit) -> Registration | None:
    """``unit``'s registration under ``plan`` (None when there is none yet or the user may not see it)."""
    return registrations_for(user, plan).filter(unit=unit).select_related("unit").first()


def registration_line_totals(registration) -> tuple[int, int]:
    """(individual lines, collective lines) of a registration."""
    counts = registration.lines.aggregate(ind=Count("id", filter=Q(person__isnull=False)),
                                          col=Count("id", filter=Q(person__isnull=True)))
    return counts["ind"], counts["col"]


def registration_person_counts(registration) -> dict:
    """{award code: individual lines}, over every page of the registration: one grouped count."""
    if registration is None:
        return {}
    return dict(registration.lines.filter(person__isnull=False).values_list("award_type__code")
                .annotate(n=Count("id")).order_by())


def registration_choices(registration, people, units) -> set[str]:
    """The saved choices of these people and collectives ("<person or unit id>:<award code>")."""
    if registration is None:
        return set()
    lines = registration.lines.filter(Q(unit_id__in=[u.pk for u in units]) | Q(person_id__in=[p.pk for p in people]))
    return {f"{pid or uid}:{code}" for pid, uid, code in lines.values_list("person_id", "unit_id", "award_type__code")}


def registration_timeline(user, registration):
    """The registration's timeline (oldest first), when the user sees its unit."""
    if registration is None or not duties.has_duty(user, registration.unit, Duty.VIEW):
        return RegistrationEvent.objects.none()
    return registration.events.select_related("actor").order_by("at", "id")


def reopen_reasons(registrations) -> dict:
    """{registration id: the reason given when it was last reopened}."""
    reasons = {}
    rows = (RegistrationEvent.objects.filter(registration__in=[r.pk for r in registrations], verb="reopen")
            .order_by("at", "id").values_list("registration_id", "reason"))
    for reg_id, reason in rows:
        reasons[reg_id] = reason
    return reasons


def registration_counts(registration) -> bool:
    """Whether a registration counts as made: sent (and not later lapsed into "no need")."""
    if registration is None:
        return False
    return registration.status == RegistrationStatus.SUBMITTED or (
        registration.status == RegistrationStatus.REOPENED and registration.submitted_at is not None)


def registration_status_text(registration, plan, now=None) -> str:
    """The status as the documents say it: "Đã đăng ký lúc …", "Chưa đăng ký",
    "Không có nhu cầu thi đua, khen thưởng năm N (từ ngày …)", "Mở lại đến hết …"."""
    late = ""
    if registration is None or registration.status == RegistrationStatus.DRAFT:
        m = registration_deadline(plan)
        if m is not None and (now or timezone.now()) >= m.deadline:
            # Past the deadline, not yet recorded as "no need" (the worker does it each morning).
            late = ", đã quá hạn"
    if registration is None:
        return f"Chưa đăng ký{late}"
    st = registration.status
    if st == RegistrationStatus.NO_NEED:
        since = f" (từ ngày {registration.closed_on:%d/%m/%Y})" if registration.closed_on else ""
        return f"Không có nhu cầu thi đua, khen thưởng năm {plan.year}{since}"
    sent = (f"Đã đăng ký lúc {timezone.localtime(registration.submitted_at):%H:%M %d/%m/%Y}"
            if registration.submitted_at else "")
    reopened = ""
    if registration.reopened_until and (st == RegistrationStatus.REOPENED or registration_is_open(registration, now)):
        reopened = f"Mở lại đến hết {registration.reopened_until:%d/%m/%Y}"
    if st == RegistrationStatus.SUBMITTED or (st == RegistrationStatus.REOPENED and sent):
        return f"{sent}; {reopened[:1].lower()}{reopened[1:]}" if reopened else sent
    if st == RegistrationStatus.REOPENED:
        return reopened or "Được mở lại"
    n = getattr(registration, "n_lines", None)
    if n is None:
        n = len(registration.lines.all())
    return f"Chưa đăng ký{late} (bản nháp {n} dòng chưa gửi)" if n else f"Chưa đăng ký{late}"


def registration_overview(plan, now=None, *, with_lines=True) -> list[dict]:
    """Every registering unit of ``plan`` with its registration (or None), status text and
    counts per award ("i:CODE" for individuals, "c:CODE" for collectives); lines of
    registrations not sent are not counted. ``with_lines=False`` (the screen): the counts
    come from one grouped query and no line is read."""
    units = list(registration_units(plan))
    regs = Registration.objects.filter(plan=plan, unit__in=units)
    if with_lines:
        regs = regs.prefetch_related("lines__award_type", "lines__person__unit", "lines__unit")
    else:
        regs = regs.annotate(n_lines=Count("lines"))
    regs = {r.unit_id: r for r in regs}
    for r in regs.values():
        r.plan = plan  # the same object, so its registration deadline is read once
    reasons = {}
    grouped = {}
    if regs:
        reasons = reopen_reasons(regs.values())
        if not with_lines:
            rows = (RegistrationLine.objects.filter(registration__in=[r.pk for r in regs.values() if registration_counts(r)])
                    .values_list("registration_id", "award_type__code", Q(person__isnull=False))
                    .annotate(n=Count("id")).order_by())
            for reg_id, code, individual, n in rows:
                grouped.setdefault(reg_id, {})[f"{'i' if individual else 'c'}:{code}"] = n
    out = []
    for unit in units:
        reg = regs.get(unit.pk)
        counted = registration_counts(reg)
        lines = list(reg.lines.all()) if reg and with_lines else []
        counts = {}
        if counted and with_lines:
            for line in lines:
                key = f"{'i' if line.person_id else 'c'}:{line.award_type.code}"
                counts[key] = counts.get(key, 0) + 1
        elif counted:
            counts = grouped.get(reg.pk, {})
        out.append({
            "unit": unit, "registration": reg, "counted": counted,
            "status": reg.status if reg else "none",
            "status_text": registration_status_text(reg, plan, now),
            "lines": lines if counted else [],
            "counts": counts,
            "n_individuals": sum(n for k, n in counts.items() if k.startswith("i:")),
            "n_collectives": sum(n for k, n in counts.items() if k.startswith("c:")),
            "reopen_reason": reasons.get(reg.pk, "") if reg else "",
        })
    return out


def registration_summary(plan, now=None) -> dict:
    """The counts of the standing office's summary of ``plan`` — registering units, sent,
    "no need", still waiting — by aggregate queries, without reading any registration line
    (a city plan has tens of thousands)."""
    units = registration_units(plan)
    counts = Registration.objects.filter(plan=plan, unit__in=units).aggregate(
        registered=Count("id", filter=Q(status=RegistrationStatus.SUBMITTED)
                         | Q(status=RegistrationStatus.REOPENED, submitted_at__isnull=False)),
        no_need=Count("id", filter=Q(status=RegistrationStatus.NO_NEED)))
    total = units.count()
    waiting = total - counts["registered"] - counts["no_need"]
    m = registration_deadline(plan)
    past = m is not None and (now or timezone.now()) >= m.deadline
    return {"total": total, **counts, "waiting": waiting, "past": past}


def registered_subjects(unit: Unit, year: int, award_code: str | None = None):
    """({person ids}, {unit ids}) registered (sent) for ``award_code`` in ``year`` among
    ``unit``'s subtree, or None when no published plan of that year concerns the unit."""
    plans = Plan.objects.filter(year=year, status=PlanStatus.PUBLISHED)
    ancestors = path_prefixes(unit.path)
    if not plans.filter(Q(unit__path__in=ancestors) | Q(unit__path__startswith=unit.path)).exists():
        return None
    lines = RegistrationLine.objects.filter(registration__plan__year=year, registration__plan__status=PlanStatus.PUBLISHED).filter(
        Q(registration__status=RegistrationStatus.SUBMITTED)
        | Q(registration__status=RegistrationStatus.REOPENED, registration__submitted_at__isnull=False))
    if award_code:
        lines = lines.filter(award_type__code=award_code)
    people = set(lines.filter(person__unit__path__startswith=unit.path).values_list("person_id", flat=True))
    units = set(lines.filter(unit__path__startswith=unit.path).values_list("unit_id", flat=True))
    return people, units


def registrations_by_plan_unit(pairs) -> dict:
    """{(plan id, unit id): Registration} of the (plan, unit ids) pairs given (one query; the desk asks it)."""
    q = Q(pk__in=[])
    for plan, unit_ids in pairs:
        q |= Q(plan=plan, unit__in=list(unit_ids))
    return {(r.plan_id, r.unit_id): r for r in Registration.objects.filter(q)} if pairs else {}
