"""The results of a search as a feed: ``/search/feed/?q=…`` (Atom) and ``/search/feed/rss/?q=…``.

Takes the search page's parameters (``q``, ``type``, ``tag``, ``year``, ``district``) and
language; a reader subscribed to it sees new pages that match as they are published.
"""

from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.feeds import FEED_SIZE, FeedSource, feed_response
from search.services import InvalidSearch, SearchParams, search_pages


def search_feed(request, kind="atom"):
    """The best ``FEED_SIZE`` matches of the search in ``request.GET``; 400 for a bad search."""
    try:
        params = SearchParams.from_querydict(request.GET, language=get_language())
    except InvalidSearch as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    if not params.has_words:
        return HttpResponseBadRequest(
            _("Give some words to search for in “q”."), content_type="text/plain; charset=utf-8"
        )
    outcome = search_pages(params, request=request, page_size=FEED_SIZE)
    query = "?" + urlencode({"q": params.query, **params.filters()})
    source = FeedSource(
        title=_("Search: %(query)s") % {"query": params.query},
        link=reverse("search:search") + query,
        feed_url=request.path + query,
        items=[hit.page for hit in outcome.hits],
    )
    return feed_response(request, source, kind)
