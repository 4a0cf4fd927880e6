"""Every write on a cluster: one function per step, keyword-only, ``acting_user=`` always, one transaction, the
cluster row locked, the step checked against ``clusters.workflow``, an ``Event`` written, notifications sent on
commit.

The proposal opens lines of a year-end dossier through the dossiers' own actions (``dossier_create``,
``lines_add``): nothing here writes a dossier's tables.
"""

import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import steps
from core.text import clean_text
from org.duties import Duty, has_duty, users_at
from org.models import Unit

from . import ranking
from .models import Cluster, Criterion, CriterionKind, Event, Kind, Member, Score, Status
from .rules import ranking_rule
from .selectors import candidates, missing_scores, proposal_awards, suggested_head
from .workflow import STEPS, StepRefused, check, may_score

YEAR_MIN = 1945
MAX_CRITERIA = 60
MAX_POINTS = Decimal("1000")


one_step = steps.one_step(StepRefused, "Cụm đang được người khác cập nhật; hãy thử lại sau giây lát.")


def today():
    return timezone.localdate()


def _lock(cluster) -> Cluster:
    return Cluster.objects.select_for_update(of=("self",)).select_related("level", "head", "deputy").get(pk=cluster.pk)


def _event(c, actor, verb, from_status, to_status, reason="", **data):
    return Event.objects.create(cluster=c, actor=actor if getattr(actor, "pk", None) else None, verb=verb,
                                from_status=from_status or "", to_status=to_status or "", reason=reason, data=data)


def _move(c, actor, verb, to_status, reason="", **data):
    step = STEPS[verb]
    if not step.reaches(c.status, to_status):
        raise AssertionError(f"step {verb} may not lead from {c.status} to {to_status}")
    before = c.status
    c.status = to_status
    c.save()
    return _event(c, actor, verb, before, to_status, reason, **data)


def _tell(users, title, body, c, place=""):
    from notifications.notify import notify_users

    users, url = list(users), reverse("clusters:detail", args=[c.pk]) + place
    transaction.on_commit(lambda: notify_users(users, title, body, url))


def _officers(units):
    from notifications.notify import unit_users

    out = []
    for u in units:
        out += unit_users(u, (Duty.SUBMIT,)) or users_at(u, Duty.SUBMIT)
    return out


def parse_points(text):
    """A number of points as typed ("8,5", "8.5", " 10 "): a Decimal with at most two decimals, None when blank;
    ValueError with the reason otherwise."""
    if text is None:
        return None
    if isinstance(text, (int, Decimal)):
        value = Decimal(text)
    else:
        s = clean_text(str(text)).strip().replace(" ", "")
        if not s:
            return None
        if s.count(",") == 1 and "." not in s:
            s = s.replace(",", ".")
        try:
            value = Decimal(s)
        except InvalidOperation:
            raise ValueError(f"“{text}” không phải là số điểm") from None
    if not value.is_finite():
        raise ValueError(f"“{text}” không phải là số điểm")
    if abs(value) >= 10**6:
        raise ValueError(f"{text}: số điểm quá lớn")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"{text}: điểm chỉ lấy đến hai chữ số thập phân")
    return value


# --- forming a cluster ---------------------------------------------------------------------------

