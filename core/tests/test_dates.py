"""Tests for core.dates: working days, seed holidays, dd/mm/yyyy."""

from datetime import UTC, date, datetime, timedelta

import pytest

from core.dates import (
    VN_TZ,
    add_working_days,
    format_date,
    is_working_day,
    parse_date,
    vietnamese_public_holidays,
    working_days_between,
)


def holidays(*years, substitutes=False):
    return {d for y in years for d, _ in vietnamese_public_holidays(y, include_substitute_days=substitutes)}


H2025 = holidays(2025)
H2026 = holidays(2026)
H2026_SUB = holidays(2026, substitutes=True)


def test_vn_tz():
    assert VN_TZ.key == "Asia/Ho_Chi_Minh"
    assert datetime(2026, 1, 1, tzinfo=VN_TZ).utcoffset() == timedelta(hours=7)


# ------------------------------------------------------------------ is_working_day

WORKING_DAY = [
    (date(2026, 3, 2), set(), True),  # Monday
    (date(2026, 3, 6), set(), True),  # Friday
    (date(2026, 3, 7), set(), False),  # Saturday
    (date(2026, 3, 8), set(), False),  # Sunday
    (date(2026, 3, 4), {date(2026, 3, 4)}, False),  # Wednesday, holiday
    (date(2026, 3, 4), {date(2026, 3, 5)}, True),  # another day is the holiday
    (date(2026, 2, 16), H2026, False),  # 29 tháng Chạp
    (date(2026, 2, 17), H2026, False),  # mùng 1 Tết
    (date(2026, 2, 20), H2026, False),  # mùng 4 Tết
    (date(2026, 2, 13), H2026, True),  # Friday before Tết
    (date(2026, 2, 23), H2026, True),  # Monday after Tết
    (date(2026, 4, 30), H2026, False),
    (date(2026, 5, 1), H2026, False),
    (date(2026, 4, 29), H2026, True),
    (date(2026, 4, 27), H2026, True),  # substitute day only when asked for
    (date(2026, 4, 27), H2026_SUB, False),
    (date(2026, 9, 1), H2026, False),
    (date(2026, 9, 2), H2026, False),
    (date(2026, 9, 3), H2026, True),
    (date(2026, 1, 1), [date(2026, 1, 1)], False),  # any iterable of holidays
    (date(2026, 1, 2), None, True),
]


@pytest.mark.parametrize(("day", "hols", "expected"), WORKING_DAY)
def test_is_working_day(day, hols, expected):
    assert is_working_day(day, hols) is expected


def test_is_working_day_reads_aware_datetimes_in_vietnamese_time():
    # Friday 6/3/2026 18:00 UTC is Saturday 7/3/2026 01:00 in Hà Nội.
    assert is_working_day(datetime(2026, 3, 6, 18, 0, tzinfo=UTC), set()) is False
    assert is_working_day(datetime(2026, 3, 6, 16, 0, tzinfo=UTC), set()) is True
    assert is_working_day(datetime(2026, 3, 6, 18, 0), set()) is True  # naive: as is


def test_is_working_day_rejects_non_dates():
    with pytest.raises(TypeError):
        is_working_day("2026-03-06", set())


# ---------------------------------------------------------------- add_working_days

