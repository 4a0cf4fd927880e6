"""The chairman decides on the dossiers waiting for the decision (the dossier's step "decide"): the lines the council
passed (or that needed no vote) are appraised once more on the decision date with the signer named — nobody signs
their own award —, their money is fixed under the rulebook in force that day (the highest title only for one
achievement), and the decision is written by the decisions layer (decisions.actions.decision_create, which knows no
dossier); the lines are awarded and the dossiers decided, in one transaction. State awards passed by the council
wait to be submitted to the central level (dossiers.actions.dossier_submit_central).

Issuing cannot be undone (only revoked, Điều 93.2), so the page first shows what will be issued — the document's
text, the annex and the money (``decision_preview``, nothing written) — and issues only what was shown: the preview's
``signature`` comes back with the confirmation, and a decision whose lines or money changed meanwhile is shown again
(``PreviewChanged``) instead of being issued."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date as Date

from django.core.exceptions import ValidationError
from django.db import transaction

from decisions.actions import Wanted, decision_create, default_subject, header_errors
from decisions.models import Award
from org.duties import Duty, require

from .appraisal import Line as Nomination, appraise
from .models import Dossier, Line, Outcome, Status
from .selectors import central_award_ids, forwardable, granted_above, signers_at

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


# --- who signs, which number -------------------------------------------------------------------------------------

def signer_options(authority, lines=()) -> list:
    """The people who may sign ``authority``'s decision on ``lines``: its chairman first, then the deputies
    (dossiers.selectors.signers_at), less anyone the lines propose — nobody signs their own award
    (the appraisal's ``signer_is_recipient``)."""
    proposed = {ln.person_id for ln in lines if ln.person_id}
    return [p for p in signers_at(authority) if p.pk not in proposed]


def is_deputy(person) -> bool:
    """A deputy ("Phó Chủ tịch …") signs for the chairman: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
    from core.text import fold

    return fold(person.position or "").startswith("pho")


def suggested_number(authority, day: Date, symbol: str = "QĐ-UBND") -> str:
    """The next number of ``authority``'s decisions of ``day``'s year, from the numbers it has issued that year
    (award decisions and revocations share the register), written as decisions write them ("05")."""
    from decisions.selectors import next_decision_number

    return next_decision_number(authority, day.year, symbol)


# --- what will be issued ------------------------------------------------------------------------------------------

@dataclass
class Preview:
    """A decision as it would be issued now: its fields, its lines with their money, its text. Nothing written."""

    authority: object
    dossiers: list
    year: int
    date: Date
    values: dict  # number, symbol, signer_name, signer_title as decisions write them
    subject: str
    legal_bases: str
    signer: object
    lines: list
    amounts: list
    occasions: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(a or 0 for a in self.amounts)

    def signature(self) -> str:
        """What the chairman saw: the fields, each line and its money. Issuing checks it again."""
        data = [self.authority.pk, sorted(d.pk for d in self.dossiers), self.date.isoformat(), self.values, self.subject,
                self.legal_bases, getattr(self.signer, "pk", None),
                [[ln.pk, ln.award_type_id, ln.person_id, ln.unit_id, a] for ln, a in zip(self.lines, self.amounts)]]
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]

    def awards(self) -> list:
        """The awards the decision will give (unsaved), in the lines' order."""
        return [Award(award_type=ln.award_type, person=ln.person, unit=ln.unit, year=self.year, amount=a)
                for ln, a in zip(self.lines, self.amounts)]

    def document(self) -> dict:
        """The decision's text (decisions.documents.preview_context): heading, căn cứ, articles, annex, total."""
        from decisions.documents import preview_context

        return preview_context(authority=self.authority, number=self.values["number"], symbol=self.values["symbol"],
                               day=self.date, year=self.year, subject=self.subject, legal_bases=self.legal_bases,
                               signer_title=self.values["signer_title"], signer_name=self.values["signer_name"],
                               awards=self.awards())


class PreviewChanged(ValidationError):
    """What would be issued is no longer what was shown (a line passed, money on another date…): show ``preview``."""

    def __init__(self, message, preview):
        super().__init__(message)
        self.preview = preview


def _plan(*, authority, dossiers, number, date, signer_name, symbol, signer_title, subject, legal_bases, signer) -> Preview:
    values, errors = header_errors(authority=authority, number=number, symbol=symbol, date=date, signer_name=signer_name,
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
    occasion = {d.pk: d.occasion for d in dossiers}
    result = appraise(authority=authority, decision_date=date, year=year, signer=signer,
                      lines=[Nomination(i, ln.person or ln.unit, ln.award_type, ln.recipient_kind, "",
                                        occasion[ln.dossier_id], ln.achievement) for i, ln in enumerate(lines, 1)])
    blocked = [(ln, p) for ln, r in zip(lines, result.lines) for p in r.problems if p.code in BLOCKING_AT_ISSUE]
    if blocked:
        raise ValidationError({"dossiers": [f"{ln.recipient_name} — {ln.award_type.name}: {p.message}" for ln, p in blocked[:20]]})
    from core.text import clean_text

    return Preview(authority=authority, dossiers=list(dossiers), year=year, date=date, values=values,
                   subject=clean_text(subject or "").strip() or default_subject(year),
                   legal_bases=clean_text(legal_bases or "", multiline=True).strip(), signer=signer, lines=lines,
                   amounts=[r.amount for r in result.lines], occasions=occasion)


def decision_preview(*, acting_user, authority, dossiers, number: str, date, signer_name: str, symbol: str = "QĐ-UBND",
                     signer_title: str = "CHỦ TỊCH", subject: str = "", legal_bases: str = "", signer=None) -> Preview:
    """What ``decision_issue`` with the same arguments would issue, checked the same way; nothing is written."""
    require(acting_user, authority, Duty.SIGN,
            "Chỉ người có thẩm quyền ký quyết định của cấp này được ban hành quyết định khen thưởng.")
    if signer is None:
        signer = getattr(acting_user, "person", None)
    dossiers = list(Dossier.objects.filter(pk__in=[d.pk for d in dossiers]))
    return _plan(authority=authority, dossiers=dossiers, number=number, date=date, signer_name=signer_name, symbol=symbol,
                 signer_title=signer_title, subject=subject, legal_bases=legal_bases, signer=signer)


@transaction.atomic
def decision_issue(*, acting_user, authority, dossiers, number: str, date, signer_name: str, symbol: str = "QĐ-UBND",
                   signer_title: str = "CHỦ TỊCH", subject: str = "", legal_bases: str = "", signer=None, seen=None):
    """Issue the decision on ``dossiers`` (waiting for the decision of ``authority``). ``signer`` (a Person) is who
    signs — by default the issuing user's person: a line whose recipient is the signer blocks the decision (a deputy
    signs "KT. CHỦ TỊCH" instead). ``seen``: the signature of the preview the chairman confirmed; when what would be
    issued differs, nothing is written and ``PreviewChanged`` carries the new preview."""
    from .actions import dossier_decide

    require(acting_user, authority, Duty.SIGN,
            "Chỉ người có thẩm quyền ký quyết định của cấp này được ban hành quyết định khen thưởng.")
    dossiers = list(Dossier.objects.select_for_update().filter(pk__in=[d.pk for d in dossiers]))
    if signer is None:
        signer = getattr(acting_user, "person", None)
    plan = _plan(authority=authority, dossiers=dossiers, number=number, date=date, signer_name=signer_name, symbol=symbol,
                 signer_title=signer_title, subject=subject, legal_bases=legal_bases, signer=signer)
    if seen is not None and seen != plan.signature():
        raise PreviewChanged("Quyết định đã khác bản xem trước (danh sách, số tiền hoặc thông tin quyết định vừa thay đổi): "
                             "hãy xem lại rồi xác nhận ban hành.", plan)
    # The initiatives each award counts are recorded with it: the engine and the appraisal do not count them again.
    from initiatives.usage import counted

    used = counted(plan.year, [(ln.person, ln.award_type) for ln in plan.lines if ln.person_id])
    awards = [Wanted(award_type=ln.award_type, year=plan.year, person=ln.person, unit=ln.unit,
                     occasion=plan.occasions[ln.dossier_id], achievement=ln.achievement,
                     initiatives=used.get((ln.person_id, ln.award_type_id), []),
                     extra={"nomination": ln, "amount": amount})
              for ln, amount in zip(plan.lines, plan.amounts)]
    decision = decision_create(acting_user=acting_user, authority=authority, year=plan.year, date=date, number=number,
                               symbol=symbol, signer_name=signer_name, signer_title=signer_title, subject=subject,
                               legal_bases=legal_bases, signer=signer, awards=awards, dossiers=dossiers)
    Line.objects.filter(pk__in=[ln.pk for ln in plan.lines]).update(outcome=Outcome.AWARDED)
    for d in dossiers:
        dossier_decide(acting_user=acting_user, dossier=d, decision=decision)
    return decision
