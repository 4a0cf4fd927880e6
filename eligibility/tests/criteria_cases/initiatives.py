"""The table of cases of eligibility/criteria/initiatives.py."""

from . import CriterionCase

C = CriterionCase
CO_SO = {"scope": "co_so", "count": 1, "window": 1}
CASES = [
    C("one-this-year", "initiatives", CO_SO, {"initiatives": [("SK-1", "co_so", "2025-05-01", None)]}, True,
      "Sáng kiến SK-1 (phạm vi cơ sở, công nhận 01/05/2025) chưa dùng để khen thưởng"),
    C("wider-scope-counts", "initiatives", CO_SO, {"initiatives": [("SK-1", "toan_quoc", "2025-05-01", None)]}, True,
      "phạm vi toàn quốc"),
    C("used-already", "initiatives", CO_SO, {"initiatives": [("SK-1", "co_so", "2025-05-01", "Chiến sĩ thi đua cơ sở năm 2025")]}, False,
      "Sáng kiến SK-1 đã được dùng để khen thưởng (Chiến sĩ thi đua cơ sở năm 2025), không tính lại"),
    C("scope-too-narrow", "initiatives", {"scope": "tinh", "count": 1, "window": 3},
      {"initiatives": [("SK-1", "co_so", "2024-05-01", None)]}, False,
      "Sáng kiến SK-1 mới được công nhận ở phạm vi cơ sở, cần phạm vi cấp bộ, ban, ngành, tỉnh"),
    C("outside-window", "initiatives", CO_SO, {"initiatives": [("SK-1", "co_so", "2024-12-31", None)]}, False,
      "Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025"),
    C("too-few", "initiatives", {"scope": "co_so", "count": 2, "window": 2},
      {"initiatives": [("SK-1", "co_so", "2024-03-01", None)]}, False,
      "Cần 2 sáng kiến được công nhận ở phạm vi cơ sở trở lên trong các năm 2024–2025, mới có 1"),
]
