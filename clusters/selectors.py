"""Every read of clusters, scoped to the user: a cluster is seen by those who see the level that formed it (its
office, the city above) and by those who see one of its members (a ward's officer sees its own cluster, not the
others). ``cluster_get_for_user`` is the one authorisation point (404 for what the user may not see).

``cluster_rankings(level, year)`` is what the year-end report reads: each cluster's ranking.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils import timezone

from org.duties import Duty, duty_q
from org.models import Unit, UnitKind

from . import ranking
from .models import Cluster, Criterion, Event, Member, Score
from .rules import proposal_rule

# What a cluster gathers: the units directly under the level that run their own work (not a household).
MEMBER_KINDS = {UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.AGENCY, UnitKind.SCHOOL, UnitKind.ENTERPRISE,
                UnitKind.OTHER, UnitKind.RESIDENTIAL_GROUP}


def _visible_q(user):
    member_seen = Member.objects.filter(cluster=OuterRef("pk")).filter(duty_q(user, Duty.VIEW, prefix="unit__"))
    return duty_q(user, Duty.VIEW, prefix="level__") | Exists(member_seen)


def clusters_for(user, year: int | None = None):
    """The clusters ``user`` sees (of ``year``), their level and head loaded, the members' count annotated."""
    from django.db.models import Count

    qs = Cluster.objects.filter(_visible_q(user)).select_related("level", "head", "deputy", "dossier")
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(n_members=Count("members", distinct=True)).order_by("-year", "level__path", "name", "id")


def clusters_list(user, year: int | None = None):
    """``clusters_for`` with each cluster's leader (rank 1) as ``leaders``: the list page, in three queries."""
    return clusters_for(user, year).prefetch_related(
        Prefetch("members", queryset=Member.objects.filter(rank=1).select_related("unit"), to_attr="leaders"))


def cluster_get_for_user(user, pk) -> Cluster:
    c = clusters_for(user).filter(pk=pk).first()
    if c is None:
        raise Http404("Không có cụm, khối thi đua này trong phạm vi của bạn.")
    return c


def evidence_get_for_user(user, pk, score_pk) -> Score:
    """A self score's evidence file, for whoever sees the cluster (404 otherwise, or when it has none)."""
    c = cluster_get_for_user(user, pk)
    s = Score.objects.filter(cluster=c, pk=score_pk).exclude(evidence="").first()
    if s is None:
        raise Http404("Không có minh chứng này.")
    return s


def members(cluster):
    return list(cluster.members.select_related("unit", "proposed_award", "line__dossier").order_by("position", "id"))


def criteria(cluster):
    return list(Criterion.objects.filter(cluster=cluster).order_by("position", "id"))


def scores(cluster):
    return list(Score.objects.filter(cluster=cluster))


def events(cluster):
    return list(Event.objects.filter(cluster=cluster).select_related("actor").order_by("-at", "-id")[:100])


def matrix(cluster, member_list=None, criterion_list=None, score_list=None) -> dict:
    """The scores matrix of the page and the Excel file, from three queries: rows = scored units, columns = scorers;
    each cell the total that scorer gave (penalties taken away), None where nothing is entered yet; with each row's
    self total, ranking score (live, by the rule in force, or as kept at close) and rank."""
    from django.utils import timezone

    from .rules import ranking_rule

    member_list = member_list if member_list is not None else members(cluster)
    criterion_list = criterion_list if criterion_list is not None else criteria(cluster)
    score_list = score_list if score_list is not None else scores(cluster)
    units = [m.unit for m in member_list]
    total, _base = ranking.totals(criterion_list, score_list)
    rule = (cluster.rule or {}).get("value") or ranking_rule(timezone.localdate()).value
    results = {r.unit.pk: r for r in ranking.rank(units, criterion_list, score_list, rule)}
    n = len(criterion_list)
    counts = {}
    for s in score_list:
        counts[(s.scorer_id, s.scored_id)] = counts.get((s.scorer_id, s.scored_id), 0) + 1
    rows = []
    for m in member_list:
        r = results[m.unit_id]
        cells = []
        for a in units:
            t = total.get((a.pk, m.unit_id))
            cells.append({"scorer": a, "total": t, "shown": ranking.points(t) if t is not None else "",
                          "complete": counts.get((a.pk, m.unit_id), 0) >= n > 0, "self": a.pk == m.unit_id})
        rows.append({"member": m, "unit": m.unit, "cells": cells, "self": r.self_total,
                     "score": m.score if m.rank else r.score_decimal, "rank": m.rank or r.rank,
                     "note": m.rank_note if m.rank else r.note})
    done = {a.pk: all(counts.get((a.pk, b.pk), 0) >= n for b in units) and n > 0 for a in units}
    return {"units": units, "rows": rows, "done": done, "criteria": criterion_list,
            "ranked": sorted(rows, key=lambda row: row["rank"] or 10**6)}


def units_scoring(user, cluster):
    """The member units ``user`` may score for (duty ``submit`` there), in the cluster's order."""
    from .workflow import may_score

    return [m.unit for m in members(cluster) if may_score(user, cluster, m.unit)]


def scoring_rows(cluster, scorer, criterion_list=None, member_list=None):
    """The scoring form's table for ``scorer``: per criterion, its own score (points, note, evidence) and the
    points it gave each other member."""
    criterion_list = criterion_list if criterion_list is not None else criteria(cluster)
    member_list = member_list if member_list is not None else members(cluster)
    given = {(s.scored_id, s.criterion_id): s for s in Score.objects.filter(cluster=cluster, scorer=scorer)}
    others = [m.unit for m in member_list if m.unit_id != scorer.pk]
    rows = []
    for k in criterion_list:
        own = given.get((scorer.pk, k.pk))
        rows.append({"criterion": k, "own": own,
                     "others": [{"unit": u, "score": given.get((u.pk, k.pk))} for u in others]})
    return {"rows": rows, "others": others}


