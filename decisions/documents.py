"""A decision's files: the decision as Word (documents/templates/decision.docx, Nghị định
30/2020 layout) and PDF (LibreOffice headless), the certificates as one PDF (WeasyPrint,
a QR code on each leading to the public verification page), the payment list as Excel.

The heading, place, number, căn cứ and signer block come from ``documents`` (nd30, bases,
certificates), as for every other document of the application."""

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from core.money import amount_in_words, format_money
from documents.bases import decision_bases
from documents.certificates import achievement_sentence, certificate_kind, file_label, file_stem
from documents.nd30 import (
    clause, deciding_person, deciding_title, document_date, document_place, document_reference, head_title, heading,
    issuing_block, recipient_lines, render, signer_block, signer_lines,
)


def authority_body(authority) -> str:
    """"ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG" (the issuing block's lines on one line)."""
    return issuing_block(authority)["body"]


def authority_title(authority) -> str:
    """"CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG", "GIÁM ĐỐC SỞ NỘI VỤ": who decides."""
    return deciding_title(authority)


def signer_authority(authority) -> str:
    """"Chủ tịch Ủy ban nhân dân phường Phú Lương", as the annex cites the decision's author."""
    return deciding_person(authority)


def _place(authority):
    return document_place(authority)


def default_signer_lines(authority, who="chairman") -> list[str]:
    """The signer block of an award decision, which the chairman (director, principal) decides in his own name:
    "CHỦ TỊCH"; a deputy "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; an acting chairman "Q. CHỦ TỊCH"."""
    return signer_block(who, head=head_title(authority))


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
         "XVIII", "XIX", "XX")


def _order(award):
    """Titles before forms, the higher first, collectives before individuals, then as entered (an award not yet
    written, as a decision's preview shows it, keeps the order it is given in)."""
    t = award.award_type
    return (t.category != "title", -(t.rank or 0), t.code, award.person_id is not None, award.id or 0)


def award_rows(decision):
    """The decision's awards in the annex's order, numbered from 1."""
    return rows_of(decision.awards.select_related("person__unit", "unit", "award_type", "nomination"))


def rows_of(awards):
    """``awards`` (written, or not yet: a preview's) in the annex's order, numbered from 1."""
    awards = sorted(awards, key=_order)
    return [{"n": i, "name": a.person.full_name if a.person_id else a.unit.name,
             "unit": a.person.unit.name if a.person_id else "", "award": a.award_type.name,
             "kind": "cá nhân" if a.person_id else "tập thể",
             "register": a.register_number or "",
             "amount": format_money(a.amount or 0).removesuffix(" đ"), "award_obj": a} for i, a in enumerate(awards, start=1)]


def annex_groups(rows):
    """The annex by award and recipient kind, each group numbered with a Roman numeral ("I. Lao động tiên tiến
    (2 cá nhân)") and its rows numbered from 1."""
    groups = []
    for r in rows:
        key = (r["award"], r["kind"])
        if not groups or groups[-1]["key"] != key:
            groups.append({"key": key, "title_of": r["award_obj"].award_type.category == "title", "rows": []})
        groups[-1]["rows"].append({**{k: v for k, v in r.items() if k != "award_obj"}, "n": len(groups[-1]["rows"]) + 1})
    for i, g in enumerate(groups):
        award, kind = g.pop("key")
        name = f"Danh hiệu “{award}”" if g.pop("title_of") else award
        g["title"] = f"{ROMAN[i] if i < len(ROMAN) else i + 1}. {name} ({len(g['rows'])} {kind})"
    return groups


def decision_context(decision) -> dict:
    return document_context(authority=decision.authority, number=decision.number, symbol=decision.symbol,
                            day=decision.date, year=decision.year, subject=decision.subject,
                            legal_bases=decision.legal_bases, signer_title=decision.signer_title,
                            signer_name=decision.signer_name, rows=award_rows(decision), total=decision.total)


def preview_context(*, authority, number, symbol, day, year, subject, legal_bases, signer_title, signer_name,
                    awards) -> dict:
    """The decision's text as it will be issued (decision_context), from ``awards`` not yet written (Award rows
    unsaved, each with its ``amount``): what the chairman reads before issuing."""
    return document_context(authority=authority, number=number, symbol=symbol, day=day, year=year, subject=subject,
                            legal_bases=legal_bases, signer_title=signer_title, signer_name=signer_name,
                            rows=rows_of(awards), total=sum(a.amount or 0 for a in awards))


