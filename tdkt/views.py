"""The home page (each user's desk) and the search over people and units."""

from django.shortcuts import render

from accounts.selectors import own_events
from org import duties
from org.duties import Duty
from org.selectors import memberships_of, people_search, units_search

from .desk import desk_for


def home(request):
    """Each user's desk: what is coming, what waits for the user, who is late."""
    user = request.user
    context = {
        "memberships": memberships_of(user),
        "roots": duties.units_where(user, Duty.VIEW).order_by("path")[:10],
        "desk": desk_for(user),
        "my_events": own_events(user),
    }
    return render(request, "home/home.html", context)


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
    template = "home/search_results.html" if request.htmx else "home/search.html"
    return render(request, template, context)
