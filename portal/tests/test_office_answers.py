"""The office of the ward concerned sees the citizens' proposals (and no other ward's), verifies, accepts or declines
with a reason; the citizen reads the outcome on the tracking page; an accepted deed may become the ward's exemplar."""

import pytest
from django.test import Client
from django.urls import reverse

from exemplars.models import Exemplar, SubjectKind
from exemplars.models import Status as ExemplarStatus
from portal.models import ProposalEvent, Status

from tdkt.testing.portal import jpeg, proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(world, citizen_form):
    from portal.models import CitizenProposal

    r = citizen_form(proposal_data(world.ward_a), photos=[jpeg()])
    assert r.status_code == 302
    return CitizenProposal.objects.get()


def tracking(p):
    return Client().get(reverse("portal:track", args=[p.code])).content.decode()


def test_the_ward_office_sees_it_and_nobody_else_does(world, proposal, as_user):
    mine = as_user("ward_specialist").get(reverse("portal:office_list"))
    assert proposal.code in mine.content.decode()
    assert as_user("specialist").get(reverse("portal:office_detail", args=[proposal.pk])).status_code == 200  # the city
    for who in ("officer_b", "officer_a", "council", "chairman"):
        c = as_user(who)
        assert proposal.code not in c.get(reverse("portal:office_list")).content.decode(), who
        assert c.get(reverse("portal:office_detail", args=[proposal.pk])).status_code == 404, who
        assert c.post(reverse("portal:office_step", args=[proposal.pk, "accept"])).status_code == 404, who
    photo = proposal.photos.get()
    assert as_user("officer_b").get(reverse("portal:office_photo", args=[proposal.pk, photo.pk])).status_code == 404
    r = as_user("ward_specialist").get(reverse("portal:office_photo", args=[proposal.pk, photo.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "image/jpeg"
    # The proposer's contact is on the office's page, for it to call back.
    assert "0912 345 678" in as_user("ward_specialist").get(reverse("portal:office_detail", args=[proposal.pk])).content.decode()


def test_verify_then_accept_and_the_citizen_reads_the_answer(world, proposal, as_user):
    office = as_user("ward_specialist")
    assert "Đã tiếp nhận" in tracking(proposal)
    office.post(reverse("portal:office_step", args=[proposal.pk, "verify"]))
    assert "Đang xác minh" in tracking(proposal)
    r = office.post(reverse("portal:office_step", args=[proposal.pk, "accept"]),
                    {"answer": "Phường đã xác minh và biểu dương anh Tâm tại hội nghị tháng 12."})
    assert r.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED and proposal.answered_by == world.users["ward_specialist"]
    page = tracking(proposal)
    assert "Được công nhận là người tốt, việc tốt" in page and "biểu dương anh Tâm tại hội nghị tháng 12" in page
    assert [e.verb for e in ProposalEvent.objects.filter(proposal=proposal)] == ["submit", "verify", "accept"]
    # Answered once: a second answer is refused with the state named.
    r = office.post(reverse("portal:office_step", args=[proposal.pk, "decline"]), {"answer": "x"}, follow=True)
    assert "Đề xuất đang ở trạng thái “Được công nhận là người tốt, việc tốt”" in r.content.decode()


def test_declining_needs_a_reason_that_the_citizen_reads(world, proposal, as_user):
    office = as_user("ward_specialist")
    r = office.post(reverse("portal:office_step", args=[proposal.pk, "decline"]), {"answer": "  "}, follow=True)
    assert "Cần ghi lý do để người đề xuất được biết." in r.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.RECEIVED
    office.post(reverse("portal:office_step", args=[proposal.pk, "decline"]),
                {"answer": "Phường chưa xác minh được sự việc: không có người chứng kiến."})
    page = tracking(proposal)
    assert "Không được công nhận" in page and "không có người chứng kiến" in page


def test_an_accepted_deed_becomes_the_wards_exemplar_draft_with_its_photos(world, proposal, as_user):
    office = as_user("ward_specialist")
    office.post(reverse("portal:office_step", args=[proposal.pk, "accept"]), {"answer": ""})
    r = office.post(reverse("portal:office_step", args=[proposal.pk, "exemplar"]))
    e = Exemplar.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("exemplars:detail", args=[e.pk])
    assert e.unit == world.ward_a and e.status == ExemplarStatus.DRAFT and e.subject_kind == SubjectKind.OUTSIDER
    assert e.outsider_name == "Bùi Văn Tâm" and e.title == "Trả lại ví tiền nhặt được" and e.photos.count() == 1
    assert "Đỗ Thị Hoa" not in e.story and "0912" not in e.story  # the proposer stays with the office
    assert proposal.code not in e.story  # a published story gives nobody the way to the citizen's page
    proposal.refresh_from_db()
    assert proposal.exemplar == e
    assert "Được đề xuất làm điển hình tiên tiến của đơn vị" in tracking(proposal)
    # Once only.
    office.post(reverse("portal:office_step", args=[proposal.pk, "exemplar"]))
    assert Exemplar.objects.count() == 1
    # The ward sends it up, the city accepts and publishes it: the citizen's page links to the story.
    from exemplars import actions as exemplar_actions

    exemplar_actions.exemplar_submit(acting_user=world.users["ward_specialist"], exemplar=e)
    exemplar_actions.exemplar_accept(acting_user=world.users["specialist"], exemplar=e)
    exemplar_actions.exemplar_publish(acting_user=world.users["specialist"], exemplar=e)
    page = tracking(proposal)
    assert reverse("portal:story", args=[e.pk]) in page and "Câu chuyện đã được công bố" in page


def test_the_city_office_above_the_ward_may_answer_too(world, proposal, as_user):
    c = as_user("specialist")  # the city's standing office: its duty covers the wards under it
    c.post(reverse("portal:office_step", args=[proposal.pk, "accept"]), {"answer": ""})
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED


def test_the_wards_office_is_told_of_a_new_proposal(world, citizen_form, django_capture_on_commit_callbacks):
    from notifications.models import Notification
    from portal.models import CitizenProposal

    with django_capture_on_commit_callbacks(execute=True):
        citizen_form(proposal_data(world.ward_a))
    proposal = CitizenProposal.objects.get()
    told = Notification.objects.filter(user=world.users["ward_specialist"])
    assert told.count() == 1
    n = told.get()
    assert "Trả lại ví tiền nhặt được" in n.title and n.url == reverse("portal:office_detail", args=[proposal.pk])
    assert not Notification.objects.filter(user=world.users["officer_b"]).exists()


def test_the_office_list_costs_the_same_queries_however_many_proposals(world, citizen_form, as_user, settings,
                                                                       django_assert_max_num_queries):
    settings.TDKT_THROTTLE_PROPOSALS_PER_ADDRESS = "off"
    for i in range(12):
        assert citizen_form(proposal_data(world.ward_a, title=f"Việc tốt số {i}"), photos=[jpeg()]).status_code == 302
    c = as_user("ward_specialist")
    c.get(reverse("portal:office_list"))
    with django_assert_max_num_queries(12):
        page = c.get(reverse("portal:office_list")).content.decode()
    assert page.count("Việc tốt số") == 12
