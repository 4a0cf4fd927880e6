from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from core.forms import apply_validation_error, carry_seen, seen_values
from core.params import get_id, get_year
from org import duties
from org.duties import Duty
from org.selectors import unit_get_for_user

from . import actions, selectors
from .forms import InitiativeForm
from .models import Scope, Status


def _get(user, pk):
    return selectors.initiative_get_for_user(user, pk)


def initiative_list(request):
    q = request.GET.get("q", "")
    sc = request.GET.get("scope", "")
    sc = sc if sc in Scope.values else ""
    st = request.GET.get("status", "")
    st = st if st in Status.values else ""
    year = get_year(request)
    unit_id = get_id(request, "unit")
    unit = unit_get_for_user(request.user, unit_id) if unit_id else None
    qs = selectors.initiatives_search(request.user, q, scope=sc, year=year, status=st, unit=unit)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "initiatives/list.html", {"page": page, "q": q, "scope": sc, "year": year or "", "scopes": Scope.choices,
                                                       "status": st, "statuses": Status.choices, "unit": unit,
                                                       "units": selectors.filter_units(request.user).only("pk", "name", "path", "depth"),
                                                       "can_submit": selectors.submit_units(request.user).exists(),
                                                       "can_council": duties.has_duty(request.user, None, Duty.STANDING_OFFICE),
                                                       "can_edit": duties.has_duty(request.user, None, Duty.RATE)})


def initiative_edit(request, pk=None):
    if not duties.has_duty(request.user, None, Duty.RATE):
        raise Http404
    initiative = _get(request.user, pk) if pk else None
    if initiative is not None and initiative.status != Status.RECOGNIZED:
        # Not yet recognised: it is changed on its path (the author's form), not in the registry.
        return redirect("initiatives:amend", pk=initiative.pk)
    initial, others = {}, []
    if initiative:
        initial = {f: getattr(initiative, f) for f in actions.FIELDS}
        # Only the editor's own people are in the editable list: the others (another ward's
        # co-authors) are kept as they are, shown by name only.
        mine, others = selectors.split_authors(request.user, selectors.initiative_authors(initiative))
        initial["authors"] = "; ".join(p.code for p in mine)
    form = InitiativeForm(request.POST or None, initial=initial, people=selectors.editable_people(request.user))
    if others:
        # It counts for another unit's people too: its facts are the standing office's to change.
        for name in actions.FIELDS:
            form.fields[name].disabled = True
        form.fields["authors"].label = "Tác giả thuộc đơn vị bạn quản lý (mã cán bộ, cách nhau bởi dấu ;)"
        form.fields["authors"].required = False
    if initiative:
        carry_seen(form)  # the values the editor saw, for the action to keep what someone else saved meanwhile
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        typed = data.pop("authors")
        authors = typed + [p for p in others if p not in typed]
        try:
            saved = actions.initiative_save(acting_user=request.user, initiative=initiative, authors=authors,
                                            expected=seen_values(form) if initiative else None, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lưu sáng kiến {saved.code}.")
            return redirect("initiatives:detail", pk=saved.pk)
    return render(request, "initiatives/form.html", {"form": form, "initiative": initiative, "others": others})


# --- the path: submit, council, score, recognise, widen, report ------------------------------------------

from django.core.exceptions import PermissionDenied  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.shortcuts import get_object_or_404  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

from core.forms import refused  # noqa: E402
from documents import nd30  # noqa: E402
from core.years import review_year  # noqa: E402

from . import workflow  # noqa: E402
from .forms import (ApplicationForm, AttachForm, CouncilForm, DecisionForm, ReturnForm, ScoreForm,  # noqa: E402
                    SubmitForm, WidenForm)

STEP_FORMS = {"return": ReturnForm, "recognize": DecisionForm, "widen": WidenForm, "report": ApplicationForm,
              "attach": AttachForm, "score": ScoreForm}


def _path_context(request, i, forms=None):
    user = request.user
    allowed = {verb: workflow.allowed(user, i, verb) for verb in workflow.STEPS if verb != "submit"}
    seat = selectors.my_seat(user, i)
    office = duties.has_duty(user, i.unit, Duty.STANDING_OFFICE) if i.unit_id else False
    result = actions.review_result(i) if i.council_id and i.status in (Status.REVIEWING, Status.RECOGNIZED) else None
    forms = forms or {}
    members = i.council.members.all() if (office and i.council_id) else None
    step_forms = {
        "return": forms.get("return") or ReturnForm(),
        "recognize": forms.get("recognize") or DecisionForm(initial={"decided_on": actions.today(),
                                                                      "recognized_by": nd30.deciding_person(i.unit) if i.unit_id else ""}),
        "widen": forms.get("widen") or WidenForm(initial={"decided_on": actions.today()}),
        "report": forms.get("report") or ApplicationForm(initial={"where": i.applied_where}),
        "attach": forms.get("attach") or AttachForm(),
        "score": forms.get("score") or ScoreForm(members=members if not seat else None),
    }
    last_return = next((e for e in reversed(selectors.timeline(i)) if e.verb == "return"), None)
    return {"i": i, "allowed": allowed, "seat": seat, "office": office, "result": result, "f": step_forms,
            "authorships": [(a, duties.has_duty(user, a.person.unit, Duty.VIEW)) for a in selectors.authorships(i)], "sheets": selectors.round_sheets(i) if i.council_id else [],
            "served": selectors.served_awards(i), "path_events": selectors.timeline(i),
            "last_return": last_return if i.status == Status.RETURNED else None,
            "widenings": list(i.widenings.select_related("authority")), "applications": list(i.applications.all()),
            "attachments": list(i.attachments.all()), "events": selectors.initiative_events(i)[:50],
            "authors": selectors.authors_for_display(request.user, i),
            "can_edit": duties.has_duty(request.user, None, Duty.RATE) and i.status == Status.RECOGNIZED,
            "mode": (i.review_rules or {}).get("mode", "vote")}


def _authors_initial(i):
    out = {}
    for n, a in enumerate(selectors.authorships(i)[:5], 1):
        out[f"author_{n}"] = a.person.code
        out[f"share_{n}"] = f"{a.share.normalize():f}" if a.share is not None else ""
    return out


def initiative_submit(request):
    units = selectors.submit_units(request.user)
    if not units.exists():
        raise Http404
    unit = None
    unit_id = request.POST.get("unit") or request.GET.get("unit")
    if unit_id:
        unit = units.filter(pk=get_id(request, "unit") if request.method == "GET" else (unit_id if str(unit_id).isdigit() else 0)).first()
    if unit is None:
        unit = units.first()
    form = SubmitForm(request.POST or None, request.FILES or None, units=units, people=selectors.unit_people(unit),
                      initial={"unit": unit.pk})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            i = actions.initiative_submit(acting_user=request.user, unit=d["unit"], data=d, authors=d["authors"],
                                          uploads=d.get("attachments") or [])
        except ValidationError as e:
            apply_validation_error(form, e)
        except PermissionDenied as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"Đã nộp sáng kiến {i.code}: chờ đưa ra Hội đồng sáng kiến.")
            return redirect("initiatives:detail", pk=i.pk)
    return render(request, "initiatives/submit.html", {"form": form, "initiative": None})


