"""Word documents of plans and registrations, filled from documents/templates/*.docx (docxtpl).

The templates hold the layout (Nghị định 30/2020/NĐ-CP); this module only
prepares the values. Dates in the text follow the decree: "Hà Nội, ngày 05
tháng 01 năm 2022" (a zero before days under 10 and months 1 and 2).
"""

import io

from django.utils import timezone
from docxtpl import DocxTemplate

from core.text import fold
from documents import template_path
from org.models import ADMINISTRATIVE_KINDS

from .models import MilestoneKind, PlanStatus
from .registration_forms import award_label, registration_awards

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_date(day, place="Hà Nội") -> str:
    """"Hà Nội, ngày 24 tháng 12 năm 2021" (NĐ 30/2020, Phụ lục I, mục II.4: days under 10
    and the months 1 and 2 take a leading zero); blanks to fill by hand when there is no date."""
    if day is None:
        return f"{place}, ngày      tháng      năm"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def paragraphs(text) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _upper(text):
    return (text or "").upper()


def issuing_lines(plan):
    """(superior, body) of the top-left block: "UBND QUẬN THANH XUÂN" above "HỘI ĐỒNG THI ĐUA -
    KHEN THƯỞNG" for a council of an administrative level; the issuer alone otherwise."""
    issuer = plan.issuer.strip() or plan.unit.name
    unit = plan.unit
    if unit.kind in ADMINISTRATIVE_KINDS and fold(issuer).startswith("hoi dong"):
        body = issuer
        if fold(body).endswith(fold(unit.name)):
            body = body[: len(body) - len(unit.name)].rstrip(" -,")
        return f"UBND {_upper(unit.name)}", _upper(body)
    return "", _upper(issuer)


def subject_of(plan):
    """The trích yếu without the document kind: "Công tác thi đua, khen thưởng năm 2022"."""
    title = plan.title.strip()
    if fold(title).startswith("ke hoach "):
        title = title[len("Kế hoạch "):].strip()
    return title[:1].upper() + title[1:]


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _citation_with_subject(plan):
    return f"{plan.citation} về {_lower_first(subject_of(plan))}"


def _recipients(text):
    """One line per recipient ending in ";", the filing line last ("Lưu: VT, SNV.") as the
    user wrote it; "Lưu: VT." only when they wrote none (NĐ 30/2020, Phụ lục I, mục II.9)."""
    lines = [line.strip().lstrip("-–• ").rstrip(" ;.") for line in (text or "").splitlines() if line.strip()]
    lines = [line for line in lines if line]
    archive = [line for line in lines if fold(line).startswith("luu")]
    others = [line for line in lines if not fold(line).startswith("luu")]
    return [f"{line};" for line in others] + [f"{archive[-1] if archive else 'Lưu: VT'}."]


def _signer(plan):
    lines = [line.strip() for line in plan.signature_title.splitlines() if line.strip()]
    return [_upper(line) for line in lines]


def _number_placeholder(plan):
    """The blank number of a draft, with the issuer's symbol: "      /KH-UBND", "      /KH-HĐTĐKT"."""
    return "      /KH-UBND" if fold(plan.issuer or "").startswith(("uy ban nhan dan", "ubnd")) else "      /KH-HĐTĐKT"


def balanced_lines(text, limit=24):
    """A long issuing body on two lines split near the middle (after " - " when there is
    one), so that Word does not leave its last word alone: "HỘI ĐỒNG THI ĐUA -" /
    "KHEN THƯỞNG"."""
    if len(text) <= limit or " " not in text:
        return [text]
    words = text.split(" ")
    best, best_score = None, None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        score = abs(len(first) - len(second)) - (6 if first.endswith("-") else 0)
        if fold(words[i - 1]) in ("va", "cua", "ve", "thuoc"):  # never end a line on a joining word
            score += 6
        if second.startswith("-"):
            continue
        if best_score is None or score < best_score:
            best, best_score = [first, second], score
    return best or [text]


