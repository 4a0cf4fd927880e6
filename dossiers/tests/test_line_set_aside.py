"""The appraiser sets one line aside ("không đề nghị") with a reason instead of returning the whole dossier: the line
stays, struck through with the reason the unit reads; the checklist, the appraisal and what follows ignore it; it is
proposed again with one click while the dossier is appraised. On a ward's dossier today and a 2017 dossier to a
district."""

import pytest
from django.test import Client
from django.urls import reverse

from dossiers import actions
from dossiers.models import Dossier, Event, Line, Outcome, Status
from dossiers.workflow import StepRefused
from records.models import Rating

from .helpers import appraising

pytestmark = pytest.mark.django_db
REASON = "Chưa đủ 10 tháng công tác trong năm (nghỉ thai sản từ tháng 3)."


def client_of(u):
    c = Client()
    c.force_login(u)
    return c


def test_a_line_set_aside_lets_the_rest_of_the_dossier_pass(case):
    d = appraising(case)
    first, second = d.lines.order_by("position")
    # Meanwhile the first person's rating is withdrawn: her line no longer passes and has no justification.
    Rating.objects.filter(person=first.person, year=case.year).delete()
    actions.appraise_dossier(d)
    office = client_of(case.office)
    page = office.get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert f"Chưa giải trình: {first.person.full_name}" in page
    refused = office.post(reverse("dossiers:step", args=[d.pk, "appraise"]), follow=True).content.decode()
    assert "Mọi dòng đạt thẩm định hoặc có giải trình" in refused
    assert Dossier.objects.get(pk=d.pk).status == Status.APPRAISING

    url = reverse("dossiers:line_set_aside", args=[d.pk, first.pk])
    form = office.get(url).content.decode()
    assert f"Không đề nghị: {first.person.full_name}" in form
    empty = office.post(url, {"reason": "  "}).content.decode()
    assert "Cần ghi lý do." in empty and Line.objects.get(pk=first.pk).outcome == Outcome.PROPOSED
    done = office.post(url, {"reason": REASON}, follow=True).content.decode()
    assert f"Đã đánh dấu “không đề nghị”: {first.person.full_name}" in done
    assert "Chưa giải trình" not in done  # the checklist no longer counts her line
    line = Line.objects.get(pk=first.pk)
    assert (line.outcome, line.aside_reason) == (Outcome.SET_ASIDE, REASON)
    event = Event.objects.filter(dossier=d, verb="set_aside").get()
    assert (event.reason, event.actor, event.data["line"]["code"]) == (REASON, case.office, first.person.code)

    passed = office.post(reverse("dossiers:step", args=[d.pk, "appraise"]), follow=True).content.decode()
    assert "Thẩm định đạt" in passed
    d.refresh_from_db()
    assert d.status in (Status.COUNCIL, Status.DISCLOSURE)
    assert Line.objects.get(pk=first.pk).outcome == Outcome.SET_ASIDE
    assert Line.objects.get(pk=second.pk).outcome == Outcome.PROPOSED


def test_the_unit_sees_the_line_struck_through_with_the_reason(case):
    d = appraising(case)
    line = d.lines.order_by("position").first()
    actions.line_set_aside(acting_user=case.office, line=line, reason=REASON)
    page = client_of(case.officer).get(reverse("dossiers:detail", args=[d.pk])).content.decode()
    assert f'<s class="old">{line.person.full_name}</s>' in page
    assert "<strong>Không đề nghị:</strong> Chưa đủ 10 tháng công tác" in page
    assert "Không đề nghị một dòng" in page and f"Lý do: {REASON}" in page  # the timeline says who and why
    # The unit may not set aside nor restore.
    assert client_of(case.officer).get(reverse("dossiers:line_set_aside", args=[d.pk, line.pk])).status_code == 404
    with pytest.raises(StepRefused):
        actions.line_restore(acting_user=case.officer, line=line)


def test_a_line_set_aside_is_proposed_again_while_the_dossier_is_appraised(case):
    d = appraising(case)
    line = d.lines.order_by("position").first()
    actions.line_set_aside(acting_user=case.office, line=line, reason=REASON)
    office = client_of(case.office)
    r = office.post(reverse("dossiers:line_restore", args=[d.pk, line.pk]), follow=True).content.decode()
    assert f"Đã đề nghị lại {line.person.full_name}" in r
    line.refresh_from_db()
    assert (line.outcome, line.aside_reason) == (Outcome.PROPOSED, "")
    assert Event.objects.filter(dossier=d, verb="set_aside_undo").count() == 1
    assert "Đề nghị lại dòng đã để ra" in r

    # Once the appraisal passed, the choice stands.
    actions.line_set_aside(acting_user=case.office, line=line, reason=REASON)
    actions.dossier_appraise(acting_user=case.office, dossier=d)
    late = office.post(reverse("dossiers:line_restore", args=[d.pk, line.pk]), follow=True).content.decode()
    assert "không thể đánh dấu dòng “không đề nghị”" in late
    assert Line.objects.get(pk=line.pk).outcome == Outcome.SET_ASIDE


def test_a_line_is_set_aside_only_while_appraising_and_with_a_reason(case):
    from .helpers import dossier_of

    d = dossier_of(case)
    line = d.lines.first()
    with pytest.raises(StepRefused, match="Đang soạn"):
        actions.line_set_aside(acting_user=case.office, line=line, reason=REASON)
    actions.dossier_submit(acting_user=case.officer, dossier=d)
    actions.dossier_receive(acting_user=case.office, dossier=d)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Cần ghi lý do không đề nghị"):
        actions.line_set_aside(acting_user=case.office, line=line, reason=" ")
    assert Line.objects.get(pk=line.pk).outcome == Outcome.PROPOSED
