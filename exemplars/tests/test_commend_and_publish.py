"""Commending on the spot opens an ad hoc Giấy khen line in a dossier of the level that received the proposal;
publishing refuses a story holding a phone number, an e-mail, an identity number or a birth date, and the portal's
read of a published story carries nothing private."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exemplars import actions, selectors, workflow
from exemplars.models import Status

from .helpers import fields


@pytest.fixture
def sent_person(world, media, jpeg):
    """Lê Thị Ánh (a teacher of the school) proposed this month with a photo, sent to the ward."""
    from org.models import Person

    today = timezone.localdate()
    anh = Person.objects.get(code="CB0003")
    e = actions.exemplar_create(acting_user=world.users["officer_a"], unit=world.school_a, photos=[jpeg()],
                                caption="Cô Ánh cùng em nhỏ",
                                **fields(today.year, today.month, deed_on=today, subject_kind="person", person=anh,
                                         title="Cứu em nhỏ đuối nước ở hồ Văn Quán",
                                         story="Cô Ánh nhảy xuống hồ cứu một em nhỏ bị đuối nước."))
    return actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=e)


def test_commend_opens_a_giay_khen_line_in_the_wards_ad_hoc_dossier(world, sent_person):
    from dossiers.models import Kind

    office = world.users["ward_specialist"]
    line = actions.exemplar_commend(acting_user=office, exemplar=sent_person)
    sent_person.refresh_from_db()
    assert sent_person.status == Status.ACCEPTED and sent_person.commended_line == line
    assert line.award_type.code == "GK" and line.person.code == "CB0003"
    assert line.dossier.unit == world.ward_a and line.dossier.authority == world.ward_a
    assert line.dossier.kind == Kind.AD_HOC and line.achievement == "Cứu em nhỏ đuối nước ở hồ Văn Quán"
    # Once commended it cannot be commended again.
    assert not workflow.allowed(office, sent_person, "commend")
    with pytest.raises(workflow.StepRefused):
        actions.exemplar_commend(acting_user=office, exemplar=sent_person)
    assert selectors.events_of(sent_person)[-1].verb == "commend"
    # It may still go back to be mended before it is published; the commendation stays, and once sent back it is
    # accepted, not commended twice.
    actions.exemplar_return(acting_user=office, exemplar=sent_person, reason="Bỏ tên trường khỏi câu chuyện")
    actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=sent_person)
    sent_person.refresh_from_db()
    assert sent_person.commended_line == line and not workflow.allowed(office, sent_person, "commend")
    actions.exemplar_accept(acting_user=office, exemplar=sent_person)
    assert line.dossier.lines.count() == 1


def test_a_second_commendation_of_the_year_joins_the_same_dossier(world, sent_person):
    from org.models import Person

    office = world.users["ward_specialist"]
    first = actions.exemplar_commend(acting_user=office, exemplar=sent_person)
    today = timezone.localdate()
    other = actions.exemplar_create(acting_user=world.users["officer_a"], unit=world.office_a,
                                    **fields(today.year, today.month, deed_on=today, subject_kind="person",
                                             person=Person.objects.get(code="CB0002")))
    actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=other)
    second = actions.exemplar_commend(acting_user=office, exemplar=other)
    assert second.dossier_id == first.dossier_id and second.dossier.lines.count() == 2


def test_an_outsider_cannot_be_commended_from_here(world, media):
    today = timezone.localdate()
    e = actions.exemplar_create(acting_user=world.users["officer_a"], unit=world.school_a,
                                **fields(today.year, today.month, deed_on=today))
    actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=e)
    with pytest.raises(ValidationError) as err:
        actions.exemplar_commend(acting_user=world.users["ward_specialist"], exemplar=e)
    assert "Bà Nguyễn Thị Hoa" in str(err.value)
    e.refresh_from_db()
    assert e.status == Status.SUBMITTED and e.commended_line is None


@pytest.mark.parametrize("story, found", [
    ("Liên hệ gia đình qua số 0912 345 678.", "số điện thoại"),
    ("Gửi thư về hoa.nguyen@example.vn để cảm ơn.", "địa chỉ thư điện tử"),
    ("Căn cước 001180012345 của bà đã được xác minh.", "số chứng minh nhân dân, căn cước"),
    ("Bà Hoa sinh ngày 12/03/1958 tại Hà Đông.", "ngày sinh"),
])
def test_publish_refuses_a_story_with_private_details(world, media, story, found):
    office = world.users["ward_specialist"]
    today = timezone.localdate()
    e = actions.exemplar_create(acting_user=world.users["officer_a"], unit=world.school_a,
                                **fields(today.year, today.month, deed_on=today, story=story))
    actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=e)
    actions.exemplar_accept(acting_user=office, exemplar=e)
    with pytest.raises(ValidationError) as err:
        actions.exemplar_publish(acting_user=office, exemplar=e)
    assert f"{found} trong “Câu chuyện”" in str(err.value)
    e.refresh_from_db()
    assert not e.is_published and selectors.published_stories() == []


def test_a_published_story_shows_nothing_private_of_the_person(world, sent_person):
    from org.models import Person

    anh = Person.objects.get(code="CB0003")
    anh.birth_date = timezone.localdate().replace(year=1985, day=1)
    anh.save()
    office = world.users["ward_specialist"]
    actions.exemplar_accept(acting_user=office, exemplar=sent_person)
    actions.exemplar_publish(acting_user=office, exemplar=sent_person)
    [story] = selectors.published_stories()
    assert story.who == "Lê Thị Ánh" and story.unit == "Trường THCS Phú Lương"
    assert [p.caption for p in story.photos] == ["Cô Ánh cùng em nhỏ"]
    assert selectors.published_photo(story.photos[0].id).exemplar_id == sent_person.pk
    assert set(dataclasses.asdict(story)) == set(selectors.PUBLIC_FIELDS)
    shown = repr(dataclasses.asdict(story))
    for private in ("birth", "1985", anh.birth_date.strftime("%d/%m/%Y"), "phone", "email", "id_number"):
        assert private not in shown
    # Unpublished, it leaves the portal.
    actions.exemplar_unpublish(acting_user=office, exemplar=sent_person, reason="Gia đình đề nghị")
    assert selectors.published_stories() == []


def test_a_published_story_is_not_returned(world, sent_person):
    office = world.users["ward_specialist"]
    actions.exemplar_accept(acting_user=office, exemplar=sent_person)
    actions.exemplar_publish(acting_user=office, exemplar=sent_person)
    sent_person.refresh_from_db()
    assert not workflow.allowed(office, sent_person, "return")
    with pytest.raises(workflow.StepRefused):
        actions.exemplar_return(acting_user=office, exemplar=sent_person, reason="Sửa lại")


def test_the_unit_cannot_publish(world, sent_person):
    actions.exemplar_accept(acting_user=world.users["ward_specialist"], exemplar=sent_person)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.exemplar_publish(acting_user=world.users["officer_a"], exemplar=sent_person)
