"""The chairman decides on the dossiers waiting for the decision (the dossier's step "decide"): the lines the council
passed (or that needed no vote) are appraised once more on the decision date with the signer named — nobody signs
their own award —, their money is fixed under the rulebook in force that day (the highest title only for one
achievement), and the decision is written by the decisions layer (decisions.actions.decision_create, which knows no
dossier); the lines are awarded and the dossiers decided, in one transaction. State awards passed by the council
wait to be submitted to the central level (dossiers.actions.dossier_submit_central)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from decisions.actions import Wanted, decision_create, header_errors
from org.duties import Duty, require

from .appraisal import Line as Nomination, appraise
from .models import Dossier, Line, Outcome, Status
from .selectors import central_award_ids, forwardable, granted_above

# Problems that make a line impossible to award, whatever the council said.
BLOCKING_AT_ISSUE = {"already_awarded", "duplicate_line", "wrong_recipient_kind", "beyond_authority", "signer_is_recipient",
                     "revoked"}


def issuable_lines(dossiers, authority=None, day=None):
    """The lines the decision gives: passed by the council or needing no vote, less the state awards (for the central
    level) and the lines the council passed for the level above (they go up: dossier_forward) when ``authority`` is
    given."""
    lines = list(Line.objects.filter(dossier__in=dossiers, outcome__in=[Outcome.PASSED, Outcome.NO_VOTE])
                 .select_related("dossier", "person__unit", "unit", "award_type").order_by("dossier_id", "position", "id"))
    if authority is None:
        return lines
    central = central_award_ids(authority, day)
    above = granted_above(authority, day)
    return [ln for ln in lines if ln.award_type_id not in central and not forwardable(ln, above)]


@transaction.atomic
def decision_issue(*, acting_user, authority, dossiers, number: str, date, signer_name: str, symbol: str = "QĐ-UBND",
                   signer_title: str = "CHỦ TỊCH", subject: str = "", legal_bases: str = "", signer=None):
    """Issue the decision on ``dossiers`` (waiting for the decision of ``authority``). ``signer`` (a Person) is who
    signs — by default the issuing user's person: a line whose recipient is the signer blocks the decision (a deputy
    signs "KT. CHỦ TỊCH" instead)."""
    from .actions import dossier_decide

    require(acting_user, authority, Duty.SIGN,
            "Chỉ người có thẩm quyền ký quyết định của cấp này được ban hành quyết định khen thưởng.")
    dossiers = list(Dossier.objects.select_for_update().filter(pk__in=[d.pk for d in dossiers]))
    _, errors = header_errors(authority=authority, number=number, symbol=symbol, date=date, signer_name=signer_name,
                              signer_title=signer_title)
    wrong = [d.code for d in dossiers if d.authority_id != authority.pk or d.status != Status.DECISION]
    if wrong:
        errors["dossiers"] = "Hồ sơ chưa đến bước quyết định của cấp này: " + ", ".join(wrong)
    if not dossiers:
        errors["dossiers"] = "Chọn ít nhất một hồ sơ."
    if errors:
        raise ValidationError(errors)
    years = {d.year for d in dossiers}
    if len(years) > 1:
        raise ValidationError({"dossiers": "Một quyết định khen thưởng cho một năm thành tích: các hồ sơ đã chọn thuộc nhiều năm."})
    year = years.pop()
    lines = issuable_lines(dossiers, authority, date)
    if not lines:
        raise ValidationError({"dossiers": "Không có dòng nào được Hội đồng thông qua để khen thưởng."})
    if signer is None:
        signer = getattr(acting_user, "person", None)
    occasion = {d.pk: d.occasion for d in dossiers}
    result = appraise(authority=authority, decision_date=date, year=year, signer=signer,
                      lines=[Nomination(i, ln.person or ln.unit, ln.award_type, ln.recipient_kind, "",
                                        occasion[ln.dossier_id], ln.achievement) for i, ln in enumerate(lines, 1)])
    blocked = [(ln, p) for ln, r in zip(lines, result.lines) for p in r.problems if p.code in BLOCKING_AT_ISSUE]
    if blocked:
        raise ValidationError({"dossiers": [f"{ln.recipient_name} — {ln.award_type.name}: {p.message}" for ln, p in blocked[:20]]})
    awards = [Wanted(award_type=ln.award_type, year=year, person=ln.person, unit=ln.unit, occasion=occasion[ln.dossier_id],
                     achievement=ln.achievement, extra={"nomination": ln, "amount": r.amount})
              for ln, r in zip(lines, result.lines)]
    decision = decision_create(acting_user=acting_user, authority=authority, year=year, date=date, number=number,
                               symbol=symbol, signer_name=signer_name, signer_title=signer_title, subject=subject,
                               legal_bases=legal_bases, signer=signer, awards=awards, dossiers=dossiers)
    Line.objects.filter(pk__in=[ln.pk for ln in lines]).update(outcome=Outcome.AWARDED)
    for d in dossiers:
        dossier_decide(acting_user=acting_user, dossier=d, decision=decision)
    return decision
