import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error
from core.params import get_id, get_year, parse_int
from core.years import review_year
from core.stale import StaleEdit
from decisions import actions as award_actions, selectors as award_selectors
from jobs import tracking
from org import duties, selectors as org_selectors
from org.duties import Duty

from . import actions, ratings_excel, selectors
from .forms import AwardForm, DisciplineForm, RatingForm, RatingsUploadForm, ReasonForm, RevokeForm, RevokeLineForm
from .models import RatingLevel

LEVEL_LABELS = dict(RatingLevel.choices)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


PAGE_SIZE = 100
_FIELD = re.compile(r"([pu])([0-9]{1,18})")
_SEEN = re.compile(r"seen-([pu])([0-9]{1,18})")  # the level the editor saw beside each select (no lost updates)


def _ratings_params(request):
    user = request.user
    year = get_year(request, default=review_year())  # in December and January: the year just ending
    unit_id = get_id(request, "unit")
    if unit_id is not None:
        unit = org_selectors.unit_get_for_user(user, unit_id)
        if not duties.has_duty(user, unit, Duty.RATE):
            raise Http404
    else:
        unit = selectors.first_unit_to_rate(user)
        if unit is None:
            raise Http404
    sub_id = get_id(request, "sub")
    sub = None
    if sub_id is not None and sub_id != unit.pk:
        sub = selectors.sub_unit_get(unit, sub_id)
        if sub is None:
            raise Http404
    return unit, sub, year


def _query(unit, sub, year, page=None):
    params = {"unit": unit.pk, "year": year}
    if sub is not None:
        params["sub"] = sub.pk
    if page and page > 1:
        params["page"] = page
    return "?" + urlencode(params)


def _posted_levels(post):
    """{person id: level}, {unit id: level} of the fields present in the form: a field left out is unchanged."""
    people, units = {}, {}
    for key, value in post.items():
        m = _FIELD.fullmatch(key)
        if m:
            (people if m.group(1) == "p" else units)[int(m.group(2))] = value.strip()
    return people, units


def _posted_seen(post):
    """{("person_id" or "unit_id", id): the level the page showed} of the grid's hidden seen-… fields."""
    seen = {}
    for key, value in post.items():
        m = _SEEN.fullmatch(key)
        if m:
            seen[("person_id" if m.group(1) == "p" else "unit_id", int(m.group(2)))] = value.strip()
    return seen


def _options(empty_label, prefix=""):
    """{current level: the <option>s of a rating select with it selected}: built once, not per row
    (a page of 100 people would otherwise loop 500 times in the template)."""
    out = {}
    for current in ["", *LEVEL_LABELS]:
        html = format_html('<option value="">{}</option>', empty_label)
        for code, label in LEVEL_LABELS.items():
            html += format_html('<option value="{}"{}>{}{}</option>', code, mark_safe(" selected") if code == current else "",
                                prefix, label)
        out[current] = html
    return out


PERSON_OPTIONS = _options("— chưa xếp loại —")
UNIT_OPTIONS = _options("— tập thể chưa xếp loại —", "Tập thể: ")


