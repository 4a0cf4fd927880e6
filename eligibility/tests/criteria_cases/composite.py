"""The table of cases of eligibility/criteria/composite.py."""

from . import N, CriterionCase

C = CriterionCase
EITHER = {"options": [
    [{"kind": "rating_at_least", "params": {"level": "HTXSNV"}, "text": "Hoàn thành xuất sắc nhiệm vụ"}],
    [{"kind": "initiatives", "params": {"scope": "co_so"}, "text": "Có sáng kiến phạm vi cơ sở"}],
]}
CASES = [
    C("first-way", "any_of", EITHER, {"ratings": {N: "HTXSNV"}}, True, "hoàn thành xuất sắc nhiệm vụ"),
    C("second-way", "any_of", EITHER, {"ratings": {N: "HTTNV"}, "initiatives": [("SK-1", "co_so", "2025-02-01", None)]}, True,
      "Sáng kiến SK-1"),
    C("no-way-says-each", "any_of", EITHER, {"ratings": {N: "HTTNV"}}, False,
      "Chưa đáp ứng cách nào: Năm 2025 được xếp loại hoàn thành tốt nhiệm vụ, chưa đạt hoàn thành xuất sắc nhiệm vụ trở lên"
      " — hoặc: Chưa có sáng kiến được công nhận ở phạm vi cơ sở trở lên trong năm 2025"),
]
