"""A revocation's files: the decision as Word (documents/templates/revocation.docx, built by
documents/build_templates.py in the award decision's layout: the same heading, căn cứ, articles, signer block and
an annex) and PDF (LibreOffice headless, as a decision's).

The heading, the căn cứ and the signer block come from the same helpers as the award decision's
(documents.nd30, documents.bases when present; decisions.documents otherwise)."""

from core.money import amount_in_words, format_money
from core.text import fold
from documents import nd30

from . import documents as award_documents
from .chain import describe
from .models import RevocationStatus

ANNEX_TITLE = "Khen thưởng bị hủy bỏ, tiền thưởng và hiện vật phải thu hồi"
LAW_2022 = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022"
LAW_2003 = ("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật "
            "Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013")
_CLOSINGS = ("xet de nghi", "theo de nghi")


def _heading(authority, day, number) -> dict:
    if hasattr(nd30, "heading"):
        return nd30.heading(authority, day=day, number=number)
    body = award_documents.authority_body(authority)
    return {"superior": "", "body": body, "body_lines": nd30.balanced_lines(body, 30), "number": number,
            "place_date": nd30.document_date(day, award_documents._place(authority))}


def _base_lines(revocation) -> list[str]:
    """The authority's căn cứ of a decision on that date (the rulebook's, or those typed), closing line last."""
    try:
        from documents.bases import decision_bases
    except ImportError:
        decision_bases = None
    if decision_bases is not None:
        return list(decision_bases(revocation.authority, revocation.date, typed=revocation.legal_bases))
    typed = [b.strip() for b in (revocation.legal_bases or "").splitlines() if b.strip()]
    lines = typed or list(getattr(award_documents, "DEFAULT_BASES", [f"{LAW_2022};"]))
    return lines + [f"Theo đề nghị của cơ quan thường trực Hội đồng Thi đua - Khen thưởng "
                    f"{nd30.name_in_sentence(revocation.authority)}."]


def _with_punctuation(lines):
    lines = [ln.rstrip(" ;.") for ln in lines if ln.strip()]
    return [f"{ln};" for ln in lines[:-1]] + [f"{lines[-1]}."] if lines else []


def bases(revocation, awards) -> list[str]:
    """The căn cứ: the authority's, then the older law when an award was given under it, then the award decisions
    revoked, then the closing "Xét đề nghị …"."""
    from .revocation import ground_wording

    lines = [ln.rstrip(" ;.") for ln in _base_lines(revocation)]
    closing = [ln for ln in lines[-1:] if fold(ln).startswith(_CLOSINGS)]
    body = lines[:len(lines) - len(closing)]
    folded = " ".join(fold(b) for b in body)
    # The revocation is decided under the law of its date; an award given under the 2003 law cites it too.
    if "06/2022" not in " ".join(body) and "luat thi dua, khen thuong" not in folded:
        body.append(LAW_2022)
    if any("2003" in ground_wording(a, revocation.ground)["basis"] for a in awards) and "2003" not in " ".join(body):
        body.append(LAW_2003)
    seen = set()
    for a in awards:
        if not a.decision_number or a.decision_number in seen:
            continue
        seen.add(a.decision_number)
        when = f" ngày {a.decision_date:%d/%m/%Y}" if a.decision_date else ""
        who = f" của {award_documents.signer_authority(a.decision.authority)}" if a.decision_id else ""
        body.append(f"Căn cứ Quyết định số {a.decision_number}{when}{who} về việc khen thưởng")
    return _with_punctuation(body + closing)


def grounds_text(revocation, awards) -> str:
    """"thuộc trường hợp quy định tại điểm b khoản 2 Điều 93 Luật …: thông tin sai sự thật …" — per law when the
    awards were given under different laws."""
    from .revocation import ground_wording

    found = []
    for a in awards:
        w = ground_wording(a, revocation.ground)
        if (w["basis"], w["text"]) not in found:
            found.append((w["basis"], w["text"]))
    return "; ".join(f"{nd30.clause(basis)} ({nd30.lower_first(nd30.clause(text))})" for basis, text in found)


def revocation_rows(revocation):
    lines = (revocation.lines.filter(included=True)
             .select_related("award__award_type", "award__person__unit", "award__unit", "award__decision__authority")
             .order_by("position", "id"))
    rows = []
    for n, ln in enumerate(lines, start=1):
        a = ln.award
        rows.append({"n": n, "name": a.person.full_name if a.person_id else a.unit.name,
                     "unit": a.person.unit.name if a.person_id else "", "award": describe(a),
                     "amount": format_money(ln.recover_amount).removesuffix(" đ"), "to_return": ln.items_to_return,
                     "award_obj": a, "line": ln})
    return rows


def revocation_context(revocation) -> dict:
    rows = revocation_rows(revocation)
    awards = [r["award_obj"] for r in rows]
    authority = revocation.authority
    people, units = len({a.person_id for a in awards if a.person_id}), len({a.unit_id for a in awards if a.unit_id})
    whom = " và ".join(part for part in (f"{people} cá nhân" if people else "", f"{units} tập thể" if units else "") if part)
    by_award = {}
    for a in awards:
        key = f"{a.award_type.name} năm {a.year}"
        by_award[key] = by_award.get(key, 0) + 1
    what = "; ".join(f"{name}: {n}" for name, n in by_award.items())
    money = format_money(revocation.total).removesuffix(" đ")
    reason = nd30.clause(" ".join(revocation.reason.split()))
    recover = (f"Thu hồi tiền thưởng tổng cộng {money} đồng ({amount_in_words(revocation.total)}) và hiện vật khen thưởng "
               "đã trao cho các cá nhân, tập thể có tên tại Điều 1, mức của từng người ghi trong danh sách kèm theo."
               if revocation.total else
               "Thu hồi hiện vật khen thưởng đã trao cho các cá nhân, tập thể có tên tại Điều 1 như danh sách kèm theo; "
               "không có tiền thưởng phải thu hồi.")
    reference = revocation.reference if revocation.status == RevocationStatus.ISSUED else ""
    title = nd30.signer_lines(revocation.signer_title) or ["CHỦ TỊCH"]
    return {
        **_heading(authority, revocation.date, reference),
        "subject": nd30.clause(revocation.subject), "authority_title": award_documents.authority_title(authority),
        "bases": bases(revocation, awards),
        "articles": [
            {"head": "Điều 1.", "text": f"Hủy bỏ {len(rows)} khen thưởng đã tặng cho {whom} ({what}), có danh sách kèm "
                                        f"theo. Lý do: {reason}; thuộc trường hợp quy định tại {grounds_text(revocation, awards)}."},
            {"head": "Điều 2.", "text": recover + " Các khen thưởng tại Điều 1 không còn được tính làm căn cứ xét khen thưởng."},
            {"head": "Điều 3.", "text": "Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng, thủ trưởng các cơ quan, đơn vị có "
                                        "liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."},
        ],
        "recipients": nd30.recipient_lines("Như Điều 3\nLưu: VT"),
        "signer_lines": title, "signer_note": "", "signer_name": revocation.signer_name,
        "annex_title": ANNEX_TITLE,
        "date_text": f"{revocation.date:%d/%m/%Y}" if revocation.date else "",
        "signer_authority": award_documents.signer_authority(authority),
        "rows": [{k: v for k, v in r.items() if k not in ("award_obj", "line")} for r in rows],
        "total": money, "total_words": amount_in_words(revocation.total),
    }


def revocation_docx(revocation) -> bytes:
    return nd30.render("revocation.docx", revocation_context(revocation))
