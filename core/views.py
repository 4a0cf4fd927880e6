from django.shortcuts import render

from audit.models import Event
from org import duties
from org.duties import Duty
from org.models import Membership, Role
from org.selectors import people_search, units_search

from .desk import desk_for


def home(request):
    """Each role's desk: what is coming, what waits for the user, who is late."""
    user = request.user
    memberships = Membership.objects.filter(user=user).select_related("unit").order_by("unit__path")
    context = {
        "memberships": memberships,
        "roots": duties.units_where(user, Duty.VIEW).order_by("path")[:10],
        "desk": desk_for(user),
        "Role": Role,
        "my_events": Event.objects.filter(actor=user).select_related("actor")[:5],
    }
    return render(request, "core/home.html", context)


def search(request):
    q = request.GET.get("q", "").strip()
    people = units = None
    if q:
        people = people_search(request.user, q)
        units = units_search(request.user, q)
    context = {
        "q": q,
        "people": people[:50] if people is not None else None,
        "n_people": people.count() if people is not None else 0,
        "units": units[:30] if units is not None else None,
        "n_units": units.count() if units is not None else 0,
    }
    template = "core/search_results.html" if request.htmx else "core/search.html"
    return render(request, template, context)
