from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from audit.recording import events_for
from core.forms import apply_validation_error
from core.params import get_year
from core.text import search_terms
from org import scope
from org.selectors import people_for

from . import actions
from .forms import InitiativeForm
from .models import Initiative, Scope


def initiatives_for(user):
    """Initiatives with at least one author the user may see."""
    return Initiative.objects.filter(authors__in=people_for(user)).distinct()


def _get(user, pk):
    try:
        return initiatives_for(user).get(pk=pk)
    except (Initiative.DoesNotExist, ValueError):
        raise Http404 from None


def initiative_list(request):
    qs = initiatives_for(request.user).prefetch_related("authors", "used_by__award_type")
    q = request.GET.get("q", "")
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    sc = request.GET.get("scope", "")
    if sc:
        qs = qs.filter(scope=sc)
    year = get_year(request)
    if year:
        qs = qs.filter(recognized_on__year=year)
    page = Paginator(qs.order_by("-recognized_on", "code"), 50).get_page(request.GET.get("page"))
    return render(request, "initiatives/list.html", {"page": page, "q": q, "scope": sc, "year": year or "", "scopes": Scope.choices,
                                                       "can_edit": scope.can(request.user, "edit_people")})


def initiative_detail(request, pk):
    i = _get(request.user, pk)
    return render(request, "initiatives/detail.html", {"i": i, "events": events_for(i)[:50],
                                                         "can_edit": scope.can(request.user, "edit_people")})


def initiative_edit(request, pk=None):
    if not scope.can(request.user, "edit_people"):
        raise Http404
    initiative = _get(request.user, pk) if pk else None
    initial = {}
    if initiative:
        initial = {f: getattr(initiative, f) for f in actions.FIELDS}
        initial["authors"] = "; ".join(initiative.authors.values_list("code", flat=True))
    form = InitiativeForm(request.POST or None, initial=initial, people=people_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        authors = data.pop("authors")
        try:
            saved = actions.initiative_save(acting_user=request.user, initiative=initiative, authors=authors, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lưu sáng kiến {saved.code}.")
            return redirect("initiatives:detail", pk=saved.pk)
    return render(request, "initiatives/form.html", {"form": form, "initiative": initiative})
