"""The Elasticsearch backend without a cluster: mapping, analyzer and request bodies as data,
responses read into the same outcome as the database's, and publishing wired to index syncs.

tests/search/test_elasticsearch_live.py runs the same backend against a real cluster.
"""

import pytest

pytest.importorskip("elasticsearch", reason="the elasticsearch package is not installed")

from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import PageViewRestriction

from cms import models
from search import services
from search.backends import elasticsearch
from search.backends.elasticsearch import analysis, indexing, queries
from search.backends.elasticsearch.documents import PageDocument
from search.normalization import JOINER, index_text, normalize
from search.services import SearchParams, search_pages
from tests.cms.factories import NewsPageFactory

ES = override_settings(ELASTICSEARCH_URL="http://elasticsearch.invalid:9200")


def index_definition():
    return PageDocument.index_for("shafaf-pages-test").to_dict()


def test_the_persian_analyzer_folds_then_normalizes_then_drops_stop_words():
    analysis_settings = index_definition()["settings"]["analysis"]
    assert analysis_settings["analyzer"]["persian_text"] == {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["persian_chars"],
        "filter": [
            "lowercase",
            "decimal_digit",
            "arabic_normalization",
            "persian_normalization",
            "persian_stop",
        ],
    }
    assert analysis_settings["filter"]["persian_stop"] == {"type": "stop", "stopwords": "_persian_"}
    assert "persian_stop" not in analysis_settings["analyzer"]["persian_all_words"]["filter"]


def test_the_char_filter_joins_half_spaces_and_folds_arabic_letters():
    mappings = index_definition()["settings"]["analysis"]["char_filter"]["persian_chars"]
    assert mappings["type"] == "mapping"
    rules = mappings["mappings"]
    for rule in ("\\u200C=>", "\\u200B=>", "\\u064A=>\\u06CC", "\\u0643=>\\u06A9", "\\u0640=>"):
        assert rule in rules


def apply_mappings(text):
    for rule in analysis.char_mappings():
        source, target = rule.split("=>")
        decode = lambda escaped: escaped.encode().decode("unicode_escape")  # noqa: E731
        text = text.replace(decode(source), decode(target) if target else "")
    return text


@pytest.mark.parametrize(
    "written", ["مناقصه‌ي", "كتابخانه", "می\u200bشود", "اطلاعـیه", "مدرسة", "مؤسسه", "إسكان"]
)
def test_the_char_filter_agrees_with_python_normalization(written):
    # The analyzer must not undo or contradict what normalize() did before indexing.
    assert normalize(apply_mappings(written)) == normalize(written)
    assert JOINER not in apply_mappings(written)


def test_the_mapping_keeps_facets_as_keywords_and_text_twice():
    properties = index_definition()["mappings"]["properties"]
    assert properties["type"] == {"type": "keyword"}
    assert properties["language"] == {"type": "keyword"}
    assert properties["tags"] == {"type": "keyword"}
    assert properties["year"] == {"type": "integer"}
    assert properties["district"] == {"type": "integer"}
    assert properties["title"]["analyzer"] == "persian_text"
    assert properties["title"]["fields"]["all"]["analyzer"] == "persian_all_words"
    assert properties["suggest"]["analyzer"] == "persian_all_words"


def term_clause(body):
    """The matching clause of one word (see queries._term)."""
    return body["bool"]["must"][0]["multi_match"]


def test_the_search_body_normalizes_words_filters_and_asks_for_every_facet():
    params = SearchParams(query="مناقصه‌ي  ۱۴۰۳ ab", type="tender", tag="آب", year=1403, district=5)
    body = queries.search_request(params, 10, index="shafaf-pages", tag_facet_size=20).to_dict()
    words = body["query"]["bool"]["must"][0]["bool"]["must"]
    whole, parts = words[0]["bool"]["should"]
    assert term_clause(whole)["query"] == "مناقصهی"
    assert term_clause(whole)["type"] == "bool_prefix"
    assert [term_clause(part)["query"] for part in parts["bool"]["must"]] == ["مناقصه", "ی"]
    assert term_clause(words[1]) == {
        "query": "1403",
        "type": "best_fields",  # numbers never match as prefixes
        "fields": ["title.all^2", "body.all"],
        "operator": "and",
    }
    assert term_clause(words[2])["type"] == "best_fields"  # too short to be a prefix
    assert body["query"]["bool"]["filter"] == [
        {"term": {"language": "fa"}},  # the site's default language
        {"term": {"type": "tender"}},
        {"term": {"tags": "آب"}},
        {"term": {"year": 1403}},
        {"term": {"district": 5}},
    ]
    assert set(body["aggs"]) == {"type", "tag", "year", "district"}
    assert body["aggs"]["tag"]["terms"]["size"] == 20
    assert body["aggs"]["district"]["aggs"]["name"]["terms"]["field"] == "district_name"
    assert body["sort"] == [{"_score": {"order": "desc"}}, {"page_id": {"order": "desc"}}]
    assert body["track_total_hits"] is True
    assert body["_source"] is False
    assert (body["from"], body["size"]) == (0, 10)


