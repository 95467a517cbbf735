"""Polls are found like every other page, under their own type and dated by their opening."""

from django.utils import translation

from participation.models import PollPage
from search.backends.elasticsearch import indexing, queries
from search.content import display_date, type_label
from search.normalization import index_text
from search.services import SearchParams, search_pages

API = "/api/search/"


def api(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_poll_is_found_by_its_title_however_it_is_spelled(client, poll_page):
    for query in ("پیاده‌راه‌سازی", "پياده راه سازي", "نظرسنجی ولیعصر"):
        results = api(client, q=query)["results"]
        assert [r["id"] for r in results] == [poll_page.pk], query


def test_a_poll_result_has_the_poll_type_and_its_opening_date(client, poll_page):
    (result,) = api(client, q="ولیعصر")["results"]
    assert result["type"] == "poll"
    assert result["date"] == "2024-05-01"
    assert result["url"] == poll_page.url


def test_a_poll_is_found_by_the_words_of_its_choices(client, poll_page):
    assert [r["id"] for r in api(client, q="دوچرخه سواری")["results"]] == [poll_page.pk]


def test_polls_have_their_own_type_facet_and_filter(client, corpus, poll_page):
    facets = api(client, q="خیابان")["facets"]
    assert facets["type"] == {"tender": 1, "poll": 1}
    assert facets["year"] == {"1403": 2}  # the poll by the Jalali year it opened
    filtered = api(client, q="خیابان", type="poll")
    assert [r["id"] for r in filtered["results"]] == [poll_page.pk]
    assert api(client, q="خیابان", year="۱۴۰۳", type="poll")["count"] == 1
    assert api(client, q="خیابان", year="1402", type="poll")["count"] == 0


def test_the_poll_facet_is_labelled_in_the_readers_language(client, poll_page):
    outcome = search_pages(SearchParams(query="ولیعصر"))
    assert [(v.value, v.label) for v in outcome.facets["type"]] == [("poll", "نظرسنجی")]
    assert outcome.hits[0].type_label == "نظرسنجی"
    html = client.get("/search/", {"q": "ولیعصر"}).content.decode()
    assert "نظرسنجی" in html
    with translation.override("en"):
        assert str(type_label(PollPage)).lower() == "poll"


def test_an_unpublished_poll_is_not_found(client, poll_page):
    poll_page.unpublish()
    assert api(client, q="ولیعصر")["count"] == 0
    assert client.get("/api/search/suggest/", {"q": "ولیعصر"}).json() == []


def test_suggest_completes_poll_titles(client, poll_page):
    suggestions = client.get("/api/search/suggest/", {"q": "نظرسنجي ولیع"}).json()
    assert [(s["id"], s["type"]) for s in suggestions] == [(poll_page.pk, "poll")]


def test_the_elasticsearch_document_of_a_poll_has_its_type_date_and_choices(poll_page):
    page = PollPage.objects.get(pk=poll_page.pk)
    document = indexing.documents([page])[0]
    assert document.type == "poll"
    assert document.year == 1403
    assert document.date == display_date(page)
    assert document.title == index_text(page.title)
    body = document.body.split()
    assert "دوچرخه" in body  # the choices, as the database backend indexes them
    assert "پیادهراه" in body


def test_documents_for_many_polls_take_a_constant_number_of_queries(
    sections, poll_page, django_assert_max_num_queries
):
    from participation.models import PollIndexPage
    from tests.participation.factories import PollPageFactory

    for _ in range(5):
        PollPageFactory(parent=sections[PollIndexPage])
    pages = list(PollPage.objects.specific())
    with django_assert_max_num_queries(4):  # locales, tags, choices (no districts here)
        documents = indexing.documents(pages)
    assert len(documents) == 6


def test_elasticsearch_poll_buckets_read_with_the_poll_label():
    response = {
        "hits": {"total": {"value": 1}, "hits": [{"_id": "3"}]},
        "aggregations": {
            "type": {"buckets": [{"key": "poll", "doc_count": 1}, {"key": "news", "doc_count": 2}]}
        },
    }
    _ids, _count, facets = queries.read_search(response)
    assert [value for value, _label, _count in facets["type"]] == ["news", "poll"]  # site order
    assert facets["type"][1] == ("poll", "نظرسنجی", 1)


def test_a_rebuild_sends_polls_to_elasticsearch(poll_page):
    actions = list(indexing._index_actions("shafaf-pages-new", chunk_size=10))
    (poll,) = [action for action in actions if action["_id"] == poll_page.pk]
    assert poll["_source"]["type"] == "poll"


def test_suggestions_name_the_poll_type_for_the_script(client, home):
    html = client.get("/search/").content.decode()
    assert 'data-type-poll="نظرسنجی"' in html
