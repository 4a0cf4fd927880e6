"""The year-end report's demo: Quận Tây Hồ's year 2017 as the seed documents tell it (practice.md §7, the
conference of 18/12/2017), so that the report of the district for 2017 reads the seed's figures. Loaded by
``tdkt demo-tay-ho-2017`` after ``tdkt demo`` (not by ``tdkt demo`` itself: the seed's year breaks rules the
generated history keeps — 59 CSTĐCS against 83 LĐTT is beyond the 15% cap of Nghị định 91/2017, and the decisions
are of December, not January —, which the demo's tests check).

The district gave "Chiến sĩ thi đua cơ sở" to 59 people, "Lao động tiên tiến" to 83, Giấy khen to 63 people and
21 collectives, and 39 collective titles (35 "Tập thể lao động tiên tiến" and 4 "Tập thể tiên tiến", recorded as
Tập thể lao động tiên tiến as in tdkt/testing/tayho.py); the city gave its Cờ thi đua to Phường Phú Thượng,
"Tập thể lao động xuất sắc" to 10 collectives and its Bằng khen to 2 collectives and 13 people.

The generated demo has too few units and people in the district in 2017 for those counts, so this adds the
district's schools, health stations and offices of the time (closed on 30/06/2025 with the district) and 142 of
their staff (working there 2010–30/06/2025), rated for 2017, and replaces the district's generated awards of 2017
with the seed's. Money is the law's on the decision date (Nghị định 91/2017, base salary 1,300,000 đ): the
district's awards come to 190,580,000 đ, 780,000 đ (one collective Giấy khen) short of the 191,360,000 đ the
conference reported (dossiers/tests/test_tay_ho_2017.py explains the gap)."""

import random
from datetime import date

from decisions.models import Award
from org.models import Employment, Person, Unit, UnitKind
from records.models import Rating, RatingLevel
from rulebook.authorities import issuer_of
from rulebook.bonus import compute_bonus
from rulebook.models import AwardType

YEAR = 2017
DECISION_DATE = date(2017, 12, 18)
DISTRICT = "HN-TH"
CSTDCS, LDTT, GK_PEOPLE, GK_UNITS, TITLES = 59, 83, 63, 21, 39
CITY_TTLDXS, CITY_BK_UNITS, CITY_BK_PEOPLE, CITY_FLAG_TO = 10, 2, 13, "HN-TH-PT"
# The district's and the city's decisions of the year-end (made-up numbers: the seed does not give them).
DISTRICT_DECISION, CITY_DECISION = "3528/QĐ-UBND", "6716/QĐ-UBND"
OPENED, CLOSED = date(2000, 1, 1), date(2025, 6, 30)

_DISTRICT_UNITS = ("Trung tâm Y tế quận Tây Hồ", "Trung tâm Văn hóa - Thông tin và Thể thao quận Tây Hồ",
                   "Ban Quản lý dự án đầu tư xây dựng quận Tây Hồ", "Đội Quản lý trật tự xây dựng đô thị quận Tây Hồ",
                   "Phòng Tài chính - Kế hoạch quận Tây Hồ", "Phòng Tài nguyên và Môi trường quận Tây Hồ",
                   "Phòng Kinh tế quận Tây Hồ")
# Used only when the district has fewer wards than the demo's eight (39 collectives are needed).
_MORE_UNITS = ("Phòng Lao động - Thương binh và Xã hội quận Tây Hồ", "Phòng Quản lý đô thị quận Tây Hồ",
               "Phòng Tư pháp quận Tây Hồ", "Phòng Y tế quận Tây Hồ", "Thanh tra quận Tây Hồ",
               "Trung tâm Phát triển quỹ đất quận Tây Hồ", "Ban Bồi thường giải phóng mặt bằng quận Tây Hồ",
               "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên quận Tây Hồ")
_WARD_UNITS = (("MN", "Trường Mầm non {}", UnitKind.SCHOOL, ("Hiệu trưởng", "Giáo viên")),
               ("TH", "Trường Tiểu học {}", UnitKind.SCHOOL, ("Hiệu trưởng", "Giáo viên")),
               ("THCS", "Trường THCS {}", UnitKind.SCHOOL, ("Hiệu trưởng", "Giáo viên")),
               ("TYT", "Trạm Y tế phường {}", UnitKind.OTHER, ("Trạm trưởng", "Y sĩ")))


def _units(district) -> list[tuple[Unit, tuple]]:
    """The district's units of 2017 that the generated tree lacks: four under each ward, seven of the district."""
    out = []
    for ward in Unit.objects.filter(path__startswith=district.path, depth=district.depth + 1,
                                    kind=UnitKind.COMMUNE).order_by("path"):
        place = ward.name.removeprefix("Phường ").strip()
        for suffix, pattern, kind, positions in _WARD_UNITS:
            u = Unit(code=f"{ward.code}-{suffix}17", name=pattern.format(place), kind=kind, valid_from=OPENED,
                     valid_to=CLOSED, successor=ward.successor)
            u.fill_derived()
            out.append((Unit.objects.add_child(ward, instance=u), positions))
            ward.refresh_from_db()
    wanted = _DISTRICT_UNITS + _MORE_UNITS[:max(0, TITLES - len(out) - len(_DISTRICT_UNITS))]
    wanted += tuple(f"Đơn vị sự nghiệp số {i} quận Tây Hồ" for i in range(1, TITLES - len(out) - len(wanted) + 1))
    for i, name in enumerate(wanted, start=1):
        head = "Giám đốc" if name.startswith(("Trung tâm", "Ban")) else "Đội trưởng" if name.startswith("Đội") else "Trưởng phòng"
        u = Unit(code=f"{DISTRICT}-DV{i:02d}", name=name, kind=UnitKind.AGENCY, valid_from=OPENED, valid_to=CLOSED,
                 successor=district.successor)
        u.fill_derived()
        out.append((Unit.objects.add_child(district, instance=u), (head, "Chuyên viên")))
        district.refresh_from_db()
    return out


