"""The parts every document shares, as Nghị định 30/2020/NĐ-CP writes them (documents.nd30, documents.bases,
documents.certificates): the issuing body's lines, the place, the number, the căn cứ of each period, the signer
block, what a certificate says."""

from datetime import date

import pytest

from documents.bases import decision_bases
from documents.certificates import achievement_sentence, certificate_kind, file_stem
from documents.nd30 import (
    deciding_person, deciding_title, document_date, document_number, document_place, document_reference,
    issuing_block, signer_block,
)
from rulebook.models import AwardType, LegalBasis
from tdkt.testing import unit

pytestmark = pytest.mark.django_db


def lines(block):
    return [block["superior"]] + block["body_lines"] if block["superior"] else block["body_lines"]


def test_the_issuing_body_of_each_level_and_of_its_bodies(world):
    district = unit("HN-TH", "Quận Tây Hồ", "district", world.city, valid_to=date(2025, 6, 30))
    department = unit("HN-SNV", "Sở Nội vụ", "agency", world.city)
    assert lines(issuing_block(world.ward_a)) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚ LƯƠNG"]
    assert lines(issuing_block(world.ward_a, "Ủy ban nhân dân phường Phú Lương")) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG PHÚ LƯƠNG"]
    assert lines(issuing_block(district)) == ["ỦY BAN NHÂN DÂN", "QUẬN TÂY HỒ"]
    assert lines(issuing_block(world.city)) == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]
    council = issuing_block(world.ward_a, "Hội đồng Thi đua - Khen thưởng phường Phú Lương")
    assert council["superior"] == "UBND PHƯỜNG PHÚ LƯƠNG" and council["body"] == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert lines(issuing_block(department)) == ["UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"]
    # A school of the ward is under the ward's People's Committee, never a bare name.
    assert issuing_block(world.school_a)["superior"] == "UBND PHƯỜNG PHÚ LƯƠNG"


def test_the_place_is_the_issuing_body_s_own_administrative_unit(world):
    district = unit("HN-TH", "Quận Tây Hồ", "district", world.city)
    department = unit("HN-SNV", "Sở Nội vụ", "agency", world.city)
    assert document_place(world.ward_a) == "Phú Lương"
    assert document_place(world.school_a) == "Phú Lương"  # seated in the ward
    assert document_place(world.office_a) == "Phú Lương"
    assert document_place(district) == "Tây Hồ"
    assert document_place(world.city) == "Hà Nội"
    assert document_place(department) == "Hà Nội"
    # Named by a number or after a person: the full name (Phụ lục I, mục II.4.a).
    assert document_place(unit("Q3-P12", "Phường 12", "commune", world.city)) == "Phường 12"
    assert document_place(unit("Q1-THD", "Phường Trần Hưng Đạo", "commune", world.city)) == "Phường Trần Hưng Đạo"
    assert document_place(unit("HN-BD", "Quận Ba Đình", "district", world.city)) == "Ba Đình"
    assert document_date(date(2026, 1, 5), world.ward_a) == "Phú Lương, ngày 05 tháng 01 năm 2026"
    assert document_date(date(2017, 12, 18), district) == "Tây Hồ, ngày 18 tháng 12 năm 2017"


def test_numbers_take_a_leading_zero_below_ten():
    assert document_number("5") == "05" and document_number(" 005 ") == "05" and document_number("25") == "25"
    assert document_number("12a") == "12a"
    assert document_reference(5, " qđ - ubnd ") == "05/QĐ-UBND"


def test_the_signer_block_for_whom_and_by_whom(world):
    assert signer_block("chairman", on_behalf="committee") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert signer_block("deputy", on_behalf="committee") == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signer_block("acting", on_behalf="committee") == ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]
    assert signer_block("chairman", on_behalf="council") == ["TM. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "CHỦ TỊCH"]
    # A chairman's award decision: in his own name.
    assert signer_block("chairman") == ["CHỦ TỊCH"]
    assert signer_block("deputy") == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert signer_block("deputy", head="GIÁM ĐỐC") == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    department = unit("HN-SNV", "Sở Nội vụ", "agency", world.city)
    assert deciding_title(world.ward_a) == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG PHÚ LƯƠNG"
    assert deciding_title(department) == "GIÁM ĐỐC SỞ NỘI VỤ"
    assert deciding_person(department) == "Giám đốc Sở Nội vụ"
    assert deciding_person(world.ward_a) == "Chủ tịch Ủy ban nhân dân phường Phú Lương"


CLOSING = "Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Phú Lương."


def test_the_bases_of_a_ward_decision_of_2026(world):
    assert decision_bases(world.ward_a, date(2026, 1, 20)) == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều "
        "của Luật Thi đua, khen thưởng;",
        CLOSING]


