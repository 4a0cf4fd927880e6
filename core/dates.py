"""Dates: Vietnamese time zone, working days, default public holidays, dd/mm/yyyy.

Working days are Monday–Friday minus the holidays passed in; the app keeps
holidays in a table an administrator edits, and ``vietnamese_public_holidays``
only supplies the seed rows for it.
"""

import re
from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "VN_TZ",
    "add_working_days",
    "format_date",
    "is_working_day",
    "parse_date",
    "vietnamese_public_holidays",
    "working_days_between",
]

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_ONE_DAY = timedelta(days=1)


def _as_date(day) -> date:
    """A date; an aware datetime is first converted to Vietnamese time."""
    if isinstance(day, datetime):
        if day.tzinfo is not None:
            day = day.astimezone(VN_TZ)
        return day.date()
    if isinstance(day, date):
        return day
    raise TypeError(f"expected a date, got {type(day).__name__}")


def _holiday_set(holidays: Iterable[date] | None) -> Collection[date]:
    if holidays is None:
        return frozenset()
    if isinstance(holidays, (set, frozenset)):
        return holidays
    return frozenset(holidays)


# ---------------------------------------------------------------- working days


def is_working_day(day: date, holidays: Iterable[date] | None) -> bool:
    """Monday to Friday and not one of ``holidays``."""
    day = _as_date(day)
    return day.weekday() < 5 and day not in _holiday_set(holidays)


