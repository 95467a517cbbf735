"""The wire details of GeoReport v2: dates, error bodies, and query values."""

import datetime

from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

# The spec's limits on a requests.json search.
MAX_RESULTS = 1000
DEFAULT_WINDOW = datetime.timedelta(days=90)
# Ours on a lookup by ids: each id is a tracking code to check, charged to the "track" rate
# limit, so a long list could only be guessing.
MAX_REQUEST_IDS = 10


class Open311Error(Exception):
    """A refusal the spec's way: ``[{"code": <HTTP status>, "description": "..."}]``."""

    def __init__(self, status, description):
        super().__init__(description)
        self.status = status
        self.description = str(description)

    def response(self):
        return error_response(self.status, self.description)


def error_response(status, description):
    """The spec's error body, whose ``code`` repeats the HTTP status."""
    return JsonResponse(
        [{"code": status, "description": str(description)}], status=status, safe=False
    )


def iso(moment):
    """ISO 8601 with the offset, in the site's time zone (the spec's w3 datetime), or None."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def parse_moment(value, name):
    """A w3 datetime (``2026-01-02T10:00:00+03:30``, or a bare date) as an aware datetime.

    A value without an offset is read in the site's time zone; a bare date means its start.
    """
    moment = parse_datetime(value)
    if moment is None:
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise Open311Error(
                400,
                _("%(name)s must be a date and time in ISO 8601 (W3C) format.") % {"name": name},
            ) from None
        moment = datetime.datetime.combine(day, datetime.time())
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def comma_list(value):
    """``"a,b, c"`` → ``["a", "b", "c"]``: the spec's way of giving several values."""
    return [part.strip() for part in value.split(",") if part.strip()]
