"""The council's review API and the feedback figures: queue, case, actions, report, accountability.

Written by hand because the views take and give JSON objects without a DRF serializer class
drf-spectacular could read; statuses, kinds and decisions are read from the model.
"""

from .common import content, json_body, operation, param

TAG = "participation"
PREFIX = "/api/participation"


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description):
    return json_body(description, _ref("ParticipationError"))


def _council_errors():
    return {
        "403": _error(
            "Not a council member (or signed out), or a session request without its CSRF token"
        ),
        "404": _error("No such case"),
    }


def _action(operation_id, summary, description, body_schema):
    case_id = param("case_id", "The case's id.", "integer", location="path")
    return {
        "post": {
            "tags": [TAG],
            "operationId": operation_id,
            "summary": summary,
            "description": description
            + " Send `expected_version`, the case's `version` as you read it; if someone "
            "changed the case since, the answer is 409 with `code` `stale` and the current "
            "`version`, and nothing is changed. Session (with the `X-CSRFToken` header) or "
            "`Authorization: Token …`; rate limited.",
            "parameters": [case_id],
            "requestBody": {
                "required": True,
                **content("The action", {"application/json": body_schema}),
            },
            "responses": {
                "200": json_body("The case as it now is", _ref("CouncilCaseDetail")),
                "400": _error("Bad input; `fields` names each field's problems"),
                **_council_errors(),
                "409": _error(
                    "Refused by the workflow (`code` `refused`) or stale (`code` `stale`)"
                ),
                "429": _error("Too many actions; see `Retry-After`"),
            },
        }
    }


def _choices(choices):
    return {"type": "string", "enum": [value for value, _label in choices]}


def council_paths():
    from participation.feedback.models import ReviewCase

    status = _choices(ReviewCase.Status.choices)
    version = {"type": "integer", "minimum": 0, "description": "The case's `version` as read."}
    reason = {"type": "string", "maxLength": 2000}
    nullable_id = {"type": "integer", "nullable": True}
    queue = operation(
        TAG,
        "council_cases",
        "The council's review queue",
        "Every case, deadline first, 20 a page, with the review dashboard's filters. Council "
        "members only (the dashboard's `feedback.review_case` permission).",
        [
            param(
                "kind",
                "Suggestions, complaints or poll results.",
                schema=_choices(ReviewCase.Kind.choices),
            ),
            param("status", "The case's status.", schema=status),
            param("department", "A department's id.", "integer"),
            param("committee", "A council committee's id.", "integer"),
            param("district", "A district's id.", "integer"),
            param("assignee", "A council member's account id.", "integer"),
            param("overdue", "Only open cases past their deadline.", "boolean"),
            param("page", "Page of the list (from 1).", "integer"),
        ],
        {
            "200": json_body(
                "One page of cases",
                {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer"},
                        "next": {"type": "string", "format": "uri", "nullable": True},
                        "previous": {"type": "string", "format": "uri", "nullable": True},
                        "results": {"type": "array", "items": _ref("CouncilCase")},
                    },
                },
            ),
            "400": _error("An unknown filter value"),
            "403": _council_errors()["403"],
        },
    )
    case = operation(
        TAG,
        "council_case",
        "One case with its whole history",
        "What the case is about (the citizen's text, never their contact details), every "
        "status change with who made it and why, every assignment, the official responses "
        "and the statuses it may move to now.",
        [param("case_id", "The case's id.", "integer", location="path")],
        {"200": json_body("The case", _ref("CouncilCaseDetail")), **_council_errors()},
    )
    transition = _action(
        "council_case_transition",
        "Move a case to another status",
        "Only the moves the workflow allows (`allowed_transitions`); answering goes through "
        "`answer/`.",
        {
            "type": "object",
            "required": ["to_status", "expected_version"],
            "properties": {
                "to_status": status,
                "reason": reason,
                "reason_is_public": {
                    "type": "boolean",
                    "description": "Show the reason on the public tracking page.",
                },
                "expected_version": version,
            },
        },
    )
    assign = _action(
        "council_case_assign",
        "Assign a case",
        "A department, a council committee and a council member; a field left out keeps the "
        "case's own, `null` clears it. A received or screened case given an assignee becomes "
        "assigned; an answered or closed one is refused.",
        {
            "type": "object",
            "required": ["expected_version"],
            "properties": {
                "department": nullable_id,
                "committee": nullable_id,
                "assignee": nullable_id,
                "reason": reason,
                "expected_version": version,
            },
        },
    )
    answer = _action(
        "council_case_answer",
        "Publish the official answer",
        "The response (HTML, sanitized), the decision and documents already in the media "
        "library that you may choose there; the case becomes answered and the citizen is told.",
        {
            "type": "object",
            "required": ["body", "decision", "expected_version"],
            "properties": {
                "body": {"type": "string"},
                "decision": _choices(ReviewCase.Decision.choices),
                "documents": {"type": "array", "items": {"type": "integer"}},
                "reason": reason,
                "expected_version": version,
            },
        },
    )
    report = operation(
        TAG,
        "council_monthly_report",
        "The monthly feedback report",
        "The figures of the admin's monthly report and its CSV for one Jalali month (cases "
        "received in it): counts by kind, category, district and status, median days to "
        "answer, overdue cases and their share, the most supported suggestions. Council "
        "members only.",
        [
            param(
                "year", "Jalali year; with `month`. Default: this month.", "integer", example=1405
            ),
            param("month", "Jalali month, 1 to 12.", "integer", example=7),
        ],
        {
            "200": json_body("The report", _ref("MonthlyFeedbackReport")),
            "400": _error("Not a Jalali year and month"),
            "403": _council_errors()["403"],
        },
    )
    public = operation(
        TAG,
        "feedback_accountability",
        "How the municipality answers",
        "The accountability page's figures, overall and per department, of every case so "
        "far: received, answered, overdue (answered late, or open past the deadline) and the "
        "median days to answer. Counts only; the figures are the day's.",
        responses={"200": json_body("The figures", _ref("Accountability"))},
    )
    base = f"{PREFIX}/council/cases"
    return {
        f"{base}/": queue,
        f"{base}/{{case_id}}/": case,
        f"{base}/{{case_id}}/transitions/": transition,
        f"{base}/{{case_id}}/assignment/": assign,
        f"{base}/{{case_id}}/answer/": answer,
        f"{PREFIX}/council/reports/monthly/": report,
        f"{PREFIX}/accountability/": public,
    }


