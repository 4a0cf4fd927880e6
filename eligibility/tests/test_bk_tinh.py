"""Bằng khen cấp bộ, ban, ngành, tỉnh for an individual (Luật TĐKT 2022, Điều 74.1.d):
2 consecutive CSTĐCS, or ≥ 2 consecutive years HTXSNV with 2 initiatives applied at grassroots scope."""

import pytest

from tdkt.testing.history import Case, check_case, history, pick

pytestmark = pytest.mark.django_db

N = 2024


def sk(code, day, scope="co_so"):
    return (code, ["P"], day, scope)


def h(ratings, cstdcs=(), initiatives=(), awards=()):
    return history(ratings={"P": ratings}, initiatives=initiatives,
                   awards=[("P", "CSTDCS", y) for y in cstdcs] + list(awards))


TWO_SK = [sk("SK-1", "2023-04-01"), sk("SK-2", "2024-04-01")]

CASES = [
    Case("two-cstdcs-n-qualifies-now", h({N - 1: "HTXSNV", N: "HTXSNV"}, cstdcs=(N - 1,)), N, "P", "BK_TINH", True, "2023, 2024"),
    Case("two-cstdcs-both-given", h({N - 1: "HTTNV", N: "HTTNV"}, cstdcs=(N - 1, N)), N, "P", "BK_TINH", True, "2023, 2024"),
    Case("htxsnv-twice-and-two-initiatives", h({N - 1: "HTXSNV", N: "HTXSNV"}, initiatives=TWO_SK), N, "P", "BK_TINH", True,
         "SK-2"),
    Case("htxsnv-twice-two-initiatives-same-year", h({N - 1: "HTXSNV", N: "HTXSNV"},
                                                     initiatives=[sk("SK-1", "2024-02-01"), sk("SK-2", "2024-09-01")]),
         N, "P", "BK_TINH", True, "SK-1"),
    Case("htxsnv-twice-one-initiative", h({N - 1: "HTXSNV", N: "HTXSNV"}, initiatives=TWO_SK[1:]), N, "P", "BK_TINH", False,
         "Cần 2 sáng kiến"),
    Case("htxsnv-twice-one-initiative-already-used",
         h({N - 1: "HTXSNV", N: "HTXSNV"}, initiatives=TWO_SK, awards=[("P", "GK", N - 1, ["SK-1"])]),
         N, "P", "BK_TINH", False, "SK-1 đã được dùng"),
    Case("htxsnv-not-consecutive", h({N - 2: "HTXSNV", N - 1: "HTTNV", N: "HTXSNV"},
                                     initiatives=[sk("SK-1", "2022-04-01"), sk("SK-2", "2024-04-01")]),
         N, "P", "BK_TINH", False, "năm 2023: hoàn thành tốt nhiệm vụ"),
    Case("cstdcs-not-consecutive", h({N - 2: "HTXSNV", N - 1: "HTTNV", N: "HTXSNV"}, cstdcs=(N - 2,)), N, "P", "BK_TINH", False,
         "thiếu năm 2023"),
    Case("one-cstdcs-only", h({N - 1: "HTTNV", N: "HTXSNV"}), N, "P", "BK_TINH", False, "thiếu năm 2023"),
    Case("run-already-counted", h({N - 2: "HTXSNV", N - 1: "HTXSNV", N: "HTXSNV"}, cstdcs=(N - 2, N - 1),
                                  awards=[("P", "BK_TINH", N - 1)]),
         N, "P", "BK_TINH", False, "đã được tính cho Bằng khen cấp bộ, ban, ngành, tỉnh năm 2023"),
    # One form may be given many times (Điều 5.2): a fresh run after an earlier Bằng khen counts.
    Case("again-after-fresh-run", h({N - 3: "HTXSNV", N - 2: "HTXSNV", N - 1: "HTXSNV", N: "HTXSNV"}, cstdcs=(N - 3, N - 2, N - 1),
                                    awards=[("P", "BK_TINH", N - 2)]),
         N, "P", "BK_TINH", True, "2023, 2024"),
    Case("already-given-this-year", h({N - 1: "HTXSNV", N: "HTXSNV"}, cstdcs=(N - 1,), awards=[("P", "BK_TINH", N)]),
         N, "P", "BK_TINH", False, "Đã được tặng Bằng khen cấp bộ, ban, ngành, tỉnh năm 2024"),
]


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_bk_tinh(tmp_path, case):
    check_case(tmp_path, case)


@pytest.mark.parametrize("case", pick(CASES, "htxsnv-twice-and-two-initiatives", "htxsnv-twice-one-initiative"))
def test_bk_tinh_from_a_workbook(tmp_path, case):
    """The same cases imported from a workbook (.xlsx: one sheet per list, lists joined by ";")."""
    check_case(tmp_path, case, fmt="xlsx")
