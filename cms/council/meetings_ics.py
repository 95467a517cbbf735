"""Council meetings as an iCalendar feed (``/api/council/meetings.ics``), through cms.ical."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms import ical

from .models import MeetingPage


def meeting_item(meeting, request=None):
    """The CalendarItem of a meeting; a cancelled one says so in its title."""
    summary = meeting.title
    if meeting.status == MeetingPage.Status.CANCELLED:
        summary = _("Cancelled: %(title)s") % {"title": meeting.title}
    return ical.CalendarItem(
        uid=ical.uid_for(
            "council-meeting", f"{meeting.translation_key}-{meeting.locale.language_code}"
        ),
        start=meeting.start,
        end=meeting.end,
        summary=summary,
        description=meeting.summary,
        location=meeting.location,
        url=meeting.get_full_url(request=request) or "",
        stamp=meeting.last_published_at,
    )


@require_GET
def meetings_calendar(request):
    """The newest meetings of every language, past and upcoming."""
    meetings = (
        MeetingPage.objects.live()
        .public()
        .select_related("locale")
        .order_by("-start")[: ical.CALENDAR_SIZE]
    )
    return ical.calendar_response(
        [meeting_item(meeting, request) for meeting in meetings],
        _("City council meetings"),
        "council-meetings.ics",
    )
