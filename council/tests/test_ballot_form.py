"""A ballot sent by hand (issue 13, item 8): a field that names no line, or a line not on the ballot, is
refused with a message naming it (it was a server error), and a ballot's choices never appear in an
error report."""

import sys

import pytest
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import reverse
from django.views.debug import ExceptionReporter

from council.models import Receipt, Tally
from org.models import Person
from tdkt.testing.dossiers import dossier_at_council

from .helpers import all_lines, convene, council_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    council_of(world)
    return convene(world, [dossier_at_council(world, [world.thinh, Person.objects.get(code="CB0002")])])


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def _nothing_counted():
    assert not Receipt.objects.filter(voted=True).exists()
    assert not Tally.objects.exclude(agree=0, disagree=0, abstain=0).exists()


def test_a_field_that_names_no_line_is_refused_by_name(as_user, meeting):
    form = {**{f"line-{k}": v for k, v in all_lines(meeting, "agree").items()}, "line-abc": "agree"}
    r = as_user("council").post(reverse("council:cast", args=[meeting.pk]), form, follow=True)
    assert r.status_code == 200
    assert any("“line-abc”" in m and "không chỉ một dòng đề nghị" in m for m in _messages(r)), _messages(r)
    _nothing_counted()


def test_a_line_not_on_the_ballot_is_refused_by_name(as_user, meeting):
    form = {**{f"line-{k}": v for k, v in all_lines(meeting, "agree").items()}, "line-999999": "agree"}
    r = as_user("council").post(reverse("council:cast", args=[meeting.pk]), form, follow=True)
    assert "Dòng “999999” không có trong phiếu của phiên họp này." in _messages(r)
    _nothing_counted()


def test_a_choice_that_is_not_one_is_refused_naming_the_line(as_user, meeting):
    form = {f"line-{k}": "yes" for k in all_lines(meeting, "agree")}
    r = as_user("council").post(reverse("council:cast", args=[meeting.pk]), form, follow=True)
    assert any("Ý kiến “yes” ở dòng của Nguyễn Thị Thịnh không hợp lệ" in m for m in _messages(r)), _messages(r)
    _nothing_counted()


def test_the_secretary_cannot_enter_a_choice_under_a_members_name(as_user, world, meeting):
    """The old way of entering a member's paper ballot (member + a choice per line) is gone: such a form is refused,
    naming what to do instead, and nothing is counted."""
    form = {"member": world.users["council"].pk, "handed_out": 1, "received": 1,
            **{f"line-{k}": v for k, v in all_lines(meeting, "agree").items()}}
    r = as_user("ward_specialist").post(reverse("council:paper", args=[meeting.pk]), form, follow=True)
    assert r.status_code == 200
    assert any("Không nhập phiếu của từng thành viên" in m and "tổng số" in m for m in _messages(r)), _messages(r)
    _nothing_counted()


def test_a_ballot_never_appears_in_an_error_report(world, meeting, monkeypatch):
    """The server fails while counting: the report (as e-mailed to the administrators) hides the POST data and
    the variables of the functions that held the choices."""
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Tally.objects, "filter", fail)
    caught = []

    def keep(sender, request, **kwargs):
        caught.append((request, sys.exc_info()))

    got_request_exception.connect(keep)
    try:
        client = Client(raise_request_exception=False)
        client.force_login(world.users["council"])
        r = client.post(reverse("council:cast", args=[meeting.pk]), {f"line-{k}": "disagree" for k in all_lines(meeting, "agree")})
    finally:
        got_request_exception.disconnect(keep)
    assert r.status_code == 500 and caught
    request, exc_info = caught[0]
    data = ExceptionReporter(request, *exc_info).get_traceback_data()
    assert data["filtered_POST_items"] and {value for _key, value in data["filtered_POST_items"]} == {"********************"}
    shown = [(frame["function"], name, value) for frame in data["frames"] for name, value in frame["vars"]]
    assert not [item for item in shown if "disagree" in item[2]]
    text = ExceptionReporter(request, *exc_info).get_traceback_text()
    assert "disagree" not in text
