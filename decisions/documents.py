"""A decision's files: the decision as Word (documents/templates/decision.docx, Nghị định
30/2020 layout) and PDF (LibreOffice headless), the certificates as one PDF (WeasyPrint,
a QR code on each leading to the public verification page), the payment list as Excel."""

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from core.money import amount_in_words, format_money
from documents.nd30 import (
    balanced_lines, document_date, lower_first, name_in_sentence, recipient_lines, render, signer_lines, upper,
)

DEFAULT_BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;",
]


def authority_body(authority) -> str:
    """"ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG" for an administrative level; the unit's own name otherwise."""
    from org.models import ADMINISTRATIVE_KINDS

    if authority.kind in ADMINISTRATIVE_KINDS:
        return f"ỦY BAN NHÂN DÂN {upper(authority.name)}"
    return upper(authority.name)


def authority_title(authority) -> str:
    from org.models import ADMINISTRATIVE_KINDS

    if authority.kind in ADMINISTRATIVE_KINDS:
        return f"CHỦ TỊCH ỦY BAN NHÂN DÂN {upper(authority.name)}"
    return f"THỦ TRƯỞNG {upper(authority.name)}"


def signer_authority(authority) -> str:
    """"Chủ tịch Ủy ban nhân dân phường Phú Lương", as the annex cites the decision's author."""
    from org.models import ADMINISTRATIVE_KINDS

    if authority.kind in ADMINISTRATIVE_KINDS:
        return f"Chủ tịch Ủy ban nhân dân {name_in_sentence(authority)}"
    return f"Thủ trưởng {authority.name}"


def _place(authority):
    from org.models import Unit

    root = Unit.objects.get_root_nodes().filter(path=authority.path[:4]).first()
    name = (root or authority).name
    return name.removeprefix("Thành phố ").removeprefix("Tỉnh ")


def award_rows(decision):
    awards = (decision.awards.select_related("person__unit", "unit", "award_type", "nomination")
              .order_by("award_type__rank", "id"))
    return [{"n": i, "name": a.person.full_name if a.person_id else a.unit.name,
             "unit": a.person.unit.name if a.person_id else "", "award": a.award_type.name,
             "amount": format_money(a.amount or 0).removesuffix(" đ"), "award_obj": a} for i, a in enumerate(awards, start=1)]


def decision_context(decision) -> dict:
    rows = award_rows(decision)
    authority = decision.authority
    body = authority_body(authority)
    people = sum(1 for r in rows if r["unit"])
    by_award = {}
    for r in rows:
        by_award[r["award"]] = by_award.get(r["award"], 0) + 1
    what = "; ".join(f"{name}: {n}" for name, n in by_award.items())
    bases = [b.strip() for b in (decision.legal_bases or "").splitlines() if b.strip()] or DEFAULT_BASES
    bases = bases + [f"Theo đề nghị của cơ quan thường trực Hội đồng Thi đua - Khen thưởng {name_in_sentence(authority)}."]
    money = format_money(decision.total).removesuffix(" đ")
    return {
        "superior": "", "body": body, "body_lines": balanced_lines(body, 30),
        "number": decision.reference, "place_date": document_date(decision.date, _place(authority)),
        "subject": decision.subject, "authority_title": authority_title(authority), "bases": bases,
        "articles": [
            {"head": "Điều 1.", "text": f"Khen thưởng {people} cá nhân và {len(rows) - people} tập thể đã có thành tích trong năm "
                                        f"{decision.year} ({what}), có danh sách kèm theo."},
            {"head": "Điều 2.", "text": f"Tiền thưởng tổng cộng {money} đồng ({amount_in_words(decision.total)}), chi theo quy định "
                                        "hiện hành về mức tiền thưởng; mức của từng cá nhân, tập thể ghi trong danh sách kèm theo."},
            {"head": "Điều 3.", "text": "Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, thủ trưởng các cơ quan, đơn vị có liên quan "
                                        "và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."},
        ],
        "recipients": recipient_lines("Như Điều 3\nLưu: VT"),
        "signer_lines": signer_lines(decision.signer_title) or ["CHỦ TỊCH"], "signer_note": "",
        "signer_name": decision.signer_name,
        "annex_title": f"Cá nhân, tập thể được khen thưởng năm {decision.year}",
        "date_text": f"{decision.date:%d/%m/%Y}", "signer_authority": signer_authority(authority),
        "rows": [{k: v for k, v in r.items() if k != "award_obj"} for r in rows],
        "total": money, "total_words": amount_in_words(decision.total),
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


def certificate_pages(decision, progress=None):
    """The HTML of every certificate of the decision, one page each."""
    rows = award_rows(decision)
    pages = []
    for i, r in enumerate(rows, start=1):
        a = r["award_obj"]
        url = verify_url(a)
        pages.append({"award": a, "name": r["name"], "unit": r["unit"], "qr": qr_image(url), "url": url,
                      "kind": a.award_type.name.upper() if a.award_type.category == "form" else f"DANH HIỆU {a.award_type.name.upper()}",
                      "summary": lower_first(a.nomination.summary.strip().rstrip(".")) if a.nomination_id else ""})
        if progress and i % 25 == 0:
            progress(i)
    return render_to_string("decisions/certificates.html", {
        "decision": decision, "pages": pages, "body": authority_body(decision.authority),
        "title": authority_title(decision.authority), "place_date": document_date(decision.date, _place(decision.authority)),
    })


def certificates_pdf(decision, progress=None) -> bytes:
    from weasyprint import HTML

    html = certificate_pages(decision, progress)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def payment_workbook(decision) -> bytes:
    from openpyxl import Workbook

    from core.excel import Column, append_row, to_bytes, write_sheet

    wb = Workbook()
    ws = wb.active
    rows = award_rows(decision)
    columns = [Column("n", "STT", width=6), Column("name", "Cá nhân, tập thể", width=32), Column("unit", "Đơn vị", width=36),
               Column("award", "Danh hiệu, hình thức", width=32), Column("amount", "Số tiền (đồng)", kind="int", width=16),
               Column("sign", "Ký nhận", width=14)]
    write_sheet(ws, columns, [{"n": r["n"], "name": r["name"], "unit": r["unit"], "award": r["award"],
                               "amount": r["award_obj"].amount or 0, "sign": ""} for r in rows],
                title=f"Danh sách chi tiền thưởng — {decision}")
    append_row(ws, ["", "Tổng cộng", "", "", decision.total, ""])
    append_row(ws, ["", f"Bằng chữ: {amount_in_words(decision.total)}"])
    return to_bytes(wb)
