"""Who is offered which step of a cluster, state by state, written out by hand: the city's office (the level), the
head ward's officer, another member's officer. The actions refuse the same (tested beside: test_who_scores,
test_proposal)."""

from clusters import actions
from clusters.workflow import steps_for

from tdkt.testing.clusters import make_cluster, score_all

ALL = ["edit", "criteria", "lock", "close", "reopen", "propose", "open_lines", "next_year"]


def offered(user, cluster):
    cluster.refresh_from_db()
    got = steps_for(user, cluster)
    return {verb for verb in ALL if got[verb]}


def test_the_steps_each_persona_is_offered_in_each_state(world):
    s = make_cluster(world, lock=False)
    office, head, member = s.office, s.officers["A"], s.officers["C"]
    table = []
    table.append(("forming", offered(office, s.cluster), offered(head, s.cluster), offered(member, s.cluster)))
    actions.criteria_lock(acting_user=head, cluster=s.cluster)
    table.append(("scoring", offered(office, s.cluster), offered(head, s.cluster), offered(member, s.cluster)))
    score_all(s)
    actions.scoring_close(acting_user=head, cluster=s.cluster)
    table.append(("closed", offered(office, s.cluster), offered(head, s.cluster), offered(member, s.cluster)))
    actions.cluster_propose(acting_user=head, cluster=s.cluster)
    table.append(("proposed", offered(office, s.cluster), offered(head, s.cluster), offered(member, s.cluster)))
    actions.proposal_open_lines(acting_user=office, cluster=s.cluster)
    table.append(("opened", offered(office, s.cluster), offered(head, s.cluster), offered(member, s.cluster)))
    assert table == [
        ("forming", {"edit", "criteria", "lock", "next_year"}, {"criteria", "lock"}, set()),
        ("scoring", {"close", "next_year"}, {"close"}, set()),
        ("closed", {"reopen", "propose", "next_year"}, {"propose"}, set()),
        ("proposed", {"open_lines", "next_year"}, set(), set()),
        ("opened", {"next_year"}, set(), set()),
    ]
