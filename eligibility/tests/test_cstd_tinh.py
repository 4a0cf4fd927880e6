"""Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh (Luật TĐKT 2022, Điều 22): 3 consecutive CSTĐCS
(N−2, N−1, N; N's may be given or qualified for now) and an initiative of provincial (or nationwide)
scope within those years; a run already counted for the title is not counted again (Điều 5.2)."""

import pytest

from tdkt.testing.history import Case, check_case, history, pick

pytestmark = pytest.mark.django_db

N = 2024


def h(cstdcs=(N - 2, N - 1), rating_n="HTXSNV", initiatives=(("SK-T", ["P"], "2023-06-01", "tinh"),), awards=(), ratings=None):
    r = {N - 2: "HTXSNV", N - 1: "HTXSNV", N: rating_n}
    r.update(ratings or {})
    return history(ratings={"P": r}, initiatives=initiatives,
                   awards=[("P", "CSTDCS", y) for y in cstdcs] + list(awards))


CASES = [
    Case("three-in-a-row-n-qualifies-now", h(), N, "P", "CSTD_TINH", True, "2022, 2023, 2024"),
    Case("three-in-a-row-all-given", h(cstdcs=(N - 2, N - 1, N), rating_n="HTTNV"), N, "P", "CSTD_TINH", True, "2022, 2023, 2024"),
    Case("nationwide-initiative-counts", h(initiatives=[("SK-Q", ["P"], "2024-03-01", "toan_quoc")]), N, "P", "CSTD_TINH", True, "SK-Q"),
    Case("initiative-in-first-year-of-run", h(initiatives=[("SK-T", ["P"], "2022-01-10", "tinh")]), N, "P", "CSTD_TINH", True, "SK-T"),
    Case("gap-2023", h(cstdcs=(N - 2,), ratings={N - 1: "HTTNV"}), N, "P", "CSTD_TINH", False, "thiếu năm 2023"),
    Case("n-not-qualified", h(rating_n="HTTNV"), N, "P", "CSTD_TINH", False, "thiếu năm 2024"),
    Case("only-two-years", h(cstdcs=(N - 1,), ratings={N - 2: "HTTNV"}), N, "P", "CSTD_TINH", False, "thiếu năm 2022"),
    Case("only-grassroots-initiative", h(initiatives=[("SK-C", ["P"], "2023-06-01", "co_so")]), N, "P", "CSTD_TINH", False,
         "mới được công nhận ở phạm vi cơ sở"),
    Case("no-initiative", h(initiatives=()), N, "P", "CSTD_TINH", False, "sáng kiến"),
    Case("provincial-initiative-before-the-run", h(initiatives=[("SK-T", ["P"], "2021-12-20", "tinh")]), N, "P", "CSTD_TINH", False,
         "sáng kiến"),
    Case("provincial-initiative-already-used", h(awards=[("P", "BK_TINH", N - 1, ["SK-T"])]), N, "P", "CSTD_TINH", False,
         "SK-T đã được dùng"),
    Case("run-already-counted-for-n-minus-1",
         h(cstdcs=(N - 3, N - 2, N - 1), awards=[("P", "CSTD_TINH", N - 1)], ratings={N - 3: "HTXSNV"}),
         N, "P", "CSTD_TINH", False, "đã được tính cho Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh năm 2023"),
    Case("new-run-after-earlier-title",
         h(cstdcs=(N - 5, N - 4, N - 3, N - 2, N - 1), awards=[("P", "CSTD_TINH", N - 3)],
           ratings={N - 5: "HTXSNV", N - 4: "HTXSNV", N - 3: "HTXSNV"}),
         N, "P", "CSTD_TINH", True, "2022, 2023, 2024"),
    Case("already-given-this-year", h(awards=[("P", "CSTD_TINH", N)]), N, "P", "CSTD_TINH", False,
         "Đã được tặng Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh năm 2024"),
]


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_cstd_tinh(tmp_path, case):
    check_case(tmp_path, case)


@pytest.mark.parametrize("case", pick(CASES, "three-in-a-row-n-qualifies-now", "gap-2023", "only-grassroots-initiative"))
def test_cstd_tinh_from_a_workbook(tmp_path, case):
    """The same cases imported from a workbook (.xlsx: one sheet per list, lists joined by ";")."""
    check_case(tmp_path, case, fmt="xlsx")
