from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, refused
from core.params import chosen, parse_int

from . import actions, selectors
from .forms import MeetingForm, RecuseForm
from .models import MeetingStatus


def meeting_list(request):
    authorities = list(selectors.authorities_for_office(request.user))
    return render(request, "council/list.html", {"meetings": selectors.meetings_for(request.user)[:200],
                                                 "can_create": bool(authorities)})


def meeting_create(request):
    authorities = list(selectors.authorities_for_office(request.user))
    if not authorities:
        raise Http404
    authority = chosen(request, "authority", authorities)
    waiting = list(selectors.dossiers_awaiting(request.user, authority))
    form = MeetingForm(request.POST or None, authorities=authorities, dossiers=waiting,
                       initial={"authority": authority.pk, "date": timezone.localdate(), "dossiers": [d.pk for d in waiting],
                                "title": f"Phiên họp Hội đồng Thi đua - Khen thưởng {authority.name}"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            m = actions.meeting_create(acting_user=request.user, authority=authority, title=data["title"], date=data["date"],
                                       place=data["place"], dossiers=[d for d in waiting if d.pk in set(data["dossiers"])])
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã triệu tập phiên họp. Điểm danh thành viên có mặt rồi mở phiếu.")
            return redirect("council:detail", pk=m.pk)
    return render(request, "council/create.html", {"form": form, "authority": authority, "waiting": waiting})


def meeting_detail(request, pk):
    m = selectors.meeting_get_for_user(request.user, pk)
    office = selectors.is_office(request.user, m)
    member = selectors.membership(request.user, m)
    rows = list(selectors.ballot_rows(m)) if m.status != MeetingStatus.PLANNED else []
    voted = selectors.voted_user_ids(m)
    mine_recused = selectors.my_recused_line_ids(m, request.user)
    by_kind = actions.rules(m)
    for t in rows:
        t.own = bool(request.user.person_id) and t.line.person_id == request.user.person_id
        t.needed, t.rule_text = by_kind[t.secret].needed, by_kind[t.secret].text
    ok, quorum_text = actions.quorum(m)
    members = list(selectors.members_of(m))
    for mem in members:
        mem.voted = mem.user_id in voted
    return render(request, "council/detail.html", {
        "m": m, "office": office, "member": member, "rows": rows, "members": members,
        "quorum_ok": ok, "quorum_text": quorum_text, "voted_count": len(voted),
        "can_vote": member is not None and m.status == MeetingStatus.VOTING and request.user.pk not in voted,
        "mine_recused": mine_recused, "recusals": selectors.recusals_of(m),
        "results": selectors.results_visible(m), "choices": actions.CHOICES,
        "not_voted": [mem for mem in members if not mem.voted],
    })


def _back(m):
    return redirect("council:detail", pk=m.pk)


def _fail(request, m, e):
    return refused(request, e, reverse("council:detail", args=[m.pk]))


@require_POST
def meeting_step(request, pk, verb):
    m = selectors.meeting_get_for_user(request.user, pk)
    try:
        if verb == "attendance":
            actions.attendance_set(acting_user=request.user, meeting=m,
                                   present_user_ids=[int(x) for x in request.POST.getlist("present") if x.isdigit()])
            messages.success(request, "Đã lưu điểm danh.")
        elif verb == "open":
            actions.ballot_open(acting_user=request.user, meeting=m)
            messages.success(request, "Đã mở phiếu. Thành viên bỏ phiếu trên màn hình của mình; thư ký nhập phiếu giấy.")
        elif verb == "close":
            closed = actions.ballot_close(acting_user=request.user, meeting=m)
            messages.success(request, "Đã kết thúc bỏ phiếu; kết quả đã chuyển sang các hồ sơ.")
            for note in closed.notes:
                messages.warning(request, note)
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as e:
        return _fail(request, m, e)
    return _back(m)


@sensitive_variables()
def _choices(post):
    """The ballot's fields ``line-<line id>``: {line id: choice}; a field naming no line is refused by name."""
    choices, wrong = {}, []
    for key, value in post.items():
        if not key.startswith("line-"):
            continue
        suffix = key.removeprefix("line-")
        if suffix.isascii() and suffix.isdigit():
            choices[int(suffix)] = value
        else:
            wrong.append(f"Ô “{key}” của phiếu không chỉ một dòng đề nghị (cần “line-” và số của dòng): phiếu không được tính.")
    if wrong:
        raise ValidationError(wrong)
    return choices


# The choices of a ballot never go into an error report (the request's POST data or a frame's variables).
@sensitive_post_parameters()
@require_POST
def ballot_cast(request, pk):
    m = selectors.meeting_get_for_user(request.user, pk)
    try:
        actions.ballot_cast(acting_user=request.user, meeting=m, choices=_choices(request.POST))
    except (ValidationError, PermissionDenied) as e:
        return _fail(request, m, e)
    messages.success(request, "Đã ghi nhận phiếu của bạn. Phiếu kín: hệ thống chỉ lưu số phiếu, không lưu ai bầu thế nào.")
    return _back(m)


@sensitive_post_parameters()
@require_POST
def ballot_enter(request, pk):
    m = selectors.meeting_get_for_user(request.user, pk)
    member = next((mem for mem in selectors.members_of(m) if mem.user_id == parse_int(request.POST.get("member"))), None)
    if member is None:
        return _fail(request, m, ValidationError("Chọn thành viên có phiếu."))
    try:
        actions.ballot_enter(acting_user=request.user, meeting=m, member_user=member.user, choices=_choices(request.POST),
                             written=request.POST.get("written") == "1")
    except (ValidationError, PermissionDenied) as e:
        return _fail(request, m, e)
    messages.success(request, f"Đã nhập phiếu của {member.user.display_name}.")
    return _back(m)


def minutes(request, pk):
    """The minutes as Word, once the ballot is closed."""
    from urllib.parse import quote

    from django.http import HttpResponse

    from .documents import minutes_docx

    m = selectors.meeting_get_for_user(request.user, pk)
    if not selectors.results_visible(m):
        raise Http404
    response = HttpResponse(minutes_docx(m), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'bien-ban-hop-hoi-dong-{m.date:%Y%m%d}.docx')}"
    return response


def recuse(request, pk):
    m = selectors.meeting_get_for_user(request.user, pk)
    rows = {t.line_id: t for t in selectors.ballot_rows(m)}
    line_id = parse_int(request.POST.get("line") if request.method == "POST" else request.GET.get("line"))
    if line_id not in rows:
        raise Http404
    form = RecuseForm(request.POST or None, initial={"line": line_id})
    if request.method == "POST" and form.is_valid():
        try:
            actions.recuse(acting_user=request.user, meeting=m, line=rows[line_id].line, reason=form.cleaned_data["reason"])
        except PermissionDenied as e:
            return _fail(request, m, e)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, "Đã ghi nhận bạn không biểu quyết dòng này.")
            return _back(m)
    t = rows[line_id]
    return render(request, "council/recuse.html", {"m": m, "t": t, "form": form, "needed": actions.rules(m)[t.secret].needed})
