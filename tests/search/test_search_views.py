"""The search page and API: shapes, facets, highlighting, visibility, query counts, bad input."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms import models
from search.services import SearchParams, search_pages
from tests.cms.factories import NewsPageFactory, TenderPageFactory

API = "/api/search/"


def api(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_api_returns_results_and_facets_in_the_documented_shape(client, corpus):
    data = api(client, q="آسفالت")
    assert set(data) >= {"count", "results", "facets"}
    assert data["count"] == 2
    assert set(data["results"][0]) == {"id", "type", "title", "url", "snippet", "date"}
    assert set(data["facets"]) == {"type", "tag", "year", "district"}
    first = next(r for r in data["results"] if r["id"] == corpus["tender_asphalt"].pk)
    assert first["type"] == "tender"
    assert first["date"] == "2024-05-01"
    assert first["url"] == corpus["tender_asphalt"].url


def test_facets_count_types_tags_jalali_years_and_districts(client, corpus):
    facets = api(client, q="محیط زیست پسماند")["facets"]
    assert facets["tag"] == {"محیط زیست": 1}
    facets = api(client, q="آسفالت")["facets"]
    assert facets["type"] == {"tender": 1, "project": 1}
    assert facets["year"] == {"1403": 2}
    assert facets["district"] == {"5": 1}
    # Budgets are dated by their fiscal year, the rest by their own date in the Jalali calendar.
    assert api(client, q="بودجه")["facets"]["year"] == {"1399": 1}
    assert api(client, q="إسكان")["facets"]["year"] == {"1401": 1}
    assert api(client, q="إسكان")["facets"]["district"] == {"3": 1}


def test_facet_filters_narrow_the_results(client, corpus):
    assert api(client, q="آسفالت")["facets"]["type"] == {"tender": 1, "project": 1}
    assert [r["type"] for r in api(client, q="آسفالت", type="project")["results"]] == ["project"]
    assert api(client, q="آسفالت", district="۵")["count"] == 1
    assert api(client, q="آسفالت", district="3")["count"] == 0
    assert api(client, q="افتتاح", year="۱۴۰۲")["results"][0]["id"] == corpus["news_library"].pk
    assert api(client, q="افتتاح", year="1403")["results"][0]["id"] == corpus["news_metro"].pk
    assert api(client, q="تفکیک", tag="محیط زیست")["count"] == 1
    assert api(client, q="تفکیک", tag="فرهنگی")["count"] == 0


def test_snippet_marks_the_matched_words_and_escapes_the_rest(client, xss_page):
    snippet = api(client, q="ترافيكي")["results"][0]["snippet"]
    assert "<mark>ترافیکی</mark>" in snippet
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet


def test_search_page_shows_escaped_results_facets_and_marks(client, xss_page):
    response = client.get("/search/", {"q": "ترافیکی"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>ترافیکی</mark>" in html
    assert "<script>alert" not in html
    assert 'href="?q=%D8%AA' in html  # facet links keep the query


def test_search_page_works_in_english_and_without_a_query(client, corpus):
    assert client.get("/en/search/", {"q": "metro"}).status_code == 200
    assert client.get("/search/").status_code == 200


def test_drafts_unpublished_changes_and_private_pages_are_never_found(client, sections):
    news = sections[models.NewsIndexPage]
    NewsPageFactory(parent=news, title="پیش‌نویس محرمانه زمرد", live=False)
    published = NewsPageFactory(parent=news, title="خبر منتشرشده")
    published.title = "تغییر منتشرنشده یاقوت"
    published.save_revision()
    private = NewsPageFactory(parent=news, title="صفحه‌ی خصوصی فیروزه")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for word in ("زمرد", "یاقوت", "فیروزه"):
        assert api(client, q=word)["count"] == 0, word
        assert client.get("/api/search/suggest/", {"q": word}).json() == [], word
    assert api(client, q="منتشرشده")["count"] == 1


def test_suggest_completes_normalized_prefixes(client, corpus):
    titles = [s["title"] for s in client.get("/api/search/suggest/", {"q": "كتابخ"}).json()]
    assert titles == [corpus["news_library"].title]
    by_reference = client.get("/api/search/suggest/", {"q": "م-1403-98"}).json()
    assert [s["id"] for s in by_reference] == [corpus["tender_asphalt"].pk]
    assert client.get("/api/search/suggest/", {"q": ""}).json() == []


def test_query_count_does_not_grow_with_the_number_of_results(sections):
    tenders = sections[models.TenderIndexPage]
    params = SearchParams(query="لایروبی")
    counts = {}
    for size in (3, 30):
        while models.TenderPage.objects.filter(title__contains="لایروبی").count() < size:
            TenderPageFactory(parent=tenders, title="مناقصه‌ی لایروبی انهار", tags=["آب"])
        search_pages(params)  # warms the per-process caches (content types, site root paths)
        with CaptureQueriesContext(connection) as queries:
            outcome = search_pages(params)
        assert outcome.count == size
        counts[size] = len(queries)
    # view restrictions (public()), all ranked ids (the count too), the hits' types and
    # specific rows, four facets: 8 whatever the size (9 when the count searched again)
    assert counts[3] == counts[30] <= 8


GARBAGE = [
    "",
    " ",
    "a" * 1000,
    "آسفالت " * 150,
    '"',
    '"آسفالت',
    "*",
    "آسف*",
    "NEAR(",
    "NEAR(آسفالت معابر, 2)",
    "OR",
    "آسفالت OR معابر",
    "AND NOT",
    "title:آسفالت",
    "{title body}: x",
    "^آسفالت",
    "'",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    "\\",
    "%",
    "_",
    "a & b | !c",
    "آسفالت:*",
    "(",
    ")",
    "\x00",
    "آسفالت\x00",
    "\u200c\u200c",
    "ـــ",
    "🔍",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_queries_give_results_or_a_clear_400(client, corpus, query):
    response = client.get(API, {"q": query})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"]
    assert client.get("/search/", {"q": query}).status_code in (200, 400)
    assert client.get("/api/search/suggest/", {"q": query}).status_code in (200, 400)


@pytest.mark.parametrize(
    "params",
    [
        {"type": "nope"},
        {"year": "abc"},
        {"year": "99"},
        {"district": "x"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "۱e3"},
    ],
)
def test_bad_filters_are_refused_with_400(client, corpus, params):
    response = client.get(API, {"q": "آسفالت", **params})
    assert response.status_code == 400
    assert response.json()["error"]
    assert client.get("/search/", {"q": "آسفالت", **params}).status_code == 400


def test_a_page_past_the_last_is_empty_not_an_error(client, corpus):
    data = api(client, q="آسفالت", page="9")
    assert data["results"] == []
    assert data["count"] == 2


def test_rebuild_search_indexes_everything_and_reports_counts(corpus, capsys):
    call_command("rebuild_search")
    out = capsys.readouterr().out
    assert "cms.TenderPage" in out
    assert "Indexed" in out
    assert search_pages(SearchParams(query="آسفالت")).count == 2


def test_rebuild_search_fails_with_an_error_when_indexing_fails(corpus, monkeypatch):
    from wagtail.search.backends import get_search_backend

    index_class = get_search_backend().index_class

    def broken(self, model, objs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index_class, "add_items", broken)
    with pytest.raises(CommandError, match="disk full"):
        call_command("rebuild_search")
