"""Dossier pages: thin — reads through dossiers.selectors, writes through dossiers.actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import apply_validation_error, carry_seen, form_submitted, refused, seen_values
from core.params import chosen, get_year, parse_id, parse_int
from decisions import documents as decision_documents, selectors as decision_selectors
from decisions.forms import OTHER_SIGNER, DecisionForm
from org import selectors as org_selectors
from rulebook import selectors as rulebook_selectors
from throttle.actions import Throttled
from throttle.http import client_address, too_many

from . import actions, decide as decide_module, documents, selectors
from .forms import AnswerForm, CentralResultForm, CentralSubmitForm, AssignForm, AttachmentForm, CommentForm, DossierForm, LineEditForm, LineForm, ReasonForm
from .models import DocumentKind, Kind, Outcome, Status
from .workflow import STEPS, StepRefused, check, may

BOXES = {"": "Tất cả", "sent": "Hồ sơ đơn vị gửi", "received": "Hồ sơ gửi đến"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STATUS_FILTERS = [("", "mọi trạng thái"), ("open", "đang xử lý"), ("overdue", "quá hạn"), *Status.choices]


def _list_filter(request):
    """The dossier list's filters as the query string gives them (the page, its pager and its Excel export)."""
    box = request.GET.get("box", "") if request.GET.get("box", "") in BOXES else ""
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    return {"box": box, "status": status if status in dict(STATUS_FILTERS) else "", "year": get_year(request),
            "q": request.GET.get("q", "").strip()[:200], "unit": parse_int(request.GET.get("unit"), None, min_value=1),
            "authority": parse_int(request.GET.get("authority"), None, min_value=1),
            "kind": kind if kind in Kind.values else ""}


def dossier_list(request):
    f = _list_filter(request)
    qs = selectors.dossiers_for(request.user, **f)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    selectors.with_days_left(page)
    return render(request, "dossiers/list.html", {
        "page": page, "boxes": BOXES, "statuses": STATUS_FILTERS, "kinds": Kind.choices, **f, "year": f["year"] or "",
        "filtered": any(f[k] for k in ("status", "year", "q", "unit", "authority", "kind")),
        **selectors.dossier_filter_choices(request.user),
        "can_create": selectors.submit_units(request.user, limit=1).exists()})