def add_working_days(start: date, n: int, holidays: Iterable[date] | None) -> date:
    """The n-th working day after ``start`` (before it if n < 0).

    ``start`` itself is never counted, so "5 working days before d" is
    ``add_working_days(d, -5, holidays)`` and n = 0 returns ``start`` as is.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, not {type(n).__name__}")
    day = _as_date(start)
    holidays = _holiday_set(holidays)
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if day.weekday() < 5 and day not in holidays:
            remaining -= 1
    return day


def working_days_between(a: date, b: date, holidays: Iterable[date] | None) -> int:
    """Signed count of working days from ``a`` to ``b``.

    For b ≥ a: the working days in (a, b] — ``a`` excluded, ``b`` included.
    For b < a: minus the working days in [b, a).
    It is the inverse of ``add_working_days``: if b = add_working_days(a, n)
    then working_days_between(a, b) == n.
    """
    a, b = _as_date(a), _as_date(b)
    holidays = _holiday_set(holidays)
    sign = 1
    if b < a:
        # Working days in [b, a) are those in (b - 1, a - 1].
        a, b, sign = b - _ONE_DAY, a - _ONE_DAY, -1
    count = 0
    day = a + _ONE_DAY
    while day <= b:
        if day.weekday() < 5 and day not in holidays:
            count += 1
        day += _ONE_DAY
    return sign * count


# ------------------------------------------------------------- public holidays
#
# SEED DATA ONLY. The app stores holidays in a table an administrator edits;
# these values fill it once. Lunar dates are hard-coded, not computed.
#
# Law: Bộ luật Lao động 2019, Điều 112 khoản 1 (in force since 1/1/2021):
# Tết Dương lịch 1 day (1/1); Tết Âm lịch 5 days; Ngày Chiến thắng 1 day (30/4);
# Ngày Quốc tế lao động 1 day (1/5); Quốc khánh 2 days (2/9 and one adjacent
# day, before or after); Giỗ Tổ Hùng Vương 1 day (10/3 âm lịch).
# Before 2021 (Bộ luật Lao động 2012) Quốc khánh was 2/9 only.
#
# Not included:
# * Ngày Văn hóa Việt Nam (24/11): Nghị quyết 80-NQ/TW of the Politburo
#   (January 2026) chose it as a paid day off, and Nghị quyết 30/NQ-CP (2026)
#   tasks the Government with amending Điều 112 khoản 1; until that amendment
#   is in force it is not a statutory holiday. Add it through the table then.
# * Working days swapped for civil servants (e.g. 2026: Fri 2/1 ↔ Sat 10/1,
#   Mon 31/8 ↔ Sat 22/8): decided yearly, not statutory; enter them in the table.
# * Substitute days (nghỉ bù, Điều 111 khoản 3) unless asked for, see below.

# Vietnamese lunar new year (mùng 1 tháng Giêng), computed for UTC+7 (the
# Vietnamese calendar; it differs from the Chinese UTC+8 one in 2030, when the
# new moon falls at 23:08 on 2 February in Hà Nội but after midnight in
# Beijing: Tết Canh Tuất is Saturday 2/2/2030, Chinese New Year 3/2/2030).
# Each entry: (mùng 1 Tết, days in the last month of the previous lunar year
# (tháng Chạp, 29 or 30), how many of the 5 statutory days fall before mùng 1).
# The last figure follows the Government's announcement for 2020–2026; for
# 2027–2030 there is none yet, and the default is 1 (the last day of the lunar
# year plus mùng 1–4).
_TET: dict[int, tuple[date, int, int]] = {
    2020: (date(2020, 1, 25), 30, 2),  # off 23/1–29/1/2020, incl. 2 substitute days
    2021: (date(2021, 2, 12), 30, 2),  # off 10/2–16/2/2021, incl. 2 substitute days
    2022: (date(2022, 2, 1), 29, 1),  # off 29/1–6/2/2022 with weekends
    2023: (date(2023, 1, 22), 30, 2),  # off 20/1–26/1/2023, incl. 2 substitute days
    2024: (date(2024, 2, 10), 30, 2),  # off 8/2–14/2/2024, incl. 2 substitute days
    2025: (date(2025, 1, 29), 29, 2),  # off 25/1–2/2/2025 with weekends
    2026: (date(2026, 2, 17), 29, 1),  # off 14/2–22/2/2026 with weekends
    2027: (date(2027, 2, 6), 29, 1),
    2028: (date(2028, 1, 26), 29, 1),
    2029: (date(2029, 2, 13), 29, 1),
    2030: (date(2030, 2, 2), 29, 1),
}

# Giỗ Tổ Hùng Vương, 10 tháng 3 âm lịch (UTC+7 lunar calendar).
_HUNG_KINGS: dict[int, date] = {
    2020: date(2020, 4, 2),
    2021: date(2021, 4, 21),
    2022: date(2022, 4, 10),
    2023: date(2023, 4, 29),
    2024: date(2024, 4, 18),
    2025: date(2025, 4, 7),
    2026: date(2026, 4, 26),
    2027: date(2027, 4, 16),
    2028: date(2028, 4, 4),
    2029: date(2029, 4, 23),
    2030: date(2030, 4, 12),
}

# The day adjacent to 2/9 chosen by the Government's announcement.
_NATIONAL_DAY_ADJACENT: dict[int, date] = {
    2021: date(2021, 9, 3),
    2022: date(2022, 9, 1),
    2023: date(2023, 9, 1),
    2024: date(2024, 9, 3),
    2025: date(2025, 9, 1),
    2026: date(2026, 9, 1),
}

FIRST_SEED_YEAR = min(_TET)
LAST_SEED_YEAR = max(_TET)


def _national_day_adjacent(year: int) -> date:
    """Announced adjacent day, else the one that joins 2/9 to a weekend.

    The default reproduces every announcement of 2021–2026: 2/9 on a Monday or
    Thursday → 3/9; on a Tuesday, Wednesday, Friday or Saturday → 1/9; on a
    Sunday → 3/9 (with 1/9 the substitute days would land on the same dates).
    """
    if year in _NATIONAL_DAY_ADJACENT:
        return _NATIONAL_DAY_ADJACENT[year]
    national_day = date(year, 9, 2)
    after = national_day.weekday() in (0, 3, 6)
    return national_day + (_ONE_DAY if after else -_ONE_DAY)


def _tet_days(year: int) -> list[tuple[date, str]]:
    new_year, chap_length, days_before = _TET[year]
    days = []
    for offset in range(-days_before, 5 - days_before):
        if offset < 0:
            label = f"{chap_length + 1 + offset} tháng Chạp"
        else:
            label = f"mùng {offset + 1} tháng Giêng"
        days.append((new_year + timedelta(days=offset), f"Tết Nguyên đán ({label})"))
    return days


def vietnamese_public_holidays(
    year: int, *, include_substitute_days: bool = False
) -> list[tuple[date, str]]:
    """Seed list of (date, name) for the statutory holidays of ``year``, by date.

    Only 2020–2030 are known (lunar dates are a fixed table): other years
    raise ValueError.

    With ``include_substitute_days``, each holiday that falls on a Saturday or
    Sunday also gives a substitute day (nghỉ bù, Bộ luật Lao động Điều 111
    khoản 3) on the next Monday–Friday that is not already a day off, named
    "Nghỉ bù <holiday>" — the days the announcements list as "nghỉ bù".
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, not {type(year).__name__}")
    if year not in _TET:
        raise ValueError(
            f"Chưa có dữ liệu ngày nghỉ lễ cho năm {year} "
            f"(chỉ có {FIRST_SEED_YEAR}–{LAST_SEED_YEAR}); hãy nhập trực tiếp vào bảng ngày nghỉ"
        )
    days = [(date(year, 1, 1), "Tết Dương lịch")]
    days += _tet_days(year)
    days.append((_HUNG_KINGS[year], "Giỗ Tổ Hùng Vương (10 tháng 3 Âm lịch)"))
    days.append((date(year, 4, 30), "Ngày Chiến thắng"))
    days.append((date(year, 5, 1), "Ngày Quốc tế lao động"))
    days.append((date(year, 9, 2), "Quốc khánh"))
    if year >= 2021:
        days.append((_national_day_adjacent(year), "Quốc khánh (ngày liền kề)"))
    days.sort()
    if include_substitute_days:
        off = {d for d, _ in days}
        substitutes = []
        for day, name in days:
            if day.weekday() < 5:
                continue
            sub = day + _ONE_DAY
            while sub.weekday() >= 5 or sub in off:
                sub += _ONE_DAY
            off.add(sub)
            substitutes.append((sub, f"Nghỉ bù {name}"))
        days = sorted(days + substitutes)
    return days


# --------------------------------------------------------------- text formats

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def format_date(d: date) -> str:
    """dd/mm/yyyy; an aware datetime is shown in Vietnamese time."""
    d = _as_date(d)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date(text: str) -> date:
    """Parse "dd/mm/yyyy", "d/m/yyyy" or "yyyy-mm-dd" (surrounding spaces allowed).

    Anything else — including impossible dates such as 31/02/2026 — raises
    ValueError with a message for the user.
    """
    cleaned = text.strip() if isinstance(text, str) else ""
    if match := _DMY.fullmatch(cleaned):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(cleaned):
        year, month, day = (int(g) for g in match.groups())
    else:
        year = month = day = None
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            pass
    if isinstance(text, str) or text is None:
        shown = cleaned or "(trống)"
    else:
        shown = str(text)
    raise ValueError(f"Ngày không hợp lệ: {shown}, hãy nhập theo dạng dd/mm/yyyy")
