"""Issuing a decision on awards. The decisions layer knows no dossier: the caller (dossiers.decide) says which awards
the decision gives, each with its money; this checks the decision's own fields (number, date, signer), writes the
decision and its awards into the history at once, and has the worker make its files (decisions/tasks.py)."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.recording import record
from core.text import clean_text
from documents.nd30 import document_number, document_symbol
from org import duties
from org.duties import Duty, require

from ..models import Award, Decision
from .history import awards_held, awards_write

VERIFY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper


def new_verify_code() -> str:
    return "".join(secrets.choice(VERIFY_ALPHABET) for _ in range(8))


def header_errors(*, authority, number, symbol, date, signer_name, signer_title) -> tuple[dict, dict]:
    """(the decision's fields as written, {field: message}): what a decision needs of itself, whatever it decides."""
    values = {"number": document_number(number), "symbol": document_symbol(symbol),
              "signer_name": clean_text(signer_name or "").strip(),
              "signer_title": clean_text(signer_title or "", multiline=True).strip()}
    errors = {}
    for key, label in (("number", "số quyết định"), ("symbol", "ký hiệu"), ("signer_name", "họ tên người ký"),
                       ("signer_title", "chức danh người ký")):
        if not values[key]:
            errors[key] = f"Nhập {label}."
    if date is None:
        errors["date"] = "Nhập ngày ký."
    elif date > timezone.localdate():
        errors["date"] = "Ngày ký không được sau hôm nay."
    elif values["number"] and values["symbol"]:
        taken = Decision.objects.filter(authority=authority, date__year=date.year).values_list("number", "symbol")
        if (values["number"], values["symbol"]) in {(document_number(n), document_symbol(s)) for n, s in taken}:
            errors["number"] = f"Số {values['number']}/{values['symbol']} đã dùng cho một quyết định khác năm {date.year}."
    return values, errors


def default_subject(year) -> str:
    """The trích yếu of a year-end decision when none is typed."""
    return f"Về việc khen thưởng tổng kết phong trào thi đua năm {year}"


@transaction.atomic
def decision_create(*, acting_user, authority, year: int, date, number: str, signer_name: str, awards: list,
                    symbol: str = "QĐ-UBND", signer_title: str = "CHỦ TỊCH", subject: str = "", legal_bases: str = "",
                    signer=None, dossiers=()) -> Decision:
    """The chairman's decision giving ``awards`` (decisions.actions.Wanted, each with ``extra={"amount": …}`` and any
    more Award fields: the nomination it answers) for the achievements of ``year``: they enter the history at once,
    with the decision's number and date and a verification code each; its files are made by the worker.
    ``dossiers``: what the decision answers (kept as its link, not read)."""
    require(acting_user, authority, Duty.SIGN,
            "Chỉ người có thẩm quyền ký quyết định của cấp này được ban hành quyết định khen thưởng.")
    values, errors = header_errors(authority=authority, number=number, symbol=symbol, date=date, signer_name=signer_name,
                                   signer_title=signer_title)
    if not awards:
        errors["dossiers"] = "Không có khen thưởng nào trong quyết định."
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.create(
        authority=authority, year=year, date=date, issued_by=acting_user, signer=signer,
        legal_bases=clean_text(legal_bases or "", multiline=True).strip(),
        subject=clean_text(subject or "").strip() or default_subject(year), **values)
    if dossiers:
        decision.dossiers.set(dossiers)
    reference = decision.reference
    for w in awards:
        w.year, w.decision_number, w.decision_date = year, reference, date
        w.extra = {**w.extra, "decision": decision, "verify_code": new_verify_code()}
    held = awards_held(awards)
    if held:
        taken = [w for w in awards if w.key in held]
        raise ValidationError({"dossiers": [f"{w.recipient} đã có {w.award_type.name} năm {year}" for w in taken[:20]]})
    awards_write(awards, {}, acting_user=acting_user, source="decision", note=f"Quyết định số {reference}")
    decision.total = sum(w.extra.get("amount") or 0 for w in awards)
    decision.render_total = len(awards) + 1
    decision.save(update_fields=["total", "render_total"])
    from ..tasks import render_decision

    transaction.on_commit(lambda: render_decision(decision.pk))
    return decision


def decision_files_again(*, acting_user, decision):
    """Make a decision's files again (they failed, or went missing): the signer or the standing office."""
    from ..models import RenderStatus
    from ..tasks import make_again

    if not (duties.has_duty(acting_user, decision.authority, Duty.SIGN)
            or duties.has_duty(acting_user, decision.authority, Duty.STANDING_OFFICE)):
        raise PermissionDenied("Chỉ người ký hoặc cơ quan thường trực tạo lại được tệp của quyết định.")
    if decision.render_status in (RenderStatus.PENDING, RenderStatus.RUNNING):
        raise ValidationError("Tệp của quyết định đang được tạo.")
    make_again(decision)


@transaction.atomic
def register_numbers_assign(*, acting_user, decision) -> int:
    """Give the decision's awards their numbers in the authority's register of the decision's year (số vào sổ),
    in the order of the annex, when its certificates are first made; an award keeps its number when the files are
    made again. The register's row is locked: two decisions made at once never share a number. Returns how many
    numbers were given (the worker acts without a user: ``acting_user`` None)."""
    from ..documents import award_rows
    from ..models import RegisterBook

    awards = [r["award_obj"] for r in award_rows(decision) if r["award_obj"].register_number is None]
    if not awards:
        return 0
    year = decision.date.year
    RegisterBook.objects.get_or_create(authority=decision.authority, year=year)
    book = RegisterBook.objects.select_for_update().get(authority=decision.authority, year=year)
    first = book.last + 1
    for i, award in enumerate(awards):
        award.register_number = first + i
    Award.objects.bulk_update(awards, ["register_number"])
    book.last = first + len(awards) - 1
    book.save(update_fields=["last"])
    record(actor=acting_user, verb="register_numbers", target=decision,
           changes={"Số vào sổ": ["", f"{first}–{book.last}" if len(awards) > 1 else str(first)]},
           note=f"Sổ khen thưởng năm {year} của {decision.authority.name}")
    return len(awards)
