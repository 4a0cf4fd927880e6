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

from . import actions, rules as ballot_rules, selectors, workflow
from .forms import CancelForm, EstablishmentForm, MeetingForm, PaperCountForm, RecuseForm, SeatFormSet
from .models import MeetingStatus, Receipt, RecusalKind


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
    # From a dossier's page or the desk ("?dossier="): that dossier ticked alone; else every dossier waiting.
    picked = [d.pk for d in waiting if d.pk == parse_int(request.GET.get("dossier"))] or [d.pk for d in waiting]
    form = MeetingForm(request.POST or None, authorities=authorities, dossiers=waiting,
                       initial={"authority": authority.pk, "date": timezone.localdate(), "dossiers": picked,
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
    today = timezone.localdate()
    return render(request, "council/create.html", {"form": form, "authority": authority, "waiting": waiting,
                                                   "in_force": selectors.in_force(authority, today), "today": today})


# --- the meeting's page ------------------------------------------------------------------------------------

CHANNEL_TEXT = {Receipt.Channel.SCREEN: "đã bỏ phiếu trên hệ thống", Receipt.Channel.PAPER: "đã bỏ phiếu giấy",
                Receipt.Channel.WRITTEN: "đã gửi phiếu (vắng mặt)"}


def _detail(request, m, *, posted=None, ballot_errors=(), paper_form=None, paper_post=None, cancel_form=None, status=200):
    """The meeting's page; ``posted``: the member's ballot sent back with errors (their ticks kept), ``paper_form``
    and ``paper_post``: the paper count sent back with errors (what was typed kept)."""
    office = selectors.is_office(request.user, m)
    member = selectors.membership(request.user, m)
    rows = list(selectors.ballot_rows(m)) if m.status in (MeetingStatus.VOTING, MeetingStatus.CLOSED) else []
    voted = selectors.voted_member_ids(m)
    mine_recused = selectors.my_recused_line_ids(m, member)
    recusals = list(selectors.recusals_of(m))
    counts = actions.recusal_counts(m)
    posted = posted or {}
    paper_post = paper_post or {}
    filled = 0
    for t in rows:
        t.own = member is not None and member.person_id and t.line.person_id == member.person_id
        t.base_now, t.needed_now = (t.base, t.needed) if t.passed is not None else actions.judge(m, t, counts)
        t.base_removed = m.members_count - t.base_now
        t.ballot_label = ballot_rules.BALLOT_LABELS[t.secret]
        t.threshold_text = ballot_rules.threshold_text(t.threshold_pct, t.op, t.base_rule)
        t.nominee_recused = counts.get(t.line_id, (0, 0))[1]
        t.others_recused = counts.get(t.line_id, (0, 0))[0] - t.nominee_recused
        t.posted_choice = posted.get("choices", {}).get(t.line_id, "")
        if posted.get("fill") and not t.posted_choice and t.line_id not in mine_recused and not t.own \
                and t.line_id not in posted.get("recusals", {}):
            t.posted_choice = "agree"
            filled += 1
        t.posted_recuse = t.line_id in posted.get("recusals", {})
        t.posted_reason = posted.get("recusals", {}).get(t.line_id, "")
        t.paper = [(c, label, paper_post.get(f"{c}-{t.line_id}", "")) for c, label in actions.CHOICES.items()]
    ok, quorum_text = actions.quorum(m)
    members = list(selectors.members_of(m))
    for mem in members:
        mem.channel_text = CHANNEL_TEXT.get(voted.get(mem.pk), "")
    not_voted = [mem for mem in members if mem.pk not in voted]
    paper_ticked = {parse_int(x) for x in paper_post.getlist("paper_member")} if paper_post else \
        {mem.pk for mem in not_voted if mem.user_id is None and mem.present}
    for mem in not_voted:
        mem.paper_ticked = mem.pk in paper_ticked
    can = {verb: workflow.allowed(request.user, m, verb) for verb in workflow.STEPS}
    recusal_rule = ballot_rules.recusal_text(rows[0].recusal_base) if rows else ""
    return render(request, "council/detail.html", {
        "m": m, "office": office, "member": member, "rows": rows, "members": members, "can": can,
        "quorum_ok": ok, "quorum_text": quorum_text, "voted_count": len(voted),
        "can_vote": can["cast"] and member is not None and member.pk not in voted,
        "member_voted": member is not None and member.pk in voted,
        "mine_recused": mine_recused, "recusals": recusals, "ballot_errors": ballot_errors,
        "results": selectors.results_visible(m), "choices": actions.CHOICES,
        "not_voted": not_voted, "paper_form": paper_form or PaperCountForm(), "paper_counts": list(selectors.paper_counts(m)),
        "cancel_form": cancel_form or CancelForm(), "events": selectors.events_of(m), "recusal_rule": recusal_rule,
        "nominee_kind": RecusalKind.NOMINEE, "filled": filled if posted.get("fill") else None,
        "to_vote": sum(1 for t in rows if t.line_id not in mine_recused and not t.own),
    }, status=status)


def meeting_detail(request, pk):
    return _detail(request, selectors.meeting_get_for_user(request.user, pk))


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
                                   present_member_ids=[parse_int(x) for x in request.POST.getlist("present")])
            messages.success(request, "Đã lưu điểm danh.")
        elif verb == "open":
            actions.ballot_open(acting_user=request.user, meeting=m)
            messages.success(request, "Đã mở phiếu. Thành viên có tài khoản bỏ phiếu trên màn hình của mình; ban kiểm phiếu "
                                      "nhập tổng số phiếu giấy.")
        elif verb == "close":
            # Asked once, on the preview of what will stand (close_preview); a form that skips it, or a ballot counted
            # since the office looked, goes back to the preview.
            if not request.POST.get("confirmed"):
                return redirect("council:close_preview", pk=m.pk)
            if m.status == MeetingStatus.VOTING and request.POST.get("seen") != selectors.close_preview(m)["seen"]:
                messages.warning(request, "Có thêm phiếu hoặc thành viên không tham gia biểu quyết từ lúc bạn xem trước: "
                                          "hãy xem lại kết quả rồi xác nhận.")
                return redirect("council:close_preview", pk=m.pk)
            closed = actions.ballot_close(acting_user=request.user, meeting=m)
            messages.success(request, "Đã kết thúc bỏ phiếu; kết quả đã chuyển sang các hồ sơ.")
            for note in closed.notes:
                messages.warning(request, note)
        elif verb == "cancel":
            form = CancelForm(request.POST)
            if not form.is_valid():
                return _detail(request, m, cancel_form=form, status=400)
            actions.meeting_cancel(acting_user=request.user, meeting=m, reason=form.cleaned_data["reason"])
            messages.success(request, "Đã hủy phiên họp; các hồ sơ có thể đưa vào phiên họp khác.")
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as e:
        return _fail(request, m, e)
    return _back(m)


def close_preview(request, pk):
    """Kết thúc bỏ phiếu: what will stand, line by line (agree, disagree, abstain, not voting, passes or not under the
    line's rule), who has not voted, and the one confirmation that closes the ballot."""
    m = selectors.meeting_get_for_user(request.user, pk)
    if not workflow.may(request.user, m, "close"):
        raise Http404
    if m.status != MeetingStatus.VOTING:
        messages.info(request, f"Phiên họp đang ở trạng thái “{m.get_status_display()}”: không còn gì để kết thúc.")
        return _back(m)
    preview = selectors.close_preview(m)
    for t in preview["rows"]:
        t.threshold_text = ballot_rules.threshold_text(t.threshold_pct, t.op, t.base_rule)
    return render(request, "council/close.html", {"m": m, **preview, "n_rows": len(preview["rows"])})


@sensitive_variables()
def _ballot(post):
    """The ballot's fields: ``line-<line id>`` (the choice), ``recuse-<line id>`` with ``reason-<line id>`` (not voting
    on that line): ({line id: choice}, {line id: reason}); a field naming no line is refused by name."""
    choices, recusals, wrong = {}, {}, []
    for key, value in post.items():
        for prefix in ("line-", "recuse-"):
            if not key.startswith(prefix):
                continue
            suffix = key.removeprefix(prefix)
            if suffix.isascii() and suffix.isdigit():
                if prefix == "line-":
                    choices[int(suffix)] = value
                else:
                    recusals[int(suffix)] = post.get(f"reason-{suffix}", "")
            else:
                wrong.append(f"Ô “{key}” của phiếu không chỉ một dòng đề nghị (cần “{prefix}” và số của dòng): phiếu không được tính.")
    if wrong:
        raise ValidationError(wrong)
    for line_id in recusals:
        choices.pop(line_id, None)
    return choices, recusals


@sensitive_variables()
def _ballot_shown(post):
    """{line id: choice} as the member ticked them, a line they asked not to vote on included: what the ballot shows
    again when it is sent back (the tick comes back if they change their mind)."""
    out = {}
    for key, value in post.items():
        suffix = key.removeprefix("line-")
        if key.startswith("line-") and suffix.isascii() and suffix.isdigit():
            out[int(suffix)] = value
    return out


# The choices of a ballot never go into an error report (the request's POST data or a frame's variables).
@sensitive_post_parameters()
@sensitive_variables()
@require_POST
def ballot_cast(request, pk):
    m = selectors.meeting_get_for_user(request.user, pk)
    try:
        choices, recusals = _ballot(request.POST)
    except ValidationError as e:
        return _fail(request, m, e)
    shown = {k: v for k, v in _ballot_shown(request.POST).items() if v in actions.CHOICES}
    if request.POST.get("fill") == "agree":
        # "Đồng ý tất cả" without JavaScript: the ballot again, "agree" on every line not yet chosen (nothing counted).
        return _detail(request, m, posted={"choices": shown, "recusals": recusals, "fill": True})
    try:
        actions.ballot_cast(acting_user=request.user, meeting=m, choices=choices, recusals=recusals)
    except PermissionDenied as e:
        return _fail(request, m, e)
    except ValidationError as e:
        if isinstance(e, workflow.StepRefused):
            return _fail(request, m, e)
        # Sent back to the member with their ticks: the page is theirs alone.
        for text in e.messages:
            messages.error(request, text)
        return _detail(request, m, posted={"choices": shown, "recusals": recusals}, ballot_errors=True)
    messages.success(request, "Đã ghi nhận phiếu của bạn. Phiếu kín: hệ thống chỉ lưu số phiếu, không lưu ai bầu thế nào.")
    return _back(m)


def _paper_totals(post, line_ids):
    """{line id: {"agree": n, …}} from the fields ``agree-<line id>`` …; a blank field is 0, anything else not a
    whole number is refused naming the line."""
    totals, wrong = {}, []
    for line_id in line_ids:
        row = {}
        for c, label in actions.CHOICES.items():
            raw = (post.get(f"{c}-{line_id}") or "").strip()
            value = parse_int(raw, None, min_value=0, max_value=999) if raw else 0
            if value is None:
                wrong.append((line_id, label, raw))
                value = 0
            row[c] = value
        totals[line_id] = row
    return totals, wrong


@sensitive_post_parameters()
@require_POST
def paper_count(request, pk):
    """The counting group's totals of the paper ballots, entered by the secretary. There is no field for a member's
    choice: a form that sends one (``member`` with ``line-…``) is refused."""
    m = selectors.meeting_get_for_user(request.user, pk)
    if any(k.startswith("line-") for k in request.POST) or request.POST.get("member"):
        return _fail(request, m, ValidationError(
            "Không nhập phiếu của từng thành viên: ban kiểm phiếu nhập tổng số phiếu đồng ý, không đồng ý, không có ý kiến "
            "của mỗi dòng (phiếu kín)."))
    form = PaperCountForm(request.POST)
    rows = {t.line_id: t for t in selectors.ballot_rows(m)}
    totals, wrong = _paper_totals(request.POST, list(rows))
    for line_id, label, raw in wrong:
        t = rows[line_id]
        form.add_error(None, f"Dòng của {t.line.recipient_name} ({t.line.award_type.name}): số phiếu “{label}” "
                             f"phải là số nguyên không âm, không phải “{raw}”.")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.paper_count_enter(acting_user=request.user, meeting=m, handed_out=data["handed_out"],
                                      received=data["received"], member_ids=[parse_int(x) for x in request.POST.getlist("paper_member")],
                                      totals=totals, note=data["note"])
        except PermissionDenied as e:
            return _fail(request, m, e)
        except workflow.StepRefused as e:
            return _fail(request, m, e)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã nhập kết quả kiểm phiếu giấy: {data['received']} phiếu thu về.")
            return _back(m)
    return _detail(request, m, paper_form=form, paper_post=request.POST, status=400)


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
    """A member's recusal from a line (before voting), or the standing office recording one for a member who votes on
    paper (``member``)."""
    m = selectors.meeting_get_for_user(request.user, pk)
    rows = {t.line_id: t for t in selectors.ballot_rows(m)}
    line_id = parse_int(request.POST.get("line") if request.method == "POST" else request.GET.get("line"))
    if line_id not in rows:
        raise Http404
    member = None
    member_id = parse_int(request.POST.get("member")) if request.method == "POST" else None
    if member_id is not None:
        member = next((mem for mem in selectors.members_of(m) if mem.pk == member_id), None)
        if member is None:
            return _fail(request, m, ValidationError("Chọn thành viên không tham gia biểu quyết."))
    form = RecuseForm(request.POST or None, initial={"line": line_id})
    if request.method == "POST" and form.is_valid():
        try:
            actions.recuse(acting_user=request.user, meeting=m, line=rows[line_id].line, reason=form.cleaned_data["reason"],
                           member=member)
        except PermissionDenied as e:
            return _fail(request, m, e)
        except ValidationError as e:
            if member is not None:
                return _fail(request, m, e)
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã ghi {member.name} không tham gia biểu quyết dòng này." if member
                             else "Đã ghi nhận bạn không biểu quyết dòng này.")
            return _back(m)
    elif request.method == "POST" and member is not None:
        return _fail(request, m, ValidationError([e for errs in form.errors.values() for e in errs]))
    t = rows[line_id]
    base, needed = actions.judge(m, t)
    return render(request, "council/recuse.html", {"m": m, "t": t, "form": form, "needed": needed, "base": base,
                                                   "threshold_text": ballot_rules.threshold_text(t.threshold_pct, t.op, t.base_rule),
                                                   "recusal_rule": ballot_rules.recusal_text(t.recusal_base)})


