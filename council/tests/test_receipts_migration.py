"""Meetings held before receipts were written at the opening (council 0002–0004): their receipts, numbered in
the order of voting, are written again one per member in member order, flipped for those who voted."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from council.models import Receipt

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("council", "0001_initial")]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


def test_receipts_of_a_past_meeting_no_longer_give_the_order_of_voting(world):
    members = [world.users[name] for name in ("council", "chairman", "officer_a")]  # any three accounts
    try:
        old = _migrate(BEFORE).loader.project_state(BEFORE).apps
        Meeting, Member, Receipt0 = (old.get_model("council", name) for name in ("Meeting", "Member", "Receipt"))
        closed = Meeting.objects.create(authority_id=world.ward_a.pk, title="Phiên họp cũ", date=date(2025, 1, 10),
                                        status="closed", members_count=3, present_count=2)
        planned = Meeting.objects.create(authority_id=world.ward_a.pk, title="Phiên họp sắp tới", date=date(2026, 1, 10))
        for u in members:
            Member.objects.create(meeting=closed, user_id=u.pk, present=u is not members[2])
            Member.objects.create(meeting=planned, user_id=u.pk)
        # The last member voted first, on paper; the first member on the screen; the second did not vote.
        Receipt0.objects.create(meeting=closed, user_id=members[2].pk, channel="paper")
        Receipt0.objects.create(meeting=closed, user_id=members[0].pk, channel="screen")
    finally:
        _migrate()
    rows = list(Receipt.objects.filter(meeting_id=closed.pk).order_by("id").values_list("member__user_id", "voted", "channel"))
    assert rows == [(members[0].pk, True, Receipt.Channel.SCREEN), (members[1].pk, False, Receipt.Channel.NONE),
                    (members[2].pk, True, Receipt.Channel.PAPER)]
    assert not Receipt.objects.filter(meeting_id=planned.pk).exists()


def test_existing_councils_get_an_establishing_decision_listing_their_accounts(world):
    """Issue 14: members now come from the council's establishing decision. A database from before gets, for each
    authority with meetings or with accounts holding the vote there, a decision "chưa nhập số" in force since always,
    listing those accounts, so that the office can convene as before."""
    from council import actions
    from council.models import Establishment, Meeting
    from org.models import Role
    from tdkt.testing import user

    second = user("hoidong2", Role.COUNCIL_MEMBER, world.ward_a, full_name="Đặng Thị Hường")
    before = [("council", "0004_receipt_channel_code")]
    try:
        old = _migrate(before).loader.project_state(before).apps
        Meeting0, Member0, Receipt0 = (old.get_model("council", name) for name in ("Meeting", "Member", "Receipt"))
        past = Meeting0.objects.create(authority_id=world.ward_a.pk, title="Phiên họp cũ", date=date(2025, 12, 1),
                                       status="closed", members_count=2, present_count=2)
        for u in (world.users["council"], second):
            Member0.objects.create(meeting=past, user_id=u.pk, present=True)
            Receipt0.objects.create(meeting=past, user_id=u.pk, voted=True, channel=3)
    finally:
        _migrate()
    est = Establishment.objects.get(authority=world.ward_a)
    assert est.number == "" and est.valid_from is None and str(est) == "Quyết định (chưa nhập số)"
    assert list(est.seats.order_by("position").values_list("full_name", "user__username")) == [
        ("council", "council"), ("Đặng Thị Hường", "hoidong2")]
    past = Meeting.objects.get(pk=past.pk)
    assert past.establishment == est
    assert list(past.members.order_by("id").values_list("name", "title")) == [("council", "Ủy viên"), ("Đặng Thị Hường", "Ủy viên")]
    assert list(past.receipts.order_by("id").values_list("member__name", "voted")) == [("council", True), ("Đặng Thị Hường", True)]
    # Nothing breaks: the office convenes the next meeting as before.
    m = actions.meeting_create(acting_user=world.users["ward_specialist"], authority=world.ward_a, title="Phiên họp mới",
                               date=date(2026, 12, 20))
    assert m.members_count == 2