def _checked(acting_user, level, data, cluster=None) -> dict:
    errors = {}
    out = {"name": clean_text(data.get("name") or "").strip(), "kind": data.get("kind") or Kind.CLUSTER,
           "year": data.get("year"), "members": list(data.get("members") or []), "head": data.get("head"),
           "deputy": data.get("deputy") or None}
    if not out["name"]:
        errors["name"] = "Cần ghi tên cụm, khối thi đua."
    elif len(out["name"]) > 200:
        errors["name"] = "Tên cụm, khối tối đa 200 ký tự."
    if out["kind"] not in Kind.values:
        errors["kind"] = "Chọn cụm hay khối thi đua."
    year = out["year"]
    if not isinstance(year, int) or not YEAR_MIN <= year <= today().year + 1:
        errors["year"] = f"Năm phải từ {YEAR_MIN} đến {today().year + 1}."
        year = None
    members, seen = [], set()
    allowed = {u.pk for u in candidates(level, year)} if year else set()
    for u in out["members"]:
        if u.pk in seen:
            continue
        seen.add(u.pk)
        if u.pk not in allowed:
            errors.setdefault("members", []).append(f"{u.name} không phải đơn vị trực thuộc {level.name} trong năm {year}.")
        members.append(u)
    if len(members) < 2:
        errors.setdefault("members", []).append("Cụm, khối cần ít nhất 2 đơn vị để chấm điểm chéo.")
    out["members"] = members
    if year and members and not errors.get("members"):
        taken = (Member.objects.filter(cluster__level=level, cluster__year=year, unit__in=members)
                 .exclude(cluster=cluster).select_related("unit", "cluster"))
        for m in taken:
            errors.setdefault("members", []).append(f"{m.unit.name} đã thuộc {m.cluster.name} năm {year}.")
    head, deputy = out["head"], out["deputy"]
    ids = [u.pk for u in members]
    if head is None:
        errors["head"] = "Chọn đơn vị cụm trưởng."
    elif head.pk not in ids:
        errors["head"] = f"{head.name} không có trong danh sách đơn vị của cụm."
    if deputy is not None:
        if deputy.pk not in ids:
            errors["deputy"] = f"{deputy.name} không có trong danh sách đơn vị của cụm."
        elif head is not None and deputy.pk == head.pk:
            errors["deputy"] = "Cụm phó phải là đơn vị khác cụm trưởng."
    if year and out["name"] and not errors.get("name"):
        same = Cluster.objects.filter(level=level, year=year, name=out["name"]).exclude(pk=getattr(cluster, "pk", None))
        if same.exists():
            errors["name"] = f"{level.name} đã có {out['name']} năm {year}."
    if errors:
        raise ValidationError(errors)
    return out


def _set_members(c, members):
    keep = {m.unit_id: m for m in c.members.all()}
    wanted = [u.pk for u in members]
    c.members.exclude(unit_id__in=wanted).delete()
    for i, u in enumerate(members, start=1):
        m = keep.get(u.pk)
        if m is None:
            Member.objects.create(cluster=c, unit=u, position=i)
        elif m.position != i:
            m.position = i
            m.save(update_fields=["position"])


@one_step
def cluster_create(*, acting_user, level: Unit, year: int, name: str, members, head, kind: str = Kind.CLUSTER,
                   deputy=None, previous=None) -> Cluster:
    """The standing office of ``level`` forms a cluster or block for ``year``: its units (in rotation order), the
    head and the deputy. The criteria come next (``criteria_save``)."""
    if not has_duty(acting_user, level, Duty.STANDING_OFFICE):
        raise PermissionDenied(f"Chỉ cơ quan thường trực của {level.name} được lập cụm, khối thi đua.")
    data = _checked(acting_user, level, {"name": name, "kind": kind, "year": year, "members": members, "head": head,
                                         "deputy": deputy})
    c = Cluster.objects.create(level=level, year=data["year"], name=data["name"], kind=data["kind"], head=data["head"],
                               deputy=data["deputy"], created_by=acting_user, previous=previous)
    _set_members(c, data["members"])
    _event(c, acting_user, "create", "", Status.FORMING, members=[u.name for u in data["members"]],
           head=data["head"].name, deputy=data["deputy"].name if data["deputy"] else "")
    return c


@one_step
def cluster_update(*, acting_user, cluster: Cluster, name: str, members, head, kind: str = Kind.CLUSTER,
                   deputy=None) -> Cluster:
    """The office changes the cluster's name, units, head or deputy while its criteria are being agreed."""
    c = _lock(cluster)
    check(acting_user, c, "edit")
    before = {"Tên": c.name, "Đơn vị": ", ".join(m.unit.name for m in c.members.select_related("unit")),
              c.head_word: c.head.name, c.deputy_word: c.deputy.name if c.deputy else ""}
    data = _checked(acting_user, c.level, {"name": name, "kind": kind, "year": c.year, "members": members,
                                           "head": head, "deputy": deputy}, cluster=c)
    c.name, c.kind, c.head, c.deputy = data["name"], data["kind"], data["head"], data["deputy"]
    c.save()
    _set_members(c, data["members"])
    after = {"Tên": c.name, "Đơn vị": ", ".join(u.name for u in data["members"]), c.head_word: c.head.name,
             c.deputy_word: c.deputy.name if c.deputy else ""}
    changes = {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}
    if changes:
        _event(c, acting_user, "edit", c.status, c.status, changes=changes)
    return c


