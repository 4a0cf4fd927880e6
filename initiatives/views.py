from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render

from audit.recording import events_for
from core.forms import apply_validation_error
from core.params import get_year
from core.text import search_terms
from org import duties
from org.duties import Duty
from org.models import Person

from . import actions, selectors
from .forms import InitiativeForm
from .models import Scope


def initiatives_for(user):
    return selectors.initiatives_for(user)


def _get(user, pk):
    return selectors.initiative_get_for_user(user, pk)


def _authors():
    return Prefetch("authors", queryset=Person.objects.only("id", "full_name", "sort_key"))


def initiative_list(request):
    qs = initiatives_for(request.user).prefetch_related(_authors(), "used_by__award_type")
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
                                                       "can_edit": duties.has_duty(request.user, None, Duty.RATE)})


def initiative_detail(request, pk):
    i = _get(request.user, pk)
    return render(request, "initiatives/detail.html", {"i": i, "events": events_for(i)[:50],
                                                         "authors": selectors.authors_for_display(request.user, i),
                                                         "can_edit": duties.has_duty(request.user, None, Duty.RATE)})


def initiative_edit(request, pk=None):
    if not duties.has_duty(request.user, None, Duty.RATE):
        raise Http404
    initiative = _get(request.user, pk) if pk else None
    initial, others = {}, []
    if initiative:
        initial = {f: getattr(initiative, f) for f in actions.FIELDS}
        # Only the editor's own people are in the editable list: the others (another ward's
        # co-authors) are kept as they are, shown by name only.
        mine, others = selectors.split_authors(request.user, initiative.authors.select_related("unit"))
        initial["authors"] = "; ".join(p.code for p in mine)
    editable_people = Person.objects.filter(duties.duty_q(request.user, Duty.RATE, prefix="unit__"))
    form = InitiativeForm(request.POST or None, initial=initial, people=editable_people)
    if others:
        # It counts for another unit's people too: its facts are the standing office's to change.
        for name in actions.FIELDS:
            form.fields[name].disabled = True
        form.fields["authors"].label = "Tác giả thuộc đơn vị bạn quản lý (mã cán bộ, cách nhau bởi dấu ;)"
        form.fields["authors"].required = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        typed = data.pop("authors")
        authors = typed + [p for p in others if p not in typed]
        try:
            saved = actions.initiative_save(acting_user=request.user, initiative=initiative, authors=authors, **data)
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lưu sáng kiến {saved.code}.")
            return redirect("initiatives:detail", pk=saved.pk)
    return render(request, "initiatives/form.html", {"form": form, "initiative": initiative, "others": others})
