"""Collective titles.

Tập thể lao động tiên tiến (Luật TĐKT 2022, Điều 28.1): the unit rated HTTNV or better; the share
of members with LĐTT (given, or qualifying now) above the threshold (parameter ttldtt_ldtt_share,
default "more than 50%"); no member disciplined at "cảnh cáo" or worse that year.
Tập thể lao động xuất sắc (Điều 27.1): the unit rated HTXSNV; 100% of members at least HTNV;
≥ 70% LĐTT; at least one CSTĐCS; no member disciplined at "cảnh cáo" or worse.
Each failing condition is checked on its own, the others being met.
"""

import pytest

from tdkt.testing.history import Case, check_case, history, pick

pytestmark = pytest.mark.django_db

N = 2024
MEMBERS = ("A", "B", "C")


def h(members, unit_rating="HTTNV", disciplines=(), awards=(), **kw):
    return history(people=tuple(members), ratings={p: {N: level} for p, level in members.items() if level},
                   unit_ratings={"U": {N: unit_rating}} if unit_rating else None, disciplines=disciplines, awards=awards, **kw)


GOOD = {"A": "HTXSNV", "B": "HTTNV", "C": "HTNV"}  # 2 of 3 LĐTT (66,7 %), A qualifies for CSTĐCS

TTLDTT = [
    Case("all-met", h(GOOD), N, "U", "TTLDTT", True, "2/3"),
    Case("unit-htxsnv", h(GOOD, "HTXSNV"), N, "U", "TTLDTT", True, "hoàn thành xuất sắc nhiệm vụ"),
    Case("unit-htnv", h(GOOD, "HTNV"), N, "U", "TTLDTT", False, "tập thể được xếp loại hoàn thành nhiệm vụ"),
    Case("unit-not-rated", h(GOOD, None), N, "U", "TTLDTT", False, "chưa có kết quả đánh giá"),
    Case("share-exactly-half", h({"A": "HTTNV", "B": "HTNV"}), N, "U", "TTLDTT", False, "1/2"),
    Case("share-below-half", h({"A": "HTTNV", "B": "HTNV", "C": "KHTNV"}), N, "U", "TTLDTT", False, "yêu cầu trên 50%"),
    Case("unrated-members-count-in-the-total", h({"A": "HTTNV", "B": None, "C": None}), N, "U", "TTLDTT", False, "1/3"),
    # Members holding LĐTT (given) count though not rated in the file.
    Case("given-ldtt-counts", h({"A": "HTTNV", "B": None, "C": None}, awards=[("A", "LDTT", N), ("B", "LDTT", N)]), N, "U", "TTLDTT",
         True, "2/3 thành viên (66,7%) đã được tặng"),
    # Titles of the year not decided yet: those who qualify stand in, and the reason says so (rules.md §12).
    Case("undecided-counts-qualifiers", h(GOOD), N, "U", "TTLDTT", True,
         "2/3 thành viên (66,7%) đủ điều kiện Lao động tiên tiến năm 2024, chưa có quyết định"),
    # Decided (a member holds LĐTT of the year): only titles given count; A and B qualify, only A was given it.
    Case("decided-counts-titles-given", h(GOOD, awards=[("A", "LDTT", N)]), N, "U", "TTLDTT", False,
         "1/3 thành viên (33,3%) đã được tặng Lao động tiên tiến năm 2024"),
    # A CSTĐCS of the year decides the titles and counts as LĐTT (it includes it).
    Case("decided-by-cstdcs", h(GOOD, awards=[("A", "CSTDCS", N), ("B", "LDTT", N)]), N, "U", "TTLDTT", True,
         "2/3 thành viên (66,7%) đã được tặng"),
    # Last year's titles do not decide this year's.
    Case("last-year-titles-do-not-decide", h(GOOD, awards=[("A", "LDTT", N - 1)]), N, "U", "TTLDTT", True, "chưa có quyết định"),
    Case("member-canh-cao", h(GOOD, disciplines=[("C", "2024-05-01", "canh_cao")]), N, "U", "TTLDTT", False, "kỷ luật"),
    Case("member-canh-cao-named", h(GOOD, disciplines=[("C", "2024-05-01", "canh_cao")]), N, "U", "TTLDTT", False, "Phạm Văn Cường"),
    Case("member-ha-bac-luong", h(GOOD, disciplines=[("B", "2024-11-30", "ha_bac_luong")]), N, "U", "TTLDTT", False, "kỷ luật"),
    Case("member-buoc-thoi-viec", h(GOOD, disciplines=[("B", "2024-12-31", "buoc_thoi_viec")]), N, "U", "TTLDTT", False, "kỷ luật"),
    Case("member-khien-trach-is-fine", h(GOOD, disciplines=[("C", "2024-05-01", "khien_trach")]), N, "U", "TTLDTT", True,
         "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên"),
    Case("canh-cao-previous-year-is-fine", h(GOOD, disciplines=[("C", "2023-12-31", "canh_cao")]), N, "U", "TTLDTT", True,
         "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên"),
    Case("already-given-this-year", h(GOOD, awards=[("U", "TTLDTT", N)]), N, "U", "TTLDTT", False,
         "Đã được tặng Tập thể lao động tiên tiến năm 2024"),
]

XS = {"A": "HTXSNV", "B": "HTTNV", "C": "HTTNV"}  # 3/3 LĐTT, A qualifies for CSTĐCS

