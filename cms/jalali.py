"""Jalali (Solar Hijri) calendar helpers: parsing, year ranges and Persian digits."""

import datetime
import re

import jdatetime

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_ASCII = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)

_DATE_PATTERN = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")

# Years before this are read as Jalali (1300-1499), after it as Gregorian (1900-2199).
_GREGORIAN_FROM = 1700


def to_ascii_digits(text):
    return str(text).translate(_TO_ASCII)


def to_persian_digits(text):
    return str(text).translate(_TO_PERSIAN)


def parse_date(value):
    """Read ``2024-05-01`` or Jalali ``1403/02/12`` (any digits) as a Gregorian date.

    Raises ValueError with a reason when the text is not a real date.
    """
    match = _DATE_PATTERN.match(to_ascii_digits(value))
    if not match:
        raise ValueError(f"not a date (expected YYYY-MM-DD or Jalali YYYY/MM/DD): {value!r}")
    year, month, day = (int(part) for part in match.groups())
    if year >= _GREGORIAN_FROM:
        return datetime.date(year, month, day)
    return jdatetime.date(year, month, day).togregorian()


def jalali_year_range(jalali_year):
    """The Gregorian dates [first, next first) of Farvardin 1 of a Jalali year."""
    start = jdatetime.date(jalali_year, 1, 1).togregorian()
    end = jdatetime.date(jalali_year + 1, 1, 1).togregorian()
    return start, end


def jalali_year_of(date):
    return jdatetime.date.fromgregorian(date=date).year
