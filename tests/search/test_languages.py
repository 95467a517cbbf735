"""Each search reads one language's pages: the site's language on the search page, ``?lang=``
in the API, so a Persian reader is never offered English titles, nor counted them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms import models
from cms.site_structure import ensure_translated_structure
from search import services
from search.backends.elasticsearch import queries
from search.services import SearchParams, search_pages
from tests.cms.factories import NewsPageFactory

API = "/api/search/"
SUGGEST = "/api/search/suggest/"


@pytest.fixture
def english_home(home):
    return ensure_translated_structure(home, "en")


@pytest.fixture
def pages(sections, english_home):
    """A news item in Persian and its English translation, both titled "Shafaf", and a
    Persian item copied to English but not yet translated."""
    english_locale = Locale.objects.get(language_code="en")
    persian = NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        title="گزارش شفاف بودجه‌ی شهرداری Shafaf",
        summary="گزارش سالانه‌ی بودجه",
    )
    english = persian.copy_for_translation(english_locale)
    english.title = english.draft_title = "Shafaf municipal budget report"
    english.summary = "The yearly budget report"
    english.save_revision().publish()
    schools = NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        title="نوسازی مدارس فرسوده",
        summary="بودجه‌ی نوسازی مدارس",
    )
    # Copied for translation: the English copy still has the Persian words.
    untranslated = schools.copy_for_translation(english_locale)
    untranslated.save_revision().publish()
    return {"fa": persian, "en": english.specific, "schools": schools, "copy": untranslated}


def ids(results):
    return [result["id"] for result in results]


def test_the_persian_search_page_finds_only_persian_pages(client, pages):
    html = client.get("/search/", {"q": "Shafaf"}).content.decode()
    assert pages["fa"].url in html
    assert "Shafaf municipal budget report" not in html


def test_the_english_search_page_finds_only_english_pages(client, pages):
    html = client.get("/en/search/", {"q": "Shafaf"}).content.decode()
    assert "Shafaf municipal budget report" in html
    assert pages["fa"].title not in html


def test_a_persian_reader_is_not_offered_an_untranslated_english_copy(client, pages):
    assert ids(client.get(API, {"q": "نوسازی مدارس"}).json()["results"]) == [pages["schools"].pk]
    english = client.get(API, {"q": "نوسازی مدارس", "lang": "en"}).json()
    assert ids(english["results"]) == [pages["copy"].pk]


def test_the_api_searches_the_site_default_language_unless_told(client, pages):
    assert ids(client.get(API, {"q": "Shafaf"}).json()["results"]) == [pages["fa"].pk]
    assert ids(client.get(API, {"q": "Shafaf", "lang": "fa"}).json()["results"]) == [pages["fa"].pk]
    english = client.get(API, {"q": "Shafaf", "lang": "en"}).json()
    assert ids(english["results"]) == [pages["en"].pk]


def test_the_api_ignores_the_readers_browser_language(client, pages):
    response = client.get(API, {"q": "Shafaf"}, headers={"accept-language": "en"})
    assert ids(response.json()["results"]) == [pages["fa"].pk]


def test_facet_counts_count_only_the_languages_pages(client, pages):
    persian = client.get(API, {"q": "بودجه", "type": "news"}).json()
    assert persian["count"] == 2
    assert persian["facets"]["type"] == {"news": 2}
    english = client.get(API, {"q": "بودجه", "type": "news", "lang": "en"}).json()
    assert ids(english["results"]) == [pages["copy"].pk]  # the English report is translated
    assert english["facets"]["type"] == {"news": 1}


@pytest.mark.parametrize("lang", ["de", "xx", "<script>", "fa' OR 1=1"])
def test_an_unknown_language_is_refused_with_400(client, pages, lang):
    for url in (API, SUGGEST):
        response = client.get(url, {"q": "Shafaf", "lang": lang})
        assert response.status_code == 400, url
        assert response.json()["error"]


def test_suggest_offers_only_titles_in_the_asked_language(client, pages):
    assert ids(client.get(SUGGEST, {"q": "Shaf"}).json()) == [pages["fa"].pk]
    english = client.get(SUGGEST, {"q": "Shaf", "lang": "en"}).json()
    assert ids(english) == [pages["en"].pk]
    assert [s["title"] for s in english] == ["Shafaf municipal budget report"]


def test_the_search_page_uses_its_own_language_not_a_lang_parameter(client, pages):
    html = client.get("/search/", {"q": "Shafaf", "lang": "en"}).content.decode()
    assert "Shafaf municipal budget report" not in html


def test_search_params_default_to_the_site_language(settings):
    assert SearchParams().language == settings.LANGUAGE_CODE
    assert SearchParams.from_querydict({"q": "x", "lang": "EN"}).language == "en"
    with pytest.raises(services.InvalidSearch):
        SearchParams.from_querydict({"q": "x", "lang": "de"})


def test_elasticsearch_requests_filter_by_language():
    body = queries.search_request(SearchParams(query="x", language="en"), 10, "i", 20).to_dict()
    assert {"term": {"language": "en"}} in body["query"]["bool"]["filter"]


def test_the_query_count_is_the_same_in_either_language(pages):
    counts = {}
    for language in ("fa", "en"):
        params = SearchParams(query="Shafaf", language=language)
        search_pages(params)  # warms the per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert search_pages(params).count == 1
        counts[language] = len(captured)
    assert counts["fa"] == counts["en"] <= 8


@pytest.mark.parametrize(("url", "lang"), [("/search/", "fa"), ("/en/search/", "en")])
def test_the_search_page_box_asks_for_suggestions_in_its_language(client, home, url, lang):
    html = client.get(url).content.decode()
    assert f'data-suggest-url="/api/search/suggest/?lang={lang}"' in html
