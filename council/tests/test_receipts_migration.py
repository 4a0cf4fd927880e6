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
