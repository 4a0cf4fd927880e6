"""The chairman's decision page: the next number of the authority and year suggested (numbers read as decisions write
them), the signer prefilled from the authority's chairman with its deputies offered and nobody the lines propose;
the decision shown before it is issued — its text (heading, căn cứ, articles, annex) and the money — then issued only
as shown, once confirmed. A ward's decision of today, a district's of 2024 (before 01/07/2025) and of 2017 (money of
Nghị định 91/2017)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from decisions.models import Award, Decision, Revocation, RevocationStatus
from dossiers import decide
from dossiers.models import Line, Outcome, Status
from org.models import Person, Role, Unit
from rulebook.bonus import compute_bonus
from tdkt.testing import person, user
from tdkt.testing.decisions import council_passed, waiting_dossier

pytestmark = pytest.mark.django_db


def url(authority):
    return reverse("dossiers:decide") + f"?authority={authority.pk}"


def form(dossiers, day="20/01/2026", **kw):
    return {"number": "15", "symbol": "QĐ-UBND", "date": day, "signer_name": "Nguyễn Văn Chủ",
            "dossiers": [d.pk for d in dossiers], **kw}


def _decision(authority, number, day, symbol="QĐ-UBND"):
    return Decision.objects.create(authority=authority, number=number, symbol=symbol, date=day, year=day.year - 1,
                                   subject="Về việc khen thưởng", signer_name="Nguyễn Văn Cũ")


def test_the_next_number_of_the_authority_and_year_is_suggested(as_user, world):
    today = timezone.localdate()
    assert decide.suggested_number(world.ward_a, today) == "01"
    _decision(world.ward_a, "4", today)
    _decision(world.ward_a, "25", today, symbol="qđ-ubnd")  # the same symbol, typed in lower case
    _decision(world.ward_a, "90", today, symbol="QĐ-HĐTĐKT")  # another symbol: another register
    _decision(world.ward_a, "99", date(today.year - 1, 12, 30))  # last year's
    _decision(world.ward_b, "70", today)  # another authority's
    assert decide.suggested_number(world.ward_a, today) == "26"
    Revocation.objects.create(authority=world.ward_a, root=Award.objects.create(
        person=world.thinh, award_type_id=_ldtt_id(), year=2024), ground="b", reason="…", number="30", date=today,
        status=RevocationStatus.ISSUED)
    assert decide.suggested_number(world.ward_a, today) == "31"  # revocations share the authority's register
    council_passed(world, [world.thinh])
    page = as_user("chairman").get(url(world.ward_a))
    assert page.context["form"].initial["number"] == "31"
    assert f"Số tiếp theo của Phường Phú Lương năm {today.year}: 31." in page.content.decode()


def _ldtt_id():
    from rulebook.models import AwardType

    return AwardType.objects.get(code="LDTT").pk


def _signers(world):
    """The ward's chairman and a deputy, each an account with the sign duty and a person of the system."""
    chairman = world.users["chairman"]
    chairman.person = person("CT01", "Vũ Phương Hà", world.ward_a, position="Chủ tịch UBND phường")
    chairman.save()
    deputy = user("phochutich", Role.CHAIRMAN, world.ward_a, full_name="Lê Văn Phó")
    deputy.person = person("PCT01", "Lê Văn Phó", world.ward_a, position="Phó Chủ tịch UBND phường")
    deputy.save()
    return chairman.person, deputy.person


