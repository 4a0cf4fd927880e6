"""Revocation (hủy bỏ quyết định khen thưởng, Luật TĐKT 2022 Điều 93.2; Luật 2003 Điều 96.1) as a decision of
the authority that awarded.

- ``revocation_prepare``: the standing office, from a person's records page, starts from one award; the chain of
  what rested on it (decisions/chain.py) is shown first and confirmed once; each award revoked carries its money
  to recover and the items to return (pre-filled, editable) or, when left out, the reason. One draft per awarding
  authority: the award's decision's authority, or for a historical award the one chosen (suggested from the
  rulebook's authorities on its decision date).
- ``award_revoke``: the authority's signer (the chairman, or a deputy signing "KT. CHỦ TỊCH") issues the draft:
  number, date, signer; the chain is checked again, then every award of it is revoked — kept in history, marked,
  linked to the decision, no longer counted by eligibility — and the worker makes the Word and PDF files.
- ``revocation_discard``: a draft dropped (by the office that prepared it or the signer).

Every step: one transaction, rows locked, an event on each recipient's history.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.recording import record
from core.money import format_money
from core.text import clean_text
from org import duties
from org.duties import Duty

from .chain import chain, describe, recipient_name
from .models import Award, Decision, Revocation, RevocationGround, RevocationLine, RevocationStatus

GROUNDS_2022_DAY = date(2024, 1, 1)  # only to find the current wording when an older law lacks the ground


class ChainChanged(ValidationError):
    """The chain is not the one the officer saw: show it again (``chain``) before confirming."""

    def __init__(self, message, new_chain):
        super().__init__(message)
        self.chain = new_chain


# --- reads used by the actions and the pages ----------------------------------------------------------------

def may_prepare(user, award) -> bool:
    """Preparing a revocation is the standing office's (cơ quan thường trực) over the recipient's unit."""
    return duties.has_duty(user, award.person.unit if award.person_id else award.unit, Duty.STANDING_OFFICE)


def may_sign(user, revocation) -> bool:
    """Signing is for who holds the sign duty at the awarding authority itself (its chairman or a deputy), not
    at a level above it: a revocation is the decision of the authority that awarded."""
    from org.selectors import authorities_with_duty

    return authorities_with_duty(user, Duty.SIGN).filter(pk=revocation.authority_id).exists()


def may_discard(user, revocation) -> bool:
    return revocation.status == RevocationStatus.DRAFT and (may_prepare(user, revocation.root) or may_sign(user, revocation))


def ground_wording(award, ground) -> dict:
    """The ground as the law under which ``award`` was decided writes it (rulebook ``revocation_grounds``, the
    law in force on its decision date, else on 31/12 of its year): {text, basis, in_law}; ``in_law`` False when
    that law has no such ground (the 2003 law knew only a) — the current law's wording is given then."""
    from rulebook.selectors import parameter_on

    day = award.decision_date or date(award.year, 12, 31)
    rows = parameter_on("revocation_grounds", day, []) or []
    found = next((r for r in rows if r.get("ground") == ground), None)
    if found is not None:
        return {"text": found["text"], "basis": found["basis"], "in_law": True}
    today = max(timezone.localdate(), GROUNDS_2022_DAY)
    current = next((r for r in parameter_on("revocation_grounds", today, []) or [] if r.get("ground") == ground), None)
    label = dict(RevocationGround.choices).get(ground, ground)
    if current is None:
        return {"text": label[3:] if label[1:3] == ") " else label, "basis": f"điểm {ground} khoản 2 Điều 93 Luật Thi đua, "
                "khen thưởng năm 2022", "in_law": False}
    return {"text": current["text"], "basis": current["basis"], "in_law": False}


def law_note(award, ground) -> str:
    """What the officer should know when the law of the award's decision had no such ground ("" otherwise)."""
    if ground_wording(award, ground)["in_law"]:
        return ""
    when = f"ngày {award.decision_date:%d/%m/%Y}" if award.decision_date else f"cho thành tích năm {award.year}"
    return (f"{describe(award)} được quyết định {when}, theo Luật Thi đua, khen thưởng 2003: luật này chỉ quy định "
            "hủy bỏ khi gian dối trong kê khai thành tích (khoản 1 Điều 96). Căn cứ đã chọn dẫn theo Luật 2022: "
            "người có thẩm quyền cần xem xét.")


