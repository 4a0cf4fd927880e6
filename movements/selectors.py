"""Reads of plans, movements and registrations, scoped to the user.

A plan or movement is visible to the people of its level and of every level
under it (units under a plan see it once it is published); drafts only to
those who may edit at the issuing level.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from org import duties
from org.duties import Duty
from org.models import Person, Unit

from .models import Movement, MovementStatus, Plan, PlanStatus, Registration


def _prefixes(path):
    return [path[:i] for i in range(Unit.steplen, len(path) + 1, Unit.steplen)]


def _visible_issuers_q(user, field):
    """Issued at a unit in scope, or at an ancestor of a unit in scope (published only)."""
    paths = duties.paths_where(user, Duty.VIEW)
    if paths == [""]:
        return Q(), Q()
    below = Q(pk__in=[])
    above_paths = set()
    for p in paths:
        below |= Q(**{f"{field}__path__startswith": p})
        above_paths.update(_prefixes(p)[:-1])
    return below, Q(**{f"{field}__path__in": above_paths})


def plans_for(user):
    below, above = _visible_issuers_q(user, "unit")
    drafts_ok = duties.duty_q(user, Duty.STANDING_OFFICE, prefix="unit__")
    return (Plan.objects.filter((below & (Q(status=PlanStatus.PUBLISHED) | drafts_ok)) | (above & Q(status=PlanStatus.PUBLISHED)))
            .select_related("unit", "parent").distinct())


def plan_get_for_user(user, pk) -> Plan:
    try:
        return plans_for(user).get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy kế hoạch") from None


def movements_for(user):
    below, above = _visible_issuers_q(user, "unit")
    drafts_ok = duties.duty_q(user, Duty.STANDING_OFFICE, prefix="unit__")
    published = ~Q(status=MovementStatus.DRAFT)
    return (Movement.objects.filter((below & (published | drafts_ok)) | (above & published))
            .select_related("unit", "plan", "parent").distinct())


def movement_get_for_user(user, pk) -> Movement:
    try:
        return movements_for(user).get(pk=pk)
    except (Movement.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy phong trào") from None


def movement_inbox(user):
    """Launched movements of the levels above the user's units: what they should implement."""
    _, above = _visible_issuers_q(user, "unit")
    return Movement.objects.filter(above, status=MovementStatus.LAUNCHED).select_related("unit").order_by("-launched_at")


def parent_plan_choices(unit: Unit, year=None):
    qs = Plan.objects.filter(unit__path__in=_prefixes(unit.path)[:-1], status=PlanStatus.PUBLISHED).select_related("unit")
    return qs.filter(year=year) if year else qs


def parent_movement_choices(unit: Unit):
    return Movement.objects.filter(unit__path__in=_prefixes(unit.path)[:-1], status=MovementStatus.LAUNCHED).select_related("unit")


# --- targets: live values from the data ---------------------------------------