def initiative_amend(request, pk):
    i = _get(request.user, pk)
    if not workflow.allowed(request.user, i, "edit"):
        raise Http404
    initial = {f: getattr(i, f) for f in actions.PATH_FIELDS} | _authors_initial(i)
    form = SubmitForm(request.POST or None, initial=initial, people=selectors.unit_people(i.unit))
    form.fields.pop("attachments")
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.initiative_edit(acting_user=request.user, initiative=i, data=d, authors=d["authors"])
            if i.status == Status.RETURNED and request.POST.get("resubmit"):
                actions.initiative_resubmit(acting_user=request.user, initiative=i)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lưu sáng kiến {i.code}.")
            return redirect("initiatives:detail", pk=i.pk)
    return render(request, "initiatives/submit.html", {"form": form, "initiative": i})


def initiative_detail(request, pk):
    i = _get(request.user, pk)
    return render(request, "initiatives/detail.html", _path_context(request, i))


@require_POST
def initiative_step(request, pk, verb):
    i = _get(request.user, pk)
    if verb not in workflow.STEPS or verb in ("submit", "edit"):
        raise Http404
    back = redirect("initiatives:detail", pk=i.pk)
    user = request.user
    form = None
    try:
        if verb == "review":
            actions.review_open(acting_user=user, initiative=i)
            messages.success(request, "Đã đưa sáng kiến ra Hội đồng sáng kiến.")
        elif verb == "resubmit":
            actions.initiative_resubmit(acting_user=user, initiative=i, note=request.POST.get("note", ""))
            messages.success(request, "Đã nộp lại sáng kiến.")
        else:
            seat = selectors.my_seat(user, i)
            office = duties.has_duty(user, i.unit, Duty.STANDING_OFFICE)
            if verb == "score":
                form = ScoreForm(request.POST, members=i.council.members.all() if (office and not seat and i.council_id) else None)
            elif verb == "attach":
                form = AttachForm(request.POST, request.FILES)
            else:
                form = STEP_FORMS[verb](request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.get_json_data() and {k: [e["message"] for e in v] for k, v in form.errors.get_json_data().items()})
            d = form.cleaned_data
            if verb == "return":
                actions.initiative_return(acting_user=user, initiative=i, reason=d["reason"])
                messages.success(request, "Đã trả lại sáng kiến để bổ sung.")
            elif verb == "recognize":
                actions.initiative_recognize(acting_user=user, initiative=i, decision_number=d["decision_number"],
                                             decided_on=d["decided_on"], recognized_by=d["recognized_by"])
                messages.success(request, f"Đã ghi quyết định công nhận sáng kiến số {d['decision_number']}.")
            elif verb == "widen":
                actions.initiative_widen(acting_user=user, initiative=i, scope=d["scope"], decision_number=d["decision_number"],
                                         decided_on=d["decided_on"], recognized_by=d["recognized_by"])
                messages.success(request, "Đã ghi quyết định mở rộng phạm vi ảnh hưởng.")
            elif verb == "report":
                actions.application_report(acting_user=user, initiative=i, where=d["where"], since=d["since"], effect=d["effect"])
                messages.success(request, "Đã ghi báo cáo kết quả áp dụng.")
            elif verb == "attach":
                actions.attachments_add(acting_user=user, initiative=i, uploads=d["attachments"])
                messages.success(request, "Đã thêm tệp đính kèm.")
            elif verb == "score":
                sheet = actions.score_enter(acting_user=user, initiative=i, agree=d.get("agree") if "agree" in request.POST else None,
                                            total=d.get("total"), comment=d.get("comment", ""), member=d.get("member"))
                messages.success(request, f"Đã ghi phiếu của {sheet.member.full_name}.")
    except (PermissionDenied, workflow.StepRefused) as e:
        return refused(request, e, back.url)
    except ValidationError as e:
        if form is not None:
            apply_validation_error(form, e)
            i.refresh_from_db()
            ctx = _path_context(request, i, {verb: form})
            ctx["open_step"] = verb
            messages.error(request, "Chưa ghi được: xem lỗi ở mục " + workflow.STEPS[verb].label.lower() + ".")
            return render(request, "initiatives/detail.html", ctx, status=400)
        return refused(request, e, back.url)
    return back