def test_later_pages_start_further_on():
    body = queries.search_request(
        SearchParams(query="آسفالت", page=3), 10, index="i", tag_facet_size=20
    ).to_dict()
    assert (body["from"], body["size"]) == (20, 10)


def query_strings(body):
    """Every ``query`` text anywhere in a request body."""
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "query" and isinstance(value, str):
                yield value
            else:
                yield from query_strings(value)
    elif isinstance(body, list):
        for item in body:
            yield from query_strings(item)


@pytest.mark.parametrize(
    "query", ['"', "NEAR(x, 2)", "آسف*", "' OR 1=1 --", "{title body}: x", "🔍"]
)
def test_query_syntax_never_reaches_elasticsearch_as_syntax(query):
    body = queries.search_request(SearchParams(query=query), 10, index="i", tag_facet_size=20)
    texts = list(query_strings(body.to_dict()))
    assert all(text.isalnum() for text in texts), texts
    assert "query_string" not in str(body.to_dict())


def test_a_query_without_words_matches_nothing():
    body = queries.search_request(SearchParams(query="***"), 10, "i", 20).to_dict()
    assert body["query"]["bool"]["must"] == [{"match_none": {}}]


def test_suggest_body_completes_every_word():
    body = queries.suggest_request("كتابخ 14", 8, index="i", language="en").to_dict()
    assert body["query"]["bool"]["filter"] == [{"term": {"language": "en"}}]
    assert body["query"]["bool"]["must"] == [
        {"match_bool_prefix": {"suggest": "کتابخ"}},
        {"match_bool_prefix": {"suggest": "14"}},
    ]
    assert body["size"] == 8


RECORDED_RESPONSE = {
    "took": 3,
    "timed_out": False,
    "hits": {
        "total": {"value": 3, "relation": "eq"},
        "max_score": None,
        "hits": [
            {"_index": "shafaf-pages-1", "_id": "17", "_score": 4.2, "sort": [4.2, 17]},
            {"_index": "shafaf-pages-1", "_id": "9", "_score": 1.1, "sort": [1.1, 9]},
        ],
    },
    "aggregations": {
        "type": {
            "buckets": [{"key": "project", "doc_count": 1}, {"key": "tender", "doc_count": 2}]
        },
        "tag": {"buckets": [{"key": "عمران", "doc_count": 2}, {"key": "آب", "doc_count": 1}]},
        "year": {"buckets": [{"key": 1403, "doc_count": 2}, {"key": 1401, "doc_count": 1}]},
        "district": {
            "buckets": [
                {
                    "key": 5,
                    "doc_count": 1,
                    "name": {"buckets": [{"key": "منطقه‌ی ۵", "doc_count": 1}]},
                }
            ]
        },
    },
}


def test_a_recorded_response_reads_into_ids_count_and_ordered_facets():
    ids, count, facets = queries.read_search(RECORDED_RESPONSE)
    assert ids == [17, 9]
    assert count == 3
    assert facets["type"][0][0] == "tender"  # site order: tenders before projects
    assert [value for value, _label, _count in facets["type"]] == ["tender", "project"]
    assert facets["tag"] == [("عمران", "عمران", 2), ("آب", "آب", 1)]
    assert facets["year"] == [("1403", "1403", 2), ("1401", "1401", 1)]
    assert facets["district"] == [("5", "منطقه‌ی ۵", 1)]


def test_an_empty_response_reads_as_nothing_found():
    assert queries.read_search({"hits": {"total": {"value": 0}, "hits": []}}) == (
        [],
        0,
        {"type": [], "tag": [], "year": [], "district": []},
    )


class FakeResponse:
    def __init__(self, body):
        self.body = body


class FakeClient:
    """Answers every search with ``response``; records what it was asked."""

    def __init__(self, response):
        self.response = response
        self.requests = []

    def search(self, index, body):
        self.requests.append((index, body))
        return FakeResponse(self.response)


def response_like(outcome):
    """What Elasticsearch would answer for the database's ``outcome``."""

    def buckets(name, key=str):
        return [
            {
                "key": key(value.value),
                "doc_count": value.count,
                "name": {"buckets": [{"key": value.label}]},
            }
            for value in outcome.facets[name]
        ]

    return {
        "hits": {
            "total": {"value": outcome.count, "relation": "eq"},
            "hits": [{"_id": str(hit.page.pk)} for hit in outcome.hits],
        },
        "aggregations": {
            "type": {"buckets": buckets("type")},
            "tag": {"buckets": buckets("tag")},
            "year": {"buckets": buckets("year", int)},
            "district": {"buckets": buckets("district", int)},
        },
    }


@pytest.mark.parametrize("query", ["آسفالت", "محیط زیست پسماند", "إسكان"])
def test_search_pages_gives_the_same_outcome_from_elasticsearch_as_from_the_database(
    client, corpus, monkeypatch, query
):
    from_database = client.get("/api/search/", {"q": query}).json()
    outcome = search_pages(SearchParams(query=query))
    fake = FakeClient(response_like(outcome))
    monkeypatch.setattr(elasticsearch, "get_client", lambda: fake)
    with ES:
        from_elasticsearch = client.get("/api/search/", {"q": query}).json()
    assert len(fake.requests) == 1
    assert fake.requests[0][0] == [elasticsearch.index_alias()]
    assert from_elasticsearch == from_database