def test_the_chairman_is_prefilled_and_the_deputies_offered(as_user, world):
    chair, deputy = _signers(world)
    d = council_passed(world, [world.thinh])
    page = as_user("chairman").get(url(world.ward_a))
    f = page.context["form"]
    assert f.initial["signer"] == str(chair.pk)
    assert [label for _, label in f.fields["signer"].choices] == [
        "Vũ Phương Hà — Chủ tịch UBND phường", "Lê Văn Phó — Phó Chủ tịch UBND phường", "Người khác (nhập họ và tên)"]
    shown = as_user("chairman").post(url(world.ward_a), form([d], signer=str(chair.pk), signer_name="")).context
    assert shown["document"]["signer_lines"] == ["CHỦ TỊCH"] and shown["document"]["signer_name"] == "Vũ Phương Hà"
    shown = as_user("chairman").post(url(world.ward_a), form([d], signer=str(deputy.pk), signer_name="")).context
    assert shown["document"]["signer_lines"] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert shown["document"]["signer_name"] == "Lê Văn Phó"


def test_a_signer_the_lines_propose_is_not_offered(as_user, world):
    chair, deputy = _signers(world)
    waiting_dossier(world.office_a, world.ward_a, 2025, [(chair, "LDTT"), (world.thinh, "LDTT")])
    f = as_user("chairman").get(url(world.ward_a)).context["form"]
    assert f.initial["signer"] == str(deputy.pk)  # the chairman is proposed: the deputy signs
    assert str(chair.pk) not in dict(f.fields["signer"].choices)


def test_the_preview_shows_the_document_and_the_money_and_writes_nothing(as_user, world):
    an = Person.objects.get(code="CB0002")
    d = council_passed(world, [world.thinh, an])
    client = as_user("chairman")
    response = client.post(url(world.ward_a), form([d]))
    assert response.status_code == 200
    preview, doc = response.context["preview"], response.context["document"]
    each = compute_bonus("LDTT", "individual", date(2026, 1, 20)).amount
    assert preview.total == 2 * each
    assert doc["number"] == "15/QĐ-UBND" and doc["place_date"] == "Phú Lương, ngày 20 tháng 01 năm 2026"
    assert doc["subject"] == "Về việc khen thưởng tổng kết phong trào thi đua năm 2025"
    assert doc["bases"][-1] == "Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Phú Lương."
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in " ".join(doc["bases"])
    assert doc["articles"][0]["text"].startswith("Khen thưởng 2 cá nhân đã có thành tích trong năm 2025")
    assert [r["name"] for g in doc["groups"] for r in g["rows"]] == ["Nguyễn Thị Thịnh", "Trần Văn An"]
    text = response.content.decode()
    for shown in ("QUYẾT ĐỊNH:", "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG", "I. Danh hiệu “Lao động tiên tiến” (2 cá nhân)",
                  "Ban hành rồi thì không sửa, không xóa được quyết định", "quyết định hủy bỏ",
                  "Xác nhận ban hành quyết định số 15/QĐ-UBND", doc["total_words"]):
        assert shown in text, shown
    assert not Decision.objects.exists() and not Award.objects.filter(source="decision").exists()
    assert d.__class__.objects.get(pk=d.pk).status == Status.DECISION
    issued = client.post(url(world.ward_a), form([d], confirm="1", seen=preview.signature()))
    assert issued.status_code == 302
    decision = Decision.objects.get()
    assert decision.total == preview.total and decision.reference == "15/QĐ-UBND"
    assert issued["Location"] == reverse("decisions:detail", args=[decision.pk])


def test_a_confirmation_without_the_preview_issues_nothing(as_user, world):
    d = council_passed(world, [world.thinh])
    response = as_user("chairman").post(url(world.ward_a), form([d], confirm="1"))
    assert response.status_code == 200 and response.context["preview"] is not None
    assert "Quyết định đã khác bản xem trước" in response.content.decode()
    assert not Decision.objects.exists()


