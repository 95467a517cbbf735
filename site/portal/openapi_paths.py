"""The hand-written part of the OpenAPI schema: Wagtail's API v2 and the search API.

Wagtail builds its serializers from each request's ``?type=`` and ``?fields=``, and the search
API is plain Django, so neither can be introspected; :func:`documented_paths` describes them.
"""


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
    return {
        "200": {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": schema_ref}}},
        }
    }


ERROR = {"$ref": "#/components/schemas/Error"}
BAD_REQUEST = {"description": "Bad input", "content": {"application/json": {"schema": ERROR}}}
NOT_FOUND = {"description": "No such item", "content": {"application/json": {"schema": ERROR}}}

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
PAGE_FILTERS = [
    _param(
        "type",
        "Page type, as `app.Model`: cms.NewsPage, cms.EventPage, cms.LawPage, "
        "cms.TenderPage, cms.ProjectPage, cms.BudgetPage, participation.PollPage.",
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
ID = _param("id", "The item's id.", "integer", location="path")


def _wagtail_endpoint(tag, what, filters=(), detail_extra=None):
    """The listing and detail paths of one Wagtail API v2 endpoint."""
    listing = {
        "get": {
            "tags": [tag],
            "operationId": f"{tag}_list",
            "summary": f"List {what}",
            "description": f"Published {what}, newest first unless `order` says otherwise. "
            "Any field of the type can filter the listing: `?status=open`.",
            "parameters": [*LISTING_COMMON, *filters],
            "responses": {
                **_ok(f"A page of {what}", "#/components/schemas/Listing"),
                "400": BAD_REQUEST,
            },
        }
    }
    detail = {
        "get": {
            "tags": [tag],
            "operationId": f"{tag}_detail",
            "summary": f"One of the {what}",
            "description": f"Every field of one of the {what}.",
            "parameters": [ID, _param("fields", "Fields to add or drop.")],
            "responses": {
                **_ok("The item", "#/components/schemas/Item"),
                "404": NOT_FOUND,
                **(detail_extra or {}),
            },
        }
    }
    return listing, detail


def _search_paths():
    search = {
        "get": {
            "tags": ["search"],
            "operationId": "search",
            "summary": "Search all published content",
            "description": "Results of one language, best first, with counts per type, tag, "
            "Jalali year and district. Snippets are escaped HTML with `<mark>` around matches.",
            "parameters": [
                _param(
                    "q",
                    "Words to search for (at most 200 characters).",
                    required=True,
                    example="آسفالت",
                ),
                _param("lang", "Language searched: `fa` (default) or `en`.", example="fa"),
                _param(
                    "type",
                    "news, event, law, tender, project, budget, poll or page.",
                    example="tender",
                ),
                _param("tag", "Only pages with this tag."),
                _param("year", "Jalali year, e.g. 1403.", "integer", example=1403),
                _param("district", "Municipal district number.", "integer"),
                _param("page", "Page of results (10 a page).", "integer", example=1),
            ],
            "responses": {
                **_ok("Results", "#/components/schemas/SearchResults"),
                "400": BAD_REQUEST,
            },
        }
    }
    suggest = {
        "get": {
            "tags": ["search"],
            "operationId": "search_suggest",
            "summary": "Suggest titles as someone types",
            "description": "Up to eight published pages whose title words start like `q`.",
            "parameters": [
                _param("q", "The beginning of some words.", required=True, example="بودج"),
                _param("lang", "Language searched: `fa` (default) or `en`.", example="fa"),
            ],
            "responses": {
                "200": {
                    "description": "Suggestions",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Suggestion"},
                            }
                        }
                    },
                },
                "400": BAD_REQUEST,
            },
        }
    }
    return {"/api/search/": search, "/api/search/suggest/": suggest}


def documented_paths():
    """The hand-written paths: Wagtail API v2 (pages, documents, images, districts, departments), search."""
    paths = {}
    endpoints = [
        ("pages", "pages", PAGE_FILTERS),
        ("documents", "documents", ()),
        ("images", "images", ()),
        ("districts", "municipal districts", ()),
        ("departments", "municipal departments", ()),
    ]
    for tag, what, filters in endpoints:
        listing, detail = _wagtail_endpoint(tag, what, filters)
        paths[f"/api/v2/{tag}/"] = listing
        paths[f"/api/v2/{tag}/{{id}}/"] = detail
    paths["/api/v2/pages/find/"] = {
        "get": {
            "tags": ["pages"],
            "operationId": "pages_find",
            "summary": "Find a page by its address",
            "description": "Redirects to the page served at `html_path` on the site.",
            "parameters": [
                _param("html_path", "The page's path on the site.", required=True, example="/news/")
            ],
            "responses": {
                "302": {"description": "Redirect to the page's API detail"},
                "404": NOT_FOUND,
            },
        }
    }
    paths.update(_search_paths())
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
