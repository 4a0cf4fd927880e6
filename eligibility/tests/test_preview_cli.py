"""`tdkt eligibility --year N --rules NAME [--unit CODE] [--award CODE] [--json]`: the preview of a draft of the
rulebook against the rules in force, through the command line itself."""

import pytest

from tdkt.testing.history import import_history, run
from tdkt.testing.previews import DRAFT, N, PREVIEW_CHANGES, preview_history

pytestmark = pytest.mark.django_db

TOP_KEYS = {"rules", "year", "legal_basis", "name", "status", "gains", "losses", "by_unit", "totals", "notes"}
CHANGE_KEYS = {"recipient", "name", "kind", "award", "unit", "met", "unmet", "in_force_met", "in_force_unmet"}


@pytest.fixture
def loaded(tmp_path):
    import_history(tmp_path, preview_history())


def preview(*extra):
    result = run("eligibility", "--year", N, "--rules", DRAFT, *extra)
    assert result.status == 0, result.stderr
    return result


def test_json_is_one_object_with_the_contract_keys(loaded):
    out = preview("--json").json
    assert set(out) == TOP_KEYS
    assert (out["rules"], out["year"], out["status"]) == (DRAFT, N, "unverified")
    assert "dự thảo" in out["legal_basis"].lower() and "Thi đua, khen thưởng" in out["legal_basis"]
    for key, direction in (("gains", "gain"), ("losses", "loss")):
        for row in out[key]:
            assert set(row) == CHANGE_KEYS, row
            assert all(isinstance(row[k], list) and all(isinstance(s, str) and s for s in row[k])
                       for k in ("met", "unmet", "in_force_met", "in_force_unmet"))
            # A loss is met today and not under the draft; a gain the other way round.
            assert bool(row["unmet"]) == (direction == "loss") and bool(row["in_force_unmet"]) == (direction == "gain")
            assert PREVIEW_CHANGES[row["recipient"], row["award"]] == direction
    assert len(out["gains"]) + len(out["losses"]) == len(PREVIEW_CHANGES)
    assert out["totals"] == {"gains": 1, "losses": 4,
                             "by_award": {"CSTDCS": {"gains": 1, "losses": 3}, "TTLDXS": {"gains": 0, "losses": 1}}}
    assert out["by_unit"] == [{"unit": "U", "name": "Sở Nội vụ", "gains": 1, "losses": 2},
                              {"unit": "U1", "name": "Phòng Tổ chức", "gains": 0, "losses": 2}]
    assert {n["award"] for n in out["notes"]} == {"XA_TIEU_BIEU", "LDTT"}


def test_a_loss_names_what_the_draft_asks_and_what_today_grants(loaded):
    out = preview("--json").json
    p = next(r for r in out["losses"] if r["recipient"] == "P")
    assert p == {"recipient": "P", "name": "Nguyễn Thị Phương", "kind": "person", "award": "CSTDCS", "unit": "U1",
                 "met": ["Năm 2025 được xếp loại hoàn thành xuất sắc nhiệm vụ"],
                 "unmet": ["Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025"],
                 "in_force_met": ["Đạt tiêu chuẩn Lao động tiên tiến năm 2025", "Năm 2025 được xếp loại hoàn thành xuất sắc nhiệm vụ"],
                 "in_force_unmet": []}


def test_unit_and_award_narrow_the_comparison(loaded):
    out = preview("--unit", "U1", "--json").json
    assert {(r["recipient"], r["award"]) for r in out["losses"]} == {("P", "CSTDCS"), ("U1", "TTLDXS")}
    assert out["gains"] == [] and out["by_unit"] == [{"unit": "U1", "name": "Phòng Tổ chức", "gains": 0, "losses": 2}]
    out = preview("--award", "CSTDCS", "--json").json
    assert {r["award"] for r in out["gains"] + out["losses"]} == {"CSTDCS"}
    assert out["totals"]["by_award"] == {"CSTDCS": {"gains": 1, "losses": 3}}


def test_without_json_a_readable_vietnamese_table(loaded):
    text = preview().stdout
    assert "Xem trước theo dự thảo: Dự thảo Luật sửa đổi" in text
    assert "không dùng để quyết định khen thưởng" in text
    assert "MẤT DANH HIỆU, HÌNH THỨC (4)" in text and "ĐƯỢC THÊM DANH HIỆU, HÌNH THỨC (1)" in text
    assert "theo dự thảo còn thiếu: Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025" in text
    assert "hiện hành (đủ): Đạt tiêu chuẩn Lao động tiên tiến năm 2025" in text
    assert "TỔNG CỘNG: được thêm 1, mất 4" in text
    assert "Ghi chú (Xã, phường, đặc khu tiêu biểu)" in text


def test_an_unknown_name_exits_1_naming_the_drafts_there_are(loaded):
    result = run("eligibility", "--year", N, "--rules", "DU_THAO_KHAC", "--json")
    assert result.status == 1
    assert result.stdout == ""
    assert f"Không có dự thảo quy định “DU_THAO_KHAC”. Các dự thảo hiện có: {DRAFT}." in result.stderr


def test_without_rules_the_contract_is_unchanged(loaded):
    rows = run("eligibility", "--year", N, "--json").json
    assert isinstance(rows, list) and rows
    assert all(set(r) == {"recipient", "award", "year", "eligible", "met", "unmet", "legal_basis"} for r in rows)