def cluster_rankings(level, year: int, user=None) -> list[dict]:
    """Each cluster formed by ``level`` for ``year`` (by its units under ``level`` too, when ``level`` is higher:
    a city's report includes its former districts' clusters), with its ranking: [{"cluster", "closed", "rule",
    "rows": [{"rank", "unit", "score", "self_score", "award", "note"}]}]. Two queries. ``user``: only what they see.
    Clusters not yet closed come with their members in order and no rank."""
    qs = Cluster.objects.filter(year=year, level__path__startswith=level.path).select_related("level", "head")
    if user is not None:
        qs = qs.filter(_visible_q(user))
    qs = qs.prefetch_related(Prefetch("members", queryset=Member.objects.select_related("unit", "proposed_award")
                                      .order_by("rank", "position", "id"))).order_by("level__path", "name", "id")
    out = []
    for c in qs:
        out.append({"cluster": c, "closed": c.closed_at is not None, "rule": (c.rule or {}).get("words", ""),
                    "rows": [{"rank": m.rank, "unit": m.unit, "score": m.score, "self_score": m.self_score,
                              "award": m.proposed_award, "note": m.rank_note} for m in c.members.all()]})
    return out


def report_section(level, year: int) -> dict | None:
    """The clusters' part of the year-end report of ``level``: {"rankings": cluster_rankings(...), "table": {"title",
    "columns", "rows", "numbers", "money"}} (the report's table shape: one row per member, in rank order), or None
    when ``level`` and the units under it formed no cluster that year."""
    rankings = cluster_rankings(level, year)
    if not rankings:
        return None
    rows = []
    for r in rankings:
        c = r["cluster"]
        for row in r["rows"]:
            rows.append([f"{c.name} ({c.level.name})", row["rank"] if r["closed"] else None, row["unit"].name,
                         float(row["score"]) if r["closed"] and row["score"] is not None else None,
                         row["award"].name if row["award"] else ("" if r["closed"] else "Chưa kết thúc chấm điểm")])
    return {"rankings": rankings,
            "table": {"title": "Xếp hạng cụm, khối thi đua", "columns": ["Cụm, khối", "Hạng", "Đơn vị", "Điểm",
                                                                       "Đề nghị khen thưởng"],
                      "rows": rows, "numbers": {1, 3}, "money": set()}}


# --- reads the actions share with the pages ------------------------------------------------------

def levels_for(user):
    """The units whose standing office ``user`` is: where they may form clusters."""
    from org.duties import units_where

    return list(units_where(user, Duty.STANDING_OFFICE).order_by("depth", "sort_key"))


def candidates(level: Unit, year: int):
    """The units the office of ``level`` may put in a cluster of ``year``: directly under it (a ward, a department;
    a district before 01/07/2025), in force some time that year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    return (Unit.objects.filter(path__startswith=level.path, depth=level.depth + 1, kind__in=MEMBER_KINDS)
            .exclude(valid_from__gt=last).exclude(valid_to__lt=first).order_by("kind", "sort_key", "name"))


def suggested_head(cluster) -> Unit | None:
    """Next year's head by rotation: the member after this year's head in the cluster's order (the first after the
    last)."""
    members = [m.unit for m in cluster.members.select_related("unit").order_by("position", "id")]
    if not members:
        return None
    ids = [u.pk for u in members]
    if cluster.head_id not in ids:
        return members[0]
    return members[(ids.index(cluster.head_id) + 1) % len(members)]


def missing_scores(c) -> list[str]:
    """Who has not scored whom yet ("Phường A chưa chấm Phường B (2/5 tiêu chí)"), in the cluster's order."""
    members = [m.unit for m in c.members.select_related("unit").order_by("position", "id")]
    n = c.criteria.count()
    have = {}
    for scorer_id, scored_id in Score.objects.filter(cluster=c).values_list("scorer_id", "scored_id"):
        have[(scorer_id, scored_id)] = have.get((scorer_id, scored_id), 0) + 1
    out = []
    for a in members:
        for b in members:
            got = have.get((a.pk, b.pk), 0)
            if got < n:
                who = "tự chấm" if a.pk == b.pk else f"chấm {b.name}"
                out.append(f"{a.name} chưa {who} ({got}/{n} tiêu chí)")
    return out


def proposal_awards(c, day=None):
    """(first award, next award, next count, rule) for the cluster's level on ``day``: what the rulebook's
    ``cluster_proposal`` names for the level of the unit that formed it. ValidationError when it names nothing."""
    from rulebook.authorities import authority_level
    from rulebook.models import AwardType

    day = day or timezone.localdate()
    rule = proposal_rule(day)
    level = authority_level(c.level, day)
    if rule is None or level is None:
        raise ValidationError(f"Quy định chưa nêu hình thức đề nghị khen thưởng cho cụm, khối do {c.level.name} tổ "
                              "chức (tham số cluster_proposal).")
    codes = {rule.value["first"].get(level), rule.value["next"].get(level)}
    found = {a.code: a for a in AwardType.objects.filter(code__in=[x for x in codes if x])}
    first, nxt = found.get(rule.value["first"].get(level)), found.get(rule.value["next"].get(level))
    if first is None:
        raise ValidationError(f"Quy định chưa nêu hình thức đề nghị cho đơn vị dẫn đầu cụm, khối của {c.level.name}.")
    return first, nxt, int(rule.value.get("next_count", 0)), rule


def next_year_of(cluster):
    """Next year's cluster made from this one, or None."""
    return cluster.next_years.first()