def test_what_changed_since_the_preview_is_shown_again_not_issued(as_user, world):
    an = Person.objects.get(code="CB0002")
    d = council_passed(world, [world.thinh, an])
    client = as_user("chairman")
    seen = client.post(url(world.ward_a), form([d])).context["preview"].signature()
    Line.objects.filter(dossier=d, person=an).update(outcome=Outcome.FAILED)  # e.g. the council's count corrected
    again = client.post(url(world.ward_a), form([d], confirm="1", seen=seen))
    assert again.status_code == 200 and not Decision.objects.exists()
    assert [ln.person for ln in again.context["preview"].lines] == [world.thinh]
    issued = client.post(url(world.ward_a), form([d], confirm="1", seen=again.context["preview"].signature()))
    assert issued.status_code == 302 and Decision.objects.get().awards.count() == 1


def test_back_from_the_preview_keeps_what_was_typed(as_user, world):
    d = council_passed(world, [world.thinh])
    response = as_user("chairman").post(url(world.ward_a), form([d], number="17", back="1"))
    assert response.context["preview"] is None
    assert 'value="17"' in response.content.decode()


def _district(world):
    district = Unit.objects.get(code="HN-HD")  # Quận Hà Đông, until 30/06/2025
    user("ct.hadong", Role.CHAIRMAN, district, full_name="Nguyễn Văn Quận")
    lam = person("PL01", "Đỗ Văn Lãm", world.old_ward, start=date(2010, 1, 1))
    lan = person("PL02", "Đỗ Thị Lan", world.old_ward, start=date(2010, 1, 1))
    return district, lam, lan


def test_a_district_decision_of_2017_under_decree_91(world, client):
    from django.test import Client

    district, lam, lan = _district(world)
    _decision(district, "150", date(2017, 11, 20))
    d = waiting_dossier(world.old_ward, district, 2017, [(lam, "LDTT"), (lan, "CSTDCS")])
    assert decide.suggested_number(district, date(2017, 12, 18)) == "151"
    c = Client()
    from django.contrib.auth import get_user_model

    c.force_login(get_user_model().objects.get(username="ct.hadong"))
    response = c.post(url(district), form([d], number="151", day="18/12/2017", signer_name="Nguyễn Văn Quận"))
    doc, preview = response.context["document"], response.context["preview"]
    assert [a for a in preview.amounts] == [390_000, 1_300_000]  # 0.3 and 1.0 × 1,300,000 đ (NĐ 91/2017)
    assert doc["body_lines"] == ["ỦY BAN NHÂN DÂN", "QUẬN HÀ ĐÔNG"]
    assert doc["place_date"] == "Hà Đông, ngày 18 tháng 12 năm 2017"
    bases = " ".join(doc["bases"])
    assert "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015" in bases
    assert "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003" in bases and "91/2017/NĐ-CP" in bases
    assert "152/2025" not in bases
    assert doc["total"] == "1.690.000" and doc["total_words"] == "Một triệu sáu trăm chín mươi nghìn đồng"
    issued = c.post(url(district), form([d], number="151", day="18/12/2017", signer_name="Nguyễn Văn Quận", confirm="1",
                                        seen=preview.signature()))
    assert issued.status_code == 302
    decision = Decision.objects.get(authority=district, number="151")
    assert decision.total == 1_690_000 and decision.date == date(2017, 12, 18)


def test_a_district_decision_before_1_july_2025(world):
    from django.contrib.auth import get_user_model
    from django.test import Client

    district, lam, _ = _district(world)
    d = waiting_dossier(world.old_ward, district, 2024, [(lam, "LDTT")])
    c = Client()
    c.force_login(get_user_model().objects.get(username="ct.hadong"))
    response = c.post(url(district), form([d], number="7", day="20/12/2024", signer_name="Nguyễn Văn Quận"))
    preview, doc = response.context["preview"], response.context["document"]
    assert preview.amounts == [compute_bonus("LDTT", "individual", date(2024, 12, 20)).amount]
    assert "98/2023/NĐ-CP" in " ".join(doc["bases"]) and "152/2025" not in " ".join(doc["bases"])
    assert doc["number"] == "07/QĐ-UBND" and doc["place_date"] == "Hà Đông, ngày 20 tháng 12 năm 2024"