def document_context(*, authority, number, symbol, day, year, subject, legal_bases, signer_title, signer_name, rows,
                     total) -> dict:
    people = sum(1 for r in rows if r["unit"])
    by_award = {}
    for r in rows:
        by_award[r["award"]] = by_award.get(r["award"], 0) + 1
    what = "; ".join(f"{name}: {n}" for name, n in by_award.items())
    whom = " và ".join(f"{n} {kind}" for n, kind in ((people, "cá nhân"), (len(rows) - people, "tập thể")) if n) or "0 cá nhân"
    reference = document_reference(number, symbol)
    money = format_money(total).removesuffix(" đ")
    return {
        **heading(authority, day=day, number=reference),
        "subject": clause(subject), "authority_title": deciding_title(authority),
        "bases": decision_bases(authority, day, typed=legal_bases),
        "articles": [
            {"head": "Điều 1.", "text": f"Khen thưởng {whom} đã có thành tích trong năm {year} ({what}), "
                                        "có danh sách kèm theo."},
            {"head": "Điều 2.", "text": f"Tiền thưởng tổng cộng {money} đồng ({amount_in_words(total)}), chi theo quy định "
                                        "hiện hành về mức tiền thưởng; mức của từng cá nhân, tập thể ghi trong danh sách kèm theo."},
            {"head": "Điều 3.", "text": "Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, thủ trưởng các cơ quan, đơn vị có liên quan "
                                        "và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."},
        ],
        "recipients": recipient_lines("Như Điều 3\nLưu: VT"),
        "signer_lines": signer_lines(signer_title) or default_signer_lines(authority), "signer_note": "",
        "signer_name": signer_name,
        "annex_title": f"Cá nhân, tập thể được khen thưởng năm {year}",
        "date_text": f"{day:%d/%m/%Y}", "signer_authority": deciding_person(authority),
        "groups": annex_groups(rows),
        "rows": [{k: v for k, v in r.items() if k != "award_obj"} for r in rows],
        "total": money, "total_words": amount_in_words(total),
    }


def decision_docx(decision) -> bytes:
    return render("decision.docx", decision_context(decision))


class NoConverter(RuntimeError):
    pass


