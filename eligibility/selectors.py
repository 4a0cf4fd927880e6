"""Reads for the eligibility screens, scoped to the user."""

from django.db.models import Max
from django.utils import timezone

from decisions.models import Award
from initiatives.models import Initiative
from records.models import Discipline, Rating



def default_year(unit=None, person=None):
    """The latest year with ratings (where the review stands), else last year."""
    qs = Rating.objects.all()
    if person is not None:
        qs = qs.filter(person=person)
    elif unit is not None:
        qs = qs.filter(person__unit__path__startswith=unit.path)
    latest = qs.aggregate(y=Max("year"))["y"]
    return latest or timezone.localdate().year - 1


def person_history(person):
    """Year by year: rating, awards, initiatives recognised, discipline."""
    years = {}

    def row(y):
        return years.setdefault(y, {"year": y, "rating": None, "awards": [], "initiatives": [], "disciplines": []})

    for r in Rating.objects.filter(person=person):
        row(r.year)["rating"] = r
    for a in Award.objects.filter(person=person).select_related("award_type").prefetch_related("initiatives"):
        row(a.year)["awards"].append(a)
    for i in Initiative.objects.filter(authors=person).prefetch_related("used_by__award_type"):
        row(i.recognized_on.year)["initiatives"].append(i)
    for d in Discipline.objects.filter(person=person):
        row(d.date.year)["disciplines"].append(d)
    return [years[y] for y in sorted(years, reverse=True)]
