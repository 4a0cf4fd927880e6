"""The demo data (`tdkt demo`): what someone opening the demo would notice."""

import hashlib
import io
from collections import defaultdict
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Q

from core.text import fold
from org.demo import DEMO_ACCOUNTS, build
from org.demo.data import REFERENCE_DATE
from decisions.models import Award
from initiatives.models import Initiative
from org.models import Employment, Membership, Person, Unit
from records.models import Discipline, Rating

CLOSED = date(2025, 6, 30)
MERGED = date(2025, 7, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build(seed=2025)


def _digest() -> str:
    h = hashlib.sha256()
    for row in Person.objects.order_by("code").values_list("code", "full_name", "gender", "birth_date", "position", "unit__code"):
        h.update(repr(row).encode())
    for row in Employment.objects.order_by("person__code", "start").values_list("person__code", "unit__code", "position", "start", "end"):
        h.update(repr(row).encode())
    for row in Unit.objects.order_by("path").values_list("path", "code", "name", "valid_from", "valid_to", "successor__code"):
        h.update(repr(row).encode())
    for row in Rating.objects.order_by("person__code", "unit__code", "year").values_list("person__code", "unit__code", "year", "level"):
        h.update(repr(row).encode())
    for row in Award.objects.order_by("person__code", "unit__code", "year", "award_type__code").values_list(
            "person__code", "unit__code", "year", "award_type__code", "decision_number", "decision_date"):
        h.update(repr(row).encode())
    for row in Initiative.objects.order_by("code").values_list("code", "title", "scope", "recognized_on", "recognized_by"):
        h.update(repr(row).encode())
    for row in Discipline.objects.order_by("person__code", "date").values_list("person__code", "date", "level"):
        h.update(repr(row).encode())
    return h.hexdigest()


def _wipe():
    from movements.models import Movement, Plan

    Movement.objects.all().delete()
    Plan.objects.update(parent=None)
    Plan.objects.all().delete()
    Award.objects.all().delete()
    Initiative.objects.all().delete()
    Membership.objects.all().delete()
    get_user_model().objects.all().delete()
    Employment.objects.all().delete()
    Person.objects.all().delete()
    Unit.objects.update(successor=None)
    Unit.objects.all().delete()


def test_command_builds_the_demo_and_says_what_it_made():
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert text.startswith("Đã tạo ")
    assert "cán bộ" in text and "đơn vị" in text
    assert "kết quả xếp loại" in text and "khen thưởng" in text
    assert text.rstrip().endswith("giây.")
    assert Unit.objects.filter(code="HN", kind="province").exists()


def test_same_seed_gives_the_same_data_and_another_seed_does_not():
    build(seed=11)
    first = _digest()
    _wipe()
    build(seed=11)
    assert _digest() == first
    _wipe()
    build(seed=12)
    assert _digest() != first


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
        "admin", "sonoivu", "phuluong", "yennghia", "vp.phuluong", "hoidong", "chutich", "truong.thcs",
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
        "vp.phuluong": "specialist", "hoidong": "council_member", "chutich": "chairman", "truong.thcs": "unit_officer",
    }
    chairman = User.objects.get(username="chutich").person
    assert chairman.position == "Chủ tịch UBND phường" and chairman.unit.code == "HN-PLU-VP"
    assert User.objects.get(username="truong.thcs").person.position == "Hiệu trưởng"


def test_running_it_again_refuses_and_changes_nothing():
    call_command("demo", stdout=io.StringIO())
    before = (Unit.objects.count(), Person.objects.count(), Employment.objects.count())
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("demo", stdout=io.StringIO(), stderr=err)
    assert exit_.value.code == 1
    assert "Cơ sở dữ liệu đã có" in err.getvalue() and "trống" in err.getvalue()
    assert (Unit.objects.count(), Person.objects.count(), Employment.objects.count()) == before
