"""Working-day deadlines: Fridays, Nowruz and other Jalali holidays, lunar holidays by date."""

import datetime
from zoneinfo import ZoneInfo

import jdatetime
import pytest

from participation.feedback import deadlines

TEHRAN = ZoneInfo("Asia/Tehran")


def tehran(*args):
    return datetime.datetime(*args, tzinfo=TEHRAN)


def local_day(moment):
    return moment.astimezone(TEHRAN).date()


def test_nowruz_and_friday_are_skipped():
    # Wednesday 1404/12/27; Friday 12/29 and Nowruz 1405/01/01-04 are not worked.
    received = tehran(2026, 3, 18, 10, 0)
    due = deadlines.response_deadline(received, 3)
    assert local_day(due) == datetime.date(2026, 3, 26)  # Thursday 1405/01/06
    assert jdatetime.date.fromgregorian(date=local_day(due)) == jdatetime.date(1405, 1, 6)
    assert due.astimezone(TEHRAN).time() == datetime.time(23, 59, 59)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (datetime.date(2026, 3, 19), True),  # Thursday
        (datetime.date(2026, 3, 20), False),  # Friday (and 12/29)
        (datetime.date(2026, 3, 21), False),  # 1 Farvardin
        (datetime.date(2026, 3, 24), False),  # 4 Farvardin
        (datetime.date(2026, 3, 25), True),  # 5 Farvardin
        (datetime.date(2026, 4, 1), False),  # 12 Farvardin
        (datetime.date(2026, 4, 2), False),  # 13 Farvardin
        (jdatetime.date(1405, 3, 14).togregorian(), False),
        (jdatetime.date(1405, 11, 22).togregorian(), False),
    ],
)
def test_working_days(day, working):
    assert deadlines.is_working_day(day) is working


def test_thursday_can_be_a_weekend_too(settings):
    settings.SHAFAF_WEEKEND = (3, 4)
    due = deadlines.response_deadline(tehran(2026, 3, 18, 10, 0), 3)
    assert local_day(due) == datetime.date(2026, 3, 29)


def test_lunar_holidays_are_given_as_gregorian_dates(settings):
    settings.SHAFAF_HOLIDAYS = [*deadlines.DEFAULT_HOLIDAYS, "2026-03-25"]
    due = deadlines.response_deadline(tehran(2026, 3, 18, 10, 0), 3)
    assert local_day(due) == datetime.date(2026, 3, 28)


def test_add_working_days_keeps_the_time_of_day():
    start = tehran(2026, 5, 4, 9, 30)  # Monday
    assert deadlines.add_working_days(start, 4) == tehran(2026, 5, 9, 9, 30)  # Saturday
