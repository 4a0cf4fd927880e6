"""Revocation leaves a ledger (Điều 93.2: the money and the items are recovered): the standing office of the authority
that revoked records what is paid back — partial amounts add up, never past what is owed —, the signer reads it; the
recovery list (per authority and revocation, filtered, paged, in Excel), the decision's page and the person's pages
show what is owed, paid and left. On a ward's award of today and on a district's award of 2017 (Nghị định 91/2017)."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Event
from decisions.actions import recovery_record
from decisions.models import Award, Recovery
from org.models import Role
from tdkt.testing import person, user
from tdkt.testing.revocations import give, prepare, revoke, sign

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 2)  # the revocation's date (tdkt.testing.revocations.sign)


@pytest.fixture
def revoked(world):
    """Nguyễn Thị Thịnh's CSTĐCS 2025 (2,340,000 đ) revoked by ward A on 02/03/2026: the money and the certificate."""
    a = give(world.thinh, "CSTDCS", 2025, amount=2_340_000, number="25/QĐ-UBND", day=date(2026, 1, 20))
    revoke(world, a)
    a.refresh_from_db()
    return a


def pay(world, award, amount, *, who="ward_specialist", day=date(2026, 3, 10), **kw):
    return recovery_record(acting_user=world.users[who], award=award, paid_on=day, amount=amount, **kw)


def test_partial_payments_add_up_and_the_last_one_cannot_pass_what_is_owed(world, revoked):
    pay(world, revoked, 1_000_000, voucher="Phiếu thu số 15 ngày 10/03/2026")
    pay(world, revoked, 1_000_000, day=date(2026, 3, 20), items_returned="Giấy chứng nhận bản chính")
    with pytest.raises(ValidationError) as e:
        pay(world, revoked, 400_000, day=date(2026, 3, 25))
    assert e.value.message_dict["amount"] == [
        "Số tiền nộp lại 400.000 đ vượt số còn phải thu hồi 340.000 đ (phải thu hồi 2.340.000 đ, đã nộp 2.000.000 đ)."]
    pay(world, revoked, 340_000, day=date(2026, 3, 25))
    assert sum(Recovery.objects.filter(award=revoked).values_list("amount", flat=True)) == 2_340_000
    with pytest.raises(ValidationError) as e:
        pay(world, revoked, 1)
    assert "vượt số còn phải thu hồi 0 đ" in e.value.message_dict["amount"][0]


def test_a_payment_is_an_event_on_the_recipient_history(world, revoked):
    pay(world, revoked, 1_000_000, voucher="Phiếu thu số 15")
    event = Event.objects.get(verb="award_recovery")
    assert event.target_id == world.thinh.pk and event.verb_label == "Nộp lại tiền thưởng, hiện vật"
    assert event.changes["Số tiền nộp lại"] == ["", "1.000.000 đ"]
    assert event.changes["Còn phải thu hồi"] == ["2.340.000 đ", "1.340.000 đ"]
    assert event.changes["Chứng từ"] == ["", "Phiếu thu số 15"]
    assert "hủy bỏ theo Quyết định số 30/QĐ-UBND ngày 02/03/2026 của Phường Phú Lương" in event.note


@pytest.mark.parametrize("day, message", [
    (date(2026, 3, 1), "Ngày nộp lại không được trước ngày quyết định hủy bỏ số 30/QĐ-UBND (02/03/2026)."),
    (date(2099, 1, 1), "Ngày nộp lại không được sau hôm nay."),
])
def test_the_date_of_a_payment_lies_between_the_revocation_and_today(world, revoked, day, message):
    with pytest.raises(ValidationError) as e:
        pay(world, revoked, 100_000, day=day)
    assert e.value.message_dict["paid_on"] == [message]
    assert not Recovery.objects.exists()


def test_nothing_paid_nothing_to_record(world, revoked):
    with pytest.raises(ValidationError) as e:
        pay(world, revoked, 0)
    assert e.value.message_dict["amount"] == ["Nhập số tiền hoặc hiện vật đã nộp lại."]


def test_an_award_in_force_has_nothing_to_recover(world):
    a = give(world.thinh, "LDTT", 2025, amount=710_000)
    with pytest.raises(ValidationError):
        pay(world, a, 100_000)


@pytest.mark.parametrize("who", ["chairman", "officer_a", "council"])
def test_only_the_standing_office_records_a_payment(world, revoked, who):
    with pytest.raises(PermissionDenied):
        pay(world, revoked, 100_000, who=who)
    assert not Recovery.objects.exists()


@pytest.mark.parametrize("who, status, can_record", [
    ("ward_specialist", 200, True), ("specialist", 200, True), ("chairman", 200, False),
    ("officer_a", 404, False), ("council", 404, False), ("officer_b", 404, False)])
