"""The year-end review of 2025 in the two demo wards, taken through the real actions
(dossiers.actions, council.actions, decisions.actions), so that every persona's lists
hold what users would have made.

Who is proposed is who the engine says qualifies for 2025 (eligibility.engine.evaluate
per ward), in the shape of Tây Hồ 2017 (practice.md: 10 TTLĐXS, 35 TTLĐTT, 59 CSTĐCS,
83 LĐTT, 63 Giấy khen), fewer where fewer qualify. Each unit under a ward proposes its
own people to the ward (one dossier per unit). What the ward may not grant (TTLĐXS,
Bằng khen and CSTĐ of the city) goes up to the city by ``dossier_forward``.

Phường Phú Lương goes the whole way: one dossier returned with a reason and sent again,
the council (four members, one recusal, two paper ballots) in January 2026, which also votes
the lines proposed to the city, decision 25/QĐ-UBND of January 2026 signed by the chairman
with its files rendered, one of its awards revoked later. After the decision the ward forwards
the lines its council passed for the city, with their reports, tờ trình and minutes (copied by
``dossier_forward``: nothing is uploaded again). The city (``sonoivu``) takes most of them
through appraisal, public disclosure (a citizen's comment answered), its council (decision
4125/QĐ-UBND: three members on screen, the chairman on paper) in March 2026 and decision
1156/QĐ-UBND signed by the city's chairman (``chutich.thanhpho``); one forwarded dossier waits
for the city's council (a newcomer convenes it) and one is on public disclosure now. Phường Yên
Nghĩa's dossiers stop at different steps: submitted, in appraisal, draft.

The actions stamp "now" and refuse a decision dated in the future; the demo is built on
any day, so the ward's story and the city's are moved to their days afterwards (events,
dossiers, the meetings, the decisions and their awards), keeping every row's dates in order.
The two city dossiers still open stay at the day of the build.
"""

import math
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from time import perf_counter

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from core.dates import VN_TZ, add_working_days
from council import actions as council
from council.models import Meeting
from decisions.models import Award, Decision, RevocationGround
from decisions.tasks import render_files
from dossiers import actions as dossiers, decide, selectors as dossier_selectors
from dossiers.appraisal import COLLECTIVE, INDIVIDUAL, Line as Nomination, appraise
from dossiers.models import Attachment, DocumentKind, Dossier, Event, Line, Outcome, Status
from eligibility.engine import evaluate
from notifications.holidays import holiday_set
from org.models import Person, Unit
from records.models import Rating, RatingLevel
from rulebook.models import AwardType
from rulebook.selectors import parameter_on

YEAR = 2025
WARD_A, WARD_B = "HN-PLU", "HN-YN"
# Tây Hồ 2017 (practice.md), across the two wards.
SHAPE = {"TTLDXS": 10, "TTLDTT": 35, "CSTDCS": 59, "LDTT": 83, "GK": 63}
# Beyond the ward, taken up to the city when the engine says they qualify.
UP = ("BK_TINH", "CSTD_TINH")
ORDER = ("TTLDXS", "TTLDTT", "CSTD_TINH", "BK_TINH", "CSTDCS", "LDTT", "GK")
SUMMARY = {
    "TTLDXS": "Tập thể hoàn thành xuất sắc nhiệm vụ năm 2025, có nhân tố mới, mô hình mới tiêu biểu.",
    "TTLDTT": "Tập thể hoàn thành tốt nhiệm vụ năm 2025; hưởng ứng tích cực các phong trào thi đua.",
    "CSTD_TINH": "Có sáng kiến được công nhận phạm vi Thành phố; ba năm liền Chiến sĩ thi đua cơ sở.",
    "BK_TINH": "Hai năm liền Chiến sĩ thi đua cơ sở; hoàn thành xuất sắc nhiệm vụ năm 2025.",
    "CSTDCS": "Hoàn thành xuất sắc nhiệm vụ năm 2025; có sáng kiến được công nhận ở cơ sở.",
    "LDTT": "Hoàn thành tốt nhiệm vụ năm 2025; chấp hành tốt chủ trương, chính sách, pháp luật.",
    "GK": "Có thành tích trong phong trào thi đua năm 2025 của phường.",
}