def revoked_text(award) -> str:
    """"theo Quyết định số 30/QĐ-UBND ngày 02/03/2026 của Phường Phú Lương (điểm b khoản 2 Điều 93 …)": how a
    revoked award names its revocation in a message."""
    r = award.revocation
    if r is not None and r.reference:
        text = f"theo Quyết định số {r.reference} ngày {r.date:%d/%m/%Y} của {r.authority.name}"
    elif award.revocation_decision_number:
        text = f"theo Quyết định số {award.revocation_decision_number} ngày {award.revoked_on:%d/%m/%Y}"
    else:
        text = f"ngày {award.revoked_on:%d/%m/%Y}"
    wording = ground_wording(award, award.revoked_ground) if award.revoked_ground else None
    return text + (f" ({wording['basis']})" if wording else "")


def reproposal_allowed(ground, day) -> bool:
    """May the same achievement be proposed again after a revocation on ``ground``? (rulebook
    ``revocation_reproposal_grounds``, in force on ``day``: the decision date of the new proposal)."""
    from rulebook.selectors import parameter_on

    return ground in (parameter_on("revocation_reproposal_grounds", day, ["c"]) or [])


def authority_choices(award) -> list:
    """The units that may have decided ``award`` when no decision of the system records it: the authorities
    above the recipient (for a person from their own unit up; for a collective from the unit above), nearest first."""
    from rulebook.authorities import authority_level
    from org.models import Unit

    start = award.person.unit if award.person_id else award.unit
    chain_units = [*reversed(list(Unit.objects.get_ancestors(start)))]
    if award.person_id:
        chain_units.insert(0, start)
    return [u for u in chain_units if authority_level(u) is not None]


def suggested_authority(award):
    """The award's decision's authority; for a historical award, the nearest authority above the recipient whose
    level could grant it on its decision date (rulebook authorities), else the nearest authority."""
    if award.decision_id:
        return award.decision.authority
    from rulebook.authorities import authority_level
    from rulebook.models import Authority

    day = award.decision_date or date(award.year, 12, 31)
    levels = set(Authority.objects.in_force(day).filter(award_type_id=award.award_type_id).values_list("level", flat=True))
    options = authority_choices(award)
    return next((u for u in options if authority_level(u, day) in levels), options[0] if options else None)


def default_money(award) -> int:
    """The money to recover, pre-filled: what was paid (Điều 93.2: the money is recovered)."""
    return award.amount or 0


def default_items(award) -> str:
    """The items to return, pre-filled: the certificate of a title, the Bằng khen or Giấy khen itself."""
    name = award.award_type.name
    if award.award_type.category == "title":
        return f"Giấy chứng nhận danh hiệu {name}"
    return name


def draft_holding(award):
    """The draft revocation that would revoke ``award`` already, or None."""
    line = (RevocationLine.objects.filter(award=award, included=True, revocation__status=RevocationStatus.DRAFT)
            .select_related("revocation__authority").first())
    return line.revocation if line else None


def next_number(authority, year, symbol="QĐ-UBND") -> str:
    """The next number of the authority's decisions of ``year`` with ``symbol`` (award decisions and revocations
    share the authority's register)."""
    from .actions import document_number, document_symbol

    symbol = document_symbol(symbol)
    taken = [n for n, s in Decision.objects.filter(authority=authority, date__year=year).values_list("number", "symbol")
             if document_symbol(s) == symbol]
    taken += [n for n, s in Revocation.objects.filter(authority=authority, date__year=year, status=RevocationStatus.ISSUED)
              .values_list("number", "symbol") if document_symbol(s) == symbol]
    numbers = [int(n) for n in (document_number(t) for t in taken) if n.isdigit()]
    return document_number(str(max(numbers, default=0) + 1))


def _number_taken(authority, number, symbol, year) -> bool:
    from .actions import document_number, document_symbol

    rows = list(Decision.objects.filter(authority=authority, date__year=year).values_list("number", "symbol"))
    rows += list(Revocation.objects.filter(authority=authority, date__year=year, status=RevocationStatus.ISSUED)
                 .values_list("number", "symbol"))
    return (number, symbol) in {(document_number(n), document_symbol(s)) for n, s in rows}


