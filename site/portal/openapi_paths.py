"""The hand-written part of the OpenAPI schema: every public API drf-spectacular cannot read.

Wagtail builds its serializers from each request's ``?type=`` and ``?fields=``; search, the
open data of ``cms`` (OCDS, bulk exports, council, tariffs), Open311 and the schema itself
are plain Django views. :func:`documented_paths` describes them. Lists of accepted values
(page types, search types, export names) are read from the code, so they cannot go stale.
"""

from django.conf import settings


def _param(name, description, schema_type="string", location="query", required=False, **extra):
    return {
        "name": name,
        "in": location,
        "required": required or location == "path",
        "description": description,
        "schema": {"type": schema_type, **extra.pop("schema", {})},
        **extra,
    }


def _ok(description, schema_ref):
    return {"200": _content(description, {"application/json": {"$ref": schema_ref}})}


def _content(description, schemas):
    """A response (or request body) with one schema per media type."""
    return {
        "description": description,
        "content": {media_type: {"schema": schema} for media_type, schema in schemas.items()},
    }


def _get(tag, operation_id, summary, description, parameters=(), responses=None):
    """A path item with one GET operation."""
    return {
        "get": {
            "tags": [tag],
            "operationId": operation_id,
            "summary": summary,
            "description": description,
            "parameters": list(parameters),
            "responses": responses,
        }
    }


ERROR = {"$ref": "#/components/schemas/Error"}
BAD_REQUEST = {"description": "Bad input", "content": {"application/json": {"schema": ERROR}}}
NOT_FOUND = {"description": "No such item", "content": {"application/json": {"schema": ERROR}}}

PAGE = _param("page", "Page of the list (from 1).", "integer", example=1)
NOT_FOUND_PAGE = {"description": "No such item"}
JSON_OBJECT = {"type": "object", "additionalProperties": True}
CSV = {"type": "string", "description": "UTF-8 with a byte order mark; a header row."}


def _json(description, schema=JSON_OBJECT):
    return _content(description, {"application/json": schema})


PAGINATION = [
    _param("limit", "Items per response (at most 100).", "integer", example=20),
    _param("offset", "Items to skip.", "integer", example=0),
]
LISTING_COMMON = [
    *PAGINATION,
    _param(
        "fields", "Fields to add (comma separated; `*` for all, `-name` to drop one).", example="*"
    ),
    _param(
        "order",
        "Field to sort by; `-field` descending, `random` shuffles.",
        example="-first_published_at",
    ),
    _param("search", "Full-text search within this listing."),
]


def _page_filters():
    """Filters of the pages listing; ``type`` names every page model (Wagtail accepts any)."""
    from wagtail.models import Page, get_page_models

    labels = sorted(model._meta.label for model in get_page_models() if model is not Page)
    return [
        _param(
            "type",
            "Page types, as `app.Model`, comma separated: "
            + ", ".join(f"`{label}`" for label in labels)
            + ".",
            example="cms.TenderPage",
        ),
        _param("locale", "Language of the pages: `fa` or `en`.", example="fa"),
        _param("translation_of", "Translations of the page with this id.", "integer"),
        _param("child_of", "Children of the page with this id.", "integer"),
        _param("descendant_of", "Descendants of the page with this id.", "integer"),
        _param("ancestor_of", "Ancestors of the page with this id.", "integer"),
        _param("tags", "Pages having all these tags (comma separated).", example="شفافیت"),
        _param("search_operator", "`and` or `or` between search words.", enum=["and", "or"]),
    ]


def _search_types():
    """The public type names search accepts, in its facet order."""
    from search.content import TYPE_NAMES

    return list(TYPE_NAMES.values())


ID = _param("id", "The item's id.", "integer", location="path")
FIND_BY_ID = _param("id", "The item's id.", "integer")
FIND_BY_PATH = _param("html_path", "The page's path on the site.", example="/news/")


