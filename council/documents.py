"""The minutes of a council meeting (biên bản họp Hội đồng) as Word: who attended (the establishing decision's names
and titles, present or absent, their ballot on screen, on paper, written or none), each line's result with its
ballot type, threshold and base, the counts, the paper count, and the legal basis of each rule."""

import io
from pathlib import Path

from docxtpl import DocxTemplate

from documents import nd30
from documents.nd30 import name_in_sentence

from . import rules as ballot_rules
from .models import BaseKind, CouncilRole, Receipt, RecusalKind

TEMPLATE = Path(__file__).resolve().parent / "data" / "council_minutes.docx"  # made by council/minutes_template.py
BALLOT = {Receipt.Channel.SCREEN: "Trên hệ thống", Receipt.Channel.PAPER: "Phiếu giấy",
          Receipt.Channel.WRITTEN: "Phiếu gửi bằng văn bản", Receipt.Channel.NONE: "Không bỏ phiếu"}
STATUS = {"verified": "đã xác minh", "partial": "xác minh một phần", "unverified": "chưa xác minh"}


def _heading(meeting) -> dict:
    """The issuing block ("UBND PHƯỜNG PHÚ LƯƠNG" over "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG") and the place-and-date line at
    the authority's own place ("Phú Lương, ngày …"), by documents.nd30."""
    block = nd30.heading(meeting.authority, issuer=f"Hội đồng Thi đua - Khen thưởng {meeting.authority.name}", day=meeting.date)
    return {k: block[k] for k in ("superior", "body", "body_lines", "place_date")}


