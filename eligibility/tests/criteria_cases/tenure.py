"""The table of cases of eligibility/criteria/tenure.py (parameter ldtt_min_months = 6)."""

from . import CriterionCase

C = CriterionCase
MONTHS = {"parameter": "ldtt_min_months"}
CASES = [
    C("start-unknown", "worked_months", MONTHS, {}, True, None),
    C("recruited-last-year", "worked_months", MONTHS, {"start": "2024-09-01"}, True, None),
    C("six-months-from-1-july", "worked_months", MONTHS, {"start": "2025-07-01"}, True, None),
    C("short-from-2-july", "worked_months", MONTHS, {"start": "2025-07-02"}, False,
      "Mới tuyển dụng từ 02/07/2025, chưa đủ 6 tháng công tác trong năm 2025"),
]