ADD = [
    # plain weeks
    (date(2026, 3, 2), 0, set(), date(2026, 3, 2)),
    (date(2026, 3, 7), 0, set(), date(2026, 3, 7)),  # n=0 keeps even a Saturday
    (date(2026, 3, 2), 1, set(), date(2026, 3, 3)),
    (date(2026, 3, 6), 1, set(), date(2026, 3, 9)),  # Friday → Monday
    (date(2026, 3, 7), 1, set(), date(2026, 3, 9)),  # Saturday → Monday
    (date(2026, 3, 2), 5, set(), date(2026, 3, 9)),
    (date(2026, 3, 2), 10, set(), date(2026, 3, 16)),
    (date(2026, 3, 9), -1, set(), date(2026, 3, 6)),  # Monday → Friday
    (date(2026, 3, 9), -5, set(), date(2026, 3, 2)),  # 5 working days before
    (date(2026, 3, 8), -1, set(), date(2026, 3, 6)),  # Sunday → Friday
    # across Tết Bính Ngọ 2026 (16–20/2 off, plus the weekends around it)
    (date(2026, 2, 13), 1, H2026, date(2026, 2, 23)),
    (date(2026, 2, 12), 2, H2026, date(2026, 2, 23)),
    (date(2026, 2, 11), 5, H2026, date(2026, 2, 25)),
    (date(2026, 2, 23), -1, H2026, date(2026, 2, 13)),
    (date(2026, 2, 27), -5, H2026, date(2026, 2, 13)),
    (date(2026, 2, 17), 1, H2026, date(2026, 2, 23)),  # from a holiday
    (date(2026, 2, 17), -1, H2026, date(2026, 2, 13)),
    (date(2026, 2, 13), 1, set(), date(2026, 2, 16)),  # without holidays
    # across 30/4–1/5
    (date(2026, 4, 29), 1, H2026, date(2026, 5, 4)),  # Thu 30/4, Fri 1/5 off
    (date(2026, 5, 4), -1, H2026, date(2026, 4, 29)),
    (date(2026, 4, 24), 1, H2026, date(2026, 4, 27)),  # Giỗ Tổ on Sunday 26/4 ...
    (date(2026, 4, 24), 1, H2026_SUB, date(2026, 4, 28)),  # ... substituted on Monday 27/4
    (date(2025, 4, 29), 1, H2025, date(2025, 5, 2)),  # Wed 30/4, Thu 1/5 off
    (date(2025, 5, 2), -1, H2025, date(2025, 4, 29)),
    (date(2025, 4, 4), 1, H2025, date(2025, 4, 8)),  # Giỗ Tổ Monday 7/4/2025
    # across Quốc khánh 2/9
    (date(2026, 8, 31), 1, H2026, date(2026, 9, 3)),  # Tue 1/9, Wed 2/9 off
    (date(2026, 9, 3), -1, H2026, date(2026, 8, 31)),
    (date(2026, 8, 28), 3, H2026, date(2026, 9, 4)),
    (date(2025, 8, 29), 1, H2025, date(2025, 9, 3)),  # Mon 1/9, Tue 2/9 off
    (date(2025, 9, 3), -1, H2025, date(2025, 8, 29)),
    # across the new year, holidays of two years
    (date(2025, 12, 31), 1, holidays(2025, 2026), date(2026, 1, 2)),
]


@pytest.mark.parametrize(("start", "n", "hols", "expected"), ADD)
def test_add_working_days(start, n, hols, expected):
    assert add_working_days(start, n, hols) == expected


@pytest.mark.parametrize("n", [1.0, "1", True])
def test_add_working_days_rejects_non_int(n):
    with pytest.raises(TypeError):
        add_working_days(date(2026, 3, 2), n, set())


# ------------------------------------------------------------ working_days_between

BETWEEN = [
    (date(2026, 3, 2), date(2026, 3, 2), set(), 0),
    (date(2026, 3, 2), date(2026, 3, 3), set(), 1),
    (date(2026, 3, 2), date(2026, 3, 6), set(), 4),  # Mon → Fri: (Mon, Fri]
    (date(2026, 3, 6), date(2026, 3, 9), set(), 1),  # Fri → Mon
    (date(2026, 3, 7), date(2026, 3, 8), set(), 0),  # weekend only
    (date(2026, 3, 2), date(2026, 3, 9), set(), 5),
    (date(2026, 3, 9), date(2026, 3, 2), set(), -5),
    (date(2026, 3, 6), date(2026, 3, 2), set(), -4),  # [Mon, Fri)
    (date(2026, 2, 13), date(2026, 2, 23), H2026, 1),  # across Tết 2026
    (date(2026, 2, 23), date(2026, 2, 13), H2026, -1),
    (date(2026, 2, 13), date(2026, 2, 23), set(), 6),
    (date(2026, 2, 1), date(2026, 2, 28), H2026, 15),  # 20 weekdays - 5 Tết days
    (date(2026, 4, 29), date(2026, 5, 4), H2026, 1),  # across 30/4–1/5
    (date(2026, 4, 29), date(2026, 5, 4), set(), 3),
    (date(2026, 8, 31), date(2026, 9, 3), H2026, 1),  # across 2/9
    # 260 weekdays in (1/1, 31/12], minus the 9 holidays after 1/1 on weekdays
    (date(2026, 1, 1), date(2026, 12, 31), H2026, 260 - 9),
    (date(2026, 1, 1), date(2026, 12, 31), H2026_SUB, 260 - 10),  # and Monday 27/4
]