# --- establishing decisions --------------------------------------------------------------------------------

def establishment_list(request):
    authorities = list(selectors.authorities_for_office(request.user))
    decisions = list(selectors.establishments_for(request.user))
    in_force = selectors.in_force_by_authority(request.user)
    groups = []
    for a in authorities:
        mine = [d for d in decisions if d.authority_id == a.pk]
        for d in mine:
            d.is_in_force = in_force.get(a.pk) is not None and in_force[a.pk].pk == d.pk
        groups.append({"authority": a, "decisions": mine, "in_force": in_force.get(a.pk)})
    if not groups and not decisions:
        raise Http404
    return render(request, "council/establishments.html", {"groups": groups, "today": timezone.localdate()})


def establishment_detail(request, pk):
    est = selectors.establishment_get_for_user(request.user, pk)
    return render(request, "council/establishment.html", {
        "est": est, "seats": list(selectors.seats_of(est)), "events": selectors.establishment_history(est),
        "meetings": list(selectors.establishment_meetings(est)), "can_edit": workflow.may_convene(request.user, est.authority),
        "is_in_force": getattr(selectors.in_force(est.authority, timezone.localdate()), "pk", None) == est.pk,
    })


MORE_ROWS = 3


def _seat_formset(request, authority, accounts, initial):
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        if "more" in data:  # "Thêm dòng": the same form again with blank rows (an "Ủy viên" each)
            total = parse_int(data.get("seats-TOTAL_FORMS"), 0, min_value=0, max_value=200)
            data["seats-TOTAL_FORMS"] = str(total + MORE_ROWS)
            for i in range(total, total + MORE_ROWS):
                data[f"seats-{i}-role"] = "member"
    # Bound, the rows are read as posted (no "initial" to compare with: an unchanged row is still a row).
    return SeatFormSet(data, prefix="seats", initial=None if data is not None else initial, form_kwargs={"accounts": accounts})