# The ward's story (Phú Lương), by (verb, round); the round is the dossier's round when the event was written.
_STORY = {
    ("create", 0): date(2025, 12, 8), ("lines_add", 0): date(2025, 12, 8), ("attachment_add", 0): date(2025, 12, 9),
    ("submit", 1): date(2025, 12, 10), ("receive", 1): date(2025, 12, 11), ("return", 1): date(2025, 12, 15),
    ("attachment_add", 1): date(2025, 12, 16), ("resubmit", 2): date(2025, 12, 17), ("receive", 2): date(2025, 12, 18),
    ("appraise", 1): date(2025, 12, 26), ("appraise", 2): date(2025, 12, 26),
}
MEETING_DAY = date(2026, 1, 12)
DECISION_DAY = date(2026, 1, 20)
REVOKED_ON = date(2026, 6, 15)
# The city's story: forwarded two days after the ward's decision, sent, received, appraised and published, the city's
# council in March, its decision ten days later.
FORWARD_DAY = date(2026, 1, 22)
CITY_DAYS = {"create": (FORWARD_DAY, 10), "submit": (date(2026, 1, 23), 9), "receive": (date(2026, 1, 26), 9),
             "appraise": (date(2026, 1, 30), 15), "comment": (date(2026, 2, 2), 20), "comment_answer": (date(2026, 2, 4), 10)}
CITY_MEETING_DAY = date(2026, 3, 10)
CITY_DECISION_DAY = date(2026, 3, 20)
CITY_DECISION = "1156"


def _at(day, hour=9, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=VN_TZ)


def _scan(name, text):
    """A small signed-scan stand-in: a PDF whose content names what it is."""
    body = f"%PDF-1.4\n% {text}\n%%EOF\n".encode()
    return SimpleUploadedFile(name, body, content_type="application/pdf")


# Titles only the city grants (BK_TINH, CSTĐ of the city): a person proposed for them is decided by the city.
UPWARD = {"BK_TINH", "CSTD_TINH"}


