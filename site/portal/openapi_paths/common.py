"""Building blocks of the hand-written OpenAPI paths: parameters, responses, operations."""


def param(name, description, schema_type="string", location="query", required=False, **extra):
    return {
        "name": name,
        "in": location,
        "required": required or location == "path",
        "description": description,
        "schema": {"type": schema_type, **extra.pop("schema", {})},
        **extra,
    }


def ok(description, schema_ref):
    return {"200": content(description, {"application/json": {"$ref": schema_ref}})}


def content(description, schemas):
    """A response (or request body) with one schema per media type."""
    return {
        "description": description,
        "content": {media_type: {"schema": schema} for media_type, schema in schemas.items()},
    }


def operation(tag, operation_id, summary, description, parameters=(), responses=None):
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

PAGE = param("page", "Page of the list (from 1).", "integer", example=1)
NOT_FOUND_PAGE = {"description": "No such item"}
JSON_OBJECT = {"type": "object", "additionalProperties": True}
CSV = {"type": "string", "description": "UTF-8 with a byte order mark; a header row."}


def json_body(description, schema=JSON_OBJECT):
    return content(description, {"application/json": schema})


PAGINATION = [
    param("limit", "Items per response (at most 100).", "integer", example=20),
    param("offset", "Items to skip.", "integer", example=0),
]
LISTING_COMMON = [
    *PAGINATION,
    param(
        "fields", "Fields to add (comma separated; `*` for all, `-name` to drop one).", example="*"
    ),
    param(
        "order",
        "Field to sort by; `-field` descending, `random` shuffles.",
        example="-first_published_at",
    ),
    param("search", "Full-text search within this listing."),
]
