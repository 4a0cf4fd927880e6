"""`tdkt appraise FILE [--json]` (domain/interchange.md, "Nominations and appraisal"),
driven as a script would: import a history, write a nomination file, read the answer."""


import pytest
from openpyxl import Workbook

from tdkt.testing.dossiers import appraise_json as appraise, nominate
from tdkt.testing.history import run

pytestmark = pytest.mark.django_db

KEYS = {"line", "recipient", "award", "recipient_kind", "ok", "problems", "amount", "amount_in_words", "notes"}


def codes(line):
    return [p["code"] for p in line["problems"]]


def test_every_problem_named_and_money_counted(imported):
    got = appraise(nominate(imported, [
        {"recipient": "P", "award": "LDTT"},                      # 1 ok, but CSTĐCS (line 2) is higher: paid 0
        {"recipient": "P", "award": "CSTDCS"},                    # 2 ok, 2,340,000
        {"recipient": "A", "award": "LDTT", "justification": "Có thành tích đột xuất"},  # 3 rated HTNV
        {"recipient": "B", "award": "LDTT"},                      # 4 already given (12/QĐ-UBND)
        {"recipient": "P", "award": "LDTT"},                      # 5 repeat of line 1
        {"recipient": "P", "award": "CSTD_TINH"},                 # 6 the ward may not grant it, nor is P eligible
        {"recipient": "S", "award": "LDTT"},                      # 7 LĐTT is for people
        {"recipient": "X", "award": "LDTT"},                      # 8 works in another ward
        {"recipient": "P", "award": "GK"},                        # 9 a form: paid besides the title
        {"recipient": "M", "award": "LDTT"},                      # 10 belongs to W at the end of the year
    ]))
    assert (got["authority"], got["decision_date"], got["year"]) == ("W", "2026-01-15", 2025)
    lines = got["lines"]
    assert [ln["line"] for ln in lines] == list(range(1, 11))
    assert all(set(ln) - {"justification"} == KEYS for ln in lines)
    assert [codes(ln) for ln in lines] == [
        [], [], ["not_eligible"], ["already_awarded"], ["duplicate_line"], ["beyond_authority", "not_eligible"],
        ["wrong_recipient_kind"], ["outside_authority"], [], []]
    assert "hoàn thành tốt nhiệm vụ" in lines[2]["problems"][0]["message"]
    assert lines[2]["justification"] == "Có thành tích đột xuất" and "justification" not in lines[0]
    assert "12/QĐ-UBND" in lines[3]["problems"][0]["message"]
    assert "dòng 1" in lines[4]["problems"][0]["message"]
    assert "Phường Yên Nghĩa" in lines[7]["problems"][0]["message"]
    # Money under NĐ 152/2025 with the base salary 2,340,000 đ: LĐTT 0.3 → 710,000; CSTĐCS 1.0; Giấy khen of a ward 0.3.
    assert lines[1]["amount"] == 2_340_000
    assert lines[0]["amount"] == 0 and "Chiến sĩ thi đua cơ sở" in lines[0]["notes"][0]
    assert lines[8]["amount"] == 710_000 and lines[8]["notes"] == []
    assert lines[9]["amount"] == 710_000 and lines[9]["amount_in_words"] == "Bảy trăm mười nghìn đồng"
    assert (got["count"], got["count_ok"]) == (10, 4)
    assert got["total"] == 2_340_000 + 710_000 + 710_000
    assert got["total_in_words"] == "Ba triệu bảy trăm sáu mươi nghìn đồng"


def test_money_follows_the_decision_date(imported):
    before = appraise(nominate(imported, [{"recipient": "M", "award": "LDTT"}], decision_date="2026-06-30"))
    after = appraise(nominate(imported, [{"recipient": "M", "award": "LDTT"}], decision_date="2026-07-01"))
    assert before["lines"][0]["amount"] == 710_000   # 0.3 × 2,340,000 = 702,000, rounded up
    assert after["lines"][0]["amount"] == 760_000    # 0.3 × 2,530,000 = 759,000, rounded up


def test_the_district_decided_before_the_merger(imported):
    # Before 01/07/2025 CSTĐCS was the district chairman's; the commune could not grant it.
    district = appraise(nominate(imported, [{"recipient": "O", "award": "CSTDCS"}], authority="Q",
                                 decision_date="2025-02-10", year=2024))
    commune = appraise(nominate(imported, [{"recipient": "O", "award": "CSTDCS"}], authority="QW",
                                decision_date="2025-02-10", year=2024))
    assert codes(district["lines"][0]) == []
    assert codes(commune["lines"][0]) == ["beyond_authority"]
    assert "Phường Cũ" in commune["lines"][0]["problems"][0]["message"]