def docx_to_pdf(content: bytes) -> bytes:
    """Word → PDF by LibreOffice headless (Debian's libreoffice-writer-nogui), in a private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise NoConverter("Chưa cài LibreOffice (gói libreoffice-writer-nogui): chưa tạo được bản PDF của quyết định.")
    with tempfile.TemporaryDirectory(prefix="tdkt-lo-") as tmp:
        src = Path(tmp) / "quyet-dinh.docx"
        src.write_bytes(content)
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=180)
        return (Path(tmp) / "quyet-dinh.pdf").read_bytes()


def verify_url(award) -> str:
    base = getattr(settings, "TDKT_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    return base + reverse("decisions:verify", args=[award.verify_code])


@functools.lru_cache(maxsize=4096)
def qr_image(url: str) -> str:
    """The QR code of ``url`` as a small PNG data URI (4 px a module, drawn without smoothing): WeasyPrint
    draws an image per page far faster than it parses an SVG path of some 400 segments. Cached: a decision
    drawn again (after an error, or to sign it) does not encode its codes again."""
    import segno

    return segno.make(url, error="m").png_data_uri(scale=4, border=1)


def certificates_stem(decision) -> str:
    """The certificates' file name by what they are: "giay-khen" (a ward's, a district's), "bang-khen" (a city's),
    "giay-chung-nhan" (titles), "giay-chung-nhan-va-giay-khen"."""
    from rulebook.models import AwardType

    return file_stem(AwardType.objects.filter(awards__decision=decision).distinct().order_by("rank", "code"))


def certificates_label(stem) -> str:
    return file_label(stem)


def certificate_pages(decision, progress=None):
    """The HTML of every certificate of the decision, one page each: the form's own name ("GIẤY KHEN",
    "BẰNG KHEN") or "GIẤY CHỨNG NHẬN" of a title, the achievement said once, the decision and the register number."""
    rows = award_rows(decision)
    authority = decision.authority
    pages = []
    for i, r in enumerate(rows, start=1):
        a = r["award_obj"]
        url = verify_url(a)
        name, sub, _ = certificate_kind(a.award_type)
        summary = a.achievement or (a.nomination.summary if a.nomination_id else "")
        pages.append({"award": a, "name": r["name"], "unit": r["unit"], "qr": qr_image(url), "url": url,
                      "gives": "TẶNG" if a.award_type.category == "form" else "", "kind": name, "sub": sub,
                      "achievement": achievement_sentence(summary, decision.year), "register": a.register_number})
        if progress and i % 25 == 0:
            progress(i)
    return render_to_string("decisions/certificates.html", {
        "decision": decision, "pages": pages, **issuing_block(authority),
        "title": deciding_title(authority), "place_date": document_date(decision.date, document_place(authority)),
        "reference": document_reference(decision.number, decision.symbol),
        "signer_lines": signer_lines(decision.signer_title) or default_signer_lines(authority),
    })


def certificates_pdf(decision, progress=None) -> bytes:
    from weasyprint import HTML

    html = certificate_pages(decision, progress)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


PAYMENT_SHEET = "Danh sách chi tiền thưởng"


def payment_workbook(decision) -> bytes:
    """The payment list (danh sách chi tiền thưởng) the accountant pays from: the authority, the decision's number
    and date, each recipient's amount ("#,##0") with a column to sign on receipt, the total and the total in words,
    and the signature lines Người lập biểu, Kế toán, Thủ trưởng đơn vị (documents.sheets)."""
    from core.excel import to_bytes
    from documents.sheets import Col, formal_list

    authority = decision.authority
    rows = award_rows(decision)
    columns = [Col("STT", 6, "center"), Col("Họ và tên cá nhân, tên tập thể", 26), Col("Đơn vị", 36),
               Col("Danh hiệu, hình thức khen thưởng", 24), Col("Số tiền (đồng)", 15, "money"), Col("Ký nhận", 13)]
    reference = document_reference(decision.number, decision.symbol)
    wb = formal_list(
        sheet_title=PAYMENT_SHEET, title=PAYMENT_SHEET, heading=issuing_block(authority), columns=columns,
        subtitle_lines=[f"(Kèm theo Quyết định số {reference} ngày {decision.date:%d/%m/%Y} của {deciding_person(authority)})"],
        rows=[[r["n"], r["name"], r["unit"], r["award"], r["award_obj"].amount or 0, ""] for r in rows],
        total={4: decision.total}, words=amount_in_words(decision.total),
        place_date=document_date(None, document_place(authority)))
    return to_bytes(wb)


RECOVERY_SHEET = "Danh sách thu hồi tiền thưởng"


def recovery_workbook(awards, *, totals, authority=None, filters: str = "") -> bytes:
    """The recovery ledger as the accountant works from it (decisions.selectors.recoveries_for's rows, through
    ledger_details): per revocation,
    who, the award revoked, the money to recover, paid back (when), what is left, the items to return and returned;
    the totals; the signature lines. ``authority`` heads it when the list is of one authority."""
    from core.excel import to_bytes
    from documents.sheets import Col, formal_list

    columns = [Col("STT", 6, "center"), Col("Họ và tên cá nhân, tên tập thể", 24), Col("Đơn vị", 26),
               Col("Khen thưởng bị hủy bỏ", 30), Col("Quyết định hủy bỏ", 22), Col("Phải thu hồi (đồng)", 14, "money"),
               Col("Đã nộp lại (đồng)", 14, "money"), Col("Còn phải thu hồi (đồng)", 14, "money"),
               Col("Ngày nộp lại", 12, "center"), Col("Hiện vật phải nộp lại", 22), Col("Hiện vật đã nộp lại", 22),
               Col("Tình trạng", 14)]
    rows = []
    for n, a in enumerate(awards, start=1):
        rev = a.revocation
        owed = a.recover_amount or 0
        rows.append([n, a.person.full_name if a.person_id else a.unit.name, a.person.unit.name if a.person_id else "",
                     describe_award(a), f"{rev.reference} ngày {rev.date:%d/%m/%Y} của {rev.authority.name}", owed,
                     a.recovered, a.left, "; ".join(f"{d:%d/%m/%Y}" for d in a.paid_dates),
                     a.items_to_return, "; ".join(a.items_list), a.state])
    subtitle = [f"(Khen thưởng bị hủy bỏ theo khoản 2 Điều 93 Luật Thi đua, khen thưởng{': ' + filters if filters else ''})"]
    wb = formal_list(
        sheet_title=RECOVERY_SHEET, title=RECOVERY_SHEET, heading=issuing_block(authority) if authority else None,
        columns=columns, subtitle_lines=subtitle, rows=rows,
        total={5: totals["owed"], 6: totals["recovered"], 7: totals["left"]}, words="",
        place_date=document_date(None, document_place(authority)) if authority else "", landscape=True)
    return to_bytes(wb)


def describe_award(award) -> str:
    from .chain import describe

    return describe(award)
