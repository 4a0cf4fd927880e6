"""Every step of the dossier's transition table (dossiers.workflow.STEPS), walked on the demo (`tdkt demo`) by the
demo persona who holds its duty where the step is taken — the demo account, the administrator aside, whose role is
held nearest to that unit (the ward's office before the city's) — up to DECIDED at the ward (Phường Phú Lương) and
at the city (Thành phố Hà Nội): a withdrawal and a return on the way, public disclosure at both levels, the ward's
council voting what it proposes to the city, the forward, the city's council and decision, and a state award
submitted to the central level. It fails when a step has no persona in the demo, or no way to walk it here."""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from core.dates import VN_TZ
from council import actions as council
from demo.builder import DEMO_ACCOUNTS
from demo.history import REVIEW_YEAR
from dossiers import actions, decide, selectors
from dossiers.models import DocumentKind, Dossier, Line, Outcome, Status
from dossiers.workflow import STEPS, place
from org.duties import ROLE_DUTIES, has_duty
from org.models import Person, Unit
from rulebook.models import AwardType
from rulebook.selectors import parameter_on

pytestmark = pytest.mark.django_db

# What the ward may not grant and the city may, in the order tried.
UPWARD = ("CSTD_TINH", "BK_TINH", "TTLDXS")
OWN = ("LDTT", "CSTDCS", "TTLDTT")


def persona(unit, duty):
    """The demo account (not a superuser) holding ``duty`` over ``unit`` through the role nearest to it; the first
    in the README's order among equals."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS],
                                                                      is_superuser=False, is_active=True)
             .prefetch_related("memberships__unit")}
    best = None
    for n, account in enumerate(DEMO_ACCOUNTS):
        u = users.get(account.username)
        if u is None or not has_duty(u, unit, duty):
            continue
        depth = max(m.unit.depth for m in u.memberships.all()
                    if duty in ROLE_DUTIES.get(m.role, ()) and unit.path.startswith(m.unit.path))
        if best is None or (-depth, n) < best[0]:
            best = ((-depth, n), u)
    return best[1] if best else None


def _scan(name):
    return SimpleUploadedFile(name, f"%PDF-1.4\n% {name}\n%%EOF\n".encode(), content_type="application/pdf")


class Walk:
    """Takes each step as its persona and keeps the verbs walked (and who took them)."""

    def __init__(self, time_machine):
        self.walked, self.time_machine = {}, time_machine

    def who(self, d, verb):
        step = STEPS[verb]
        u = persona(place(d, step), step.duty)
        assert u is not None, f"Bước “{step.label}” ({verb}) tại {place(d, step).name}: không có tài khoản mẫu nào giữ nhiệm vụ {step.duty}."
        return u

    def take(self, verb, d, fn, **kwargs):
        u = self.who(d, verb)
        result = fn(acting_user=u, **kwargs)
        self.walked.setdefault(verb, set()).add((d.authority.code, u.username))
        return result

    def after(self, day):
        """The day after ``day`` (disclosure over), at nine."""
        self.time_machine.move_to(datetime.combine(day + timedelta(days=1), time(9), tzinfo=VN_TZ))


def _pick(d, user, codes, exclude=()):
    """(recipient, award) the engine finds eligible for one of ``codes`` (in that order) for the dossier's unit and year."""
    found = [(s, a) for s, a, _reg in selectors.candidates(user, d)[0] if a.code in codes and s.pk not in exclude]
    found.sort(key=lambda t: (codes.index(t[1].code), t[0].pk))
    assert found, f"không ai đủ điều kiện {codes} năm {d.year} tại {d.unit.name}"
    return found[0]


def _council(walk, d):
    """The authority's council meets today on ``d``: convened by its office, every member present; members with an
    account vote on their own screen, the others on paper (entered by the office); all agree. Closing the ballot
    records the council's result on the dossier (the step council_result)."""
    office = walk.who(d, "council_result")
    m = council.meeting_create(acting_user=office, authority=d.authority, dossiers=[d], date=actions.today(),
                               title=f"Phiên họp Hội đồng Thi đua - Khen thưởng {d.authority.name}")
    members = list(m.members.select_related("user").order_by("position", "id"))
    assert members, f"{d.authority.name} không có thành viên Hội đồng"
    council.attendance_set(acting_user=office, meeting=m, present_member_ids=[mem.pk for mem in members])
    council.ballot_open(acting_user=office, meeting=m)
    tallies = list(m.tallies.all())
    skip = set(m.recusals.values_list("member_id", "line_id"))
    paper = []
    for mem in members:
        choices = {t.line_id: "agree" for t in tallies if (mem.pk, t.line_id) not in skip}
        if mem.user_id:
            assert any(a.username == mem.user.username for a in DEMO_ACCOUNTS)
            council.ballot_cast(acting_user=mem.user, meeting=m, choices=choices)
        else:
            paper.append((mem, choices))
    if paper:
        totals = {t.line_id: {"agree": 0, "disagree": 0, "abstain": 0} for t in tallies}
        for _mem, choices in paper:
            for line_id in choices:
                totals[line_id]["agree"] += 1
        council.paper_count_enter(acting_user=office, meeting=m, handed_out=len(paper), received=len(paper),
                                  member_ids=[mem.pk for mem, _c in paper], totals=totals)
    walk.take("council_result", d, lambda acting_user: council.ballot_close(acting_user=acting_user, meeting=m))
    return m


