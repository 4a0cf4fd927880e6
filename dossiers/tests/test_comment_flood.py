"""Flood protection of the public disclosure page (/cong-khai/…): limits per address and per
list, comments marked as spam by the office, and one notification per list gathering the new comments."""

import pytest
from django.urls import reverse

from dossiers import actions
from dossiers.models import Comment, Dossier, Event, Line, Status
from notifications.models import Notification
from org.duties import Duty, users_at
from org.models import Role
from records.models import Rating
from rulebook.models import AwardType
from tdkt.testing import user

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def listed(world, time_machine, settings):
    """Ward A's list on public disclosure until 31/12/2026, seen on 01/12/2026; the limits set wide."""
    settings.TDKT_THROTTLE_COMMENTS_PER_ADDRESS = "1000/h"
    settings.TDKT_THROTTLE_COMMENTS_PER_DISCLOSURE = "1000/h"
    Rating.objects.create(person=world.thinh, year=YEAR, level="HTXSNV")
    d = actions.dossier_create(acting_user=world.users["officer_a"], unit=world.ward_a, authority=world.ward_a, year=YEAR,
                               title="Đề nghị khen thưởng tổng kết năm 2025")
    actions.lines_add(acting_user=world.users["officer_a"], dossier=d,
                      items=[{"person": world.thinh, "award_type": AwardType.objects.get(code="LDTT"), "summary": "Dẫn đầu phong trào"}])
    Dossier.objects.filter(pk=d.pk).update(status=Status.DISCLOSURE, disclosure_from="2026-11-20", disclosure_until="2026-12-31")
    time_machine.move_to("2026-12-01 09:10 +0700", tick=False)
    return Dossier.objects.get(pk=d.pk)


def post(client, d, address, text="Đề nghị xem lại ngày công.", name="Lê Văn Dân"):
    return client.post(reverse("dossiers:public_detail", args=[d.pk]),
                       {"line": Line.objects.get(dossier=d).pk, "name": name, "contact": "0912345678", "text": text},
                       REMOTE_ADDR=address)


def test_a_burst_from_one_address_is_refused_with_429_and_writes_nothing(client, listed, settings,
                                                                          django_capture_on_commit_callbacks):
    settings.TDKT_THROTTLE_COMMENTS_PER_ADDRESS = "3/h"
    with django_capture_on_commit_callbacks(execute=True):
        assert [post(client, listed, "203.0.113.5").status_code for _ in range(3)] == [302, 302, 302]
    counts = (Comment.objects.count(), Event.objects.filter(verb="comment").count(), Notification.objects.count())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refused = post(client, listed, "203.0.113.5", text="Góp ý thứ tư gửi dồn dập.")
    assert refused.status_code == 429 and refused["Retry-After"] == str(50 * 60)
    page = refused.content.decode()
    assert "Bạn đã gửi nhiều góp ý trong thời gian ngắn" in page and "thử lại sau 50 phút" in page
    assert "Góp ý thứ tư gửi dồn dập." in page  # what they wrote is kept in the form
    assert (Comment.objects.count(), Event.objects.filter(verb="comment").count(), Notification.objects.count()) == counts
    assert not callbacks and counts[0] == 3


def test_another_address_still_may_comment(client, listed, settings):
    settings.TDKT_THROTTLE_COMMENTS_PER_ADDRESS = "2/h"
    for _ in range(3):
        post(client, listed, "203.0.113.5")
    assert post(client, listed, "198.51.100.20").status_code == 302
    assert Comment.objects.count() == 3


def test_a_list_takes_only_so_many_comments_an_hour_from_everyone(client, listed, settings, time_machine):
    settings.TDKT_THROTTLE_COMMENTS_PER_DISCLOSURE = "4/h"
    assert [post(client, listed, f"198.51.100.{n}").status_code for n in range(5)] == [302, 302, 302, 302, 429]
    refused = post(client, listed, "192.0.2.77")
    assert refused.status_code == 429 and "Danh sách này đang nhận quá nhiều góp ý" in refused.content.decode()
    assert Comment.objects.count() == 4
    time_machine.move_to("2026-12-01 10:00 +0700", tick=False)  # the next hour
    assert post(client, listed, "192.0.2.77").status_code == 302