def _establishment_form(request, est=None):
    authorities = list(selectors.authorities_for_office(request.user))
    if est is not None:
        if not workflow.may_convene(request.user, est.authority):
            raise Http404
        authority = est.authority
        authorities = [authority]
    else:
        if not authorities:
            raise Http404
        authority = chosen(request, "authority", authorities)
    accounts = list(selectors.seat_accounts(authority))
    by_id = {u.pk: u for u in accounts}
    if est is not None:
        initial_head = {"authority": authority.pk, "kind": est.kind, "number": est.number, "signed_on": est.signed_on,
                        "issuer": est.issuer, "valid_from": est.valid_from, "valid_to": est.valid_to, "note": est.note}
        initial_rows = [{"id": s.pk, "full_name": s.full_name, "role": s.role, "job_title": s.job_title, "user": s.user_id,
                         "person_code": s.person.code if s.person else "", "term_from": s.term_from, "term_to": s.term_to}
                        for s in selectors.seats_of(est)]
    else:
        previous = selectors.in_force(authority, timezone.localdate())
        initial_head = {"authority": authority.pk, "issuer": f"Chủ tịch UBND {authority.name}",
                        "kind": "reorganise" if previous else "establish"}
        # A reorganisation starts from the members of the decision in force; a first decision from blank rows.
        initial_rows = [{"full_name": s.full_name, "role": s.role, "job_title": s.job_title, "user": s.user_id,
                         "person_code": s.person.code if s.person else ""} for s in selectors.seats_of(previous)] if previous else []
        initial_rows += [{}] * (MORE_ROWS if previous else 5)
    head = EstablishmentForm(request.POST or None, authorities=authorities, initial=initial_head)
    seats = _seat_formset(request, authority, accounts, initial_rows)
    if request.method == "POST" and "more" not in request.POST and head.is_valid() and seats.is_valid():
        rows, codes = [], [(f.cleaned_data.get("person_code") or "").strip() for f in seats.forms]
        people = selectors.people_by_code(authority, codes)
        problems = False
        for f in seats.forms:
            data = f.cleaned_data
            if not data or data.get("DELETE") or f.is_blank:
                continue
            code = (data.get("person_code") or "").strip()
            if code and code not in people:
                f.add_error("person_code", f"Không có cán bộ mã {code} thuộc {authority.name}.")
                problems = True
            rows.append({"id": data.get("id"), "full_name": data.get("full_name"), "role": data["role"],
                         "job_title": data.get("job_title"), "user": by_id.get(data.get("user")), "person": people.get(code),
                         "term_from": data.get("term_from"), "term_to": data.get("term_to")})
        if not problems:
            data = head.cleaned_data
            try:
                saved = actions.establishment_save(
                    acting_user=request.user, authority=authority, establishment=est, kind=data["kind"], number=data["number"],
                    signed_on=data["signed_on"], issuer=data["issuer"], valid_from=data["valid_from"], valid_to=data["valid_to"],
                    note=data["note"], seats=rows)
            except ValidationError as e:
                apply_validation_error(head, e)
            else:
                messages.success(request, f"Đã lưu {saved} ({len(rows)} thành viên).")
                return redirect("council:establishment", pk=saved.pk)
    return render(request, "council/establishment_form.html", {"form": head, "seats": seats, "est": est, "authority": authority,
                                                                "checked": request.method == "POST" and "more" not in request.POST})


def establishment_create(request):
    return _establishment_form(request)


def establishment_edit(request, pk):
    return _establishment_form(request, selectors.establishment_get_for_user(request.user, pk))
