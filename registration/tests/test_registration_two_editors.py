"""Two officers of a unit registering on the same page at once: the second save keeps what the first ticked."""

import pytest

from org.models import Person
from registration.models import Registration
from tdkt.testing.forms import form_fields, loaded_form
from tdkt.testing.plans import travel
from tdkt.testing.registration import form_url

pytestmark = pytest.mark.django_db


def _lines(plan, world):
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    return set(reg.lines.values_list("person__code", "unit__code", "award_type__code"))


def test_lines_ticked_on_two_screens_are_both_kept_and_an_untick_removes_only_that_line(as_user, world, plan):
    anh = Person.objects.get(code="CB0003")
    url = form_url(plan, world.ward_a)
    first, second = as_user("officer_a"), as_user("ward_specialist")
    with travel(2022, 1, 20, 9, 0):
        form_1, form_2 = loaded_form(first, url, "shown"), loaded_form(second, url, "shown")
        assert first.post(url, {**form_1, "ind": [f"{world.thinh.pk}:LDTT"], "action": "draft"}).status_code == 302
        assert second.post(url, {**form_2, "ind": [f"{anh.pk}:LDTT"], "col": [f"{world.school_a.pk}:TTLDTT"],
                                 "action": "draft"}).status_code == 302
        assert _lines(plan, world) == {("CB0001", None, "LDTT"), ("CB0003", None, "LDTT"), (None, "HN-PLU-THCS", "TTLDTT")}

        # The first screen, reloaded, unticks its own line: the second's stay.
        form_1 = loaded_form(first, url, "shown")
        ticked = [v for v in form_1["ind"] if v != f"{world.thinh.pk}:LDTT"]
        assert first.post(url, {**form_1, "ind": ticked, "action": "draft"}).status_code == 302
    assert _lines(plan, world) == {("CB0003", None, "LDTT"), (None, "HN-PLU-THCS", "TTLDTT")}


def test_a_note_both_changed_is_refused_with_who_and_when_and_nothing_is_saved(as_user, world, plan):
    url = form_url(plan, world.ward_a)
    first, second = as_user("officer_a"), as_user("ward_specialist")
    with travel(2022, 1, 20, 9, 0):
        form_1, form_2 = loaded_form(first, url, "shown"), loaded_form(second, url, "shown")
        assert first.post(url, {**form_1, "note": "Đăng ký theo Công văn 12/UBND", "action": "draft"}).status_code == 302
        response = second.post(url, {**form_2, "note": "Ghi chú của người thứ hai", "ind": [f"{world.thinh.pk}:LDTT"],
                                     "action": "draft"})
    assert response.status_code == 200
    body = response.content.decode()
    name = world.users["officer_a"].display_name
    assert f"Bản đăng ký này vừa được {name} sửa lúc" in body and "(ô “Ghi chú”)" in body and "hãy tải lại trang" in body
    again = form_fields(body, "shown")
    assert (again["note"], again["ind"], again["seen_note"]) == ("Ghi chú của người thứ hai", f"{world.thinh.pk}:LDTT", "")
    reg = Registration.objects.get(plan=plan, unit=world.ward_a)
    assert reg.note == "Đăng ký theo Công văn 12/UBND" and not reg.lines.exists()