class _Paginator(Paginator):
    """Pages of ``rows`` whose count is given by a cheaper query than ``rows.count()``."""

    def __init__(self, rows, per_page, count):
        super().__init__(rows, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count()


def _page(request, unit, sub, year, rows, count, refused=None):
    """The rows of one page, grouped by the unit each person worked in that year. ``refused``: a save refused
    because someone else changed the same ratings meanwhile (core.stale): (typed, seen) as posted, each
    {("person_id" or "unit_id", id): level}, shown again so that the editor's choices are not lost."""
    paginator = _Paginator(rows, PAGE_SIZE, count)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    levels = selectors.person_levels(year, [e.person_id for e in rows])
    top = sub or unit
    group_units = {e.unit_id for e in rows} | {top.pk}
    unit_levels = selectors.unit_levels(year, group_units)
    typed, seen = refused or ({}, {})

    def shown(field, pk, level):
        """(the level selected, the level the editor saw): as saved, or as the refused save posted them."""
        return typed.get((field, pk), level), seen.get((field, pk), level)

    groups = []
    for e in rows:
        if not groups or groups[-1]["unit"].pk != e.unit_id:
            level, level_seen = shown("unit_id", e.unit_id, unit_levels.get(e.unit_id, ""))
            groups.append({"unit": e.unit, "level": level, "seen": level_seen,
                           "options": UNIT_OPTIONS.get(level, UNIT_OPTIONS[""]), "own": e.unit_id == top.pk, "rows": []})
        p = e.person
        moved = not p.unit.path.startswith(unit.path)
        level, level_seen = shown("person_id", p.pk, levels.get(p.pk, ""))
        groups[-1]["rows"].append({
            "person": p, "period": e, "level": level, "seen": level_seen, "moved": moved,
            "options": PERSON_OPTIONS.get(level, PERSON_OPTIONS[""]),
            "linked": not moved or duties.has_duty(request.user, p.unit, Duty.VIEW),
        })
    return page, groups, shown("unit_id", top.pk, unit_levels.get(top.pk, ""))


def _sub_choices(unit, sub, year):
    choices = selectors.sub_unit_choices(unit, year)
    if sub is not None and sub not in choices:
        choices.append(sub)
    return [(u, "\u2003" * (u.depth - unit.depth - 1) + u.name) for u in choices]


def ratings(request):
    unit, sub, year = _ratings_params(request)
    upload = RatingsUploadForm()
    errors, confirm, affected, refused = [], None, [], None
    here = request.path + _query(unit, sub, year, parse_int(request.GET.get("page"), 1, min_value=1))
    if request.method == "POST":
        try:
            if "file" in request.FILES:
                upload = RatingsUploadForm(request.POST, request.FILES)
                if upload.is_valid():
                    job, result = ratings_excel.start_import(acting_user=request.user, upload=upload.cleaned_data["file"],
                                                             unit=unit, year=year, reason=upload.cleaned_data["reason"])
                    if result is None:
                        # A big file: the worker reads it; this page shows how far it got.
                        return redirect(job.page_url)
                    if result.affected:
                        affected = result.affected
                        upload.add_error("reason", "Tệp sửa xếp loại là căn cứ của khen thưởng đã có quyết định "
                                                   "(danh sách dưới đây): ghi lý do sửa rồi nhập lại tệp.")
                    elif result.errors:
                        errors = result.errors
                    else:
                        messages.success(request, result.summary)
                        return redirect(here)
            else:
                people, units = _posted_levels(request.POST)
                if "unit_level" in request.POST:
                    units[(sub or unit).pk] = request.POST["unit_level"].strip()
                reason_form = ReasonForm(request.POST if "confirm" in request.POST else None)
                reason = reason_form.cleaned_data["reason"] if reason_form.is_bound and reason_form.is_valid() else ""
                try:
                    n = actions.ratings_save(acting_user=request.user, unit=unit, year=year, people=people, units=units,
                                             reason=reason, expected=_posted_seen(request.POST))
                except StaleEdit as e:
                    messages.error(request, " ".join(e.messages))
                    refused = ({**{("person_id", k): v for k, v in people.items()},
                                **{("unit_id", k): v for k, v in units.items()}}, _posted_seen(request.POST))
                except actions.ReasonRequired as e:
                    confirm = {"form": reason_form if reason_form.is_bound else ReasonForm(), "affected": e.affected,
                               "fields": [(k, v) for k, v in request.POST.items()
                                          if _FIELD.fullmatch(k) or _SEEN.fullmatch(k) or k == "unit_level"]}
                else:
                    messages.success(request, f"Đã lưu xếp loại năm {year}: {n} thay đổi.")
                    return redirect(here)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        except PermissionDenied as e:
            messages.error(request, str(e))
    job = None
    if request.method == "GET":
        job = _import_job(request, unit, year)
    top = sub or unit
    large = selectors.is_large(top, year)
    rows = selectors.rated_rows(unit, year, top, direct=large)
    page, groups, (top_level, top_seen) = _page(request, unit, sub, year, rows,
                                                lambda: selectors.rated_count(unit, year, top, direct=large), refused)
    counts = selectors.level_counts(selectors.rated_people(unit, year, top, direct=large), year)
    children = []
    if large:
        children = list(selectors.sub_units(top, year, levels=1))
    return render(request, "records/ratings.html", {
        "units": selectors.picker_units(request.user, year, unit), "unit": unit, "sub": sub, "year": year,
        "subunits": _sub_choices(unit, sub, year), "page": page, "groups": groups, "top_level": top_level, "top_seen": top_seen,
        "levels": RatingLevel.choices, "upload": upload, "errors": errors, "confirm": confirm, "affected": affected,
        "years": range(timezone.localdate().year, timezone.localdate().year - 12, -1),
        "counts": {code: counts.get(code, 0) for code, _ in RatingLevel.choices},
        "unrated": page.paginator.count - sum(counts.values()),
        "query": _query(unit, sub, year), "here": here, "large": large, "children": children, "top": top,
        "large_limit": selectors.LARGE, "job": job,
    })


def _import_job(request, unit, year):
    job = selectors.ratings_import_job(request.user, unit, year, get_id(request, "job"))
    # Failed with a message when the process running it died (jobs.tracking).
    return tracking.check(job) if job is not None else None


def ratings_template(request):
    unit, sub, year = _ratings_params(request)
    rows = selectors.rated_rows(unit, year)
    subunits = list(selectors.sub_units(unit, year))
    current_people, current_units = selectors.levels_under(unit, year)
    lines = rows.values_list("person__code", "person__full_name", "unit__name", "person_id").iterator(chunk_size=5000)
    content = ratings_excel.template(unit, year, subunits, lines, current_people, current_units)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="xep-loai-{unit.code}-{year}.xlsx"'
    return response


def _person_for_records(request, pk):
    person = org_selectors.person_get_for_user(request.user, pk)
    if not duties.has_duty(request.user, person.unit, Duty.RATE):
        raise Http404
    return person


def person_record(request, pk):
    person = _person_for_records(request, pk)
    initiatives = selectors.initiatives_of_person(request.user, person)
    which = request.POST.get("form")
    award_form = AwardForm(request.POST if which == "award" else None, initiatives=initiatives, prefix="a")
    discipline_form = DisciplineForm(request.POST if which == "discipline" else None, prefix="d")
    rating_form = RatingForm(request.POST if which == "rating" else None, prefix="r")
    if request.method == "POST":
        try:
            if which == "award" and award_form.is_valid():
                d = award_form.cleaned_data
                award_actions.award_record(acting_user=request.user, person=person, award_type=d["award_type"], year=d["year"],
                                           decision_number=d["decision_number"], decision_date=d["decision_date"],
                                           initiatives=list(d["initiatives"]), occasion=d["occasion"] or "year_end",
                                           achievement=d["achievement"])
                messages.success(request, f"Đã ghi nhận {d['award_type'].name} năm {d['year']}.")
                return redirect("records:person_record", pk=person.pk)
            if which == "discipline" and discipline_form.is_valid():
                actions.discipline_record(acting_user=request.user, person=person, **discipline_form.cleaned_data)
                messages.success(request, "Đã ghi nhận quyết định kỷ luật.")
                return redirect("records:person_record", pk=person.pk)
            if which == "rating" and rating_form.is_valid():
                d = rating_form.cleaned_data
                actions.ratings_save(acting_user=request.user, unit=person.unit, year=d["year"], people={person: d["level"]},
                                     reason=d["reason"])
                messages.success(request, f"Đã lưu xếp loại năm {d['year']}.")
                return redirect("records:person_record", pk=person.pk)
        except PermissionDenied as e:
            if which != "rating":
                raise
            # A year the person worked in another unit: said at the year, not as a bare 403 page.
            rating_form.add_error("year", str(e))
        except actions.ReasonRequired as e:
            rating_form.add_error("reason", e.messages[0] + " Căn cứ: "
                                  + "; ".join(f"{a['award']} (xếp loại {a['old']} → {a['new'] or 'trống'})" for a in e.affected) + ".")
        except ValidationError as e:
            apply_validation_error({"award": award_form, "discipline": discipline_form, "rating": rating_form}[which], e)
    return _person_page(request, person, award_form=award_form, discipline_form=discipline_form, rating_form=rating_form)


def _person_page(request, person, **forms):
    awards = award_selectors.attach_recoveries(list(award_selectors.awards_of_person(request.user, person)), request.user)
    may_revoke = duties.has_duty(request.user, person.unit, Duty.STANDING_OFFICE)
    drafts = award_selectors.drafts_holding(a.pk for a in awards)
    for a in awards:
        # An award in force: the way to revoke it (its chain shown first), or the draft that will.
        a.revocation_draft = drafts.get(a.pk)
        a.may_revoke = may_revoke and not a.revoked_on and a.revocation_draft is None
    return render(request, "records/person_record.html", {
        "person": person, **forms, "awards": awards, "may_revoke": may_revoke,
        "ratings": selectors.ratings_of_person(request.user, person),
        "disciplines": selectors.disciplines_of_person(request.user, person),
    })


@require_POST
def award_delete(request, pk, award_pk):
    person = _person_for_records(request, pk)
    award = award_selectors.award_for_user(request.user, award_pk, duty=Duty.RATE, person=person)
    try:
        award_actions.award_delete(acting_user=request.user, award=award)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, "Đã xóa bản ghi khen thưởng.")
    return redirect("records:person_record", pk=person.pk)


