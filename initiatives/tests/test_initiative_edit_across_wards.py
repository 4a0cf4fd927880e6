"""An initiative shared with another ward's person: a ward officer edits only their own side of it."""

from datetime import date

import pytest
from django.urls import reverse

from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(world):
    """SK-01 by Thịnh (Phú Lương) and Đức (Yên Nghĩa)."""
    i = Initiative.objects.create(code="SK-01", title="Một cửa liên thông", recognized_on=date(2025, 11, 20), scope="co_so")
    i.authors.set([world.thinh, world.person_b])
    return i


def form_data(i, **changes):
    return {"code": i.code, "title": i.title, "authors": "CB0001", "recognized_on": i.recognized_on.strftime("%d/%m/%Y"),
            "scope": i.scope, "recognized_by": i.recognized_by, "decision_number": i.decision_number, **changes}


def test_the_other_wards_co_author_is_shown_by_name_only(as_user, world, shared):
    client = as_user("officer_a")
    detail = client.get(reverse("initiatives:detail", args=[shared.pk])).content.decode()
    assert f'href="/can-bo/{world.thinh.pk}/thanh-tich/"' in detail
    assert "Phạm Minh Đức <small class=\"muted\">(đơn vị khác)</small>" in detail
    assert f"/can-bo/{world.person_b.pk}/" not in detail
    form = client.get(reverse("initiatives:edit", args=[shared.pk])).content.decode()
    assert 'value="CB0001"' in form and "CB0101" not in form
    assert "Phạm Minh Đức" in form and "Những tác giả này được giữ nguyên" in form


def test_removing_the_other_wards_co_author_is_impossible(as_user, world, shared):
    client = as_user("officer_a")
    # The form lists only Thịnh; saving it keeps Đức.
    response = client.post(reverse("initiatives:edit", args=[shared.pk]), form_data(shared, authors="CB0001; CB0002"))
    assert response.status_code == 302
    assert set(shared.authors.values_list("code", flat=True)) == {"CB0001", "CB0002", "CB0101"}


def test_title_and_scope_of_an_initiative_that_counts_for_another_ward_are_not_changed(as_user, world, shared):
    client = as_user("officer_a")
    client.post(reverse("initiatives:edit", args=[shared.pk]), form_data(shared, title="Tên khác", scope="toan_quoc"))
    shared.refresh_from_db()
    assert (shared.title, shared.scope) == ("Một cửa liên thông", "co_so")


def test_the_action_refuses_each_touch_with_a_message(world, shared):
    from django.core.exceptions import ValidationError

    from initiatives.actions import initiative_save

    officer = world.users["officer_a"]
    fields = {"code": "SK-01", "title": "Một cửa liên thông", "recognized_on": date(2025, 11, 20), "scope": "co_so",
              "recognized_by": "", "decision_number": "", "effect_confirmed": False}
    with pytest.raises(ValidationError) as e:
        initiative_save(acting_user=officer, initiative=shared, authors=[world.thinh], **fields)
    assert "Không bỏ được tác giả Phạm Minh Đức (thuộc đơn vị ngoài phạm vi bạn quản lý)." in e.value.messages
    with pytest.raises(ValidationError) as e:
        initiative_save(acting_user=officer, initiative=shared, authors=[world.thinh, world.person_b], **{**fields, "scope": "tinh"})
    assert "không sửa được phạm vi ảnh hưởng" in " ".join(e.value.messages)
    own = Initiative.objects.create(code="SK-02", title="Riêng", recognized_on=date(2025, 1, 1), scope="co_so")
    own.authors.set([world.thinh])
    with pytest.raises(ValidationError) as e:
        initiative_save(acting_user=officer, initiative=own, authors=[world.thinh, world.person_b],
                        **{**fields, "code": "SK-02", "title": "Riêng"})
    assert "Phạm Minh Đức thuộc đơn vị ngoài phạm vi bạn quản lý: không thêm làm tác giả được." in e.value.messages
    assert set(shared.authors.values_list("code", flat=True)) == {"CB0001", "CB0101"}
    # The standing office above both wards edits everything.
    initiative_save(acting_user=world.users["specialist"], initiative=shared, authors=[world.thinh], **{**fields, "scope": "tinh"})
    shared.refresh_from_db()
    assert shared.scope == "tinh" and list(shared.authors.values_list("code", flat=True)) == ["CB0001"]


def test_an_initiative_of_ones_own_ward_is_edited_freely(as_user, world):
    i = Initiative.objects.create(code="SK-03", title="Cũ", recognized_on=date(2025, 1, 1), scope="co_so")
    i.authors.set([world.thinh])
    response = as_user("officer_a").post(reverse("initiatives:edit", args=[i.pk]), form_data(i, title="Mới", authors="CB0001; CB0002"))
    assert response.status_code == 302
    i.refresh_from_db()
    assert i.title == "Mới" and set(i.authors.values_list("code", flat=True)) == {"CB0001", "CB0002"}
