"""Jalali calendar helpers: reading dates in either calendar and any digits, year ranges."""

import datetime

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms import jalali


@pytest.mark.parametrize(
    "text",
    [
        "1403/02/12",
        "1403-2-12",
        "1403.02.12",
        "۱۴۰۳/۰۲/۱۲",
        "١٤٠٣/٠٢/١٢",
        "  ۱۴۰۳/2/١٢ ",
        "2024-05-01",
        "۲۰۲۴-۰۵-۰۱",
    ],
)
def test_parse_date_reads_both_calendars_in_any_digits(text):
    assert jalali.parse_date(text) == datetime.date(2024, 5, 1)


def test_parse_date_reads_nowruz_as_the_first_of_farvardin():
    assert jalali.parse_date("1403/01/01") == datetime.date(2024, 3, 20)


def test_parse_date_reads_the_leap_day_of_a_leap_jalali_year():
    assert jalali.parse_date("۱۴۰۳/۱۲/۳۰") == datetime.date(2025, 3, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1699/01/01", datetime.date(2320, 3, 21)),  # the last year read as Jalali
        ("1700/01/01", datetime.date(1700, 1, 1)),  # the first year read as Gregorian
    ],
)
def test_parse_date_switches_calendar_at_year_1700(text, expected):
    assert jalali.parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1402/12/30",  # 1402 is not a leap year
        "1403/13/01",
        "1403/00/10",
        "1403/07/31",  # Mehr has 30 days
        "2023-02-29",
        "2024-13-01",
        "",
        "فردا",
        "1403/02",
        "03/02/12",
        "1403/02/12 10:00",
        "۱۴۰۳٫۰۲٫۱۲",
    ],
)
def test_parse_date_refuses_what_is_not_a_real_date(text):
    with pytest.raises(ValueError):
        jalali.parse_date(text)


def test_parse_date_error_names_the_bad_text():
    with pytest.raises(ValueError, match="فردا"):
        jalali.parse_date("فردا")


def test_jalali_year_range_runs_from_nowruz_to_the_next_nowruz():
    assert jalali.jalali_year_range(1403) == (
        datetime.date(2024, 3, 20),
        datetime.date(2025, 3, 21),
    )


@pytest.mark.parametrize(
    ("date", "year"),
    [
        (datetime.date(2024, 3, 19), 1402),
        (datetime.date(2024, 3, 20), 1403),
        (datetime.date(2025, 3, 20), 1403),
        (datetime.date(2025, 3, 21), 1404),
    ],
)
def test_jalali_year_of_changes_at_nowruz(date, year):
    assert jalali.jalali_year_of(date) == year


def test_digits_convert_both_ways():
    assert jalali.to_persian_digits("1403/02/12") == "۱۴۰۳/۰۲/۱۲"
    assert jalali.to_ascii_digits("۱۴۰۳ و ١٤٠٣") == "1403 و 1403"
    assert jalali.to_persian_digits(1403) == "۱۴۰۳"


# Properties


JALALI_DAYS = st.dates(min_value=datetime.date(1921, 3, 21), max_value=datetime.date(2320, 3, 20))
DIGITS = st.sampled_from(
    [
        str,
        jalali.to_persian_digits,
        lambda text: text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    ]
)


@given(JALALI_DAYS, st.sampled_from("/-."), DIGITS, st.booleans())
def test_any_jalali_date_written_out_reads_back_as_the_same_day(day, separator, digits, padded):
    j = jdatetime.date.fromgregorian(date=day)
    width = 2 if padded else 1
    text = separator.join([f"{j.year:04d}", f"{j.month:0{width}d}", f"{j.day:0{width}d}"])
    assert jalali.parse_date(digits(text)) == day


@given(st.dates(min_value=datetime.date(1700, 1, 1), max_value=datetime.date(9999, 12, 31)), DIGITS)
def test_any_iso_date_from_1700_reads_back_as_itself(day, digits):
    assert jalali.parse_date(digits(day.isoformat())) == day


@given(st.integers(min_value=1300, max_value=1500))
def test_consecutive_jalali_years_tile_the_calendar(year):
    start, end = jalali.jalali_year_range(year)
    assert jalali.jalali_year_range(year + 1)[0] == end
    assert jalali.jalali_year_of(start) == year
    assert jalali.jalali_year_of(end - datetime.timedelta(days=1)) == year
    assert (end - start).days in (365, 366)
