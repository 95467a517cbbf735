"""The hand-written part of the OpenAPI schema: every public API drf-spectacular cannot read.

Wagtail builds its serializers from each request's ``?type=`` and ``?fields=``; search, the
open data of ``cms`` (OCDS, bulk exports, council, tariffs), Open311 and the schema itself
are plain Django views. :func:`documented_paths` describes them. Lists of accepted values
(page types, search types, export names) are read from the code, so they cannot go stale.
"""

from .common import (
    JSON_OBJECT,
    content,
    operation,
    param,
)
from .council import COUNCIL_COMPONENTS, council_paths
from .open311 import open311_paths
from .open_data import open_data_paths
from .wagtail import search_paths, wagtail_paths


def _schema_paths():
    return {
        "/api/schema/": operation(
            "schema",
            "schema",
            "This OpenAPI document",
            "YAML, or JSON with `?format=json`.",
            [param("format", "`yaml` (default) or `json`.", enum=["yaml", "json"])],
            {
                "200": content(
                    "The OpenAPI 3 schema",
                    {
                        "application/vnd.oai.openapi": JSON_OBJECT,
                        "application/vnd.oai.openapi+json": JSON_OBJECT,
                    },
                )
            },
        ),
        "/api/docs/": operation(
            "schema",
            "api_docs",
            "The API documentation page",
            "This schema as a page, with an example request for every endpoint.",
            responses={"200": content("An HTML page", {"text/html": {"type": "string"}})},
        ),
    }


def documented_paths():
    """The hand-written paths: Wagtail API v2, search, open data, Open311, the council's
    review API and feedback figures, and the schema."""
    return {
        **wagtail_paths(),
        **search_paths(),
        **open_data_paths(),
        **open311_paths(),
        **council_paths(),
        **_schema_paths(),
    }


COMPONENTS = {
    "Error": {
        "type": "object",
        "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
    },
    "Listing": {
        "type": "object",
        "properties": {
            "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        },
    },
    "Item": {
        "type": "object",
        "description": "Its fields depend on the type and on `fields`.",
        "properties": {
            "id": {"type": "integer"},
            "meta": {"type": "object", "additionalProperties": True},
            "title": {"type": "string"},
        },
        "additionalProperties": True,
    },
    "SearchResults": {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "page": {"type": "integer"},
            "num_pages": {"type": "integer"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
            "facets": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": {"type": "integer"},
                },
            },
        },
    },
    "SearchHit": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "type": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "snippet": {"type": "string"},
            "date": {"type": "string", "format": "date", "nullable": True},
        },
    },
    "PopoloList": {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "next": {"type": "string", "format": "uri", "nullable": True},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            "results": {"type": "array", "items": JSON_OBJECT},
        },
    },
    "Open311Error": {
        "type": "object",
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
    },
    "Open311Service": {
        "type": "object",
        "properties": {
            "service_code": {"type": "string"},
            "service_name": {"type": "string"},
            "description": {"type": "string"},
            "metadata": {"type": "boolean"},
            "type": {"type": "string"},
            "keywords": {"type": "string", "description": "Comma separated."},
            "group": {"type": "string"},
        },
    },
    "ServiceRequest": {
        "type": "object",
        "description": "What the citizen wrote is given only once the request is public.",
        "properties": {
            "service_request_id": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "status_notes": {
                "type": "string",
                "nullable": True,
                "description": "The newest official response, else the newest public note.",
            },
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {"type": "string", "nullable": True},
            "agency_responsible": {
                "type": "string",
                "nullable": True,
                "description": "The department, and the council committee reviewing it.",
            },
            "service_notice": {"type": "string", "nullable": True},
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {
                "type": "string",
                "format": "date-time",
                "nullable": True,
                "description": "The response deadline.",
            },
            "address": {"type": "string", "nullable": True},
            "address_id": {"type": "string", "nullable": True},
            "zipcode": {"type": "string", "nullable": True},
            "lat": {"type": "number", "nullable": True},
            "long": {"type": "number", "nullable": True},
            "media_url": {"type": "string", "nullable": True},
        },
        "additionalProperties": True,
    },
    "Suggestion": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "url": {"type": "string"},
            "type": {"type": "string"},
        },
    },
    **COUNCIL_COMPONENTS,
}