def test_every_step_has_a_persona_in_the_demo_at_the_ward_and_at_the_city(demo):
    ward, city = Unit.objects.get(code="HN-PLU"), Unit.objects.get(code="HN")
    for authority in (ward, city):
        d = Dossier(unit=ward, authority=authority)
        for verb, step in STEPS.items():
            assert persona(place(d, step), step.duty) is not None, \
                f"Bước “{step.label}” tại {place(d, step).name}: không có tài khoản mẫu nào giữ nhiệm vụ {step.duty}."


def test_the_demo_walks_every_step_to_a_decision_at_the_ward_and_at_the_city(demo, settings, tmp_path, time_machine):
    settings.MEDIA_ROOT = tmp_path / "media"
    walk = Walk(time_machine)
    ward, city = Unit.objects.get(code="HN-PLU"), Unit.objects.get(code="HN")
    year = REVIEW_YEAR

    # The ward: a dossier proposing one of its own awards and one of the city's, as the engine finds them.
    a = walk.take("create", Dossier(unit=ward, authority=ward), actions.dossier_create, unit=ward, authority=ward, year=year,
                  title=f"Đề nghị khen thưởng tổng kết năm {year}")
    officer = walk.who(a, "edit")
    # Nobody signs their own award: the chairman who will sign the ward's decision is not proposed here.
    signer = selectors.default_signer(ward)
    up_who, up_award = _pick(a, officer, UPWARD, exclude={getattr(signer, "pk", None)})
    own_who, own_award = _pick(a, officer, OWN, exclude={up_who.pk, getattr(signer, "pk", None)})

    def key(who):
        return "person" if isinstance(who, Person) else "unit"

    walk.take("edit", a, actions.lines_add, dossier=a, items=[
        {key(who): who, "award_type": award, "summary": "Hoàn thành xuất sắc nhiệm vụ năm " + str(year)}
        for who, award in ((own_who, own_award), (up_who, up_award))])
    needs = set(parameter_on("report_required_awards", actions.today(), []) or [])
    for kind, name in ((DocumentKind.PROPOSAL, "to-trinh.pdf"), (DocumentKind.MINUTES, "bien-ban.pdf")):
        walk.take("edit", a, actions.attachment_add, dossier=a, kind=kind, upload=_scan(name))
    for ln in a.lines.select_related("award_type", "person", "unit"):
        if ln.award_type.code in needs:
            walk.take("edit", a, actions.attachment_add, dossier=a, kind=DocumentKind.REPORT, line=ln,
                      upload=_scan(f"bao-cao-{ln.recipient.code}.pdf"))
    walk.take("submit", a, actions.dossier_submit, dossier=a)
    walk.take("withdraw", a, actions.dossier_withdraw, dossier=a, reason="Bổ sung tóm tắt thành tích trước khi gửi.")
    walk.take("submit", a, actions.dossier_submit, dossier=a)
    walk.take("receive", a, actions.dossier_receive, dossier=a)
    walk.take("assign", a, actions.dossier_assign, dossier=a, assignee=walk.who(a, "appraise"))
    walk.take("return", a, actions.dossier_return, dossier=a, reason="Biên bản bình xét chưa có chữ ký của thư ký.")
    walk.take("edit", a, actions.attachment_add, dossier=a, kind=DocumentKind.MINUTES, upload=_scan("bien-ban-ky-du.pdf"))
    walk.take("submit", a, actions.dossier_submit, dossier=a)
    walk.take("receive", a, actions.dossier_receive, dossier=a)
    if "set_aside" in STEPS:  # one line left out and put back while appraising
        line = a.lines.get(award_type=own_award)
        walk.take("set_aside", a, actions.line_set_aside, line=line, reason="Chờ xác minh thành tích.")
        walk.take("set_aside", a, actions.line_restore, line=line)
    walk.take("appraise", a, actions.dossier_appraise, dossier=a, disclose=True)
    a.refresh_from_db()
    assert a.status == Status.DISCLOSURE
    walk.after(a.disclosure_until)
    walk.take("close_disclosure", a, actions.disclosure_close, dossier=a)
    a.refresh_from_db()
    assert a.status == Status.COUNCIL
    meeting = _council(walk, a)
    assert meeting.tallies.get(line__award_type=up_award).upward == city  # the ward votes what it proposes upward
    a.refresh_from_db()
    assert a.status == Status.DECISION
    walk.take("decide", a, lambda acting_user, **kw: decide.decision_issue(
        acting_user=acting_user, authority=ward, dossiers=[a], number="301", date=actions.today(),
        signer_name=acting_user.full_name))
    a.refresh_from_db()
    assert a.status == Status.DECIDED
    assert a.lines.get(award_type=own_award).outcome == Outcome.AWARDED
    [c] = walk.take("forward", a, actions.dossier_forward, dossier=a)

    # A dossier the ward will not send.
    b = walk.take("create", Dossier(unit=ward, authority=ward), actions.dossier_create, unit=ward, authority=ward,
                  year=year, title="Đề nghị khen thưởng theo đợt (không trình nữa)", kind="theo_dot")
    walk.take("abandon", b, actions.dossier_abandon, dossier=b, reason="Đơn vị không đề nghị đợt này.")

    # The city: the forwarded dossier, with a state award added for the city to take to the central level.
    assert (c.unit, c.authority, c.status) == (ward, city, Status.DRAFT)
    state = AwardType.objects.get(code="HC_LAO_DONG_3")
    hero = Person.objects.filter(unit__path__startswith=ward.path).exclude(pk__in=[up_who.pk, own_who.pk]).order_by("code").first()
    walk.take("edit", c, actions.lines_add, dossier=c, items=[
        {"person": hero, "award_type": state, "summary": "Có quá trình cống hiến lâu dài, nhiều thành tích xuất sắc.",
         "justification": "Đề nghị Thành phố trình Thủ tướng Chính phủ để trình Chủ tịch nước xét tặng."}])
    assert all(i.ok for i in selectors.checklist(c)), [(i.label, i.detail) for i in selectors.checklist(c) if not i.ok]
    walk.take("submit", c, actions.dossier_submit, dossier=c)
    walk.take("receive", c, actions.dossier_receive, dossier=c)
    walk.take("appraise", c, actions.dossier_appraise, dossier=c, disclose=True)
    c.refresh_from_db()
    walk.after(c.disclosure_until)
    walk.take("close_disclosure", c, actions.disclosure_close, dossier=c)
    _council(walk, Dossier.objects.get(pk=c.pk))
    c.refresh_from_db()
    assert c.status == Status.DECISION
    decision = walk.take("decide", c, lambda acting_user, **kw: decide.decision_issue(
        acting_user=acting_user, authority=city, dossiers=[c], number="2026", date=actions.today(),
        signer_name=acting_user.full_name))
    assert [aw.award_type.code for aw in decision.awards.all()] == [up_award.code]
    submission = walk.take("submit_central", c, actions.dossier_submit_central, dossier=Dossier.objects.get(pk=c.pk),
                           number="88/TTr-UBND", date=actions.today())
    walk.take("central_result", c, actions.dossier_central_result, dossier=Dossier.objects.get(pk=c.pk),
              submission=submission, number="1520/QĐ-CTN", date=actions.today(), issuer="Chủ tịch nước",
              awarded_line_ids=[c.lines.get(award_type=state).pk])

    assert Dossier.objects.get(pk=a.pk).status == Status.DECIDED
    assert Dossier.objects.get(pk=c.pk).status == Status.DECIDED
    assert Line.objects.get(dossier=c, award_type=state).outcome == Outcome.AWARDED
    assert set(walk.walked) == set(STEPS), f"chưa đi: {sorted(set(STEPS) - set(walk.walked))}"
    # Each level's steps were taken by its own people: the ward's office at the ward, the city's at the city.
    by = {(verb, where): who for verb, pairs in walk.walked.items() for where, who in pairs}
    assert by[("receive", "HN-PLU")] == "vp.phuluong" and by[("receive", "HN")] == "sonoivu"
    assert by[("decide", "HN-PLU")] == "chutich" and by[("decide", "HN")] == "chutich.thanhpho"
    assert by[("submit", "HN")] == "phuluong"