def _money(value):
    return format_money(value or 0)


def signer_title_for(authority, who="chairman") -> str:
    """The signer block's lines: "CHỦ TỊCH"; a deputy "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" (documents.nd30's when it
    has the helper)."""
    from documents import nd30

    head = nd30.head_title(authority) if hasattr(nd30, "head_title") else "CHỦ TỊCH"
    if hasattr(nd30, "signer_block"):
        return "\n".join(nd30.signer_block(who, head=head))
    return head if who == "chairman" else f"KT. {head}\nPHÓ {head}"


# --- preparing ------------------------------------------------------------------------------------------------

@transaction.atomic
def revocation_prepare(*, acting_user, award: Award, ground: str, reason: str, seen, lines=None) -> Revocation:
    """The standing office's draft revocation of ``award`` and of what rested on it.

    ``seen``: the chain's signature the officer was shown (``Chain.signature()``); when the chain is no longer
    that one (another revocation, an award recorded, a choice changed), nothing is written and ``ChainChanged``
    carries the new chain to show. ``lines``: {award id: {included, recover_amount, items_to_return,
    excluded_reason, authority}} as the officer set them; what is not given takes the proposal and the defaults."""
    lines = lines or {}
    root = (Award.objects.select_for_update(of=("self",)).select_related("award_type", "person__unit", "unit",
                                                                         "decision__authority").get(pk=award.pk))
    if not may_prepare(acting_user, root):
        raise PermissionDenied("Chỉ cơ quan thường trực thi đua, khen thưởng lập được dự thảo hủy bỏ khen thưởng này.")
    if root.revoked_on:
        raise ValidationError(f"{describe(root)} đã bị hủy bỏ ngày {root.revoked_on:%d/%m/%Y}.")
    pending = draft_holding(root)
    if pending is not None:
        raise ValidationError(f"{describe(root)} đã có trong dự thảo quyết định hủy bỏ của {pending.authority.name} "
                              f"lập ngày {timezone.localtime(pending.prepared_at):%d/%m/%Y}: ký hoặc hủy dự thảo đó trước.")
    reason = clean_text(reason or "", multiline=True).strip()
    errors = {}
    if ground not in RevocationGround.values:
        errors["ground"] = "Chưa chọn căn cứ hủy bỏ (khoản 2 Điều 93 Luật Thi đua, khen thưởng)."
    if not reason:
        errors["reason"] = "Chưa ghi lý do hủy bỏ."
    choices = {pk: bool(v["included"]) for pk, v in lines.items() if pk != root.pk and "included" in v}
    found = chain(root, choices=choices)
    if [tuple(s) for s in seen] != found.signature():
        raise ChainChanged("Các khen thưởng dựa trên khen thưởng này đã thay đổi so với lúc bạn xem (do lựa chọn vừa sửa "
                           "hoặc do dữ liệu mới): hãy xem lại danh sách rồi xác nhận.", found)
    plan = []  # (item, authority, money, items text, excluded reason)
    for item in found.items:
        a = item.award
        v = lines.get(a.pk, {})
        who = f"{describe(a)} của {recipient_name(a)}"
        key = f"l{a.pk}"
        if not item.included:
            why = clean_text(v.get("excluded_reason") or "", multiline=True).strip()
            if item.proposed and not why:
                errors[f"{key}-excluded_reason"] = f"Ghi lý do không hủy bỏ {who}."
            plan.append((item, None, 0, "", why))
            continue
        authority = a.decision.authority if a.decision_id else (v.get("authority") or suggested_authority(a))
        if authority is None:
            errors[f"{key}-authority"] = f"Chọn cấp đã quyết định {who}."
        elif not a.decision_id and authority.pk not in {u.pk for u in authority_choices(a)}:
            errors[f"{key}-authority"] = f"{authority.name} không phải cấp có thể đã quyết định {who}."
        other = draft_holding(a)
        if other is not None and a.pk != root.pk:
            errors[f"{key}-included"] = (f"{who} đã có trong dự thảo quyết định hủy bỏ khác của {other.authority.name}: "
                                         "ký hoặc hủy dự thảo đó trước.")
        money = v.get("recover_amount")
        money = default_money(a) if money is None else money
        if money < 0 or (a.amount is not None and money > a.amount):
            errors[f"{key}-recover_amount"] = (f"Số tiền thu hồi của {who} từ 0 đến {_money(a.amount)} (số tiền đã thưởng)."
                                               if a.amount is not None else f"Số tiền thu hồi của {who} không được âm.")
        things = clean_text(v["items_to_return"] if "items_to_return" in v else default_items(a)).strip()
        limit = RevocationLine._meta.get_field("items_to_return").max_length
        if len(things) > limit:
            errors[f"{key}-items_to_return"] = f"Hiện vật phải nộp lại của {who} dài tối đa {limit} ký tự."
        plan.append((item, authority, money, things, ""))
    if errors:
        raise ValidationError(errors)
    # The awards to revoke, locked until the draft is written (what another office might revoke meanwhile).
    Award.objects.select_for_update(of=("self",)).filter(pk__in=[i.award.pk for i in found.included]).exists()
    first_authority = next(auth for item, auth, *_ in plan if item.root)
    groups = {first_authority.pk: first_authority}
    for _item, auth, *_ in plan:
        if auth is not None:
            groups.setdefault(auth.pk, auth)
    drafts = {}
    for pk, auth in groups.items():
        drafts[pk] = Revocation.objects.create(authority=auth, root=root, ground=ground, reason=reason,
                                               follows=drafts.get(first_authority.pk), prepared_by=acting_user,
                                               signer_name="", status=RevocationStatus.DRAFT)
    for n, (item, auth, money, things, why) in enumerate(plan, start=1):
        RevocationLine.objects.create(
            revocation=drafts[auth.pk if auth is not None else first_authority.pk], position=n, award=item.award,
            rests_on=item.rests_on, proposed=item.proposed, included=item.included, excluded_reason=why,
            figures="\n".join(item.figures), recover_amount=money, items_to_return=things)
    for r in drafts.values():
        r.total = sum(line.recover_amount for line in r.lines.filter(included=True))
        r.save(update_fields=["total"])
    first = drafts[first_authority.pk]
    changes = {"Dự thảo hủy bỏ khen thưởng": ["", "; ".join(f"{describe(i.award)} — {recipient_name(i.award)}" for i in found.included)],
               "Căn cứ hủy bỏ": ["", dict(RevocationGround.choices)[ground]],
               "Cấp quyết định": ["", ", ".join(a.name for a in groups.values())]}
    kept = [i for i in found.items if not i.included]
    if kept:
        changes["Không hủy bỏ"] = ["", "; ".join(f"{describe(i.award)} — {recipient_name(i.award)}" for i in kept)]
    record(actor=acting_user, verb="revocation_prepare", target=root.person or root.unit, changes=changes,
           note=f"Lý do: {reason}")
    transaction.on_commit(lambda: _tell_signers(list(drafts.values())))
    return first


