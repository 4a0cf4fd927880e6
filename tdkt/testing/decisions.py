"""The chairman's decision page as a person uses it: the form, its preview (the decision's text and money), then the
confirmation that issues what was shown."""

from django.urls import reverse


def decide_on_page(client, authority, data):
    """Post ``data`` to the decision page of ``authority`` (the preview), then confirm it; returns the last response
    (a redirect to the decision when it was issued, else the page with what stopped it)."""
    url = reverse("dossiers:decide") + f"?authority={authority.pk}"
    shown = client.post(url, data)
    preview = shown.context["preview"] if shown.context else None
    if preview is None:
        return shown
    return client.post(url, {**data, "confirm": "1", "seen": preview.signature()})


def council_passed(world, people, award="LDTT", year=2025, day=None):
    """Ward A's dossier proposing ``people`` for ``award``, its council's lines passed: waiting for the chairman."""
    from datetime import date

    from council import actions as council_actions
    from dossiers.models import Dossier
    from org.models import Role

    from . import user
    from .council import establish
    from .dossiers import dossier_at_council

    members = [world.users["council"]] + [user(f"hd{i}", Role.COUNCIL_MEMBER, world.ward_a) for i in (2, 3)]
    establish(world.ward_a, members)
    d = dossier_at_council(world, people, award=award, year=year)
    office = world.users["ward_specialist"]
    m = council_actions.meeting_create(acting_user=office, authority=world.ward_a, title="Phiên họp",
                                       date=day or date(2026, 1, 10), dossiers=[d])
    council_actions.attendance_set(acting_user=office, meeting=m, present_user_ids=[u.pk for u in members])
    council_actions.ballot_open(acting_user=office, meeting=m)
    for u in members:
        council_actions.ballot_cast(acting_user=u, meeting=m, choices={str(t.line_id): "agree" for t in m.tallies.all()})
    council_actions.ballot_close(acting_user=office, meeting=m)
    return Dossier.objects.get(pk=d.pk)


def waiting_dossier(unit, authority, year, items, title=None):
    """A dossier of ``unit`` to ``authority`` whose lines — (recipient, award code) — were passed, waiting for the
    decision: a district's year-end of an earlier year, as the decision page meets it."""
    from dossiers.models import Dossier, Line, Outcome, Status
    from org.models import Person
    from rulebook.models import AwardType

    d = Dossier.objects.create(unit=unit, authority=authority, year=year, status=Status.DECISION,
                               title=title or f"Đề nghị khen thưởng tổng kết năm {year}")
    for i, (recipient, code) in enumerate(items, start=1):
        who = {"person": recipient} if isinstance(recipient, Person) else {"unit": recipient}
        Line.objects.create(dossier=d, position=i, award_type=AwardType.objects.get(code=code), outcome=Outcome.PASSED,
                            recipient_kind="individual" if isinstance(recipient, Person) else "collective", **who)
    return d
