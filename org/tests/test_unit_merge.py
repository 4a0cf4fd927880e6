"""Recording a merge: old units stay in history and point to their successor."""

from datetime import date

import pytest
from django.urls import reverse

from org.models import Employment, Unit
from tdkt.testing import person, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def wards(world):
    a = unit("HN-W1", "Phường Văn Quán", "commune", world.city, valid_from=date(2000, 1, 1))
    b = unit("HN-W2", "Phường Mộ Lao", "commune", world.city, valid_from=date(2000, 1, 1))
    target = unit("HN-W3", "Phường Hà Đông", "commune", world.city, valid_from=date(2025, 7, 1))
    school = unit("HN-W1-TH", "Trường Tiểu học Văn Quán", "school", a, valid_from=date(1995, 9, 1))
    p = person("CBW1", "Đỗ Thu Hà", a, start=date(2015, 3, 1))
    return a, b, target, school, p


def test_merge_closes_old_units_moves_people_and_children(as_user, world, wards):
    a, b, target, school, p = wards
    response = as_user("specialist").post(reverse("org:unit_merge", args=[target.pk]), {
        "units": [a.pk, b.pk], "on": "01/07/2025", "move_people": "on", "move_children": "on",
        "note": "Nghị quyết 1656/NQ-UBTVQH15"})
    assert response.status_code == 302
    a.refresh_from_db(); b.refresh_from_db(); school.refresh_from_db(); p.refresh_from_db()
    assert (a.valid_to, a.successor) == (date(2025, 6, 30), target)
    assert (b.valid_to, b.successor) == (date(2025, 6, 30), target)
    assert Unit.objects.get_parent(school).pk == target.pk
    assert p.unit == target
    assert [(e.unit_id, e.end) for e in Employment.objects.filter(person=p).order_by("start")] == [
        (a.pk, date(2025, 6, 30)), (target.pk, None)]
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    # The old unit's page says where it went; the successor lists its predecessors.
    old_page = as_user("specialist").get(reverse("org:unit_detail", args=[a.pk])).content.decode()
    assert "Đơn vị kế thừa" in old_page and "Phường Hà Đông" in old_page
    new_page = as_user("specialist").get(reverse("org:unit_detail", args=[target.pk])).content.decode()
    assert "Đơn vị tiền thân" in new_page and "Phường Văn Quán" in new_page and "Phường Mộ Lao" in new_page
    # Dissolved units are hidden from the tree unless asked for.
    tree = as_user("specialist").get(reverse("org:unit_tree_children", args=[world.city.pk])).content.decode()
    assert "Phường Văn Quán" not in tree
    tree = as_user("specialist").get(reverse("org:unit_tree_children", args=[world.city.pk]) + "?all=1").content.decode()
    assert "Phường Văn Quán" in tree


def test_merge_into_itself_or_without_units_is_refused(as_user, world, wards):
    a, b, target, school, p = wards
    body = as_user("specialist").post(reverse("org:unit_merge", args=[target.pk]), {"on": "01/07/2025"}).content.decode()
    assert "Chọn ít nhất một đơn vị được sáp nhập." in body
    body = as_user("specialist").post(reverse("org:unit_merge", args=[target.pk]), {"units": [a.pk], "on": ""}).content.decode()
    assert "Chưa nhập ngày có hiệu lực." in body
    a.refresh_from_db()
    assert a.valid_to is None and a.successor is None


def test_merge_dated_before_a_unit_began_writes_nothing(as_user, world, wards):
    a, b, target, school, p = wards
    body = as_user("specialist").post(reverse("org:unit_merge", args=[target.pk]), {
        "units": [a.pk, b.pk], "on": "01/01/1999", "move_people": "on"}).content.decode()
    assert "Ngày sáp nhập phải sau ngày “Phường Văn Quán” bắt đầu hoạt động (01/01/2000)." in body
    a.refresh_from_db(); b.refresh_from_db(); p.refresh_from_db()
    assert a.valid_to is None and b.valid_to is None and p.unit == a
    assert Employment.objects.filter(person=p).count() == 1


def test_ward_officer_cannot_merge(as_user, world, wards):
    a, b, target, school, p = wards
    assert as_user("officer_a").post(reverse("org:unit_merge", args=[world.ward_a.pk]), {
        "units": [a.pk], "on": "01/07/2025"}).status_code == 404
    a.refresh_from_db()
    assert a.successor is None
