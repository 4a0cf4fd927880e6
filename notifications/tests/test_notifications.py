"""The notification inbox and the unread count in the top bar."""

import pytest
from django.urls import reverse

from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(world):
    officer = world.users["officer_a"]
    return [
        Notification.objects.create(user=officer, title="Kế hoạch mới: Kế hoạch năm 2026", body="Kế hoạch số 02/KH-HĐTĐKT",
                                    url="/ke-hoach/"),
        Notification.objects.create(user=officer, title="Còn 5 ngày làm việc: Gửi đăng ký thi đua", url="https://example.com/x"),
        Notification.objects.create(user=world.users["officer_b"], title="Thông báo của phường Yên Nghĩa"),
    ]


def test_top_bar_shows_the_unread_count(as_user, world, notes):
    page = as_user("officer_a").get(reverse("home")).content.decode()
    assert 'aria-label="Thông báo: 2 chưa đọc"' in page and '<span class="count">2</span>' in page
    page = as_user("specialist").get(reverse("home")).content.decode()
    assert 'class="bell"' in page and '<span class="count">' not in page


def test_inbox_lists_only_my_notifications_and_marks_them_read(as_user, world, notes):
    client = as_user("officer_a")
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Kế hoạch mới: Kế hoạch năm 2026" in page and "Còn 5 ngày làm việc" in page
    assert "phường Yên Nghĩa" not in page and "2 thông báo chưa đọc." in page

    client.post(reverse("notifications:read"), {"id": notes[1].pk})
    notes[1].refresh_from_db()
    assert notes[1].read_at is not None
    page = client.get(reverse("notifications:list") + "?unread=1").content.decode()
    assert "Còn 5 ngày làm việc" not in page and "1 thông báo chưa đọc." in page

    # Another person's notification cannot be touched.
    client.post(reverse("notifications:read"), {"id": notes[2].pk})
    notes[2].refresh_from_db()
    assert notes[2].read_at is None
    assert client.get(reverse("notifications:open", args=[notes[2].pk])).status_code == 404

    response = client.post(reverse("notifications:read"), follow=True)
    assert "Đã đánh dấu 1 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(user=world.users["officer_a"], read_at__isnull=True).exists()
    assert '<span class="count">' not in client.get(reverse("home")).content.decode()


def test_opening_a_notification_reads_it_and_follows_its_link(as_user, world, notes):
    client = as_user("officer_a")
    response = client.get(reverse("notifications:open", args=[notes[0].pk]))
    assert response.status_code == 302 and response["Location"] == "/ke-hoach/"
    notes[0].refresh_from_db()
    assert notes[0].read_at is not None
    # A link to another site is not followed.
    response = client.get(reverse("notifications:open", args=[notes[1].pk]))
    assert response["Location"] == reverse("notifications:list")
