"""The Elasticsearch backend, used instead of the database when ``ELASTICSEARCH_URL`` is set.

Not a Wagtail search backend: it indexes one document per live public page (its type, tags,
Jalali year and district with it), so that one request answers the hits, the count and every
facet. The pieces:

* :mod:`.analysis`: the Persian analyzer, folding the letters :mod:`search.normalization` folds;
* :mod:`.documents`: the ``PageDocument`` mapping, built with ``elasticsearch.dsl``;
* :mod:`.indexing`: building documents, rebuilding behind an alias, syncing changed pages;
* :mod:`.queries`: the search and suggest requests and the reading of their responses.

Text goes through :func:`search.normalization.index_text` before indexing and the query
through :func:`search.normalization.query_terms`, exactly as for the database backend, so
both find the same documents; the analyzer folds the same letters again for text that did
not come through Python (and lets the ``_persian_`` stop words out of the scoring).
"""

import functools

from django.conf import settings

DEFAULT_INDEX = "shafaf-pages"


def url():
    """The cluster's URL, or an empty string when the database backend is in use."""
    return getattr(settings, "ELASTICSEARCH_URL", "") or ""


def is_configured():
    return bool(url())


def index_alias():
    """The alias searches read from and rebuilds move; real indices are ``<alias>-<time>``."""
    return getattr(settings, "ELASTICSEARCH_INDEX", "") or DEFAULT_INDEX


def get_client():
    """A client for the configured cluster (one per URL and process)."""
    return _client(url())


@functools.cache
def _client(address):
    from elasticsearch import Elasticsearch

    return Elasticsearch(address, request_timeout=30, retry_on_timeout=True)