def _common(plan):
    superior, body = issuing_lines(plan)
    return {"superior": superior, "body": body, "body_lines": balanced_lines(body), "year": plan.year}


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
        **_common(plan),
        "number": plan.number or _number_placeholder(plan),
        "place_date": document_date(plan.issued_on, plan.place or "Hà Nội"),
        "draft": plan.status != PlanStatus.PUBLISHED,
        "subject": subject,
        "subject_lower": _lower_first(subject),
        "parent_citation": _citation_with_subject(plan.parent) if plan.parent_id else "",
        "issuer": plan.issuer or plan.unit.name,
        "purposes": paragraphs(plan.purposes),
        "requirements": paragraphs(plan.requirements),
        "content": paragraphs(plan.content),
        "movements": movements,
        "tasks": tasks,
        "milestones": milestones,
        "closing": (f"Trên đây là Kế hoạch {_lower_first(subject)} của {plan.issuer or plan.unit.name}. Đề nghị các cơ quan, "
                    f"đơn vị triển khai thực hiện; trong quá trình thực hiện có vướng mắc, phản ánh về {office} "
                    "để tổng hợp, báo cáo./."),
        "recipients": _recipients(plan.recipients),
        "signer_lines": _signer(plan),
        "signer_note": "",
        "signer_name": plan.signer_name,
    }


def render(name, context) -> bytes:
    doc = DocxTemplate(template_path(name))
    doc.render(context, autoescape=True)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def plan_docx(plan) -> bytes:
    return render("plan.docx", plan_context(plan))


def registrations_context(plan, overview, today=None) -> dict:
    today = today or timezone.localdate()
    individual, collective = registration_awards(plan)
    groups = []
    for kind, awards in (("i", individual), ("c", collective)):
        for award in awards:
            rows = []
            for row in overview:
                for line in row["lines"]:
                    if line.award_type_id != award.pk or bool(line.person_id) != (kind == "i"):
                        continue
                    if kind == "i":
                        p = line.person
                        detail = ", ".join(x for x in (p.position, p.unit.name) if x)
                        rows.append({"name": p.full_name, "detail": detail, "registrant": row["unit"].name, "sort": p.sort_key})
                    else:
                        rows.append({"name": line.unit.name, "detail": "", "registrant": row["unit"].name, "sort": line.unit.path})
            if not rows:
                continue
            rows.sort(key=lambda r: (r["registrant"], r["sort"]))
            label = award_label(award)
            if award in individual and award in collective:
                label += " (cá nhân)" if kind == "i" else " (tập thể)"
            groups.append({"name": label, "subject_header": "Họ và tên" if kind == "i" else "Tập thể",
                           "detail_header": "Chức vụ, đơn vị công tác" if kind == "i" else "Ghi chú",
                           "count": f"{len(rows)} {'cá nhân' if kind == 'i' else 'tập thể'}", "rows": rows})
    n_units = len(overview)
    n_reg = sum(1 for r in overview if r["counted"])
    n_none = sum(1 for r in overview if r["status"] == "no_need")
    summary = f"Đến ngày {today:%d/%m/%Y}, {n_reg}/{n_units} đơn vị đã gửi đăng ký thi đua năm {plan.year}"
    if n_none:
        summary += f"; {n_none} đơn vị không đăng ký, được ghi nhận không có nhu cầu thi đua, khen thưởng năm {plan.year}"
    summary += (f". Tổng số đăng ký: {sum(r['n_collectives'] for r in overview)} lượt tập thể, "
                f"{sum(r['n_individuals'] for r in overview)} lượt cá nhân.")
    return {
        **_common(plan),
        "place_date": document_date(today, plan.place or "Hà Nội"),
        "plan_citation": _citation_with_subject(plan),
        "summary": summary,
        "units": [{"name": r["unit"].name, "status": r["status_text"], "collectives": r["n_collectives"] or "",
                   "individuals": r["n_individuals"] or ""} for r in overview],
        "awards": groups,
        "signer_lines": ["CƠ QUAN THƯỜNG TRỰC", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"],
        "signer_note": "(Ký, ghi rõ họ tên)",
        "signer_name": "",
    }


def registrations_docx(plan, overview, today=None) -> bytes:
    return render("registrations.docx", registrations_context(plan, overview, today))
