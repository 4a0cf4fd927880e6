"""The table of cases of eligibility/criteria/ratings.py."""

from . import N, CriterionCase

C = CriterionCase
CASES = [
    C("at-least-met", "rating_at_least", {"level": "HTTNV"}, {"ratings": {N: "HTTNV"}}, True,
      "Năm 2025 được xếp loại hoàn thành tốt nhiệm vụ"),
    C("better-counts", "rating_at_least", {"level": "HTTNV"}, {"ratings": {N: "HTXSNV"}}, True,
      "Năm 2025 được xếp loại hoàn thành xuất sắc nhiệm vụ"),
    C("at-least-short", "rating_at_least", {"level": "HTTNV"}, {"ratings": {N: "HTNV"}}, False,
      "Năm 2025 được xếp loại hoàn thành nhiệm vụ, chưa đạt hoàn thành tốt nhiệm vụ trở lên"),
    C("not-rated", "rating_at_least", {"level": "HTXSNV"}, {"ratings": {N - 1: "HTXSNV"}}, False,
      "Chưa có kết quả đánh giá, xếp loại năm 2025"),
    C("unit-met", "unit_rating_at_least", {"level": "HTXSNV"}, {"ratings": {N: "HTXSNV"}}, True,
      "Năm 2025 tập thể được xếp loại hoàn thành xuất sắc nhiệm vụ"),
    C("unit-not-rated", "unit_rating_at_least", {"level": "HTTNV"}, {}, False,
      "Tập thể chưa có kết quả đánh giá, xếp loại năm 2025"),
    C("run-met", "consecutive_ratings", {"level": "HTXSNV", "count": 2}, {"ratings": {N - 1: "HTXSNV", N: "HTXSNV"}}, True,
      "2 năm liên tục hoàn thành xuất sắc nhiệm vụ: 2024, 2025"),
    C("run-broken", "consecutive_ratings", {"level": "HTXSNV", "count": 2}, {"ratings": {N - 1: "HTTNV", N: "HTXSNV"}}, False,
      "Chưa đủ 2 năm liên tục hoàn thành xuất sắc nhiệm vụ (năm 2024: hoàn thành tốt nhiệm vụ)"),
    C("run-already-counted", "consecutive_ratings", {"level": "HTXSNV", "count": 2},
      {"ratings": {N - 1: "HTXSNV", N: "HTXSNV"}, "awards": {"BK_TINH": [N - 1]}}, False,
      "Các năm 2024 đã được tính cho Bằng khen cấp bộ, ban, ngành, tỉnh năm 2024", award="BK_TINH"),
]