def build_yearend(keep_out=()) -> dict:
    """Run the 2025 year-end review of the demo wards; returns counts of what was made. ``keep_out``: people whose
    story is of 2026 (the history's planted people), not proposed to the city for 2025."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[
        "phuluong", "vp.phuluong", "hoidong", "hoidong2", "hoidong3", "chutich", "truong.thcs", "yennghia",
        "vp.yennghia", "sonoivu", "hoidong.thanhpho", "hoidong.thanhpho2", "hoidong.thanhpho3", "chutich.thanhpho"])
        .select_related("person")}
    ward_a, ward_b = Unit.objects.get(code=WARD_A), Unit.objects.get(code=WARD_B)
    types = {t.code: t for t in AwardType.objects.filter(code__in=ORDER)}
    plan_a, plan_b = _proposals(ward_a, types, 2, keep_out), _proposals(ward_b, types, 2, keep_out)

    made_a = _ward_a(ward_a, plan_a, users)
    made_b = _ward_b(ward_b, plan_b, users)
    lines = Line.objects.filter(dossier__year=YEAR, dossier__authority__in=[ward_a, ward_b])
    return {"dossiers": Dossier.objects.filter(year=YEAR).count(), "lines": lines.count(), **made_a, **made_b}


# --- who is proposed --------------------------------------------------------------------------

def _proposals(ward, types, n_wards, keep_out=()):
    """{child unit: [item for lines_add]}, from the engine's answer for 2025 under ``ward``."""
    ev = evaluate(YEAR, unit=ward)
    wanted = {code: [] for code in ORDER}
    for o in ev.outcomes:
        if o.eligible and o.award.code in wanted:
            wanted[o.award.code].append((o.kind, o.subject.id))
    people_ids = {sid for rows in wanted.values() for kind, sid in rows if kind == "person"}
    unit_ids = {sid for rows in wanted.values() for kind, sid in rows if kind == "unit"}
    people = Person.objects.select_related("unit").in_bulk(people_ids)
    units = Unit.objects.in_bulk(unit_ids)
    items = []
    for code in ORDER:
        if code == "GK":
            continue
        rows = sorted(wanted[code], key=lambda r: r[1])
        cap = math.ceil(SHAPE[code] / n_wards) if code in SHAPE else len(rows)
        for kind, sid in rows[:cap]:
            recipient = people.get(sid) if kind == "person" else units.get(sid)
            # Someone who has since moved away is proposed by the unit they work in now, not here.
            where = getattr(recipient, "unit", recipient)
            if recipient is not None and where.path.startswith(ward.path):
                # The city's titles of 2025 would use the 2025 record the planted people's 2026 answers rest on.
                if kind == "person" and code in UPWARD and sid in keep_out:
                    continue
                items.append((code, recipient))
    # Giấy khen is the chairman's to give, not decided from history: people rated well in 2025
    # and proposed for nothing else, about as many against the titles as in Tây Hồ.
    proposed = {r.pk for code, r in items if isinstance(r, Person)}
    titles = sum(1 for code, _r in items if code in ("LDTT", "CSTDCS", "TTLDTT", "TTLDXS"))
    n_gk = min(math.ceil(SHAPE["GK"] / n_wards), max(3, round(titles * SHAPE["GK"] / (SHAPE["LDTT"] + SHAPE["CSTDCS"]))))
    rated = (Rating.objects.filter(year=YEAR, level__in=[RatingLevel.HTXSNV, RatingLevel.HTTNV],
                                   person__unit__path__startswith=ward.path)
             .exclude(person_id__in=proposed).select_related("person__unit").order_by("person__code"))
    for r in rated[:n_gk * 2]:
        items.append(("GK", r.person))
    # What the ward's own appraisal would refuse (someone who came after the year's end, a Giấy khen
    # already given, the chairman's own line) is left out; what only a level above may grant stays, to go up.
    # Nobody signs their own award: the chairman who will sign is not proposed here.
    check = appraise(authority=ward, decision_date=DECISION_DAY, year=YEAR, signer=dossier_selectors.default_signer(ward),
                     lines=[Nomination(i, r, types[code], INDIVIDUAL if isinstance(r, Person) else COLLECTIVE)
                            for i, (code, r) in enumerate(items, start=1)])
    items = [item for item, result in zip(items, check.lines)
             if all(p.code == "beyond_authority" for p in result.problems)]
    gk = [item for item in items if item[0] == "GK"][n_gk:]
    items = [item for item in items if item not in gk]
    by_child = defaultdict(list)
    children = list(Unit.objects.get_children(ward))
    for code, recipient in items:
        where = recipient.unit if isinstance(recipient, Person) else recipient
        child = next((c for c in children if where.path.startswith(c.path)), ward)
        key = "person" if isinstance(recipient, Person) else "unit"
        by_child[child].append({key: recipient, "award_type": types[code], "summary": SUMMARY[code]})
    return dict(sorted(by_child.items(), key=lambda kv: kv[0].path))


def _dossier(user, unit, ward, items, n):
    d = dossiers.dossier_create(acting_user=user, unit=unit, authority=ward, year=YEAR,
                                title=f"Đề nghị khen thưởng tổng kết phong trào thi đua năm {YEAR} — {unit.name}")
    dossiers.lines_add(acting_user=user, dossier=d, items=items)
    _documents(user, d, n)
    return d


def _documents(user, d, n):
    dossiers.attachment_add(acting_user=user, dossier=d, kind=DocumentKind.PROPOSAL,
                            upload=_scan(f"to-trinh-{n}.pdf", f"To trinh de nghi khen thuong {d.unit.code}"))
    dossiers.attachment_add(acting_user=user, dossier=d, kind=DocumentKind.MINUTES,
                            upload=_scan(f"bien-ban-{n}.pdf", f"Bien ban hop binh xet {d.unit.code}"))
    needs = set(parameter_on("report_required_awards", dossiers.today(), []) or [])
    for ln in d.lines.select_related("award_type", "person", "unit"):
        if ln.award_type.code in needs:
            dossiers.attachment_add(acting_user=user, dossier=d, kind=DocumentKind.REPORT, line=ln,
                                    upload=_scan(f"bao-cao-{ln.recipient.code}.pdf",
                                                 f"Bao cao thanh tich {ln.recipient.code} {ln.award_type.code}"))