def _wagtail_endpoint(tag, what, filters, find_by):
    """The listing, detail and find paths of one Wagtail API v2 endpoint."""
    listing = _get(
        tag,
        f"{tag}_list",
        f"List {what}",
        f"Published {what}, newest first unless `order` says otherwise. "
        "Any field of the type can filter the listing: `?status=open`.",
        [*LISTING_COMMON, *filters],
        {**_ok(f"A page of {what}", "#/components/schemas/Listing"), "400": BAD_REQUEST},
    )
    detail = _get(
        tag,
        f"{tag}_detail",
        f"One of the {what}",
        f"Every field of one of the {what}.",
        [ID, _param("fields", "Fields to add or drop.")],
        {**_ok("The item", "#/components/schemas/Item"), "404": NOT_FOUND},
    )
    find = _get(
        tag,
        f"{tag}_find",
        f"Find one of the {what}",
        "Redirects to the API detail of the item found.",
        find_by,
        {"302": {"description": "Redirect to the item's API detail"}, "404": NOT_FOUND},
    )
    return listing, detail, find


def _search_paths():
    language = _param("lang", "Language searched: `fa` (default) or `en`.", example="fa")
    search = _get(
        "search",
        "search",
        "Search all published content",
        "Results of one language, best first, with counts per type, tag, Jalali year and "
        "district. Snippets are escaped HTML with `<mark>` around matches.",
        [
            _param(
                "q",
                "Words to search for (at most 200 characters).",
                required=True,
                example="آسفالت",
            ),
            language,
            _param(
                "type",
                "Content type: " + ", ".join(f"`{name}`" for name in _search_types()) + ".",
                example="tender",
            ),
            _param("tag", "Only pages with this tag."),
            _param("year", "Jalali year, e.g. 1403.", "integer", example=1403),
            _param("district", "Municipal district number.", "integer"),
            _param("page", "Page of results (10 a page).", "integer", example=1),
        ],
        {**_ok("Results", "#/components/schemas/SearchResults"), "400": BAD_REQUEST},
    )
    suggest = _get(
        "search",
        "search_suggest",
        "Suggest titles as someone types",
        "Up to eight published pages whose title words start like `q`.",
        [_param("q", "The beginning of some words.", required=True, example="بودج"), language],
        {
            "200": _json(
                "Suggestions",
                {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
            ),
            "400": BAD_REQUEST,
        },
    )
    return {"/api/search/": search, "/api/search/suggest/": suggest}


def _ocds_paths():
    ocid = _param("ocid", "The process's OCID (the publisher's prefix and an id).", location="path")
    release_package = _json(
        "An OCDS 1.1 release package, with `links.next` and `links.prev` between pages"
    )
    record_package = _json("An OCDS 1.1 record package, with `links` between pages")
    return {
        "/api/ocds/releases/": _get(
            "ocds",
            "ocds_releases",
            "List the releases of every tender",
            f"A release for each publication of a tender that changed it, oldest first, "
            f"{settings.SHAFAF_OCDS_PAGE_SIZE} a page.",
            [
                _param(
                    "since",
                    "From the start of this day (2024-05-01 or 1403/02/12, Tehran time), or "
                    "from this ISO 8601 moment.",
                    example="1403/01/01",
                ),
                _param("until", "Up to the end of this day, or up to this ISO 8601 moment."),
                PAGE,
            ],
            {"200": release_package, "400": BAD_REQUEST},
        ),
        "/api/ocds/releases.json": _get(
            "ocds",
            "ocds_releases_bulk",
            "Download every release",
            "Every release in one release package, oldest first, as a file.",
            responses={"200": _json("An OCDS 1.1 release package")},
        ),
        "/api/ocds/releases/{ocid}/": _get(
            "ocds",
            "ocds_release_detail",
            "The releases of one contracting process",
            "Every release of one tender, oldest first.",
            [ocid],
            {"200": _json("An OCDS 1.1 release package"), "404": NOT_FOUND_PAGE},
        ),
        "/api/ocds/records/": _get(
            "ocds",
            "ocds_records",
            "List the records of every tender",
            f"One record per published tender (its releases and compiled release), "
            f"{settings.SHAFAF_OCDS_PAGE_SIZE} a page.",
            [PAGE],
            {"200": record_package},
        ),
        "/api/ocds/records/{ocid}/": _get(
            "ocds",
            "ocds_record_detail",
            "The record of one contracting process",
            "The releases and the compiled release of one tender.",
            [ocid],
            {"200": _json("An OCDS 1.1 record package"), "404": NOT_FOUND_PAGE},
        ),
    }


def _export_paths():
    from cms.exports.datasets import DATASETS

    return {
        "/api/exports/": _get(
            "exports",
            "exports_index",
            "List the bulk downloads",
            "Every dataset with its columns and its CSV and JSON addresses, and the licence.",
            responses={"200": _json("The datasets, the licence and how to read the files")},
        ),
        "/api/exports/{name}.{fmt}": _get(
            "exports",
            "exports_download",
            "Download one dataset",
            "Every published row of one dataset in both languages, as CSV or JSON.",
            [
                _param("name", "The dataset.", location="path", schema={"enum": list(DATASETS)}),
                _param(
                    "fmt", "The file format.", location="path", schema={"enum": ["csv", "json"]}
                ),
            ],
            {
                "200": _content("The dataset", {"text/csv": CSV, "application/json": JSON_OBJECT}),
                "404": NOT_FOUND_PAGE,
            },
        ),
    }


def _council_paths():
    from cms.council.api import PAGE_SIZE

    paths = {
        "/api/council/popolo.json": _get(
            "council",
            "council_popolo",
            "The whole council as Popolo JSON",
            "Persons, organizations, memberships, posts, events, motions and vote events.",
            responses={"200": _json("A Popolo document")},
        ),
        "/api/council/meetings.ics": _get(
            "council",
            "council_meetings_calendar",
            "Council meetings as a calendar",
            "The newest meetings of every language, past and upcoming, as iCalendar.",
            responses={"200": _content("An iCalendar file", {"text/calendar": {"type": "string"}})},
        ),
    }
    lists = [
        ("persons", "council members"),
        ("organizations", "the council and its committees"),
        ("motions", "motions"),
        ("vote_events", "votes on motions"),
    ]
    for name, what in lists:
        paths[f"/api/council/{name}/"] = _get(
            "council",
            f"council_{name}",
            f"List {what}",
            f"Popolo objects of {what}, {PAGE_SIZE} a page.",
            [PAGE],
            {"200": _json(f"A page of {what}", {"$ref": "#/components/schemas/PopoloList"})},
        )
    return paths


def _tariff_paths():
    year = _param("year", "Jalali fiscal year.", "integer", location="path", example=1403)
    return {
        "/api/services/tariffs/{year}.json": _get(
            "services",
            "services_tariffs_json",
            "A year's tariffs as JSON",
            "Every fee of a published tariff table: code, title, unit, amount (IRR), legal "
            "basis, effective date.",
            [year],
            {"200": _json("The tariff table"), "404": NOT_FOUND_PAGE},
        ),
        "/api/services/tariffs/{year}.csv": _get(
            "services",
            "services_tariffs_csv",
            "A year's tariffs as CSV",
            "The same fees as the JSON, one row each.",
            [year],
            {"200": _content("The tariff table", {"text/csv": CSV}), "404": NOT_FOUND_PAGE},
        ),
    }


def _poll_results_csv_path():
    poll_id = _param("poll_id", "The poll's id.", "integer", location="path")
    return {
        "/api/participation/polls/{poll_id}/results.csv": _get(
            "participation",
            "participation_poll_results_csv",
            "A poll's full results as CSV",
            "For council members and staff signed in to the site, whatever the public may see.",
            [poll_id],
            {
                "200": _content("The results", {"text/csv": CSV}),
                "403": {"description": "Not allowed to see every result"},
                "404": NOT_FOUND_PAGE,
            },
        )
    }


def open_data_paths():
    """The plain-Django open data of cms and participation: OCDS, exports, council, tariffs."""
    return {
        **_ocds_paths(),
        **_export_paths(),
        **_council_paths(),
        **_tariff_paths(),
        **_poll_results_csv_path(),
    }


def open311_paths():
    """Open311 GeoReport v2 (JSON): services, searching and submitting service requests."""
    from participation.feedback.open311.formats import (
        DEFAULT_WINDOW,
        MAX_REQUEST_IDS,
        MAX_RESULTS,
    )

    open311_error = _json(
        "Refused; `code` repeats the HTTP status",
        {"type": "array", "items": {"$ref": "#/components/schemas/Open311Error"}},
    )
    requests = _json(
        "Service requests",
        {"type": "array", "items": {"$ref": "#/components/schemas/ServiceRequest"}},
    )
    search = _get(
        "open311",
        "open311_requests",
        "Search service requests",
        f"Public requests, newest first (at most {MAX_RESULTS}), of the last "
        f"{DEFAULT_WINDOW.days} days unless dates are given; `service_request_id` overrides "
        "the other filters.",
        [
            _param(
                "service_request_id",
                f"Tracking codes, comma separated (at most {MAX_REQUEST_IDS}).",
            ),
            _param("service_code", "Services, comma separated."),
            _param("start_date", "From this moment (ISO 8601).", example="2025-01-01T00:00:00"),
            _param(
                "end_date",
                f"Before this moment (ISO 8601); at most {DEFAULT_WINDOW.days} days after "
                "the start.",
            ),
            _param("status", "`open`, `closed` or both, comma separated.", example="open"),
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
            "201": _json("The new request's tracking code and notice", {"type": "array"}),
            "400": open311_error,
            "403": open311_error,
            "429": open311_error,
        },
    }
    return {
        "/open311/v2/services.json": _get(
            "open311",
            "open311_services",
            "List the services",
            "Every active complaint category as a GeoReport service.",
            responses={
                "200": _json(
                    "Services",
                    {"type": "array", "items": {"$ref": "#/components/schemas/Open311Service"}},
                )
            },
        ),
        "/open311/v2/requests.json": {**search, "post": submit},
        "/open311/v2/requests/{service_request_id}.json": _get(
            "open311",
            "open311_request",
            "One service request",
            "A list of one request, as the spec has it; found by its tracking code.",
            [_param("service_request_id", "The tracking code.", location="path")],
            {"200": requests, "404": open311_error, "429": open311_error},
        ),
    }


def _schema_paths():
    return {
        "/api/schema/": _get(
            "schema",
            "schema",
            "This OpenAPI document",
            "YAML, or JSON with `?format=json`.",
            [_param("format", "`yaml` (default) or `json`.", enum=["yaml", "json"])],
            {
                "200": _content(
                    "The OpenAPI 3 schema",
                    {
                        "application/vnd.oai.openapi": JSON_OBJECT,
                        "application/vnd.oai.openapi+json": JSON_OBJECT,
                    },
                )
            },
        ),
        "/api/docs/": _get(
            "schema",
            "api_docs",
            "The API documentation page",
            "This schema as a page, with an example request for every endpoint.",
            responses={"200": _content("An HTML page", {"text/html": {"type": "string"}})},
        ),
    }


def documented_paths():
    """The hand-written paths: Wagtail API v2, search, open data, Open311 and the schema."""
    paths = {}
    endpoints = [
        ("pages", "pages", _page_filters(), (FIND_BY_PATH, FIND_BY_ID)),
        ("documents", "documents", (), (FIND_BY_ID,)),
        ("images", "images", (), (FIND_BY_ID,)),
        ("districts", "municipal districts", (), (FIND_BY_ID,)),
        ("departments", "municipal departments", (), (FIND_BY_ID,)),
    ]
    for tag, what, filters, find_by in endpoints:
        listing, detail, find = _wagtail_endpoint(tag, what, filters, find_by)
        paths[f"/api/v2/{tag}/"] = listing
        paths[f"/api/v2/{tag}/{{id}}/"] = detail
        paths[f"/api/v2/{tag}/find/"] = find
    paths.update(_search_paths())
    paths.update(open_data_paths())
    paths.update(open311_paths())
    paths.update(_schema_paths())
    return paths


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
            "status_notes": {"type": "string", "nullable": True},
            "service_name": {"type": "string"},
            "service_code": {"type": "string"},
            "description": {"type": "string", "nullable": True},
            "agency_responsible": {"type": "string", "nullable": True},
            "requested_datetime": {"type": "string", "format": "date-time"},
            "updated_datetime": {"type": "string", "format": "date-time"},
            "expected_datetime": {"type": "string", "format": "date-time", "nullable": True},
            "address": {"type": "string", "nullable": True},
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
}
