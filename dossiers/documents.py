"""The dossier's documents as Word files (documents/templates, docxtpl): the proposal
(tờ trình), one achievement report (báo cáo thành tích) per line prefilled with the
recipient's history, and the review minutes (biên bản bình xét) with the list. The unit
prints them, signs and stamps them, and uploads the scans."""

from django.utils import timezone

from documents.bases import tdkt_law
from documents.nd30 import (
    deciding_person, document_date, document_place, head_title, heading, issuing_block, recipient_lines, render,
    signer_block, symbol_for,
)
from org.models import ADMINISTRATIVE_KINDS

from .models import Outcome


def _heading(dossier, minutes=False):
    """The unit's heading (NĐ 30/2020): a ward's People's Committee ("ỦY BAN NHÂN DÂN" / "PHƯỜNG PHÚ LƯƠNG"), or for
    its review minutes its council; a school or office under its ward ("UBND PHƯỜNG PHÚ LƯƠNG" / "TRƯỜNG THCS …");
    the place of the unit, the date left blank to fill when signed."""
    unit = dossier.unit
    issuer = "Hội đồng Thi đua - Khen thưởng" if minutes and unit.kind in ADMINISTRATIVE_KINDS else None
    return heading(unit, issuer=issuer, number=f"      /{symbol_for('TTr', unit)}")


def _addressee(dossier):
    """"Chủ tịch Ủy ban nhân dân phường Phú Lương", "Giám đốc Sở Nội vụ"."""
    return deciding_person(dossier.authority)


def _signer(unit):
    """A ward's tờ trình is signed for its People's Committee ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"); a school's by
    its head ("HIỆU TRƯỞNG")."""
    if unit.kind in ADMINISTRATIVE_KINDS:
        return signer_block("chairman", on_behalf="committee")
    return signer_block("chairman", head=head_title(unit))


def _rows(lines):
    return [{"n": i, "name": ln.recipient_name, "unit": ln.person.unit.name if ln.person_id else "",
             "award": ln.award_type.name, "summary": ln.summary} for i, ln in enumerate(lines, start=1)]


def _open_lines(dossier):
    return list(dossier.lines.filter(outcome=Outcome.PROPOSED).select_related("person__unit", "unit", "award_type")
                .order_by("position", "id"))


def proposal_context(dossier) -> dict:
    lines = _open_lines(dossier)
    people = sum(1 for ln in lines if ln.person_id)
    law = tdkt_law(dossier.authority, timezone.localdate())  # the TĐKT law in force when it is printed (rulebook)
    return {
        **_heading(dossier),
        "subject": f"Về việc đề nghị khen thưởng năm {dossier.year}",
        "addressee": _addressee(dossier),
        "intro": ([f"{law} và các văn bản hướng dẫn thi hành;"] if law else []) + [
                  f"Căn cứ kết quả bình xét thi đua, khen thưởng năm {dossier.year} của {dossier.unit.name},",
                  f"{dossier.unit.name} kính trình {_addressee(dossier)} xem xét, khen thưởng cho {people} cá nhân và "
                  f"{len(lines) - people} tập thể có thành tích, cụ thể như sau:"],
        "rows": _rows(lines),
        "closing": [f"{dossier.unit.name} kính trình {_addressee(dossier)} xem xét, quyết định./."],
        "recipients": recipient_lines("Như trên\nLưu: VT"),
        "signer_lines": _signer(dossier.unit),
        "signer_note": "",
        "signer_name": "",
    }


def proposal_docx(dossier) -> bytes:
    return render("proposal.docx", proposal_context(dossier))


def report_context(line) -> dict:
    from decisions.models import Award
    from records.models import Rating

    today = timezone.localdate()
    recipient = line.person or line.unit
    if line.person_id:
        p = line.person
        facts = [f"Họ và tên: {p.full_name}", f"Ngày sinh: {p.birth_date:%d/%m/%Y}" if p.birth_date else "Ngày sinh: ",
                 f"Giới tính: {p.get_gender_display()}" if p.gender else "Giới tính: ",
                 f"Chức vụ: {p.position}", f"Đơn vị công tác: {p.unit.name}"]
        ratings = Rating.objects.filter(person=p)
        awards = Award.objects.filter(person=p, revoked_on__isnull=True)
        initiatives = [f"{i.code} — {i.title} ({i.get_scope_display()}, công nhận ngày {i.recognized_on:%d/%m/%Y})"
                       for i in p.initiatives.order_by("-recognized_on")[:10]]
        signer_title, signer_name = "NGƯỜI BÁO CÁO THÀNH TÍCH", p.full_name
    else:
        u = line.unit
        facts = [f"Tên tập thể: {u.name}", f"Thuộc: {line.dossier.unit.name}"]
        ratings = Rating.objects.filter(unit=u)
        awards = Award.objects.filter(unit=u, revoked_on__isnull=True)
        initiatives = []
        signer_title, signer_name = "THỦ TRƯỞNG TẬP THỂ", ""
    years = range(line.dossier.year - 4, line.dossier.year + 1)
    # A collective reports under the unit above it ("UBND PHƯỜNG PHÚ LƯƠNG" / "TRƯỜNG THCS …"); a person in their name.
    block = issuing_block(line.unit) if line.unit_id else {"superior": "", "body_lines": []}
    return {
        "superior": block["superior"], "body_lines": block["body_lines"],
        "place_date": document_date(today, document_place(line.dossier.unit)),
        "award": line.award_type.name,
        "facts": facts,
        "achievements": [t for t in (line.summary or "").splitlines() if t.strip()] or
                        [f"(Tóm tắt thành tích năm {line.dossier.year} của {getattr(recipient, 'full_name', None) or recipient.name}.)"],
        "ratings": [{"year": r.year, "level": r.get_level_display()} for r in ratings.filter(year__in=years).order_by("year")],
        "initiatives": initiatives,
        "awards": [{"year": a.year, "name": a.award_type.name,
                    "decision": " ".join(x for x in (a.decision_number, f"ngày {a.decision_date:%d/%m/%Y}" if a.decision_date else "") if x)}
                   for a in awards.select_related("award_type").order_by("year")],
        "signer_title": signer_title, "signer_name": signer_name,
    }


def report_docx(line) -> bytes:
    return render("achievement_report.docx", report_context(line))


def review_minutes_docx(dossier) -> bytes:
    lines = _open_lines(dossier)
    ctx = {**_heading(dossier, minutes=True), "year": dossier.year, "unit": dossier.unit.name, "rows": _rows(lines)}
    return render("review_minutes.docx", ctx)
