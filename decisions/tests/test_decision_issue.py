"""From the council's result to the signed decision: awards in history at once, money on the
decision date, the Word and PDF decision, the certificates with a QR code leading to the public
verification page, the payment list; and revocation seen on that page and by eligibility."""

import io
import shutil
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dossiers import decide
from decisions.models import Award, Decision, RenderStatus
from dossiers.models import Dossier, Line, Outcome, Status
from org.models import Person, Role
from tdkt.testing import user
from tdkt.testing.decisions import decide_on_page
from tdkt.testing.dossiers import dossier_at_council

from .helpers import issue, passed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_only_the_chairman_issues(world):
    d = passed(world, [world.thinh])
    for who in ("officer_a", "ward_specialist", "council"):
        with pytest.raises(PermissionDenied):
            issue(world, d, who=who)
    assert not Decision.objects.exists()


def test_awards_enter_history_at_once(world, django_capture_on_commit_callbacks):
    an = Person.objects.get(code="CB0002")
    d = passed(world, [world.thinh, an])
    with django_capture_on_commit_callbacks(execute=False):
        decision = issue(world, d)
    assert decision.reference == "15/QĐ-UBND" and decision.total == 2 * 710_000
    awards = Award.objects.filter(decision=decision).order_by("person__code")
    assert [(a.person.code, a.award_type.code, a.year, a.source, a.amount, a.decision_number) for a in awards] == [
        ("CB0001", "LDTT", 2025, "decision", 710_000, "15/QĐ-UBND"), ("CB0002", "LDTT", 2025, "decision", 710_000, "15/QĐ-UBND")]
    assert all(len(a.verify_code) == 8 for a in awards) and len({a.verify_code for a in awards}) == 2
    assert set(Line.objects.values_list("outcome", flat=True)) == {Outcome.AWARDED}
    d.refresh_from_db()
    assert d.status == Status.DECIDED and d.events.filter(verb="decide").exists()
    # The engine sees them: LĐTT 2025 is now "already given".
    from eligibility.engine import evaluate

    outcome = next(o for o in evaluate(2025, person=world.thinh).outcomes if o.award.code == "LDTT")
    assert not outcome.eligible and "Đã được tặng Lao động tiên tiến năm 2025" in outcome.unmet()[0]


@pytest.mark.parametrize("day, amount", [(date(2026, 6, 30), 710_000), (date(2026, 7, 1), 760_000)])
def test_money_on_the_decision_date_around_1_july_2026(world, day, amount, django_capture_on_commit_callbacks):
    d = passed(world, [world.thinh])
    with django_capture_on_commit_callbacks(execute=False):
        decision = issue(world, d, day=day)
    assert Award.objects.get(decision=decision).amount == amount


@pytest.mark.parametrize("day, amount", [(date(2025, 6, 30), 360_000), (date(2025, 7, 1), 710_000)])
def test_a_ward_giay_khen_around_1_july_2025(world, day, amount, django_capture_on_commit_callbacks):
    # NĐ 98/2023: 0.15 × 2,340,000 = 351,000 → 360,000; NĐ 152/2025: 0.3 × 2,340,000 = 702,000 → 710,000.
    d = passed(world, [world.thinh], award="GK", year=2024)
    with django_capture_on_commit_callbacks(execute=False):
        decision = issue(world, d, day=day)
    assert Award.objects.get(decision=decision).amount == amount


def test_bad_input_names_the_field(world):
    d = passed(world, [world.thinh])
    with pytest.raises(ValidationError) as e:
        decide.decision_issue(acting_user=world.users["chairman"], authority=world.ward_a, dossiers=[d], number=" ",
                               date=date(2099, 1, 1), signer_name="")
    assert set(e.value.message_dict) == {"number", "date", "signer_name"}
    assert not Award.objects.filter(source="decision").exists()


