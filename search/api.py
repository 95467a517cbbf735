"""JSON search API: ``/api/search/`` (results and facets) and ``/api/search/suggest/``.

Both search the pages of one language, ``?lang=fa|en``, the site's default when absent.

Refusals are ``400 {"error": "…"}``; the shapes do not depend on the search backend.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import services

JSON_OPTIONS = {"ensure_ascii": False}


def _json(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params=JSON_OPTIONS)


@require_GET
def search(request):
    """``{"count", "results": [{"id", "type", "title", "url", "snippet", "date"}], "facets"}``."""
    try:
        params = services.SearchParams.from_querydict(request.GET)
    except services.InvalidSearch as error:
        return _json({"error": str(error)}, status=400)
    if not params.has_words:
        return _json({"error": _("Give some words to search for in “q”.")}, status=400)
    outcome = services.search_pages(params, request=request)
    return _json(
        {
            "count": outcome.count,
            "page": params.page,
            "num_pages": outcome.num_pages,
            "results": [hit.as_json() for hit in outcome.hits],
            "facets": outcome.facets_json(),
        }
    )


@require_GET
def suggest(request):
    """Up to eight ``{"id", "title", "url", "type"}`` whose words start like ``q``."""
    query = request.GET.get("q", "")
    if len(query) > services.MAX_QUERY_LENGTH:
        return _json({"error": _("The search text is too long.")}, status=400)
    try:
        language = services.search_language(request.GET.get("lang"))
    except services.InvalidSearch as error:
        return _json({"error": str(error)}, status=400)
    return _json(services.suggest(query, request=request, language=language))