# --- Phường Phú Lương: the whole way ---------------------------------------------------------------

def _ward_a(ward, plan, users):
    officer, office = users["phuluong"], users["vp.phuluong"]
    made = []
    for n, (unit, items) in enumerate(plan.items(), start=1):
        # The school's principal proposes for the school; the ward's officer for the other units.
        who = users["truong.thcs"] if unit.code == "HN-PLU-THCS" else officer
        made.append((who, _dossier(who, unit, ward, items, n)))
    for who, d in made:
        dossiers.dossier_submit(acting_user=who, dossier=d)
        dossiers.dossier_receive(acting_user=office, dossier=d)
    # One returned for a missing signature, completed and sent again.
    who, back = next(((w, d) for w, d in made if d.unit.code == "HN-PLU-THCS"), made[0])
    dossiers.dossier_return(acting_user=office, dossier=back,
                            reason="Biên bản họp bình xét chưa có chữ ký của Chủ tịch Công đoàn cơ sở; "
                                   "đề nghị bổ sung biên bản đã ký đủ.")
    signed = dossiers.attachment_add(acting_user=who, dossier=back, kind=DocumentKind.MINUTES,
                                     upload=_scan("bien-ban-ky-du.pdf", f"Bien ban hop binh xet {back.unit.code} (ky du)"))
    dossiers.dossier_submit(acting_user=who, dossier=back)
    dossiers.dossier_receive(acting_user=office, dossier=back)
    for _who, d in made:
        dossiers.dossier_appraise(acting_user=office, dossier=d, note="Hồ sơ đầy đủ thành phần; các dòng đạt thẩm định.")
    ward_dossiers = [d for _w, d in made]

    # The council of January 2026 (decision 125/QĐ-UBND, demo.councils): four members, all present; the chairman
    # has no account and votes on paper with hoidong3; one recuses from a line of his own school, a member who is
    # nominated does not vote on his own line (recorded when the ballot opens).
    at_council = list(Dossier.objects.filter(pk__in=[d.pk for d in ward_dossiers], status=Status.COUNCIL))
    meeting = council.meeting_create(acting_user=office, authority=ward, dossiers=at_council, date=MEETING_DAY,
                                     title=f"Phiên họp xét khen thưởng tổng kết năm {YEAR}",
                                     place="Phòng họp tầng 2, UBND phường Phú Lương")
    called = list(meeting.members.order_by("position", "id"))
    council.attendance_set(acting_user=office, meeting=meeting, present_member_ids=[mem.pk for mem in called])
    council.ballot_open(acting_user=office, meeting=meeting)
    tallies = list(meeting.tallies.select_related("line__person__unit", "line__unit", "line__award_type").order_by("line_id"))
    own = getattr(users["hoidong2"].person, "unit_id", None)
    # The ward's own lines: those proposed to the city (on the same ballot) are left to pass on their rule.
    here = [t for t in tallies if not t.upward_id]
    recused = next((t.line for t in here if t.line.person_id and t.line.person.unit_id == own), here[0].line)
    council.recuse(acting_user=users["hoidong2"], meeting=meeting, line=recused,
                   reason="Là thủ trưởng đơn vị của người được đề nghị.")
    not_voting = defaultdict(set)  # member id: the lines they do not vote on
    for member_id, line_id in meeting.recusals.values_list("member_id", "line_id"):
        not_voting[member_id].add(line_id)
    # One Giấy khen line fails: two members find the achievement not yet marked enough.
    failing = next((t.line_id for t in reversed(here) if t.line.award_type.code == "GK"), None)
    all_agree = {t.line_id: "agree" for t in tallies}
    second = {k: ("disagree" if k == failing else v) for k, v in all_agree.items()}
    by_user = {mem.user_id: mem for mem in called if mem.user_id}

    def ballot(member, choices):
        return {k: v for k, v in choices.items() if k not in not_voting[member.pk]}

    council.ballot_cast(acting_user=users["hoidong"], meeting=meeting, choices=ballot(by_user[users["hoidong"].pk], all_agree))
    council.ballot_cast(acting_user=users["hoidong2"], meeting=meeting, choices=ballot(by_user[users["hoidong2"].pk], second))
    # The paper ballots of hoidong3 and of the chairman, counted by the counting group: totals per line only.
    paper = [by_user[users["hoidong3"].pk], next(mem for mem in called if mem.user_id is None)]
    totals = {t.line_id: {"agree": 0, "disagree": 0, "abstain": 0} for t in tallies}
    for mem, choices in zip(paper, (second, all_agree)):
        for line_id, choice in ballot(mem, choices).items():
            totals[line_id][choice] += 1
    council.paper_count_enter(acting_user=office, meeting=meeting, handed_out=len(paper), received=len(paper),
                              member_ids=[mem.pk for mem in paper], totals=totals,
                              note="Biên bản kiểm phiếu của Ban kiểm phiếu ngày 12/01/2026")
    council.ballot_close(acting_user=office, meeting=meeting)

    # The chairman's decision of January 2026.
    chairman = users["chutich"]
    waiting = list(Dossier.objects.filter(pk__in=[d.pk for d in ward_dossiers], status=Status.DECISION))
    decision = decide.decision_issue(
        acting_user=chairman, authority=ward, dossiers=waiting, number="25", symbol="QĐ-UBND", date=DECISION_DAY,
        signer_name=chairman.full_name, signer_title="CHỦ TỊCH")  # căn cứ: the rulebook's of 20/01/2026
    _backdate_ward(ward_dossiers, meeting, decision, signed)

    # Revoked later in the year: the achievement report of one recipient turned out to be false. The ward's office
    # prepares the revocation (an award nothing else rested on), the chairman signs decision 48/QĐ-UBND.
    from decisions import revocation as revoking
    from decisions.chain import chain as revocation_chain

    candidates = (Award.objects.filter(decision=decision, award_type__code__in=["GK", "LDTT"], person__isnull=False)
                  .order_by("id"))
    award = next((a for a in candidates if len(revocation_chain(a).items) == 1), candidates.first())
    draft = revoking.revocation_prepare(
        acting_user=office, award=award, ground=RevocationGround.FALSE_INFO, seen=revocation_chain(award).signature(),
        reason="Kiểm tra sau khen thưởng cho thấy số liệu trong báo cáo thành tích không đúng thực tế.")
    revoking.award_revoke(acting_user=chairman, revocation=draft, number="48", date=REVOKED_ON,
                          signer_name=chairman.full_name)

    # What the ward's council passed for the city goes up, with the reports, the tờ trình and the minutes.
    up = []
    for d in ward_dossiers:
        d.refresh_from_db()
        if dossier_selectors.lines_to_forward(d):
            up += dossiers.dossier_forward(acting_user=office, dossier=d)
    city = _city(up, users, officer)
    # The files at once, so that they are there when the server starts (the worker would make them later).
    started = perf_counter()
    render_files(decision.pk)
    if city["city_decision"]:
        render_files(city["city_decision"])
    render_seconds = perf_counter() - started
    return {"decision": decision.pk, "awards": Award.objects.filter(decision=decision).count(),
            "forwarded": len(up), "render_seconds": render_seconds, **city}