@pytest.mark.parametrize(("a", "b", "hols", "expected"), BETWEEN)
def test_working_days_between(a, b, hols, expected):
    assert working_days_between(a, b, hols) == expected


def test_between_is_the_inverse_of_add():
    start = date(2026, 1, 25)
    failures = []
    for offset in range(0, 60):
        a = start + timedelta(days=offset)
        for n in range(-12, 13):
            b = add_working_days(a, n, H2026)
            if working_days_between(a, b, H2026) != n:
                failures.append((a, n, b))
    assert failures == []


# ---------------------------------------------------------- vietnamese_public_holidays

# Mùng 1 Tết (Vietnamese lunar calendar, UTC+7).
LUNAR_NEW_YEAR = [
    (2020, date(2020, 1, 25)),
    (2021, date(2021, 2, 12)),
    (2022, date(2022, 2, 1)),
    (2023, date(2023, 1, 22)),
    (2024, date(2024, 2, 10)),
    (2025, date(2025, 1, 29)),
    (2026, date(2026, 2, 17)),
    (2027, date(2027, 2, 6)),
    (2028, date(2028, 1, 26)),
    (2029, date(2029, 2, 13)),
    (2030, date(2030, 2, 2)),  # not 3/2 as in China: new moon at 23:08 UTC+7
]


def _named(year, fragment, **kwargs):
    return [d for d, name in vietnamese_public_holidays(year, **kwargs) if fragment in name]


@pytest.mark.parametrize(("year", "expected"), LUNAR_NEW_YEAR)
def test_lunar_new_year(year, expected):
    assert _named(year, "mùng 1 tháng Giêng") == [expected]


# Statutory Tết days per the Government's announcements (2020–2026),
# else the last day of the lunar year and mùng 1–4.
TET_DAYS = [
    (2020, date(2020, 1, 23)),  # 29–30 Chạp, mùng 1–3
    (2021, date(2021, 2, 10)),
    (2022, date(2022, 1, 31)),  # last day of the year, mùng 1–4
    (2023, date(2023, 1, 20)),
    (2024, date(2024, 2, 8)),
    (2025, date(2025, 1, 27)),
    (2026, date(2026, 2, 16)),
    (2027, date(2027, 2, 5)),
    (2028, date(2028, 1, 25)),
    (2029, date(2029, 2, 12)),
    (2030, date(2030, 2, 1)),
]


@pytest.mark.parametrize(("year", "first"), TET_DAYS)
def test_tet_is_five_consecutive_days(year, first):
    assert _named(year, "Tết Nguyên đán") == [first + timedelta(days=i) for i in range(5)]


HUNG_KINGS = [
    (2020, date(2020, 4, 2)),
    (2021, date(2021, 4, 21)),
    (2022, date(2022, 4, 10)),
    (2023, date(2023, 4, 29)),
    (2024, date(2024, 4, 18)),
    (2025, date(2025, 4, 7)),
    (2026, date(2026, 4, 26)),
    (2027, date(2027, 4, 16)),
    (2028, date(2028, 4, 4)),
    (2029, date(2029, 4, 23)),
    (2030, date(2030, 4, 12)),
]


@pytest.mark.parametrize(("year", "expected"), HUNG_KINGS)
def test_hung_kings_day(year, expected):
    assert _named(year, "Giỗ Tổ Hùng Vương") == [expected]


NATIONAL_DAY = [
    (2020, [date(2020, 9, 2)]),  # Bộ luật Lao động 2012: one day
    (2021, [date(2021, 9, 2), date(2021, 9, 3)]),
    (2022, [date(2022, 9, 1), date(2022, 9, 2)]),
    (2023, [date(2023, 9, 1), date(2023, 9, 2)]),
    (2024, [date(2024, 9, 2), date(2024, 9, 3)]),
    (2025, [date(2025, 9, 1), date(2025, 9, 2)]),
    (2026, [date(2026, 9, 1), date(2026, 9, 2)]),
    (2027, [date(2027, 9, 2), date(2027, 9, 3)]),  # Thursday → Friday (default rule)
    (2028, [date(2028, 9, 1), date(2028, 9, 2)]),  # Saturday → Friday
    (2029, [date(2029, 9, 2), date(2029, 9, 3)]),  # Sunday → Monday
    (2030, [date(2030, 9, 2), date(2030, 9, 3)]),  # Monday → Tuesday
]