def test_pages_no_longer_public_are_dropped_even_if_the_index_still_has_them(corpus, monkeypatch):
    page = corpus["tender_asphalt"]
    response = {"hits": {"total": {"value": 1}, "hits": [{"_id": str(page.pk)}]}}
    monkeypatch.setattr(elasticsearch, "get_client", lambda: FakeClient(response))
    page.unpublish()
    with ES:
        assert search_pages(SearchParams(query="آسفالت")).hits == []


def test_suggest_reads_pages_in_the_order_elasticsearch_ranks_them(corpus, monkeypatch):
    first, second = corpus["news_library"], corpus["news_metro"]
    response = {"hits": {"hits": [{"_id": str(first.pk)}, {"_id": str(second.pk)}]}}
    monkeypatch.setattr(elasticsearch, "get_client", lambda: FakeClient(response))
    with ES:
        assert [s["id"] for s in services.suggest("ا")] == [first.pk, second.pk]


def test_a_page_document_holds_normalized_text_and_its_facet_values(corpus):
    project = models.ProjectPage.objects.get(pk=corpus["project_bridge"].pk)
    document = indexing.documents([project])[0].to_dict(include_meta=True)
    assert document["_id"] == project.pk
    source = document["_source"]
    assert source["type"] == "project"
    assert source["language"] == "fa"
    assert source["title"] == index_text(project.title)
    assert "مقاوم" in source["body"].split()
    assert (source["year"], source["district"], source["district_name"]) == (1403, 5, "منطقه‌ی 5")
    budget = corpus["budget_1399"]
    assert indexing.documents([budget])[0].year == 1399  # budgets by fiscal year
    tagged = indexing.documents([corpus["law_waste"]])[0]
    assert list(tagged.tags) == ["محیط زیست"]


def test_a_rebuild_indexes_every_searchable_page_into_the_new_index(corpus, sections):
    actions = list(indexing._index_actions("shafaf-pages-new", chunk_size=3))
    assert {action["_index"] for action in actions} == {"shafaf-pages-new"}
    ids = {action["_id"] for action in actions}
    assert ids == set(services.searchable_pages().values_list("pk", flat=True))
    assert {page.pk for page in corpus.values()} <= ids


class FakeIndices:
    def __init__(self, existing):
        self.existing = existing
        self.calls = []

    def exists_alias(self, name):
        return bool(self.existing)

    def get_alias(self, name):
        return {index: {"aliases": {name: {}}} for index in self.existing}

    def update_aliases(self, actions):
        self.calls.append(("update_aliases", actions))

    def delete(self, index, ignore_unavailable):
        self.calls.append(("delete", index))


def test_swapping_the_alias_is_one_atomic_call_then_old_indices_go():
    fake = type("Client", (), {})()
    fake.indices = FakeIndices(["shafaf-pages-1"])
    indexing.swap_alias(fake, "shafaf-pages", "shafaf-pages-2")
    assert fake.indices.calls == [
        (
            "update_aliases",
            [
                {"remove": {"index": "shafaf-pages-1", "alias": "shafaf-pages"}},
                {"add": {"index": "shafaf-pages-2", "alias": "shafaf-pages"}},
            ],
        ),
        ("delete", "shafaf-pages-1"),
    ]


def test_rebuild_search_refuses_elasticsearch_without_a_url():
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL"):
        call_command("rebuild_search", backend="elasticsearch")


@pytest.fixture
def synced(monkeypatch):
    """The page-id lists that sync tasks ran with (the indexing itself is not called)."""
    calls = []
    monkeypatch.setattr(indexing, "sync_pages", lambda page_ids: calls.append(sorted(page_ids)))
    return calls


def test_publishing_unpublishing_and_deleting_a_page_sync_it(
    sections, synced, django_capture_on_commit_callbacks
):
    page = NewsPageFactory(parent=sections[models.NewsIndexPage], title="خبر تازه")
    # Callbacks run when each block exits, as they would when its transaction commits.
    with ES, django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert synced == [[page.pk]]
    with ES, django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert synced[1:] == [[page.pk]]
    with ES, django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert synced[2:] == [[page.pk]]


def test_restricting_a_section_syncs_every_page_below_it(
    sections, synced, django_capture_on_commit_callbacks
):
    section = sections[models.NewsIndexPage]
    child = NewsPageFactory(parent=section, title="خبر")
    with ES, django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    assert synced == [sorted([section.pk, child.pk])]


def test_nothing_is_queued_when_elasticsearch_is_not_configured(
    sections, synced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = NewsPageFactory(parent=sections[models.NewsIndexPage], title="خبر")
        page.save_revision().publish()
        page.unpublish()
    assert synced == []
