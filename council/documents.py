"""The minutes of a council meeting (biên bản họp Hội đồng) as Word, with the counts of the closed ballot."""

from documents.nd30 import balanced_lines, document_date, name_in_sentence, render, upper


def minutes_context(meeting) -> dict:
    authority = meeting.authority
    body = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    rows = []
    for i, t in enumerate(meeting.tallies.select_related("line__person", "line__unit", "line__award_type")
                          .order_by("line__dossier_id", "line__position", "line_id"), start=1):
        rows.append({"n": i, "name": t.line.recipient_name, "award": t.line.award_type.name, "agree": t.agree,
                     "disagree": t.disagree, "abstain": t.abstain + t.recused,
                     "result": "Thông qua" if t.passed else "Không thông qua"})
    passed = sum(1 for r in rows if r["result"] == "Thông qua")
    recusals = list(meeting.recusals.select_related("user", "line__person", "line__unit"))
    intro = [
        f"Hồi ........ giờ ........, ngày {meeting.date:%d/%m/%Y}, tại {meeting.place or '................'}, Hội đồng Thi đua - Khen thưởng "
        f"{name_in_sentence(authority)} họp xét khen thưởng.",
        f"Thành phần: {meeting.present_count}/{meeting.members_count} thành viên Hội đồng có mặt; "
        f"{meeting.receipts.filter(voted=True).count()} phiếu được tính (gồm phiếu trên hệ thống, phiếu giấy và phiếu gửi của thành viên vắng mặt).",
        "Hình thức: bỏ phiếu kín; tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng.",
    ]
    intro += [f"{r.user.display_name} không biểu quyết đối với {r.line.recipient_name}: {r.reason}." for r in recusals]
    return {
        "superior": f"UBND {upper(authority.name)}", "body": body, "body_lines": balanced_lines(body),
        "place_date": document_date(meeting.date, "Hà Nội"),
        "subject": f"Họp Hội đồng Thi đua - Khen thưởng {name_in_sentence(authority)}",
        "intro": intro, "rows": rows,
        "conclusion": [f"Kết quả: {passed}/{len(rows)} trường hợp được thông qua, đề nghị Chủ tịch xem xét, quyết định khen thưởng.",
                       "Biên bản kết thúc hồi ........ giờ ........ cùng ngày./."],
    }


def minutes_docx(meeting) -> bytes:
    return render("council_minutes.docx", minutes_context(meeting))