@one_step
def cluster_next_year(*, acting_user, cluster: Cluster) -> Cluster:
    """The office forms next year's cluster from this one: the same units still in force, the same criteria to
    revise, the head passed on by rotation (``suggested_head``) and this year's head as deputy."""
    c = _lock(cluster)
    check(acting_user, c, "next_year")
    year = c.year + 1
    if Cluster.objects.filter(previous=c).exists():
        raise StepRefused(f"{c.name} năm {year} đã được lập.")
    allowed = {u.pk for u in candidates(c.level, year)}
    members = [m.unit for m in c.members.select_related("unit").order_by("position", "id") if m.unit_id in allowed]
    head = suggested_head(c)
    if head is None or head.pk not in allowed:
        head = members[0] if members else None
    deputy = c.head if c.head_id in allowed and head is not None and c.head_id != head.pk else None
    data = _checked(acting_user, c.level, {"name": c.name, "kind": c.kind, "year": year, "members": members,
                                           "head": head, "deputy": deputy})
    new = Cluster.objects.create(level=c.level, year=year, name=data["name"], kind=data["kind"], head=data["head"],
                                 deputy=data["deputy"], created_by=acting_user, previous=c)
    _set_members(new, data["members"])
    Criterion.objects.bulk_create([Criterion(cluster=new, position=k.position, name=k.name, kind=k.kind,
                                             max_points=k.max_points) for k in c.criteria.all()])
    _event(new, acting_user, "create", "", Status.FORMING, members=[u.name for u in data["members"]],
           head=data["head"].name, note=f"Lập từ {c.name} năm {c.year}; {c.head_word.lower()} luân phiên")
    _event(c, acting_user, "next_year", c.status, c.status, note=f"{new.name} năm {year}: {new.head_word.lower()} "
                                                                  f"{new.head.name}")
    return new


# --- the scoring table ---------------------------------------------------------------------------

def criteria_signature(criteria) -> str:
    """A short fingerprint of a scoring table as shown: the form carries it, so that a save over a table someone
    else changed meanwhile is refused instead of overwriting their rows."""
    import hashlib

    text = "\n".join(f"{k.name}\t{k.kind}\t{k.max_points}" for k in criteria)
    return hashlib.sha1(text.encode()).hexdigest()[:16]

