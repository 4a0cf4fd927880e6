"""Bằng khen của Thủ tướng Chính phủ for an individual (Luật TĐKT 2022, Điều 73.1): already holds a
Bằng khen cấp bộ, ban, ngành, tỉnh, then ≥ 5 consecutive years rated HTTNV or better up to the
proposal, with 3 CSTĐCS among them."""

import pytest

from tdkt.testing.history import Case, check_case, each_year, history, pick

pytestmark = pytest.mark.django_db

N = 2024


def h(bk=(2019,), first=2020, cstdcs=(2020, 2022), ratings=None, awards=()):
    """BK_TINH in ``bk``; HTTNV every year from ``first`` to N (N itself HTXSNV, so CSTĐCS N qualifies now)."""
    r = each_year(first, N, "HTTNV")
    r[N] = "HTXSNV"
    r.update(ratings or {})
    return history(ratings={"P": r},
                   awards=[("P", "BK_TINH", y) for y in bk] + [("P", "CSTDCS", y) for y in cstdcs] + list(awards))


CASES = [
    Case("bk-2019-five-years-three-cstdcs", h(), N, "P", "BK_TTG", True, "2020, 2022, 2024"),
    Case("bk-2019-five-years-three-cstdcs-span", h(), N, "P", "BK_TTG", True, "2020–2024"),
    Case("six-years-after", h(bk=(2018,), first=2019), N, "P", "BK_TTG", True, "2019–2024"),
    Case("four-years-fails-by-one", h(bk=(2020,), first=2021, cstdcs=(2021, 2022)), N, "P", "BK_TTG", False, "mới có 4 năm"),
    Case("htnv-year-in-window", h(ratings={2021: "HTNV"}), N, "P", "BK_TTG", False, "năm 2021: hoàn thành nhiệm vụ"),
    Case("unrated-year-in-window", h(first=2020, ratings={2021: None}), N, "P", "BK_TTG", False, "năm 2021"),
    Case("only-two-cstdcs", h(cstdcs=(2020,)), N, "P", "BK_TTG", False, "mới có 2"),
    Case("cstdcs-before-the-bang-khen-do-not-count", h(cstdcs=(2018, 2019, 2022)), N, "P", "BK_TTG", False, "mới có 2"),
    Case("no-bk-tinh", h(bk=()), N, "P", "BK_TTG", False, "Chưa được tặng Bằng khen cấp bộ, ban, ngành, tỉnh"),
    Case("bk-tinh-this-year-is-not-before", h(bk=(N,)), N, "P", "BK_TTG", False, "Bằng khen cấp bộ, ban, ngành, tỉnh"),
    Case("already-given-this-year", h(awards=[("P", "BK_TTG", N)]), N, "P", "BK_TTG", False,
         "Đã được tặng Bằng khen của Thủ tướng Chính phủ năm 2024"),
]


def _drop_none(case):
    # ratings={year: None} means "no rating that year".
    case.history["ratings"] = [r for r in case.history["ratings"] if r["rating"] is not None]
    return case


@pytest.mark.parametrize("case", [_drop_none(c).param() for c in CASES])
def test_bk_ttg(tmp_path, case):
    check_case(tmp_path, case)


@pytest.mark.parametrize("case", pick(CASES, "bk-2019-five-years-three-cstdcs", "four-years-fails-by-one"))
def test_bk_ttg_from_a_workbook(tmp_path, case):
    """The same cases imported from a workbook (.xlsx: one sheet per list, lists joined by ";")."""
    check_case(tmp_path, case, fmt="xlsx")
