from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from core.forms import apply_validation_error, carry_seen, seen_values
from core.params import get_year
from org import duties
from org.duties import Duty

from . import actions, selectors
from .forms import InitiativeForm
from .models import Scope


def _get(user, pk):
    return selectors.initiative_get_for_user(user, pk)


def initiative_list(request):
    q = request.GET.get("q", "")
    sc = request.GET.get("scope", "")
    year = get_year(request)
    qs = selectors.initiatives_search(request.user, q, scope=sc, year=year)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "initiatives/list.html", {"page": page, "q": q, "scope": sc, "year": year or "", "scopes": Scope.choices,
                                                       "can_edit": duties.has_duty(request.user, None, Duty.RATE)})


def initiative_detail(request, pk):
    i = _get(request.user, pk)
    return render(request, "initiatives/detail.html", {"i": i, "events": selectors.initiative_events(i)[:50],
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