def test_the_office_records_the_signer_reads_nobody_else_sees(as_user, world, revoked, who, status, can_record):
    client = as_user(who)
    assert client.get(reverse("decisions:recoveries")).status_code == status
    page = client.get(reverse("decisions:recovery", args=[revoked.pk]))
    assert page.status_code == status
    if status == 200:
        assert ("Ghi nhận nộp lại" in page.content.decode()) is can_record
    posted = client.post(reverse("decisions:recovery", args=[revoked.pk]), {"paid_on": "10/03/2026", "amount": "100000"})
    assert posted.status_code == (302 if can_record else 403 if status == 200 else 404)
    assert Recovery.objects.count() == (1 if can_record else 0)
    Recovery.objects.all().delete()


def test_recording_from_the_page_with_the_receipt_scan(as_user, world, revoked, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = as_user("ward_specialist")
    url = reverse("decisions:recovery", args=[revoked.pk])
    response = client.post(url, {"paid_on": "10/03/2026", "amount": "3000000"})
    assert "vượt số còn phải thu hồi 2.340.000 đ" in response.content.decode()
    scan = SimpleUploadedFile("phieu-thu.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf")
    response = client.post(url, {"paid_on": "10/03/2026", "amount": "2340000", "items_returned": "Giấy chứng nhận",
                                 "voucher": "Phiếu thu số 15", "upload": scan}, follow=True)
    text = response.content.decode()
    assert "Đã ghi nhận nộp lại ngày 10/03/2026: 2.340.000 đ; hiện vật: Giấy chứng nhận. Đã thu hồi đủ tiền thưởng." in text
    assert "Đã thu hồi đủ" in text
    r = Recovery.objects.get()
    assert client.get(reverse("decisions:recovery_file", args=[revoked.pk, r.pk])).status_code == 200
    assert as_user("officer_a").get(reverse("decisions:recovery_file", args=[revoked.pk, r.pk])).status_code == 404
    fake = SimpleUploadedFile("phieu.pdf", b"MZ not a pdf", "application/pdf")
    response = client.post(url, {"paid_on": "11/03/2026", "items_returned": "Huy hiệu", "upload": fake})
    assert "Tệp không phải PDF hay ảnh" in response.content.decode()


def _district_2017(world):
    """Quận Hà Đông's LĐTT of 2017 (390,000 đ under Nghị định 91/2017) for a civil servant of Phường Phú Lãm,
    revoked by the district on 15/06/2025 (before the district level ended), signed by its chairman."""
    from org.models import Unit

    district = Unit.objects.get(code="HN-HD")
    lam = person("PL01", "Đỗ Văn Lãm", world.old_ward, start=date(2010, 1, 1))
    a = give(lam, "LDTT", 2017, amount=390_000, number="150/QĐ-UBND", day=date(2017, 12, 18))
    chairman = user("ct.hadong", Role.CHAIRMAN, district)
    draft = prepare(world.users["specialist"], a, lines={a.pk: {"authority": district}})
    assert draft.authority == district
    sign(chairman, draft, number="12", day=date(2025, 6, 15))
    a.refresh_from_db()
    return a, district


def test_the_list_per_authority_and_revocation_filters_and_totals(as_user, world, revoked):
    old, district = _district_2017(world)
    pay(world, revoked, 1_000_000)
    client = as_user("specialist")  # the city's office: both authorities are under it
    page = client.get(reverse("decisions:recoveries")).content.decode()
    assert "Quyết định số 30/QĐ-UBND ngày 02/03/2026" in page and "Quyết định số 12/QĐ-UBND ngày 15/06/2025" in page
    assert "Quận Hà Đông" in page and "Phường Phú Lương" in page
    assert "2.730.000 đ" in page  # owed in all: 2,340,000 + 390,000
    assert "1.730.000 đ" in page  # left
    by = lambda **q: client.get(reverse("decisions:recoveries"), q).context  # noqa: E731
    assert [a.pk for a in by(authority=district.pk)["rows"]] == [old.pk]
    assert [a.pk for a in by(year=2026)["rows"]] == [revoked.pk]
    assert {a.pk for a in by(state="chua-du")["rows"]} == {revoked.pk, old.pk}
    assert [a.pk for a in by(q="do van lam")["rows"]] == [old.pk]
    pay(world, revoked, 1_340_000, items_returned="Giấy chứng nhận")
    assert [a.pk for a in by(state="da-du")["rows"]] == [revoked.pk]
    assert [a.pk for a in by(state="chua-du")["rows"]] == [old.pk]
    ctx = by(state="da-du", q="thinh")
    assert ctx["rows"][0].state == "Đã thu hồi đủ" and ctx["totals"]["left"] == 0
    # The ward's own office sees its ward only; the district's revocation is not its.
    ward = as_user("ward_specialist").get(reverse("decisions:recoveries")).context
    assert [a.pk for a in ward["rows"]] == [revoked.pk]


def test_the_list_is_paged(as_user, world):
    people = [person(f"TT{i:02d}", f"Người Thứ {i:02d}", world.office_a) for i in range(35)]
    for p in people:
        a = give(p, "GK", 2025, amount=710_000, number="25/QĐ-UBND", day=date(2026, 1, 20))
        revoke(world, a, number=f"{40 + people.index(p)}")
    client = as_user("ward_specialist")
    first = client.get(reverse("decisions:recoveries")).context
    assert len(first["rows"]) == 30 and first["page"].paginator.count == 35
    assert first["totals"]["owed"] == 35 * 710_000
    second = client.get(reverse("decisions:recoveries"), {"page": 2}).context
    assert len(second["rows"]) == 5


def test_the_excel_of_the_list(as_user, world, revoked):
    pay(world, revoked, 1_000_000, items_returned="Giấy chứng nhận")
    response = as_user("ward_specialist").get(reverse("decisions:recoveries_export"), {"state": "chua-du"})
    assert response.status_code == 200
    assert "danh-sach-thu-hoi-tien-thuong" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.title == "Danh sách thu hồi tiền thưởng"
    cells = {c.coordinate: c for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    texts = [c.value for c in cells.values() if isinstance(c.value, str)]
    assert "ỦY BAN NHÂN DÂN" in texts and "PHƯỜNG PHÚ LƯƠNG" in texts and "DANH SÁCH THU HỒI TIỀN THƯỞNG" in texts
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "STT")
    row = next(r for r in ws.iter_rows() if r[1].value == "Nguyễn Thị Thịnh")
    values = dict(zip(header, [c.value for c in row]))
    assert values["Phải thu hồi (đồng)"] == 2_340_000 and values["Đã nộp lại (đồng)"] == 1_000_000
    assert values["Còn phải thu hồi (đồng)"] == 1_340_000 and values["Ngày nộp lại"] == "10/03/2026"
    assert values["Hiện vật đã nộp lại"] == "Giấy chứng nhận" and values["Tình trạng"] == "Đã nộp một phần"
    assert row[5].number_format == "#,##0"
    total = next(r for r in ws.iter_rows() if r[0].value == "Tổng cộng")
    assert [total[5].value, total[6].value, total[7].value] == [2_340_000, 1_000_000, 1_340_000]
    assert any(c.value == "NGƯỜI LẬP BIỂU" for c in cells.values()) and any(c.value == "KẾ TOÁN" for c in cells.values())
    assert any(c.value == "THỦ TRƯỞNG ĐƠN VỊ" for c in cells.values())
    assert as_user("officer_a").get(reverse("decisions:recoveries_export")).status_code == 404


def test_the_decision_page_shows_its_revoked_lines_and_what_is_left(as_user, world, django_capture_on_commit_callbacks):
    from .helpers import issued

    with django_capture_on_commit_callbacks(execute=False):
        decision = issued(world)
    award = decision.awards.get()
    Award.objects.filter(pk=award.pk).update(amount=710_000)
    revoke(world, award, lines={award.pk: {"recover_amount": 710_000, "items_to_return": "Giấy chứng nhận"}})
    award.refresh_from_db()
    pay(world, award, 210_000)
    for who, link in (("ward_specialist", "Ghi nhận nộp lại"), ("chairman", "Xem các lần nộp lại"), ("officer_a", None)):
        page = as_user(who).get(reverse("decisions:detail", args=[decision.pk])).content.decode()
        section = page[page.index('id="revoked-lines"'):]
        assert "Đã bị hủy bỏ" in section and "Quyết định số 30/QĐ-UBND</a> ngày 02/03/2026" in section
        assert "710.000 đ" in section and "210.000 đ" in section and "Giấy chứng nhận" in section
        assert "Đã nộp một phần" in section
        assert "còn phải thu hồi 500.000 đ" in page
        if link:
            assert link in section and reverse("decisions:recovery", args=[award.pk]) in section
        else:
            assert reverse("decisions:recovery", args=[award.pk]) not in section


def test_the_person_pages_show_what_is_owed_and_paid(as_user, world, revoked):
    pay(world, revoked, 1_000_000)
    records = as_user("ward_specialist").get(reverse("records:person_record", args=[world.thinh.pk])).content.decode()
    assert "đã nộp một phần: đã nộp lại 1.000.000 đ, còn phải thu hồi 1.340.000 đ" in records
    assert reverse("decisions:recovery", args=[revoked.pk]) in records
    achievements = as_user("officer_a").get(reverse("eligibility:person", args=[world.thinh.pk])).content.decode()
    assert "theo Quyết định số 30/QĐ-UBND ngày 02/03/2026; phải thu hồi 2.340.000 đ" in achievements
    assert "Đã nộp một phần: đã nộp lại 1.000.000 đ, còn 1.340.000 đ" in achievements
    assert reverse("decisions:recovery", args=[revoked.pk]) not in achievements  # a unit officer has no ledger
