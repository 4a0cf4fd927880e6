"""The public portal (no login: ``login_not_required``) and the office's list of citizen proposals. Thin: every read
is a portal selector, every write a portal action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, refused
from core.params import get_year, parse_id
from throttle import actions as throttle
from throttle.http import client_address, too_many

from . import actions, challenge, selectors
from .forms import AnswerForm, ProposalForm, TrackForm
from .models import Status
from .workflow import STEPS, StepRefused, steps_for

PAGE = 30


def _q(request) -> str:
    return (request.GET.get("q") or "").strip()[:100]


def _page(request, items, per_page=PAGE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- the public pages -----------------------------------------------------------------------------

@login_not_required
def home(request):
    return render(request, "portal/home.html", {
        "movements": selectors.launched_movements(limit=4),
        "decisions": selectors.published_decisions(limit=6),
        "disclosures": selectors.open_disclosures(limit=5),
        "stories": selectors.stories(limit=3),
        "nav": "home",
    })


@login_not_required
def movements(request):
    q = _q(request)
    page = _page(request, range(selectors.launched_movements_count(q)), 10)
    rows = selectors.launched_movements(q=q, limit=10, offset=page.start_index() - 1 if page.paginator.count else 0)
    return render(request, "portal/movements.html", {"page": page, "rows": rows, "q": q,
                                                     "query": _query_without_page(request), "nav": "movements"})


@login_not_required
def awards(request):
    q, year = _q(request), get_year(request, "nam")
    page = _page(request, selectors.awardees(q=q, year=year), 50)
    rows = [selectors.awardee(r) for r in page.object_list]
    return render(request, "portal/awards.html", {
        "page": page, "rows": rows, "q": q, "year": year, "years": selectors.award_years(),
        "decisions": [] if q or year else selectors.published_decisions(limit=10),
        "query": _query_without_page(request), "nav": "awards"})


@login_not_required
def decision(request, pk):
    d = selectors.published_decision(pk)
    q = _q(request)
    page = _page(request, selectors.awardees(decision=d.id, q=q), 100)
    rows = [selectors.awardee(r) for r in page.object_list]
    return render(request, "portal/decision.html", {"d": d, "page": page, "rows": rows, "q": q,
                                                    "query": _query_without_page(request), "nav": "awards"})


@login_not_required
def stories(request):
    q, year = _q(request), get_year(request, "nam")
    page = _page(request, selectors.StoryPages(q=q, year=year), 12)
    return render(request, "portal/stories.html", {"page": page, "q": q, "year": year,
                                                   "query": _query_without_page(request), "nav": "stories"})


@login_not_required
def story(request, pk):
    return render(request, "portal/story.html", {"s": selectors.story(pk), "nav": "stories"})


@login_not_required
def story_photo(request, pk, thumb=False):
    photo = selectors.story_photo(pk)
    return _file(photo.thumb if thumb else photo.image, photo.content_type, "public, max-age=3600")


def _file(field, content_type, cache):
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    return response


# --- the citizen's proposal -----------------------------------------------------------------------

@login_not_required
def propose(request):
    units = selectors.receiving_unit_choices()
    throttled = None
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, units=units)
        valid = form.is_valid()
        try:  # checked whatever the fields say, so that every error is told at once
            challenge.check(request.POST.get("token", ""), request.POST.get("answer", ""), request.POST.get("website", ""))
        except ValidationError as e:
            apply_validation_error(form, e)
            valid = False
        if valid:
            data = dict(form.cleaned_data)
            for name in ("token", "answer", "website"):
                data.pop(name)
            try:
                unit = selectors.receiving_units().filter(pk=data.pop("unit")).first()
                p = actions.proposal_submit(unit=unit, photos=data.pop("photos"),
                                            client_address=client_address(request), **data)
            except ValidationError as e:
                apply_validation_error(form, e)
            except throttle.Throttled as e:
                throttled = e
            else:
                return redirect(reverse("portal:track", args=[p.code]) + "?moi=1")
        # A new question each time the form comes back (the answer typed is cleared with it).
        token, question = challenge.issue()
        data = form.data.copy()
        data["token"], data["answer"] = token, ""
        form.data = data
        form.fields["answer"].label = form["answer"].label = f"Câu hỏi kiểm tra: {question}"
    else:
        token, question = challenge.issue()
        form = ProposalForm(units=units, question=question, initial={"token": token})
    response = render(request, "portal/propose.html", {"form": form, "throttled": throttled, "nav": "propose",
                                                       "photos_again": bool(request.FILES.getlist("photos"))})
    return too_many(response, throttled.refused) if throttled else response


def _track_limit(request):
    return actions.track_limit(client_address(request))


@login_not_required
def track_lookup(request):
    """The tracking code typed ("acde fghj kmnp"); a code that names nothing answers "không tìm thấy", and past
    ``TDKT_THROTTLE_TRACK_PER_ADDRESS`` misses an address waits, found or not."""
    form = TrackForm(request.GET or None)
    missed = refused_ = None
    if form.is_bound and form.is_valid():
        limit = _track_limit(request)
        verdict = throttle.peek([limit])
        if not verdict:  # a Refused is falsy
            refused_ = verdict
        else:
            found = selectors.proposal_by_code(form.cleaned_data["ma"])
            if found is not None:
                return redirect("portal:track", code=found.code)
            throttle.hit_all([limit])
            missed = True
    response = render(request, "portal/track_lookup.html", {"form": form, "missed": missed, "nav": "track",
                                                            "wait": refused_.wait if refused_ is not None else ""})
    return too_many(response, refused_) if refused_ is not None else response


@login_not_required
def track(request, code):
    limit = _track_limit(request)
    verdict = throttle.peek([limit])
    if not verdict:
        response = render(request, "portal/track_lookup.html", {"form": TrackForm(), "wait": verdict.wait, "nav": "track"})
        return too_many(response, verdict)
    found = selectors.proposal_by_code(code)
    if found is None:
        throttle.hit_all([limit])
        raise Http404("Không tìm thấy đề xuất với mã này")
    just_sent = request.GET.get("moi") == "1"
    return render(request, "portal/track.html", {"p": found, "just_sent": just_sent, "nav": "track"})


# --- the office -----------------------------------------------------------------------------------

def office_list(request):
    status = request.GET.get("trang-thai", "open")
    status = status if status in {"open", "", *Status.values} else "open"
    unit = parse_id(request.GET.get("don-vi"))
    q = _q(request)
    page = _page(request, selectors.proposals_for(request.user, status=status, q=q, unit=unit), 50)
    return render(request, "portal/office_list.html", {
        "page": page, "status": status, "statuses": Status.choices, "q": q, "unit": unit,
        "units": selectors.office_units(request.user), "query": _query_without_page(request)})


def office_detail(request, pk):
    p = selectors.proposal_get_for_user(request.user, pk)
    return render(request, "portal/office_detail.html", {
        "p": p, "photos": selectors.proposal_photos(p), "events": selectors.proposal_events(p),
        "steps": steps_for(request.user, p), "labels": {v: s.label for v, s in STEPS.items()},
        "form": AnswerForm(), "same_sender": selectors.same_sender_count(p)})


@require_POST
def office_step(request, pk, step):
    p = selectors.proposal_get_for_user(request.user, pk)
    back = reverse("portal:office_detail", args=[p.pk])
    if step not in STEPS or step == "submit":
        raise Http404
    form = AnswerForm(request.POST)
    answer = form.cleaned_data.get("answer", "") if form.is_valid() else ""
    if not form.is_valid():
        return refused(request, ValidationError([e for es in form.errors.values() for e in es]), back)
    try:
        if step == "exemplar":
            e = actions.proposal_make_exemplar(acting_user=request.user, proposal=p)
            messages.success(request, f"Đã lập đề xuất điển hình {e.code} (bản nháp) của {e.unit.name}: kiểm tra rồi gửi "
                                      "cấp trên.")
            return redirect("exemplars:detail", pk=e.pk)
        if step == "verify":
            actions.proposal_verify(acting_user=request.user, proposal=p)
        elif step == "accept":
            actions.proposal_accept(acting_user=request.user, proposal=p, answer=answer)
        else:
            actions.proposal_decline(acting_user=request.user, proposal=p, answer=answer)
    except (StepRefused, ValidationError, PermissionDenied) as err:
        return refused(request, err, back)
    messages.success(request, f"{STEPS[step].label}: đã ghi; người đề xuất thấy kết quả trên trang theo dõi.")
    return redirect(back)


def office_photo(request, pk, photo_pk):
    photo = selectors.proposal_photo_for_user(request.user, pk, photo_pk)
    return _file(photo.thumb if request.GET.get("nho") else photo.image, photo.content_type, "private, max-age=3600")