def dossier_export(request):
    """The dossiers of the list as filtered, in Excel: at once, or by the worker for a long list (jobs.exports)."""
    from jobs import exports
    from org.selectors import count_over

    from . import list_export

    f = _list_filter(request)
    qs = selectors.dossiers_for(request.user, **f)
    name = f"danh-sach-ho-so-de-nghi-{timezone.localdate():%Y%m%d}.xlsx"
    if count_over(qs, exports.inline_rows()):
        job = exports.start(acting_user=request.user, kind="dossiers", params=f, title="danh sách hồ sơ đề nghị khen thưởng",
                            filename=name, back_url=request.get_full_path().replace("/xuat-excel/", "/", 1),
                            back_label="Hồ sơ đề nghị khen thưởng")
        return redirect("jobs:export", pk=job.pk)
    response = HttpResponse(list_export.dossiers_workbook(qs), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def dossier_create(request):
    units = list(selectors.submit_units(request.user))
    if not units:
        raise Http404
    unit = chosen(request, "unit", units)
    authorities = selectors.authorities_for(unit)
    # The year and its title: the year under review (DossierForm).
    form = DossierForm(request.POST or None, units=units, authorities=authorities,
                       initial={"unit": unit.pk, "authority": authorities[0].pk if authorities else None,
                                "kind": Kind.REGULAR})

    def act(data):
        by_pk = {u.pk: u for u in authorities}
        if data["authority"] not in by_pk:
            raise ValidationError({"authority": "Chọn cấp quyết định trong danh sách."})
        return actions.dossier_create(acting_user=request.user, unit=unit, authority=by_pk[data["authority"]], year=data["year"],
                                      title=data["title"], kind=data["kind"])

    if request.method == "POST" and form.is_valid():
        try:
            d = act(form.cleaned_data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lập hồ sơ {d.code}. Thêm các dòng đề nghị và tài liệu, rồi gửi hồ sơ.")
            return redirect("dossiers:detail", pk=d.pk)
    return render(request, "dossiers/create.html", {"form": form, "unit": unit, "authorities": authorities})


def _expected(ln) -> bool:
    """A line whose money this dossier's authority is expected to pay: proposed and clean, passed by the council (or
    needing no vote) and not going up to the level above, or awarded."""
    if ln.outcome == Outcome.PROPOSED:
        return not ln.blocking
    if ln.outcome in (Outcome.PASSED, Outcome.NO_VOTE):
        return not ln.goes_up
    return ln.outcome == Outcome.AWARDED


def dossier_detail(request, pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    steps = selectors.steps_for(request.user, d)
    lines = list(selectors.lines_of(d))
    above = selectors.granted_above(d.authority)
    for ln in lines:
        ln.blocking = selectors.blocking(ln, above) if ln.outcome == Outcome.PROPOSED else []
        ln.goes_up = ln.outcome in (Outcome.PROPOSED, *selectors.GOES_UP_AFTER) and selectors.forwardable(ln, above)
    editable = steps["edit"]
    open_lines = [ln for ln in lines if ln.outcome == Outcome.PROPOSED]
    comments = (list(selectors.comments_of(d)) if d.status in (Status.DISCLOSURE, Status.COUNCIL, Status.DECISION, Status.DECIDED)
                else [])
    ctx = {
        "d": d, "steps": steps, "lines": lines, "editable": editable,
        "attachments": selectors.attachments_of(d), "events": selectors.timeline(d),
        "checklist": selectors.checklist(d, open_lines) if d.status in (Status.DRAFT, Status.RETURNED, Status.APPRAISING) else [],
        "total": sum(ln.amount for ln in lines if _expected(ln)),
        "comments": [c for c in comments if not c.spam], "spam": [c for c in comments if c.spam],
        "can_mark_spam": steps["close_disclosure"],  # the office that answers the comments, while on disclosure
        "forwardable": any(ln.goes_up and ln.outcome in selectors.GOES_UP_AFTER for ln in lines) and steps["forward"],
        "forwarded": d.forwarded.select_related("authority"),
        "can_answer": may(request.user, d, "close_disclosure"),  # the office that appraises answers the comments
    }
    if editable:
        ctx["line_form"] = LineForm(awards=rulebook_selectors.award_types_in_force())
        ctx["attachment_form"] = AttachmentForm(lines=open_lines)
    if steps["receive"] or steps["assign"]:
        ctx["assign_form"] = AssignForm(users=selectors.appraisers_at(d), initial={"assignee": (d.assignee or request.user).pk})
    ctx["central"] = selectors.central_submissions(d)
    if steps["submit_central"]:
        ctx["central_lines"] = selectors.central_lines(d)
        ctx["central_submit_form"] = CentralSubmitForm(initial={"date": timezone.localdate()}) if ctx["central_lines"] else None
    if steps["central_result"]:
        pending = next((c for c in ctx["central"] if not c.outcome_at), None)
        if pending is not None:
            ctx["central_pending"] = pending
            ctx["central_result_form"] = CentralResultForm(lines=list(pending.lines.all()))
    ctx["due_rule"] = rulebook_selectors.parameter_row_on("dossier_processing_days", d.received_on or timezone.localdate())
    ctx["disclosure_over"] = d.disclosure_until is not None and timezone.localdate() > d.disclosure_until
    selectors.with_days_left([d])
    ctx["events"] = list(ctx["events"])
    ctx["stepper"] = selectors.stepper(request.user, d, lines, ctx["events"])
    ctx["clock"] = selectors.clock_of(d)
    return render(request, "dossiers/detail.html", ctx)


def _back(d):
    return reverse("dossiers:detail", args=[d.pk])


def _refused(request, d, error):
    return refused(request, error, reverse("dossiers:detail", args=[d.pk]))


def _receive(request, d):
    users = list(selectors.appraisers_at(d))
    form = AssignForm(request.POST, users=users)
    assignee = next((u for u in users if u.pk == form.cleaned_data["assignee"]), None) if form.is_valid() else None
    actions.dossier_receive(acting_user=request.user, dossier=d, assignee=assignee)
    return "Đã tiếp nhận hồ sơ" + (f"; giao {assignee.get_full_name() or assignee.username} thẩm định." if assignee else "."), d


def _forward(request, d):
    made = actions.dossier_forward(acting_user=request.user, dossier=d)
    return ("Đã lập hồ sơ trình cấp trên: " + ", ".join(f"{m.code} ({m.authority.name})" for m in made)
            + ". Bổ sung tờ trình rồi gửi."), made[0]


def _appraise(request, d):
    done = actions.dossier_appraise(acting_user=request.user, dossier=d, disclose=request.POST.get("disclose") == "1")
    return f"Thẩm định đạt; hồ sơ chuyển sang bước “{Status(done.status).label}”.", d


def _submit(request, d):
    actions.dossier_submit(acting_user=request.user, dossier=d)
    return "Đã gửi hồ sơ.", d


def _close_disclosure(request, d):
    actions.disclosure_close(acting_user=request.user, dossier=d)
    return "Đã kết thúc công khai; hồ sơ chuyển bước tiếp theo.", d


# The steps taken by a button without a form page: verb → (request, dossier) → (message, the dossier to show).
BUTTON_STEPS = {"submit": _submit, "receive": _receive, "appraise": _appraise, "close_disclosure": _close_disclosure,
                "forward": _forward}


# The steps that cannot be undone show what they will do first (GET), and act once confirmed (POST).
PREVIEWED = {"submit", "appraise", "forward"}


def _preview(request, d, verb):
    from . import previews

    try:
        step = check(request.user, d, verb)
    except StepRefused as e:
        return _refused(request, d, e)
    ctx = {"d": d, "step": step, "verb": verb}
    if verb == "submit":
        ctx["p"] = previews.submit_preview(d)
    elif verb == "appraise":
        ctx["p"] = previews.appraise_preview(d, disclose=request.GET.get("disclose") == "1")
    else:
        ctx["p"] = previews.forward_preview(d)
    return render(request, f"dossiers/preview_{verb}.html", ctx)


@require_http_methods(["GET", "POST"])
def dossier_step(request, pk, verb):
    d = selectors.dossier_get_for_user(request.user, pk)
    if verb not in BUTTON_STEPS:
        raise Http404
    if request.method == "GET":
        if verb not in PREVIEWED:
            return HttpResponseNotAllowed(["POST"])
        return _preview(request, d, verb)
    try:
        text, shown = BUTTON_STEPS[verb](request, d)
    except (StepRefused, ValidationError, PermissionDenied) as e:
        return _refused(request, d, e)
    messages.success(request, text)
    return redirect("dossiers:detail", pk=shown.pk)


def dossier_reason_step(request, pk, verb):
    """Steps that need a written reason: return (trả lại), withdraw (rút) and abandon (hủy)."""
    d = selectors.dossier_get_for_user(request.user, pk)
    fn = {"return": actions.dossier_return, "withdraw": actions.dossier_withdraw,
          "abandon": actions.dossier_abandon}.get(verb)
    if fn is None or not selectors.steps_for(request.user, d)[verb]:
        raise Http404
    form = ReasonForm(request.POST or None)
    try:
        done = form_submitted(request, form, lambda data: fn(acting_user=request.user, dossier=d, reason=data["reason"]),
                              {"return": "Đã trả lại hồ sơ cho đơn vị.", "withdraw": "Đã rút hồ sơ về để sửa.",
                               "abandon": "Đã hủy hồ sơ; hồ sơ được lưu lại, không trình nữa."}[verb], _back(d))
    except StepRefused as e:
        return _refused(request, d, e)
    if done:
        return done
    return render(request, "dossiers/reason.html", {"d": d, "form": form, "step": STEPS[verb]})


@require_POST
def central_submit(request, pk):
    """The province's office records its submission of the state-award lines to the central level."""
    d = selectors.dossier_get_for_user(request.user, pk)
    form = CentralSubmitForm(request.POST)
    if not form.is_valid():
        return _refused(request, d, ValidationError([e for es in form.errors.values() for e in es]))
    try:
        sub = actions.dossier_submit_central(acting_user=request.user, dossier=d, **form.cleaned_data)
    except (StepRefused, ValidationError, PermissionDenied) as e:
        return _refused(request, d, e)
    messages.success(request, f"Đã ghi {sub} trình cấp Trung ương; khi có quyết định, ghi kết quả tại hồ sơ này.")
    return redirect(reverse("dossiers:detail", args=[d.pk]) + "#central")


@require_POST
def central_result(request, pk, sub_pk):
    """The central level's decision on a submission: the lines it awards enter the history."""
    d = selectors.dossier_get_for_user(request.user, pk)
    sub = next((c for c in selectors.central_submissions(d) if c.pk == sub_pk), None)
    if sub is None:
        raise Http404
    form = CentralResultForm(request.POST, lines=list(sub.lines.all()))
    if not form.is_valid():
        return _refused(request, d, ValidationError([e for es in form.errors.values() for e in es]))
    data = form.cleaned_data
    try:
        awarded = actions.dossier_central_result(acting_user=request.user, dossier=d, submission=sub, number=data["number"],
                                                 date=data["date"], issuer=data["issuer"], awarded_line_ids=data["awarded"])
    except (StepRefused, ValidationError, PermissionDenied) as e:
        return _refused(request, d, e)
    messages.success(request, f"Đã ghi quyết định số {data['number']}: {len(awarded)} khen thưởng vào lịch sử.")
    return redirect(reverse("dossiers:detail", args=[d.pk]) + "#central")


@require_POST
def dossier_assign(request, pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    users = list(selectors.appraisers_at(d))
    form = AssignForm(request.POST, users=users)
    if not form.is_valid():
        return _refused(request, d, ValidationError("Chọn chuyên viên thẩm định trong danh sách."))
    try:
        actions.dossier_assign(acting_user=request.user, dossier=d, assignee=next(u for u in users if u.pk == form.cleaned_data["assignee"]))
    except (StepRefused, ValidationError) as e:
        return _refused(request, d, e)
    messages.success(request, "Đã giao chuyên viên thẩm định.")
    return redirect("dossiers:detail", pk=d.pk)


@require_POST
def line_add(request, pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    awards = rulebook_selectors.award_types_in_force()
    form = LineForm(request.POST, awards=awards)
    if form.is_valid():
        data = form.cleaned_data
        pick = request.POST.get("pick", "")
        if pick:
            # The clerk chose among the people the name matched (dossiers/line_choose.html).
            found = [r for r in [selectors.recipient_pick(request.user, d.unit, pick)] if r is not None]
        else:
            found = selectors.recipients_named(request.user, d.unit, data["recipient"])
        if len(found) > 1:
            # Several people answer to the name: ask which, never pick one.
            for r in found:
                r.key = selectors.recipient_key(r)
            return render(request, "dossiers/line_choose.html", {
                "d": d, "form": form, "found": found, "typed": data["recipient"],
                "award": next((a for a in awards if a.pk == data["award_type"]), None),
                "again": "pick" in request.POST})
        if not found:
            form.add_error("recipient", "Không tìm thấy cá nhân, tập thể nào thuộc đơn vị khớp với “{}”.".format(data["recipient"]))
        else:
            recipient = found[0]
            is_person = hasattr(recipient, "full_name")
            try:
                actions.lines_add(acting_user=request.user, dossier=d, items=[{
                    "person": recipient if is_person else None, "unit": None if is_person else recipient,
                    "award_type": next(a for a in awards if a.pk == data["award_type"]),
                    "summary": data["summary"], "justification": data["justification"]}])
            except StepRefused as e:
                return _refused(request, d, e)
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, f"Đã thêm {getattr(recipient, 'full_name', None) or recipient.name}.")
                return redirect(reverse("dossiers:detail", args=[d.pk]) + "#lines")
    errors = [f"{form.fields[f].label if f in form.fields else ''}: {e}".lstrip(": ") for f, es in form.errors.items() for e in es]
    return _refused(request, d, ValidationError(errors))


def line_edit(request, pk, line_pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    line = selectors.line_get(d, line_pk)
    if not selectors.steps_for(request.user, d)["edit"]:
        raise Http404
    form = carry_seen(LineEditForm(request.POST or None, initial={"summary": line.summary, "justification": line.justification}))
    done = form_submitted(request, form, lambda data: actions.line_update(acting_user=request.user, line=line,
                                                                            expected=seen_values(form), **data),
                          "Đã lưu dòng đề nghị.", _back(d) + "#lines")
    return done or render(request, "dossiers/line_form.html", {"d": d, "line": line, "form": form})


@require_POST
def line_remove(request, pk, line_pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    line = selectors.line_get(d, line_pk)
    try:
        actions.line_remove(acting_user=request.user, line=line)
    except StepRefused as e:
        return _refused(request, d, e)
    messages.success(request, f"Đã bỏ {line.recipient_name} — {line.award_type.name}.")
    return redirect(reverse("dossiers:detail", args=[d.pk]) + "#lines")


def line_set_aside(request, pk, line_pk):
    """The appraiser leaves one line out ("không đề nghị") with a reason; the rest of the dossier goes on."""
    d = selectors.dossier_get_for_user(request.user, pk)
    line = selectors.line_get(d, line_pk)
    if not selectors.steps_for(request.user, d)["set_aside"] or line.outcome != Outcome.PROPOSED:
        raise Http404
    form = ReasonForm(request.POST or None)
    try:
        done = form_submitted(request, form, lambda data: actions.line_set_aside(acting_user=request.user, line=line,
                                                                                 reason=data["reason"]),
                              f"Đã đánh dấu “không đề nghị”: {line.recipient_name} — {line.award_type.name}. "
                              "Đơn vị trình xem được lý do trên hồ sơ.", _back(d) + "#lines")
    except StepRefused as e:
        return _refused(request, d, e)
    return done or render(request, "dossiers/line_aside.html", {"d": d, "line": line, "form": form, "step": STEPS["set_aside"]})


@require_POST
def line_restore(request, pk, line_pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    line = selectors.line_get(d, line_pk)
    try:
        actions.line_restore(acting_user=request.user, line=line)
    except (StepRefused, ValidationError) as e:
        return _refused(request, d, e)
    messages.success(request, f"Đã đề nghị lại {line.recipient_name} — {line.award_type.name}.")
    return redirect(reverse("dossiers:detail", args=[d.pk]) + "#lines")


def candidates(request, pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    if not selectors.steps_for(request.user, d)["edit"]:
        raise Http404
    found, too_big = selectors.candidates(request.user, d)
    if request.method == "POST":
        wanted = set(request.POST.getlist("pick"))
        items = []
        for subject, award, _registered in found:
            key = f"{'p' if hasattr(subject, 'full_name') else 'u'}:{subject.pk}:{award.pk}"
            if key in wanted:
                items.append({"person": subject if key[0] == "p" else None, "unit": subject if key[0] == "u" else None,
                              "award_type": award})
        if not items:
            messages.error(request, "Chưa chọn dòng nào.")
        else:
            try:
                actions.lines_add(acting_user=request.user, dossier=d, items=items, source="eligibility")
            except (StepRefused, ValidationError) as e:
                return _refused(request, d, e)
            messages.success(request, f"Đã thêm {len(items)} dòng từ danh sách đủ điều kiện.")
            return redirect(reverse("dossiers:detail", args=[d.pk]) + "#lines")
    rows = [{"subject": s, "award": a, "registered": r, "key": f"{'p' if hasattr(s, 'full_name') else 'u'}:{s.pk}:{a.pk}"}
            for s, a, r in found]
    return render(request, "dossiers/candidates.html", {"d": d, "rows": rows, "too_big": too_big})


def lines_template(request, pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    from . import line_import

    response = HttpResponse(line_import.template_workbook(rulebook_selectors.award_types_in_force()),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'mau-danh-sach-de-nghi-{d.code}.xlsx')}"
    return response


@require_POST
def lines_upload(request, pk):
    from core.uploads import UploadRefused

    from . import line_import
    from .forms import LinesUploadForm

    d = selectors.dossier_get_for_user(request.user, pk)
    form = LinesUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, d, ValidationError([e for es in form.errors.values() for e in es]))
    try:
        items = line_import.read_items(form.cleaned_data["file"], awards=rulebook_selectors.award_types_in_force(),
                                       resolve=lambda codes: selectors.recipients_by_codes(request.user, d.unit, codes),
                                       by_name=lambda text: selectors.recipients_named(request.user, d.unit, text, limit=10))
        actions.lines_add(acting_user=request.user, dossier=d, items=[{k: v for k, v in i.items() if k != "row"} for i in items],
                          source="excel")
    except line_import.LineImportError as e:
        messages.error(request, f"Không nhập được tệp ({len(e.errors)} lỗi), chưa dòng nào được thêm:")
        for text in e.errors[:30]:
            messages.error(request, text)
        return redirect(reverse("dossiers:detail", args=[d.pk]) + "#lines")
    except (StepRefused, ValidationError, UploadRefused) as e:
        return _refused(request, d, e)
    messages.success(request, f"Đã thêm {len(items)} dòng từ tệp Excel.")
    return redirect(reverse("dossiers:detail", args=[d.pk]) + "#lines")


@require_POST
def attachment_add(request, pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    lines = list(d.lines.filter(outcome=Outcome.PROPOSED).select_related("person", "unit", "award_type"))
    form = AttachmentForm(request.POST, request.FILES, lines=lines)
    if not form.is_valid():
        errors = [e for es in form.errors.values() for e in es]
        if len(request.FILES.getlist("file")) > 1:
            errors.insert(0, "Chưa tệp nào được tải lên:")
        return _refused(request, d, ValidationError(errors))
    data = form.cleaned_data
    try:
        made = actions.attachments_add(acting_user=request.user, dossier=d, kind=data["kind"], uploads=data["file"],
                                       line=next((ln for ln in lines if ln.pk == data["line"]), None))
    except (StepRefused, ValidationError) as e:
        return _refused(request, d, e)
    what = DocumentKind(data["kind"]).label.lower()
    messages.success(request, f"Đã tải lên {what}." if len(made) == 1 else f"Đã tải lên {len(made)} tệp {what}.")
    return redirect(reverse("dossiers:detail", args=[d.pk]) + "#documents")


def attachment_download(request, pk, att_pk):
    att = selectors.attachment_get_for_user(request.user, pk, att_pk)
    try:
        handle = att.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=att.content_type, as_attachment=False, filename=att.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_POST
def attachment_remove(request, pk, att_pk):
    att = selectors.attachment_get_for_user(request.user, pk, att_pk)
    try:
        actions.attachment_remove(acting_user=request.user, attachment=att)
    except StepRefused as e:
        return _refused(request, att.dossier, e)
    messages.success(request, f"Đã xóa {att.name}.")
    return redirect(reverse("dossiers:detail", args=[pk]) + "#documents")


@require_POST
def comment_answer(request, pk, comment_pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    comment = selectors.comment_get_for_user(request.user, d, comment_pk)
    form = carry_seen(AnswerForm(request.POST))
    if not form.is_valid():
        return _refused(request, d, ValidationError("Nhập nội dung trả lời."))
    try:
        actions.comment_answer(acting_user=request.user, comment=comment, answer=form.cleaned_data["answer"],
                               expected=seen_values(form))
    except (PermissionDenied, ValidationError) as e:
        return _refused(request, d, e if isinstance(e, ValidationError) else ValidationError(str(e)))
    messages.success(request, "Đã trả lời góp ý.")
    return redirect(reverse("dossiers:detail", args=[d.pk]) + "#comments")


@require_POST
def comment_spam(request, pk):
    """Mark the chosen comments as spam (thư rác), or put one back (``undo``)."""
    d = selectors.dossier_get_for_user(request.user, pk)
    ids = [i for i in (parse_id(v) for v in request.POST.getlist("comment")) if i]
    undo = request.POST.get("undo") == "1"
    try:
        n = actions.comments_mark_spam(acting_user=request.user, dossier=d, comment_ids=ids, spam=not undo)
    except (PermissionDenied, ValidationError, StepRefused) as e:
        return _refused(request, d, e if isinstance(e, ValidationError) else ValidationError(str(e)))
    messages.success(request, f"Đã bỏ đánh dấu thư rác {n} góp ý: cần trả lời trước khi trình Hội đồng." if undo
                     else f"Đã đánh dấu {n} góp ý là thư rác.")
    return redirect(reverse("dossiers:detail", args=[d.pk]) + "#comments")


# --- public disclosure (no account needed) ------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(content, filename):
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def dossier_document(request, pk, kind):
    """A document to print, sign and upload: the proposal or the review minutes, prefilled."""
    d = selectors.dossier_get_for_user(request.user, pk)
    make = {"to-trinh": (documents.proposal_docx, "to-trinh"), "bien-ban": (documents.review_minutes_docx, "bien-ban-binh-xet")}.get(kind)
    if make is None:
        raise Http404
    return _docx(make[0](d), f"{make[1]}-{d.code}.docx")


def line_report(request, pk, line_pk):
    d = selectors.dossier_get_for_user(request.user, pk)
    line = selectors.line_get(d, line_pk)
    return _docx(documents.report_docx(line), f"bao-cao-thanh-tich-{line.recipient.code}.docx")


@login_not_required
def public_list(request):
    return render(request, "dossiers/public_list.html", {"dossiers": selectors.published_dossiers()})


@login_not_required
def public_detail(request, pk):
    d = selectors.published_dossier(pk)
    lines = list(selectors.published_lines(d))
    posted = throttled = None
    form = CommentForm()
    if request.method == "POST":
        line = selectors.published_line(d, parse_int(request.POST.get("line"), 0))
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                actions.comment_add(line=line, client_address=client_address(request), **form.cleaned_data)
            except ValidationError as e:
                apply_validation_error(form, e)
            except Throttled as e:
                throttled = e
            else:
                messages.success(request, "Cảm ơn bạn đã góp ý. Cơ quan thường trực sẽ trả lời trước khi Hội đồng họp.")
                return redirect("dossiers:public_detail", pk=d.pk)
        posted = line.pk
    for ln in lines:
        ln.public_answers = selectors.answered_comments(ln)
    response = render(request, "dossiers/public_detail.html", {"d": d, "lines": lines, "form": form, "posted": posted,
                                                               "throttled": throttled})
    return too_many(response, throttled.refused) if throttled else response


def decide(request):
    """The chairman's page: the dossiers waiting for the decision of an authority they sign for; the number suggested,
    the signer prefilled; the decision shown as it will be issued (text, annex, money), then issued once confirmed."""
    authorities = list(decision_selectors.sign_authorities(request.user))
    if not authorities:
        raise Http404
    authority = chosen(request, "authority", authorities)
    waiting = list(selectors.dossiers_to_decide(request.user, authority))
    today = timezone.localdate()
    lines = decide_module.issuable_lines(waiting, authority, today)
    signers = decide_module.signer_options(authority, lines)
    number = decide_module.suggested_number(authority, today)
    form = DecisionForm(request.POST or None, dossiers=waiting, signers=signers, deputy=decide_module.is_deputy, initial={
        "date": today, "dossiers": [d.pk for d in waiting], "symbol": "QĐ-UBND", "number": number,
        "signer": str(signers[0].pk) if signers else OTHER_SIGNER,
        "signer_name": "" if signers else request.user.get_full_name()})
    form.fields["number"].help_text = f"Số tiếp theo của {authority.name} năm {today.year}: {number}."
    preview = None
    if request.method == "POST" and form.is_valid() and "back" not in request.POST:
        data = dict(form.cleaned_data)
        who = data.pop("signer_role", "") or "chairman"
        signer = data.pop("signer_person", None)
        data.pop("signer", None)
        if not data.get("signer_title"):
            data["signer_title"] = "\n".join(decision_documents.default_signer_lines(authority, who))
        wanted = set(data.pop("dossiers"))
        picked = [d for d in waiting if d.pk in wanted]
        confirmed = request.POST.get("confirm") == "1"
        try:
            if confirmed:
                decision = decide_module.decision_issue(acting_user=request.user, authority=authority, dossiers=picked,
                                                        signer=signer, seen=request.POST.get("seen", ""), **data)
            else:
                preview = decide_module.decision_preview(acting_user=request.user, authority=authority, dossiers=picked,
                                                         signer=signer, **data)
        except decide_module.PreviewChanged as e:
            messages.warning(request, e.messages[0])
            preview = e.preview
        except ValidationError as e:
            apply_validation_error(form, e)
        except PermissionDenied as e:
            form.add_error(None, str(e))
        else:
            if confirmed:
                messages.success(request, f"Đã ban hành {decision}; khen thưởng đã vào lịch sử. Tệp quyết định và bằng, giấy khen đang được tạo.")
                return redirect("decisions:detail", pk=decision.pk)
    posted = [(k, request.POST.getlist(k)) for k in request.POST if k not in ("csrfmiddlewaretoken", "confirm", "seen", "back")]
    return render(request, "dossiers/decide.html", {"form": form, "authority": authority, "authorities": authorities,
                                                     "waiting": waiting, "lines": lines, "preview": preview,
                                                     "document": preview.document() if preview else None,
                                                     "posted": posted})
