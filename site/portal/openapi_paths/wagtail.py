"""Wagtail API v2 (pages, documents, images, districts, departments) and search.

Wagtail builds its serializers from each request's ``?type=`` and ``?fields=``, which
drf-spectacular cannot read; the accepted page and search types come from the code.
"""

from .common import (
    BAD_REQUEST,
    LISTING_COMMON,
    NOT_FOUND,
    json_body,
    ok,
    operation,
    param,
)


def _page_filters():
    """Filters of the pages listing; ``type`` names every page model (Wagtail accepts any)."""
    from wagtail.models import Page, get_page_models

    labels = sorted(model._meta.label for model in get_page_models() if model is not Page)
    return [
        param(
            "type",
            "Page types, as `app.Model`, comma separated: "
            + ", ".join(f"`{label}`" for label in labels)
            + ".",
            example="cms.TenderPage",
        ),
        param("locale", "Language of the pages: `fa` or `en`.", example="fa"),
        param("translation_of", "Translations of the page with this id.", "integer"),
        param("child_of", "Children of the page with this id.", "integer"),
        param("descendant_of", "Descendants of the page with this id.", "integer"),
        param("ancestor_of", "Ancestors of the page with this id.", "integer"),
        param("tags", "Pages having all these tags (comma separated).", example="شفافیت"),
        param("search_operator", "`and` or `or` between search words.", enum=["and", "or"]),
    ]


def _search_types():
    """The public type names search accepts, in its facet order."""
    from search.content import TYPE_NAMES

    return list(TYPE_NAMES.values())


ID = param("id", "The item's id.", "integer", location="path")
FIND_BY_ID = param("id", "The item's id.", "integer")
FIND_BY_PATH = param("html_path", "The page's path on the site.", example="/news/")


def _wagtail_endpoint(tag, what, filters, find_by):
    """The listing, detail and find paths of one Wagtail API v2 endpoint."""
    listing = operation(
        tag,
        f"{tag}_list",
        f"List {what}",
        f"Published {what}, newest first unless `order` says otherwise. "
        "Any field of the type can filter the listing: `?status=open`.",
        [*LISTING_COMMON, *filters],
        {**ok(f"A page of {what}", "#/components/schemas/Listing"), "400": BAD_REQUEST},
    )
    detail = operation(
        tag,
        f"{tag}_detail",
        f"One of the {what}",
        f"Every field of one of the {what}.",
        [ID, param("fields", "Fields to add or drop.")],
        {**ok("The item", "#/components/schemas/Item"), "404": NOT_FOUND},
    )
    find = operation(
        tag,
        f"{tag}_find",
        f"Find one of the {what}",
        "Redirects to the API detail of the item found.",
        find_by,
        {"302": {"description": "Redirect to the item's API detail"}, "404": NOT_FOUND},
    )
    return listing, detail, find


def search_paths():
    language = param("lang", "Language searched: `fa` (default) or `en`.", example="fa")
    search = operation(
        "search",
        "search",
        "Search all published content",
        "Results of one language, best first, with counts per type, tag, Jalali year and "
        "district. Snippets are escaped HTML with `<mark>` around matches.",
        [
            param(
                "q",
                "Words to search for (at most 200 characters).",
                required=True,
                example="آسفالت",
            ),
            language,
            param(
                "type",
                "Content type: " + ", ".join(f"`{name}`" for name in _search_types()) + ".",
                example="tender",
            ),
            param("tag", "Only pages with this tag."),
            param("year", "Jalali year, e.g. 1403.", "integer", example=1403),
            param("district", "Municipal district number.", "integer"),
            param("page", "Page of results (10 a page).", "integer", example=1),
        ],
        {**ok("Results", "#/components/schemas/SearchResults"), "400": BAD_REQUEST},
    )
    suggest = operation(
        "search",
        "search_suggest",
        "Suggest titles as someone types",
        "Up to eight published pages whose title words start like `q`.",
        [param("q", "The beginning of some words.", required=True, example="بودج"), language],
        {
            "200": json_body(
                "Suggestions",
                {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
            ),
            "400": BAD_REQUEST,
        },
    )
    return {"/api/search/": search, "/api/search/suggest/": suggest}


def wagtail_paths():
    """Listing, detail and find of each Wagtail API v2 endpoint."""
    endpoints = [
        ("pages", "pages", _page_filters(), (FIND_BY_PATH, FIND_BY_ID)),
        ("documents", "documents", (), (FIND_BY_ID,)),
        ("images", "images", (), (FIND_BY_ID,)),
        ("districts", "municipal districts", (), (FIND_BY_ID,)),
        ("departments", "municipal departments", (), (FIND_BY_ID,)),
    ]
    paths = {}
    for tag, what, filters, find_by in endpoints:
        listing, detail, find = _wagtail_endpoint(tag, what, filters, find_by)
        paths[f"/api/v2/{tag}/"] = listing
        paths[f"/api/v2/{tag}/{{id}}/"] = detail
        paths[f"/api/v2/{tag}/find/"] = find
    return paths
