"""The Elasticsearch backend against a real cluster; skipped (with the reason) without one.

    ELASTICSEARCH_URL=http://localhost:9200 .venv/bin/pytest tests/search/test_elasticsearch_live.py

Each test builds its own index behind a throwaway alias and deletes it afterwards.
"""

import os
import uuid

import pytest
from django.test import override_settings

from search import services
from search.backends import elasticsearch
from search.services import SearchParams, search_pages
from tests.search.test_relevance import CASES

URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = pytest.mark.skipif(
    not URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against"
)


@pytest.fixture
def live_index(db):
    """Settings pointing at the cluster under a fresh alias; every index of it removed after."""
    alias = f"shafaf-test-{uuid.uuid4().hex[:8]}"
    with override_settings(ELASTICSEARCH_URL=URL, ELASTICSEARCH_INDEX=alias):
        yield alias
        client = elasticsearch.get_client()
        # Wildcard deletes are refused by default (action.destructive_requires_name).
        for name in client.indices.get(index=f"{alias}-*", allow_no_indices=True):
            client.indices.delete(index=name, ignore_unavailable=True)


@pytest.fixture
def indexed_corpus(corpus, live_index):
    from search.backends.elasticsearch import indexing

    indexing.rebuild()
    return corpus


def found_keys(corpus, query):
    keys = {page.pk: key for key, page in corpus.items()}
    outcome = search_pages(SearchParams(query=query), page_size=50)
    return [keys.get(hit.page.pk) for hit in outcome.hits]


@pytest.mark.parametrize(("query", "expected", "about"), CASES, ids=[c[0] for c in CASES])
def test_every_relevance_case_finds_its_document(indexed_corpus, query, expected, about):
    assert expected in found_keys(indexed_corpus, query), about


@pytest.mark.parametrize("query", ["آسفالت", "محیط زیست پسماند", "إسكان", "بودجه"])
def test_counts_and_facets_equal_the_database_backend(indexed_corpus, query):
    from_elasticsearch = search_pages(SearchParams(query=query))
    with override_settings(ELASTICSEARCH_URL=""):
        from_database = search_pages(SearchParams(query=query))
    assert from_elasticsearch.count == from_database.count
    assert from_elasticsearch.facets_json() == from_database.facets_json()
    assert {h.page.pk for h in from_elasticsearch.hits} == {h.page.pk for h in from_database.hits}


def test_suggest_completes_normalized_prefixes(indexed_corpus):
    titles = [s["title"] for s in services.suggest("كتابخ")]
    assert titles == [indexed_corpus["news_library"].title]


def test_a_rebuild_moves_the_alias_and_leaves_a_single_index(indexed_corpus, live_index):
    from search.backends.elasticsearch import indexing

    indexing.rebuild()
    client = elasticsearch.get_client()
    assert len(client.indices.get_alias(name=live_index)) == 1
    assert search_pages(SearchParams(query="آسفالت")).count == 2


def test_unpublishing_removes_a_page_and_publishing_brings_it_back(
    indexed_corpus, django_capture_on_commit_callbacks
):
    page = indexed_corpus["news_library"]
    client = elasticsearch.get_client()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    client.indices.refresh(index=elasticsearch.index_alias())
    assert search_pages(SearchParams(query="کتابخانه")).count == 0
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    client.indices.refresh(index=elasticsearch.index_alias())
    assert search_pages(SearchParams(query="کتابخانه")).count == 1
