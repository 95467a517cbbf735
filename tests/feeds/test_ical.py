"""Events as iCalendar (RFC 5545): the section's calendar and one file per event."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from cms.ical import CalendarItem, calendar_response
from tests.conftest import XSS

pytestmark = pytest.mark.django_db

TEHRAN_10_30 = timezone.make_aware(datetime.datetime(2024, 5, 1, 10, 30))  # 07:00 UTC


def events_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    return calendar.walk("VEVENT")


def test_event_calendar_has_the_event_in_utc(client, make_event):
    event = make_event(
        title="نشست هم‌اندیشی بودجه‌ي محله",
        summary=f"گفت‌وگو با شهروندان {XSS}",
        start=TEHRAN_10_30,
        end=TEHRAN_10_30 + datetime.timedelta(hours=2),
        place="تالار شهر",
        address="خیابان آزادی",
    )
    response = client.get(event.url + "ical/")
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    (vevent,) = events_of(response)
    assert vevent.decoded("DTSTART") == datetime.datetime(2024, 5, 1, 7, 0, tzinfo=datetime.UTC)
    assert vevent.decoded("DTEND") == datetime.datetime(2024, 5, 1, 9, 0, tzinfo=datetime.UTC)
    assert b"DTSTART:20240501T070000Z" in response.content
    assert str(vevent["SUMMARY"]) == "نشست هم‌اندیشی بودجه‌ي محله"
    # Plain text, carried as it is: calendars do not render HTML.
    assert str(vevent["DESCRIPTION"]) == f"گفت‌وگو با شهروندان {XSS}"
    assert str(vevent["LOCATION"]) == "تالار شهر, خیابان آزادی"
    assert str(vevent["URL"]) == event.full_url
    assert vevent["DTSTAMP"]


def test_uid_is_the_same_on_every_download(client, make_event):
    event = make_event()
    first = events_of(client.get(event.url + "ical/"))[0]["UID"]
    event.title = "عنوان تازه"
    event.save_revision().publish()
    second = events_of(client.get(event.url + "ical/"))[0]["UID"]
    assert first == second and "@" in first


def test_section_calendar_lists_live_events_only(client, event_index, make_event):
    shown = [make_event(), make_event()]
    make_event(live=False)
    events = events_of(client.get(event_index.url + "ical/"))
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(e.title for e in shown)
    assert len({str(e["UID"]) for e in events}) == 2


def test_section_calendar_costs_the_same_queries_at_any_length(
    client, event_index, make_event, django_assert_max_num_queries
):
    make_event()
    make_event()
    client.get(event_index.url + "ical/")
    with django_assert_max_num_queries(12) as small:
        client.get(event_index.url + "ical/")
    for _ in range(15):
        make_event()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(event_index.url + "ical/")
    assert len(events_of(response)) == 17


def test_calendar_response_serves_any_items(rf):
    """What other apps (council meetings) build on: items in, an .ics file out."""
    item = CalendarItem(
        uid="meeting-7@example.org",
        start=TEHRAN_10_30,
        end=None,
        summary="جلسه‌ی علنی شورا",
        location="ساختمان شورا",
        url="https://example.org/council/7/",
    )
    response = calendar_response([item], "جلسات شورا", "جلسات.ics")
    (vevent,) = events_of(response)
    assert str(vevent["UID"]) == "meeting-7@example.org"
    assert "DTEND" not in vevent
    assert "filename*=utf-8''" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "جلسات شورا"


def test_events_section_offers_its_calendar_for_discovery(client, event_index):
    links = {link["type"]: link["url"] for link in event_index.feed_links()}
    assert links["text/calendar"] == event_index.url + "ical/"
    assert client.get(links["text/calendar"]).status_code == 200
