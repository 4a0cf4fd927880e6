"""The year-end report and the conference: thin views over reports.selectors, the files from reports.exports."""

from datetime import datetime
from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from core.params import get_int, parse_id, parse_year
from core.years import review_year
from jobs import tracking

from . import actions, charts, exports, kept, selectors

YEAR_MIN = 2000


def _level_and_year(request):
    """The level (``?don-vi=``, default the user's own top unit) and year (``?nam=``, default the year under
    review); 404 for a level outside the user's scope."""
    from django.http import Http404

    pk = parse_id(request.GET.get("don-vi"))
    unit = selectors.level_get_for_user(request.user, pk) if pk else selectors.default_level(request.user)
    if unit is None:
        raise Http404("Không có đơn vị nào trong phạm vi của bạn")
    this_year = timezone.localdate().year
    year = parse_year(request.GET.get("nam"), review_year(), min_year=YEAR_MIN, max_year=this_year) or review_year()
    return unit, year


def _years():
    return list(range(timezone.localdate().year, YEAR_MIN - 1, -1))


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _stem(unit, year):
    return f"bao-cao-tong-ket-thi-dua-khen-thuong-{year}-{unit.code.lower()}"


def _big(request, unit, year, *, start=True) -> dict:
    """A big level's report as the worker kept it (reports.kept): {"kept": Kept or None, "job": a computation under
    way, "failed": the last computation when it failed and nothing is kept}. With ``start``, a level never computed
    (or whose kept figures are gone) is handed to the worker."""
    jobs = selectors.report_jobs(unit, year)
    found = next((k for k in (kept.read(j) for j in jobs if j.state == j.State.DONE) if k is not None), None)
    latest = tracking.check(jobs[0]) if jobs else None
    running = latest if latest is not None and latest.running else None
    failed = latest if latest is not None and latest.state == latest.State.FAILED else None
    if found is None and running is None and failed is None and start:
        job = actions.report_job_start(acting_user=request.user, unit=unit, year=year)
        job.refresh_from_db()
        job = tracking.check(job)
        if job.running:
            running = job
        else:  # a worker that runs at once (tests) has already kept it
            found = kept.read(job)
            failed = job if job.state == job.State.FAILED else None
    return {"kept": found, "job": running, "failed": failed}


def _figures(request, unit, year, what):
    """(figures, redirect, Kept) for a file (``what``: its name for the message): computed now for a small level,
    the kept ones for a big level, or a redirect to the report's page while the worker computes them."""
    if not kept.is_big(unit):
        return selectors.year_report(unit, year), None, None
    state = _big(request, unit, year)
    if state["kept"] is None:
        messages.info(request, f"Số liệu của {unit.name} năm {year} đang được tính (đơn vị lớn); "
                               f"hãy tải {what} khi trang báo cáo hiện số liệu.")
        return None, redirect(f"{reverse('reports:report')}?don-vi={unit.pk}&nam={year}"), None
    return state["kept"].report, None, state["kept"]


def report(request):
    """Báo cáo tổng kết: the figures of a level and a year, with charts; Excel and Word of the same. A level with
    more than TDKT_REPORT_INLINE_PEOPLE people is computed by the worker and read back (reports.kept)."""
    unit, year = _level_and_year(request)
    context = {"unit": unit, "year": year, "levels": selectors.levels_for(request.user), "years": _years(),
               "query": f"don-vi={unit.pk}&nam={year}", "big": kept.is_big(unit), "limit": kept.inline_people()}
    if context["big"]:
        state = _big(request, unit, year)
        context.update(state)
        if state["kept"] is None:
            return render(request, "reports/report.html", {**context, "computing": True})
        data = state["kept"].report
        context["stale"] = state["kept"].stale()
    else:
        data = selectors.year_report(unit, year)
    drawn = [{"chart": c, "svg": charts.svg(c)} for c in charts.report_charts(data)]
    return render(request, "reports/report.html", {**context, "r": data, "charts": drawn})


def report_job(request, pk):
    """The worker's progress on a big level's report (polled); once it is done, the page reloads."""
    unit, year = _level_and_year(request)
    job = tracking.check(selectors.report_job_get(unit, year, pk))
    if not job.running:
        return HttpResponseClientRefresh()
    return render(request, "reports/_report_job.html", {"job": job, "unit": unit, "year": year,
                                                        "again": request.GET.get("lai") == "1"})