def test_the_bases_of_a_ward_decision_of_2024(world):
    assert decision_bases(world.old_ward, date(2024, 12, 20)) == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
        "ngày 22 tháng 11 năm 2019;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;",
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng phường Phú Lãm."]


def test_the_bases_of_a_district_decision_of_2017(world):
    district = unit("HN-TH", "Quận Tây Hồ", "district", world.city, valid_to=date(2025, 6, 30))
    assert decision_bases(district, date(2017, 12, 18)) == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 14 tháng 6 năm 2005;",
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng;",
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng quận Tây Hồ."]


def test_the_city_s_own_regulation_only_for_its_units_and_never_for_a_department_s_competence(world):
    day = date(2021, 6, 1)
    ward = decision_bases(world.old_ward, day)
    assert ward[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    assert any("09/2020/QĐ-UBND" in b for b in ward)  # Hà Nội's regulation of 2020 (status: unverified)
    other = unit("BN", "Tỉnh Bắc Ninh", "province")
    assert not any("09/2020/QĐ-UBND" in b for b in decision_bases(other, day))
    department = unit("HN-SNV", "Sở Nội vụ", "agency", world.city)
    assert decision_bases(department, day)[0] == "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;"
    assert decision_bases(department, day)[-1] == "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Sở Nội vụ."


def test_typed_bases_replace_the_rulebook_s_and_are_punctuated(world):
    typed = "Căn cứ Quyết định số 12/QĐ-UBND\nCăn cứ Luật Thi đua, khen thưởng;\nTheo đề nghị của Trưởng phòng Nội vụ,"
    assert decision_bases(world.ward_a, date(2026, 1, 20), typed=typed) == [
        "Căn cứ Quyết định số 12/QĐ-UBND;", "Căn cứ Luật Thi đua, khen thưởng;", "Theo đề nghị của Trưởng phòng Nội vụ."]
    assert decision_bases(world.ward_a, date(2026, 1, 20), typed="Căn cứ Luật X.")[-1] == CLOSING


def test_a_basis_edited_in_the_rulebook_is_what_decisions_cite(world):
    LegalBasis.objects.filter(code="ND_152_2025").update(valid_to=date(2027, 2, 28))
    LegalBasis.objects.create(code="ND_MOI_2027", kind="tdkt", order=20, levels=["commune"], valid_from=date(2027, 3, 1),
                              text="Căn cứ Nghị định số 01/2027/NĐ-CP ngày 01 tháng 3 năm 2027 của Chính phủ")
    bases = decision_bases(world.ward_a, date(2027, 3, 2))
    assert "Căn cứ Nghị định số 01/2027/NĐ-CP ngày 01 tháng 3 năm 2027 của Chính phủ;" in bases
    assert not any("152/2025" in b for b in bases)


def test_a_certificate_is_named_by_its_form_and_says_its_achievement_once():
    gk, bk, ldtt = (AwardType.objects.get(code=c) for c in ("GK", "BK_TINH", "LDTT"))
    assert certificate_kind(gk) == ("GIẤY KHEN", "", "giay-khen")
    assert certificate_kind(bk) == ("BẰNG KHEN", "", "bang-khen")
    assert certificate_kind(ldtt) == ("GIẤY CHỨNG NHẬN", "DANH HIỆU LAO ĐỘNG TIÊN TIẾN", "giay-chung-nhan")
    assert file_stem([gk]) == "giay-khen" and file_stem([gk, ldtt]) == "giay-chung-nhan-va-giay-khen"
    assert achievement_sentence("Có thành tích trong phong trào thi đua năm 2025 của phường.", 2025) == \
        "Đã có thành tích trong phong trào thi đua năm 2025 của phường."
    assert achievement_sentence("Đã có thành tích xuất sắc năm 2025", 2025) == "Đã có thành tích xuất sắc năm 2025."
    assert achievement_sentence("Hoàn thành xuất sắc nhiệm vụ", 2025) == "Đã có thành tích hoàn thành xuất sắc nhiệm vụ."
    assert achievement_sentence("", 2025) == "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025."
