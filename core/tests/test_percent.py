"""Percentages with a decimal comma (issue 7, item 8): "20,5%", not "20.5%" — one formatter,
core.templatetags.vn.percent, for templates ({{ x|percent }}) and code alike."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from core.templatetags.vn import percent


@pytest.mark.parametrize("value, shown", [
    (20.5, "20,5%"), (Decimal("20.5"), "20,5%"), (25, "25%"), (Decimal("25.0"), "25%"), (Decimal("100") / 3, "33,3%"),
    (Decimal("0.05"), "0,1%"), (Decimal("99.95"), "100%"), (1234.5, "1.234,5%"), (0, "0%"), (None, ""), ("", ""),
])
def test_percent(value, shown):
    assert percent(value) == shown


def test_digits_and_template_use():
    assert percent(Decimal("12.345"), 2) == "12,35%"
    assert Template("{{ x|percent }} / {{ y|percent:0 }}").render(Context({"x": 20.5, "y": 66.6})) == "20,5% / 67%"


def test_a_value_that_is_not_a_number_is_shown_as_is():
    assert percent("không rõ") == "không rõ"
