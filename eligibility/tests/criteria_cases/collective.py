"""The table of cases of eligibility/criteria/collective.py: a collective judged by its members."""

from . import N, CriterionCase

C = CriterionCase
UNIT = {"id": 100, "name": "Phòng Nội vụ"}
SHARE = {"award": "LDTT", "parameter": "ttldtt_ldtt_share"}  # more than 50%
A, B, D = {"name": "Trần Văn An"}, {"name": "Lê Thị Bình"}, {"name": "Hoàng Thị Dung"}
CASES = [
    C("share-given", "members_share", SHARE, UNIT, True, "2/3 thành viên (66,7%) đã được tặng Lao động tiên tiến năm 2025; yêu cầu trên 50%",
      members=({**A, "awards": {"LDTT": [N]}}, {**B, "awards": {"LDTT": [N]}}, D)),
    # CSTĐCS includes LĐTT (rulebook: AwardType.includes).
    C("share-counts-a-title-that-includes-it", "members_share", SHARE, UNIT, True, "2/3 thành viên (66,7%) đã được tặng Lao động tiên tiến",
      members=({**A, "awards": {"CSTDCS": [N]}}, {**B, "awards": {"LDTT": [N]}}, D)),
    C("share-before-decisions", "members_share", SHARE, UNIT, False,
      "1/2 thành viên (50,0%) đủ điều kiện Lao động tiên tiến năm 2025, chưa có quyết định; yêu cầu trên 50%",
      members=({**A, "qualifies": ("LDTT",)}, B)),
    C("share-no-members", "members_share", SHARE, UNIT, False, "Tập thể không có thành viên trong năm 2025"),
    C("all-rated", "members_rated_at_least", {"level": "HTNV"}, UNIT, True, "100% cá nhân (2) hoàn thành nhiệm vụ trở lên năm 2025",
      members=({**A, "ratings": {N: "HTNV"}}, {**B, "ratings": {N: "HTXSNV"}})),
    C("one-short", "members_rated_at_least", {"level": "HTNV"}, UNIT, False,
      "1 cá nhân chưa hoàn thành nhiệm vụ hoặc chưa có kết quả xếp loại năm 2025: Lê Thị Bình",
      members=({**A, "ratings": {N: "HTNV"}}, {**B, "ratings": {N: "KHTNV"}})),
    C("a-member-qualifies", "members_any_award", {"award": "CSTDCS"}, UNIT, True,
      "Có 1 cá nhân đạt hoặc đủ điều kiện Chiến sĩ thi đua cơ sở năm 2025: Trần Văn An", members=({**A, "qualifies": ("CSTDCS",)}, B)),
    C("no-member-qualifies", "members_any_award", {"award": "CSTDCS"}, UNIT, False,
      "Không có cá nhân nào đạt hoặc đủ điều kiện Chiến sĩ thi đua cơ sở năm 2025", members=({**A, "awards": {"LDTT": [N]}}, B)),
    C("mild-discipline-only", "no_member_discipline", {"level": "canh_cao"}, UNIT, True,
      "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên năm 2025", members=({**A, "discipline": "khien_trach"}, B)),
    C("member-warned", "no_member_discipline", {"level": "canh_cao"}, UNIT, False,
      "Có 1 cá nhân bị kỷ luật từ cảnh cáo trở lên năm 2025: Lê Thị Bình (cảnh cáo)", members=(A, {**B, "discipline": "canh_cao"})),
]
