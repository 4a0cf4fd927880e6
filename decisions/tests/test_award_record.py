"""Recording an award given in the past: one achievement is rewarded once (Luật TĐKT 2022, Điều 5.2)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import Event
from decisions.actions import award_record
from decisions.models import Award
from initiatives.models import Initiative
from rulebook.models import AwardType

pytestmark = pytest.mark.django_db


def _type(code):
    return AwardType.objects.get(code=code)


def test_second_award_for_the_same_achievement_is_refused_with_the_first_decision_named(world):
    officer = world.users["officer_a"]
    award_record(acting_user=officer, person=world.thinh, award_type=_type("LDTT"), year=2024,
                 decision_number="12/QĐ-UBND", decision_date=date(2025, 1, 10))
    with pytest.raises(ValidationError) as e:
        award_record(acting_user=officer, person=world.thinh, award_type=_type("LDTT"), year=2024,
                     decision_number="13/QĐ-UBND")
    assert e.value.message_dict["year"] == [
        "Đã có Lao động tiên tiến năm 2024 (QĐ 12/QĐ-UBND): mỗi thành tích chỉ khen thưởng một lần."]
    assert Award.objects.filter(person=world.thinh, year=2024).count() == 1


def test_the_same_award_another_year_is_recorded(world):
    officer = world.users["officer_a"]
    for year in (2023, 2024):
        award_record(acting_user=officer, person=world.thinh, award_type=_type("LDTT"), year=year)
    assert sorted(Award.objects.filter(person=world.thinh).values_list("year", flat=True)) == [2023, 2024]


def test_an_initiative_counted_by_one_award_is_refused_for_another(world):
    officer = world.users["officer_a"]
    sk = Initiative.objects.create(code="SK-1", title="Số hóa hồ sơ", recognized_on=date(2024, 5, 1), scope="co_so")
    sk.authors.add(world.thinh)
    award_record(acting_user=officer, person=world.thinh, award_type=_type("CSTDCS"), year=2024, initiatives=[sk])
    with pytest.raises(ValidationError) as e:
        award_record(acting_user=officer, person=world.thinh, award_type=_type("GK"), year=2024, initiatives=[sk])
    assert e.value.message_dict["initiatives"] == ["Sáng kiến SK-1 đã được dùng cho Chiến sĩ thi đua cơ sở năm 2024."]
    assert list(Award.objects.get(award_type__code="CSTDCS").initiatives.all()) == [sk]


def test_recording_writes_an_event_on_the_persons_history(world):
    award_record(acting_user=world.users["officer_a"], person=world.thinh, award_type=_type("LDTT"), year=2024,
                 decision_number="12/QĐ-UBND", decision_date=date(2025, 1, 10))
    event = Event.objects.get(verb="award", target_id=world.thinh.pk)
    assert event.actor == world.users["officer_a"]
    assert event.changes == {"Khen thưởng": ["", "Lao động tiên tiến năm 2024"], "Quyết định": ["", "12/QĐ-UBND 10/01/2025"]}


def test_an_officer_of_another_ward_may_not_record(world):
    with pytest.raises(PermissionDenied):
        award_record(acting_user=world.users["officer_b"], person=world.thinh, award_type=_type("LDTT"), year=2024)
    assert not Award.objects.exists()
