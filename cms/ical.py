"""iCalendar (RFC 5545) files: a section's events, one event, or any dated items.

``calendar_response(items, name)`` is the one way to serve a calendar: give it
:class:`CalendarItem` objects (events here, council meetings elsewhere) and a file name.
Times are written in UTC; each item's UID stays the same across downloads, so calendar
applications that subscribe update an event instead of adding it twice.
"""

import dataclasses
import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT_ID = "-//Shafaf//Municipal transparency portal//FA"
#: Newest events in a section's calendar; older ones drop off rather than growing forever.
CALENDAR_SIZE = 200


@dataclasses.dataclass
class CalendarItem:
    """One event of a calendar. ``start`` and ``end`` are aware datetimes (``end`` optional)."""

    uid: str
    start: datetime.datetime
    end: datetime.datetime | None
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    #: When this description of the event last changed (DTSTAMP); the download time if None.
    stamp: datetime.datetime | None = None


def uid_for(kind, key):
    """A UID that names one item for good: ``<kind>-<key>@<the portal's host>``."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"{kind}-{key}@{host}"


def _utc(value):
    return value.astimezone(datetime.UTC)


def build_calendar(items, name):
    """An ``icalendar.Calendar`` named ``name`` with one VEVENT per item."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    now = timezone.now()
    for item in items:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", _utc(item.stamp or now))
        event.add("dtstart", _utc(item.start))
        if item.end:
            event.add("dtend", _utc(item.end))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    return calendar


def calendar_response(items, name, filename=None):
    """An ``.ics`` download of ``items`` (CalendarItem), titled ``name``.

    ``filename`` defaults to ``calendar.ics``; non-ASCII names are sent as RFC 6266 allows.
    """
    response = HttpResponse(build_calendar(items, name).to_ical(), content_type=CONTENT_TYPE)
    response.headers["Content-Disposition"] = content_disposition_header(
        True, filename or "calendar.ics"
    )
    return response


def event_item(event, request=None):
    """The CalendarItem of an EventPage (one per language: the UID includes the locale)."""
    location = ", ".join(part for part in (event.place, event.address) if part)
    return CalendarItem(
        uid=uid_for("event", f"{event.translation_key}-{event.locale.language_code}"),
        start=event.start,
        end=event.end,
        summary=event.title,
        description=event.summary,
        location=location,
        url=event.get_full_url(request=request) or "",
        stamp=event.last_published_at,
    )
