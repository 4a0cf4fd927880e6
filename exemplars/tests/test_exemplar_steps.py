"""The steps table, tried by who may and who may not: the school's proposal goes to the ward's standing office;
an officer of the sibling ward can neither propose for it nor see it, and the unit cannot accept its own."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exemplars import actions, selectors, workflow
from exemplars.models import Event, Status

from .helpers import fields


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


def _draft(world, today):
    return actions.exemplar_create(acting_user=world.users["officer_a"], unit=world.school_a,
                                   **fields(today.year, today.month, deed_on=today))


def test_school_proposes_to_its_ward(world, media, today):
    e = _draft(world, today)
    assert e.authority == world.ward_a and e.status == Status.DRAFT
    actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=e)
    e.refresh_from_db()
    assert e.status == Status.SUBMITTED and e.round == 1 and e.first_sent_at is not None
    assert [ev.verb for ev in Event.objects.filter(exemplar=e)] == ["create", "submit"]


def test_sibling_ward_officer_may_not_propose_for_the_school(world, media, today):
    with pytest.raises(PermissionDenied):
        actions.exemplar_create(acting_user=world.users["officer_b"], unit=world.school_a,
                                **fields(today.year, today.month, deed_on=today))


def test_sibling_ward_officer_neither_sees_nor_acts(world, media, today):
    e = actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=_draft(world, today))
    b = world.users["officer_b"]
    assert not selectors.exemplars_for(b).filter(pk=e.pk).exists()
    for verb in ("edit", "submit", "accept", "return", "commend", "publish"):
        assert not workflow.allowed(b, e, verb)
    with pytest.raises(PermissionDenied):
        actions.exemplar_accept(acting_user=b, exemplar=e)
    with pytest.raises(PermissionDenied):
        actions.exemplar_return(acting_user=b, exemplar=e, reason="Không rõ")
    e.refresh_from_db()
    assert e.status == Status.SUBMITTED


def test_the_unit_cannot_accept_its_own_proposal(world, media, today):
    e = actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=_draft(world, today))
    assert not workflow.allowed(world.users["officer_a"], e, "accept")
    with pytest.raises(PermissionDenied):
        actions.exemplar_accept(acting_user=world.users["officer_a"], exemplar=e)


def test_the_office_does_not_see_drafts(world, media, today):
    e = _draft(world, today)
    office = world.users["ward_specialist"]
    assert not selectors.exemplars_for(office, box="received").filter(pk=e.pk).exists()
    assert selectors.exemplars_for(world.users["officer_a"], box="sent").filter(pk=e.pk).exists()


def test_return_needs_a_reason_and_the_mended_proposal_is_accepted(world, media, today):
    officer, office = world.users["officer_a"], world.users["ward_specialist"]
    e = actions.exemplar_submit(acting_user=officer, exemplar=_draft(world, today))
    with pytest.raises(ValidationError) as err:
        actions.exemplar_return(acting_user=office, exemplar=e, reason="   ")
    assert "lý do" in str(err.value)
    actions.exemplar_return(acting_user=office, exemplar=e, reason="Bổ sung ảnh và địa chỉ cụ thể")
    e.refresh_from_db()
    assert e.status == Status.RETURNED and e.return_reason == "Bổ sung ảnh và địa chỉ cụ thể"
    assert selectors.returned_reason(e).reason == "Bổ sung ảnh và địa chỉ cụ thể"
    # Returned: the office cannot accept it until it is sent back; the unit edits it and sends it again.
    with pytest.raises(workflow.StepRefused):
        actions.exemplar_accept(acting_user=office, exemplar=e)
    actions.exemplar_update(acting_user=officer, exemplar=e, place="Chợ Phú Lương, tổ dân phố số 3")
    first = e.first_sent_at
    actions.exemplar_submit(acting_user=officer, exemplar=e)
    e.refresh_from_db()
    assert e.status == Status.SUBMITTED and e.round == 2 and e.first_sent_at == first and e.return_reason == ""
    actions.exemplar_accept(acting_user=office, exemplar=e)
    e.refresh_from_db()
    assert e.status == Status.ACCEPTED and e.decided_by == office
    assert [ev.verb for ev in selectors.events_of(e)] == ["create", "submit", "return", "edit", "resubmit", "accept"]


def test_a_second_accept_is_refused_in_vietnamese(world, media, today):
    office = world.users["ward_specialist"]
    e = actions.exemplar_submit(acting_user=world.users["officer_a"], exemplar=_draft(world, today))
    actions.exemplar_accept(acting_user=office, exemplar=e)
    with pytest.raises(workflow.StepRefused) as err:
        actions.exemplar_accept(acting_user=office, exemplar=e)
    assert "Đã công nhận" in str(err.value)


def test_a_sent_proposal_cannot_be_edited(world, media, today):
    officer = world.users["officer_a"]
    e = actions.exemplar_submit(acting_user=officer, exemplar=_draft(world, today))
    with pytest.raises(workflow.StepRefused):
        actions.exemplar_update(acting_user=officer, exemplar=e, title="Khác")


def test_a_person_of_another_unit_is_refused_naming_the_field(world, media, today):
    with pytest.raises(ValidationError) as err:
        actions.exemplar_create(acting_user=world.users["officer_a"], unit=world.school_a,
                                **fields(today.year, today.month, deed_on=today, subject_kind="person",
                                         person=world.thinh))
    assert "không thuộc Trường THCS Phú Lương" in str(err.value.message_dict["person"])


def test_a_month_to_come_is_refused(world, media, today):
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    with pytest.raises(ValidationError) as err:
        actions.exemplar_create(acting_user=world.users["officer_a"], unit=world.school_a,
                                **fields(year, month, deed_on=today))
    assert "chưa đến" in err.value.message_dict["month"][0]


def test_photos_are_read_by_content(world, media, today, jpeg):
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer = world.users["officer_a"]
    e = actions.exemplar_create(acting_user=officer, unit=world.school_a, photos=[jpeg("a.jpg"), jpeg("b.jpg")],
                                **fields(today.year, today.month, deed_on=today))
    assert e.photos.count() == 2 and all(p.thumb.name for p in e.photos.all())
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    with pytest.raises(ValidationError) as err:
        actions.photos_add(acting_user=officer, exemplar=e, uploads=[jpeg("c.jpg"), fake])
    assert "anh.jpg" in str(err.value.message_dict["photos"])
    assert e.photos.count() == 2  # all or nothing