def _backdate_ward(ward_dossiers, meeting, decision, signed):
    """Move the ward's story to December 2025 – January 2026 (the actions wrote "now")."""
    holidays = holiday_set()
    ids = [d.pk for d in ward_dossiers]
    for e in Event.objects.filter(dossier_id__in=ids).order_by("id"):
        if e.verb == "council_result":
            day, hour = MEETING_DAY, 11
        elif e.verb == "decide":
            day, hour = DECISION_DAY, 15
        else:
            day, hour = _STORY.get((e.verb, e.round)) or _STORY.get((e.verb, 0)) or date(2025, 12, 26), 9
        Event.objects.filter(pk=e.pk).update(at=_at(day, hour))
    for d in Dossier.objects.filter(pk__in=ids):
        received = d.events.filter(verb="receive").order_by("-id").first()
        submitted = d.events.filter(verb__in=["submit", "resubmit"]).order_by("-id").first()
        received_on = received.at.astimezone(VN_TZ).date()
        Dossier.objects.filter(pk=d.pk).update(
            created_at=_at(_STORY[("create", 0)], 8), updated_at=_at(DECISION_DAY, 15), submitted_at=submitted.at,
            received_on=received_on, due_on=add_working_days(received_on, 10, holidays))
    Attachment.objects.filter(dossier_id__in=ids).update(uploaded_at=_at(_STORY[("attachment_add", 0)], 10))
    Attachment.objects.filter(pk=signed.pk).update(uploaded_at=_at(_STORY[("attachment_add", 1)], 10))
    Line.objects.filter(dossier_id__in=ids).update(checked_at=_at(date(2025, 12, 26), 9))
    _backdate_meeting(meeting)
    Decision.objects.filter(pk=decision.pk).update(issued_at=_at(DECISION_DAY, 15))
    Award.objects.filter(decision=decision).update(created_at=_at(DECISION_DAY, 15))