def test_a_number_is_used_once_a_year(world, django_capture_on_commit_callbacks):
    d1 = passed(world, [world.thinh])
    with django_capture_on_commit_callbacks(execute=False):
        issue(world, d1)
    d2 = dossier_at_council(world, [Person.objects.get(code="CB0003")], year=2025)
    Dossier.objects.filter(pk=d2.pk).update(status=Status.DECISION)
    Line.objects.filter(dossier=d2).update(outcome=Outcome.PASSED)
    with pytest.raises(ValidationError, match="đã dùng"):
        issue(world, Dossier.objects.get(pk=d2.pk))


def _pdf_text(content):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _docx_text(content):
    import io

    from docx import Document

    from tdkt.testing.documents import all_text

    return all_text(Document(io.BytesIO(content)))


def test_the_files_of_the_decision(as_user, world, django_capture_on_commit_callbacks):
    an = Person.objects.get(code="CB0002")
    d = passed(world, [world.thinh, an])
    with django_capture_on_commit_callbacks(execute=True):
        decision = issue(world, d, signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    decision.refresh_from_db()
    assert decision.render_status == RenderStatus.DONE, decision.render_error
    client = as_user("chairman")
    word = _docx_text(client.get(reverse("decisions:file", args=[decision.pk, "quyet-dinh.docx"])).getvalue())
    for text in ("ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG", "Số: 15/QĐ-UBND", "QUYẾT ĐỊNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG",
                 "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Chủ", "Nguyễn Thị Thịnh", "Trần Văn An",
                 "Tổng cộng: 1.420.000 đồng (Một triệu bốn trăm hai mươi nghìn đồng).",
                 "Kèm theo Quyết định số 15/QĐ-UBND ngày 20/01/2026 của Chủ tịch Ủy ban nhân dân phường Phú Lương"):
        assert text in word, text
    certificates = client.get(reverse("decisions:file", args=[decision.pk, "bang-giay-khen.pdf"])).getvalue()
    reader, text = _pdf_text(certificates)
    assert len(reader.pages) == 2
    assert "Nguyễn Thị Thịnh" in text and "DANH HIỆU LAO ĐỘNG TIÊN TIẾN" in text
    # The font is the metric twin of Times New Roman, embedded (no missing-glyph fallback).
    fonts = {str(f.get("/BaseFont")) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert "Liberation-Serif" in " ".join(fonts) and all("Liberation" in f for f in fonts), fonts
    award = Award.objects.get(decision=decision, person=world.thinh)
    url = f"http://127.0.0.1:8000/xac-minh/{award.verify_code}/"
    assert url in text.replace("\n", "")
    if shutil.which("soffice"):
        pdf = client.get(reverse("decisions:file", args=[decision.pk, "quyet-dinh.pdf"])).getvalue()
        _, pdf_text = _pdf_text(pdf)
        assert "15/QĐ-UBND" in pdf_text and "Nguyễn Thị Thịnh" in pdf_text
    else:
        pytest.fail("LibreOffice (libreoffice-writer-nogui) is missing: run scripts/install-system-deps")
    payment = client.get(reverse("decisions:file", args=[decision.pk, "chi-tra.xlsx"]))
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(payment.content)).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "Nguyễn Thị Thịnh" in values and 1_420_000 in values
    assert as_user("officer_b").get(reverse("decisions:file", args=[decision.pk, "chi-tra.xlsx"])).status_code == 404


def test_the_qr_code_encodes_the_verification_page(world, client, django_capture_on_commit_callbacks):
    import base64
    import re

    import segno
    from PIL import Image

    from decisions import documents

    d = passed(world, [world.thinh])
    with django_capture_on_commit_callbacks(execute=False):
        decision = issue(world, d)
    award = Award.objects.get(decision=decision)
    html = documents.certificate_pages(decision)
    url = documents.verify_url(award)
    assert url.endswith(f"/xac-minh/{award.verify_code}/")
    # The image on the certificate is that URL's QR code, module for module.
    src = re.search(r'<div class="qr"><img src="data:image/png;base64,([^"]+)"', html).group(1)
    image = Image.open(io.BytesIO(base64.b64decode(src))).convert("L")
    matrix = segno.make(url, error="m").matrix
    size = len(matrix) + 2  # a one-module quiet zone
    step = image.width / size
    assert image.width == image.height and step == int(step)
    drawn = [[image.getpixel((int((x + 1.5) * step), int((y + 1.5) * step))) < 128 for x in range(len(matrix))]
             for y in range(len(matrix))]
    assert drawn == [[bool(m) for m in row] for row in matrix]
    page = client.get(reverse("decisions:verify", args=[award.verify_code])).content.decode()
    assert "Nguyễn Thị Thịnh" in page and "Lao động tiên tiến năm 2025" in page and "15/QĐ-UBND" in page
    assert "Chưa ký số." in page and "đã bị thu hồi" not in page
    assert client.get(reverse("decisions:verify", args=["ZZZZZZZZ"])).status_code == 404
    assert client.get(reverse("decisions:verify_lookup") + f"?ma={award.verify_code.lower()}").url == \
        reverse("decisions:verify", args=[award.verify_code])


def test_revocation_shows_on_the_verification_page_and_leaves_eligibility(world, client, django_capture_on_commit_callbacks):
    from decisions.models import RevocationGround
    from eligibility.engine import evaluate
    from tdkt.testing.revocations import prepare, sign

    d = passed(world, [world.thinh])
    with django_capture_on_commit_callbacks(execute=False):
        decision = issue(world, d)
    award = Award.objects.get(decision=decision)
    with pytest.raises(ValidationError) as e:
        prepare(world.users["ward_specialist"], award, ground=RevocationGround.FALSE_INFO,
                lines={award.pk: {"recover_amount": 999_999_999}})
    assert "từ 0 đến 710.000 đ (số tiền đã thưởng)" in e.value.message_dict[f"l{award.pk}-recover_amount"][0]
    draft = prepare(world.users["ward_specialist"], award, ground=RevocationGround.FALSE_INFO, reason="Hồ sơ kê khai ngày công sai",
                    lines={award.pk: {"items_to_return": "Giấy chứng nhận danh hiệu"}})
    with django_capture_on_commit_callbacks(execute=False):
        sign(world.users["chairman"], draft, number="30", day=date(2026, 3, 1))
    award.refresh_from_db()
    assert (award.recover_amount, award.items_to_return) == (710_000, "Giấy chứng nhận danh hiệu")
    page = client.get(reverse("decisions:verify", args=[award.verify_code])).content.decode()
    assert "Khen thưởng này đã bị thu hồi" in page and "30/QĐ-UBND" in page
    outcome = next(o for o in evaluate(2025, person=world.thinh).outcomes if o.award.code == "LDTT")
    assert outcome.eligible  # no longer counted as given


def test_signed_when_a_certificate_is_configured(world, settings, tmp_path, client, django_capture_on_commit_callbacks):
    p12 = tmp_path / "ky-so.p12"
    p12.write_bytes(_self_signed_p12(b"mat-khau"))
    settings.TDKT_SIGNING_P12, settings.TDKT_SIGNING_PASSWORD = str(p12), "mat-khau"
    d = passed(world, [world.thinh])
    with django_capture_on_commit_callbacks(execute=True):
        decision = issue(world, d)
    decision.refresh_from_db()
    assert decision.signed and decision.render_status == RenderStatus.DONE, decision.render_error
    award = Award.objects.get(decision=decision)
    page = client.get(reverse("decisions:verify", args=[award.verify_code])).content.decode()
    assert "Đã ký số, chữ ký hợp lệ" in page


def _self_signed_p12(password):
    from datetime import datetime, timedelta, timezone as tz

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "UBND phường Phú Lương"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    now = datetime.now(tz.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"ky-so", key, cert, None,
                                                 serialization.BestAvailableEncryption(password))


def test_the_list_finds_a_decision_by_its_number(as_user, world, django_capture_on_commit_callbacks):
    d = passed(world, [world.thinh])
    with django_capture_on_commit_callbacks(execute=False):
        issue(world, d)
    client = as_user("chairman")
    assert "15/QĐ-UBND" in client.get(reverse("decisions:list")).content.decode()
    assert "15/QĐ-UBND" in client.get(reverse("decisions:list") + "?q=15%2FQĐ-UBND&year=2025").content.decode()
    assert "15/QĐ-UBND" not in client.get(reverse("decisions:list") + "?q=16").content.decode()
    assert "15/QĐ-UBND" not in client.get(reverse("decisions:list") + "?year=2024").content.decode()
    assert "15/QĐ-UBND" not in as_user("officer_b").get(reverse("decisions:list")).content.decode()


def _waiting(world, code, year=2025):
    """Another dossier of ward A waiting for the decision (its lines passed)."""
    d = dossier_at_council(world, [Person.objects.get(code=code)], year=year)
    Dossier.objects.filter(pk=d.pk).update(status=Status.DECISION)
    Line.objects.filter(dossier=d).update(outcome=Outcome.PASSED)
    return Dossier.objects.get(pk=d.pk)


def test_one_decision_for_several_waiting_dossiers_from_the_page(as_user, world, django_capture_on_commit_callbacks):
    d1 = passed(world, [world.thinh])
    d2 = _waiting(world, "CB0003")
    client = as_user("chairman")
    with django_capture_on_commit_callbacks(execute=False):
        response = decide_on_page(client, world.ward_a, {
            "number": "16", "symbol": "QĐ-UBND", "date": "20/01/2026", "signer_title": "CHỦ TỊCH",
            "signer_name": "Nguyễn Văn Chủ", "dossiers": [d1.pk, d2.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get()
    assert set(decision.dossiers.values_list("pk", flat=True)) == {d1.pk, d2.pk}
    assert sorted(Award.objects.filter(decision=decision).values_list("person__code", flat=True)) == ["CB0001", "CB0003"]


def test_a_number_is_used_once_a_year_whatever_the_case_of_its_symbol(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = issue(world, passed(world, [world.thinh]), number="25")
    assert first.reference == "25/QĐ-UBND"
    d2 = _waiting(world, "CB0003")
    with pytest.raises(ValidationError, match="đã dùng"):
        issue(world, d2, number="25", symbol="qđ-ubnd")
    with pytest.raises(ValidationError, match="đã dùng"):
        issue(world, d2, number=" 025 ", symbol=" QĐ-UBND ")
    with django_capture_on_commit_callbacks(execute=False):
        second = issue(world, d2, number="26", symbol="qđ-ubnd")
    assert second.reference == "26/QĐ-UBND"


@pytest.mark.parametrize("who", ["chairman", "council", "ward_specialist", "officer_a"])
def test_every_person_link_of_the_decision_page_opens(as_user, world, who, django_capture_on_commit_callbacks):
    import re

    with django_capture_on_commit_callbacks(execute=False):
        decision = issue(world, passed(world, [world.thinh]))
    client = as_user(who)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert world.thinh.full_name in page
    links = re.findall(r'href="(/can-bo/\d+/[^"]*)"', page)
    assert links, "the recipient is named with a link to their page"
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_chairman_does_not_sign_her_own_award_a_deputy_does(world, django_capture_on_commit_callbacks):
    """signer_is_recipient: the issuing chairman's own line blocks the decision; a deputy signs "KT. CHỦ TỊCH"."""
    from org.models import Membership

    d = passed(world, [world.thinh])
    chairman = world.users["chairman"]
    chairman.person = world.thinh
    chairman.save()
    with pytest.raises(ValidationError) as e:
        issue(world, d)
    assert "là người ký quyết định và cũng là người được đề nghị" in str(e.value)
    assert not Award.objects.filter(source="decision").exists()
    deputy = user("phochutich", Role.CHAIRMAN, world.ward_a)
    deputy.person = Person.objects.get(code="CB0002")
    deputy.save()
    assert Membership.objects.filter(user=deputy, unit=world.ward_a).exists()
    with django_capture_on_commit_callbacks(execute=False):
        decision = decide.decision_issue(acting_user=deputy, authority=world.ward_a, dossiers=[d], number="15",
                                          date=date(2026, 1, 20), signer_name="Trần Văn An",
                                          signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert decision.signer.code == "CB0002" and decision.awards.get().person == world.thinh
