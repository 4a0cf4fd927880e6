"""Chiến sĩ thi đua cơ sở (Luật TĐKT 2022, Điều 23): the LĐTT standard, and HTXSNV or a grassroots
initiative recognised that year; an initiative already rewarded is not counted again (Điều 5.2)."""

import pytest

from tdkt.testing.history import Case, check_case, history, pick

pytestmark = pytest.mark.django_db

N = 2024


def h(level, initiatives=(), awards=(), **kw):
    return history(ratings={"P": {N: level}}, initiatives=initiatives, awards=awards, **kw)


SK = ("SK-1", ["P"], "2024-05-10", "co_so")

CASES = [
    Case("htxsnv", h("HTXSNV"), N, "P", "CSTDCS", True, "hoàn thành xuất sắc nhiệm vụ"),
    Case("httnv-with-grassroots-initiative", h("HTTNV", [SK]), N, "P", "CSTDCS", True, "SK-1"),
    Case("httnv-with-provincial-initiative", h("HTTNV", [("SK-1", ["P"], "2024-02-01", "tinh")]), N, "P", "CSTDCS", True, "SK-1"),
    Case("httnv-initiative-on-31-dec", h("HTTNV", [("SK-1", ["P"], "2024-12-31", "co_so")]), N, "P", "CSTDCS", True, "SK-1"),
    Case("httnv-without-initiative", h("HTTNV"), N, "P", "CSTDCS", False, "sáng kiến"),
    Case("httnv-initiative-previous-year", h("HTTNV", [("SK-1", ["P"], "2023-12-31", "co_so")]), N, "P", "CSTDCS", False,
         "Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2024"),
    Case("httnv-initiative-next-year", h("HTTNV", [("SK-1", ["P"], "2025-01-02", "co_so")]), N, "P", "CSTDCS", False, "sáng kiến"),
    Case("httnv-initiative-of-someone-else", h("HTTNV", [("SK-1", ["A"], "2024-05-10", "co_so")], people=("P", "A")),
         N, "P", "CSTDCS", False, "sáng kiến"),
    # The initiative was already rewarded with a Giấy khen: one achievement, one reward.
    Case("initiative-already-used-for-another-award", h("HTTNV", [SK], awards=[("P", "GK", N, ["SK-1"])]), N, "P", "CSTDCS", False,
         "SK-1 đã được dùng"),
    Case("initiative-used-but-htxsnv-suffices", h("HTXSNV", [SK], awards=[("P", "GK", N, ["SK-1"])]), N, "P", "CSTDCS", True,
         "hoàn thành xuất sắc nhiệm vụ"),
    # SK-1 has two authors; A's own Giấy khen rewarded A's contribution, not P's (Điều 5.2: one achievement of the subject).
    Case("co-author-used-it-for-own-award", h("HTTNV", [("SK-1", ["P", "A"], "2024-05-10", "co_so")], people=("P", "A"),
                                               awards=[("A", "GK", N, ["SK-1"])]),
         N, "P", "CSTDCS", True, "SK-1"),
    Case("htnv-with-initiative-fails-ldtt-standard", h("HTNV", [SK]), N, "P", "CSTDCS", False, "Lao động tiên tiến"),
    Case("no-rating", history(initiatives=[SK]), N, "P", "CSTDCS", False, "Lao động tiên tiến"),
    Case("recruited-1-aug-fails-ldtt-standard", h("HTXSNV", memberships=[("P", "U", "2024-08-01", None)]), N, "P", "CSTDCS", False,
         "6 tháng"),
    Case("already-given-this-year", h("HTXSNV", awards=[("P", "CSTDCS", N)]), N, "P", "CSTDCS", False,
         "Đã được tặng Chiến sĩ thi đua cơ sở năm 2024"),
    # LĐTT already given for the year proves the LĐTT standard (Điều 23.1); it must not block CSTĐCS.
    Case("ldtt-already-given-this-year", h("HTXSNV", awards=[("P", "LDTT", N)]), N, "P", "CSTDCS", True, "Lao động tiên tiến"),
]


@pytest.mark.parametrize("case", [c.param() for c in CASES])
def test_cstdcs(tmp_path, case):
    check_case(tmp_path, case)


@pytest.mark.parametrize("case", pick(CASES, "httnv-with-grassroots-initiative", "initiative-already-used-for-another-award"))
def test_cstdcs_from_a_workbook(tmp_path, case):
    """The same cases imported from a workbook (.xlsx: one sheet per list, lists joined by ";")."""
    check_case(tmp_path, case, fmt="xlsx")