def _seen(text):
    """The chain the page showed: "12:1,13:0" → [(12, True), (13, False)] (award id, proposed)."""
    out = []
    for part in (text or "").split(","):
        pk, _, proposed = part.partition(":")
        if pk.strip().isdigit() and proposed in ("0", "1"):
            out.append((int(pk), proposed == "1"))
    return out


def award_revoke(request, pk, award_pk):
    """Revoke (hủy bỏ) one of the person's awards: the standing office sees every award that rested on it (the
    chain, with the figures, the money and the items) and confirms once; a draft decision of the awarding authority
    is written, for its signer to issue (decisions.revocation)."""
    from decisions import revocation
    from decisions.chain import chain as revocation_chain

    person = _person_for_records(request, pk)
    award = award_selectors.award_for_user(request.user, award_pk, duty=Duty.STANDING_OFFICE, person=person)
    if award.revoked_on:
        messages.info(request, f"{revocation.describe(award)} đã bị hủy bỏ ngày {award.revoked_on:%d/%m/%Y}.")
        return redirect("records:person_record", pk=person.pk)
    form = RevokeForm(request.POST or None)
    posted = request.method == "POST"
    seen = _seen(request.POST.get("seen")) if posted else []
    shown = dict(seen)
    line_forms = {}
    choices, lines = {}, {}
    if posted:
        for apk, _proposed in seen:
            f = RevokeLineForm(request.POST, prefix=f"l{apk}", authorities=None)
            if f.is_valid():
                d = f.cleaned_data
                lines[apk] = {k: d[k] for k in ("recover_amount", "items_to_return", "excluded_reason")}
                if apk != award.pk and d["included"] != shown[apk]:
                    choices[apk] = lines[apk]["included"] = d["included"]
    found = revocation_chain(award, choices=choices)
    if posted and request.POST.get("action") == "confirm":
        for apk, v in lines.items():
            raw = request.POST.get(f"l{apk}-authority", "")
            if raw.isdigit():
                v["authority"] = next((u for i in found.items if i.award.pk == apk
                                       for u in revocation.authority_choices(i.award) if u.pk == int(raw)), None)
        errors = None
        if form.is_valid():
            try:
                draft = revocation.revocation_prepare(acting_user=request.user, award=award, seen=seen, lines=lines,
                                                      **form.cleaned_data)
            except revocation.ChainChanged as e:
                found = e.chain
                messages.warning(request, e.messages[0])
            except ValidationError as e:
                errors = e
            else:
                messages.success(request, f"Đã lập dự thảo quyết định hủy bỏ {revocation.describe(award)} và "
                                          f"{len(found.included) - 1} khen thưởng dựa trên đó; chờ người có thẩm quyền ký.")
                return redirect("decisions:revocation", pk=draft.pk)
    else:
        errors = None
    rows = []  # one per award of the chain, its form bound to what was posted while the proposal is the same
    for item in found.items:
        a = item.award
        authorities = None if a.decision_id else revocation.authority_choices(a)
        initial = {"included": item.included, "recover_amount": revocation.default_money(a),
                   "items_to_return": revocation.default_items(a)}
        if authorities is not None:
            suggested = revocation.suggested_authority(a)
            initial["authority"] = suggested.pk if suggested else None
        bound = posted and a.pk in shown and shown[a.pk] == item.proposed
        f = RevokeLineForm(request.POST if bound else None, prefix=f"l{a.pk}", authorities=authorities, initial=initial)
        if bound:
            f.is_valid()
        rows.append({"item": item, "form": f, "decided_by": a.decision.authority if a.decision_id else None,
                     "note": revocation.law_note(a, form["ground"].value()) if form["ground"].value() else ""})
        line_forms[a.pk] = f
    if errors is not None:
        for key, messages_ in getattr(errors, "message_dict", {"__all__": errors.messages}).items():
            prefix, _, name = key.partition("-")
            target = line_forms.get(int(prefix[1:])) if prefix[:1] == "l" and prefix[1:].isdigit() else None
            for text in messages_:
                if target is not None and name in target.fields:
                    target.add_error(name, text)
                else:
                    form.add_error(key if key in form.fields else None, text)
    return render(request, "records/award_revoke.html", {
        "person": person, "award": award, "form": form, "rows": rows, "chain": found,
        "kept": len(found.items) - len(found.included),
        "seen": ",".join(f"{pk}:{int(p)}" for pk, p in found.signature()),
        "total": sum(_whole(r["form"]["recover_amount"].value()) for r in rows if r["item"].included),
    })


