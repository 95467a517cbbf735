"""Open311 GeoReport v2 (JSON): services, searching and submitting service requests."""

from .common import (
    json_body,
    operation,
    param,
)


def open311_paths():
    """Open311 GeoReport v2 (JSON): services, searching and submitting service requests."""
    from participation.feedback.open311.formats import (
        DEFAULT_WINDOW,
        MAX_REQUEST_IDS,
        MAX_RESULTS,
    )

    open311_error = json_body(
        "Refused; `code` repeats the HTTP status",
        {"type": "array", "items": {"$ref": "#/components/schemas/Open311Error"}},
    )
    requests = json_body(
        "Service requests",
        {"type": "array", "items": {"$ref": "#/components/schemas/ServiceRequest"}},
    )
    search = operation(
        "open311",
        "open311_requests",
        "Search service requests",
        f"Public requests, newest first (at most {MAX_RESULTS}), of the last "
        f"{DEFAULT_WINDOW.days} days unless dates are given; `service_request_id` overrides "
        "the other filters.",
        [
            param(
                "service_request_id",
                f"Tracking codes, comma separated (at most {MAX_REQUEST_IDS}).",
            ),
            param("service_code", "Services, comma separated."),
            param("start_date", "From this moment (ISO 8601).", example="2025-01-01T00:00:00"),
            param(
                "end_date",
                f"Before this moment (ISO 8601); at most {DEFAULT_WINDOW.days} days after "
                "the start.",
            ),
            param("status", "`open`, `closed` or both, comma separated.", example="open"),
        ],
        {"200": requests, "400": open311_error, "429": open311_error},
    )
    form = {
        "type": "object",
        "required": ["api_key", "service_code"],
        "properties": {
            "api_key": {"type": "string", "description": "The client system's key."},
            "service_code": {"type": "string"},
            "lat": {"type": "number"},
            "long": {"type": "number"},
            "address_string": {
                "type": "string",
                "description": "Required when `lat` and `long` are not given.",
            },
            "description": {"type": "string"},
            "media": {"type": "string", "format": "binary"},
        },
    }
    submit = {
        "tags": ["open311"],
        "operationId": "open311_request_submit",
        "summary": "Submit a service request",
        "description": "For client systems with an `api_key`; the answer gives the tracking "
        "code as `service_request_id`. Personal fields of the spec are ignored.",
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {"schema": form},
                "multipart/form-data": {"schema": form},
            },
        },
        "responses": {
            "201": json_body("The new request's tracking code and notice", {"type": "array"}),
            "400": open311_error,
            "403": open311_error,
            "429": open311_error,
        },
    }
    return {
        "/open311/v2/services.json": operation(
            "open311",
            "open311_services",
            "List the services",
            "Every active complaint category as a GeoReport service.",
            responses={
                "200": json_body(
                    "Services",
                    {"type": "array", "items": {"$ref": "#/components/schemas/Open311Service"}},
                )
            },
        ),
        "/open311/v2/requests.json": {**search, "post": submit},
        "/open311/v2/requests/{service_request_id}.json": operation(
            "open311",
            "open311_request",
            "One service request",
            "A list of one request, as the spec has it; found by its tracking code.",
            [param("service_request_id", "The tracking code.", location="path")],
            {"200": requests, "404": open311_error, "429": open311_error},
        ),
    }