@pytest.mark.parametrize(("year", "expected"), NATIONAL_DAY)
def test_national_day(year, expected):
    assert _named(year, "Quốc khánh") == expected


FIXED = [
    ("Tết Dương lịch", 1, 1),
    ("Ngày Chiến thắng", 4, 30),
    ("Ngày Quốc tế lao động", 5, 1),
]


@pytest.mark.parametrize("year", range(2020, 2031))
@pytest.mark.parametrize(("name", "month", "day"), FIXED)
def test_fixed_solar_holidays(year, name, month, day):
    assert _named(year, name) == [date(year, month, day)]


@pytest.mark.parametrize("year", range(2020, 2031))
def test_holiday_list_shape(year):
    days = vietnamese_public_holidays(year)
    dates = [d for d, _ in days]
    assert dates == sorted(dates)
    assert len(set(dates)) == len(dates)
    assert all(d.year == year for d in dates)
    assert len(days) == (10 if year == 2020 else 11)
    assert date(year, 11, 24) not in dates  # Ngày Văn hóa Việt Nam: not yet in the law
    assert not any(name.startswith("Nghỉ bù") for _, name in days)


TET_LABELS = [
    (2020, ["29 tháng Chạp", "30 tháng Chạp", "mùng 1 tháng Giêng", "mùng 2 tháng Giêng", "mùng 3 tháng Giêng"]),
    (2026, ["29 tháng Chạp", "mùng 1 tháng Giêng", "mùng 2 tháng Giêng", "mùng 3 tháng Giêng", "mùng 4 tháng Giêng"]),
]


@pytest.mark.parametrize(("year", "labels"), TET_LABELS)
def test_tet_labels(year, labels):
    names = [name for _, name in vietnamese_public_holidays(year) if name.startswith("Tết Nguyên đán")]
    assert names == [f"Tết Nguyên đán ({label})" for label in labels]


def _days_off(year, first, last):
    """Days off between first and last (weekends + holidays with substitutes)."""
    hols = holidays(year, substitutes=True)
    day, off = first, []
    while day <= last:
        if not is_working_day(day, hols):
            off.append(day)
        day += timedelta(days=1)
    return off


# With substitute days, the blocks of days off the announcements listed
# (leaving out the yearly working-day swaps, which are not statutory).
ANNOUNCED_BLOCKS = [
    (2020, date(2020, 1, 23), date(2020, 1, 29)),  # Tết Canh Tý
    (2021, date(2021, 2, 10), date(2021, 2, 16)),  # Tết Tân Sửu
    (2022, date(2022, 1, 29), date(2022, 2, 6)),  # Tết Nhâm Dần
    (2022, date(2022, 4, 30), date(2022, 5, 3)),
    (2023, date(2023, 1, 20), date(2023, 1, 26)),  # Tết Quý Mão
    (2023, date(2023, 4, 29), date(2023, 5, 3)),  # Giỗ Tổ Sat, 30/4 Sun, 1/5 Mon
    (2023, date(2023, 9, 1), date(2023, 9, 4)),
    (2024, date(2024, 2, 8), date(2024, 2, 14)),  # Tết Giáp Thìn
    (2024, date(2024, 8, 31), date(2024, 9, 3)),
    (2025, date(2025, 1, 25), date(2025, 2, 2)),  # Tết Ất Tỵ
    (2025, date(2025, 8, 30), date(2025, 9, 2)),
    (2026, date(2026, 2, 14), date(2026, 2, 22)),  # Tết Bính Ngọ
    (2026, date(2026, 4, 25), date(2026, 4, 27)),  # Giỗ Tổ on Sunday
]


@pytest.mark.parametrize(("year", "first", "last"), ANNOUNCED_BLOCKS)
def test_substitute_days_reproduce_announced_blocks(year, first, last):
    expected = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    # The block, and a working day on each side of it.
    assert _days_off(year, first - timedelta(days=1), last + timedelta(days=1)) == expected


