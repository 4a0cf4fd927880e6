"""The standing office's summary of a plan's registrations as a Word document
(documents/templates/registrations.docx, docxtpl): this module prepares the values."""

from django.utils import timezone

from documents.nd30 import document_date, document_place, render
from plans.documents import citation_with_subject, common_context

from .forms import award_label, registration_awards


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
        **common_context(plan),
        "place_date": document_date(today, document_place(plan.unit)),
        "plan_citation": citation_with_subject(plan),
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
