"""The unit page's “Đã chuyển đi” tab links only to what the reader may open."""

from datetime import date

import pytest
from django.urls import reverse

from org.actions import person_move

pytestmark = pytest.mark.django_db


def test_a_former_member_now_in_another_ward_is_not_a_link(as_user, world):
    specialist = world.users["specialist"]
    person_move(acting_user=specialist, person=world.thinh, unit=world.ward_b, on=date(2026, 3, 1))
    an = world.office_a.people.get(code="CB0002")
    person_move(acting_user=specialist, person=an, unit=world.school_a, on=date(2026, 3, 1))

    body = as_user("officer_a").get(reverse("org:unit_detail", args=[world.office_a.pk]) + "?tab=former").content.decode()

    assert "Nguyễn Thị Thịnh" in body and "Phường Yên Nghĩa <small class=\"muted\">(ngoài phạm vi quản lý)</small>" in body
    assert f'href="/can-bo/{world.thinh.pk}/"' not in body
    assert f'href="/don-vi/{world.ward_b.pk}/"' not in body
    # A move within the ward stays a link.
    assert f'href="/can-bo/{an.pk}/"' in body and f'href="/don-vi/{world.school_a.pk}/"' in body