SUBSTITUTES = [
    (2020, [(date(2020, 1, 28), "Nghỉ bù Tết Nguyên đán (mùng 1 tháng Giêng)"),
            (date(2020, 1, 29), "Nghỉ bù Tết Nguyên đán (mùng 2 tháng Giêng)")]),
    (2023, [(date(2023, 1, 2), "Nghỉ bù Tết Dương lịch"),
            (date(2023, 1, 25), "Nghỉ bù Tết Nguyên đán (30 tháng Chạp)"),
            (date(2023, 1, 26), "Nghỉ bù Tết Nguyên đán (mùng 1 tháng Giêng)"),
            (date(2023, 5, 2), "Nghỉ bù Giỗ Tổ Hùng Vương (10 tháng 3 Âm lịch)"),
            (date(2023, 5, 3), "Nghỉ bù Ngày Chiến thắng"),
            (date(2023, 9, 4), "Nghỉ bù Quốc khánh")]),
    (2026, [(date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (10 tháng 3 Âm lịch)")]),
    (2025, []),
]  # fmt: skip


@pytest.mark.parametrize(("year", "expected"), SUBSTITUTES)
def test_substitute_days(year, expected):
    days = vietnamese_public_holidays(year, include_substitute_days=True)
    assert [(d, n) for d, n in days if n.startswith("Nghỉ bù")] == expected
    assert [d for d, _ in days] == sorted(d for d, _ in days)


@pytest.mark.parametrize("year", [2019, 2031, 1900])
def test_years_without_seed_data_are_rejected(year):
    with pytest.raises(ValueError, match=f"năm {year}"):
        vietnamese_public_holidays(year)


@pytest.mark.parametrize("year", ["2026", 2026.0])
def test_year_must_be_int(year):
    with pytest.raises(TypeError):
        vietnamese_public_holidays(year)


# ------------------------------------------------------------------- format/parse

FORMAT = [
    (date(2026, 2, 17), "17/02/2026"),
    (date(2026, 1, 1), "01/01/2026"),
    (date(2025, 12, 31), "31/12/2025"),
    (date(999, 3, 4), "04/03/0999"),
    (datetime(2026, 1, 31, 20, 0, tzinfo=UTC), "01/02/2026"),  # 03:00 on 1/2 in Hà Nội
    (datetime(2026, 1, 31, 20, 0), "31/01/2026"),  # naive: as is
]


@pytest.mark.parametrize(("value", "expected"), FORMAT)
def test_format_date(value, expected):
    assert format_date(value) == expected


PARSE = [
    ("17/02/2026", date(2026, 2, 17)),
    ("1/5/2026", date(2026, 5, 1)),
    ("01/5/2026", date(2026, 5, 1)),
    ("2/09/2026", date(2026, 9, 2)),
    ("2026-04-30", date(2026, 4, 30)),
    ("  30/04/2026 ", date(2026, 4, 30)),
    ("29/02/2024", date(2024, 2, 29)),  # leap year
    ("31/12/2025", date(2025, 12, 31)),
]


@pytest.mark.parametrize(("text", "expected"), PARSE)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_parse_reads_back_format():
    day = date(2026, 1, 1)
    for _ in range(400):
        assert parse_date(format_date(day)) == day
        day += timedelta(days=1)


BAD = [
    ("31/02/2026", "31/02/2026"),  # no such day
    ("29/02/2025", "29/02/2025"),  # not a leap year
    ("13/13/2026", "13/13/2026"),
    ("0/1/2026", "0/1/2026"),
    ("17/02/26", "17/02/26"),  # two-digit year
    ("2026/02/17", "2026/02/17"),
    ("2026-2-17", "2026-2-17"),
    ("17-02-2026", "17-02-2026"),
    ("17.02.2026", "17.02.2026"),
    ("02/17/2026", "02/17/2026"),  # American order
    ("17/02/2026 10:00", "17/02/2026 10:00"),
    ("hôm nay", "hôm nay"),
    ("", "(trống)"),
    ("   ", "(trống)"),
    (None, "(trống)"),
    ("١٧/٠٢/٢٠٢٦", "١٧/٠٢/٢٠٢٦"),  # non-ASCII digits
]


@pytest.mark.parametrize(("text", "shown"), BAD)
def test_parse_date_rejects_with_vietnamese_message(text, shown):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert str(info.value) == f"Ngày không hợp lệ: {shown}, hãy nhập theo dạng dd/mm/yyyy"
