"""Meetings as iCalendar: every live meeting once, stable UIDs, cancellations marked."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def calendar_events(client):
    response = client.get(reverse("council:meetings-ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_live_meetings_are_in_the_calendar_with_stable_uids(client, make_meeting):
    held = make_meeting(title="جلسه‌ی عادي ۱۱۲")
    make_meeting(title="پيش‌نويس", live=False)
    events = calendar_events(client)
    assert [str(event["summary"]) for event in events] == [held.title]
    assert event_start(events[0]) == held.start
    assert [str(e["uid"]) for e in calendar_events(client)] == [str(events[0]["uid"])]


def event_start(event):
    return event.decoded("dtstart").astimezone(datetime.UTC)


def test_cancelled_meeting_says_so(client, make_meeting):
    make_meeting(title="جلسه‌ی لغو شده", status="cancelled")
    (event,) = calendar_events(client)
    assert str(event["summary"]) != "جلسه‌ی لغو شده"
    assert "جلسه‌ی لغو شده" in str(event["summary"])


def test_calendar_queries_do_not_grow(client, make_meeting, django_assert_max_num_queries):
    def add(count):
        for n in range(count):
            make_meeting(start=timezone.now() + datetime.timedelta(days=n + 1))

    add(2)
    url = reverse("council:meetings-ics")
    client.get(url)
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    add(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
