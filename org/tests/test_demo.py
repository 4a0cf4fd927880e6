"""The demo data (`tdkt demo`): what someone opening the demo would notice.

The demo is built once for this module (conftest.py's ``demo``); the command itself is tested
in test_demo_command.py, on an empty database."""

from collections import defaultdict
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from core.text import fold
from demo.builder import DEMO_ACCOUNTS
from demo.data import REFERENCE_DATE
from org.models import Employment, Membership, Person, Unit

CLOSED = date(2025, 6, 30)
MERGED = date(2025, 7, 1)

pytestmark = pytest.mark.django_db


def test_about_two_thousand_people_work_in_units_that_exist_today(demo):
    active = Q(unit__valid_from__isnull=True) | Q(unit__valid_from__lte=REFERENCE_DATE)
    active &= Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gte=REFERENCE_DATE)
    current = Person.objects.filter(active).count()
    assert 1800 <= current <= 2300
    assert current == Person.objects.count() == demo["people"]


def test_phu_lam_ward_closed_on_merger_and_went_to_phu_luong(demo):
    phu_lam = Unit.objects.get(name="Phường Phú Lãm")
    assert phu_lam.valid_to == CLOSED
    assert phu_lam.successor.name == "Phường Phú Lương"
    assert phu_lam.successor.valid_from == MERGED
    assert Unit.objects.get_parent(phu_lam).name == "Quận Hà Đông"
    office = Unit.objects.get(name="Văn phòng HĐND và UBND phường Phú Lãm")
    assert office.successor.name == "Văn phòng HĐND và UBND phường Phú Lương"


def test_the_four_districts_closed_on_30_june_2025(demo):
    districts = Unit.objects.filter(kind="district")
    assert sorted(districts.values_list("name", flat=True)) == sorted(
        ["Quận Thanh Xuân", "Quận Tây Hồ", "Quận Hai Bà Trưng", "Quận Hà Đông"]
    )
    assert set(districts.values_list("valid_to", flat=True)) == {CLOSED}
    for district in districts:
        children = Unit.objects.get_children(district)
        assert children.filter(kind="commune").count() >= 8
        assert set(children.values_list("valid_to", flat=True)) == {CLOSED}
        assert not children.filter(successor__isnull=True).exists()


def test_every_old_ward_points_to_a_merged_ward_of_today(demo):
    old_wards = Unit.objects.filter(kind="commune", valid_to=CLOSED)
    assert old_wards.count() == 11 + 8 + 16 + 17
    assert not old_wards.exclude(successor__valid_from=MERGED, successor__valid_to__isnull=True,
                                 successor__kind="commune").exists()
    assert Unit.objects.filter(kind="commune", valid_from=MERGED, depth=2).count() == 13


def test_nguyen_thi_thinh_can_be_found(demo):
    [thinh] = Person.objects.filter(full_name="Nguyễn Thị Thịnh")
    assert thinh.position == "Chuyên viên"
    assert thinh.unit.name == "Văn phòng HĐND và UBND phường Phú Lương"
    assert list(Person.objects.filter(search_text__contains=fold("Nguyễn Thị Thịnh"))) == [thinh]
    history = list(thinh.employments.order_by("start").values_list("unit__name", "end"))
    assert history[-2:] == [("Văn phòng HĐND và UBND phường Phú Lãm", CLOSED),
                            ("Văn phòng HĐND và UBND phường Phú Lương", None)]


def test_work_histories_do_not_overlap_and_exactly_one_is_open(demo):
    rows = defaultdict(list)
    for row in Employment.objects.select_related("unit").order_by("start"):
        rows[row.person_id].append(row)
    people = Person.objects.in_bulk()
    assert set(rows) == set(people)
    for person_id, history in rows.items():
        person = people[person_id]
        open_rows = [r for r in history if r.end is None]
        assert len(open_rows) == 1, person.full_name
        assert open_rows[0] is history[-1] and open_rows[0].unit_id == person.unit_id
        assert history[-1].position == person.position
        adult = person.birth_date.replace(year=person.birth_date.year + 18)
        assert history[0].start > adult, person.full_name
        for before, after in zip(history, history[1:]):
            assert before.end is not None and before.end < after.start, person.full_name
        for row in history:  # every job was in a unit that existed at the time
            assert row.unit.valid_from is None or row.unit.valid_from <= row.start
            assert row.unit.valid_to is None or (row.end is not None and row.end <= row.unit.valid_to)


def test_staff_of_merged_offices_moved_on_merger_day_and_schools_kept_theirs(demo):
    moved = Employment.objects.filter(end=CLOSED)
    assert moved.count() > 300
    city = Unit.objects.get(code="HN")
    for row in moved.select_related("unit"):
        after = Employment.objects.select_related("unit").get(person=row.person_id, start__gt=row.end)
        assert after.start == MERGED
        # to the successor; some staff of the district agencies went up to a city agency instead
        went_up = row.unit.depth == 3 and after.unit.kind == "agency" and after.unit.path.startswith(city.path)
        assert after.unit_id == row.unit.successor_id or (went_up and after.unit.depth in (2, 3)), row
    # Schools and health stations went on: nobody's row there is cut at the merger.
    assert not Employment.objects.filter(end=CLOSED, unit__kind__in=["school", "other"]).exists()


def test_tree_passes_treebeards_own_checks(demo):
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    hn = Unit.objects.get(code="HN")
    assert hn.is_root() and Unit.objects.count() == demo["units"] == Unit.objects.get_descendant_count(hn) + 1
    assert Unit.objects.get_parent(Unit.objects.get(code="HN-PLU-THCS")).code == "HN-PLU"


def test_every_unit_and_person_is_searchable_and_sorted(demo):
    assert not Unit.objects.filter(Q(search_text="") | Q(sort_key="")).exists()
    assert not Person.objects.filter(Q(search_text="") | Q(sort_key="")).exists()


def test_demo_accounts_log_in_with_the_demo_password_and_hold_their_roles(demo):
    User = get_user_model()
    assert [a.username for a in DEMO_ACCOUNTS] == [
        "admin", "sonoivu", "phuluong", "yennghia", "vp.phuluong", "hoidong", "hoidong2", "hoidong3", "chutich",
        "truong.thcs", "vp.yennghia", "hoidong.yennghia", "hoidong.yennghia2", "hoidong.yennghia3", "hoidong.thanhpho",
        "hoidong.thanhpho2", "hoidong.thanhpho3", "chutich.thanhpho",
    ]
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert user.full_name
        [membership] = user.memberships.select_related("unit")
        assert membership.unit.name == account.unit
    assert User.objects.get(username="admin").is_superuser
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {
        "admin": "admin", "sonoivu": "specialist", "phuluong": "unit_officer", "yennghia": "unit_officer",
        "vp.phuluong": "specialist", "hoidong": "council_member", "hoidong2": "council_member", "hoidong3": "council_member",
        "chutich": "chairman", "truong.thcs": "unit_officer", "vp.yennghia": "specialist",
        **{f"hoidong.{place}{n}": "council_member" for place in ("yennghia", "thanhpho") for n in ("", "2", "3")},
        "chutich.thanhpho": "chairman",
    }
    chairman = User.objects.get(username="chutich").person
    assert chairman.position == "Chủ tịch UBND phường" and chairman.unit.code == "HN-PLU-VP"
    assert User.objects.get(username="truong.thcs").person.position == "Hiệu trưởng"
    city_chairman = User.objects.get(username="chutich.thanhpho").person
    assert city_chairman.position == "Chủ tịch UBND Thành phố" and city_chairman.unit.code == "HN-VP"


