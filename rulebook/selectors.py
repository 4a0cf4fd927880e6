"""Reads of the rulebook. The rules are the same for everyone and every signed-in user may read them;
what only an editor (duty ``edit_rulebook``) may open is got through the ``*_get_for_editor`` helpers."""

from datetime import date

from django.http import Http404

from org import duties
from org.duties import Duty

from .models import BASIS_KIND_ORDER, AwardType, BaseSalary, Coefficient, Criterion, LegalBasis, Parameter, RuleSet, Status


def award_types_with_money():
    """Every title and award form with its standards and criteria, authorities and bonus coefficients, the
    decidable first. Each award's ``periods`` lists its standards, the latest first, each with its criteria."""
    awards = list(AwardType.objects.prefetch_related("criteria", "standards", "authorities", "coefficients__rule_set")
                  .order_by("-decidable", "rank", "code"))
    for a in awards:
        standards = sorted(a.standards.all(), key=lambda st: st.valid_from or date.min, reverse=True)
        a.periods = [(st, [c for c in a.criteria.all() if st.covers(c)]) for st in standards]
        covered = {c.pk for _, cs in a.periods for c in cs}
        rest = [c for c in a.criteria.all() if c.pk not in covered]
        if rest:
            a.periods.append((None, rest))
    return awards


def decidable_award_types():
    """The titles and award forms the engine decides, in rank order."""
    return AwardType.objects.filter(decidable=True).order_by("rank", "code")


def rule_sets():
    return RuleSet.objects.order_by("valid_from")


def parameters():
    return Parameter.objects.order_by("key", "valid_from")


def base_salaries():
    return BaseSalary.objects.order_by("-valid_from")


def legal_bases():
    """Every căn cứ line of the rulebook, grouped as a decision cites them (competence, TĐKT, province), the
    newest period first within each."""
    rows = list(LegalBasis.objects.all())
    rows.sort(key=lambda b: (BASIS_KIND_ORDER.get(b.kind, 9), -(b.valid_from or date.min).toordinal(), b.order, b.code))
    return rows


def legal_bases_on(day, level: str, province: str = ""):
    """The căn cứ lines in force on ``day`` for an authority of ``level`` (commune, district, province, agency)
    in ``province`` (the name of its root unit), in the order a decision cites them."""
    rows = [b for b in LegalBasis.objects.in_force(day)
            if level in (b.levels or []) and (not b.province or b.province == province)]
    rows.sort(key=lambda b: (BASIS_KIND_ORDER.get(b.kind, 9), b.order, b.valid_from or date.min, b.code))
    return rows


def rulebook_events(n=30):
    """The last changes to the rulebook."""
    from audit.models import Event

    return Event.objects.filter(verb="rulebook").select_related("actor")[:n]


def unverified_counts() -> dict:
    """{what: how many} of the rules not yet checked against the source text."""
    unverified = {}
    for model, label in ((Parameter, "tham số"), (Criterion, "tiêu chí"), (AwardType, "danh hiệu, hình thức"),
                         (LegalBasis, "căn cứ ban hành")):
        n = model.objects.filter(status=Status.UNVERIFIED).count()
        if n:
            unverified[label] = n
    return unverified


def _require_editor(user):
    if not duties.has_duty(user, None, Duty.EDIT_RULEBOOK):
        raise Http404


def parameter_get_for_editor(user, pk) -> Parameter:
    """The parameter, or 404 when it does not exist or the user may not edit the rulebook."""
    _require_editor(user)
    try:
        return Parameter.objects.get(pk=pk)
    except (Parameter.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy tham số") from None


def coefficient_get_for_editor(user, pk) -> Coefficient:
    """The bonus coefficient, or 404 when it does not exist or the user may not edit the rulebook."""
    _require_editor(user)
    try:
        return Coefficient.objects.select_related("award_type", "rule_set").get(pk=pk)
    except (Coefficient.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy hệ số") from None


def parameter_row_on(key: str, day):
    """The stored parameter ``key`` in force on ``day`` (its value, status and legal basis), or None."""
    from django.db.models import F

    return Parameter.objects.in_force(day).filter(key=key).order_by(F("valid_from").desc(nulls_last=True)).first()


def parameter_on(key: str, day, default=None):
    """The value of parameter ``key`` in force on ``day`` (the seed file's when the stored one does not fit its shape)."""
    from .schema import value_or_default

    row = parameter_row_on(key, day)
    if row is None:
        return default
    return value_or_default(row)[0]


def award_types_in_force(day=None):
    """The titles and award forms of the catalogue in force on ``day`` (today), in rank order."""
    from django.utils import timezone

    return list(AwardType.objects.in_force(day or timezone.localdate()).order_by("rank", "code"))
