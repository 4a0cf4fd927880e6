"""Builders shared by the dossier tests of the clerk's path (issue 15): a ward's dossier today, and a 2017 dossier of
a ward of the former district Hà Đông to the district (a district chairman decided until 30/06/2025)."""

from dataclasses import dataclass
from datetime import date

from dossiers import actions
from dossiers.models import DocumentKind
from org.models import Role, Unit
from rulebook.models import AwardType
from tdkt.testing import person, user
from tdkt.testing.dossiers import pdf, rate

DISTRICT_DAY = "2017-12-05 09:00 +0700"


@dataclass
class Case:
    """A dossier to an authority, who proposes (officer) and who appraises (office), and the people proposed."""

    name: str
    unit: object
    authority: object
    officer: object
    office: object
    people: list
    year: int


def ward_today(world, year=None) -> Case:
    from django.utils import timezone

    year = year or timezone.localdate().year - 1
    people = [world.thinh, world.thinh.__class__.objects.get(code="CB0002")]
    rate(people, year)
    return Case("ward", world.ward_a, world.ward_a, world.users["officer_a"], world.users["ward_specialist"], people, year)


def district_2017(world) -> Case:
    """Phường Phú Lãm (Quận Hà Đông) in December 2017, proposing to the district: call under time_machine at
    DISTRICT_DAY."""
    district = Unit.objects.get_parent(world.old_ward)
    officer = user("officer_phulam", Role.UNIT_OFFICER, world.old_ward, full_name="Cán bộ thi đua Phú Lãm")
    office = user("office_hadong", Role.SPECIALIST, district, full_name="Chuyên viên Phòng Nội vụ Hà Đông")
    people = [person("PL0001", "Đỗ Thị Hạnh", world.old_ward, start=date(2010, 1, 1), birth_date=date(1975, 3, 4)),
              person("PL0002", "Ngô Văn Bình", world.old_ward, start=date(2010, 1, 1), birth_date=date(1982, 7, 9))]
    rate(people, 2017)
    return Case("district 2017", world.old_ward, district, officer, office, people, 2017)


def dossier_of(case, award="LDTT", title=None, documents=True):
    """The case's dossier, one line per person for ``award``, with its signed proposal and minutes."""
    d = actions.dossier_create(acting_user=case.officer, unit=case.unit, authority=case.authority, year=case.year,
                               title=title or f"Đề nghị khen thưởng tổng kết năm {case.year}")
    actions.lines_add(acting_user=case.officer, dossier=d,
                      items=[{"person": p, "award_type": AwardType.objects.get(code=award), "summary": "Hoàn thành xuất sắc nhiệm vụ"}
                             for p in case.people])
    if documents:
        for kind in (DocumentKind.PROPOSAL, DocumentKind.MINUTES):
            actions.attachment_add(acting_user=case.officer, dossier=d, kind=kind, upload=pdf())
    return d


def appraising(case, **kw):
    """The case's dossier, submitted and received: in appraisal at the authority's office."""
    d = dossier_of(case, **kw)
    actions.dossier_submit(acting_user=case.officer, dossier=d)
    return actions.dossier_receive(acting_user=case.office, dossier=d)