@one_step
def criteria_save(*, acting_user, cluster: Cluster, rows: list[dict], expected: str | None = None) -> list[Criterion]:
    """The cluster's scoring table as agreed: each row {"name", "kind", "max_points"} in order; the table is
    replaced whole. All or nothing, each error naming its row. ``expected``: the ``criteria_signature`` of the
    table the editor saw; when someone changed it since, nothing is written and the refusal says who and when."""
    c = _lock(cluster)
    check(acting_user, c, "criteria")
    if expected is not None and expected != criteria_signature(c.criteria.all()):
        last = c.events.filter(verb="criteria").select_related("actor").order_by("-at", "-id").first()
        who = (f"{last.actor.display_name if last and last.actor else 'người khác'} lúc "
               f"{timezone.localtime(last.at):%H:%M %d/%m/%Y}") if last else "người khác"
        raise StepRefused(f"Bảng tiêu chí vừa được {who} sửa: bản của bạn chưa được lưu. Hãy tải lại trang để "
                          "xem bảng mới rồi sửa tiếp.")
    errors, made = [], []
    rows = [r for r in rows if any(clean_text(str(r.get(k) or "")).strip() for k in ("name", "max_points"))]
    if not rows:
        raise ValidationError({"criteria": "Bảng tiêu chí cần ít nhất một tiêu chí."})
    if len(rows) > MAX_CRITERIA:
        raise ValidationError({"criteria": f"Bảng tiêu chí tối đa {MAX_CRITERIA} dòng."})
    for i, r in enumerate(rows, start=1):
        name = clean_text(str(r.get("name") or "")).strip()
        kind = r.get("kind") or CriterionKind.REGULAR
        if not name:
            errors.append(f"Dòng {i}: cần ghi nội dung tiêu chí.")
        elif len(name) > 300:
            errors.append(f"Dòng {i}: nội dung tiêu chí tối đa 300 ký tự.")
        if kind not in CriterionKind.values:
            errors.append(f"Dòng {i}: loại tiêu chí không hợp lệ.")
        try:
            top = parse_points(r.get("max_points"))
        except ValueError as e:
            errors.append(f"Dòng {i}, điểm tối đa: {e}.")
            continue
        if top is None or top <= 0:
            errors.append(f"Dòng {i}: điểm tối đa phải lớn hơn 0.")
        elif top > MAX_POINTS:
            errors.append(f"Dòng {i}: điểm tối đa không quá {ranking.points(MAX_POINTS)}.")
        made.append(Criterion(cluster=c, position=i, name=name[:300], kind=kind, max_points=top or 0))
    if not errors and not any(k.kind == CriterionKind.REGULAR for k in made):
        errors.append("Bảng tiêu chí cần ít nhất một tiêu chí chấm điểm (không chỉ điểm thưởng, điểm trừ).")
    if errors:
        raise ValidationError({"criteria": errors})
    before = [f"{k.name} ({ranking.points(k.max_points)})" for k in c.criteria.all()]
    c.criteria.all().delete()
    made = Criterion.objects.bulk_create(made)
    after = [f"{k.name} ({ranking.points(k.max_points)})" for k in made]
    _event(c, acting_user, "criteria", c.status, c.status, changes={"Bảng tiêu chí": ["; ".join(before), "; ".join(after)]})
    return made


@one_step
def criteria_lock(*, acting_user, cluster: Cluster) -> Cluster:
    """The table is agreed: it cannot change any more, and the members may score."""
    c = _lock(cluster)
    check(acting_user, c, "lock")
    n = c.criteria.count()
    if not n:
        raise ValidationError("Chưa có bảng tiêu chí: hãy nhập các tiêu chí và điểm tối đa trước khi chốt.")
    _move(c, acting_user, "lock", Status.SCORING, note=f"{n} tiêu chí")
    units = [m.unit for m in c.members.select_related("unit")]
    _tell(_officers(units), f"{c.name} năm {c.year}: mở chấm điểm",
          "Bảng tiêu chí đã chốt: đơn vị tự chấm điểm và chấm điểm các đơn vị khác trong cụm.", c)
    return c


# --- scoring -------------------------------------------------------------------------------------