def initiative_minutes(request, pk):
    """The council's minutes as Word."""
    i = _get(request.user, pk)
    if not i.council_id:
        raise Http404
    from .documents import DOCX, minutes_docx

    data = minutes_docx(i, actions.review_result(i), selectors.round_sheets(i), selectors.authorships(i),
                        i.review_opened_on or actions.today())
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-hoi-dong-sang-kien-{i.code}.docx"'
    return response


def initiative_attachment(request, pk, att):
    i = _get(request.user, pk)
    a = get_object_or_404(i.attachments, pk=att)
    response = HttpResponse(a.file.open("rb").read(), content_type=a.content_type)
    response["Content-Disposition"] = f'inline; filename="{a.pk}{"." + a.content_type.split("/")[-1] if a.content_type else ""}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def council_edit(request):
    """The unit's initiative council of a year: its establishing decision and members."""
    units = selectors.submit_units(request.user).filter(pk__in=[u.pk for u in selectors.submit_units(request.user)
                                                                  if duties.has_duty(request.user, u, Duty.STANDING_OFFICE)])
    unit_id = get_id(request, "unit") if request.method == "GET" else (int(request.POST["unit"]) if request.POST.get("unit", "").isdigit() else None)
    unit = units.filter(pk=unit_id).first() if unit_id else units.first()
    if unit is None:
        raise Http404
    year = get_year(request) or actions.today().year
    if request.method == "POST":
        year = int(request.POST["year"]) if request.POST.get("year", "").isdigit() else year
    council = selectors.council_of(unit, year)
    initial = {}
    if council:
        initial = {"number": council.number, "signed_on": council.signed_on, "issuer": council.issuer}
        for n, m in enumerate(council.members.all(), 1):
            initial |= {f"name_{n}": m.full_name, f"role_{n}": m.role, f"job_{n}": m.job_title, f"user_{n}": m.user_id}
    users = selectors.council_candidates(unit)
    form = CouncilForm(request.POST or None, initial=initial, users=users)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.council_save(acting_user=request.user, unit=unit, year=year, number=d["number"], signed_on=d["signed_on"],
                                 issuer=d["issuer"], members=form.members())
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lưu Hội đồng sáng kiến {unit.name} năm {year}.")
            return redirect(f"{request.path}?unit={unit.pk}&year={year}")
    return render(request, "initiatives/council.html", {"form": form, "unit": unit, "units": units, "year": year, "council": council})


def initiative_targets(request):
    """Initiative figures of a level and year against the movement's targets, per unit and overall."""
    levels = list(selectors.target_levels(request.user))
    if not levels:
        raise Http404
    unit_id = get_id(request, "unit")
    level = unit_get_for_user(request.user, unit_id) if unit_id else levels[0]
    year = get_year(request) or review_year()
    rows, total = selectors.target_rows(level, year)
    targets = selectors.targets_of(level, year)
    return render(request, "initiatives/targets.html", {"level": level, "year": year, "rows": rows, "total": total,
                                                          "targets": targets, "levels": levels,
                                                          "author_target": targets["author_share"][0],
                                                          "applied_target": targets["applied_share"][0]})