def _people(units, n, rng) -> list[Person]:
    from .people import SPECIAL_NAME, Names

    names, people, jobs = Names(), [], []
    for i in range(n):
        unit, (head, staff) = units[i % len(units)]
        gender = "female" if rng.random() < 0.6 else "male"
        birth = date(rng.randint(1965, 1992), rng.randint(1, 12), rng.randint(1, 28))
        name = names.make(rng, gender, birth.year)
        while name == SPECIAL_NAME:
            name = names.make(rng, gender, birth.year)
        position = head if i < len(units) else staff
        p = Person(code=f"TH17-{i + 1:03d}", full_name=name, gender=gender, birth_date=birth, position=position, unit=unit)
        p.fill_derived()
        people.append(p)
    Person.objects.bulk_create(people)
    for p in people:
        jobs.append(Employment(person=p, unit_id=p.unit_id, position=p.position, start=date(2010, 1, 1), end=CLOSED))
    Employment.objects.bulk_create(jobs)
    return people


def build_tay_ho_2017(seed=2025) -> dict:
    """Tây Hồ's 2017 year-end as the seed counts it (see the module's docstring); returns what was made."""
    from reports.figures import year_awards

    district = Unit.objects.filter(code=DISTRICT).first()
    if district is None:
        return {"awards": 0}
    rng = random.Random(seed + 2017)
    # The generated awards of 2017 that belong to the district give way to the seed's.
    Award.objects.filter(pk__in=list(year_awards(district, YEAR).values_list("pk", flat=True))).delete()
    units = _units(district)
    people = _people(units, CSTDCS + LDTT, rng)
    types = {t.code: t for t in AwardType.objects.filter(code__in=["CSTDCS", "LDTT", "GK", "TTLDTT", "TTLDXS", "BK_TINH", "CO_TINH"])}
    district_issuer, city_issuer = issuer_of("district"), issuer_of("province")
    money = {}

    def amount(code, kind, issuer):
        if (code, kind, issuer) not in money:
            money[code, kind, issuer] = compute_bonus(code, kind, DECISION_DATE, issuer).amount
        return money[code, kind, issuer]

    awards, ratings = [], []

    def give(code, *, person=None, unit=None, city=False):
        kind = "individual" if person is not None else "collective"
        issuer = city_issuer if city else district_issuer
        awards.append(Award(award_type=types[code], person=person, unit=unit, year=YEAR, source="history",
                            decision_number=CITY_DECISION if city else DISTRICT_DECISION, decision_date=DECISION_DATE,
                            amount=amount(code, kind, issuer)))

    cstdcs, ldtt = people[:CSTDCS], people[CSTDCS:]
    for p in cstdcs:
        give("CSTDCS", person=p)
        ratings.append(Rating(person=p, year=YEAR, level=RatingLevel.HTXSNV))
    for p in ldtt:
        give("LDTT", person=p)
        ratings.append(Rating(person=p, year=YEAR, level=RatingLevel.HTTNV))
    for p in ldtt[:GK_PEOPLE]:
        give("GK", person=p)
    titled = [u for u, _positions in units][:TITLES]
    for u in titled:
        give("TTLDTT", unit=u)
        ratings.append(Rating(unit=u, year=YEAR, level=RatingLevel.HTTNV))
    for u in titled[:GK_UNITS]:
        give("GK", unit=u)
    # The city's awards read at the same conference.
    others = list(Unit.objects.filter(path__startswith=district.path, depth__gt=district.depth, valid_to__isnull=False)
                  .exclude(pk__in=[u.pk for u in titled]).exclude(code__endswith="17")
                  .exclude(code__startswith=f"{DISTRICT}-DV").order_by("path"))
    flag = next(u for u in others if u.code == CITY_FLAG_TO)
    give("CO_TINH", unit=flag, city=True)
    for u in [u for u in others if u.pk != flag.pk][:CITY_TTLDXS]:
        give("TTLDXS", unit=u, city=True)
    for u in titled[:CITY_BK_UNITS]:
        give("BK_TINH", unit=u, city=True)
    for p in cstdcs[:CITY_BK_PEOPLE]:
        give("BK_TINH", person=p, city=True)
    Rating.objects.bulk_create(ratings, ignore_conflicts=True)
    Award.objects.bulk_create(awards)
    district_money = sum(a.amount for a in awards if a.decision_number == DISTRICT_DECISION)
    return {"awards": len(awards), "units": len(units), "people": len(people), "district_money": district_money}
