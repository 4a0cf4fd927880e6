"""Test builder of the year-end report (reports/): a small year-end of Phường Phú Lương (the test world's ward A), 2025, counted by hand.

Awards of 2025 under the ward (revoked ones and other wards' left out):

| recipient                          | where (2025)      | position                | award    | money      |
|------------------------------------|-------------------|-------------------------|----------|------------|
| Nguyễn Thị Thịnh                   | office            | Chuyên viên             | LĐTT     |    702.000 |
| Nguyễn Thị Thịnh                   | office            | Chuyên viên             | CSTĐCS   |  1.170.000 |
| Nguyễn Thị Thịnh                   | office            | Chuyên viên             | BK tỉnh  |  2.340.000 (the city's decision 12/QĐ-UBND) |
| Hoàng Văn Bình                     | office            | Chủ tịch UBND phường    | LĐTT     |    702.000 |
| Lê Thị Ánh                         | school            | Giáo viên               | LĐTT     |    702.000 |
| Lê Thị Ánh                         | school            | Giáo viên               | Giấy khen|    351.000 |
| Trường THCS Phú Lương              | school            |                         | TTLĐTT   |  1.404.000 |

6 individual awards, 1 collective; 7.371.000 đ in all; 5 of the 6 individual awards to people who work directly
(Bình is a chairman); the one collective is small (a school without units under it). Not counted: Ánh's Bằng khen
revoked; Đỗ Văn Cường's LĐTT (no money on record): he taught at the school until 30/06/2025 and ended the year in
ward B, where it is counted; Phạm Minh Đức of ward B; the awards of 2024 (Thịnh's LĐTT, in the comparison of years
only).
"""

from datetime import date

from decisions.models import Award, Decision
from org.models import Employment
from rulebook.models import AwardType
from tdkt.testing import person

YEAR = 2025
TOTAL_MONEY = 702_000 * 3 + 1_170_000 + 2_340_000 + 351_000 + 1_404_000


def award(code, *, person=None, unit=None, year=YEAR, amount=None, **kw):
    return Award.objects.create(award_type=AwardType.objects.get(code=code), person=person, unit=unit, year=year,
                                amount=amount, **kw)


def build(world):
    binh = person("CB0004", "Hoàng Văn Bình", world.office_a, position="Chủ tịch UBND phường")
    anh = world.school_a.people.get(code="CB0003")
    cuong = person("CB0005", "Đỗ Văn Cường", world.school_a, position="Giáo viên", start=date(2019, 9, 1))
    Employment.objects.filter(person=cuong).update(end=date(2025, 6, 30))
    Employment.objects.create(person=cuong, unit=world.ward_b, position="Giáo viên", start=date(2025, 7, 1))
    cuong.unit = world.ward_b
    cuong.save()
    city_decision = Decision.objects.create(authority=world.city, number="12", date=date(2026, 1, 20), year=YEAR,
                                            subject="Về việc tặng Bằng khen", signer_name="Nguyễn Đức Minh")
    thinh = world.thinh
    award("LDTT", person=thinh, amount=702_000, source="decision")
    award("CSTDCS", person=thinh, amount=1_170_000, source="decision")
    award("BK_TINH", person=thinh, amount=2_340_000, source="decision", decision=city_decision,
          decision_number="12/QĐ-UBND", decision_date=date(2026, 1, 20))
    award("LDTT", person=binh, amount=702_000, source="decision")
    award("LDTT", person=anh, amount=702_000, source="history")
    award("GK", person=anh, amount=351_000, source="manual")
    award("BK_TINH", person=anh, amount=2_340_000, revoked_on=date(2026, 3, 1))
    award("LDTT", person=cuong)
    award("TTLDTT", unit=world.school_a, amount=1_404_000, source="history")
    award("LDTT", person=world.person_b, amount=702_000)
    award("LDTT", person=thinh, year=YEAR - 1, amount=670_000)
    return {"binh": binh, "anh": anh, "cuong": cuong, "city_decision": city_decision}