def _tell_signers(drafts):
    from django.urls import reverse

    from notifications.notify import notify_users

    for r in drafts:
        signers = duties.users_at(r.authority, Duty.SIGN)
        if signers:
            notify_users(signers, f"Dự thảo quyết định hủy bỏ khen thưởng chờ ký ({r.authority.name})",
                         f"Hủy bỏ {describe(r.root)} của {recipient_name(r.root)} và các khen thưởng dựa trên đó.",
                         reverse("decisions:revocation", args=[r.pk]))


@transaction.atomic
def revocation_discard(*, acting_user, revocation: Revocation, note: str = ""):
    """Drop a draft (and the drafts that follow it for other authorities): nothing was revoked by it."""
    rev = Revocation.objects.select_for_update(of=("self",)).select_related(
        "root__person__unit", "root__unit", "root__award_type", "authority").get(pk=revocation.pk)
    if rev.status != RevocationStatus.DRAFT:
        raise ValidationError("Quyết định hủy bỏ đã ban hành, không hủy được dự thảo.")
    if not may_discard(acting_user, rev):
        raise PermissionDenied("Chỉ cơ quan thường trực đã lập hoặc người ký mới hủy được dự thảo này.")
    if rev.followers.filter(status=RevocationStatus.ISSUED).exists():
        raise ValidationError("Đã có quyết định hủy bỏ của cấp khác ban hành theo dự thảo này: không hủy được dự thảo.")
    note = clean_text(note or "", multiline=True).strip()
    record(actor=acting_user, verb="revocation_discard", target=rev.root.person or rev.root.unit,
           changes={"Hủy dự thảo quyết định hủy bỏ": [f"{describe(rev.root)} ({rev.authority.name})", ""]}, note=note)
    rev.delete()