def _whole(value) -> int:
    """A money field's value as typed or initial (0 when not a whole number)."""
    text = str(value if value is not None else "").strip()
    return int(text) if text.isdigit() else 0


def unit_record(request, pk):
    """A collective's ratings and awards, year by year, and adding a past award."""
    unit = org_selectors.unit_get_for_user(request.user, pk)
    can_edit = duties.has_duty(request.user, unit, Duty.RATE)
    form = AwardForm(request.POST if request.method == "POST" else None, kind="collective",
                     initiatives=selectors.initiatives_of_person(request.user), prefix="a")
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                award_actions.award_record(acting_user=request.user, unit=unit, award_type=d["award_type"], year=d["year"],
                                           decision_number=d["decision_number"], decision_date=d["decision_date"],
                                           occasion=d["occasion"] or "year_end", achievement=d["achievement"])
            except ValidationError as e:
                apply_validation_error(form, e)
            else:
                messages.success(request, f"Đã ghi nhận {d['award_type'].name} năm {d['year']} cho {unit.name}.")
                return redirect("records:unit_record", pk=unit.pk)
    return render(request, "records/unit_record.html", {
        "unit": unit, "form": form, "can_edit": can_edit,
        "awards": award_selectors.awards_of_unit(request.user, unit),
        "ratings": selectors.ratings_of_unit(request.user, unit),
    })
