"""The search page: a form, results with highlighted snippets, facets and pages; no JavaScript."""

from django.core.paginator import EmptyPage, Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language

from search.services import MAX_QUERY_LENGTH, InvalidSearch, SearchParams, search_pages

TEMPLATE = "search/search.html"


def _link(params, **changes):
    """``?q=…&type=…`` for ``params`` with ``changes`` applied (None removes), from page 1."""
    values = {"q": params.query, **params.filters(), **changes}
    return "?" + urlencode(
        {name: value for name, value in values.items() if value not in (None, "")}
    )


def _facet_groups(outcome):
    chosen = outcome.params.filters()
    groups = []
    for name, values in outcome.facets.items():
        if not values:
            continue
        options = [
            {
                "label": value.label,
                "count": value.count,
                "selected": str(chosen.get(name, "")) == value.value,
                "url": _link(outcome.params, **{name: value.value}),
            }
            for value in values
        ]
        groups.append(
            {
                "name": name,
                "options": options,
                "clear_url": _link(outcome.params, **{name: None}) if name in chosen else None,
            }
        )
    return groups


def search(request):
    """Search the live public pages in the page's language; ``?q=`` with optional type, tag,
    year, district and page."""
    try:
        # The URL chooses the language (/search/ or /en/search/), so ``lang`` is not read.
        params = SearchParams.from_querydict(request.GET, language=get_language())
    except InvalidSearch as error:
        context = {"query": request.GET.get("q", "")[:MAX_QUERY_LENGTH], "error": str(error)}
        return render(request, TEMPLATE, context, status=400)
    context = {"query": params.query, "max_length": MAX_QUERY_LENGTH}
    if params.query:
        outcome = search_pages(params, request=request)
        context["outcome"] = outcome
        context["facet_groups"] = _facet_groups(outcome)
        paginator = Paginator(range(outcome.count), outcome.page_size)
        try:
            context["page_obj"] = paginator.page(params.page)
        except EmptyPage:
            context["page_obj"] = None
        context["filter_query"] = _link(params)[1:]
    return render(request, TEMPLATE, context)