def minutes_context(meeting) -> dict:
    authority = meeting.authority
    members = list(meeting.members.select_related("seat").order_by("position", "id"))
    channels = dict(meeting.receipts.values_list("member_id", "channel"))
    attendance = [{"n": i, "name": mem.name, "title": mem.title, "present": "Có mặt" if mem.present else "Vắng mặt",
                   "ballot": BALLOT.get(channels.get(mem.pk, Receipt.Channel.NONE), "Không bỏ phiếu")}
                  for i, mem in enumerate(members, start=1)]
    counted = {c: sum(1 for v in channels.values() if v == c) for c in Receipt.Channel}
    papers = list(meeting.paper_counts.order_by("id"))
    rows, secret_n, bases = [], [], {}
    tallies = list(meeting.tallies.select_related("line__person", "line__unit", "line__award_type", "upward")
                   .order_by("line__dossier_id", "line__position", "line_id"))
    upward = {}  # the level above: the numbers of the lines proposed to it ("đề nghị cấp trên khen thưởng")
    for i, t in enumerate(tallies, start=1):
        if t.upward_id:
            upward.setdefault(t.upward.name, []).append(i)
        threshold = ballot_rules.threshold_text(t.threshold_pct, t.op, t.base_rule)
        base_text = f"cần {t.needed}/{t.base} phiếu"
        if t.base != meeting.members_count:
            base_text += f" ({meeting.members_count} thành viên, trừ {meeting.members_count - t.base} người không tham gia biểu quyết)"
        award = t.line.award_type.name + (f" (đề nghị {t.upward.name} khen thưởng)" if t.upward_id else "")
        rows.append({"n": i, "name": t.line.recipient_name, "award": award, "upward": bool(t.upward_id),
                     "ballot": "Bỏ phiếu kín" if t.secret else "Biểu quyết công khai", "threshold": f"{threshold}; {base_text}",
                     "agree": t.agree, "disagree": t.disagree, "abstain": t.abstain, "recused": t.recused,
                     "result": "Thông qua" if t.passed else "Không thông qua"})
        if t.secret:
            secret_n.append(str(i))
        key = (t.secret, t.threshold_pct, t.op, t.base_rule, t.legal_basis, t.rule_status)
        bases.setdefault(key, []).append(t.line.award_type.name)
    own = [r for r in rows if not r["upward"]]
    up = [r for r in rows if r["upward"]]
    above = ", ".join(upward)
    est = meeting.establishment
    intro = [
        f"Hồi ........ giờ ........, ngày {meeting.date:%d/%m/%Y}, tại {meeting.place or '................'}, Hội đồng Thi đua - Khen thưởng "
        f"{name_in_sentence(authority)} họp xét khen thưởng.",
    ]
    if est is not None:
        intro.append(f"Hội đồng gồm {meeting.members_count} thành viên theo {est}"
                     + (f" của {est.issuer}" if est.issuer else "") + ".")
    intro.append(f"Thành phần: {meeting.present_count}/{meeting.members_count} thành viên Hội đồng có mặt; "
                 f"{sum(1 for v in channels.values() if v != Receipt.Channel.NONE)} phiếu được tính (gồm phiếu trên hệ thống, phiếu giấy và phiếu gửi của thành viên vắng mặt).")
    attendance_notes = [f"Phiếu được tính: {counted[Receipt.Channel.SCREEN]} phiếu trên hệ thống, {counted[Receipt.Channel.PAPER]} phiếu giấy, "
                        f"{counted[Receipt.Channel.WRITTEN]} phiếu gửi bằng văn bản của thành viên vắng mặt; "
                        f"{counted[Receipt.Channel.NONE]} thành viên không bỏ phiếu."]
    for n, c in enumerate(papers, start=1):
        attendance_notes.append(f"Ban kiểm phiếu{f' (lần {n})' if len(papers) > 1 else ''}: {c.handed_out} phiếu phát ra, "
                                f"{c.received} phiếu thu về" + (f", trong đó {c.written} phiếu gửi" if c.written else "")
                                + (f" — {c.note}" if c.note else "") + ".")
    result_notes = []
    for name, numbers in upward.items():
        result_notes.append(f"Các dòng đề nghị cấp trên khen thưởng (vượt thẩm quyền của {name_in_sentence(authority)}, "
                            f"Hội đồng xét để trình {name}): {', '.join(map(str, numbers))}.")
    if secret_n:
        result_notes.append(f"Các dòng bỏ phiếu kín: {', '.join(secret_n)}; các dòng còn lại biểu quyết công khai.")
    else:
        result_notes.append("Mọi dòng biểu quyết công khai.")
    result_notes.append("Tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng (kể cả thành viên vắng mặt), không tính trên số "
                        "thành viên có mặt; người chưa bỏ phiếu được tính như không đồng ý.")
    for r in meeting.recusals.select_related("member", "line__person", "line__unit").order_by("line_id", "member__position"):
        nominee = r.kind == RecusalKind.NOMINEE
        result_notes.append(f"{r.member.name} không tham gia biểu quyết đối với {r.line.recipient_name}: {r.reason}"
                            + (" (là người được đề nghị)" if nominee and "được đề nghị" not in r.reason else ""))
    recusal_base = tallies[0].recusal_base if tallies else BaseKind.ENTITLED
    bases_text = []
    for (secret, pct, op, base_rule, basis, status), awards in bases.items():
        names = ", ".join(dict.fromkeys(awards))
        bases_text.append(f"{names}: {'bỏ phiếu kín' if secret else 'biểu quyết công khai'}, "
                          f"{ballot_rules.threshold_text(pct, op, base_rule)} — căn cứ: {basis or 'chưa ghi'}"
                          + (f" ({STATUS[status]})" if status in STATUS else "") + ".")
    bases_text.append(f"Thành viên là người được đề nghị: {ballot_rules.recusal_text(recusal_base)} (tham số council_recusal_base).")
    chair = next((mem.name for mem in members if mem.seat and mem.seat.role == CouncilRole.CHAIR), "")
    secretary = ""
    if est is not None:
        secretary = next((s.full_name for s in est.seats.order_by("position", "id")
                          if s.role in (CouncilRole.MEMBER_SECRETARY, CouncilRole.SECRETARY)), "")
    return {
        **_heading(meeting),
        "subject": f"Họp Hội đồng Thi đua - Khen thưởng {name_in_sentence(authority)}",
        "intro": intro, "attendance": attendance, "attendance_notes": attendance_notes,
        "rows": rows, "result_notes": result_notes, "bases": bases_text,
        "conclusion": _conclusion(own, up, above) + ["Biên bản kết thúc hồi ........ giờ ........ cùng ngày./."],
        "chair": chair, "secretary": secretary,
    }


def _passed(rows) -> int:
    return sum(1 for r in rows if r["result"] == "Thông qua")


def _conclusion(own, up, above) -> list[str]:
    """The result: the lines of this level for the chairman's decision, those proposed upward for the level above."""
    out = []
    if own or not up:
        out.append(f"Kết quả: {_passed(own)}/{len(own)} trường hợp được thông qua, đề nghị Chủ tịch xem xét, quyết định "
                   "khen thưởng.")
    if up:
        out.append(f"{'Đề nghị cấp trên khen thưởng' if own else 'Kết quả'}: {_passed(up)}/{len(up)} trường hợp được thông "
                   f"qua, đề nghị Chủ tịch trình {above} xem xét, khen thưởng.")
    return out


def minutes_docx(meeting) -> bytes:
    doc = DocxTemplate(TEMPLATE)
    doc.render(minutes_context(meeting), autoescape=True)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
