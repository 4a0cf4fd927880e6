"""Thin pages over clusters.selectors (reads) and clusters.actions (writes)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.forms import apply_validation_error, refused
from core.params import get_year, parse_int
from core.years import review_year

from . import actions, selectors
from .forms import ClusterForm
from .models import CriterionKind, Kind, Status
from .ranking import points
from .workflow import allowed, may_score, steps_for


def cluster_list(request):
    year = get_year(request, default=review_year())
    clusters = list(selectors.clusters_list(request.user, year))
    return render(request, "clusters/list.html", {"clusters": clusters, "year": year,
                                                   "levels": selectors.levels_for(request.user)})


def _level(request, levels):
    pk = parse_int(request.POST.get("level") if request.method == "POST" else request.GET.get("level"))
    return next((u for u in levels if u.pk == pk), levels[0])


def cluster_create(request):
    levels = selectors.levels_for(request.user)
    if not levels:
        raise Http404
    level = _level(request, levels)
    year = parse_int(request.POST.get("year") if request.method == "POST" else request.GET.get("year"),
                     review_year(), min_value=1945, max_value=review_year() + 1)
    form = ClusterForm(request.POST or None, candidates=selectors.candidates(level, year), initial={"kind": Kind.CLUSTER})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            c = actions.cluster_create(acting_user=request.user, level=level, year=year, name=data["name"],
                                       kind=data["kind"], members=list(data["members"]), head=data["head"],
                                       deputy=data["deputy"])
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lập {c.name} năm {c.year}. Tiếp theo: nhập bảng tiêu chí chấm điểm.")
            return redirect("clusters:criteria", pk=c.pk)
    return render(request, "clusters/form.html", {"form": form, "levels": levels, "level": level, "year": year,
                                                   "cluster": None})


def cluster_edit(request, pk):
    c = selectors.cluster_get_for_user(request.user, pk)
    if not allowed(request.user, c, "edit"):
        raise PermissionDenied("Chỉ cơ quan thường trực sửa thành phần cụm trước khi chốt bảng tiêu chí.")
    current = selectors.members(c)
    form = ClusterForm(request.POST or None, candidates=selectors.candidates(c.level, c.year), initial={
        "name": c.name, "kind": c.kind, "members": [m.unit for m in current], "head": c.head, "deputy": c.deputy})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.cluster_update(acting_user=request.user, cluster=c, name=data["name"], kind=data["kind"],
                                   members=list(data["members"]), head=data["head"], deputy=data["deputy"])
        except ValidationError as e:
            apply_validation_error(form, e)
        else:
            messages.success(request, f"Đã lưu {data['name']}.")
            return redirect("clusters:detail", pk=c.pk)
    return render(request, "clusters/form.html", {"form": form, "level": c.level, "year": c.year, "cluster": c})


def cluster_detail(request, pk):
    c = selectors.cluster_get_for_user(request.user, pk)
    member_list, criterion_list, score_list = selectors.members(c), selectors.criteria(c), selectors.scores(c)
    m = selectors.matrix(c, member_list, criterion_list, score_list)
    scoring = selectors.units_scoring(request.user, c) if c.status == Status.SCORING else []
    proposal = None
    if c.status == Status.CLOSED and allowed(request.user, c, "propose"):
        try:
            first, nxt, count, rule = selectors.proposal_awards(c)
            proposal = {"first": first, "next": nxt, "count": min(count, len(member_list) - 1), "rule": rule}
        except ValidationError as e:
            proposal = {"problem": " ".join(e.messages)}
    return render(request, "clusters/detail.html", {
        "c": c, "members": member_list, "criteria": criterion_list, "m": m, "steps": steps_for(request.user, c),
        "scoring": scoring, "events": selectors.events(c), "proposal": proposal,
        "missing": selectors.missing_scores(c) if c.status == Status.SCORING else [],
        "suggested": selectors.suggested_head(c), "next_made": selectors.next_year_of(c),
        "total_max": sum(k.max_points for k in criterion_list if k.kind != CriterionKind.PENALTY)})


@require_POST
def cluster_step(request, pk, verb):
    c = selectors.cluster_get_for_user(request.user, pk)
    back = redirect("clusters:detail", pk=c.pk)
    try:
        if verb == "lock":
            actions.criteria_lock(acting_user=request.user, cluster=c)
            messages.success(request, "Đã chốt bảng tiêu chí; các đơn vị bắt đầu chấm điểm.")
        elif verb == "close":
            results = actions.scoring_close(acting_user=request.user, cluster=c)
            messages.success(request, f"Đã kết thúc chấm điểm. Dẫn đầu: {results[0].unit.name} "
                                      f"({points(results[0].score)} điểm).")
        elif verb == "reopen":
            actions.scoring_reopen(acting_user=request.user, cluster=c, reason=request.POST.get("reason", ""))
            messages.success(request, "Đã mở lại chấm điểm; các đơn vị sửa điểm rồi cụm trưởng kết thúc lại.")
        elif verb == "propose":
            chosen = actions.cluster_propose(acting_user=request.user, cluster=c, note=request.POST.get("note", ""))
            messages.success(request, "Đã đề nghị: " + "; ".join(f"{m.unit.name} — {m.proposed_award.name}"
                                                                  for m in chosen) + ".")
        elif verb == "open_lines":
            d = actions.proposal_open_lines(acting_user=request.user, cluster=c)
            messages.success(request, f"Đã lập các dòng đề nghị trong hồ sơ {d.code}.")
        elif verb == "next_year":
            new = actions.cluster_next_year(acting_user=request.user, cluster=c)
            messages.success(request, f"Đã lập {new.name} năm {new.year}, {new.head_word.lower()} {new.head.name}.")
            return redirect("clusters:detail", pk=new.pk)
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as e:
        return refused(request, e, back.url)
    return back


def criteria_edit(request, pk):
    c = selectors.cluster_get_for_user(request.user, pk)
    if not allowed(request.user, c, "criteria"):
        raise PermissionDenied("Bảng tiêu chí đã chốt, hoặc bạn không phải cụm trưởng hay cơ quan thường trực.")
    errors, seen = [], request.POST.get("seen", "")
    extra = 3
    if request.method == "POST":
        names, kinds, tops = (request.POST.getlist(k) for k in ("name", "kind", "max_points"))
        rows = [{"name": n, "kind": k, "max_points": t} for n, k, t in zip(names, kinds, tops)]
        if "them" in request.POST:  # more empty rows, what was typed kept, nothing saved yet
            rows = [r for r in rows if r["name"].strip() or r["max_points"].strip()]
            extra = 5
        else:
            try:
                actions.criteria_save(acting_user=request.user, cluster=c, rows=rows,
                                      expected=request.POST.get("seen") or None)
            except ValidationError as e:
                errors = e.messages
            else:
                messages.success(request, "Đã lưu bảng tiêu chí.")
                return redirect("clusters:detail", pk=c.pk)
            extra = 0
    else:
        table = selectors.criteria(c)
        seen = actions.criteria_signature(table)
        rows = [{"name": k.name, "kind": k.kind, "max_points": points(k.max_points)} for k in table]
    rows = list(rows) + [{"name": "", "kind": CriterionKind.REGULAR, "max_points": ""} for _ in range(extra)]
    return render(request, "clusters/criteria.html", {"c": c, "rows": rows, "errors": errors, "seen": seen,
                                                       "kinds": CriterionKind.choices})


def score_form(request, pk, unit_pk):
    c = selectors.cluster_get_for_user(request.user, pk)
    member_list = selectors.members(c)
    scorer = next((m.unit for m in member_list if m.unit_id == unit_pk), None)
    if scorer is None:
        raise Http404("Đơn vị này không thuộc cụm.")
    if not may_score(request.user, c, scorer):
        raise PermissionDenied(f"Bạn không có quyền chấm điểm thay {scorer.name}.")
    criterion_list = selectors.criteria(c)
    errors, typed = [], {}
    if request.method == "POST":
        pts, notes, files, seen = {}, {}, {}, {}
        for k in criterion_list:
            for m in member_list:
                name = f"p-{m.unit_id}-{k.pk}"
                if name in request.POST:
                    pts[(m.unit_id, k.pk)] = request.POST.get(name)
                    typed[name] = request.POST.get(name)
                if f"seen-{name}" in request.POST:
                    seen[(m.unit_id, k.pk)] = request.POST.get(f"seen-{name}")
                    typed[f"seen-{name}"] = seen[(m.unit_id, k.pk)]
            notes[k.pk] = request.POST.get(f"note-{k.pk}", "")
            typed[f"note-{k.pk}"] = notes[k.pk]
            if f"ev-{k.pk}" in request.FILES:
                files[k.pk] = request.FILES[f"ev-{k.pk}"]
        try:
            n = actions.scores_save(acting_user=request.user, cluster=c, scorer=scorer, points=pts, notes=notes,
                                    evidence=files, expected=seen)
        except PermissionDenied as e:
            return refused(request, e, redirect("clusters:detail", pk=c.pk).url)
        except ValidationError as e:
            errors = e.messages
        else:
            messages.success(request, f"Đã lưu điểm của {scorer.name} ({n} điểm đã nhập).")
            return redirect("clusters:detail", pk=c.pk)
    editable = c.status == Status.SCORING and may_score(request.user, c, scorer)
    table = selectors.scoring_rows(c, scorer, criterion_list, member_list)
    for r in table["rows"]:  # what the form shows: what was typed when it was refused, else what is kept
        k = r["criterion"]
        name = f"p-{scorer.pk}-{k.pk}"
        kept = points(r["own"].points) if r["own"] else ""
        r["value"] = typed[name] if name in typed else kept
        r["seen"] = typed.get(f"seen-{name}", kept)
        r["note"] = typed.get(f"note-{k.pk}", r["own"].note if r["own"] else "")
        for o in r["others"]:
            name = f"p-{o['unit'].pk}-{k.pk}"
            kept = points(o["score"].points) if o["score"] else ""
            o["value"] = typed[name] if name in typed else kept
            o["seen"] = typed.get(f"seen-{name}", kept)
    return render(request, "clusters/score.html", {"c": c, "scorer": scorer, "table": table, "errors": errors,
                                                    "typed": typed, "editable": editable})


def export(request, pk):
    from .exports import scores_workbook

    c = selectors.cluster_get_for_user(request.user, pk)
    data = scores_workbook(c)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="bang-diem-cum-{c.pk}-{c.year}.xlsx"'
    return response


TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}


def evidence_file(request, pk, score_pk):
    s = selectors.evidence_get_for_user(request.user, pk, score_pk)
    ext = "." + s.evidence.name.rsplit(".", 1)[-1].lower()
    try:
        handle = s.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=TYPES.get(ext, "application/octet-stream"), as_attachment=True,
                            filename=s.evidence_name or f"minh-chung{ext}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
