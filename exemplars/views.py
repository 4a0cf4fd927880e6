"""The exemplar pages: the list, the unit's proposal form, the detail with its photos and timeline, the office's
steps, and the board of each unit's months. Reads through ``selectors``, writes through ``actions``."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, carry_seen, refused, seen_values
from core.params import get_id, get_int, get_year, parse_int
from core.years import review_year

from . import actions, selectors
from .forms import ExemplarForm, PhotosForm, ReasonForm, months_offered
from .models import Status
from .workflow import StepRefused

BOXES = {"": "Tất cả", "sent": "Đơn vị đã đề xuất", "received": "Gửi đến cơ quan thường trực"}


def exemplar_list(request):
    user = request.user
    box = request.GET.get("box", "")
    box = box if box in BOXES else ""
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    year = get_year(request)
    month = get_int(request, "month", None, min_value=1, max_value=12)
    unit = get_id(request, "unit")
    q = request.GET.get("q", "")
    qs = selectors.exemplars_for(user, box=box, status=status, year=year, month=month, unit=unit, q=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "exemplars/list.html", {
        "page": page, "boxes": BOXES, "box": box, "status": status, "statuses": Status.choices, "year": year or "",
        "month": month or "", "months": range(1, 13), "unit": unit, "units": selectors.filter_units(user), "q": q,
        "filtered": bool(status or year or month or unit or q.strip()),
        "can_create": selectors.units_proposing(user).exists(), "desk": selectors.desk(user)})


def _form(request, unit, exemplar=None):
    today = timezone.localdate()
    keep = (exemplar.year, exemplar.month) if exemplar else None
    initial = {"period": f"{today.year}-{today.month:02d}", "subject_kind": "person"}
    if exemplar:
        initial = {"period": f"{exemplar.year}-{exemplar.month:02d}", "subject_kind": exemplar.subject_kind,
                   "person": exemplar.person_id, "collective": exemplar.collective_id,
                   **{n: getattr(exemplar, n) for n in ("outsider_name", "outsider_about", "title", "deed_on", "place",
                                                         "story")}}
    form = ExemplarForm(request.POST or None, request.FILES or None, initial=initial,
                        people=selectors.people_of(unit), collectives=selectors.collectives_of(unit),
                        months=months_offered(today, keep=keep), with_photos=exemplar is None)
    return form


def exemplar_create(request):
    units = list(selectors.units_proposing(request.user)[:300])
    if not units:
        raise PermissionDenied("Bạn không đề xuất điển hình cho đơn vị nào.")
    pk = parse_int(request.POST.get("unit") if request.method == "POST" else request.GET.get("unit"))
    unit = next((u for u in units if u.pk == pk), units[0])
    form = _form(request, unit)
    if request.method == "POST" and form.is_valid():
        try:
            e = actions.exemplar_create(acting_user=request.user, unit=unit, photos=form.cleaned_data["photos"],
                                        caption=form.cleaned_data["caption"], **form.action_fields())
            if request.POST.get("send"):
                actions.exemplar_submit(acting_user=request.user, exemplar=e)
        except ValidationError as err:
            apply_validation_error(form, _on_period(err))
        else:
            if request.POST.get("send"):
                messages.success(request, f"Đã gửi đề xuất {e.code} đến {e.authority.name}.")
            else:
                messages.success(request, f"Đã lưu đề xuất {e.code} (chưa gửi).")
            return redirect("exemplars:detail", pk=e.pk)
    return render(request, "exemplars/form.html", {"form": form, "unit": unit, "units": units, "exemplar": None,
                                                   "authority": selectors.authority_for(unit)})


def _on_period(err):
    """The action's errors on year and month belong to the form's month field."""
    if hasattr(err, "error_dict"):
        d = dict(err.error_dict)
        for name in ("year", "month"):
            if name in d:
                d.setdefault("period", []).extend(d.pop(name))
        return ValidationError(d)
    return err


def exemplar_edit(request, pk):
    e = selectors.exemplar_get_for_user(request.user, pk)
    if not selectors.steps_for(request.user, e)["edit"]:
        return refused(request, ValidationError("Đề xuất này không sửa được lúc này (đã gửi, hoặc bạn không có "
                                                "quyền đề xuất cho đơn vị)."), reverse("exemplars:detail", args=[pk]))
    form = carry_seen(_form(request, e.unit, e))
    if request.method == "POST" and form.is_valid():
        expected = form.action_fields(seen_values(form)) or None
        try:
            actions.exemplar_update(acting_user=request.user, exemplar=e, expected=expected, **form.action_fields())
        except ValidationError as err:
            apply_validation_error(form, _on_period(err))
        else:
            messages.success(request, f"Đã lưu đề xuất {e.code}.")
            return redirect("exemplars:detail", pk=e.pk)
    return render(request, "exemplars/form.html", {"form": form, "unit": e.unit, "units": [e.unit], "exemplar": e})


def exemplar_detail(request, pk):
    e = selectors.exemplar_get_for_user(request.user, pk)
    steps = selectors.steps_for(request.user, e)
    photos = selectors.photos_of(e)
    office = steps["accept"] or steps["publish"] or steps["commend"] or steps["unpublish"]
    return render(request, "exemplars/detail.html", {
        "e": e, "steps": steps, "photos": photos, "events": selectors.events_of(e),
        "returned": selectors.returned_reason(e) if e.status == Status.RETURNED else None,
        "private": actions.private_details(e) if office and not e.is_published else [],
        "rule": selectors.month_rule(e.year, e.month), "reason_form": ReasonForm(), "photos_form": PhotosForm(),
        "late": selectors.sent_late(e)})


STEP_ACTIONS = {
    "gui": ("submit", lambda u, e, r: actions.exemplar_submit(acting_user=u, exemplar=e),
            lambda e, _: f"Đã gửi đề xuất {e.code} đến {e.authority.name}."),
    "cong-nhan": ("accept", lambda u, e, r: actions.exemplar_accept(acting_user=u, exemplar=e),
                  lambda e, _: f"Đã công nhận điển hình {e.code}."),
    "khen-dot-xuat": ("commend", lambda u, e, r: actions.exemplar_commend(acting_user=u, exemplar=e),
                      lambda e, line: f"Đã đề nghị {line.award_type.name} đột xuất cho {line.recipient_name} trong "
                                      f"hồ sơ {line.dossier.code}."),
    "cong-bo": ("publish", lambda u, e, r: actions.exemplar_publish(acting_user=u, exemplar=e),
                lambda e, _: "Đã công bố câu chuyện trên cổng thông tin."),
    "thoi-cong-bo": ("unpublish", lambda u, e, r: actions.exemplar_unpublish(acting_user=u, exemplar=e,
                                                                             reason=r.POST.get("reason", "")),
                     lambda e, _: "Đã thôi công bố câu chuyện."),
}


@require_POST
def exemplar_step(request, pk, step):
    if step not in STEP_ACTIONS:
        raise Http404
    e = selectors.exemplar_get_for_user(request.user, pk)
    _verb, act, said = STEP_ACTIONS[step]
    back = reverse("exemplars:detail", args=[pk])
    try:
        result = act(request.user, e, request)
    except (ValidationError, PermissionDenied) as err:
        return refused(request, err, back)
    messages.success(request, said(e, result))
    return redirect(back)


def exemplar_return(request, pk):
    e = selectors.exemplar_get_for_user(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.exemplar_return(acting_user=request.user, exemplar=e, reason=form.cleaned_data["reason"])
        except StepRefused as err:
            return refused(request, err, reverse("exemplars:detail", args=[pk]))
        except ValidationError as err:
            apply_validation_error(form, err)
        except PermissionDenied as err:
            return refused(request, err, reverse("exemplars:detail", args=[pk]))
        else:
            messages.success(request, f"Đã trả lại đề xuất {e.code} cho {e.unit.name}.")
            return redirect("exemplars:detail", pk=pk)
    return render(request, "exemplars/return.html", {"e": e, "form": form})


@require_POST
def photo_add(request, pk):
    e = selectors.exemplar_get_for_user(request.user, pk)
    form = PhotosForm(request.POST, request.FILES)
    back = reverse("exemplars:detail", args=[pk]) + "#photos"
    if not form.is_valid():
        return refused(request, ValidationError([m for ms in form.errors.values() for m in ms]), back)
    try:
        made = actions.photos_add(acting_user=request.user, exemplar=e, uploads=form.cleaned_data["photos"],
                                  caption=form.cleaned_data["caption"])
    except (ValidationError, PermissionDenied) as err:
        return refused(request, err, back)
    messages.success(request, f"Đã thêm {len(made)} ảnh.")
    return redirect(back)


@require_POST
def photo_remove(request, pk, photo_pk):
    photo = selectors.photo_get_for_user(request.user, pk, photo_pk)
    back = reverse("exemplars:detail", args=[pk]) + "#photos"
    try:
        actions.photo_remove(acting_user=request.user, photo=photo)
    except (ValidationError, PermissionDenied) as err:
        return refused(request, err, back)
    messages.success(request, "Đã xóa ảnh.")
    return redirect(back)


def photo_file(request, pk, photo_pk):
    photo = selectors.photo_get_for_user(request.user, pk, photo_pk)
    field = photo.thumb if request.GET.get("nho") else photo.image
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _board_rows(rows, year):
    """Each row with its cells as (state, title, link, text), worked out here once: a city's board has thousands."""
    base = reverse("exemplars:list")
    out = []
    for r in rows:
        cells = []
        for c in r.cells:
            title = f"{r.unit.name} — tháng {c.month}/{year}: {c.label}"
            if c.sent:
                title += f"; {c.sent} đề xuất, {c.accepted} được công nhận"
            if c.late:
                title += f"; {c.late} gửi sau hạn"
            shown = c.short + (f" {c.sent}" if c.sent > 1 else "")
            link = f"{base}?unit={r.unit.pk}&year={year}&month={c.month}" if c.state in ("accepted", "proposed") else ""
            cells.append((c.state, title, link, shown))
        out.append((r.unit, r.n_missed, cells))
    return out


def board(request):
    user = request.user
    levels = selectors.board_levels(user)
    pk = get_id(request, "level")
    if pk is not None:
        level = selectors.level_for(user, pk)
    elif levels:
        level = levels[0]
    else:
        raise Http404("Không có cấp nào để theo dõi")
    year = get_year(request, default=review_year())
    unit = get_id(request, "unit")
    b = selectors.board(user, level, year, unit=unit)
    only_missed = request.GET.get("thieu") == "1"
    rows = _board_rows([r for r in b.rows if r.n_missed] if only_missed else b.rows, year)
    return render(request, "exemplars/board.html", {
        "b": b, "rows": rows, "levels": levels, "can_create": selectors.units_proposing(user).exists(), "level": level, "year": year, "only_missed": only_missed,
        "years": range(b.today.year, b.today.year - 6, -1), "n_missed_units": sum(1 for r in b.rows if r.n_missed)})
