"""Lao động tiên tiến (Luật TĐKT 2022, Điều 24; Thông tư 01/2024/TT-BNV: not for people recruited < 6 months)."""

import pytest

from tdkt.testing.history import Case, check_case, history, pick

pytestmark = pytest.mark.django_db

N = 2024


def rated(level, **kw):
    return history(ratings={"P": {N: level}}, **kw)


def recruited(day, level="HTXSNV"):
    return history(ratings={"P": {N: level}}, memberships=[("P", "U", day, None)])


CASES = [
    Case("htxsnv", rated("HTXSNV"), N, "P", "LDTT", True, "hoàn thành xuất sắc nhiệm vụ"),
    Case("httnv", rated("HTTNV"), N, "P", "LDTT", True, "hoàn thành tốt nhiệm vụ"),
    Case("htnv", rated("HTNV"), N, "P", "LDTT", False, "chưa đạt hoàn thành tốt nhiệm vụ"),
    Case("khtnv", rated("KHTNV"), N, "P", "LDTT", False, "không hoàn thành nhiệm vụ"),
    Case("no-rating", history(), N, "P", "LDTT", False, "Chưa có kết quả đánh giá, xếp loại năm 2024"),
    Case("rating-of-another-year-only", history(ratings={"P": {N - 1: "HTXSNV"}}), N, "P", "LDTT", False, "năm 2024"),
    Case("recruited-1-aug", recruited("2024-08-01"), N, "P", "LDTT", False, "6 tháng"),
    Case("recruited-2-jul", recruited("2024-07-02"), N, "P", "LDTT", False, "6 tháng"),
    Case("recruited-1-jul-six-months", recruited("2024-07-01"), N, "P", "LDTT", True, "hoàn thành xuất sắc nhiệm vụ"),
    Case("recruited-1-jan", recruited("2024-01-01"), N, "P", "LDTT", True, "hoàn thành xuất sắc nhiệm vụ"),
    Case("recruited-previous-autumn", recruited("2023-09-01"), N, "P", "LDTT", True, "hoàn thành xuất sắc nhiệm vụ"),
    Case("recruited-1-aug-rated-htnv", recruited("2024-08-01", "HTNV"), N, "P", "LDTT", False, "chưa đạt hoàn thành tốt nhiệm vụ"),
    Case("already-given-this-year", history(ratings={"P": {N: "HTXSNV"}}, awards=[("P", "LDTT", N)]), N, "P", "LDTT", False,
         "Đã được tặng Lao động tiên tiến năm 2024"),
    Case("given-last-year-does-not-block", history(ratings={"P": {N - 1: "HTTNV", N: "HTTNV"}}, awards=[("P", "LDTT", N - 1)]),
         N, "P", "LDTT", True, "hoàn thành tốt nhiệm vụ"),
    # A transfer is not a recruitment: P worked in U (start not recorded) until 31/7 and in V from 1/8.
    Case("transfer-is-not-recruitment",
         history(ratings={"P": {N: "HTTNV"}}, units=[{"code": "V", "name": "Sở Tài chính", "kind": "agency", "parent": "T"}],
                 memberships=[("P", "U", None, "2024-07-31"), ("P", "V", "2024-08-01", None)]),
         N, "P", "LDTT", True, "hoàn thành tốt nhiệm vụ"),
    Case("transfer-dated-is-not-recruitment",
         history(ratings={"P": {N: "HTTNV"}}, units=[{"code": "V", "name": "Sở Tài chính", "kind": "agency", "parent": "T"}],
                 memberships=[("P", "U", "2015-03-01", "2024-07-31"), ("P", "V", "2024-08-01", None)]),
         N, "P", "LDTT", True, "hoàn thành tốt nhiệm vụ"),
]


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_ldtt(tmp_path, case):
    check_case(tmp_path, case)


@pytest.mark.parametrize("case", pick(CASES, "recruited-1-aug", "recruited-1-jan"))
def test_ldtt_from_a_workbook(tmp_path, case):
    """The same cases imported from a workbook (.xlsx: one sheet per list, lists joined by ";")."""
    check_case(tmp_path, case, fmt="xlsx")
