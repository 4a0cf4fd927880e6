"""The table of cases of eligibility/criteria/discipline.py."""

from . import CriterionCase

C = CriterionCase
CASES = [
    C("never-disciplined", "no_discipline", {"level": "khien_trach"}, {}, True, "Không bị kỷ luật từ hình thức khiển trách"),
    C("reprimanded-bars-ldtt-2003", "no_discipline", {"level": "khien_trach"}, {"discipline": "khien_trach"}, False,
      "Bị kỷ luật hình thức khiển trách trong năm 2025"),
    C("reprimand-below-warning", "no_discipline", {"level": "canh_cao"}, {"discipline": "khien_trach"}, True,
      "Không bị kỷ luật từ hình thức cảnh cáo trở lên"),
    C("warning-bars", "no_discipline", {"level": "canh_cao"}, {"discipline": "canh_cao"}, False, "cảnh cáo"),
]