TTLDXS = [
    Case("all-met", h(XS, "HTXSNV"), N, "U", "TTLDXS", True, "Trần Văn An"),
    Case("unit-httnv", h(XS, "HTTNV"), N, "U", "TTLDXS", False, "chưa đạt hoàn thành xuất sắc nhiệm vụ"),
    Case("a-member-khtnv", h({**XS, "D": "HTTNV", "E": "KHTNV"}, "HTXSNV"), N, "U", "TTLDXS", False, "Vũ Văn Em"),
    Case("a-member-unrated", h({**XS, "D": "HTTNV", "E": None}, "HTXSNV"), N, "U", "TTLDXS", False, "hoàn thành nhiệm vụ"),
    Case("a-member-htnv-is-fine", h({**XS, "D": "HTTNV", "E": "HTNV"}, "HTXSNV"), N, "U", "TTLDXS", True, "80"),
    Case("share-below-70", h(GOOD, "HTXSNV"), N, "U", "TTLDXS", False, "ít nhất 70%"),
    Case("share-exactly-70", h({"A": "HTXSNV", "B": "HTTNV", "C": "HTTNV", "D": "HTTNV", "E": "HTTNV", "G": "HTTNV",
                                "P": "HTTNV", "Q": "HTNV", "R": "HTNV", "S": "HTNV"}, "HTXSNV"),
         N, "U", "TTLDXS", True, "7/10"),
    Case("no-cstdcs", h({"A": "HTTNV", "B": "HTTNV", "C": "HTTNV"}, "HTXSNV"), N, "U", "TTLDXS", False, "Chiến sĩ thi đua cơ sở"),
    Case("cstdcs-given-counts", h({"A": "HTTNV", "B": "HTTNV", "C": "HTTNV"}, "HTXSNV",
                                  awards=[("A", "LDTT", N), ("B", "CSTDCS", N), ("C", "LDTT", N)]),
         N, "U", "TTLDXS", True, "Lê Thị Bình"),
    Case("cstdcs-of-last-year-does-not-count", h({"A": "HTTNV", "B": "HTTNV", "C": "HTTNV"}, "HTXSNV", awards=[("B", "CSTDCS", N - 1)]),
         N, "U", "TTLDXS", False, "Chiến sĩ thi đua cơ sở"),
    # Members hold LĐTT already (given in the year-end review); A, rated HTXSNV, still qualifies for CSTĐCS (Điều 23).
    Case("cstdcs-qualifier-who-already-holds-ldtt", h(XS, "HTXSNV", awards=[(p, "LDTT", N) for p in XS]), N, "U", "TTLDXS", True,
         "Trần Văn An"),
    Case("member-canh-cao", h(XS, "HTXSNV", disciplines=[("B", "2024-03-03", "canh_cao")]), N, "U", "TTLDXS", False, "kỷ luật"),
    # ≥ 70% "đạt danh hiệu" (rules.md §12): three qualify, but once decided only the one given LĐTT counts.
    Case("decided-70-counts-titles-given", h(XS, "HTXSNV", awards=[("A", "LDTT", N)]), N, "U", "TTLDXS", False,
         "1/3 thành viên (33,3%) đã được tặng Lao động tiên tiến năm 2024; yêu cầu ít nhất 70%"),
    Case("undecided-70-counts-qualifiers", h(XS, "HTXSNV"), N, "U", "TTLDXS", True,
         "3/3 thành viên (100,0%) đủ điều kiện Lao động tiên tiến năm 2024, chưa có quyết định"),
    Case("member-khien-trach-is-fine", h(XS, "HTXSNV", disciplines=[("B", "2024-03-03", "khien_trach")]), N, "U", "TTLDXS", True,
         "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên"),
]


@pytest.mark.parametrize("case", [c.param() for c in TTLDTT])
def test_ttldtt(tmp_path, case):
    check_case(tmp_path, case)


@pytest.mark.parametrize("case", pick(TTLDTT, "all-met", "member-canh-cao", "member-khien-trach-is-fine"))
def test_ttldtt_from_a_workbook(tmp_path, case):
    """The same cases imported from a workbook (.xlsx: one sheet per list, lists joined by ";")."""
    check_case(tmp_path, case, fmt="xlsx")


@pytest.mark.parametrize("case", [c.param() for c in TTLDXS])
def test_ttldxs(tmp_path, case):
    check_case(tmp_path, case)


def test_members_are_those_of_the_unit_only(tmp_path):
    """People of a sibling unit do not count in U's share."""
    h_ = h({"A": "HTTNV", "B": "HTNV"}, units=[{"code": "V", "name": "Sở Tài chính", "kind": "agency", "parent": "T"}])
    h_["people"] += [{"code": f"V{i}", "full_name": f"Ngô Văn V{i}", "unit": "V"} for i in range(3)]
    h_["ratings"] += [{"person": f"V{i}", "year": N, "rating": "HTXSNV"} for i in range(3)]
    check_case(tmp_path, Case("sibling", h_, N, "U", "TTLDTT", False, "1/2"))


def test_member_who_left_before_year_end_is_not_counted(tmp_path):
    """Members are those working in the unit at the end of the year."""
    h_ = h({"A": "HTTNV", "B": "HTNV", "C": "HTNV"}, memberships=[("B", "U", "2010-01-01", "2024-03-31"), ("C", "U", "2010-01-01", "2024-06-30")])
    check_case(tmp_path, Case("left", h_, N, "U", "TTLDTT", True, "1/1"))


def test_ttldtt_threshold_is_a_parameter(tmp_path):
    """The LĐTT share for TTLĐTT is UNVERIFIED (>50% or ≥70%): a province's administrator sets it (rules.md §2.2)."""
    from rulebook.models import Parameter

    assert Parameter.objects.filter(key="ttldtt_ldtt_share", valid_from="2024-01-01").update(value={"op": ">=", "share": 0.7}) == 1
    got = check_case(tmp_path, Case("70", h(GOOD), N, "U", "TTLDTT", False, "ít nhất 70%"))
    assert any("2/3" in s for s in got["unmet"])