_NAMED = {
    "type": "object",
    "nullable": True,
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}
_MOMENT = {"type": "string", "format": "date-time", "nullable": True}
_ROWS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"label": {"type": "string"}, "count": {"type": "integer"}},
    },
}
_FIGURES = {
    "type": "object",
    "properties": {
        "received": {"type": "integer"},
        "answered": {"type": "integer"},
        "overdue": {"type": "integer"},
        "median_days_to_answer": {"type": "number", "nullable": True},
    },
}

COUNCIL_COMPONENTS = {
    "ParticipationError": {
        "type": "object",
        "properties": {
            "error": {"type": "string", "description": "In the request's language."},
            "code": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "version": {"type": "integer", "description": "With `stale`: the case's version."},
        },
    },
    "CouncilCase": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "tracking_code": {"type": "string"},
            "kind": {"type": "string"},
            "kind_label": {"type": "string"},
            "status": {"type": "string"},
            "status_label": {"type": "string"},
            "decision": {"type": "string"},
            "version": {"type": "integer"},
            "is_public": {"type": "boolean"},
            "is_overdue": {"type": "boolean"},
            "department": _NAMED,
            "committee": _NAMED,
            "district": _NAMED,
            "assignee": _NAMED,
            "received_at": {"type": "string", "format": "date-time"},
            "due_at": _MOMENT,
            "answered_at": _MOMENT,
            "closed_at": _MOMENT,
            "allowed_transitions": {"type": "array", "items": {"type": "string"}},
        },
    },
    "CouncilCaseDetail": {
        "allOf": [
            {"$ref": "#/components/schemas/CouncilCase"},
            {
                "type": "object",
                "properties": {
                    "item": {
                        "type": "object",
                        "nullable": True,
                        "additionalProperties": True,
                        "description": "The suggestion, complaint or poll the case is about.",
                    },
                    "history": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "at": {"type": "string", "format": "date-time"},
                                "from_status": {"type": "string"},
                                "to_status": {"type": "string"},
                                "to_status_label": {"type": "string"},
                                "decision": {"type": "string"},
                                "reason": {"type": "string"},
                                "reason_is_public": {"type": "boolean"},
                                "actor": _NAMED,
                            },
                        },
                    },
                    "assignments": {
                        "type": "array",
                        "items": {"type": "object", "additionalProperties": True},
                    },
                    "responses": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "at": {"type": "string", "format": "date-time"},
                                "body": {"type": "string", "description": "HTML."},
                                "documents": {
                                    "type": "array",
                                    "items": {"type": "object", "additionalProperties": True},
                                },
                            },
                        },
                    },
                },
            },
        ]
    },
    "MonthlyFeedbackReport": {
        "type": "object",
        "properties": {
            "year": {"type": "integer"},
            "month": {"type": "integer"},
            "summary": {
                "type": "object",
                "properties": {
                    "received": {"type": "integer"},
                    "answered": {"type": "integer"},
                    "overdue": {"type": "integer"},
                    "overdue_share_percent": {"type": "number", "nullable": True},
                    "median_response_days": {"type": "number", "nullable": True},
                },
            },
            "by_kind": _ROWS,
            "by_category": _ROWS,
            "by_district": _ROWS,
            "by_status": _ROWS,
            "top_suggestions": _ROWS,
        },
    },
    "Accountability": {
        "type": "object",
        "properties": {
            "as_of": {"type": "string", "format": "date"},
            "overall": _FIGURES,
            "departments": {
                "type": "array",
                "items": {
                    "allOf": [
                        _FIGURES,
                        {
                            "type": "object",
                            "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
                        },
                    ]
                },
            },
        },
    },
}
