"""The year-end report and the conference: thin views over reports.selectors, the files from reports.exports."""

from datetime import datetime
from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.params import get_int, parse_id, parse_year
from core.years import review_year

from . import charts, exports, selectors

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


def report(request):
    """Báo cáo tổng kết: the figures of a level and a year, with charts; Excel and Word of the same."""
    unit, year = _level_and_year(request)
    data = selectors.year_report(unit, year)
    drawn = [{"chart": c, "svg": charts.svg(c)} for c in charts.report_charts(data)]
    return render(request, "reports/report.html", {
        "r": data, "unit": unit, "year": year, "charts": drawn, "levels": selectors.levels_for(request.user),
        "years": _years(), "query": f"don-vi={unit.pk}&nam={year}",
    })


def report_excel(request):
    unit, year = _level_and_year(request)
    return _download(exports.workbook(selectors.year_report(unit, year)), exports.XLSX, f"{_stem(unit, year)}.xlsx")


def report_word(request):
    unit, year = _level_and_year(request)
    content = exports.report_docx(selectors.year_report(unit, year), day=timezone.localdate())
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
    from django.contrib import messages

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
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.urls import reverse

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
    data = selectors.year_report(unit, year)
    honours = selectors.honour_list(unit, year, min_rank=min_rank, per_turn=per_turn)
    content = exports.programme_docx(data, selectors.turns(honours), day=day, start=start, place=place)
    return _download(content, exports.DOCX, f"chuong-trinh-hoi-nghi-tong-ket-{year}-{unit.code.lower()}.docx")
