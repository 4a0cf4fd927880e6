"""The plan as a Word document (documents/templates/plan.docx, docxtpl): this module
prepares the values; the layout (Nghị định 30/2020/NĐ-CP) is in the template and in
``documents.nd30``."""

from core.text import fold
from documents.nd30 import (
    document_date, document_place, issuing_block, lower_first, paragraphs, recipient_lines, render, signer_lines, symbol_for,
)

from .models import MilestoneKind, PlanStatus


def common_context(plan):
    """The values every document about ``plan`` starts from: the issuing block and the year."""
    return {**issuing_block(plan.unit, plan.issuer), "year": plan.year}


def subject_of(plan):
    """The trích yếu without the document kind: "Công tác thi đua, khen thưởng năm 2022"."""
    title = plan.title.strip()
    if fold(title).startswith("ke hoach "):
        title = title[len("Kế hoạch "):].strip()
    return title[:1].upper() + title[1:]


def citation_with_subject(plan):
    return f"{plan.citation} về {lower_first(subject_of(plan))}"


def _number_placeholder(plan):
    """The blank number of a draft, with the issuer's symbol: "      /KH-UBND", "      /KH-HĐTĐKT"."""
    return f"      /{symbol_for('KH', plan.unit, plan.issuer)}"


def plan_context(plan) -> dict:
    subject = subject_of(plan)
    milestones = []
    for m in plan.milestones.all().select_related("relative_to"):
        note = m.note
        if m.relative_to_id and m.working_days_before:
            rel = f"{m.working_days_before} ngày làm việc trước hạn “{m.relative_to.title}”"
            note = f"{rel}; {note}" if note else rel
        milestones.append({"title": m.title, "due": f"{m.due_on:%d/%m/%Y}", "note": note,
                           "registration": m.kind == MilestoneKind.REGISTRATION})
    movements = []
    for mv in plan.movements.all().order_by("start", "name"):
        period = f"{mv.start:%d/%m/%Y}" + (f" - {mv.end:%d/%m/%Y}" if mv.end else "")
        content = " ".join(paragraphs(mv.content))
        tail = f" ({mv.get_kind_display().lower()}, {period})" + (f": {content}" if content else ".")
        movements.append({"title": f"Phong trào thi đua “{mv.name}”", "tail": tail})
    tasks = [{"responsible": t.responsible, "paragraphs": paragraphs(t.content)} for t in plan.tasks.all()]
    office = "cơ quan thường trực Hội đồng Thi đua - Khen thưởng"
    return {
        **common_context(plan),
        "number": plan.number or _number_placeholder(plan),
        # The place is the issuing body's administrative unit (NĐ 30/2020), not typed: "Phú Lương" for a ward.
        "place_date": document_date(plan.issued_on, document_place(plan.unit)),
        "draft": plan.status != PlanStatus.PUBLISHED,
        "subject": subject,
        "subject_lower": lower_first(subject),
        "parent_citation": citation_with_subject(plan.parent) if plan.parent_id else "",
        "issuer": plan.issuer or plan.unit.name,
        "purposes": paragraphs(plan.purposes),
        "requirements": paragraphs(plan.requirements),
        "content": paragraphs(plan.content),
        "movements": movements,
        "tasks": tasks,
        "milestones": milestones,
        "closing": (f"Trên đây là Kế hoạch {lower_first(subject)} của {plan.issuer or plan.unit.name}. Đề nghị các cơ quan, "
                    f"đơn vị triển khai thực hiện; trong quá trình thực hiện có vướng mắc, phản ánh về {office} "
                    "để tổng hợp, báo cáo./."),
        "recipients": recipient_lines(plan.recipients),
        "signer_lines": signer_lines(plan.signature_title),
        "signer_note": "",
        "signer_name": plan.signer_name,
    }


def plan_docx(plan) -> bytes:
    return render("plan.docx", plan_context(plan))
