"""Initiatives for tests: one submitted by the ward's officer for two authors, the council's votes, one recognised."""

from datetime import date

from initiatives import actions
from initiatives.models import Initiative

DATA = {"title": "Số hóa hồ sơ một cửa", "problem": "Hồ sơ giấy thất lạc, tra cứu chậm.",
        "solution": "Quét và đánh số hồ sơ theo mã; tra cứu trên máy.", "applied_where": "Bộ phận một cửa phường Phú Lương",
        "applied_since": date(2026, 3, 1), "effect_expected": "Tra cứu dưới 1 phút.", "effect_measured": ""}


def submitted(world, **kw):
    return actions.initiative_submit(acting_user=world.users["officer_a"], unit=world.ward_a, data={**DATA, **kw},
                                     authors=[(world.thinh, "60"), (Initiative.authors.rel.model.objects.get(code="CB0002"), "40")])


def vote_all(world, i, votes=(True, True, False)):
    office = world.users["ward_specialist"]
    i.refresh_from_db()
    for m, agree in zip(i.council.members.order_by("position"), votes):
        if m.user_id:
            actions.score_enter(acting_user=m.user, initiative=i, agree=agree)
        else:
            actions.score_enter(acting_user=office, initiative=i, agree=agree, member=m)


def recognised(world, council):
    i = submitted(world)
    actions.review_open(acting_user=world.users["ward_specialist"], initiative=i)
    vote_all(world, i)
    actions.initiative_recognize(acting_user=world.users["ward_specialist"], initiative=i, decision_number="35/QĐ-UBND",
                                 decided_on=actions.today())
    i.refresh_from_db()
    return i
