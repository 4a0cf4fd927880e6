"""Tests for core.money: Vietnamese amounts in words, display, bonus rounding."""

import re
from decimal import Decimal

import pytest

from core.money import amount_in_words, bonus_amount, format_money, round_up_to

# ------------------------------------------------------------ amount_in_words

WORDS = [
    # units and the first tens
    (0, "Không đồng"),
    (1, "Một đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (9, "Chín đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),  # "một" after "mười", never "mốt"
    (14, "Mười bốn đồng"),  # "bốn" after "mười", never "tư"
    (15, "Mười lăm đồng"),  # 5 after "mười" → "lăm"
    (19, "Mười chín đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),  # 1 after "mươi" → "mốt"
    (24, "Hai mươi tư đồng"),  # 4 after "mươi" → "tư"
    (25, "Hai mươi lăm đồng"),  # 5 after "mươi" → "lăm"
    (34, "Ba mươi tư đồng"),
    (41, "Bốn mươi mốt đồng"),  # tens digit 4 stays "bốn"
    (44, "Bốn mươi tư đồng"),
    (45, "Bốn mươi lăm đồng"),
    (50, "Năm mươi đồng"),  # tens digit 5 stays "năm"
    (55, "Năm mươi lăm đồng"),
    (99, "Chín mươi chín đồng"),
    # hundreds
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),  # "một" after "linh"
    (104, "Một trăm linh bốn đồng"),  # "bốn" after "linh"
    (105, "Một trăm linh năm đồng"),  # "năm" after "linh", never "lăm"
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (500, "Năm trăm đồng"),
    (555, "Năm trăm năm mươi lăm đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    # thousands: a non-leading group is read with all three digits
    (1000, "Một nghìn đồng"),
    (1001, "Một nghìn không trăm linh một đồng"),
    (1005, "Một nghìn không trăm linh năm đồng"),
    (1010, "Một nghìn không trăm mười đồng"),
    (1015, "Một nghìn không trăm mười lăm đồng"),
    (1021, "Một nghìn không trăm hai mươi mốt đồng"),
    (1100, "Một nghìn một trăm đồng"),
    (2024, "Hai nghìn không trăm hai mươi tư đồng"),
    (10000, "Mười nghìn đồng"),
    (15000, "Mười lăm nghìn đồng"),
    (21000, "Hai mươi mốt nghìn đồng"),
    (100000, "Một trăm nghìn đồng"),
    (105000, "Một trăm linh năm nghìn đồng"),
    (702000, "Bảy trăm linh hai nghìn đồng"),
    (710000, "Bảy trăm mười nghìn đồng"),
    (760000, "Bảy trăm sáu mươi nghìn đồng"),
    (999999, "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng"),
    # millions: zero groups are skipped
    (1000000, "Một triệu đồng"),
    (1000001, "Một triệu không trăm linh một đồng"),
    (1001000, "Một triệu không trăm linh một nghìn đồng"),
    (1500000, "Một triệu năm trăm nghìn đồng"),
    (2530000, "Hai triệu năm trăm ba mươi nghìn đồng"),
    (2340000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (5050000, "Năm triệu không trăm năm mươi nghìn đồng"),
    (15000015, "Mười lăm triệu không trăm mười lăm đồng"),
    (191360000, "Một trăm chín mươi mốt triệu ba trăm sáu mươi nghìn đồng"),
    # tỷ, with inner zero groups
    (1000000000, "Một tỷ đồng"),
    (1000000001, "Một tỷ không trăm linh một đồng"),
    (1000001000, "Một tỷ không trăm linh một nghìn đồng"),
    (1001000000, "Một tỷ không trăm linh một triệu đồng"),
    (1000050000, "Một tỷ không trăm năm mươi nghìn đồng"),
    (2005000000, "Hai tỷ không trăm linh năm triệu đồng"),
    (12300000007, "Mười hai tỷ ba trăm triệu không trăm linh bảy đồng"),
    (25000000000, "Hai mươi lăm tỷ đồng"),
    (
        1234567891,
        "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt đồng",
    ),
    # above a tỷ the count of tỷ is a number of its own
    (1000000000000, "Một nghìn tỷ đồng"),
    (1005000000000, "Một nghìn không trăm linh năm tỷ đồng"),
    (2000000005000, "Hai nghìn tỷ không trăm linh năm nghìn đồng"),
    (
        1234567891011,
        "Một nghìn hai trăm ba mươi tư tỷ năm trăm sáu mươi bảy triệu"
        " tám trăm chín mươi mốt nghìn không trăm mười một đồng",
    ),
    (10**18, "Một tỷ tỷ đồng"),
    (10**18 + 10**9, "Một tỷ không trăm linh một tỷ đồng"),
]


@pytest.mark.parametrize(("amount", "expected"), WORDS, ids=[str(a) for a, _ in WORDS])
def test_amount_in_words(amount, expected):
    assert amount_in_words(amount) == expected


def test_amount_in_words_table_is_large_enough():
    assert len(WORDS) >= 40
    assert len({a for a, _ in WORDS}) == len(WORDS)


def test_integral_decimal_is_accepted():
    assert amount_in_words(Decimal("760000")) == "Bảy trăm sáu mươi nghìn đồng"


@pytest.mark.parametrize("amount", [-1, -760000, Decimal("-5")])
def test_negative_amount_is_rejected(amount):
    with pytest.raises(ValueError):
        amount_in_words(amount)


@pytest.mark.parametrize("amount", [Decimal("1.5"), Decimal("NaN"), Decimal("Infinity")])
def test_fractional_or_non_finite_amount_is_rejected(amount):
    with pytest.raises(ValueError):
        amount_in_words(amount)


@pytest.mark.parametrize("amount", [760000.0, "760000", None, True])
def test_non_integer_amount_is_a_type_error(amount):
    with pytest.raises(TypeError):
        amount_in_words(amount)


# An independent reader of the words back into a number, to check every
# amount of a wide sample, not only those in the table.
_DIGIT_VALUES = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
    "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip


def _words_to_number(text: str) -> int:
    assert text.endswith(" đồng")
    words = text[: -len(" đồng")].lower().split()
    total = section = triple = 0
    pending = None
    for word in words:
        if word in _DIGIT_VALUES:
            assert pending is None, text
            pending = _DIGIT_VALUES[word]
        elif word == "trăm":
            triple += pending * 100
            pending = None
        elif word == "mươi":
            triple += pending * 10
            pending = None
        elif word == "mười":
            triple += 10
        elif word == "linh":
            pass
        else:
            triple += pending or 0
            pending = None
            if word == "nghìn":
                section += triple * 1000
            elif word == "triệu":
                section += triple * 1_000_000
            elif word == "tỷ":
                total = (total + section + triple) * 1_000_000_000
                section = 0
            else:
                raise AssertionError(f"unexpected word {word!r} in {text!r}")
            triple = 0
    return total + section + triple + (pending or 0)


SAMPLE = sorted(
    set(range(0, 2200))
    | set(range(0, 10**6, 997))
    | set(range(0, 10**9, 9_876_543))
    | {10**k + d for k in range(3, 16) for d in (0, 1, 5, 10, 15, 21, 24, 105, 1000, 1005)}
)


def test_words_read_back_to_the_amount():
    wrong = [n for n in SAMPLE if _words_to_number(amount_in_words(n)) != n]
    assert wrong == []


# Word sequences the conventions forbid, with the rule each breaks.
FORBIDDEN = [
    (r"\bmươi một\b", "1 after 'mươi' is 'mốt'"),
    (r"\bmươi bốn\b", "4 after 'mươi' is 'tư'"),
    (r"\bmươi năm\b", "5 after 'mươi' is 'lăm'"),
    (r"\bmười mốt\b", "1 after 'mười' is 'một'"),
    (r"\bmười tư\b", "4 after 'mười' is 'bốn'"),
    (r"\bmười năm\b", "5 after 'mười' is 'lăm'"),
    (r"\blinh (mốt|tư|lăm)\b", "after 'linh' digits keep their plain form"),
    (r"\bmột mươi\b", "10 is 'mười'"),
    (r"\blẻ\b", "we write 'linh', not 'lẻ'"),
    (r"\bngàn\b", "we write 'nghìn', not 'ngàn'"),
    (r"\b(lăm|mốt|tư) (trăm|mươi)\b", "variant digits only as units"),
    (r"\bkhông (nghìn|triệu|tỷ|đồng)\b", "zero groups are skipped"),
    (r"^(?!Không đồng$).*\bkhông\b(?! trăm)", "'không' only as 'không trăm' or alone for 0"),
]


@pytest.mark.parametrize(("pattern", "rule"), FORBIDDEN, ids=[r for _, r in FORBIDDEN])
def test_no_forbidden_word_sequence(pattern, rule):
    offenders = [amount_in_words(n) for n in SAMPLE if re.search(pattern, amount_in_words(n))]
    assert offenders[:3] == [], rule


def test_capital_first_letter_only():
    for n in SAMPLE:
        text = amount_in_words(n)
        assert text[0].isupper() and text[1:] == text[1:].lower(), text


def test_non_leading_groups_are_read_with_hundreds():
    # After "nghìn"/"triệu"/"tỷ", a following group always starts "<digit> trăm".
    checked = 0
    for n in SAMPLE:
        text = amount_in_words(n)
        for match in re.finditer(r"\b(?:nghìn|triệu|tỷ) (?=(\w+) (\w+))", text):
            if match.group(1) in _DIGIT_VALUES:
                checked += 1
                assert match.group(2) == "trăm", text
    assert checked > 1000


# ----------------------------------------------------------------- format_money

FORMATS = [
    (0, "0 đ"),
    (5, "5 đ"),
    (999, "999 đ"),
    (1000, "1.000 đ"),
    (10000, "10.000 đ"),
    (760000, "760.000 đ"),
    (2530000, "2.530.000 đ"),
    (191360000, "191.360.000 đ"),
    (1000000000, "1.000.000.000 đ"),
    (-2500, "-2.500 đ"),
    (Decimal("702000"), "702.000 đ"),
]


@pytest.mark.parametrize(("amount", "expected"), FORMATS)
def test_format_money(amount, expected):
    assert format_money(amount) == expected


@pytest.mark.parametrize(("amount", "error"), [(1.5, TypeError), (Decimal("0.5"), ValueError), ("1000", TypeError)])
def test_format_money_rejects_non_integers(amount, error):
    with pytest.raises(error):
        format_money(amount)


# ------------------------------------------------------------------ round_up_to

ROUND_UP = [
    (759000, 10_000, 760000),
    (702000, 10_000, 710000),  # not to the nearest: UP
    (700000, 10_000, 700000),  # a multiple stays
    (0, 10_000, 0),
    (1, 10_000, 10000),
    (9999, 10_000, 10000),
    (10000, 10_000, 10000),
    (10001, 10_000, 20000),
    (751000, 10_000, 760000),
    (Decimal("759000.0"), 10_000, 760000),
    (Decimal("700000.00"), 10_000, 700000),
    (Decimal("700000.01"), 10_000, 710000),
    ("759000", 10_000, 760000),
    (759001, 1_000, 760000),
    (759000, 1_000, 759000),
    (702000, 100_000, 800000),
    (Decimal("0.5"), 1, 1),
    (-759000, 10_000, -750000),  # towards +∞
    (10**30 + 1, 10, 10**30 + 10),
    (Decimal("1000000000000000000000000000000.1"), 10, 10**30 + 10),  # beyond 28 digits
]


@pytest.mark.parametrize(("amount", "step", "expected"), ROUND_UP)
def test_round_up_to(amount, step, expected):
    result = round_up_to(amount, step)
    assert result == expected
    assert type(result) is int


def test_round_up_to_default_step_is_ten_thousand():
    assert round_up_to(759000) == 760000
    assert round_up_to(700001) == 710000


@pytest.mark.parametrize(
    ("amount", "step", "error"),
    [
        (759000, 0, ValueError),
        (759000, -10_000, ValueError),
        (759000, 10_000.0, TypeError),
        (759000, Decimal("0.5"), ValueError),
        (759000.0, 10_000, TypeError),
        ("abc", 10_000, ValueError),
        (Decimal("NaN"), 10_000, ValueError),
        (None, 10_000, TypeError),
    ],
)
def test_round_up_to_rejects_bad_input(amount, step, error):
    with pytest.raises(error):
        round_up_to(amount, step)


# ----------------------------------------------------------------- bonus_amount

BONUS = [
    # (coefficient, base salary, multiplier, step, expected)
    ("0.3", 2_530_000, Decimal("1"), 10_000, 760_000),  # 759 000 → 760 000
    ("0.3", 2_340_000, Decimal("1"), 10_000, 710_000),  # 702 000 → 710 000
    (Decimal("0.3"), 2_340_000, Decimal("1"), 1_000, 702_000),  # step from data
    ("0.3", 2_530_000, "2", 10_000, 1_520_000),  # 1 518 000
    ("0.3", 2_530_000, Decimal("1.5"), 10_000, 1_140_000),  # 1 138 500
    ("1.5", 2_340_000, Decimal("1"), 10_000, 3_510_000),  # exact multiple
    ("0.5", 2_530_000, Decimal("1"), 10_000, 1_270_000),  # 1 265 000
    ("0.1", 2_340_000, Decimal("1"), 10_000, 240_000),  # 234 000
    ("1", 2_530_000, Decimal("1"), 10_000, 2_530_000),
    ("0", 2_530_000, Decimal("1"), 10_000, 0),
    (" 0.3 ", 2_530_000, Decimal("1"), 10_000, 760_000),
    (1, 2_340_000, 3, 10_000, 7_020_000),
    # float arithmetic would give 1 980 000.0000000002 → 1 990 000
    ("1.1", 1_800_000, Decimal("1"), 10_000, 1_980_000),
    ("1.1", 3_000_000, Decimal("1"), 10_000, 3_300_000),
]


@pytest.mark.parametrize(("coefficient", "base", "multiplier", "step", "expected"), BONUS)
def test_bonus_amount(coefficient, base, multiplier, step, expected):
    result = bonus_amount(coefficient, base, multiplier, step=step)
    assert result == expected
    assert type(result) is int


def test_bonus_amount_defaults():
    assert bonus_amount("0.3", 2_530_000) == 760_000
    assert bonus_amount(Decimal("0.3"), 2_340_000) == 710_000


@pytest.mark.parametrize(
    ("coefficient", "base", "multiplier", "error"),
    [
        (0.3, 2_530_000, Decimal("1"), TypeError),  # never a float
        ("0.3", 2_530_000, 1.5, TypeError),
        ("0.3", 2_530_000.0, Decimal("1"), TypeError),
        ("abc", 2_530_000, Decimal("1"), ValueError),
        ("0,3", 2_530_000, Decimal("1"), ValueError),
        ("-0.3", 2_530_000, Decimal("1"), ValueError),
        ("0.3", -2_530_000, Decimal("1"), ValueError),
        ("0.3", 2_530_000, "-1", ValueError),
        ("Infinity", 2_530_000, Decimal("1"), ValueError),
    ],
)
def test_bonus_amount_rejects_bad_input(coefficient, base, multiplier, error):
    with pytest.raises(error):
        bonus_amount(coefficient, base, multiplier)