def target_values(target, units, year: int, cache: dict | None = None) -> dict:
    """The live value (%) of a movement target for each unit's subtree in ``year``
    ({unit id: value or None}). One grouped query per count, however many units:
    rows are grouped by the unit people work in, then added up under each unit.
    ``cache``: a dict shared by the targets of one page (the head counts are read once)."""
    cache = {} if cache is None else cache
    from decisions.models import Award
    from initiatives.models import Initiative

    units = list(units)
    if target.metric == "manual":
        return {u.pk: target.manual_value for u in units}
    if target.metric == "registration_share":
        regs = Registration.objects.filter(plan__year=year, plan__unit=target.movement.unit)
        n = regs.count()
        value = Decimal(regs.filter(status="submitted").count() * 100) / n if n else None
        return {u.pk: value for u in units}
    if not units:
        return {}
    # The fewest path prefixes covering every unit (a city movement's own unit covers all
    # the others): one LIKE each instead of one per unit.
    prefixes = sorted({u.path for u in units})
    roots = [p for i, p in enumerate(prefixes) if not any(p.startswith(q) for q in prefixes[:i])]

    def under(field):
        q = Q()
        for path in roots:
            q |= Q(**{f"{field}__path__startswith": path})
        return q

    by_path = {}
    for u in units:
        by_path.setdefault(u.path, []).append(u.pk)

    def owners(path):
        """The units (ids) ``path`` lies under: its prefixes looked up, not every unit tried."""
        for i in range(Unit.steplen, len(path) + 1, Unit.steplen):
            yield from by_path.get(path[:i], ())

    def per_unit(rows):
        """{path: n} summed under each unit: {unit id: n}."""
        out = {u.pk: 0 for u in units}
        for path, n in rows:
            for pk in owners(path):
                out[pk] += n
        return out

    def share(part, whole):
        return {pk: (Decimal(part[pk] * 100) / whole[pk] if whole[pk] else None) for pk in whole}

    key = ("total", tuple(roots))
    if key not in cache:
        # Head counts by unit id (read from the person.unit index, no join), then by path.
        in_scope = Unit.objects.filter(Q(*[Q(path__startswith=r) for r in roots], _connector=Q.OR))
        paths = dict(in_scope.values_list("pk", "path"))
        counts = Person.objects.filter(unit_id__in=in_scope.values("pk")).values_list("unit_id").annotate(n=Count("id")).order_by()
        cache[key] = per_unit([(paths[uid], n) for uid, n in counts if uid in paths])
    total = cache[key]
    # Initiatives of the year by their authors, read from the year's initiatives (thousands),
    # not from everyone's (hundreds of thousands).
    authorship = Initiative.authors.through.objects.filter(
        initiative__recognized_on__gte=date(year, 1, 1), initiative__recognized_on__lte=date(year, 12, 31)).filter(under("person__unit"))
    if target.metric == "initiative_share":
        rows = authorship.values_list("person__unit__path").annotate(n=Count("person_id", distinct=True)).order_by()
        return share(per_unit(list(rows)), total)
    if target.metric == "ldtt_share":
        ldtt = Award.objects.filter(year=year, award_type__code="LDTT").filter(under("person__unit"))
        return share(per_unit(list(ldtt.values_list("person__unit__path").annotate(n=Count("id")).order_by())), total)
    if target.metric == "initiative_applied":
        # The share of the year's initiatives whose effect in application was confirmed;
        # an initiative counts once under a unit however many of its authors work there.
        rows = set(authorship.values_list("initiative_id", "initiative__effect_confirmed", "person__unit__path"))
        mine = {u.pk: set() for u in units}
        for i, confirmed, path in rows:
            for pk in owners(path):
                mine[pk].add((i, confirmed))
        return {pk: Decimal(sum(1 for _, c in found if c) * 100) / len(found) if found else None for pk, found in mine.items()}
    return {u.pk: None for u in units}


def target_value(target, unit: Unit, year: int):
    """The live value (%) of a movement target for ``unit``'s subtree in ``year``, or None."""
    return target_values(target, [unit], year)[unit.pk]


def default_year():
    return timezone.localdate().year


# --- registration: the consolidated view of a plan, and what feeds eligibility ---

def registration_counts(registration) -> bool:
    """Whether a registration counts as made: sent (and not later lapsed into "no need")."""
    from .models import RegistrationStatus

    if registration is None:
        return False
    return registration.status == RegistrationStatus.SUBMITTED or (
        registration.status == RegistrationStatus.REOPENED and registration.submitted_at is not None)


def registration_status_text(registration, plan, now=None) -> str:
    """The status as the documents say it: "Đã đăng ký lúc …", "Chưa đăng ký",
    "Không có nhu cầu thi đua, khen thưởng năm N (từ ngày …)", "Mở lại đến hết …"."""
    from .actions import registration_is_open
    from .models import RegistrationStatus

    late = ""
    if registration is None or registration.status == RegistrationStatus.DRAFT:
        from .actions import registration_deadline

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
    from audit.models import Event
    from django.contrib.contenttypes.models import ContentType

    from .actions import registration_units
    from .models import RegistrationLine

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
        ct = ContentType.objects.get_for_model(Registration)
        for e in Event.objects.filter(target_type=ct, target_id__in=[r.pk for r in regs.values()], verb="reopen").order_by("at", "id"):
            reasons[e.target_id] = e.note
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
    from django.db.models import Count, Q as Q_

    from .actions import registration_deadline, registration_units
    from .models import RegistrationStatus

    units = registration_units(plan)
    counts = Registration.objects.filter(plan=plan, unit__in=units).aggregate(
        registered=Count("id", filter=Q_(status=RegistrationStatus.SUBMITTED)
                         | Q_(status=RegistrationStatus.REOPENED, submitted_at__isnull=False)),
        no_need=Count("id", filter=Q_(status=RegistrationStatus.NO_NEED)))
    total = units.count()
    waiting = total - counts["registered"] - counts["no_need"]
    m = registration_deadline(plan)
    past = m is not None and (now or timezone.now()) >= m.deadline
    return {"total": total, **counts, "waiting": waiting, "past": past}


def registered_subjects(unit: Unit, year: int, award_code: str | None = None):
    """({person ids}, {unit ids}) registered (sent) for ``award_code`` in ``year`` among
    ``unit``'s subtree, or None when no published plan of that year concerns the unit."""
    from .models import RegistrationLine, RegistrationStatus

    plans = Plan.objects.filter(year=year, status=PlanStatus.PUBLISHED)
    ancestors = _prefixes(unit.path)
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