@one_step
def scores_save(*, acting_user, cluster: Cluster, scorer: Unit, points: dict, notes: dict | None = None,
                evidence: dict | None = None, expected: dict | None = None) -> int:
    """What member ``scorer`` gives: ``points`` {(scored unit id, criterion id): "8,5" or Decimal or None}, its
    own rows with ``notes`` {criterion id: text} and ``evidence`` {criterion id: uploaded file} (PDF, JPEG, PNG,
    checked by content). A blank clears the point. All or nothing, each error naming the unit and the criterion.
    ``expected``: {(scored, criterion): the value the form showed}: a point left as shown keeps what is there now
    (someone else may have entered it meanwhile, the ward's officer and the office both entering for the ward); a
    point changed here and meanwhile changed there to something else is refused, saying by whom.
    Returns how many points are now entered by ``scorer``."""
    from core.uploads import UploadRefused, sniff_scan

    c = _lock(cluster)
    check(acting_user, c, "score")
    members = {m.unit_id: m.unit for m in c.members.select_related("unit")}
    if scorer.pk not in members:
        raise PermissionDenied(f"{scorer.name} không thuộc {c.name}: chỉ các đơn vị trong {c.word} được chấm điểm.")
    if not may_score(acting_user, c, scorer):
        raise PermissionDenied(f"Bạn không có quyền chấm điểm thay {scorer.name}.")
    criteria = {k.pk: k for k in c.criteria.all()}
    notes, evidence = notes or {}, evidence or {}
    errors, wanted = [], {}
    existing = {(s.scored_id, s.criterion_id): s for s in Score.objects.filter(cluster=c, scorer=scorer)
                .select_related("by")}
    for (scored_id, criterion_id), raw in points.items():
        scored, k = members.get(scored_id), criteria.get(criterion_id)
        if scored is None:
            errors.append(f"Đơn vị được chấm không thuộc {c.name}.")
            continue
        if k is None:
            errors.append("Tiêu chí không có trong bảng tiêu chí của cụm (bảng có thể vừa được sửa; hãy tải lại trang).")
            continue
        where = f"{'Tự chấm' if scored_id == scorer.pk else scored.name}, “{k.name}”"
        try:
            value = parse_points(raw)
        except ValueError as e:
            errors.append(f"{where}: {e}.")
            continue
        if value is not None and not Decimal(0) <= value <= k.max_points:
            word = "điểm trừ" if k.kind == CriterionKind.PENALTY else "điểm"
            errors.append(f"{where}: {word} phải từ 0 đến {ranking.points(k.max_points)}, không phải {ranking.points(value)}.")
            continue
        key = (scored_id, criterion_id)
        if expected is not None and key in expected:
            try:
                seen = parse_points(expected[key])
            except ValueError:
                seen = None
            now = existing[key].points if key in existing else None
            if value == seen:
                continue  # left as shown: what is there now stays
            if now != seen and now != value:
                by = existing[key].by if key in existing else None
                errors.append(f"{where}: vừa được {by.display_name if by else 'người khác'} sửa thành "
                              f"{ranking.points(now) if now is not None else '(để trống)'} trong lúc bạn nhập; hãy tải "
                              "lại trang để xem rồi nhập lại.")
                continue
        wanted[key] = value
    files = {}
    for criterion_id, upload in evidence.items():
        if not upload:
            continue
        k = criteria.get(criterion_id)
        name = clean_text(getattr(upload, "name", "") or "").rsplit("/", 1)[-1][:150]
        if k is None:
            continue
        try:
            _content_type, ext = sniff_scan(upload)
        except (UploadRefused, ValidationError) as e:
            errors.append(f"Minh chứng “{k.name}” (tệp “{name}”): {' '.join(getattr(e, 'messages', [str(e)]))}")
            continue
        files[criterion_id] = (upload, ext, name)
    for criterion_id, text in notes.items():
        if len(clean_text(text or "").strip()) > 500 and criterion_id in criteria:
            errors.append(f"Giải trình “{criteria[criterion_id].name}”: tối đa 500 ký tự.")

    def own_after(criterion_id):
        key = (scorer.pk, criterion_id)
        return wanted[key] is not None if key in wanted else key in existing

    for criterion_id, k in criteria.items():
        if (criterion_id in files or clean_text(notes.get(criterion_id) or "").strip()) and not own_after(criterion_id):
            errors.append(f"Giải trình, minh chứng “{k.name}”: hãy nhập điểm tự chấm của tiêu chí này.")
    if errors:
        raise ValidationError({"points": errors})
    now, changed = timezone.now(), 0
    for key, value in wanted.items():
        s = existing.get(key)
        if value is None:
            if s is not None:
                s.delete()
                existing.pop(key)
                changed += 1
            continue
        if s is None:
            s = Score(cluster=c, scorer=scorer, scored_id=key[0], criterion_id=key[1], points=value)
            existing[key] = s
        elif s.points == value:
            continue
        s.points, s.by, s.at = value, acting_user, now
        s.save()
        changed += 1
    for criterion_id, text in notes.items():
        s = existing.get((scorer.pk, criterion_id))
        text = clean_text(text or "").strip()
        if s is not None and s.note != text:
            s.note = text
            s.save(update_fields=["note"])
            changed += 1
    for criterion_id, (upload, ext, name) in files.items():
        s = existing[(scorer.pk, criterion_id)]
        upload.seek(0)
        s.evidence.save(f"{uuid.uuid4().hex}{ext}", ContentFile(upload.read()), save=False)
        s.evidence_name = name
        s.save(update_fields=["evidence", "evidence_name"])
        changed += 1
    n = sum(1 for s in existing.values() if s.pk)
    if changed:
        _event(c, acting_user, "score", c.status, c.status, note=f"{scorer.name}: {n} điểm đã nhập",
               scorer={"id": scorer.pk, "name": scorer.name})
    return n