@require_POST
def report_recompute(request):
    """Tính lại: a big level's report computed again by the worker (the awards changed since it was kept)."""
    unit, year = _level_and_year(request)
    if kept.is_big(unit):
        jobs = selectors.report_jobs(unit, year, limit=1)
        if not (jobs and tracking.check(jobs[0]).running):
            actions.report_job_start(acting_user=request.user, unit=unit, year=year)
    return redirect(f"{reverse('reports:report')}?don-vi={unit.pk}&nam={year}")


def report_excel(request):
    unit, year = _level_and_year(request)
    data, wait, _kept = _figures(request, unit, year, "tệp Excel")
    if wait:
        return wait
    return _download(exports.workbook(data), exports.XLSX, f"{_stem(unit, year)}.xlsx")


def report_word(request):
    unit, year = _level_and_year(request)
    data, wait, found = _figures(request, unit, year, "tệp Word")
    if wait:
        return wait
    written = kept.word(found) if found is not None else None
    content = written or exports.report_docx(data, day=timezone.localdate())
    return _download(content, exports.DOCX, f"{_stem(unit, year)}.docx")


def _conference_options(request, unit, year):
    """(per turn, the rank the list starts from, the ranks to choose from, a note when the choice was too long)."""
    per_turn = get_int(request, "moi-luot", 10, min_value=1, max_value=50)
    counts = selectors.rank_counts(unit, year)
    min_rank, note = selectors.stage_rank(counts, get_int(request, "tu-hang", None, min_value=0, max_value=1000))
    return per_turn, min_rank, counts, note


def conference(request):
    """Hội nghị tổng kết: the honour list in stage order and turns, the certificates to print by unit, and the
    programme to download."""
    unit, year = _level_and_year(request)
    per_turn, min_rank, counts, note = _conference_options(request, unit, year)
    if note:
        messages.warning(request, note)
    honours = selectors.honour_list(unit, year, min_rank=min_rank, per_turn=per_turn)
    return render(request, "reports/conference.html", {
        "unit": unit, "year": year, "honours": honours, "turns": selectors.turns(honours),
        "batches": selectors.certificate_batches(unit, year), "levels": selectors.levels_for(request.user),
        "years": _years(), "per_turn": per_turn, "min_rank": min_rank, "ranks": counts,
        "query": f"don-vi={unit.pk}&nam={year}",
    })


def _day(text):
    """A date typed dd/mm/yyyy (or yyyy-mm-dd), else None (the programme leaves the date to fill by hand)."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def programme_word(request):
    """The conference's programme as Word; a date or time typed wrong sends the user back with what is wrong."""
    unit, year = _level_and_year(request)
    per_turn, min_rank, _counts, _note = _conference_options(request, unit, year)
    typed_day = request.GET.get("ngay", "").strip()
    day = _day(typed_day)
    start = request.GET.get("gio", "").strip() or "08:00"
    errors = []
    if typed_day and day is None:
        errors.append(f"Ngày tổ chức “{typed_day[:20]}” không đúng dạng ngày/tháng/năm (ví dụ 15/01/2026).")
    if not (len(start) == 5 and start[2] == ":" and start[:2].isdigit() and start[3:].isdigit()
            and int(start[:2]) < 24 and int(start[3:]) < 60):
        errors.append(f"Giờ bắt đầu “{start[:20]}” không đúng dạng giờ:phút (ví dụ 08:00).")
    if errors:
        for e in errors:
            messages.error(request, e)
        return redirect(reverse("reports:conference") + f"?don-vi={unit.pk}&nam={year}#chuong-trinh")
    place = " ".join(request.GET.get("dia-diem", "").split())[:200]
    data, wait, _kept = _figures(request, unit, year, "chương trình hội nghị")
    if wait:
        return wait
    honours = selectors.honour_list(unit, year, min_rank=min_rank, per_turn=per_turn)
    content = exports.programme_docx(data, selectors.turns(honours), day=day, start=start, place=place)
    return _download(content, exports.DOCX, f"chuong-trinh-hoi-nghi-tong-ket-{year}-{unit.code.lower()}.docx")
