"""GeoReport v2 endpoints: services.json, requests.json (GET and POST), requests/<id>.json."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from participation import ratelimit
from participation.feedback.open311 import clients, formats, reading, submitting
from participation.feedback.open311.formats import Open311Error


def _json(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _too_many(refusal):
    response = formats.error_response(429, refusal.message)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def _charge_lookups(request, count):
    """Count ``count`` tracking-code lookups against the "track" limit.

    An id is a tracking code, and whoever holds one sees its request, public or not; each id
    costs what one lookup on /track/ costs, so codes cannot be guessed faster here.
    """
    for _ in range(count):
        ratelimit.check(request, "track")


@require_GET
def services_json(request):
    """Every active complaint category as an Open311 service."""
    return _json(reading.service_list())


@csrf_exempt  # called by other systems with an api_key, never with a browser session
@require_http_methods(["GET", "POST"])
def requests_json(request):
    """GET searches service requests; POST submits one (api_key required)."""
    try:
        if request.method == "POST":
            return _submit(request)
        query = reading.RequestQuery.from_params(request.GET)
        _charge_lookups(request, len(query.ids))
        return _json(reading.request_list(query))
    except Open311Error as refusal:
        return refusal.response()
    except ratelimit.RateLimited as refusal:
        return _too_many(refusal)


def _submit(request):
    client = clients.client_for_key(request.POST.get("api_key", ""))
    ratelimit.check(_as_client(request, client), "open311")
    complaint = submitting.submit(request.POST, request.FILES, client=client)
    return _json(
        [{"service_request_id": complaint.case.tracking_code, "service_notice": reading.notice()}],
        status=201,
    )


def _as_client(request, client):
    """The request as seen by the rate limit: the API client's account, not the session."""
    request.user = client
    return request


@require_GET
def request_detail_json(request, service_request_id):
    """One service request, as a list of one (the spec's shape)."""
    try:
        _charge_lookups(request, 1)
        return _json(reading.request_list(reading.RequestQuery(ids=[service_request_id]), one=True))
    except Open311Error as refusal:
        return refusal.response()
    except ratelimit.RateLimited as refusal:
        return _too_many(refusal)