def test_spam_is_marked_by_the_office_hidden_and_needs_no_answer(as_user, client, listed, time_machine):
    for n, text in enumerate(["Đề nghị xem lại ngày công.", "QUẢNG CÁO vay tiền nhanh", "QUẢNG CÁO vay tiền nhanh lần 2"]):
        post(client, listed, f"198.51.100.{n}", text=text)
    real, *spam = Comment.objects.order_by("id")
    office = as_user("ward_specialist")
    url = reverse("dossiers:comment_spam", args=[listed.pk])
    # The unit officer does not answer for the list: refused, nothing marked.
    as_user("officer_a").post(url, {"comment": [c.pk for c in spam]})
    assert not Comment.objects.filter(spam_at__isnull=False).exists()
    r = office.post(url, {"comment": [c.pk for c in spam]}, follow=True)
    assert "Đã đánh dấu 2 góp ý là thư rác." in r.content.decode()
    assert Comment.objects.filter(spam_at__isnull=False).count() == 2
    event = Event.objects.get(dossier=listed, verb="comment_spam")
    assert event.actor.username == "ward_specialist" and event.data["comments"]["label"] == "2 góp ý"
    page = office.get(reverse("dossiers:detail", args=[listed.pk])).content.decode()
    assert "Thư rác (2)" in page and "Đánh dấu góp ý là thư rác" in page and "1 góp ý, 1 chưa trả lời" in page
    # Answered, even a spam one would have been shown: marked as spam, it is not.
    actions.comment_answer(acting_user=listed_user(listed), comment=real, answer="Đã đối chiếu bảng chấm công.")
    public = client.get(reverse("dossiers:public_detail", args=[listed.pk])).content.decode()
    assert "Đã đối chiếu bảng chấm công." in public and "QUẢNG CÁO" not in public
    # Closing the disclosure waits for the real comment only.
    time_machine.move_to("2027-01-04 09:00 +0700", tick=False)
    d = actions.disclosure_close(acting_user=listed_user(listed), dossier=listed)
    assert d.status == Status.COUNCIL


def listed_user(d):
    return next(u for u in users_at(d.authority, Duty.APPRAISE) if u.username == "ward_specialist")


def test_a_comment_marked_by_mistake_is_put_back(as_user, client, listed, time_machine):
    post(client, listed, "198.51.100.1")
    c = Comment.objects.get()
    office = as_user("ward_specialist")
    office.post(reverse("dossiers:comment_spam", args=[listed.pk]), {"comment": [c.pk]})
    office.post(reverse("dossiers:comment_spam", args=[listed.pk]), {"comment": [c.pk], "undo": "1"})
    assert Comment.objects.get().spam_at is None
    time_machine.move_to("2027-01-04 09:00 +0700", tick=False)
    with pytest.raises(Exception, match="1 góp ý chưa được trả lời"):
        actions.disclosure_close(acting_user=listed_user(listed), dossier=listed)


def test_twelve_comments_make_one_notification_per_officer_that_counts_them(client, world, listed,
                                                                              django_capture_on_commit_callbacks):
    user("ward_specialist_2", Role.SPECIALIST, world.ward_a, full_name="Chuyên viên thứ hai")
    officers = users_at(listed.authority, Duty.APPRAISE)
    assert len(officers) == 2
    for n in range(12):
        with django_capture_on_commit_callbacks(execute=True):
            assert post(client, listed, f"198.51.100.{n}").status_code == 302
    for officer in officers:
        mine = Notification.objects.filter(user=officer)
        assert mine.count() == 1
        assert mine.get().title == "12 ý kiến mới về danh sách công khai “Đề nghị khen thưởng tổng kết năm 2025”"
    # Once read, the next comment starts a new one.
    first = officers[0]
    Notification.objects.filter(user=first).update(read_at="2026-12-01T10:00:00+07:00")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, listed, "192.0.2.1")
    titles = sorted(Notification.objects.filter(user=first).values_list("title", flat=True))
    assert [t.split(" ý kiến")[0] for t in titles] == ["1", "12"]
    assert Notification.objects.get(user=officers[1]).title.startswith("13 ý kiến mới")