_MEETING_STEPS = {"convene": (-5, 14, 0), "attendance": (0, 8, 45), "open": (0, 9, 0), "recuse": (0, 9, 5),
                  "paper": (0, 10, 15), "close": (0, 10, 30)}


def _backdate_meeting(meeting, day=MEETING_DAY):
    """The meeting's timeline and its audit rows on the days the story tells."""
    from audit.models import Event as AuditEvent
    from django.contrib.contenttypes.models import ContentType

    Meeting.objects.filter(pk=meeting.pk).update(created_at=_at(day - timedelta(days=5), 14), opened_at=_at(day, 9),
                                                 closed_at=_at(day, 10, 30))
    for e in meeting.events.order_by("id"):
        days, hour, minute = _MEETING_STEPS.get(e.verb, (0, 9, 0))
        at = _at(day + timedelta(days=days), hour, minute)
        type(e).objects.filter(pk=e.pk).update(at=at)
        label = e.verb_label
        AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(meeting), target_id=meeting.pk,
                                  note__startswith=label).update(at=at)


# --- the city: what Phú Lương sent up -------------------------------------------------------------------

def _city(up, users, officer) -> dict:
    """The city's part: most of what the ward sent up goes the whole way — sent as forwarded (nothing uploaded again),
    received, appraised, published with a citizen's comment answered, voted by the city's council (three members on
    screen, the chairman on paper) and decided by the city's chairman. Of the rest, one dossier waits for the city's
    council (one that needs no disclosure) and one is on public disclosure now, with an answered comment."""
    made = {"city_decision": None, "city_awards": 0, "comments": 0, "city_waiting": 0}
    if not up:
        return made
    office = users["sonoivu"]
    needs = {u.pk: dossiers.needs_disclosure(list(u.lines.select_related("award_type"))) for u in up}
    waiting = next((u for u in reversed(up) if not needs[u.pk]), None) if len(up) >= 2 else None
    rest = [u for u in up if u is not waiting]
    public = rest[-1] if len(rest) >= 2 else None
    whole = [u for u in rest if u is not public]
    for u in up:
        dossiers.dossier_submit(acting_user=officer, dossier=u)
        dossiers.dossier_receive(acting_user=office, dossier=u)

    for u in whole:
        dossiers.dossier_appraise(acting_user=office, dossier=u, disclose=True,
                                  note="Công khai danh sách trên cổng thông tin trước khi trình Hội đồng Thành phố.")
    made["comments"] += _comment(whole[0], office, name="Lê Thị Hoa", contact="hoa.le@example.vn",
                                 text="Đề nghị cho biết {who} đã được khen thưởng cấp Thành phố lần nào trong 5 năm gần đây chưa?",
                                 answer="Theo hồ sơ, {who} chưa được khen thưởng cấp Thành phố trong 5 năm gần đây; thành tích "
                                        "đề nghị căn cứ kết quả đánh giá, xếp loại các năm 2024, 2025.")
    _disclosure_in_february(whole)
    for u in whole:
        dossiers.disclosure_close(acting_user=office, dossier=u)
    meeting = _city_council(whole, users)
    chairman = users["chutich.thanhpho"]
    decision = decide.decision_issue(
        acting_user=chairman, authority=whole[0].authority, dossiers=list(Dossier.objects.filter(pk__in=[u.pk for u in whole])),
        number=CITY_DECISION, symbol="QĐ-UBND", date=CITY_DECISION_DAY, signer_name=chairman.full_name, signer_title="CHỦ TỊCH")
    _backdate_city(whole, meeting, decision)
    made.update(city_decision=decision.pk, city_awards=Award.objects.filter(decision=decision).count())

    if waiting is not None:
        dossiers.dossier_appraise(acting_user=office, dossier=waiting,
                                  note="Hồ sơ đầy đủ thành phần; các dòng đạt thẩm định, trình Hội đồng Thành phố.")
        made["city_waiting"] = 1
    if public is not None:
        dossiers.dossier_appraise(acting_user=office, dossier=public, disclose=True,
                                  note="Công khai danh sách trên cổng thông tin trước khi trình Hội đồng Thành phố.")
        made["comments"] += _comment(
            public, office, name="Trần Văn Bình", contact="0912 345 678",
            text=f"Đề nghị làm rõ thành tích năm {YEAR} của {{who}}: có được tính thêm kết quả phong trào “Xanh - Sạch - Đẹp” "
                 "của tổ dân phố không?",
            answer="Thành tích đề nghị căn cứ kết quả đánh giá, xếp loại và sáng kiến đã được công nhận; kết quả phong trào "
                   "của tổ dân phố được tính cho tập thể, không tính cho cá nhân.")
    return made