def test_a_revoked_award_does_not_count_as_held(imported, tmp_path):
    from decisions.models import Award

    # On ground c (an unlawful procedure) the achievement may be proposed again (dossiers/tests/test_appraisal_revoked.py).
    Award.objects.filter(person__code="B", year=2025).update(revoked_on="2026-03-01", revoked_ground="c")
    got = appraise(nominate(tmp_path, [{"recipient": "B", "award": "LDTT"}], authority="W"))
    assert codes(got["lines"][0]) == []


def test_text_output_is_readable(imported):
    result = run("appraise", nominate(imported, [{"recipient": "P", "award": "CSTDCS"}, {"recipient": "A", "award": "LDTT"}]))
    assert result.status == 0, result.stderr
    assert "Nguyễn Thị Phương" in result.stdout and "2.340.000 đ" in result.stdout
    assert "[not_eligible]" in result.stdout
    assert "Tổng: 2 dòng, 1 dòng đạt" in result.stdout


def test_an_unreadable_file_is_refused_whole_with_every_error(imported):
    path = nominate(imported, [
        {"recipient": "P", "award": "LDTT"},
        {"recipient": "NOBODY", "award": "LDTT"},
        {"recipient": "P"},
        {"recipient": "P", "award": "XYZ"},
        {"recipient": "S", "award": "GK", "recipient_kind": "individual"},
    ], authority="NOWHERE", decision_date="15/13/2026")
    result = run("appraise", path, "--json")
    assert result.status == 1
    assert result.stdout == ""
    errors = result.error_lines
    assert "trường “authority”: không có đơn vị mã “NOWHERE”" in errors
    assert any(e.startswith("trường “decision_date”") for e in errors)
    assert "dòng 2, trường “recipient”: không có cá nhân hay đơn vị mã “NOBODY”" in errors
    assert "dòng 3, trường “award”: thiếu mã khen thưởng" in errors
    assert "dòng 4, trường “award”: không có mã khen thưởng “XYZ” trong danh mục" in errors
    assert any(e.startswith("dòng 5, trường “recipient_kind”") for e in errors)
    assert not any(e.startswith("dòng 1") for e in errors)


@pytest.mark.parametrize("content, message", [
    ("not json", "không đọc được JSON"),
    ('{"format": "tdkt-nominations/2", "authority": "W", "decision_date": "2026-01-15", "year": 2025, "lines": []}', "không hỗ trợ"),
    ('{"authority": "W", "decision_date": "2026-01-15", "year": 2025}', "thiếu danh sách"),
    ('{"authority": "W", "decision_date": "2026-01-15", "year": "năm ngoái", "lines": []}', "không phải năm thành tích"),
])
def test_bad_files(imported, content, message):
    path = imported / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("appraise", path)
    assert result.status == 1
    assert message in result.stderr


def test_the_same_content_as_a_workbook(imported):
    wb = Workbook()
    header = wb.active
    header.title = "header"
    for row in (("field", "value"), ("authority", "W"), ("decision_date", "2026-01-15"), ("year", 2025)):
        header.append(row)
    lines = wb.create_sheet("lines")
    for row in (("recipient", "award", "recipient_kind", "justification"), ("P", "CSTDCS", None, None),
                ("A", "LDTT", None, "Đề nghị xem xét"), ("S", "GK", "collective", None)):
        lines.append(row)
    path = imported / "nominations.xlsx"
    wb.save(path)
    got = appraise(path)
    assert [codes(ln) for ln in got["lines"]] == [[], ["not_eligible"], []]
    assert got["lines"][1]["justification"] == "Đề nghị xem xét"
    # A collective's Giấy khen of a ward: twice the individual's (0.3 × 2 × 2,340,000 = 1,404,000 → 1,410,000).
    assert got["lines"][2]["amount"] == 1_410_000
    assert got["total"] == 2_340_000 + 1_410_000


def test_a_workbook_error_names_the_line(imported):
    wb = Workbook()
    header = wb.active
    header.title = "header"
    for row in (("authority", "W"), ("decision_date", "2026-01-15"), ("year", 2025)):
        header.append(row)
    lines = wb.create_sheet("lines")
    for row in (("recipient", "award"), ("P", "CSTDCS"), ("P", "NOPE")):
        lines.append(row)
    path = imported / "bad.xlsx"
    wb.save(path)
    result = run("appraise", path)
    assert result.status == 1
    assert "dòng 2, trường “award”: không có mã khen thưởng “NOPE” trong danh mục" in result.error_lines
