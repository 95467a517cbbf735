"""Reading complaints as Open311 services and service requests (never any personal data)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.feedback.models import (
    Attachment,
    Complaint,
    ComplaintCategory,
    OfficialResponse,
    ReviewTransition,
)
from participation.feedback.open311.formats import (
    DEFAULT_WINDOW,
    MAX_REQUEST_IDS,
    MAX_RESULTS,
    Open311Error,
    comma_list,
    iso,
    parse_moment,
)
from participation.feedback.open311.statuses import OPEN311_STATUSES, open311_status, statuses_for
from participation.feedback.tracking import normalize
from participation.sanitize import plain_text


def notice():
    """The ``service_notice`` of a new request: where its answer will be given."""
    return _("Keep the tracking code: the answer is published on the tracking page.")


def service_list():
    """Active complaint categories as GeoReport services."""
    return [
        {
            "service_code": category.service_code,
            "service_name": category.name,
            "description": plain_text(category.description),
            "metadata": False,
            "type": "realtime",
            "keywords": ",".join(category.keywords_list()),
            "group": category.group_name(),
        }
        for category in ComplaintCategory.objects.filter(is_active=True).select_related(
            "department"
        )
    ]


@dataclass
class RequestQuery:
    """The filters of a requests.json search."""

    ids: list = field(default_factory=list)
    service_codes: list = field(default_factory=list)
    start: object = None
    end: object = None
    statuses: list = field(default_factory=list)

    @classmethod
    def from_params(cls, params):
        """Read and check the query string; a bad value is refused with a 400."""
        query = cls(
            ids=comma_list(params.get("service_request_id", "")),
            service_codes=comma_list(params.get("service_code", "")),
            statuses=comma_list(params.get("status", "")),
        )
        if len(query.ids) > MAX_REQUEST_IDS:
            raise Open311Error(
                400,
                _("Ask for at most %(count)s service request ids at once.")
                % {"count": MAX_REQUEST_IDS},
            )
        unknown = set(query.statuses) - set(OPEN311_STATUSES)
        if unknown:
            raise Open311Error(400, _("status must be open or closed (or both, comma separated)."))
        if params.get("start_date"):
            query.start = parse_moment(params["start_date"], "start_date")
        if params.get("end_date"):
            query.end = parse_moment(params["end_date"], "end_date")
        query.window()
        return query

    def window(self):
        """[start, end) of the search: the last 90 days unless given; at most 90 days."""
        start, end = self.start, self.end
        if start is None and end is None:
            end = timezone.now()
        if start is None:
            start = end - DEFAULT_WINDOW
        if end is None:
            end = start + DEFAULT_WINDOW
        if end < start:
            raise Open311Error(400, _("end_date must not be before start_date."))
        if end - start > DEFAULT_WINDOW:
            raise Open311Error(400, _("start_date and end_date may not span more than 90 days."))
        return start, end


def _complaints(query):
    complaints = (
        Complaint.objects.select_related("category", "case__department", "case__committee")
        .prefetch_related(
            Prefetch(
                "case__responses",
                queryset=OfficialResponse.objects.order_by("-published_at", "-pk"),
                to_attr="newest_responses",
            ),
            Prefetch(
                "case__transitions",
                queryset=ReviewTransition.objects.filter(note_is_public=True)
                .exclude(reason="")
                .order_by("-at", "-pk"),
                to_attr="public_notes",
            ),
            Prefetch(
                "case__attachments",
                queryset=Attachment.objects.filter(is_public=True),
                to_attr="public_attachments",
            ),
        )
        .order_by("-case__received_at", "-pk")
    )
    if query.ids:
        # The ids override every other filter (the spec's rule); whoever holds a tracking
        # code may look its request up, public or not.
        return complaints.filter(case__tracking_code__in=[normalize(code) for code in query.ids])
    # A search lists only the requests the council has made public.
    start, end = query.window()
    complaints = complaints.filter(
        case__is_public=True, case__received_at__gte=start, case__received_at__lt=end
    )
    if query.service_codes:
        complaints = complaints.filter(category__service_code__in=query.service_codes)
    if query.statuses:
        complaints = complaints.filter(case__status__in=statuses_for(query.statuses))
    return complaints


def request_list(query, *, one=False):
    """The service requests matching ``query`` (newest first, at most 1,000)."""
    rows = [service_request(complaint) for complaint in _complaints(query)[:MAX_RESULTS]]
    if one and not rows:
        raise Open311Error(404, _("There is no service request with this id."))
    return rows


def _status_notes(case):
    """The newest official response, else the newest public note of a status change."""
    if case.newest_responses:
        return plain_text(case.newest_responses[0].body).strip()
    if case.public_notes:
        return plain_text(case.public_notes[0].reason).strip()
    return None


def _agency(case):
    """Who answers the request: its department, and the council committee reviewing it."""
    names = [body.name for body in (case.department, case.committee) if body is not None]
    return " / ".join(names) or None


def _coordinate(value):
    return float(value) if value is not None else None


def service_request(complaint):
    """One complaint in the spec's fields: tracking code as id, nothing about the citizen.

    What the citizen wrote (description, address, point, media) is shown only once the
    council has made the case public; category, status and dates always are.
    """
    case = complaint.case
    public = case.is_public
    media = case.public_attachments[0] if public and case.public_attachments else None
    return {
        "service_request_id": case.tracking_code,
        "status": open311_status(case.status),
        "status_notes": _status_notes(case),
        "service_name": complaint.category.name,
        "service_code": complaint.category.service_code,
        "description": plain_text(complaint.description) if public else None,
        "agency_responsible": _agency(case),
        "service_notice": None,
        "requested_datetime": iso(case.received_at),
        "updated_datetime": iso(case.updated_at),
        "expected_datetime": iso(case.due_at),
        "address": (complaint.address or None) if public else None,
        "address_id": None,
        "zipcode": None,
        "lat": _coordinate(complaint.latitude) if public else None,
        "long": _coordinate(complaint.longitude) if public else None,
        "media_url": media.file.url if media else None,
    }
