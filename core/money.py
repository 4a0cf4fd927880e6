"""Money in đồng: amounts in Vietnamese words, display format, bonus rounding.

Reading conventions for ``amount_in_words`` (those of Vietnamese accounting
software and of the "Số tiền bằng chữ" line on official documents):

* Digits: không một hai ba bốn năm sáu bảy tám chín; groups of three digits
  are "nghìn" (10³), "triệu" (10⁶), "tỷ" (10⁹). Above a tỷ the count of tỷ
  is read as a number of its own: 10¹² → "một nghìn tỷ", 10¹⁸ → "một tỷ tỷ".
* Tens: 10 → "mười", 20–90 → "hai mươi" … "chín mươi".
* Units after a ten:
    - 1 → "mốt" after "mươi" (21 → "hai mươi mốt") but "một" after "mười"
      (11 → "mười một");
    - 4 → "tư" after "mươi" (24 → "hai mươi tư") but "bốn" after "mười"
      (14 → "mười bốn"); we write "tư" consistently for every x4 with x ≥ 2
      (34 → "ba mươi tư" …), as MISA-style accounting software does;
    - 5 → "lăm" after "mười"/"mươi" (15 → "mười lăm", 25 → "hai mươi lăm").
* A zero tens digit followed by a non-zero unit inside a hundreds reading is
  "linh" (northern usage; the south says "lẻ"): 101 → "một trăm linh một",
  105 → "một trăm linh năm", 104 → "một trăm linh bốn" ("năm"/"bốn"/"một"
  keep their plain form after "linh").
* Groups that are entirely zero are skipped: 1 000 000 000 → "một tỷ".
* Only the leading group is read short (15 000 → "mười lăm nghìn"); every
  following non-zero group is read with its three digits, so a zero hundreds
  digit is said aloud: 1 005 → "một nghìn không trăm linh năm",
  1 000 001 → "một triệu không trăm linh một",
  5 050 000 → "năm triệu không trăm năm mươi nghìn".
* The result starts with a capital letter and ends in " đồng";
  0 → "Không đồng".

All arithmetic here is on ``int`` and ``Decimal``; floats are refused, since a
float cannot hold 0.3 exactly.
"""

from decimal import Decimal, Inexact, InvalidOperation, localcontext

__all__ = ["amount_in_words", "bonus_amount", "format_money", "round_up_to"]

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Names of the groups below a tỷ, most significant first.
_GROUPS = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))
_TY = 10**9


def _require_int(value, name: str) -> int:
    """``value`` as an int; integral Decimals are accepted, floats and bools are not."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, not bool")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise ValueError(f"{name} must be a whole number of đồng, got {value}")
        return int(value)
    raise TypeError(f"{name} must be an integer, not {type(value).__name__}")


def _to_decimal(value, name: str) -> Decimal:
    """``value`` (Decimal, int or numeric str) as a finite Decimal; floats are refused."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number, not bool")
    if isinstance(value, float):
        raise TypeError(f"{name} must be a Decimal, int or str, never a float")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{name} is not a number: {value!r}") from None
    else:
        raise TypeError(f"{name} must be a Decimal, int or str, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{name} must be finite, got {value!r}")
    return result


def _units_after_tens(tens: int, units: int) -> str:
    if tens == 1:
        return "lăm" if units == 5 else _DIGITS[units]
    # tens >= 2, after "mươi"
    return {1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units])


def _read_triple(n: int, full: bool) -> list[str]:
    """Words for 1 ≤ n ≤ 999; ``full`` reads a zero hundreds digit ("không trăm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
    else:
        words += ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
        if units:
            words.append(_units_after_tens(tens, units))
    return words


def _read_below_ty(n: int, leading: bool) -> list[str]:
    """Words for 1 ≤ n < 10⁹; ``leading`` if nothing more significant precedes it."""
    words: list[str] = []
    for size, name in _GROUPS:
        group = (n // size) % 1000
        if not group:
            continue
        words += _read_triple(group, full=not (leading and not words))
        if name:
            words.append(name)
    return words


def _read(n: int) -> list[str]:
    """Words for n ≥ 1."""
    if n < _TY:
        return _read_below_ty(n, leading=True)
    count_of_ty, rest = divmod(n, _TY)
    words = _read(count_of_ty) + ["tỷ"]
    if rest:
        words += _read_below_ty(rest, leading=False)
    return words


def amount_in_words(amount: int) -> str:
    """Vietnamese words for ``amount`` đồng: 760000 → "Bảy trăm sáu mươi nghìn đồng"."""
    amount = _require_int(amount, "amount")
    if amount < 0:
        raise ValueError(f"amount must not be negative, got {amount}")
    text = " ".join(_read(amount)) if amount else _DIGITS[0]
    return text[0].upper() + text[1:] + " đồng"


def format_money(amount: int) -> str:
    """191360000 → "191.360.000 đ" (dots between thousands, as Vietnamese documents write)."""
    amount = _require_int(amount, "amount")
    return f"{amount:,}".replace(",", ".") + " đ"


def round_up_to(amount, step: int = 10_000) -> int:
    """Round ``amount`` UP (towards +∞) to a multiple of ``step``: 759000 → 760000.

    ``amount`` may be an int, a Decimal or a numeric str (never a float); the
    rounding is exact whatever the number of digits. An amount that is already
    a multiple is kept: 700000 → 700000. ``step`` is a positive whole number
    of đồng, so the rule ("nearest 10,000") can come from data.
    """
    step = _require_int(step, "step")
    if step <= 0:
        raise ValueError(f"step must be positive, got {step}")
    numerator, denominator = _to_decimal(amount, "amount").as_integer_ratio()
    quotient = -(-numerator // (denominator * step))  # ceiling division
    return quotient * step


def bonus_amount(
    coefficient: Decimal | str,
    base_salary: int,
    multiplier: Decimal | str = Decimal("1"),
    step: int = 10_000,
) -> int:
    """coefficient × base_salary × multiplier, rounded UP to a multiple of ``step``.

    0.3 × 2 530 000 = 759 000 → 760 000; 0.3 × 2 340 000 = 702 000 → 710 000.
    The product is computed in Decimal with a trap on any rounding, so it is
    exact; floats are refused (0.3 is not representable as a float).
    """
    coefficient = _to_decimal(coefficient, "coefficient")
    base = _require_int(base_salary, "base_salary")
    multiplier = _to_decimal(multiplier, "multiplier")
    for name, value in (("coefficient", coefficient), ("base_salary", base), ("multiplier", multiplier)):
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    with localcontext() as ctx:
        # Enough digits for any realistic product; raise rather than round silently.
        ctx.prec = 100
        ctx.traps[Inexact] = True
        product = coefficient * base * multiplier
    return round_up_to(product, step)
