"""The demo's year-end review of 2025 (demo.yearend): Phú Lương's dossiers went through the ward's
council and decision 25/QĐ-UBND of January 2026; its lines beyond the ward went to the city, which decided most
of them by 1156/QĐ-UBND of March 2026 and has one dossier at its council and one on public disclosure; Yên Nghĩa's
dossiers wait at different steps.

The demo is built once for the module inside a transaction rolled back at the end."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from council.models import Meeting, MeetingStatus, Receipt, Recusal
from decisions.models import Award, Decision, RenderStatus
from dossiers.models import Dossier, Event, Line, Outcome, Status
from dossiers.selectors import published_dossiers

pytestmark = pytest.mark.django_db


def _statuses(code):
    return sorted(Dossier.objects.filter(year=2025, authority__code=code).values_list("status", flat=True))


def test_each_ward_has_dossiers_at_the_steps_its_people_work_on(demo):
    assert set(_statuses("HN-PLU")) == {Status.DECIDED}
    assert len(_statuses("HN-PLU")) >= 3
    yn = _statuses("HN-YN")
    assert {Status.SUBMITTED, Status.APPRAISING, Status.DRAFT} <= set(yn)
    # The city received what the ward may not grant: most of it went through the city's disclosure, council and
    # decision 1156/QĐ-UBND signed by the city's chairman; one dossier waits for the council, one is on disclosure now.
    city = Dossier.objects.filter(year=2025, authority__code="HN")
    statuses = sorted(d.status for d in city)
    assert statuses.count(Status.COUNCIL) == 1 and statuses.count(Status.DISCLOSURE) == 1
    assert statuses.count(Status.DECIDED) >= 1 and set(statuses) == {Status.DECIDED, Status.COUNCIL, Status.DISCLOSURE}
    assert all(d.unit.code == "HN-PLU" and d.forwarded_from.authority.code == "HN-PLU" for d in city)
    assert all(d.events.filter(verb="receive", actor__username="sonoivu").exists() for d in city)
    decision = Decision.objects.get(authority__code="HN")
    assert (decision.number, decision.date, decision.issued_by.username) == ("1156", date(2026, 3, 20), "chutich.thanhpho")
    assert set(decision.dossiers.values_list("status", flat=True)) == {Status.DECIDED}
    assert Award.objects.filter(decision=decision).count() == Line.objects.filter(
        dossier__decisions=decision, outcome=Outcome.AWARDED).count() > 0


def test_the_proposals_are_titles_the_engine_found_and_the_ward_may_grant_or_send_up(demo):
    lines = Line.objects.filter(dossier__year=2025, dossier__authority__code__in=["HN-PLU", "HN-YN"])
    codes = set(lines.values_list("award_type__code", flat=True))
    assert {"LDTT", "CSTDCS", "GK"} <= codes
    # Nothing in the ward's dossiers is refused for anything but being beyond the ward.
    for ln in lines:
        assert all(p["code"] == "beyond_authority" for p in ln.problems), (ln, ln.problems)
    beyond = lines.filter(outcome=Outcome.FORWARDED)
    assert beyond.exists()
    assert set(beyond.values_list("award_type__code", flat=True)) <= {"TTLDXS", "BK_TINH", "CSTD_TINH"}


def test_one_dossier_was_returned_with_a_reason_and_sent_again(demo):
    returned = Event.objects.get(verb="return", dossier__authority__code="HN-PLU")
    assert "chữ ký" in returned.reason
    d = returned.dossier
    assert d.round == 2 and d.events.filter(verb="resubmit").exists() and d.status == Status.DECIDED


def test_the_council_met_in_january_with_its_four_members_two_on_paper_and_two_recusals(demo):
    meeting = Meeting.objects.get(authority__code="HN-PLU")
    assert meeting.date == date(2026, 1, 12) and meeting.status == MeetingStatus.CLOSED
    assert meeting.members_count == 4 and meeting.present_count == 4
    assert meeting.establishment.number == "125/QĐ-UBND"
    receipts = {r.member.user.username if r.member.user else r.member.title: r.channel
                for r in Receipt.objects.filter(meeting=meeting).select_related("member__user")}
    # The chairman of the council has no account: he voted on paper with hoidong3; the counting group entered totals.
    assert receipts == {"hoidong": Receipt.Channel.SCREEN, "hoidong2": Receipt.Channel.SCREEN,
                        "hoidong3": Receipt.Channel.PAPER, "Chủ tịch Hội đồng": Receipt.Channel.PAPER}
    paper = meeting.paper_counts.get()
    assert (paper.handed_out, paper.received) == (2, 2)
    recusals = {r.member.user.username: r for r in Recusal.objects.filter(meeting=meeting).select_related("member__user", "line")}
    assert sorted(recusals) == ["hoidong", "hoidong2"]
    assert recusals["hoidong2"].reason == "Là thủ trưởng đơn vị của người được đề nghị."
    # hoidong is himself nominated: he does not vote on his own line (recorded when the ballot opened).
    assert recusals["hoidong"].reason == "Là người được đề nghị." and recusals["hoidong"].line.person == recusals["hoidong"].member.person
    # The recused lines still passed; one Giấy khen line did not pass.
    assert {r.line.outcome for r in recusals.values()} == {Outcome.AWARDED}
    assert list(Line.objects.filter(tallies__meeting=meeting, outcome=Outcome.FAILED).values_list("award_type__code", flat=True)) == ["GK"]
    assert list(meeting.events.values_list("verb", flat=True)) == ["convene", "attendance", "open", "recuse", "paper", "close"]


def test_every_council_of_the_demo_has_its_establishing_decision(demo):
    from council.models import Establishment

    for code in ("HN", "HN-PLU", "HN-YN"):
        est = Establishment.objects.get(authority__code=code)
        seats = list(est.seats.all())
        voting = [s for s in seats if s.votes]
        with_account = [s for s in voting if s.user_id]
        assert est.number and len(with_account) > len(voting) / 2 and len(with_account) < len(voting), code


def test_decision_25_of_january_2026_made_awards_and_its_files(demo):
    decision = Decision.objects.get(authority__code="HN-PLU")
    assert (decision.number, decision.symbol, decision.date) == ("25", "QĐ-UBND", date(2026, 1, 20))
    assert decision.issued_by.username == "chutich"
    awarded = Line.objects.filter(dossier__decisions=decision, outcome=Outcome.AWARDED).count()
    assert awarded > 0 and Award.objects.filter(decision=decision, source="decision").count() == awarded
    assert decision.render_status == RenderStatus.DONE, decision.render_error
    for f in (decision.docx, decision.certificates):
        assert f.name and f.storage.exists(f.name) and f.size > 0


def test_the_ward_story_reads_in_order_from_december_2025(demo):
    decision = Decision.objects.get(authority__code="HN-PLU")
    for d in Dossier.objects.filter(year=2025, authority__code="HN-PLU"):
        times = list(d.events.order_by("id").values_list("at", flat=True))
        assert times == sorted(times)
        assert times[0].date() >= date(2025, 12, 1)
        assert d.events.get(verb="decide").at.date() == decision.date
    assert Meeting.objects.get(authority__code="HN-PLU").closed_at.date() == date(2026, 1, 12)


def test_one_award_is_revoked_and_its_verification_page_says_so(demo):
    [award] = Award.objects.filter(decision__authority__code="HN-PLU", revoked_on__isnull=False)
    assert award.revoked_on == date(2026, 6, 15) and award.revoked_ground == "b" and award.revoked_reason
    page = Client().get(reverse("decisions:verify", args=[award.verify_code]))
    assert page.status_code == 200
    assert "đã bị thu hồi" in page.content.decode()


def test_the_public_disclosure_page_shows_the_forwarded_lines_and_the_answered_comment(demo):
    published = list(published_dossiers())
    assert published
    client = Client()
    listing = client.get(reverse("dossiers:public_list")).content.decode()
    d = published[0]
    assert d.title in listing
    page = client.get(reverse("dossiers:public_detail", args=[d.pk])).content.decode()
    for ln in d.lines.all():
        assert ln.recipient_name in page
    assert "tổ dân phố được tính cho tập thể" in page
