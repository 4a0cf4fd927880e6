"""A citizen proposes a "người tốt, việc tốt" without an account, gets a tracking code, and later reads what the
ward's office made of it; bad and hostile input is refused at its field, in Vietnamese, and writes nothing."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import CitizenProposal, ProposalPhoto, Status

from tdkt.testing.portal import jpeg, proposal_data

pytestmark = pytest.mark.django_db
CODE = re.compile(r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$")


def sent(response):
    assert response.status_code == 302, response.content.decode()[:3000]
    return CitizenProposal.objects.get(code=response["Location"].split("/theo-doi/")[1].split("/")[0])


def test_a_proposal_with_a_photo_gets_an_unguessable_code_and_its_tracking_page(world, citizen_form):
    p = sent(citizen_form(proposal_data(world.ward_a), photos=[jpeg()]))
    q = sent(citizen_form(proposal_data(world.ward_a, title="Cứu người đuối nước")))
    assert CODE.match(p.code) and CODE.match(q.code) and p.code != q.code
    assert str(p.pk) not in p.code.replace("-", "")
    assert p.status == Status.RECEIVED and p.unit == world.ward_a
    assert ProposalPhoto.objects.filter(proposal=p).count() == 1
    # The sender's address is kept only as a keyed digest: the same for both, not the address's bare hash.
    import hashlib

    assert p.address_digest == q.address_digest != hashlib.sha256(b"203.0.113.7").hexdigest()
    assert "203.0.113.7" not in p.address_digest
    page = Client().get(reverse("portal:track", args=[p.code]) + "?moi=1").content.decode()
    assert p.code in page and "Đã tiếp nhận" in page and "Trả lại ví tiền nhặt được" in page
    # What the proposer gave to be contacted is for the office only.
    assert "0912 345 678" not in page and "Đỗ Thị Hoa" not in page
    # Typed as a person reads it from a note: lower case, spaces.
    typed = p.code.lower().replace("-", " ")
    r = Client().get(reverse("portal:track_lookup"), {"ma": typed})
    assert r.status_code == 302 and r["Location"] == reverse("portal:track", args=[p.code])


def test_missing_fields_are_named_in_vietnamese_and_nothing_is_written(world, citizen_form):
    data = proposal_data(world.ward_a, nominee_name="", title="", story=" ", place="", deed_on="31/02/2026",
                         proposer_name="", proposer_contact="")
    r = citizen_form({**data, "unit": ""})
    assert r.status_code == 200
    errors = r.context["form"].errors
    assert errors["nominee_name"] == ["Cần ghi họ và tên người được đề xuất."]
    assert errors["title"] == ["Cần ghi việc tốt (nêu ngắn gọn việc làm)."]
    assert errors["story"] == ["Cần ghi câu chuyện: việc làm, hoàn cảnh, kết quả."]
    assert errors["deed_on"] == ["Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy."]
    assert "Cần ghi số điện thoại hoặc thư điện tử" in errors["proposer_contact"][0]
    assert errors["unit"] == ["Chọn phường, xã nơi có người tốt, việc tốt."]
    assert not CitizenProposal.objects.exists()


def test_a_deed_in_the_future_or_a_ward_that_no_longer_exists_is_refused(world, citizen_form):
    r = citizen_form(proposal_data(world.ward_a, deed_on="01/01/2099"))
    assert r.context["form"].errors["deed_on"] == ["Ngày 01/01/2099 chưa đến."]
    r = citizen_form(proposal_data(world.old_ward))  # Phú Lãm, closed on 30/06/2025
    assert "unit" in r.context["form"].errors
    assert not CitizenProposal.objects.exists()


def test_script_tags_are_kept_as_text_and_shown_escaped(world, citizen_form, as_user):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    p = sent(citizen_form(proposal_data(world.ward_a, title=hostile, nominee_name=hostile, story=hostile + "\nDòng 2",
                                        place="Ngõ 5 \u202eđường Lê Lợi")))
    assert p.title == hostile  # stored as typed: it is text, not markup
    assert "\u202e" not in p.place  # no bidi override kept
    for html in (Client().get(reverse("portal:track", args=[p.code])).content.decode(),
                 as_user("ward_specialist").get(reverse("portal:office_detail", args=[p.pk])).content.decode(),
                 as_user("ward_specialist").get(reverse("portal:office_list")).content.decode()):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_huge_field_is_refused_at_its_field(world, citizen_form):
    r = citizen_form(proposal_data(world.ward_a, story="A" * 10_001, title="B" * 301))
    errors = r.context["form"].errors
    assert "Câu chuyện" in errors["story"][0] and "5000" in errors["story"][0].replace(".", "")
    assert "Việc tốt" in errors["title"][0]
    assert not CitizenProposal.objects.exists()


def test_a_file_that_is_not_a_picture_is_refused_by_its_content_whatever_its_name(world, citizen_form):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh-that.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    r = citizen_form(proposal_data(world.ward_a), photos=[jpeg("that.jpg"), fake])
    assert r.status_code == 200
    assert r.context["form"].errors["photos"] == [
        "Tệp “anh-that.jpg”: Tệp không phải ảnh (JPEG, PNG hoặc WebP): hãy chọn một tệp ảnh."]
    assert not CitizenProposal.objects.exists() and not ProposalPhoto.objects.exists()


def test_too_many_photos_are_refused(world, citizen_form):
    r = citizen_form(proposal_data(world.ward_a), photos=[jpeg(f"a{i}.jpg") for i in range(6)])
    assert r.context["form"].errors["photos"] == ["Gửi tối đa 5 ảnh (đã chọn 6)."]


@pytest.mark.parametrize("case", ["wrong", "honeypot", "forged", "fast", "expired"])
def test_the_check_refuses_what_a_script_sends(world, citizen_form, settings, case):
    from django.core import signing

    from portal.challenge import SALT

    data = proposal_data(world.ward_a)
    if case == "wrong":
        r = citizen_form(data, answer="99")
        assert r.context["form"].errors["answer"] == ["Câu trả lời kiểm tra chưa đúng."]
    elif case == "honeypot":
        r = citizen_form({**data, "website": "http://spam.example"})
        assert "Không gửi được đề xuất" in r.context["form"].non_field_errors()[0]
    elif case == "forged":
        client = Client()
        token = signing.dumps({"a": 1, "b": 1, "t": 0}, salt="other")
        r = client.post(reverse("portal:propose"), {**data, "token": token, "answer": "2"})
        assert "không hợp lệ" in r.context["form"].errors["answer"][0]
    elif case == "fast":
        settings.TDKT_PORTAL_CHALLENGE_MIN_SECONDS = 30
        client = Client()
        token = client.get(reverse("portal:propose")).context["form"].initial["token"]
        a = signing.loads(token, salt=SALT)
        r = client.post(reverse("portal:propose"), {**data, "token": token, "answer": str(a["a"] + a["b"])})
        assert "quá nhanh" in r.context["form"].errors["answer"][0]
    else:
        import time

        token = signing.dumps({"a": 2, "b": 3, "t": int(time.time()) - 3 * 3600}, salt=SALT, compress=True)
        r = Client().post(reverse("portal:propose"), {**data, "token": token, "answer": "5"})
        assert "hết hạn" in r.context["form"].errors["answer"][0]
    assert r.status_code == 200
    assert not CitizenProposal.objects.exists()
    # What was typed stays; the question is a new one, its answer box empty.
    assert "Trả lại ví tiền nhặt được" in r.content.decode()
    assert r.context["form"].data["answer"] == ""


def test_a_flood_from_one_address_is_refused_in_vietnamese_and_writes_nothing(world, citizen_form):
    for i in range(5):
        sent(citizen_form(proposal_data(world.ward_a, title=f"Việc tốt {i}")))
    r = citizen_form(proposal_data(world.ward_a, title="Việc tốt thứ sáu"))
    assert r.status_code == 429 and int(r["Retry-After"]) > 0
    html = r.content.decode()
    assert "Bạn đã gửi nhiều đề xuất trong thời gian ngắn. Hãy thử lại sau" in html
    assert "Việc tốt thứ sáu" in html  # kept in the form
    assert CitizenProposal.objects.count() == 5
    # Another address is not held back.
    sent(citizen_form(proposal_data(world.ward_a, title="Từ nơi khác"), address="198.51.100.9"))


def test_a_wrong_tracking_code_says_not_found_and_guessing_is_slowed_down(world, citizen_form, settings):
    settings.TDKT_THROTTLE_TRACK_PER_ADDRESS = "3/min"
    p = sent(citizen_form(proposal_data(world.ward_a)))
    c = Client(REMOTE_ADDR="192.0.2.50")
    r = c.get(reverse("portal:track_lookup"), {"ma": "ACDE-FGHJ-KMNP"})
    assert r.status_code == 200 and "Không tìm thấy đề xuất nào với mã" in r.content.decode()
    assert c.get(reverse("portal:track", args=["ACDE-FGHJ-KMNQ"])).status_code == 404
    c.get(reverse("portal:track_lookup"), {"ma": "ACDE-FGHJ-KMNR"})
    r = c.get(reverse("portal:track", args=[p.code]))  # even the right code waits now
    assert r.status_code == 429 and "Hãy thử lại sau" in r.content.decode()
    assert Client(REMOTE_ADDR="192.0.2.51").get(reverse("portal:track", args=[p.code])).status_code == 200
