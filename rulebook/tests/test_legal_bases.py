"""The căn cứ of decisions are rulebook data (rulebook.LegalBasis, the [[legal_basis]] section of rulebook.toml):
seeded by code, an administrator's edit kept when the file is loaded again, a row the file adds later added; each
shown on the rulebook page with its period, levels, verification status and source."""

from datetime import date

import pytest

from rulebook.loader import load_data, sync
from rulebook.models import LegalBasis

pytestmark = pytest.mark.django_db


def test_every_basis_of_the_file_is_seeded_with_its_period():
    codes = {row["code"] for row in load_data()["legal_basis"]}
    assert codes <= set(LegalBasis.objects.values_list("code", flat=True))
    new_law = LegalBasis.objects.get(code="LUAT_TCCQDP_72_2025")
    assert (new_law.valid_from, new_law.valid_to, new_law.kind, new_law.status) == (date(2025, 6, 16), None, "competence", "verified")
    assert LegalBasis.objects.get(code="ND_91_2017").valid_from == date(2017, 10, 1)  # in force, not signed


def test_loading_again_keeps_an_edit_and_adds_what_is_missing():
    LegalBasis.objects.filter(code="ND_152_2025").update(valid_to=date(2027, 2, 28), status="verified")
    LegalBasis.objects.filter(code="LUAT_TDKT_2022").delete()
    counts = sync()
    assert counts["legal_basis"] == 1
    assert LegalBasis.objects.get(code="ND_152_2025").valid_to == date(2027, 2, 28)
    assert LegalBasis.objects.filter(code="LUAT_TDKT_2022").exists()


def test_the_rulebook_page_lists_the_bases_with_their_status(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="doc", password="x" * 12))
    page = client.get("/quy-dinh/?tab=bases").content.decode()
    assert "Căn cứ ban hành quyết định khen thưởng" in page
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in page
    assert "Căn cứ Quyết định số 09/2020/QĐ-UBND" in page and "Chỉ Thành phố Hà Nội" in page
    assert "quy định chưa xác minh" in page and "quy định đã xác minh" in page
    assert page.index("Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025") < page.index("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022")
