"""The demo's Tây Hồ 2017 (demo/reports.py): the district's report reads the seed's counts (practice.md §7):
59 CSTĐCS, 83 LĐTT, 63 individual and 21 collective Giấy khen, 39 collective titles, decided by the district;
the city's Cờ, Tập thể lao động xuất sắc and Bằng khen beside them. Money is the law's of 18/12/2017: 190,580,000 đ
for the district, 780,000 đ short of the 191,360,000 đ reported (dossiers/tests/test_tay_ho_2017.py)."""

from datetime import date

import pytest

from decisions.models import Award
from demo.reports import build_tay_ho_2017
from reports import selectors
from rulebook.models import AwardType
from tdkt.testing import person, unit
from tdkt.testing.tayho import REPORTED_TOTAL

pytestmark = pytest.mark.django_db

CLOSED = date(2025, 6, 30)


@pytest.fixture
def tay_ho(world):
    district = unit("HN-TH", "Quận Tây Hồ", "district", world.city, valid_to=CLOSED)
    # The district's eight wards of 2017 and their offices, as the demo's tree has them.
    names = (("PT", "Phú Thượng"), ("NT", "Nhật Tân"), ("TL", "Tứ Liên"), ("QA", "Quảng An"), ("XL", "Xuân La"),
             ("YP", "Yên Phụ"), ("BU", "Bưởi"), ("TK", "Thụy Khuê"))
    wards = [unit(f"HN-TH-{c}", f"Phường {n}", "commune", district, valid_to=CLOSED) for c, n in names]
    offices = [unit(f"HN-TH-{c}-VP", f"Văn phòng HĐND và UBND phường {n}", "agency", w, valid_to=CLOSED)
               for (c, n), w in zip(names, wards)]
    staff = person("CB0900", "Vũ Văn Hùng", offices[0], start=date(2015, 1, 1))
    # A generated award of 2017 in the district, replaced by the seed's; one of 2018 stays.
    ldtt = AwardType.objects.get(code="LDTT")
    Award.objects.create(award_type=ldtt, person=staff, year=2017)
    Award.objects.create(award_type=ldtt, person=staff, year=2018)
    built = build_tay_ho_2017()
    return district, built, staff


def test_the_district_report_of_2017_reads_the_seed_counts(tay_ho):
    district, built, staff = tay_ho
    r = selectors.year_report(district, 2017)
    by_award = {line.key.code: (line.individuals, line.collectives) for line in r["by_award"]}
    assert by_award["CSTDCS"] == (59, 0)
    assert by_award["LDTT"] == (83, 0)
    assert by_award["TTLDTT"] == (0, 39)
    assert by_award["GK"] == (63, 21)
    district_level = next(line for line in r["by_level"] if line.key == "district")
    assert (district_level.individuals, district_level.collectives) == (59 + 83 + 63, 21 + 39)
    assert district_level.money == built["district_money"] == 190_580_000 == REPORTED_TOTAL - 780_000
    city = next(line for line in r["by_level"] if line.key == "province")
    assert by_award["CO_TINH"] == (0, 1) and city.individuals == 13
    assert not Award.objects.filter(person=staff, year=2017).exists()
    assert Award.objects.filter(person=staff, year=2018).exists()


def test_the_conference_honours_the_city_flag_first(tay_ho):
    district, _built, _staff = tay_ho
    honours = selectors.honour_list(district, 2017, min_rank=AwardType.objects.get(code="CSTDCS").rank)
    assert honours[0]["award"] == AwardType.objects.get(code="CO_TINH").name
    assert honours[0]["name"] == "Phường Phú Thượng"
    assert all(h["collective"] for h in honours[:1 + 3]) and not honours[-1]["collective"]


def test_the_command_loads_it_once_into_a_demo(world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="hãy nạp dữ liệu mẫu trước"):
        call_command("demo-tay-ho-2017")
    district = unit("HN-TH", "Quận Tây Hồ", "district", world.city, valid_to=CLOSED)
    for c, n in (("PT", "Phú Thượng"), ("NT", "Nhật Tân")):
        unit(f"HN-TH-{c}", f"Phường {n}", "commune", district, valid_to=CLOSED)
    out = StringIO()
    call_command("demo-tay-ho-2017", stdout=out)
    assert "142 cán bộ" in out.getvalue() and "tiền thưởng của quận 190.580.000 đồng" in out.getvalue()
    with pytest.raises(CommandError, match="đã được nạp"):
        call_command("demo-tay-ho-2017")