@one_step
def scoring_close(*, acting_user, cluster: Cluster) -> list:
    """The head closes scoring once every member has scored itself and every other member on every criterion: the
    ranking is computed by the rulebook's ``cluster_ranking`` on this day and kept with the rule. Returns the
    ranked results."""
    c = _lock(cluster)
    check(acting_user, c, "close")
    missing = missing_scores(c)
    if missing:
        shown = missing[:10] + ([f"và {len(missing) - 10} chỗ khác"] if len(missing) > 10 else [])
        raise ValidationError("Chưa kết thúc chấm điểm được: " + "; ".join(shown) + ".")
    rule = ranking_rule(today())
    members = list(c.members.select_related("unit"))
    results = ranking.rank([m.unit for m in members], list(c.criteria.all()),
                           list(Score.objects.filter(cluster=c)), rule.value)
    by_unit = {m.unit_id: m for m in members}
    for r in results:
        m = by_unit[r.unit.pk]
        m.score, m.self_score, m.rank, m.rank_note = r.score_decimal, r.self_decimal, r.rank, r.note[:500]
        m.save(update_fields=["score", "self_score", "rank", "rank_note"])
    c.rule = {"value": rule.value, "status": rule.status, "legal_basis": rule.legal_basis,
              "words": ranking.explain(rule.value), "on": today().isoformat()}
    c.closed_at = timezone.now()
    _move(c, acting_user, "close", Status.CLOSED,
          ranking=[{"rank": r.rank, "unit": r.unit.name, "score": ranking.points(r.score)} for r in results])
    _tell(users_at(c.level, Duty.STANDING_OFFICE) + _officers([r.unit for r in results]),
          f"{c.name} năm {c.year}: kết quả xếp hạng",
          f"Dẫn đầu: {results[0].unit.name} ({ranking.points(results[0].score)} điểm).", c, "#ranking")
    return results


@one_step
def scoring_reopen(*, acting_user, cluster: Cluster, reason: str) -> Cluster:
    """The level's office opens scoring again (a mistake found after closing), before the cluster proposes: the
    ranking is dropped and computed again at the next close. The reason is on the timeline and told to the units."""
    c = _lock(cluster)
    check(acting_user, c, "reopen")
    text = clean_text(reason or "", multiline=True).strip()
    if not text:
        raise ValidationError({"reason": "Cần ghi lý do mở lại chấm điểm."})
    c.members.update(score=None, self_score=None, rank=None, rank_note="")
    c.rule, c.closed_at = {}, None
    _move(c, acting_user, "reopen", Status.SCORING, text)
    _tell(_officers([m.unit for m in c.members.select_related("unit")]), f"{c.name} năm {c.year}: mở lại chấm điểm",
          text, c, "#scores")
    return c


# --- the proposal --------------------------------------------------------------------------------