# --- issuing --------------------------------------------------------------------------------------------------

def _chain_changes(stored, found) -> list[str]:
    """What differs between the lines of the drafts and the chain computed now, named."""
    now = {i.award.pk: i for i in found.items}
    out = []
    for line in stored:
        i = now.get(line.award_id)
        who = f"{describe(line.award)} của {recipient_name(line.award)}"
        if i is None:
            out.append(f"{who} không còn trong chuỗi (đã bị hủy bỏ hoặc xóa)")
        elif i.proposed != line.proposed:
            out.append(f"{who} nay {'không còn đủ căn cứ' if i.proposed else 'vẫn đủ căn cứ'}")
    known = {line.award_id for line in stored}
    out += [f"thêm {describe(i.award)} của {recipient_name(i.award)}" for i in found.items if i.award.pk not in known]
    return out


def revoked_reason(line, revocation) -> str:
    """Why this award is revoked, as its history keeps it."""
    if line.rests_on_id is None:
        return revocation.reason
    base = line.rests_on
    whose = "" if (base.person_id, base.unit_id) == (line.award.person_id, line.award.unit_id) else f" của {recipient_name(base)}"
    return f"Không còn đủ tiêu chuẩn: {describe(base)}{whose}, là căn cứ xét tặng, bị hủy bỏ. {revocation.reason}"


