"""Response deadlines in working days: weekends and Iran's public holidays do not count.

Settings:

- ``SHAFAF_WEEKEND``: weekday numbers (Python's, Monday 0) that are not worked; default
  ``(4,)``, Friday. Offices closed on Thursday too set ``(3, 4)``.
- ``SHAFAF_HOLIDAYS``: holidays, each either ``"MM-DD"`` (a Jalali month and day, every year:
  Nowruz ``01-01``..``01-04``, ``01-12``, ``01-13``, ``03-14``, ``03-15``, ``11-22``, ``12-29``)
  or ``"YYYY-MM-DD"`` (one Gregorian date, for lunar holidays that move every year).
"""

import datetime
from functools import lru_cache

import jdatetime
from django.conf import settings
from django.utils import timezone

DEFAULT_WEEKEND = (4,)
DEFAULT_HOLIDAYS = (
    "01-01", "01-02", "01-03", "01-04", "01-12", "01-13",
    "03-14", "03-15", "11-22", "12-29",
)  # fmt: skip


@lru_cache(maxsize=8)
def _parse(holidays):
    jalali, gregorian = set(), set()
    for entry in holidays:
        parts = entry.split("-")
        if len(parts) == 2:
            jalali.add((int(parts[0]), int(parts[1])))
        else:
            gregorian.add(datetime.date.fromisoformat(entry))
    return frozenset(jalali), frozenset(gregorian)


def is_working_day(day):
    """True when ``day`` (a date) is neither a weekend day nor a holiday."""
    if day.weekday() in tuple(getattr(settings, "SHAFAF_WEEKEND", DEFAULT_WEEKEND)):
        return False
    jalali, gregorian = _parse(tuple(getattr(settings, "SHAFAF_HOLIDAYS", DEFAULT_HOLIDAYS)))
    if day in gregorian:
        return False
    persian = jdatetime.date.fromgregorian(date=day)
    return (persian.month, persian.day) not in jalali


def add_working_days(start, working_days):
    """The moment ``working_days`` working days after ``start`` (aware), at the same local time.

    Counting starts the day after ``start``: a case received on a Thursday with one working
    day is due on Saturday (Friday is the weekend).
    """
    local = timezone.localtime(start)
    day = local.date()
    remaining = working_days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    moment = datetime.datetime.combine(day, local.time().replace(tzinfo=None))
    return timezone.make_aware(moment, timezone.get_current_timezone())


def response_deadline(received_at, working_days):
    """When the answer to something received at ``received_at`` is due (end of that day).

    The deadline is the end of the last working day, so a reply sent that evening is on time.
    """
    due = add_working_days(received_at, working_days)
    end = datetime.datetime.combine(timezone.localtime(due).date(), datetime.time(23, 59, 59))
    return timezone.make_aware(end, timezone.get_current_timezone())
