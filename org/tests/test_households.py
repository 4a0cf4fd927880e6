"""A household (hộ gia đình) is a recipient of its own: it belongs to a residential group (or directly to a
commune), has a head (chủ hộ) and an address; an agency is never a household and has no head."""

import pytest
from django.core.exceptions import ValidationError

from org import actions
from org.models import Unit, UnitKind
from tdkt.testing import unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def tdp(world):
    return unit("HN-PLU-TDP5", "Tổ dân phố số 5", "residential_group", world.ward_a)


def test_a_household_under_its_residential_group_with_head_and_address(world, tdp, as_user):
    r = as_user("ward_specialist").post(f"/don-vi/moi/?parent={tdp.pk}", {
        "code": "HN-PLU-TDP5-H01", "name": "Hộ ông Nguyễn Văn Bình", "kind": "household", "valid_from": "01/01/2020",
        "head_name": "  Nguyễn   Văn Bình ", "address": "Số 12 ngõ 3 phố Phú Lương"})
    assert r.status_code == 302
    h = Unit.objects.get(code="HN-PLU-TDP5-H01")
    assert (h.kind, h.head_name, h.path[:-h.steplen]) == (UnitKind.HOUSEHOLD, "Nguyễn Văn Bình", tdp.path)
    page = as_user("ward_specialist").get(f"/don-vi/{h.pk}/").content.decode()
    assert "Chủ hộ" in page and "Nguyễn Văn Bình" in page


def test_a_household_needs_its_head_and_address_and_a_place(world, tdp):
    who = world.users["ward_specialist"]
    with pytest.raises(ValidationError) as e:
        actions.unit_create(acting_user=who, parent=tdp, code="H02", name="Hộ bà Lan", kind="household")
    assert e.value.message_dict == {"head_name": ["Hộ gia đình cần ghi họ và tên chủ hộ."],
                                    "address": ["Hộ gia đình cần ghi địa chỉ."]}
    with pytest.raises(ValidationError) as e:
        actions.unit_create(acting_user=who, parent=world.office_a, code="H03", name="Hộ bà Lan", kind="household",
                            head_name="Trần Thị Lan", address="Số 1 phố Phú Lương")
    assert "Văn phòng HĐND và UBND phường Phú Lương" in e.value.message_dict["parent"][0]
    with pytest.raises(ValidationError) as e:
        actions.unit_create(acting_user=who, parent=world.ward_a, code="VP2", name="Phòng Văn hóa", kind="agency",
                            head_name="Trần Thị Lan")
    assert e.value.message_dict == {"head_name": ["Chỉ hộ gia đình mới có chủ hộ."]}
    assert not Unit.objects.filter(code__in=["H02", "H03", "VP2"]).exists()
