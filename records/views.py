from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from decisions.models import Award
from initiatives.models import Initiative
from org import scope, selectors as org_selectors
from org.models import Employment, Person, Unit

from . import actions, ratings_excel
from .forms import AwardForm, DisciplineForm, RatingForm, UploadForm
from .models import Rating, RatingLevel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _members(unit, year):
    """People who worked in ``unit`` at some time in ``year``."""
    ids = Employment.objects.filter(unit=unit).exclude(start__gt=date(year, 12, 31)).exclude(end__lt=date(year, 1, 1)).values("person_id")
    return list(Person.objects.filter(pk__in=ids).order_by("sort_key"))


def _ratings_params(request):
    user = request.user
    units = (Unit.objects.filter(scope.scope_q(user, "edit_people")).filter(org_selectors.active_q(date(timezone.localdate().year - 1, 1, 1)))
             .order_by("path"))
    if request.GET.get("unit"):
        unit = org_selectors.unit_get_for_user(user, request.GET["unit"])
        if not scope.can(user, "edit_people", unit):
            raise Http404
    else:
        unit = units.filter(people__isnull=False).first() or units.first()
        if unit is None:
            raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        raise Http404 from None
    return units, unit, year


def ratings(request):
    units, unit, year = _ratings_params(request)
    members = _members(unit, year)
    current = {("person", r.person_id): r.level for r in Rating.objects.filter(year=year, person__in=members)}
    unit_rating = Rating.objects.filter(year=year, unit=unit).first()
    upload = UploadForm()
    errors = []
    if request.method == "POST":
        try:
            if "file" in request.FILES:
                people, unit_level, errors = ratings_excel.read(request.FILES["file"], unit, members)
                if not errors:
                    n = actions.ratings_save(acting_user=request.user, unit=unit, year=year, people=people, unit_level=unit_level)
                    messages.success(request, f"Đã nhập tệp: {n} xếp loại thay đổi.")
                    return redirect(f"{request.path}?unit={unit.pk}&year={year}")
            else:
                people = {p: request.POST.get(f"p{p.pk}", "") for p in members}
                n = actions.ratings_save(acting_user=request.user, unit=unit, year=year, people=people,
                                         unit_level=request.POST.get("unit_level", ""))
                messages.success(request, f"Đã lưu xếp loại năm {year}: {n} thay đổi.")
                return redirect(f"{request.path}?unit={unit.pk}&year={year}")
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        except PermissionDenied as e:
            messages.error(request, str(e))
    rows = [{"person": p, "level": current.get(("person", p.pk), "")} for p in members]
    return render(request, "records/ratings.html", {
        "units": units[:500], "unit": unit, "year": year, "rows": rows, "levels": RatingLevel.choices,
        "unit_level": unit_rating.level if unit_rating else "", "upload": upload, "errors": errors,
        "years": range(timezone.localdate().year, timezone.localdate().year - 12, -1),
        "counts": {code: sum(1 for r in rows if r["level"] == code) for code, _ in RatingLevel.choices},
    })


def ratings_template(request):
    units, unit, year = _ratings_params(request)
    members = _members(unit, year)
    current = {("person", r.person_id): r.level for r in Rating.objects.filter(year=year, person__in=members)}
    ur = Rating.objects.filter(year=year, unit=unit).first()
    if ur:
        current[("unit", unit.pk)] = ur.level
    response = HttpResponse(ratings_excel.template(unit, year, members, current), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xep-loai-{unit.code}-{year}.xlsx"'
    return response


def person_record(request, pk):
    person = org_selectors.person_get_for_user(request.user, pk)
    if not scope.can(request.user, "edit_people", person.unit):
        raise Http404
    initiatives = Initiative.objects.filter(authors=person)
    which = request.POST.get("form")
    award_form = AwardForm(request.POST if which == "award" else None, initiatives=initiatives, prefix="a")
    discipline_form = DisciplineForm(request.POST if which == "discipline" else None, prefix="d")
    rating_form = RatingForm(request.POST if which == "rating" else None, prefix="r")
    if request.method == "POST":
        try:
            if which == "award" and award_form.is_valid():
                d = award_form.cleaned_data
                actions.award_record(acting_user=request.user, person=person, award_type=d["award_type"], year=d["year"],
                                     decision_number=d["decision_number"], decision_date=d["decision_date"],
                                     initiatives=list(d["initiatives"]))
                messages.success(request, f"Đã ghi nhận {d['award_type'].name} năm {d['year']}.")
                return redirect("records:person_record", pk=person.pk)
            if which == "discipline" and discipline_form.is_valid():
                actions.discipline_record(acting_user=request.user, person=person, **discipline_form.cleaned_data)
                messages.success(request, "Đã ghi nhận quyết định kỷ luật.")
                return redirect("records:person_record", pk=person.pk)
            if which == "rating" and rating_form.is_valid():
                d = rating_form.cleaned_data
                actions.ratings_save(acting_user=request.user, unit=person.unit, year=d["year"], people={person: d["level"]})
                messages.success(request, f"Đã lưu xếp loại năm {d['year']}.")
                return redirect("records:person_record", pk=person.pk)
        except ValidationError as e:
            apply_validation_error({"award": award_form, "discipline": discipline_form, "rating": rating_form}[which], e)
    return render(request, "records/person_record.html", {
        "person": person, "award_form": award_form, "discipline_form": discipline_form, "rating_form": rating_form,
        "awards": Award.objects.filter(person=person).select_related("award_type").prefetch_related("initiatives"),
        "ratings": Rating.objects.filter(person=person).order_by("-year"),
        "disciplines": person.disciplines.all(),
    })


@require_POST
def award_delete(request, pk, award_pk):
    person = org_selectors.person_get_for_user(request.user, pk)
    if not scope.can(request.user, "edit_people", person.unit):
        raise Http404
    award = Award.objects.filter(pk=award_pk, person=person).first()
    if award is None:
        raise Http404
    actions.award_delete(acting_user=request.user, award=award)
    messages.success(request, "Đã xoá bản ghi khen thưởng.")
    return redirect("records:person_record", pk=person.pk)


def unit_record(request, pk):
    """A collective's ratings and awards, year by year, and adding a past award."""
    unit = org_selectors.unit_get_for_user(request.user, pk)
    can_edit = scope.can(request.user, "edit_people", unit)
    form = AwardForm(request.POST if request.method == "POST" else None, kind="collective", initiatives=Initiative.objects.none(), prefix="a")
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                actions.award_record(acting_user=request.user, unit=unit, award_type=d["award_type"], year=d["year"],
                                     decision_number=d["decision_number"], decision_date=d["decision_date"])
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, f"Đã ghi nhận {d['award_type'].name} năm {d['year']} cho {unit.name}.")
                return redirect("records:unit_record", pk=unit.pk)
    return render(request, "records/unit_record.html", {
        "unit": unit, "form": form, "can_edit": can_edit,
        "awards": Award.objects.filter(unit=unit).select_related("award_type"),
        "ratings": Rating.objects.filter(unit=unit).order_by("-year"),
    })
