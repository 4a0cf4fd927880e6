"""Chiến sĩ thi đua toàn quốc (Luật TĐKT 2022, Điều 21): 2 consecutive CSTĐ cấp bộ, ban, ngành, tỉnh
and an initiative (or research topic) of nationwide scope."""

import pytest

from tdkt.testing.history import Case, check_case, history

pytestmark = pytest.mark.django_db

N = 2024
SK_Q = ("SK-Q", ["P"], "2024-03-01", "toan_quoc")


def h(tinh=(N - 3, N), initiatives=(SK_Q,), awards=(), ratings=None, cstdcs=()):
    return history(ratings={"P": ratings or {}}, initiatives=initiatives,
                   awards=[("P", "CSTD_TINH", y) for y in tinh] + [("P", "CSTDCS", y) for y in cstdcs] + list(awards))


CASES = [
    Case("two-consecutive-given", h(), N, "P", "CSTD_TQ", True, "2021, 2024"),
    # CSTĐ tỉnh 2024 qualified for now: CSTĐCS 2022, 2023 given, 2024 HTXSNV, provincial initiative 2023.
    Case("second-qualifies-now",
         h(tinh=(N - 3,), cstdcs=(N - 2, N - 1), ratings={N - 2: "HTXSNV", N - 1: "HTXSNV", N: "HTXSNV"},
           initiatives=[("SK-T", ["P"], "2023-06-01", "tinh"), SK_Q]),
         N, "P", "CSTD_TQ", True, "2021, 2024"),
    Case("only-one", h(tinh=(N,)), N, "P", "CSTD_TQ", False, "2 lần liên tục"),
    Case("not-consecutive-gap", h(tinh=(N - 4, N)), N, "P", "CSTD_TQ", False, "2 lần liên tục"),
    Case("only-provincial-initiative", h(initiatives=[("SK-T", ["P"], "2024-03-01", "tinh")]), N, "P", "CSTD_TQ", False,
         "mới được công nhận ở phạm vi cấp bộ, ban, ngành, tỉnh"),
    Case("no-initiative", h(initiatives=()), N, "P", "CSTD_TQ", False, "toàn quốc"),
    Case("nationwide-initiative-already-used", h(awards=[("P", "GK", N, ["SK-Q"])]), N, "P", "CSTD_TQ", False, "SK-Q đã được dùng"),
    Case("already-given-this-year", h(awards=[("P", "CSTD_TQ", N)]), N, "P", "CSTD_TQ", False,
         "Đã được tặng Chiến sĩ thi đua toàn quốc năm 2024"),
]


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_cstd_tq(tmp_path, case):
    check_case(tmp_path, case)