@transaction.atomic
def award_revoke(*, acting_user, revocation: Revocation, number: str, date, signer_name: str, symbol: str = "QĐ-UBND",
                 signer_title: str = "CHỦ TỊCH", legal_bases: str = "") -> Revocation:
    """The authority's signer issues the revocation: its awards are revoked (Điều 93.2: the decision cancelled,
    the items and the money recovered), each linked to it, with an event on each recipient; the files follow."""
    from .actions import document_number, document_symbol

    rev = Revocation.objects.select_for_update(of=("self",)).select_related("authority", "root").get(pk=revocation.pk)
    if not may_sign(acting_user, rev):
        raise PermissionDenied(f"Chỉ người có thẩm quyền ký quyết định của {rev.authority.name} được ký quyết định hủy bỏ này.")
    if rev.status != RevocationStatus.DRAFT:
        raise ValidationError(f"{rev} đã được ban hành.")
    values = {"number": document_number(number), "symbol": document_symbol(symbol),
              "signer_name": clean_text(signer_name or "").strip(),
              "signer_title": clean_text(signer_title or "", multiline=True).strip()}
    errors = {}
    for key, label in (("number", "số quyết định"), ("symbol", "ký hiệu"), ("signer_name", "họ tên người ký"),
                       ("signer_title", "chức danh người ký")):
        if not values[key]:
            errors[key] = f"Nhập {label}."
    for key in ("number", "symbol"):
        limit = Revocation._meta.get_field(key).max_length
        if len(values[key]) > limit:
            errors[key] = f"Dài tối đa {limit} ký tự."
    lines = list(rev.lines.filter(included=True).select_related("award__award_type", "award__person__unit", "award__unit",
                                                                 "rests_on__award_type", "rests_on__person", "rests_on__unit"))
    awards = {a.pk: a for a in Award.objects.select_for_update(of=("self",)).filter(pk__in=[ln.award_id for ln in lines])
              .select_related("award_type", "person__unit", "unit")}
    if date is None:
        errors["date"] = "Nhập ngày ký."
    elif date > timezone.localdate():
        errors["date"] = "Ngày ký không được sau hôm nay."
    else:
        earlier = [a for a in awards.values() if a.decision_date and date < a.decision_date]
        if earlier:
            errors["date"] = (f"Ngày ký phải từ ngày quyết định khen thưởng: {describe(earlier[0])}.")
    if errors:
        raise ValidationError(errors)
    if _number_taken(rev.authority, values["number"], values["symbol"], date.year):
        raise ValidationError({"number": f"Số {values['number']}/{values['symbol']} đã dùng cho một quyết định khác của "
                                         f"{rev.authority.name} năm {date.year}."})
    done = [a for a in awards.values() if a.revoked_on]
    if done:
        raise ValidationError([f"{describe(a)} của {recipient_name(a)} đã bị hủy bỏ ngày {a.revoked_on:%d/%m/%Y}." for a in done])
    case = rev.case
    drafts = [case, *case.followers.all()]
    stored = list(RevocationLine.objects.filter(revocation__in=drafts).select_related(
        "award__award_type", "award__person", "award__unit"))
    choices = {ln.award_id: ln.included for ln in stored if ln.award_id != case.root_id}
    found = chain(case.root, choices=choices,
                  case_ids=[r.pk for r in drafts if r.status == RevocationStatus.ISSUED])
    changed = _chain_changes(stored, found)
    if changed:
        raise ValidationError("Từ khi lập dự thảo, các khen thưởng dựa trên " + describe(case.root) + " đã thay đổi: "
                              + "; ".join(changed) + ". Cơ quan thường trực cần hủy dự thảo này và lập lại.")
    for key, value in values.items():
        setattr(rev, key, value)
    rev.date, rev.legal_bases = date, clean_text(legal_bases or "", multiline=True).strip()
    rev.status, rev.signed_by, rev.issued_at = RevocationStatus.ISSUED, acting_user, timezone.now()
    rev.total = sum(ln.recover_amount for ln in lines)
    rev.render_status = "pending"
    rev.save()
    ground_label = rev.get_ground_display()
    for ln in lines:
        a = awards[ln.award_id]
        a.revoked_on, a.revoked_ground, a.revoked_reason = date, rev.ground, revoked_reason(ln, rev)
        a.revoked_by = acting_user
        a.revocation, a.revocation_decision_number = rev, rev.reference
        a.recover_amount, a.items_to_return = ln.recover_amount, ln.items_to_return
        a.save(update_fields=["revoked_on", "revoked_ground", "revoked_reason", "revoked_by", "revocation",
                              "revocation_decision_number", "recover_amount", "items_to_return"])
        changes = {"Khen thưởng bị hủy bỏ": ["", describe(a)], "Ngày hủy bỏ": ["", f"{date:%d/%m/%Y}"],
                   "Quyết định hủy bỏ": ["", f"{rev.reference} ngày {date:%d/%m/%Y} của {rev.authority.name}"],
                   "Căn cứ (khoản 2 Điều 93, điểm)": ["", rev.ground], "Căn cứ hủy bỏ": ["", ground_label]}
        if ln.recover_amount:
            changes["Tiền thưởng phải thu hồi"] = ["", _money(ln.recover_amount)]
        if ln.items_to_return:
            changes["Hiện vật phải nộp lại"] = ["", ln.items_to_return]
        record(actor=acting_user, verb="award_revoke", target=a.person or a.unit, changes=changes,
               note=f"Lý do: {a.revoked_reason}")
    from .tasks import render_revocation

    transaction.on_commit(lambda: render_revocation(rev.pk))
    return rev


def revocation_files_again(*, acting_user, revocation):
    """Make an issued revocation's files again (they failed, or went missing): the signer or the standing office."""
    from .models import RenderStatus
    from .tasks import make_revocation_again

    if not (may_sign(acting_user, revocation) or duties.has_duty(acting_user, revocation.authority, Duty.STANDING_OFFICE)):
        raise PermissionDenied("Chỉ người ký hoặc cơ quan thường trực tạo lại được tệp của quyết định.")
    if revocation.status != RevocationStatus.ISSUED:
        raise ValidationError("Dự thảo chưa ban hành, chưa có tệp.")
    if revocation.render_status in (RenderStatus.PENDING, RenderStatus.RUNNING):
        raise ValidationError("Tệp của quyết định đang được tạo.")
    make_revocation_again(revocation)
