"""Builders for forwarding (issue 15): a level proposes what it may not grant to the level above only after its own
council has voted it, then forwards it with the documents the level above asks for.

Two cases: Phường Phú Lương today, forwarding a Bằng khen to the city (``ward_to_city``), and Phường Phú Lãm in
December 2017, forwarding a Tập thể lao động tiên tiến to Quận Hà Đông (``ward_to_district_2017``: call it under
time_machine at ``DISTRICT_2017``; a Chiến sĩ thi đua cơ sở alone would not pass the district's 15% cap)."""

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from council import actions as council
from dossiers import actions
from dossiers.models import DocumentKind
from org.models import Person, Role, Unit
from rulebook.models import AwardType
from rulebook.selectors import parameter_on

from . import person, user
from .council import establish
from .dossiers import rate

DISTRICT_2017 = "2017-12-05 09:00 +0700"


@dataclass
class Level:
    """``ward`` proposes to ``above``: its unit officer, its standing office, its chairman, the office above, who is
    proposed for the ward's own award (``own``) and for one only the level above grants (``upward``), and the year."""

    name: str
    ward: Unit
    above: Unit
    officer: object
    office: object
    chairman: object
    above_office: object
    own_for: object     # a person or a collective
    upward_for: object
    year: int
    upward: str   # an award only the level above grants
    own: str      # an award the ward grants itself


def ward_to_city(world) -> Level:
    year = timezone.localdate().year - 1
    people = [world.thinh, Person.objects.get(code="CB0002")]
    rate(people, year)
    user("hoidong2", Role.COUNCIL_MEMBER, world.ward_a, full_name="Đặng Thị Hường")
    user("hoidong3", Role.COUNCIL_MEMBER, world.ward_a, full_name="Bùi Quốc Việt")
    establish(world.ward_a)
    u = world.users
    return Level("ward today", world.ward_a, world.city, u["officer_a"], u["ward_specialist"], u["chairman"], u["specialist"],
                 people[0], people[1], year, upward="BK_TINH", own="LDTT")


def ward_to_district_2017(world) -> Level:
    """Phú Lãm in 2017: a commune chairman gave Lao động tiên tiến, the district's chairman Tập thể lao động tiên tiến."""
    from . import unit

    ward = world.old_ward
    district = Unit.objects.get_parent(ward)
    officer = user("thidua.phulam", Role.UNIT_OFFICER, ward, full_name="Cán bộ thi đua phường Phú Lãm")
    office = user("vp.phulam", Role.SPECIALIST, ward, full_name="Văn phòng UBND phường Phú Lãm")
    chairman = user("chutich.phulam", Role.CHAIRMAN, ward, full_name="Chủ tịch UBND phường Phú Lãm")
    members = [user(f"hoidong.phulam{n}", Role.COUNCIL_MEMBER, ward, full_name=name)
               for n, name in enumerate(("Phan Văn Khải", "Vũ Thị Lan", "Hồ Đức Mạnh"), start=1)]
    establish(ward, members, number="05/QĐ-UBND", signed_on=date(2017, 1, 3), valid_from=date(2017, 1, 3))
    above_office = user("pnv.hadong", Role.SPECIALIST, district, full_name="Phòng Nội vụ quận Hà Đông")
    school = unit("HN-HD-PL-MN", "Trường Mầm non Phú Lãm", "school", ward, valid_from=date(2001, 9, 1),
                  valid_to=date(2025, 6, 30))
    hanh = person("PL0001", "Đỗ Thị Hạnh", ward, start=date(2010, 1, 1), birth_date=date(1975, 3, 4))
    rate([hanh], 2017)
    return Level("district 2017", ward, district, officer, office, chairman, above_office, hanh, school, 2017,
                 upward="TTLDTT", own="LDTT")


def scan(name, text="scan"):
    """A signed scan's stand-in: a small PDF that names what it is."""
    return SimpleUploadedFile(name, f"%PDF-1.4\n% {text}\n%%EOF\n".encode(), content_type="application/pdf")


def appraised(level: Level, lines=None):
    """The ward's dossier with ``lines`` ((person or collective, award code) — by default the ward's own award and
    the one above), its tờ trình, minutes and each line's achievement report, sent, received and appraised: it waits
    for the ward's council."""
    lines = lines or [(level.own_for, level.own), (level.upward_for, level.upward)]
    d = actions.dossier_create(acting_user=level.officer, unit=level.ward, authority=level.ward, year=level.year,
                               title=f"Đề nghị khen thưởng tổng kết năm {level.year}")
    actions.lines_add(acting_user=level.officer, dossier=d, items=[
        {"person" if isinstance(who, Person) else "unit": who, "award_type": AwardType.objects.get(code=code),
         "summary": "Hoàn thành xuất sắc nhiệm vụ", "justification": "Thành tích xuất sắc được đơn vị bình xét"}
        for who, code in lines])
    actions.attachment_add(acting_user=level.officer, dossier=d, kind=DocumentKind.PROPOSAL, upload=scan("to-trinh.pdf"))
    actions.attachment_add(acting_user=level.officer, dossier=d, kind=DocumentKind.MINUTES, upload=scan("bien-ban.pdf"))
    needs = set(parameter_on("report_required_awards", timezone.localdate(), []) or []) | {level.upward}
    for ln in d.lines.select_related("award_type", "person", "unit"):
        if ln.award_type.code in needs:
            actions.attachment_add(acting_user=level.officer, dossier=d, kind=DocumentKind.REPORT, line=ln,
                                   upload=scan(f"bao-cao-{ln.recipient.code}.pdf", f"Bao cao {ln.recipient.code}"))
    actions.dossier_submit(acting_user=level.officer, dossier=d)
    actions.dossier_receive(acting_user=level.office, dossier=d)
    actions.dossier_appraise(acting_user=level.office, dossier=d)
    d.refresh_from_db()
    return d


def council_votes(authority, dossiers, office, *, against=(), day=None):
    """``authority``'s council meets on ``day`` (today) on ``dossiers``: every member present; those with an account
    vote on screen, the others on paper; each agrees to every line but those in ``against`` (line ids). The ballot is
    closed: the dossiers wait for the decision. Returns the meeting."""
    from council.models import Member

    m = council.meeting_create(acting_user=office, authority=authority, dossiers=dossiers, date=day or timezone.localdate(),
                               title=f"Phiên họp Hội đồng Thi đua - Khen thưởng {authority.name}")
    members = list(Member.objects.filter(meeting=m).select_related("user").order_by("position", "id"))
    council.attendance_set(acting_user=office, meeting=m, present_member_ids=[mem.pk for mem in members])
    council.ballot_open(acting_user=office, meeting=m)
    tallies = list(m.tallies.all())
    own = {(r.member_id, r.line_id) for r in m.recusals.all()}

    def choices(mem):
        return {t.line_id: ("disagree" if t.line_id in against else "agree") for t in tallies if (mem.pk, t.line_id) not in own}

    on_paper = []
    for mem in members:
        if mem.user_id:
            council.ballot_cast(acting_user=mem.user, meeting=m, choices=choices(mem))
        else:
            on_paper.append(mem)
    if on_paper:
        totals = {t.line_id: {"agree": 0, "disagree": 0, "abstain": 0} for t in tallies}
        for mem in on_paper:
            for line_id, choice in choices(mem).items():
                totals[line_id][choice] += 1
        council.paper_count_enter(acting_user=office, meeting=m, handed_out=len(on_paper), received=len(on_paper),
                                  member_ids=[mem.pk for mem in on_paper], totals=totals)
    council.ballot_close(acting_user=office, meeting=m)
    m.refresh_from_db()
    return m
