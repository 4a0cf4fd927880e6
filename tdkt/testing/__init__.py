"""Test helpers: a small city and the persona set of the design notes.

Personas (design.md): officer of ward A, officer of sibling ward B, the
standing-office specialist, a council member, the chairman, a citizen (no
account), plus the system administrator (a superuser), an administrator by role
who is not a superuser (``city_admin``) and the ward's standing-office
specialist (``ward_specialist``).

The builders the apps' tests share live beside it: ``history`` (history files and
the command line), ``dossiers``, ``plans``, ``registration``, ``movements``,
``records``, ``documents`` (Word files) and ``hostile_files``. Fixtures live in
conftest.py.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from org.models import Employment, Membership, Person, Role, Unit

PASSWORD = "Mat-khau-thu-nghiem-2025"


@dataclass
class World:
    city: Unit
    ward_a: Unit
    ward_b: Unit
    school_a: Unit
    office_a: Unit
    old_ward: Unit
    thinh: Person
    person_b: Person
    users: dict


def unit(code, name, kind, parent=None, **kw):
    u = Unit(code=code, name=name, kind=kind, **kw)
    u.fill_derived()
    return Unit.objects.add_child(parent, instance=u) if parent else Unit.objects.add_root(instance=u)


def person(code, full_name, unit_, position="Chuyên viên", start=date(2020, 1, 1), **kw):
    p = Person.objects.create(code=code, full_name=full_name, unit=unit_, position=position, **kw)
    Employment.objects.create(person=p, unit=unit_, position=position, start=start)
    return p


def user(username, role=None, unit_=None, **kw):
    u = get_user_model().objects.create_user(username=username, password=PASSWORD, full_name=kw.pop("full_name", username), **kw)
    if role:
        Membership.objects.create(user=u, unit=unit_, role=role)
    return u


def build_world() -> World:
    city = unit("HN", "Thành phố Hà Nội", "province")
    ward_a = unit("HN-PLU", "Phường Phú Lương", "commune", city, valid_from=date(2025, 7, 1))
    ward_b = unit("HN-YN", "Phường Yên Nghĩa", "commune", city, valid_from=date(2025, 7, 1))
    office_a = unit("HN-PLU-VP", "Văn phòng HĐND và UBND phường Phú Lương", "agency", ward_a, valid_from=date(2025, 7, 1))
    school_a = unit("HN-PLU-THCS", "Trường THCS Phú Lương", "school", ward_a, valid_from=date(1998, 9, 1))
    district = unit("HN-HD", "Quận Hà Đông", "district", city, valid_to=date(2025, 6, 30))
    old_ward = unit("HN-HD-PL", "Phường Phú Lãm", "commune", district, valid_to=date(2025, 6, 30))
    old_ward.successor = ward_a
    old_ward.save()
    thinh = person("CB0001", "Nguyễn Thị Thịnh", office_a, gender="female", birth_date=date(1980, 2, 1))
    person("CB0002", "Trần Văn An", office_a, gender="male")
    person("CB0003", "Lê Thị Ánh", school_a, position="Giáo viên", gender="female")
    person_b = person("CB0101", "Phạm Minh Đức", ward_b, gender="male")
    users = {
        "officer_a": user("officer_a", Role.UNIT_OFFICER, ward_a),
        "officer_b": user("officer_b", Role.UNIT_OFFICER, ward_b),
        "specialist": user("specialist", Role.SPECIALIST, city),
        "council": user("council", Role.COUNCIL_MEMBER, ward_a),
        "chairman": user("chairman", Role.CHAIRMAN, ward_a),
        "admin": user("admin", Role.ADMIN, city, is_superuser=True, is_staff=True),
        # An administrator by role only (not a superuser): what the role grants, nothing more.
        "city_admin": user("city_admin", Role.ADMIN, city),
        # The ward's own standing office (Văn phòng phường): a specialist at ward level.
        "ward_specialist": user("ward_specialist", Role.SPECIALIST, ward_a),
    }
    return World(city, ward_a, ward_b, school_a, office_a, old_ward, thinh, person_b, users)
