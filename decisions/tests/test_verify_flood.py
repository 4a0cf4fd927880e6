"""The public verification page (/xac-minh/) against guessing: lookups that miss are limited per
address (then every lookup of that address waits, found or not), codes are normalised before the
lookup, and junk — "A/B", spaces, anything — gets a Vietnamese "không tìm thấy" page, never a 500."""

import pytest
from django.urls import reverse

from decisions.actions import award_record
from decisions.models import Award
from rulebook.models import AwardType
from throttle.models import Bucket

pytestmark = pytest.mark.django_db
CODE = "ABCD2345"


@pytest.fixture
def award(world, settings, time_machine):
    settings.TDKT_THROTTLE_VERIFY_PER_ADDRESS = "5/min"
    time_machine.move_to("2026-12-01 09:00:15 +0700", tick=False)
    a = award_record(acting_user=world.users["ward_specialist"], person=world.thinh, award_type=AwardType.objects.get(code="LDTT"),
                     year=2024, decision_number="12/QĐ-UBND")
    Award.objects.filter(pk=a.pk).update(verify_code=CODE)
    return a


def lookup(client, code, address="203.0.113.9"):
    return client.get(reverse("decisions:verify_lookup"), {"ma": code}, REMOTE_ADDR=address)


def direct(client, code, address="203.0.113.9"):
    return client.get(reverse("decisions:verify", args=[code]), REMOTE_ADDR=address)


@pytest.mark.parametrize("junk", ["A/B", "../../etc/passwd", "ABCD 2345 0O1I", "<script>", "'; DROP TABLE x; --", "é" * 300, "/"])
def test_junk_codes_get_a_vietnamese_not_found_page(client, award, junk):
    r = lookup(client, junk)
    assert r.status_code == 404
    page = r.content.decode()
    assert "Không tìm thấy" in page and "mã xác minh" in page and "<script>" not in page


def test_a_code_is_found_typed_in_lower_case_with_spaces_or_dashes(client, award):
    for typed in ("abcd2345", " ABCD-2345 ", "abcd 2345"):
        r = lookup(client, typed)
        assert r.status_code == 302 and r.url == reverse("decisions:verify", args=[CODE]), typed
    page = direct(client, "abcd2345").content.decode()
    assert "Nguyễn Thị Thịnh" in page and CODE in page


def test_a_code_that_does_not_exist_says_so(client, award):
    r = direct(client, "ZZZZ9999")
    assert r.status_code == 404 and "Không tìm thấy mã xác minh ZZZZ9999" in r.content.decode()
    r = direct(client, "<b>0O1I<b>")
    assert r.status_code == 404 and "Không tìm thấy mã xác minh &lt;b&gt;0O1I&lt;" in r.content.decode()


def test_misses_beyond_the_limit_get_429_and_then_even_a_right_code_waits(client, award):
    codes = [f"ZZZZ{n:04d}".replace("0", "2").replace("1", "3") for n in range(5)]
    assert [direct(client, c).status_code for c in codes[:3]] + [lookup(client, c).status_code for c in ("A/B", "QQQQ-0000")] == \
        [404] * 5
    refused = direct(client, CODE)
    assert refused.status_code == 429 and refused["Retry-After"] == "45"
    page = refused.content.decode()
    assert "Bạn đã tra cứu quá nhiều mã" in page and "thử lại sau 45 giây" in page and "Nguyễn Thị Thịnh" not in page
    assert lookup(client, "ZZZZ2222").status_code == 429
    assert Bucket.objects.get().count == 5  # the refused lookups were not counted
    # Another address is not held up; the found code never counted.
    assert direct(client, CODE, address="198.51.100.3").status_code == 200
    assert direct(client, CODE, address="198.51.100.3").status_code == 200
    assert Bucket.objects.filter(key="198.51.100.3").count() == 0


def test_the_limit_frees_with_the_next_minute(client, award, time_machine):
    for _ in range(5):
        direct(client, "ZZZZ2222")
    assert direct(client, CODE).status_code == 429
    time_machine.move_to("2026-12-01 09:01:00 +0700", tick=False)
    assert direct(client, CODE).status_code == 200