def _comment(d, office, *, name, contact, text, answer) -> int:
    line = d.lines.select_related("award_type", "person", "unit").order_by("position").first()
    comment = dossiers.comment_add(line=line, name=name, contact=contact, text=text.format(who=line.recipient_name))
    dossiers.comment_answer(acting_user=office, comment=comment, answer=answer.format(who=line.recipient_name))
    return 1


def _disclosure_in_february(whole):
    """The published list's days, its comment and its clock pause moved to late January – February 2026: over, so that
    the office closes it."""
    from dossiers.models import Comment, Pause, PauseStage

    start = CITY_DAYS["appraise"][0]
    until = add_working_days(start, max(int(parameter_on("disclosure_days", start, 10) or 0) - 1, 0), holiday_set())
    ids = [u.pk for u in whole]
    Dossier.objects.filter(pk__in=ids).update(disclosure_from=start, disclosure_until=until)
    Pause.objects.filter(dossier_id__in=ids, stage=PauseStage.DISCLOSURE).update(start=start, end=until)
    day, hour = CITY_DAYS["comment"]
    Comment.objects.filter(line__dossier_id__in=ids).update(at=_at(day, hour, 15))
    day, hour = CITY_DAYS["comment_answer"]
    Comment.objects.filter(line__dossier_id__in=ids).update(answered_at=_at(day, hour))


