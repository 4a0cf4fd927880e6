"""The rate limiter of the public forms: counts shared through the database, fixed windows,
nothing written for a refused request, ended windows swept, the client's address."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from throttle import actions as throttle
from throttle.http import client_address
from throttle.limits import Limit, parse_rate, wait_text
from throttle.models import Bucket

pytestmark = pytest.mark.django_db


def test_the_limit_allows_that_many_in_a_window_then_says_how_long_to_wait(time_machine):
    time_machine.move_to("2026-12-01 09:20:00 +0700", tick=False)
    verdicts = [throttle.hit("comment-address", "203.0.113.5", 3, 3600) for _ in range(5)]
    assert [bool(v) for v in verdicts] == [True, True, True, False, False]
    assert verdicts[3].retry_after == 40 * 60 and verdicts[3].wait == "40 phút"
    assert Bucket.objects.get().count == 3  # the refused requests were not counted
    assert throttle.hit("comment-address", "203.0.113.6", 3, 3600)  # another key has its own count
    time_machine.move_to("2026-12-01 10:00:00 +0700", tick=False)
    assert throttle.hit("comment-address", "203.0.113.5", 3, 3600)  # a new window


def test_all_limits_or_none_are_counted():
    per_address = Limit("comment-address", "198.51.100.1", 5, 3600)
    per_list = Limit("comment-disclosure", "7", 2, 3600)
    assert throttle.hit_all([per_address, per_list]) and throttle.hit_all([per_address, per_list])
    refused = throttle.hit_all([per_address, per_list])
    assert not refused and refused.scope == "comment-disclosure"
    assert {b.scope: b.count for b in Bucket.objects.all()} == {"comment-address": 2, "comment-disclosure": 2}
    assert throttle.hit_all([per_address, None])  # a limit turned off is skipped


def test_peek_counts_nothing():
    lim = Limit("verify-address", "192.0.2.1", 1, 60)
    assert throttle.peek([lim]) and not Bucket.objects.exists()
    throttle.hit_all([lim])
    assert not throttle.peek([lim]) and Bucket.objects.get().count == 1


def test_ended_windows_are_swept_when_a_new_one_starts(time_machine):
    time_machine.move_to("2026-12-01 09:00:30 +0700", tick=False)
    for n in range(3):
        throttle.hit("verify-address", f"192.0.2.{n}", 20, 60)
    assert Bucket.objects.count() == 3
    time_machine.move_to("2026-12-01 09:05:00 +0700", tick=False)
    throttle.hit("verify-address", "192.0.2.9", 20, 60)
    assert list(Bucket.objects.values_list("key", flat=True)) == ["192.0.2.9"]


def test_rates_and_waits_read_as_written():
    assert parse_rate("10/h") == (10, 3600) and parse_rate("20/min") == (20, 60) and parse_rate("off") is None
    with pytest.raises(ImproperlyConfigured):
        parse_rate("mười/giờ")
    assert [wait_text(s) for s in (1, 59, 61, 3600, 3900)] == ["1 giây", "59 giây", "2 phút", "1 giờ", "1 giờ 5 phút"]


def test_the_client_address_trusts_forwarded_for_only_behind_our_proxy(settings):
    rf = RequestFactory()
    forged = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7")
    settings.TDKT_TRUSTED_PROXIES = 0
    assert client_address(forged) == "10.0.0.2"
    settings.TDKT_TRUSTED_PROXIES = 1
    # Our proxy appended the address it saw; what the client wrote before it ("1.1.1.1") is not believed.
    assert client_address(forged) == "203.0.113.7"
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not an address")) == "not an address"
    # One IPv6 subscriber holds a /64: its addresses count as one.
    settings.TDKT_TRUSTED_PROXIES = 0
    a = client_address(rf.get("/", REMOTE_ADDR="2001:db8:1:2::1"))
    assert a == client_address(rf.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")) == "2001:db8:1:2::/64"


@pytest.mark.django_db(transaction=True)
def test_web_processes_hitting_at_once_share_one_count():
    """Eight workers at once, five requests each, against a limit of 20: exactly 20 pass."""
    import threading

    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the tests' in-memory SQLite refuses a second writer instead of queueing it (a file or PostgreSQL queues)")
    barrier, passed, errors = threading.Barrier(8), [], []

    def worker():
        from django.db import connection as conn

        try:
            barrier.wait(timeout=10)
            for _ in range(5):
                passed.append(bool(throttle.hit("comment-disclosure", "42", 20, 3600)))
        except Exception as e:  # noqa: BLE001 - shown by the assertion below
            errors.append(f"{type(e).__name__}: {e}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and passed.count(True) == 20 and len(passed) == 40, errors
    assert Bucket.objects.get().count == 20
