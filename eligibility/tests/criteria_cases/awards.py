"""The table of cases of eligibility/criteria/awards.py: titles and awards history."""

from . import N, CriterionCase, each_year

C = CriterionCase
BK_TTG = {"award": "BK_TINH", "years": 5, "level": "HTTNV", "within_award": "CSTDCS", "within_count": 3}
CASES = [
    C("meets-lower", "meets_award", {"award": "LDTT"}, {}, True, "Đạt tiêu chuẩn Lao động tiên tiến năm 2025", qualifies=("LDTT",)),
    C("misses-lower-says-why", "meets_award", {"award": "LDTT"}, {"ratings": {N: "HTNV"}}, False,
      "Chưa đạt tiêu chuẩn Lao động tiên tiến năm 2025: Năm 2025 được xếp loại hoàn thành nhiệm vụ"),
    C("run-with-this-year", "consecutive_awards", {"award": "CSTDCS", "count": 2}, {"awards": {"CSTDCS": [N - 1]}}, True,
      "Đạt Chiến sĩ thi đua cơ sở 2 năm liên tục: 2024, 2025", award="BK_TINH", qualifies=("CSTDCS",)),
    C("run-missing-this-year", "consecutive_awards", {"award": "CSTDCS", "count": 2}, {"awards": {"CSTDCS": [N - 1]}}, False,
      "Chưa đủ 2 năm liên tục đạt Chiến sĩ thi đua cơ sở: thiếu năm 2025", award="BK_TINH"),
    C("run-already-counted", "consecutive_awards", {"award": "CSTDCS", "count": 3},
      {"awards": {"CSTDCS": [N - 2, N - 1], "CSTD_TINH": [N - 1]}}, False,
      "Chiến sĩ thi đua cơ sở năm 2023, 2024 đã được tính cho Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh năm 2024",
      award="CSTD_TINH", qualifies=("CSTDCS",)),
    C("times-within-period", "consecutive_awards", {"award": "CSTD_TINH", "count": 2, "period": 3},
      {"awards": {"CSTD_TINH": [N - 3]}}, True, "Đạt Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh 2 lần liên tục: các năm 2022, 2025",
      award="CSTD_TQ", qualifies=("CSTD_TINH",)),
    C("times-too-far-apart", "consecutive_awards", {"award": "CSTD_TINH", "count": 2, "period": 3},
      {"awards": {"CSTD_TINH": [N - 4]}}, False, "không có lần trước đó trong các năm 2022–2024",
      award="CSTD_TQ", qualifies=("CSTD_TINH",)),
    C("award-then-good-years", "award_then_ratings", BK_TTG,
      {"awards": {"BK_TINH": [N - 6], "CSTDCS": [N - 4, N - 3, N - 2]}, "ratings": each_year(N - 5, N, "HTTNV")}, True,
      "6 năm liên tục hoàn thành tốt nhiệm vụ trở lên kể từ sau năm 2019: 2020–2025", award="BK_TTG"),
    C("award-too-recent", "award_then_ratings", BK_TTG,
      {"awards": {"BK_TINH": [N - 3], "CSTDCS": [N - 2, N - 1, N]}, "ratings": each_year(N - 2, N, "HTTNV")}, False,
      "mới có 3 năm (2023–2025)", award="BK_TTG"),
    C("no-earlier-award", "award_then_ratings", BK_TTG, {"ratings": each_year(N - 5, N, "HTTNV")}, False,
      "Chưa được tặng Bằng khen cấp bộ, ban, ngành, tỉnh", award="BK_TTG"),
]