@one_step
def cluster_propose(*, acting_user, cluster: Cluster, note: str = "") -> list[Member]:
    """The head proposes the leaders: the first for the level's first award (Cờ thi đua of the city for a cluster
    the city formed), the next ``next_count`` for the next award (Bằng khen), as the rulebook says on this day.
    The office of the level is told; it opens the dossier's lines (``proposal_open_lines``)."""
    c = _lock(cluster)
    check(acting_user, c, "propose")
    first, nxt, count, _rule = proposal_awards(c)
    members = list(c.members.select_related("unit").order_by("rank", "position"))
    chosen = []
    for m in members:
        award = first if m.rank == 1 else (nxt if nxt is not None and m.rank is not None and m.rank <= 1 + count else None)
        if m.proposed_award_id != (award.pk if award else None):
            m.proposed_award = award
            m.save(update_fields=["proposed_award"])
        if award is not None:
            chosen.append(m)
    c.proposal_note = clean_text(note or "", multiline=True).strip()[:2000]
    _move(c, acting_user, "propose", Status.PROPOSED, c.proposal_note,
          proposed=[{"rank": m.rank, "unit": m.unit.name, "award": m.proposed_award.name} for m in chosen])
    _tell(users_at(c.level, Duty.STANDING_OFFICE), f"{c.name} năm {c.year} đề nghị khen thưởng",
          "; ".join(f"{m.unit.name}: {m.proposed_award.name}" for m in chosen), c, "#ranking")
    return chosen


def _authority_for(c, award, day):
    """The unit at or above the cluster's level whose chairman decides ``award`` on ``day``."""
    from dossiers.selectors import authorities_for
    from rulebook.authorities import authority_level
    from rulebook.models import Authority

    levels = set(Authority.objects.in_force(day).filter(award_type=award).values_list("level", flat=True))
    return next((u for u in authorities_for(c.level, day) if authority_level(u, day) in levels), None)


@one_step
def proposal_open_lines(*, acting_user, cluster: Cluster):
    """The office of the level opens one line per proposed unit in a year-end dossier of the level, sent to the
    authority that decides the leader's award (the city's chairman for its Cờ thi đua): the draft dossier of
    cluster proposals of that year if there is one, else a new one. Returns the dossier."""
    from dossiers import actions as dossier_actions
    from dossiers.models import Kind as DossierKind, Status as DossierStatus
    from dossiers.workflow import StepRefused as DossierRefused

    c = _lock(cluster)
    check(acting_user, c, "open_lines")
    day = today()
    members = list(c.members.filter(proposed_award__isnull=False).select_related("unit", "proposed_award")
                   .order_by("rank"))
    if not members:
        raise StepRefused(f"{c.name} chưa đề nghị đơn vị nào.")
    authority = _authority_for(c, members[0].proposed_award, day)
    if authority is None:
        raise ValidationError(f"Không tìm thấy cấp có thẩm quyền quyết định {members[0].proposed_award.name} cho "
                              f"{c.level.name}.")
    try:
        earlier = (Cluster.objects.filter(level=c.level, year=c.year, dossier__status=DossierStatus.DRAFT,
                                          dossier__authority=authority).exclude(pk=c.pk).select_related("dossier")
                   .order_by("-id").first())
        dossier = earlier.dossier if earlier else dossier_actions.dossier_create(
            acting_user=acting_user, unit=c.level, authority=authority, year=c.year, kind=DossierKind.REGULAR,
            title=f"Đề nghị khen thưởng các tập thể dẫn đầu cụm, khối thi đua năm {c.year}")
        method = ranking.SHORT_METHOD.get(((c.rule or {}).get("value") or {}).get("method", ""), "")
        n = c.members.count()
        lines = dossier_actions.lines_add(acting_user=acting_user, dossier=dossier, items=[{
            "unit": m.unit, "award_type": m.proposed_award, "recipient_kind": "collective",
            "summary": (f"{'Dẫn đầu' if m.rank == 1 else f'Xếp thứ {m.rank}/{n}'} {c.name} năm {c.year} "
                        f"({ranking.points(m.score)} điểm{', ' + method if method else ''}).")} for m in members])
    except DossierRefused as refusal:
        raise StepRefused(str(refusal)) from refusal
    for m, line in zip(members, lines):
        m.line = line
        m.save(update_fields=["line"])
    c.dossier = dossier
    _move(c, acting_user, "open_lines", Status.OPENED, dossier={"id": dossier.pk, "code": dossier.code},
          note=f"Hồ sơ {dossier.code}: {len(lines)} dòng")
    return dossier