def _city_council(whole, users):
    """The city's council of March 2026 (decision 4125/QĐ-UBND, demo.councils): its four members present; three vote on
    screen, the chairman (no account on his seat) on paper, counted by the counting group. Every line passes."""
    office = users["sonoivu"]
    at_council = list(Dossier.objects.filter(pk__in=[u.pk for u in whole], status=Status.COUNCIL))
    meeting = council.meeting_create(acting_user=office, authority=at_council[0].authority, dossiers=at_council,
                                     date=CITY_MEETING_DAY, title=f"Phiên họp xét khen thưởng năm {YEAR} (đề nghị của các phường)",
                                     place="Phòng họp tầng 3, trụ sở UBND Thành phố")
    called = list(meeting.members.order_by("position", "id"))
    council.attendance_set(acting_user=office, meeting=meeting, present_member_ids=[mem.pk for mem in called])
    council.ballot_open(acting_user=office, meeting=meeting)
    tallies = list(meeting.tallies.order_by("line_id"))
    not_voting = defaultdict(set)
    for member_id, line_id in meeting.recusals.values_list("member_id", "line_id"):
        not_voting[member_id].add(line_id)

    def ballot(member):
        return {t.line_id: "agree" for t in tallies if t.line_id not in not_voting[member.pk]}

    paper = []
    for mem in called:
        if mem.user_id:
            council.ballot_cast(acting_user=mem.user, meeting=meeting, choices=ballot(mem))
        else:
            paper.append(mem)
    if paper:
        totals = {t.line_id: {"agree": 0, "disagree": 0, "abstain": 0} for t in tallies}
        for mem in paper:
            for line_id in ballot(mem):
                totals[line_id]["agree"] += 1
        council.paper_count_enter(acting_user=office, meeting=meeting, handed_out=len(paper), received=len(paper),
                                  member_ids=[mem.pk for mem in paper], totals=totals,
                                  note=f"Biên bản kiểm phiếu của Ban kiểm phiếu ngày {CITY_MEETING_DAY:%d/%m/%Y}")
    council.ballot_close(acting_user=office, meeting=meeting)
    return meeting


def _backdate_city(whole, meeting, decision):
    """Move the city's story (what went the whole way) to January – March 2026, the ward's forwarding with it."""
    from dossiers import clock

    holidays = holiday_set()
    ids = [u.pk for u in whole]
    until = Dossier.objects.filter(pk__in=ids).values_list("disclosure_until", flat=True).first()
    closed = add_working_days(until, 1, holidays) if until else CITY_MEETING_DAY
    days = {**CITY_DAYS, "close_disclosure": (closed, 8), "council_result": (CITY_MEETING_DAY, 11),
            "decide": (CITY_DECISION_DAY, 15)}
    for e in Event.objects.filter(dossier_id__in=ids).order_by("id"):
        day, hour = days.get(e.verb, days["create"])
        Event.objects.filter(pk=e.pk).update(at=_at(day, hour))
    sources = [u.forwarded_from_id for u in whole]
    Event.objects.filter(dossier_id__in=sources, verb__in=["forward", "forward_all"]).update(at=_at(FORWARD_DAY, 9))
    received_on = CITY_DAYS["receive"][0]
    for u in Dossier.objects.filter(pk__in=ids).select_related("authority"):
        n = clock.processing_days(u.authority, received_on)
        paused = clock.paused_days(received_on, list(u.pauses.all()), holidays)
        Dossier.objects.filter(pk=u.pk).update(
            created_at=_at(FORWARD_DAY, 10), updated_at=_at(CITY_DECISION_DAY, 15), submitted_at=_at(*CITY_DAYS["submit"]),
            received_on=received_on, paused_days=paused,
            due_on=clock.due_date(received_on, n, paused, holidays) if n else None)
    Attachment.objects.filter(dossier_id__in=ids).update(uploaded_at=_at(FORWARD_DAY, 10))
    Line.objects.filter(dossier_id__in=ids).update(checked_at=_at(*CITY_DAYS["appraise"]))
    _backdate_meeting(meeting, CITY_MEETING_DAY)
    Decision.objects.filter(pk=decision.pk).update(issued_at=_at(CITY_DECISION_DAY, 15))
    Award.objects.filter(decision=decision).update(created_at=_at(CITY_DECISION_DAY, 15))


# --- Phường Yên Nghĩa: left at different steps ---------------------------------------------------------

def _ward_b(ward, plan, users):
    officer, office = users["yennghia"], users["vp.yennghia"]
    steps = {"submitted": 0, "appraising": 0, "draft": 0}
    for n, (unit, items) in enumerate(plan.items(), start=1):
        d = _dossier(officer, unit, ward, items, f"yn-{n}")
        step = ("submitted", "appraising", "draft")[(n - 1) % 3]
        if step != "draft":
            dossiers.dossier_submit(acting_user=officer, dossier=d)
        if step == "appraising":
            dossiers.dossier_receive(acting_user=office, dossier=d)
        steps[step] += 1
    return {f"ward_b_{k}": v for k, v in steps.items()}
